package vmtool.proc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CgroupMemory over fixture trees: a fake /proc/self and cgroup directories, v2 and v1, as kernels write them. */
class CgroupMemoryTest {
    private static final long MIB = 1 << 20;
    private static final String V2_MOUNT = "30 23 0:26 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:4 - cgroup2"
            + " cgroup2 rw,nsdelegate,memory_recursiveprot\n";
    private static final String V1_MOUNT = "35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory\n";

    @TempDir
    Path root;

    private CgroupMemory cgroups(String cgroup, String mountinfo) throws IOException {
        write("proc/self/cgroup", cgroup);
        write("proc/self/mountinfo", mountinfo);
        return new CgroupMemory(new ProcFs(root.resolve("proc")), root);
    }

    private void write(String path, String text) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    /** A v2 group directory with its files; null leaves a file out. */
    private void v2Group(String dir, String max, String high, String current) throws IOException {
        write(dir + "/cgroup.procs", "");
        if (max != null) {
            write(dir + "/memory.max", max + "\n");
        }
        if (high != null) {
            write(dir + "/memory.high", high + "\n");
        }
        write(dir + "/memory.current", current + "\n");
    }

    @Test
    void aParentsLimitAppliesToTheGroupBelowIt() throws Exception {
        v2Group("sys/fs/cgroup", null, null, "900000000");
        v2Group("sys/fs/cgroup/user.slice", Long.toString(200 * MIB), "max", Long.toString(50 * MIB));
        v2Group("sys/fs/cgroup/user.slice/session-1.scope", "max", "max", Long.toString(10 * MIB));
        CgroupMemory cgroups = cgroups("0::/user.slice/session-1.scope\n", V2_MOUNT);

        CgroupMemory.Limit limit = cgroups.tightest().orElseThrow();
        assertThat(limit.file()).isEqualTo(root.resolve("sys/fs/cgroup/user.slice/memory.max"));
        assertThat(limit.limitBytes()).isEqualTo(200 * MIB);
        assertThat(limit.headroomBytes()).isEqualTo(150 * MIB);
    }

    @Test
    void memoryHighCountsWhenItIsTighterThanMemoryMax() throws Exception {
        v2Group("sys/fs/cgroup/app", Long.toString(500 * MIB), Long.toString(300 * MIB), Long.toString(100 * MIB));
        CgroupMemory cgroups = cgroups("0::/app\n", V2_MOUNT);

        assertThat(cgroups.limits()).hasSize(2);
        CgroupMemory.Limit limit = cgroups.tightest().orElseThrow();
        assertThat(limit.fileName()).isEqualTo("memory.high");
        assertThat(limit.headroomBytes()).isEqualTo(200 * MIB);
    }

    @Test
    void maxEverywhereIsNoLimit() throws Exception {
        v2Group("sys/fs/cgroup/app", "max", "max", "123");
        assertThat(cgroups("0::/app\n", V2_MOUNT).tightest()).isEmpty();
    }

    /** In a container with its own cgroup namespace the mount's root is the container's group, named from outside. */
    @Test
    void aContainersMountRootIsItsOwnGroup() throws Exception {
        v2Group("sys/fs/cgroup", Long.toString(256 * MIB), "max", Long.toString(6 * MIB));
        String mount = "30 23 0:26 /docker/abc /sys/fs/cgroup rw - cgroup2 cgroup2 rw\n";
        CgroupMemory.Limit limit = cgroups("0::/docker/abc\n", mount).tightest().orElseThrow();

        assertThat(limit.file()).isEqualTo(root.resolve("sys/fs/cgroup/memory.max"));
        assertThat(limit.headroomBytes()).isEqualTo(250 * MIB);
    }

    @Test
    void v1LimitInBytesWithItsNoLimitValue() throws Exception {
        write("sys/fs/cgroup/memory/cgroup.procs", "");
        write("sys/fs/cgroup/memory/memory.limit_in_bytes", "9223372036854771712\n");
        write("sys/fs/cgroup/memory/memory.usage_in_bytes", "5000000000\n");
        write("sys/fs/cgroup/memory/job/cgroup.procs", "");
        write("sys/fs/cgroup/memory/job/memory.limit_in_bytes", (200 * MIB) + "\n");
        write("sys/fs/cgroup/memory/job/memory.usage_in_bytes", (20 * MIB) + "\n");
        // Hybrid: the v2 hierarchy is mounted too, without the memory controller.
        write("sys/fs/cgroup/unified/cgroup.procs", "");
        String mounts = V1_MOUNT + "41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw\n";
        CgroupMemory cgroups = cgroups("9:name=systemd:/\n4:memory:/job\n3:cpuset:/\n0::/\n", mounts);

        assertThat(cgroups.limits()).hasSize(1);
        CgroupMemory.Limit limit = cgroups.tightest().orElseThrow();
        assertThat(limit.file()).isEqualTo(root.resolve("sys/fs/cgroup/memory/job/memory.limit_in_bytes"));
        assertThat(limit.usageBytes()).isEqualTo(20 * MIB);
        assertThat(limit.headroomBytes()).isEqualTo(180 * MIB);
    }

    @Test
    void aMountPointWithASpaceIsUnescaped() throws Exception {
        v2Group("sys/fs/my cg/app", Long.toString(64 * MIB), null, "0");
        String mount = "30 23 0:26 / /sys/fs/my\\040cg rw - cgroup2 cgroup2 rw\n";
        assertThat(cgroups("0::/app\n", mount).tightest().orElseThrow().limitBytes()).isEqualTo(64 * MIB);
    }

    @Test
    void noCgroupFileMeansNoLimit() throws Exception {
        Files.createDirectories(root.resolve("proc/self"));
        assertThat(new CgroupMemory(new ProcFs(root.resolve("proc")), root).tightest()).isEmpty();
    }
}
