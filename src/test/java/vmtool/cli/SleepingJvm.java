package vmtool.cli;

/** A tiny JVM for the --jvm tests: says "ready", then waits until its standard input closes. */
public final class SleepingJvm {
    private SleepingJvm() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("ready");
        System.out.flush();
        while (System.in.read() >= 0) {
            // until the test closes the pipe
        }
    }
}
