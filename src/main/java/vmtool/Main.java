package vmtool;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;

import vmtool.cli.CommandLineFactory;
import vmtool.proc.ProcFs;

/** Entry point: the only place that ends the JVM. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        // Unbuffered descriptors: each command buffers and flushes what it writes itself.
        int status = run(args, new FileOutputStream(FileDescriptor.out), new FileOutputStream(FileDescriptor.err));
        // halt, not exit: from JDK 21 on, Runtime.exit first looks up a System.Logger to log the exit, which loads
        // the logging framework (274 classes on JDK 25, a good part of a short pmap run). vmtool registers no
        // shutdown hook, and every command has flushed what it wrote; System.out and System.err are flushed here.
        System.out.flush();
        System.err.flush();
        awaitCompilers();
        Runtime.getRuntime().halt(status);
    }

    /**
     * Before JDK 25 the JVM's exit waits 10 ms for a compilation in progress, where what the compiler has left at
     * the end of a short run takes far less: waits for that first. StartupTraining calls this too, so that its
     * classes are in the start-up caches (a class read from the jar opens it through java.util.zip: ~4 ms).
     */
    static void awaitCompilers() {
        if (exitWaitsForCompilers()) {
            ProcFs.system().awaitOwnCompilersIdle(EXIT_WAIT_NANOS);
        }
    }

    /** Longer than the JVM's own wait (10 ms) never pays. */
    private static final long EXIT_WAIT_NANOS = 9_000_000;

    /**
     * Whether this JVM's exit waits in steps of 10 ms for a compiler thread that is compiling: before JDK 25
     * (JDK-8349927).
     */
    private static boolean exitWaitsForCompilers() {
        String version = System.getProperty("java.specification.version", "");
        int dot = version.indexOf('.');
        try {
            return Integer.parseInt(dot < 0 ? version : version.substring(0, dot)) < 25;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** One command line, run as main runs it; StartupTraining runs several through here. */
    static int run(String[] args, OutputStream out, OutputStream err) {
        return CommandLineFactory.run(args, out, err);
    }
}
