package vmtool.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every command reads a PID as procps's pmap does (model/Pid): the octal {@code 0NNN} and the hex {@code 0xNNN} of a
 * process the test started name that process, in every pmap mode (--csv and --json too, which read decimal before)
 * and in anatomy, where, map and watch; each prints what it prints for the decimal PID (but for Pss, which
 * moves).
 */
class OctalPidTest {
    private static SleepingProcess sleeping;
    private static String address;

    @BeforeAll
    static void start() throws Exception {
        sleeping = new SleepingProcess();
        address = sleeping.firstAddress();
    }

    @AfterAll
    static void stop() throws Exception {
        sleeping.close();
    }

    /** Each command and options; the PID goes where "PID" stands. */
    static Stream<List<String>> commands() {
        return Stream.of(
                List.of("pmap", "-x", "PID"),
                List.of("pmap", "-X", "PID"),
                List.of("pmap", "-d", "PID"),
                List.of("pmap", "--csv", "PID"),
                List.of("anatomy", "PID"),
                List.of("anatomy", "--csv", "PID"),
                List.of("where", "PID", "ADDRESS"),
                List.of("map", "PID"));
    }

    @ParameterizedTest(name = "vmtool {0}, octal and hex")
    @MethodSource("commands")
    void octalAndHexNameTheProcess(List<String> template) {
        CommandRun decimal = CommandRun.of(args(template, Long.toString(sleeping.pid())));
        CommandRun octal = CommandRun.of(args(template, sleeping.octal()));
        CommandRun hex = CommandRun.of(args(template, "0x" + Long.toHexString(sleeping.pid())));

        assertThat(decimal.status()).as(decimal.err()).isZero();
        assertThat(sleeping.octal()).isNotEqualTo("0" + sleeping.pid());
        assertThat(shape(octal)).as("%s with %s", template, sleeping.octal()).isEqualTo(shape(decimal));
        assertThat(shape(hex)).as("%s with hex", template).isEqualTo(shape(decimal));
        if (decimal.out().contains(Long.toString(sleeping.pid()))) {
            assertThat(octal.out()).contains(Long.toString(sleeping.pid()));
            assertThat(hex.out()).contains(Long.toString(sleeping.pid()));
        }
    }

    /** pmap's default output has no Pss: all of it is the same for the same sleeping process. */
    @Test
    void pmapsDefaultOutputIsTheSame() {
        CommandRun decimal = CommandRun.of("pmap", Long.toString(sleeping.pid()));

        assertThat(CommandRun.of("pmap", sleeping.octal())).isEqualTo(decimal);
        assertThat(CommandRun.of("pmap", "/proc/" + sleeping.octal())).isEqualTo(decimal);
    }

    /**
     * A run with its numbers left out: Pss moves whenever another process maps or unmaps a page this one shares
     * (libc), so only the rest is compared whole.
     */
    private static CommandRun shape(CommandRun run) {
        return new CommandRun(run.status(), run.out().replaceAll("\\d+", "N"), run.err());
    }

    /** Their output carries the time (or nothing to compare whole): the process they name is asked instead. */
    @Test
    void jsonAndWatchNameTheProcessToo() {
        CommandRun pmapJson = CommandRun.of("pmap", "--json", sleeping.octal());
        CommandRun anatomyJson = CommandRun.of("anatomy", "--json", sleeping.octal());
        CommandRun watch = CommandRun.of("watch", "--count", "1", sleeping.octal());

        assertThat(pmapJson.status()).as(pmapJson.err()).isZero();
        assertThat(pids(JsonParser.parseString(pmapJson.out()))).containsOnly(sleeping.pid());
        assertThat(anatomyJson.status()).as(anatomyJson.err()).isZero();
        assertThat(pids(JsonParser.parseString(anatomyJson.out()))).containsOnly(sleeping.pid());
        assertThat(watch.status()).as(watch.err()).isZero();
        assertThat(watch.out()).contains("  pid " + sleeping.pid() + " (sleep)");
    }

    @Test
    void procAndAnOctalPidTooAndATrailingSlashIsRefused() {
        CommandRun proc = CommandRun.of("anatomy", "/proc/" + sleeping.octal());
        CommandRun slash = CommandRun.of("anatomy", "/proc/" + sleeping.pid() + "/");

        assertThat(shape(proc)).isEqualTo(shape(CommandRun.of("anatomy", Long.toString(sleeping.pid()))));
        assertThat(proc.out()).contains(Long.toString(sleeping.pid()));
        assertThat(slash.status()).isEqualTo(vmtool.ExitCode.USAGE);
        assertThat(slash.err()).contains("is not a process id");
    }

    /** The values of every member named "pid", wherever the output's version puts it. */
    private static List<Long> pids(JsonElement json) {
        List<Long> pids = new ArrayList<>();
        if (json.isJsonObject()) {
            for (Map.Entry<String, JsonElement> member : json.getAsJsonObject().entrySet()) {
                if (member.getKey().equals("pid")) {
                    pids.add(member.getValue().getAsLong());
                } else {
                    pids.addAll(pids(member.getValue()));
                }
            }
        } else if (json.isJsonArray()) {
            json.getAsJsonArray().forEach(element -> pids.addAll(pids(element)));
        }
        return pids;
    }

    private static String[] args(List<String> template, String pid) {
        List<String> args = new ArrayList<>();
        for (String arg : template) {
            args.add(arg.equals("PID") ? pid : arg.equals("ADDRESS") ? address : arg);
        }
        return args.toArray(new String[0]);
    }
}
