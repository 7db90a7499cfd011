package vmtool.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

import vmtool.ExitCode;
import vmtool.jvm.JvmRegions;
import vmtool.jvm.JvmUnavailableException;
import vmtool.model.AddressSpace;
import vmtool.model.ByteText;
import vmtool.model.ProcessFacts;
import vmtool.proc.ProcException;
import vmtool.proc.ProcFs;
import vmtool.source.Source;
import vmtool.source.SourceException;
import vmtool.source.Sources;

/**
 * Reads the address space that anatomy and where explain: with every fact /proc gives, and with {@code --jvm} a
 * HotSpot JVM's own regions. A failure to read is the command's input failure (status 4); a JVM that cannot be
 * asked is not: its line goes to stderr and the regions stay anonymous.
 */
final class SpaceReader {
    /**
     * @param space   the address space, classified
     * @param jvmNote why a JVM's regions were asked for but could not be had; null otherwise
     */
    record Read(AddressSpace space, String jvmNote) {
    }

    private SpaceReader() {
    }

    static Read read(Source source, boolean jvm, String command, PrintWriter err) {
        ProcFs procFs = ProcFs.system();
        Sources sources = new Sources(procFs, System.in, err, command);
        AddressSpace space = read(sources, source, true);
        if (!jvm) {
            return new Read(space, null);
        }
        try {
            // Asked with the jcmd of the JDK vmtool runs on, as the user vmtool runs as.
            List<ProcessFacts.JvmRegion> regions = JvmRegions.of(procFs, space.process().tgid(), space.mappings(),
                    Path.of(System.getProperty("java.home")), procFs.selfEffectiveUid(), JvmRegions.LIMIT);
            // Read again: attaching started a thread in the JVM (its Attach Listener), whose stack is new. Only
            // the mappings: the facts are gathered here, with the JVM's regions.
            AddressSpace after = read(sources, source, false);
            ProcessFacts withJvm = procFs.facts(after.process()).withJvmRegions(regions)
                    .withImages(procFs.loadedImages(after.process(), after.mappings()));
            return new Read(AddressSpace.of(after.process(), after.source(), false, after.mappings(), withJvm), null);
        } catch (JvmUnavailableException | ProcException e) {
            // The reason may quote the target: its paths, its JVM's answer.
            String reason = ByteText.shown(e.getMessage());
            err.println(command + ": --jvm: " + reason + "; the JVM's regions are shown as anonymous and reserved");
            return new Read(space, reason);
        }
    }

    private static AddressSpace read(Sources sources, Source source, boolean facts) {
        try {
            return sources.read(source, facts);
        } catch (SourceException e) {
            throw new VmtoolException(ExitCode.INPUT_FAILURE, e.getMessage(), e);
        }
    }
}
