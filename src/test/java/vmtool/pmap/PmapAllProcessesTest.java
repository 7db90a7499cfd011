package vmtool.pmap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every process on the machine, in each main mode: pmap, vmtool, pmap; compared only when the two pmap
 * runs agree (processes that change or vanish are skipped).
 *
 * <p>Pss (and Pss_Dirty, SwapPss, ...) of a shared library is its resident size divided by the number of
 * processes that map each page, and a running /usr/bin/pmap is one of them. So while vmtool runs, a
 * "companion" pmap is kept alive, blocked on a full pipe, to stand in for the reference run's own pmap.
 * That brings most rows to byte equality but not all (the companion has touched a few more pages than pmap
 * had when it read smaps), so in -X/-XX a process whose outputs differ only in Pss-family columns counts as
 * a match; everything else must be identical. Static helpers (PmapDifferentialTest) are compared strictly.
 */
@Tag("slow")
class PmapAllProcessesTest extends AgainstReferencePmap {
    private static final int SHOWN_FAILURES = 3;

    @Override
    Mapper startHelper() {
        return Mapper.start();
    }

    static Stream<List<String>> modes() {
        return Stream.of(List.of(), List.of("-x"), List.of("-X"), List.of("-XX"), List.of("-d"));
    }

    @ParameterizedTest(name = "pmap {0} EVERY-PID")
    @MethodSource("modes")
    void everyProcess(List<String> mode) throws IOException, InterruptedException {
        boolean extended = mode.contains("-X") || mode.contains("-XX");
        long self = ProcessHandle.current().pid();
        int strict = 0;
        int pssOnly = 0;
        int skipped = 0;
        List<String> failures = new ArrayList<>();
        for (long pid : pids()) {
            if (pid == self) {
                continue; // this JVM changes while it runs vmtool
            }
            List<String> args = new ArrayList<>(mode);
            args.add(Long.toString(pid));
            Optional<Differential.Pair> pair = extended ? withCompanion(args) : Differential.run(args);
            // A difference that a second bracketed run does not show again was the process changing in between,
            // not vmtool: a kernel worker renames itself as it takes and finishes work ([kworker/1:0-events] and
            // [kworker/1:0+events]), between procps's two reads and vmtool's. A real difference shows every time.
            for (int again = 0; again < 2 && pair.isPresent() && !pair.get().pmap().sameAs(pair.get().vmtool());
                    again++) {
                pair = extended ? withCompanion(args) : Differential.run(args);
            }
            if (pair.isEmpty() || !Files.exists(Path.of("/proc/" + pid))) {
                skipped++;
                continue;
            }
            RunResult pmap = pair.get().pmap();
            RunResult vmtool = pair.get().vmtool();
            if (pmap.sameAs(vmtool)) {
                strict++;
            } else if (extended && pmap.status() == vmtool.status() && samePssAside(pmap.out(), vmtool.out())) {
                pssOnly++;
            } else {
                failures.add(Outputs.describe(args, pmap, vmtool));
            }
        }
        int compared = strict + pssOnly + failures.size();
        String summary = String.format("pmap %s on every process: %d identical, %d differ in Pss columns only, "
                + "%d differ, %d skipped (changed or vanished)", mode, strict, pssOnly, failures.size(), skipped);
        System.out.println(summary);
        assertThat(failures).as(summary + "\n\n" + String.join("\n", failures.subList(0,
                Math.min(SHOWN_FAILURES, failures.size())))).isEmpty();
        assertThat(compared).as(summary).isGreaterThanOrEqualTo(5);
        assertThat(strict).as(summary + ": some processes byte-identical").isGreaterThan(0);
    }

    private static List<Long> pids() throws IOException {
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            return entries.map(path -> path.getFileName().toString()).filter(name -> name.matches("\\d+"))
                    .map(Long::parseLong).sorted().toList();
        }
    }

    /** pmap, then vmtool while a companion pmap holds its libraries mapped, then pmap again. */
    private Optional<Differential.Pair> withCompanion(List<String> args) throws IOException, InterruptedException {
        for (int attempt = 0; attempt < 3; attempt++) {
            RunResult before = ReferencePmap.run(args);
            Process companion = new ProcessBuilder(ReferencePmap.BINARY.toString(), "-XX", mapper.pidArg())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            RunResult vmtool;
            try {
                awaitBlocked(companion);
                vmtool = VmtoolRunner.inProcess(args);
            } finally {
                Processes.kill(companion);
            }
            RunResult after = ReferencePmap.run(args);
            if (before.sameAs(after)) {
                return Optional.of(new Differential.Pair(before, vmtool));
            }
        }
        return Optional.empty();
    }

    /** Waits until the companion sleeps (blocked writing to the pipe nobody reads), at most 2 s. */
    private static void awaitBlocked(Process companion) throws IOException, InterruptedException {
        for (int i = 0; i < 200; i++) {
            if ("S".equals(Processes.state(companion.pid())) && companion.getInputStream().available() > 0) {
                Thread.sleep(5);
                if ("S".equals(Processes.state(companion.pid()))) {
                    return;
                }
            }
            Thread.sleep(10);
        }
    }

    /**
     * The same lines word for word, except in columns that depend on who else maps a page: the Pss family (Pss,
     * Pss_Dirty, Pss_Anon, SwapPss, ...) and the Shared_/Private_ split (a page is "shared" while the reference
     * pmap maps the same library page), where both must be numbers; the same holds for the totals line.
     */
    static boolean samePssAside(byte[] pmap, byte[] vmtool) {
        List<String> a = Outputs.lines(pmap);
        List<String> b = Outputs.lines(vmtool);
        if (a.size() != b.size()) {
            return false;
        }
        List<String> header = a.stream().map(Outputs::words).filter(w -> !w.isEmpty() && w.get(0).equals("Address"))
                .findFirst().orElse(List.of());
        int inode = header.indexOf("Inode");
        for (int i = 0; i < a.size(); i++) {
            List<String> x = Outputs.words(a.get(i));
            List<String> y = Outputs.words(b.get(i));
            if (x.size() != y.size()) {
                return false;
            }
            // The footer's two lines start at the first numeric column; rows start at Address.
            boolean footer = a.get(i).endsWith("KB ") || a.get(i).strip().matches("=[= ]*");
            for (int j = 0; j < x.size(); j++) {
                if (x.get(j).equals(y.get(j))) {
                    continue;
                }
                int column = footer ? inode + 1 + j : j;
                boolean pssColumn = inode >= 0 && column < header.size() && dependsOnSharers(header.get(column));
                boolean bothNumbers = x.get(j).matches("\\d+") && y.get(j).matches("\\d+");
                boolean bothRules = x.get(j).matches("=+") && y.get(j).matches("=+");
                if (!pssColumn || !(bothNumbers || bothRules)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean dependsOnSharers(String column) {
        return column.contains("Pss") || column.startsWith("Shared_") || column.startsWith("Private_");
    }
}
