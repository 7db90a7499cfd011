package vmtool;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * The unprivileged user that security and permission tests play: a real account made with useradd (once per
 * machine; the suite runs as root), and the command prefix that runs a program as that user. Tests that try an
 * attack plant files as this user and then run vmtool as root against its processes.
 */
public final class Unprivileged {
    /** The account's name: a system user with no login shell, made on first use. */
    public static final String USER = "vmtool-tester";

    private static volatile Account account;

    /** The account's ids. */
    public record Account(String name, int uid, int gid) {
    }

    private Unprivileged() {
    }

    /**
     * The account, made with useradd if it does not exist yet. Skips the calling test (an assumption) when this
     * JVM is not root, since only root can make the user and become it.
     */
    public static Account account() {
        Account made = account;
        if (made != null) {
            return made;
        }
        synchronized (Unprivileged.class) {
            if (account == null) {
                Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                        "needs root, to make and become an unprivileged user");
                if (idOf("-u").isEmpty()) {
                    create();
                }
                account = new Account(USER, Integer.parseInt(idOf("-u")), Integer.parseInt(idOf("-g")));
            }
            return account;
        }
    }

    /**
     * {@code setpriv} arguments that run the rest of a command line as the account, with no supplementary groups,
     * killed when the test JVM dies ({@link DiesWithTheJvm}: setpriv sets that signal after it changes the user, which
     * would clear it).
     */
    public static List<String> asUser() {
        Account user = account();
        List<String> setpriv = new ArrayList<>(DiesWithTheJvm.PREFIX);
        setpriv.addAll(List.of("--reuid=" + user.uid(), "--regid=" + user.gid(), "--clear-groups", "--"));
        return List.copyOf(setpriv);
    }

    /** {@code command} run as the account: {@link #asUser()} followed by it. */
    public static List<String> command(List<String> command) {
        List<String> full = new ArrayList<>(asUser());
        full.addAll(command);
        return full;
    }

    /** A new directory that the account owns (mode 0700) under {@code parent}, for files it plants. */
    public static Path ownedDirectory(Path parent, String prefix) throws IOException {
        Account user = account();
        Path dir = Files.createTempDirectory(parent, prefix, PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        Files.setAttribute(dir, "unix:uid", user.uid());
        Files.setAttribute(dir, "unix:gid", user.gid());
        return dir;
    }

    /** Gives a file or directory to the account. */
    public static void chown(Path path) throws IOException {
        Account user = account();
        Files.setAttribute(path, "unix:uid", user.uid(), java.nio.file.LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(path, "unix:gid", user.gid(), java.nio.file.LinkOption.NOFOLLOW_LINKS);
    }

    private static String idOf(String which) {
        String out = run(List.of("id", which, USER));
        return out == null ? "" : out.strip();
    }

    /** useradd takes a lock on /etc/passwd; two suites making the user at once retry, and one wins. */
    private static void create() {
        for (int attempt = 0; attempt < 20 && idOf("-u").isEmpty(); attempt++) {
            run(List.of("/usr/sbin/useradd", "--system", "--no-create-home", "--home-dir", "/nonexistent",
                    "--shell", "/usr/sbin/nologin", "--user-group", USER));
            if (idOf("-u").isEmpty()) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        if (idOf("-u").isEmpty()) {
            throw new AssertionError("useradd could not make the test user " + USER);
        }
    }

    /** The command's standard output when it exits 0, else null. */
    private static String run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return null;
            }
            return process.exitValue() == 0 ? new String(out, StandardCharsets.UTF_8) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
