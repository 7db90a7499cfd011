package vmtool.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import vmtool.DiesWithTheJvm;
import vmtool.Unprivileged;

/**
 * The completion script that 'vmtool generate-completion' prints, run by a real bash: the words a command line
 * completes to, as bash's completion would call it (COMP_WORDS, COMP_CWORD, COMP_TYPE). File names, which bash's
 * readline completes itself, are checked in a real interactive bash by InstallIT.
 */
@Timeout(60)
class CompletionScriptTest {
    @TempDir
    static Path dir;
    private static Path script;
    private static Process sleeper;

    @BeforeAll
    static void writeScript() throws IOException {
        script = dir.resolve("vmtool.bash");
        Files.writeString(script, CompletionScript.bash(Commands.all()));
        sleeper = DiesWithTheJvm.start(new ProcessBuilder("sleep", "300"));
    }

    @AfterAll
    static void stop() throws InterruptedException {
        sleeper.destroy();
        sleeper.waitFor(10, TimeUnit.SECONDS);
    }

    @Test
    void completesCommandsAndOptions() throws Exception {
        assertThat(complete("vmtool", "pm")).containsExactly("pmap");
        assertThat(complete("vmtool", "")).containsExactly("pmap", "touch", "anatomy", "where", "pages", "map", "watch",
                "diff", "ps", "share", "help", "generate-completion");
        assertThat(complete("vmtool", "help", "w")).containsExactly("where", "watch");
        assertThat(complete("vmtool", "pmap", "--r")).containsExactly("--read-rc", "--read-rc-from", "--range");
        assertThat(complete("vmtool", "touch", "-")).contains("--mode", "--seconds", "--lock", "-q", "--help");
        assertThat(complete("vmtool", "pmap", "-")).as("the hidden -r").doesNotContain("-r");
    }

    @Test
    void modeCompletesItsValues() throws Exception {
        assertThat(complete("vmtool", "touch", "--mode", "")).containsExactly("rw", "read", "write", "page");
        assertThat(complete("vmtool", "touch", "100", "--mode", "r")).containsExactly("rw", "read");
        // --mode=r: bash's COMP_WORDBREAKS make '=' a word of its own.
        assertThat(complete("vmtool", "touch", "--mode", "=", "w")).containsExactly("write");
        assertThat(complete("vmtool", "touch", "--mode", "=")).containsExactly("=rw", "=read", "=write", "=page");
    }

    @Test
    void pidOperandsCompleteLivePids() throws Exception {
        String pid = Long.toString(sleeper.pid());
        String prefix = pid.substring(0, pid.length() - 1);

        assertThat(complete("vmtool", "pmap", prefix)).contains(pid).allMatch(word -> word.startsWith(prefix));
        assertThat(complete("vmtool", "pmap", "-X", pid, prefix)).contains(pid);
        assertThat(complete("vmtool", "anatomy", "--detail", prefix)).contains(pid);
        assertThat(complete("vmtool", "where", prefix)).contains(pid);
        assertThat(complete("vmtool", "watch", "-n", "2", prefix)).contains(pid);
        // An option's argument is not a PID: -A LOW, -xA LOW, --count N; -A0x1000 took its argument with it.
        assertThat(complete("vmtool", "pmap", "-A", prefix)).isEmpty();
        assertThat(complete("vmtool", "pmap", "-xA", prefix)).isEmpty();
        assertThat(complete("vmtool", "watch", "--count", prefix)).isEmpty();
        assertThat(complete("vmtool", "pmap", "-A0x1000", prefix)).contains(pid);
        // where's second operand is an address; with --file there is no PID at all.
        assertThat(complete("vmtool", "where", pid, prefix)).isEmpty();
        assertThat(complete("vmtool", "where", "--file", "saved.smaps", prefix)).isEmpty();
        assertThat(complete("vmtool", "touch", prefix)).isEmpty();
    }

