package vmtool.source;

import java.nio.file.Path;

import vmtool.jvm.JvmRegions;
import vmtool.jvm.JvmUnavailableException;
import vmtool.model.AddressSpace;
import vmtool.model.ByteText;
import vmtool.model.ProcessFacts;
import vmtool.pages.SavedPages;
import vmtool.proc.ProcException;
import vmtool.proc.ProcFs;

/**
 * Reads the address space that anatomy and where explain: with every fact /proc gives, and with {@code --jvm} a
 * HotSpot JVM's own regions. A failure to read is a {@link SourceException}; a JVM that cannot be asked is not: the
 * reason is returned with the space, whose JVM regions stay anonymous and reserved.
 */
public final class SpaceReader {
    /**
     * @param space   the address space, classified
     * @param jvmNote    why a JVM's regions were asked for but could not be had, shown escaped; null otherwise
     * @param jvmUnnamed what of a JVM's regions its answer left unnamed, as a note; null when nothing or not asked
     * @param pages      a saved snapshot's page states ({@code pmap --json --pages}); null otherwise
     */
    public record Read(AddressSpace space, String jvmNote, String jvmUnnamed, SavedPages pages) {
    }

    private final ProcFs procFs;
    private final Sources sources;

    public SpaceReader(ProcFs procFs, Sources sources) {
        this.procFs = procFs;
        this.sources = sources;
    }

    public Read read(Source source, boolean jvm) throws SourceException {
        if (source instanceof Source.Saved saved) {
            SavedFile file = sources.readWithMappings(saved);
            return new Read(file.space(), null, null, file.pages());
        }
        AddressSpace space = sources.read(source, true);
        if (!jvm) {
            return new Read(space, null, null, null);
        }
        try {
            // Asked with the jcmd of the JDK vmtool runs on, as the user vmtool runs as.
            JvmRegions.Found found = JvmRegions.of(procFs, space.process().tgid(), space.mappings(),
                    Path.of(System.getProperty("java.home")), procFs.selfEffectiveUid(), JvmRegions.LIMIT);
            // Read again: attaching started a thread in the JVM (its Attach Listener), whose stack is new. Only
            // the mappings: the facts are gathered here, with the JVM's regions.
            AddressSpace after = sources.read(source, false);
            ProcessFacts withJvm = procFs.facts(after.process()).withJvmRegions(found.regions())
                    .withImages(procFs.loadedImages(after.process(), after.mappings()));
            return new Read(AddressSpace.of(after.process(), after.source(), false, after.mappings(), withJvm), null,
                    found.unnamed(), null);
        } catch (JvmUnavailableException | ProcException e) {
            // The reason may quote the target: its paths, its JVM's answer.
            return new Read(space, ByteText.shown(e.getMessage()), null, null);
        }
    }
}
