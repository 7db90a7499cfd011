package vmtool.proc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which of a process's threads are the JVM's compilers, and whether one is compiling, from their stat files. */
class CompilerThreadsTest {
    @TempDir
    Path task;

    private void thread(int tid, String name, char state) throws IOException {
        Path dir = Files.createDirectories(task.resolve(Integer.toString(tid)));
        Files.writeString(dir.resolve("stat"), tid + " (" + name + ") " + state
                + " 1 1200 1200 0 -1 1077936192 1064 0 0 0 3 0 0 0 20 0 19 0 1690 0 0\n");
    }

    @Test
    void theRunOfCompilerThreadsNearestTheEndIsFound() throws Exception {
        thread(1200, "java", 'S');
        thread(1213, "C2 CompilerThre", 'S');
        thread(1214, "C1 CompilerThre", 'S');
        thread(1215, "Sweeper thread", 'S');
        thread(1216, "Common-Cleaner", 'S');

        assertThat(CompilerThreads.find(task.toString())).containsExactlyInAnyOrder(
                task + "/1213/stat", task + "/1214/stat");
    }

    @Test
    void aCompilerThreadThatRunsIsBusy() throws Exception {
        thread(1200, "java", 'R');
        thread(1214, "C1 CompilerThre", 'S');
        String[] compilers = CompilerThreads.find(task.toString());
        assertThat(CompilerThreads.busy(compilers)).isFalse();

        thread(1214, "C1 CompilerThre", 'R');
        assertThat(CompilerThreads.busy(compilers)).isTrue();
    }

    @Test
    void aThreadNamedLikeOneIsNotTakenForIt() throws Exception {
        thread(1200, "C1 Compiler", 'R');
        thread(1201, "C1 CompilerThreX", 'R');
        thread(1202, "X1 CompilerThre", 'R');

        assertThat(CompilerThreads.find(task.toString())).isEmpty();
    }

    @Test
    void thisJvmsCompilerThreadsAreFound() {
        // The test JVM runs with the JIT (surefire gives it no -Xint): C1 and C2 threads.
        String[] compilers = CompilerThreads.find("/proc/self/task");

        assertThat(compilers).isNotEmpty();
        assertThat(compilers).allMatch(path -> path.matches("/proc/self/task/[0-9]+/stat"));
    }
}