    /** The commands of pages and programs: PIDs where a PID goes, --tree's too, users after ps --user. */
    @Test
    void pagesPsShareAndProgramsComplete() throws Exception {
        Unprivileged.account();
        String pid = Long.toString(sleeper.pid());
        String prefix = pid.substring(0, pid.length() - 1);

        assertThat(complete("vmtool", "pages", prefix)).contains(pid).allMatch(word -> word.startsWith(prefix));
        assertThat(complete("vmtool", "pages", "--runs", "--frames", prefix)).contains(pid);
        assertThat(complete("vmtool", "pages", "-")).contains("--runs", "--frames", "--no-scan", "--file", "--json");
        // pages' second operand is an address or a range; with --file there is no PID.
        assertThat(complete("vmtool", "pages", pid, prefix)).isEmpty();
        assertThat(complete("vmtool", "pages", "--file", "saved.json", prefix)).isEmpty();
        assertThat(complete("vmtool", "where", "--physical", prefix)).contains(pid);
        assertThat(complete("vmtool", "where", "-")).contains("--physical");
        assertThat(complete("vmtool", "touch", "-")).contains("--physical");
        assertThat(complete("vmtool", "share", prefix)).contains(pid);
        assertThat(complete("vmtool", "share", "-")).contains("--program", "--detail", "--file", "--json");
        assertThat(complete("vmtool", "anatomy", pid, prefix)).as("several PIDs").contains(pid);
        assertThat(complete("vmtool", "anatomy", "--tree", prefix)).contains(pid);
        assertThat(complete("vmtool", "anatomy", "--program", prefix)).as("a name, not a PID").isEmpty();
        assertThat(complete("vmtool", "anatomy", "-")).contains("--program", "--tree", "--pages");
        assertThat(complete("vmtool", "ps", "--sort", "")).contains("pss", "rss", "uss", "pid");
        assertThat(complete("vmtool", "ps", "--by", "")).containsExactly("program", "user");
        assertThat(complete("vmtool", "ps", "--user", "ro")).contains("root");
        assertThat(complete("vmtool", "ps", "-u", "")).contains("root", "vmtool-tester");
        assertThat(complete("vmtool", "ps", prefix)).as("ps takes no operand").isEmpty();
        assertThat(complete("vmtool", "pmap", "-")).contains("--pages", "--json");
    }

    /** On the Tab that lists them (COMP_TYPE 63, '?'), PIDs show their command names; on the first Tab, not. */
    @Test
    void theListingNamesEachProcess() throws Exception {
        String pid = Long.toString(sleeper.pid());

        assertThat(completeAs("63", "vmtool", "pmap", "")).contains(pid + " (sleep)");
        assertThat(completeAs("9", "vmtool", "pmap", "")).contains(pid).noneMatch(word -> word.contains(" "));
    }

    /** A process's name is its own to choose: the listing shows no control character of it. */
    @Test
    void aProcessNameCannotWriteToTheTerminal() throws Exception {
        List<String> command = new ArrayList<>(Unprivileged.command(List.of("/usr/bin/python3", "-c",
                "import time\nopen('/proc/self/comm','w').write('\\x1b]0;owned\\x07\\x1b[2J')\n"
                        + "print('named', flush=True)\ntime.sleep(300)")));
        Process evil = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            assertThat(new String(evil.getInputStream().readNBytes(6), StandardCharsets.UTF_8)).isEqualTo("named\n");

            List<String> listed = completeAs("63", "vmtool", "map", "");

            assertThat(listed).contains(evil.pid() + " (?]0;owned??[2J)")
                    .allMatch(word -> word.chars().noneMatch(c -> c < 0x20 || c == 0x7f));
        } finally {
            evil.destroy();
            evil.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static List<String> complete(String... words) throws Exception {
        return completeAs("9", words);
    }

    /** What _vmtool puts in COMPREPLY for WORDS, the last being the word under the cursor. */
    private static List<String> completeAs(String compType, String... words) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", "--norc", "--noprofile", "-c",
                "source \"$0\"; COMP_TYPE=$1; shift; COMP_WORDS=(\"$@\"); COMP_CWORD=$(($# - 1)); _vmtool;"
                        + " printf '%s\\n' \"${COMPREPLY[@]}\"",
                script.toString(), compType));
        command.addAll(List.of(words));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("LC_ALL", "C");
        Process bash = builder.start();
        String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bash.waitFor()).as(out).isZero();
        return out.lines().filter(line -> !line.isEmpty()).toList();
    }
}
