package vmtool.pmap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * A test class that compares vmtool with /usr/bin/pmap on a helper process (src/test/c/mapper.c) started once for
 * the class and stopped after it; skipped where there is no /usr/bin/pmap.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AgainstReferencePmap {
    /** Stands for the helper's pid in argument lists ({@link #withPid}). */
    static final String PID = "@PID@";

    Mapper mapper;

    /** The helper this class looks at: {@link Mapper#start()} (the awkward address space) or a small one. */
    abstract Mapper startHelper();

    @BeforeAll
    final void startMapper() {
        Assumptions.assumeTrue(ReferencePmap.present(), "no /usr/bin/pmap to compare with");
        mapper = startHelper();
    }

    @AfterAll
    final void stopMapper() {
        if (mapper != null) {
            mapper.close();
        }
    }

    /**
     * Runs /usr/bin/pmap and vmtool pmap once each on {@code template} (with {@link #PID} replaced) and asserts the
     * same stdout, byte for byte, and the same exit status. The helper is quiet, so one run of each is enough.
     */
    Differential.Pair assertSameAsPmap(List<String> template) {
        List<String> args = withPid(template);
        RunResult pmap = ReferencePmap.run(args);
        RunResult vmtool = VmtoolRunner.inProcess(args);
        assertThat(vmtool.sameAs(pmap)).withFailMessage(() -> Outputs.describe(args, pmap, vmtool)).isTrue();
        return new Differential.Pair(pmap, vmtool);
    }

    /** {@code args} with {@link #PID} replaced by the helper's pid. */
    List<String> withPid(List<String> args) {
        return args.stream().map(arg -> arg.equals(PID) ? mapper.pidArg() : arg).toList();
    }
}
