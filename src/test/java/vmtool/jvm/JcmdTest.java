package vmtool.jvm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Jcmd with stand-in jcmd scripts: a refusal, a hang, a success, a flood, and what jcmd is run with. */
@Timeout(60)
class JcmdTest {
    @TempDir
    Path dir;

    private Path script(String body) throws Exception {
        Path script = dir.resolve("jcmd");
        Files.writeString(script, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    @Test
    void aRefusedAttachGivesJcmdsReason() throws Exception {
        Path jcmd = script("echo '1234:'; echo 'com.sun.tools.attach.AttachNotSupportedException: Unable to open"
                + " socket file: target process 1234 doesn'\"'\"'t respond'; echo '\tat sun.tools.attach.X(X.java:1)';"
                + " exit 1");

        assertThatThrownBy(() -> new Jcmd(jcmd, Duration.ofSeconds(10)).run(1234, List.of("GC.heap_info")))
                .isInstanceOf(JvmUnavailableException.class)
                .hasMessage("jcmd failed (status 1): Unable to open socket file: target process 1234 doesn't respond");
    }

    @Test
    void aReasonWithEscapeSequencesIsPrintedWithoutThem() throws Exception {
        // What the target's JVM answers reaches jcmd's output: a failed command's message is the target's text.
        Path jcmd = script("printf 'java.lang.IllegalArgumentException: \\033]0;owned\\007\\033[2J\\233bad\\n'; exit 1");

        assertThatThrownBy(() -> new Jcmd(jcmd, Duration.ofSeconds(10)).run(1, List.of("GC.heap_info")))
                .isInstanceOf(JvmUnavailableException.class)
                .hasMessage("jcmd failed (status 1): ?]0;owned??[2J?bad");
    }

    @Test
    void aHungJcmdIsKilledAtTheLimit() throws Exception {
        Path pidFile = dir.resolve("pid");
        Path jcmd = script("echo $$ > " + pidFile + "; exec sleep 600");

        assertThatThrownBy(() -> new Jcmd(jcmd, Duration.ofSeconds(1)).run(1, List.of("GC.heap_info")))
                .isInstanceOf(JvmUnavailableException.class).hasMessage("jcmd did not answer within 1 s");
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    @Test
    void anEndlessAnswerIsCutAtItsBoundAndJcmdKilled() throws Exception {
        Path pidFile = dir.resolve("pid");
        Path jcmd = script("echo $$ > " + pidFile + "; exec yes 0123456789abcdef");
        long start = System.nanoTime();

        assertThatThrownBy(() -> new Jcmd(jcmd, Duration.ofSeconds(30)).run(1, List.of("GC.heap_info")))
                .isInstanceOf(JvmUnavailableException.class)
                .hasMessage("jcmd's answer is longer than 16 MiB, more than a JVM says for these commands: not read");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    @Test
    void theCommandsComeThroughAPipeAndNoFileIsMade() throws Exception {
        // The stand-in prints its process id argument and reads its command file: "-f FILE" are its last two.
        Path jcmd = script("for last; do :; done; echo \"pid $6 file $last\"; cat \"$last\"");

        String out = new Jcmd(jcmd, Duration.ofSeconds(10)).run(4321, JvmReport.COMMANDS);

        // No command file: jcmd reads its standard input (JvmSignalTest checks vmtool's temporary directory).
        assertThat(out).isEqualTo("pid 4321 file /dev/stdin\nGC.heap_info\nCompiler.codecache\nVM.metaspace vslist\n"
                + "VM.flags\nSystem.map\n");
    }

    /** A JVM before JDK 22 refuses System.map: jcmd prints the answers before it, then fails. */
    @Test
    void theAnswersBeforeARefusedCommandAreKept() throws Exception {
        Path jcmd = script("echo '1:'; echo ' garbage-first heap   total 65536K, used 1316K [0x00000000fc000000,"
                + " 0x0000000100000000)'; echo 'java.lang.IllegalArgumentException: Unknown diagnostic command';"
                + " exit 1");

        Jcmd.Answer answer = new Jcmd(jcmd, Duration.ofSeconds(10)).answer(1, JvmReport.COMMANDS);

        assertThat(answer.failure()).isEqualTo("jcmd failed (status 1): Unknown diagnostic command");
        assertThat(JvmReport.parse(answer.text()).hasHeap()).isTrue();
        assertThatThrownBy(answer::textOrThrow).isInstanceOf(JvmUnavailableException.class)
                .hasMessage(answer.failure());
    }

    @Test
    void jcmdRunsInTheRootDirectoryWithItsOwnEnvironmentOnly() throws Exception {
        assertThat(System.getenv()).containsKey("PATH").isNotEqualTo(Jcmd.ENVIRONMENT);
        // env -0 would show every variable; the shell itself adds PWD (and dash nothing else).
        Path jcmd = script("pwd; env | grep -v '^PWD=' | LC_ALL=C sort");

        String out = new Jcmd(jcmd, Duration.ofSeconds(10)).run(1, List.of("GC.heap_info"));

        assertThat(out).isEqualTo("/\nLANG=C.UTF-8\nPATH=/usr/bin:/bin\n");
    }
}
