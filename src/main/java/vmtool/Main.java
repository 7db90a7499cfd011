package vmtool;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;

import vmtool.cli.CommandLineFactory;

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
        Runtime.getRuntime().halt(status);
    }

    /** One command line, run as main runs it; StartupTraining runs several through here. */
    static int run(String[] args, OutputStream out, OutputStream err) {
        return CommandLineFactory.run(args, out, err);
    }
}
