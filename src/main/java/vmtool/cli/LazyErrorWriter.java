package vmtool.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * Standard error as UTF-8, whose encoder is set up on the first write: most runs write no error, and making an
 * OutputStreamWriter (its encoder and buffers) was a twentieth of a small pmap's own work, in the interpreter.
 */
final class LazyErrorWriter extends Writer {
    private final OutputStream err;
    private Writer encoding;

    LazyErrorWriter(OutputStream err) {
        this.err = err;
    }

    private Writer encoding() {
        if (encoding == null) {
            encoding = new OutputStreamWriter(err, StandardCharsets.UTF_8);
        }
        return encoding;
    }

    @Override
    public void write(char[] chars, int offset, int length) throws IOException {
        encoding().write(chars, offset, length);
    }

    @Override
    public void write(String text, int offset, int length) throws IOException {
        encoding().write(text, offset, length);
    }

    @Override
    public void flush() throws IOException {
        if (encoding != null) {
            encoding.flush();
        }
    }

    @Override
    public void close() throws IOException {
        if (encoding != null) {
            encoding.close();
        } else {
            err.close();
        }
    }
}
