package vmtool.touch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * touch as users start it, through scripts/vmtool on the jar that package made (run by failsafe): under a real
 * memory cgroup, a real {@code ulimit -v}, and SIGQUIT (a thread dump on stderr only). The cgroup test needs root, as CI has.
 */
class TouchLimitsIT {
    private static final Path LAUNCHER = Path.of("scripts/vmtool").toAbsolutePath();
    private static final long MIB = 1 << 20;

    private record Result(int status, String out, String err) {
    }

    /** Runs a shell command line (it ends with an exec of the launcher); kills it if it outlives 60 s. */
    private static Result sh(String script, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("bash", "-c", script, "bash"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).start();
        try {
            process.getOutputStream().close();
            byte[] out = process.getInputStream().readAllBytes();
            byte[] err = process.getErrorStream().readAllBytes();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("ended").isTrue();
            return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8),
                    new String(err, StandardCharsets.UTF_8));
        } finally {
            process.destroyForcibly();
        }
    }

    /** This process's memory cgroup directory (v1's memory hierarchy, or v2's), if it can make groups in it. */
    private static Path ownMemoryGroup() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/cgroup"))) {
            String[] parts = line.split(":", 3);
            if (List.of(parts[1].split(",")).contains("memory")) {
                return Path.of("/sys/fs/cgroup/memory" + parts[2]);
            }
        }
        for (String line : Files.readAllLines(Path.of("/proc/self/cgroup"))) {
            if (line.startsWith("0::")) {
                return Path.of("/sys/fs/cgroup" + line.substring(3));
            }
        }
        return null;
    }

    @Test
    void aCgroupLimitIsRefusedBeforeAllocatingAndWhatItSaysFitsRuns() throws Exception {
        Path parent = ownMemoryGroup();
        assumeThat(parent != null && Files.isWritable(parent)).as("a memory cgroup this test may write (root)").isTrue();
        boolean v1 = parent.startsWith("/sys/fs/cgroup/memory");
        Path group = parent.resolve("vmtool-test-" + ProcessHandle.current().pid());
        Files.createDirectory(group);
        try {
            Path limitFile = group.resolve(v1 ? "memory.limit_in_bytes" : "memory.max");
            Files.writeString(limitFile, Long.toString(200 * MIB));
            String inGroup = "echo $$ > \"$1/cgroup.procs\"; shift; exec \"$@\"";

            Result refused = sh(inGroup, group.toString(), LAUNCHER.toString(), "touch", "500", "--seconds", "5");
            assertThat(refused.status()).isEqualTo(3);
            assertThat(refused.out()).isEmpty();
            Matcher line = Pattern.compile("^vmtool touch: 500 MiB does not fit in this process's cgroup: its memory"
                    + " limit is 200 MiB \\(" + Pattern.quote(limitFile.toString()) + ": 209715200\\), \\d+ MiB of it in"
                    + " use, so at most (\\d+) MiB would fit; choose a smaller size, or add --force to try anyway"
                    + " \\(the kernel may then kill it\\)\n$").matcher(refused.err());
            assertThat(line.find()).as(refused.err()).isTrue();
            long fits = Long.parseLong(line.group(1));
            assertThat(fits).isBetween(100L, 200L);

            // The size it names runs to the end in the same group: not killed (137) by the kernel.
            Result runs = sh(inGroup, group.toString(), LAUNCHER.toString(), "touch", Long.toString(fits),
                    "--seconds", "2", "--quiet");
            assertThat(runs.status()).as(runs.err()).isZero();
            assertThat(runs.out()).startsWith("Time up after 2.").endsWith("Freed.\n");
        } finally {
            // The children have exited, so the group is empty and can go.
            for (int i = 0; i < 50 && Files.exists(group); i++) {
                try {
                    Files.delete(group);
                } catch (IOException e) {
                    Thread.sleep(100);
                }
            }
        }
        assertThat(group).doesNotExist();
    }

    @Test
    void aSmallUlimitVIsOneLineAndStatus3() throws Exception {
        // The launcher's first run after a build unpacks JNA's library with a JVM of its own, before touch's checks;
        // under the limit that JVM would crash. Have it done, as any earlier run would have.
        assertThat(sh("exec \"$@\"", LAUNCHER.toString(), "touch", "1", "--seconds", "1", "--quiet").status()).isZero();
        String limited = "ulimit -v \"$1\"; shift; exec \"$@\"";
        // Too small for any JVM: the launcher says so itself.
        Result tiny = sh(limited, "200000", LAUNCHER.toString(), "touch", "10", "--seconds", "1");
        assertThat(tiny.status()).isEqualTo(3);
        assertThat(tiny.out()).isEmpty();
        assertThat(tiny.err()).startsWith("vmtool touch: 'ulimit -v' allows 200000 kB of address space, and the JVM"
                + " needs about ").doesNotContain("Error occurred").hasLineCount(1);

        // Enough for the JVM, not for the buffer: touch's own check, with what would fit.
        Result small = sh(limited, "450000", LAUNCHER.toString(), "touch", "500", "--seconds", "1");
        assertThat(small.status()).isEqualTo(3);
        assertThat(small.err()).startsWith("vmtool touch: 500 MiB does not fit in the address space that 'ulimit -v'"
                + " allows (450000 kB").contains("would fit").hasLineCount(1);

        Result fits = sh(limited, "700000", LAUNCHER.toString(), "touch", "64", "--seconds", "1", "--quiet");
        assertThat(fits.status()).as(fits.err()).isZero();
        assertThat(fits.err()).isEmpty();
    }

    /**
     * Ctrl-\: the JVM's thread dump goes to stderr, stdout holds only the JSON object, and the run goes on to its
     * end (SIGQUIT also starts the JVM's attach listener, which jcmd and anatomy --jvm need, so it must not kill).
     */
    @Test
    void sigquitDumpsThreadsOnStderrAndTheRunGoesOn() throws Exception {
        Path out = Files.createTempFile("vmtool-quit", ".out");
        Path err = Files.createTempFile("vmtool-quit", ".err");
        try {
            Process process = new ProcessBuilder(LAUNCHER.toString(), "touch", "64", "--seconds", "3", "--json")
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            try {
                awaitResident(process.pid(), 64 * 1024);
                Thread.sleep(300);
                assertThat(new ProcessBuilder("kill", "-QUIT", Long.toString(process.pid())).start().waitFor()).isZero();
                assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
                assertThat(process.exitValue()).as(Files.readString(err)).isZero();
                String json = Files.readString(out);
                assertThat(json.lines()).singleElement().asString().startsWith("{\"schema\":\"vmtool-touch\",\"schema_version\":2,\"pid\":").contains("\"ended\":\"time\"");
                assertThat(Files.readString(err)).contains("Full thread dump");
            } finally {
                process.destroyForcibly();
            }
        } finally {
            Files.delete(out);
            Files.delete(err);
        }
    }

    private static void awaitResident(long pid, long kb) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:") && Long.parseLong(line.replaceAll("[^0-9]", "")) >= kb) {
                    return;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("process " + pid + " never had " + kb + " kB resident");
    }
}
