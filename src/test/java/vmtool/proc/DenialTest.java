package vmtool.proc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Why a process's smaps was refused, from who asks, whose the process is, and who owns the refused file. */
class DenialTest {
    @Test
    void rootIsNeverToldToRunAsRoot() {
        // A container's host, or a process a security module guards: root asks and is refused, whoever owns it.
        assertThat(Denial.of(0, 0, 0)).isEqualTo(Denial.REFUSED_TO_ROOT);
        assertThat(Denial.of(0, 1000, 1000)).isEqualTo(Denial.REFUSED_TO_ROOT);
        assertThat(Denial.REFUSED_TO_ROOT.reason()).startsWith("even root may not read it").doesNotContain("run as");
    }

    @Test
    void anotherUsersProcess() {
        assertThat(Denial.of(1000, 0, 0)).isEqualTo(Denial.OTHER_USER);
        assertThat(Denial.of(1000, 1001, 1001)).isEqualTo(Denial.OTHER_USER);
    }

    @Test
    void theUsersOwnProcessWhoseFilesAreRootsIsNotDumpable() {
        assertThat(Denial.of(1000, 1000, 0)).isEqualTo(Denial.NOT_DUMPABLE);
        assertThat(Denial.NOT_DUMPABLE.reason()).contains("yours").contains("not dumpable")
                .doesNotContain("another user");
        assertThat(Denial.of(1000, 1000, 1000)).isEqualTo(Denial.REFUSED_TO_OWNER);
    }

    @Test
    void theExplanationNamesTheFileAndTheReason() {
        ProcException refused = new ProcException(ProcException.Kind.PERMISSION_DENIED,
                java.nio.file.Path.of("/proc/1/smaps"), "cannot read /proc/1/smaps: permission denied", null,
                Denial.REFUSED_TO_ROOT);
        assertThat(refused.explain(1)).isEqualTo("cannot read /proc/1/smaps: permission denied; "
                + Denial.REFUSED_TO_ROOT.reason());
    }
}
