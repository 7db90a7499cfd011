package vmtool.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import vmtool.DiesWithTheJvm;

/** A {@code sleep} the test starts (an address space that stays still) and what the tests ask of it. */
final class SleepingProcess implements AutoCloseable {
    private final Process process;

    SleepingProcess() throws IOException {
        process = DiesWithTheJvm.start(new ProcessBuilder("sleep", "600"));
    }

    long pid() {
        return process.pid();
    }

    /** Its PID in C's octal ({@code 024050}), as procps's pmap reads it. */
    String octal() {
        return "0" + Long.toOctalString(pid());
    }

    /** The start of its first mapping, in hex, once its address space is still: sleep sleeps in its system call. */
    String firstAddress() throws IOException, InterruptedException {
        Path syscall = Path.of("/proc/" + pid() + "/syscall");
        for (int i = 0; i < 1000 && !isSleeping(Files.readString(syscall)); i++) {
            Thread.sleep(10);
        }
        String maps = Files.readString(Path.of("/proc/" + pid() + "/maps"));
        if (!isSleeping(Files.readString(syscall)) || !maps.contains("sleep")) {
            throw new IllegalStateException("sleep never went to sleep: " + Files.readString(syscall) + maps);
        }
        return "0x" + maps.substring(0, maps.indexOf('-'));
    }

    /** In clock_nanosleep or nanosleep: /proc/PID/syscall's first field, the call's number on this machine. */
    private static boolean isSleeping(String syscall) {
        List<String> numbers = System.getProperty("os.arch").equals("aarch64") ? List.of("115 ", "101 ")
                : List.of("230 ", "35 ");
        return numbers.stream().anyMatch(syscall::startsWith);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }
}
