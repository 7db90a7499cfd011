package vmtool.jvm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The jcmd that {@code --jvm} runs: the one of the JDK vmtool itself runs on ({@code java.home}), never one that the
 * target names (the jcmd beside its executable or its libjvm.so would be a program of the target's owner, run as
 * root). vmtool's own JVM already runs that JDK's code, so its jcmd is as trusted as vmtool; it is still checked
 * ({@link StrictModes}), so that a JDK that others could have written is refused rather than run. jcmd attaches to
 * a HotSpot JVM of another feature version (17 and 25 both ways): the attach protocol is the same.
 */
public final class OwnJdk {
    private OwnJdk() {
    }

    /**
     * The real path of the jcmd of the JDK at {@code javaHome}, checked for user {@code uid}.
     *
     * @throws JvmUnavailableException when that JDK has no jcmd (a runtime without the JDK's tools) or when it may
     *                                 not be run (a path component that others own or may write)
     */
    public static Path jcmd(Path javaHome, int uid) throws JvmUnavailableException {
        Path jcmd = javaHome.resolve("bin").resolve("jcmd");
        Path real;
        try {
            real = jcmd.toRealPath();
        } catch (IOException e) {
            real = null;
        }
        if (real == null || !Files.isExecutable(real)) {
            throw new JvmUnavailableException("vmtool runs on a Java runtime without jcmd (" + javaHome + "); --jvm"
                    + " needs a JDK: put a JDK's bin/ first on PATH (apt-get install openjdk-17-jdk-headless)");
        }
        Optional<String> refusal = StrictModes.refusal(real, uid);
        if (refusal.isPresent()) {
            throw new JvmUnavailableException("will not run " + real + ": " + refusal.get()
                    + "; run vmtool on a JDK that only root can write");
        }
        return real;
    }
}
