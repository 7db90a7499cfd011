package vmtool.output;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;

/**
 * Tells a write that failed because the reader closed the pipe (EPIPE: {@code vmtool pmap -X 1234 | head}) from
 * every other failed write. The JDK gives no errno: FileOutputStream and NIO's channels throw a plain IOException
 * whose message is strerror(errno), in the language of the locale (JNU_ThrowIOExceptionWithLastError). So this is
 * the one place that looks at that text, and it compares it with what this JVM says for a real EPIPE, a write into
 * a pipe whose read end it has just closed: never with English words, which a translated libc does not use.
 */
public final class BrokenPipe {
    private BrokenPipe() {
    }

    /** Whether {@code failure}, or an exception it wraps, is a write's EPIPE. */
    public static boolean is(IOException failure) {
        String epipe = Reference.MESSAGE;
        for (Throwable t = failure; t != null && epipe != null; t = t.getCause()) {
            if (t instanceof IOException && epipe.equals(t.getMessage())) {
                return true;
            }
        }
        return false;
    }

    /** Made on first use: only a run whose write failed pays for the pipe (a few classes of NIO). */
    private static final class Reference {
        static final String MESSAGE = epipeMessage();
    }

    /** What this JVM says for EPIPE; null if no pipe could be made to ask (then no failure is taken for EPIPE). */
    static String epipeMessage() {
        try {
            Pipe pipe = Pipe.open();
            pipe.source().close();
            try (Pipe.SinkChannel sink = pipe.sink()) {
                sink.write(ByteBuffer.allocate(1));
                return null;
            } catch (IOException e) {
                return e.getMessage();
            }
        } catch (IOException e) {
            return null;
        }
    }
}
