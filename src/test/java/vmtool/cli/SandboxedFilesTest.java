package vmtool.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import vmtool.ChildVmtool;
import vmtool.Unprivileged;

/**
 * vmtool, run as root, reads the ELF headers of another user's libraries (to tell a library's bss from memory after
 * it) without being made to block, to leave the process's root, or to lose them in a sandbox: against
 * src/test/c/sandboxed.c, run as the unprivileged user in its own user (and mount) namespace.
 *
 * <p>Each test that could hang has a timeout on a thread of its own: a vmtool blocked in opening a FIFO does not
 * notice an interrupt. The cleanup lets such a reader go (a writer opens the FIFO), so that nothing stays blocked.
 */
class SandboxedFilesTest {
    private final List<AnatomyHelper> helpers = new ArrayList<>();
    private final List<Path> mounts = new ArrayList<>();
    private final List<Path> fifos = new ArrayList<>();
    private final List<Path> dirs = new ArrayList<>();
    private final List<Process> children = new ArrayList<>();

    @AfterEach
    void cleanUp() throws Exception {
        for (Path fifo : fifos) {
            // O_RDWR on a FIFO does not wait; a reader blocked in open(2) goes on, and reads EOF once it is closed.
            try (RandomAccessFile writer = new RandomAccessFile(fifo.toFile(), "rw")) {
                writer.getFD();
            } catch (IOException e) {
                // gone with its helper, which lets its own FIFO's readers go as it ends
            }
        }
        for (Process child : children) {
            child.destroyForcibly().waitFor();
        }
        for (AnatomyHelper helper : helpers) {
            helper.close();
        }
        for (Path mount : mounts) {
            run(List.of("umount", "-l", mount.toString()));
        }
        for (Path dir : dirs) {
            if (!Files.exists(dir)) {
                continue; // the helper's own directory, which it removes as it ends
            }
            try (var paths = Files.walk(dir)) {
                for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }

    /** A directory the unprivileged user owns, under a directory everyone may search. */
    private Path ownedDirectory() throws IOException {
        Path dir = Unprivileged.ownedDirectory(Path.of("/tmp"), "vmtool-sandboxed-");
        dirs.add(dir);
        return dir;
    }

    private AnatomyHelper start(List<String> unshare, String mode, Path dir, Path elf, String... extra)
            throws IOException, InterruptedException {
        List<String> prefix = new ArrayList<>(Unprivileged.asUser());
        prefix.add("/usr/bin/unshare");
        prefix.addAll(unshare);
        AnatomyHelper helper = AnatomyHelper.startSandboxed(prefix, mode, dir, elf, extra);
        helpers.add(helper);
        return helper;
    }

    /** The kind that {@code where} gives the address the helper printed as {@code name}. */
    private static String kindAt(AnatomyHelper helper, String name) {
        CommandRun run = CommandRun.of("where", helper.pidArg(), Long.toHexString(helper.printed(name).address()));
        assertThat(run.err()).isEmpty();
        assertThat(run.status()).isZero();
        return kindIn(run.out());
    }

    /** anatomy, where and pmap --json all end, and well, on the helper. */
    private static void allEnd(AnatomyHelper helper) {
        for (List<String> args : List.of(List.of("anatomy", helper.pidArg()),
                List.of("where", helper.pidArg(), Long.toHexString(helper.printed("after").address())),
                List.of("pmap", "--json", helper.pidArg()))) {
            CommandRun run = CommandRun.of(args.toArray(new String[0]));
            assertThat(run.err()).as("vmtool %s", args).isEmpty();
            assertThat(run.status()).as("vmtool %s", args).isZero();
        }
    }

    /**
     * The mapped library's path leads, inside the process's mount namespace, to a FIFO with the library's inode
     * number (a fresh tmpfs over its directory). Opening that path as the file would wait for a writer forever.
     */
    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aFifoWithTheMappedFilesInodeDoesNotHangAnatomyWhereOrJson() throws Exception {
        Path dir = ownedDirectory().resolve("lib");
        Files.createDirectory(dir);
        Unprivileged.chown(dir);
        AnatomyHelper helper = start(List.of("-Urm"), "fifo", dir, AnatomyHelper.onePageLibrary());
        fifos.add(Path.of("/proc/" + helper.pid() + "/root" + dir + "/libfifo.so"));

        allEnd(helper);
    }

    /**
     * The process chroots into a tmpfs of its own and puts, where its library's path leads inside that root, an
     * absolute link to a root-only FIFO on the host with the library's inode number. Resolved against vmtool's own
     * root, as java.io would, the link would open the host's FIFO (and wait for a writer forever).
     */
    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void anAbsoluteLinkInsideTheRootDoesNotLeadOutOfIt() throws Exception {
        AnatomyHelper helper = startEscape(hostFifo("0700", false));

        allEnd(helper);
    }

    /**
     * A process chrooted into a directory that it then removed (as Firefox's sandboxed processes are) has no files
     * under /proc/PID/root; map_files still names its libraries, so anonymous memory after 4 MiB of libc (past its
     * image) is still told from libc's own bss.
     */
    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aChrootWhoseRootWasRemovedStillHasItsLibrariesRead() throws Exception {
        AnatomyHelper helper = start(List.of("-Ur"), "gone-root", ownedDirectory(), libc());
        assertThat(Files.readSymbolicLink(Path.of("/proc/" + helper.pid() + "/root")).toString())
                .endsWith(" (deleted)");

        assertThat(kindAt(helper, "after-library-image")).isEqualTo("anonymous");
        assertThat(kindAt(helper, "library-bss")).isEqualTo("library");
    }

    /**
     * A library whose segments all lie in its first page, mapped as the loader maps it (each mapping from file
     * offset 0), with anonymous memory right after it: that memory starts past the library's image, whose base is
     * its lowest mapping, not the nearest one with offset 0.
     */
    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void memoryAfterAOnePageLibraryIsAnonymous() throws Exception {
        AnatomyHelper helper = start(List.of("-Ur"), "one-page", ownedDirectory(), AnatomyHelper.onePageLibrary());
        long offsetZero = Files.readAllLines(Path.of("/proc/" + helper.pid() + "/maps")).stream()
                .filter(line -> line.endsWith("libonepage.so") && line.split(" +")[2].equals("00000000")).count();
        assertThat(offsetZero).as("mappings of the library at file offset 0").isGreaterThan(1);

        assertThat(kindAt(helper, "library")).isEqualTo("library");
        assertThat(kindAt(helper, "after")).isEqualTo("anonymous");
    }

    /**
     * As the unprivileged user, on its own process, vmtool may not follow map_files (EPERM): the headers come
     * through openat2 in /proc/PID/root, and memory after the one-page library is still told from its bss.
     */
    @Test
    @Timeout(value = 90, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void asTheUserTheHeadersComeThroughTheProcesssRoot() throws Exception {
        AnatomyHelper helper = start(List.of("-Ur"), "one-page", ownedDirectory(), AnatomyHelper.onePageLibrary());

        assertThat(kindAsUser(helper, "after")).isEqualTo("anonymous");
    }

    /**
     * As the unprivileged user, the link from inside the chroot to a FIFO of the user's own on the host (so that
     * opening it could block) is not followed: openat2 resolves in the process's root, through no link.
     */
    @Test
    @Timeout(value = 90, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void asTheUserALinkInsideTheRootIsNotFollowed() throws Exception {
        AnatomyHelper helper = startEscape(hostFifo("0755", true));

        assertThat(kindAsUser(helper, "after")).isNotEmpty();
    }

    /**
     * A FIFO (mode 0600, root's or given to the unprivileged user) as the first file of a fresh tmpfs on the host,
     * whose directory has {@code mode}.
     */
    private Path hostFifo(String mode, boolean users) throws IOException, InterruptedException {
        Path hostDir = Files.createTempDirectory("vmtool-host-fifo-");
        dirs.add(hostDir);
        run(List.of("mount", "-t", "tmpfs", "-o", "mode=" + mode, "none", hostDir.toString()));
        mounts.add(hostDir);
        Path fifo = hostDir.resolve("fifo");
        run(List.of("mkfifo", "-m", "0600", fifo.toString()));
        if (users) {
            Unprivileged.chown(fifo);
        }
        fifos.add(fifo);
        return fifo;
    }

    /**
     * The helper in symlink mode, its link leading to {@code fifo}. The attack needs the FIFO to pass an inode check:
     * both it and the mapped library are a fresh tmpfs's first file.
     */
    private AnatomyHelper startEscape(Path fifo) throws IOException, InterruptedException {
        Path dir = ownedDirectory().resolve("jail");
        Files.createDirectory(dir);
        Unprivileged.chown(dir);
        AnatomyHelper helper = start(List.of("-Urm"), "symlink", dir, AnatomyHelper.onePageLibrary(),
                fifo.toString());
        assertThat(Files.getAttribute(fifo, "unix:ino"))
                .isEqualTo(inodeOfMapping(helper, dir.resolve("libescape.so").toString()));
        return helper;
    }

    /** {@code vmtool where PID ADDRESS} run by the unprivileged user in a JVM of its own: the kind it names. */
    private String kindAsUser(AnatomyHelper helper, String name) throws IOException, InterruptedException {
        List<String> command = ChildVmtool.command("where", helper.pidArg(),
                Long.toHexString(helper.printed(name).address()));
        Process child = new ProcessBuilder(Unprivileged.command(command)).directory(new java.io.File("/tmp"))
                .redirectErrorStream(true).start();
        children.add(child);
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor()).as(out).isZero();
        return kindIn(out);
    }

    /** The kind in where's line: {@code 0xADDRESS: 0xSTART-0xEND PERMS KIND [NAME]; ...}. */
    private static String kindIn(String whereLine) {
        return whereLine.split(" ")[3].replace(";", "");
    }

    /** The inode number of the mapping whose name is {@code path}, from the helper's maps. */
    private static long inodeOfMapping(AnatomyHelper helper, String path) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + helper.pid() + "/maps"))) {
            String[] fields = line.split(" +");
            if (fields.length > 5 && fields[5].equals(path)) {
                return Long.parseLong(fields[4]);
            }
        }
        throw new AssertionError("no mapping of " + path);
    }

    /** The C library this JVM maps: a real library, with a bss, whose image ends before 4 MiB of its file. */
    private static Path libc() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
            if (line.endsWith("/libc.so.6")) {
                return Path.of(line.substring(line.indexOf('/')));
            }
        }
        throw new AssertionError("this JVM maps no libc.so.6");
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("%s ended", command).isTrue();
        assertThat(process.exitValue()).as("%s: %s", command, out).isZero();
    }
}
