package vmtool.pmap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import vmtool.ChildVmtool;

/**
 * Output that cannot be written (stdout is the real /dev/full): vmtool pmap exits as /usr/bin/pmap does, and says
 * why in one line, for a table (written through vmtool's own stream) and for help and the version (written through
 * picocli's PrintWriter, which keeps errors to itself unless asked).
 */
@Tag("slow")
class PmapFullOutputTest {

    @ParameterizedTest(name = "pmap {0} > /dev/full")
    @ValueSource(strings = {"-X", "-x", "", "-h", "-V"})
    void aFullOutputGetsProcpssStatusAndOneLine(String option) throws Exception {
        Assumptions.assumeTrue(ReferencePmap.present(), "/usr/bin/pmap is needed");
        String pid = Long.toString(ProcessHandle.current().pid());
        List<String> args = new ArrayList<>();
        if (!option.isEmpty()) {
            args.add(option);
        }
        args.add(pid);

        List<String> procps = new ArrayList<>(List.of(ReferencePmap.BINARY.toString()));
        procps.addAll(args);
        List<String> pmapArgs = new ArrayList<>(List.of("pmap"));
        pmapArgs.addAll(args);
        List<String> vmtool = ChildVmtool.command(List.of(), pmapArgs);
        Ended reference = toDevFull(procps);
        Ended ours = toDevFull(vmtool);

        assertThat(reference.status()).as("procps pmap %s > /dev/full", option).isNotZero();
        assertThat(ours.status()).as("vmtool pmap %s > /dev/full: %s", option, ours.err()).isEqualTo(reference.status());
        assertThat(ours.err().lines()).as("vmtool pmap %s > /dev/full", option).singleElement().asString()
                .startsWith("vmtool pmap: cannot write the output").doesNotContain("Exception", "internal error");
    }

    private record Ended(int status, String err) {
    }

    private static Ended toDevFull(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectOutput(new File("/dev/full")).start();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Ended(process.exitValue(), err);
    }
}
