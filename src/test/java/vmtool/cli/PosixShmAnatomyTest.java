package vmtool.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Real POSIX shared memory ({@code kinds posix-shm NAME}: shm_open, mmap MAP_SHARED): anatomy calls it
 * {@code posix-shm}, labelled with the object's name, not {@code file}.
 */
@Timeout(60)
class PosixShmAnatomyTest {
    private static final String NAME = "vmtool-posix-shm-" + ProcessHandle.current().pid();

    private static KindsHelper helper;

    @BeforeAll
    static void start() throws IOException, InterruptedException {
        Files.deleteIfExists(Path.of("/dev/shm", NAME));
        helper = KindsHelper.start(-1, "posix-shm", NAME);
    }

    @AfterAll
    static void stop() throws IOException, InterruptedException {
        if (helper != null) {
            helper.close();
        }
        Files.deleteIfExists(Path.of("/dev/shm", NAME));
    }

    @Test
    void sharedMemoryFromShmOpenIsItsOwnKind() throws IOException {
        CommandRun run = CommandRun.of("anatomy", "--json", "--detail", helper.pidArg());
        assertThat(run.err()).isEmpty();
        assertThat(run.status()).isZero();
        JsonObject anatomy = JsonParser.parseString(run.out()).getAsJsonObject();

        JsonObject mapping = null;
        for (JsonElement element : anatomy.getAsJsonArray("mappings")) {
            if (element.getAsJsonObject().get("start").getAsString().equals("0x" + Long.toHexString(helper.start()))) {
                mapping = element.getAsJsonObject();
            }
        }
        assertThat(mapping).as(run.out()).isNotNull();
        assertThat(mapping.get("name").getAsString()).isEqualTo("/dev/shm/" + NAME);
        assertThat(mapping.get("kind").getAsString()).isEqualTo("posix-shm");
        assertThat(mapping.get("label").getAsString()).isEqualTo(NAME);
        assertThat(mapping.get("size_kb").getAsLong()).isEqualTo(12);
        assertThat(mapping.get("rss_kb").getAsLong()).isEqualTo(helper.smapsKb("Rss")).isEqualTo(8);
        assertThat(anatomy.getAsJsonArray("kinds")).anySatisfy(row -> {
            assertThat(row.getAsJsonObject().get("kind").getAsString()).isEqualTo("posix-shm");
            assertThat(row.getAsJsonObject().get("meaning").getAsString()).contains("shm_open");
        });
    }
}
