package vmtool.source;

import java.util.OptionalInt;

import vmtool.model.AddressSpace;
import vmtool.model.ByteText;
import vmtool.pages.SavedPages;

/**
 * A saved file as read: its address space and what the file could tell of the process.
 *
 * @param space    the mappings; for a JSON snapshot also the process, and each region's kind as it was saved
 * @param kind     what the file held, told from its content
 * @param shmMinor the device minor of System V shared memory where the process ran: from a snapshot, or (for a
 *                 bare smaps or maps file) that of its own System V mappings, which the kernel gives all segments
 * @param pages    the page states of a snapshot made with {@code pmap --json --pages}; null otherwise
 */
public record SavedFile(AddressSpace space, Kind kind, OptionalInt shmMinor, SavedPages pages) {

    /**
     * Whether the file holds no mapping: what a kernel thread's smaps and maps hold (0 bytes), since it has no user
     * address space. pmap shows it as procps shows the kernel thread; the commands that explain mappings say this.
     */
    public boolean empty() {
        return space.mappings().isEmpty();
    }

    /** The line that a command that explains mappings says of an {@link #empty} file, instead of showing nothing. */
    public String emptyLine() {
        return ByteText.shownUnicode(space.source()) + " holds no mappings: the smaps or maps of a kernel thread"
                + " (which has no user address space) is empty, so there is nothing to show";
    }

    /** What a saved file holds. */
    public enum Kind {
        SMAPS("a saved /proc/PID/smaps"),
        MAPS("a saved /proc/PID/maps"),
        JSON("vmtool's JSON snapshot");

        private final String description;

        Kind(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

}
