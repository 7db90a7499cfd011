package vmtool.jvm;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import vmtool.model.Mapping;
import vmtool.model.ProcessFacts.JvmRegion;
import vmtool.proc.ProcException;
import vmtool.proc.ProcFs;

/**
 * A HotSpot JVM's own regions, asked of the JVM through the attach mechanism (vmtool's own JDK's jcmd), never
 * guessed from the mappings' shapes. Attaching needs the target's user (or root) and a JVM that allows it.
 */
public final class JvmRegions {
    /** How long jcmd may take: attaching to a busy JVM can take seconds; a hung one must not hang vmtool. */
    public static final Duration LIMIT = Duration.ofSeconds(10);
    /** The signal that starts a HotSpot JVM's attach listener. */
    private static final int SIGQUIT = 3;

    private JvmRegions() {
    }

    /**
     * The regions of the JVM in process {@code pid}, whose mappings are these, asked with the jcmd of the JDK at
     * {@code javaHome} (vmtool's own) as user {@code uid}.
     *
     * @throws JvmUnavailableException saying why, in a line: not a HotSpot JVM, no jcmd, attach refused, timeout
     */
    public static List<JvmRegion> of(ProcFs procFs, int pid, List<Mapping> mappings, Path javaHome, int uid,
            Duration limit) throws JvmUnavailableException {
        if (!mapsLibjvm(mappings)) {
            throw new JvmUnavailableException("process " + pid + " is not a HotSpot JVM (no libjvm.so is mapped)");
        }
        Path jcmd = OwnJdk.jcmd(javaHome, uid);
        // jcmd signals SIGQUIT to start the attach listener: a process that does not catch it would die of it (the
        // JDK's own check, from 21 on; jcmd 17 sends it anyway).
        try {
            if (!procFs.catchesSignal(pid, SIGQUIT)) {
                throw new JvmUnavailableException("process " + pid + " does not catch SIGQUIT, so it cannot be"
                        + " attached (not a running HotSpot JVM, or one started with -Xrs)");
            }
        } catch (ProcException e) {
            throw new JvmUnavailableException(e.getMessage());
        }
        String text = new Jcmd(jcmd, limit).run(pid, JvmReport.COMMANDS);
        List<JvmRegion> regions = JvmReport.parse(text);
        if (regions.isEmpty()) {
            throw new JvmUnavailableException("jcmd named no address ranges");
        }
        return regions;
    }

    /** Whether the process maps a libjvm.so (HotSpot's). Only a name: nothing is opened or run from there. */
    static boolean mapsLibjvm(List<Mapping> mappings) {
        for (Mapping mapping : mappings) {
            if (mapping.isFile() && mapping.path().endsWith("/libjvm.so")) {
                return true;
            }
        }
        return false;
    }
}
