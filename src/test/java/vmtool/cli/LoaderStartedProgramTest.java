package vmtool.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import vmtool.DiesWithTheJvm;

/**
 * sleep started through the dynamic loader ({@code /lib64/ld-linux-x86-64.so.2 /usr/bin/sleep 600}): /proc/PID/exe
 * is the loader, yet the program is sleep, and the loader a library.
 */
@Timeout(60)
class LoaderStartedProgramTest {
    private static final Path LOADER = Path.of("/lib64/ld-linux-x86-64.so.2");
    private static final String SLEEP = "/usr/bin/sleep";

    @Test
    void theProgramIsTheFileTheLoaderRanNotTheLoader() throws IOException, InterruptedException {
        Assumptions.assumeTrue(Files.isExecutable(LOADER) && Files.isExecutable(Path.of(SLEEP)), "no loader or sleep");
        Process sleep = DiesWithTheJvm.start(new ProcessBuilder(LOADER.toString(), SLEEP, "600"));
        try {
            Path maps = Path.of("/proc", Long.toString(sleep.pid()), "maps");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            // Until the loader has mapped libc (it maps the program first) and sleep sleeps.
            while (!Files.readString(maps, StandardCharsets.ISO_8859_1).contains("libc.so")
                    || !Files.readString(Path.of("/proc", Long.toString(sleep.pid()), "wchan")).contains("sleep")) {
                assertThat(System.nanoTime()).as("sleep started through the loader").isLessThan(deadline);
                Thread.sleep(20);
            }
            assertThat(Files.readSymbolicLink(Path.of("/proc", Long.toString(sleep.pid()), "exe")).getFileName()
                    .toString()).startsWith("ld-linux");

            CommandRun run = CommandRun.of("anatomy", "--json", "--detail", Long.toString(sleep.pid()));
            assertThat(run.err()).isEmpty();
            assertThat(run.status()).isZero();
            JsonObject anatomy = JsonParser.parseString(run.out()).getAsJsonObject();
            List<String> sleepKinds = new ArrayList<>();
            List<String> loaderKinds = new ArrayList<>();
            for (JsonElement element : anatomy.getAsJsonArray("mappings")) {
                JsonObject mapping = element.getAsJsonObject();
                String name = mapping.get("name").getAsString();
                if (name.equals(SLEEP)) {
                    sleepKinds.add(mapping.get("kind").getAsString());
                } else if (name.contains("/ld-linux")) {
                    loaderKinds.add(mapping.get("kind").getAsString());
                }
            }
            assertThat(sleepKinds).as(run.out()).isNotEmpty().containsOnly("program");
            assertThat(loaderKinds).as(run.out()).isNotEmpty().containsOnly("library");
        } finally {
            sleep.destroyForcibly().waitFor();
        }
    }
}
