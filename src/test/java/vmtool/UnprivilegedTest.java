package vmtool;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnprivilegedTest {
    @Test
    void commandsRunAsTheAccountWithNoGroupsButItsOwn(@TempDir Path tmp) throws Exception {
        Unprivileged.Account user = Unprivileged.account();
        assertThat(user.uid()).isPositive();
        Process id = new ProcessBuilder(Unprivileged.command(List.of("sh", "-c", "id -u; id -G"))).redirectErrorStream(true)
                .start();
        String out = new String(id.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(id.waitFor()).as(out).isZero();
        assertThat(out.lines().toList()).containsExactly(Integer.toString(user.uid()), Integer.toString(user.gid()));

        Path dir = Unprivileged.ownedDirectory(tmp, "planted");
        assertThat(Files.getAttribute(dir, "unix:uid")).isEqualTo(user.uid());
    }
}
