package vmtool.pmap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Assumptions;

/**
 * Runs /usr/bin/pmap, vmtool pmap (in this JVM), and /usr/bin/pmap again with the same arguments.
 * Only when the two pmap runs agree is the process considered quiet, and vmtool compared with them.
 */
final class Differential {
    private static final int ATTEMPTS = 3;

    private Differential() {
    }

    /** A stable reference run and the vmtool run made between its two copies. */
    record Pair(RunResult pmap, RunResult vmtool) {
        boolean same() {
            return pmap.sameAs(vmtool);
        }
    }

    /** pmap, vmtool, pmap, up to three times until the two pmap runs agree; empty when they never do. */
    static Optional<Pair> run(List<String> args) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            RunResult before = ReferencePmap.run(args);
            RunResult vmtool = VmtoolRunner.inProcess(args);
            RunResult after = ReferencePmap.run(args);
            if (before.sameAs(after)) {
                return Optional.of(new Pair(before, vmtool));
            }
        }
        return Optional.empty();
    }

    /** Like {@link #run}, but skips the test when pmap's own output does not settle. */
    static Pair stable(List<String> args) {
        Optional<Pair> pair = run(args);
        Assumptions.assumeTrue(pair.isPresent(),
                () -> "pmap " + args + " printed different output on consecutive runs; process not quiet");
        return pair.get();
    }

    /** vmtool prints exactly what pmap prints, and exits with the same status. */
    static Pair assertSame(List<String> args) {
        Pair pair = stable(args);
        assertThat(pair.same()).withFailMessage(() -> Outputs.describe(args, pair.pmap(), pair.vmtool())).isTrue();
        return pair;
    }
}
