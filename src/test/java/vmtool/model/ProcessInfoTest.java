package vmtool.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The command line every human output shows: as ps shows it, whatever the process wrote into its arguments. */
class ProcessInfoTest {
    private static ProcessInfo process(String cmdline, String comm) {
        return new ProcessInfo(11280, 11280, cmdline, comm, 'S', 0);
    }

    @Test
    void argumentsAreSeparatedByBlanksWithoutTheLastNul() {
        assertThat(process("sleep\0" + "600\0", "sleep").shownCommandLine()).isEqualTo("sleep 600");
    }

    /**
     * A postgres process rewrites its arguments to its title and pads the rest with NULs (as read from a real
     * checkpointer's /proc/PID/cmdline): they were shown as blanks, so a fitted column ended in blanks and an
     * ellipsis.
     */
    @Test
    void theNulsARewrittenCommandLineEndsWithAreDropped() {
        String cmdline = "postgres: checkpointer " + "\0".repeat(76);

        assertThat(process(cmdline, "postgres").shownCommandLine()).isEqualTo("postgres: checkpointer ");
    }

    @Test
    void withoutACommandLineTheNameInBracketsEscaped() {
        assertThat(process("", "kworker/0:1").shownCommandLine()).isEqualTo("[kworker/0:1]");
        assertThat(process("", "evil\u001b[2J").shownCommandLine()).isEqualTo("[evil\\x1b[2J]");
    }

    @Test
    void controlCharactersAreEscaped() {
        assertThat(process("a\u001b]0;title\u0007\0", "a").shownCommandLine()).isEqualTo("a\\x1b]0;title\\x07");
    }
}
