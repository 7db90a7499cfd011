package vmtool;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;

import vmtool.cli.CommandLineFactory;

/** Entry point: the only place that calls {@code System.exit}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        // Unbuffered descriptors: each command buffers and flushes what it writes itself.
        OutputStream out = new FileOutputStream(FileDescriptor.out);
        OutputStream err = new FileOutputStream(FileDescriptor.err);
        int status = CommandLineFactory.run(args, out, err);
        System.exit(status);
    }
}
