package vmtool.pmap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** The helper leaves nothing behind: its SysV segment goes with it, even when it is killed. */
class MapperHelperTest {

    private static boolean shmListed(int shmid) throws IOException {
        return Processes.readProcString(Path.of("/proc/sysvipc/shm")).lines().skip(1)
                .map(Outputs::words).anyMatch(words -> words.size() > 1 && words.get(1).equals(Integer.toString(shmid)));
    }

    @Test
    void segmentGoesWhenTheHelperIsKilled() throws IOException, InterruptedException {
        Mapper mapper = Mapper.startSmall();
        try {
            assertThat(mapper.shmid()).isNotNegative();
            assertThat(shmListed(mapper.shmid())).as("segment listed while attached").isTrue();
            mapper.process().destroyForcibly();
            assertThat(mapper.process().waitFor(5, TimeUnit.SECONDS)).isTrue();
            assertThat(shmListed(mapper.shmid())).as("segment gone after SIGKILL").isFalse();
        } finally {
            mapper.close();
        }
    }

    @Test
    void helperExitsWhenItsStdinCloses() throws IOException, InterruptedException {
        Mapper mapper = Mapper.startSmall();
        try {
            mapper.process().getOutputStream().close();
            assertThat(mapper.process().waitFor(5, TimeUnit.SECONDS)).as("exited on EOF").isTrue();
            assertThat(mapper.process().exitValue()).isZero();
            assertThat(shmListed(mapper.shmid())).isFalse();
        } finally {
            mapper.close();
        }
    }
}
