package vmtool.jvm;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import vmtool.model.Mapping;
import vmtool.model.ProcessFacts.JvmRegion;

/**
 * A HotSpot JVM's own regions, asked of the JVM through the attach mechanism (jcmd), never guessed from the
 * mappings' shapes. Attaching needs the target's user (or root) and a JVM that allows it.
 */
public final class JvmRegions {
    /** How long jcmd may take: attaching to a busy JVM can take seconds; a hung one must not hang vmtool. */
    public static final Duration LIMIT = Duration.ofSeconds(10);

    private JvmRegions() {
    }

    /**
     * The regions of the JVM in process {@code pid}, whose executable is {@code executable} (empty when unknown) and
     * whose mappings are these.
     *
     * @throws JvmUnavailableException saying why, in a line: not a HotSpot JVM, no jcmd, attach refused, timeout
     */
    public static List<JvmRegion> of(long pid, String executable, List<Mapping> mappings, Duration limit)
            throws JvmUnavailableException {
        Path libjvm = libjvm(mappings);
        if (libjvm == null) {
            throw new JvmUnavailableException("process " + pid + " is not a HotSpot JVM (no libjvm.so is mapped)");
        }
        Path jcmd = jcmdOf(executable, libjvm);
        if (jcmd == null) {
            Path home = jdkHome(libjvm);
            throw new JvmUnavailableException("no jcmd in the JVM's own JDK (" + (home == null ? libjvm
                    : home.resolve("bin")) + "): a runtime without the JDK's tools cannot be asked");
        }
        String text = new Jcmd(jcmd, limit).run(pid, JvmReport.COMMANDS);
        List<JvmRegion> regions = JvmReport.parse(text);
        if (regions.isEmpty()) {
            throw new JvmUnavailableException(jcmd + " named no address ranges");
        }
        return regions;
    }

    /** The libjvm.so the process maps (HotSpot's), or null. */
    static Path libjvm(List<Mapping> mappings) {
        for (Mapping mapping : mappings) {
            if (mapping.isFile() && mapping.path().endsWith("/libjvm.so")) {
                return Path.of(mapping.path());
            }
        }
        return null;
    }

    /**
     * The target's own JDK's jcmd: beside its executable ({@code bin/java}), else the bin/ of the JDK whose
     * {@code lib/server/libjvm.so} it maps (a custom launcher); null when neither has one.
     */
    static Path jcmdOf(String executable, Path libjvm) {
        if (!executable.isEmpty()) {
            Path besideExe = Path.of(executable).resolveSibling("jcmd");
            if (Files.isExecutable(besideExe)) {
                return besideExe;
            }
        }
        Path home = jdkHome(libjvm);
        if (home != null) {
            Path inHome = home.resolve("bin").resolve("jcmd");
            if (Files.isExecutable(inHome)) {
                return inHome;
            }
        }
        return null;
    }

    /** JDK/lib/server/libjvm.so gives JDK; null for a shorter path. */
    private static Path jdkHome(Path libjvm) {
        Path server = libjvm.getParent();
        Path lib = server == null ? null : server.getParent();
        return lib == null ? null : lib.getParent();
    }
}
