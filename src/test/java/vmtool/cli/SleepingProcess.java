package vmtool.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A {@code sleep} the test starts (an address space that stays still) and what the tests ask of it. */
final class SleepingProcess implements AutoCloseable {
    private final Process process;

    SleepingProcess() throws IOException {
        process = new ProcessBuilder("sleep", "600").start();
    }

    long pid() {
        return process.pid();
    }

    /** Its PID in C's octal ({@code 024050}), as procps's pmap reads it. */
    String octal() {
        return "0" + Long.toOctalString(pid());
    }

    /** The start of its first mapping, in hex, once it has one (sleep has exec'd). */
    String firstAddress() throws IOException, InterruptedException {
        Path maps = Path.of("/proc/" + pid() + "/maps");
        for (int i = 0; i < 500; i++) {
            String text = Files.readString(maps);
            if (text.contains("sleep")) {
                return "0x" + text.substring(0, text.indexOf('-'));
            }
            Thread.sleep(10);
        }
        throw new IllegalStateException("sleep never exec'd: " + Files.readString(maps));
    }

    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }
}
