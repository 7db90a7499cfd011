package vmtool.jvm;

import vmtool.model.MappingKind;

/**
 * The words of System.map's info column (NativeMemoryTracking's names for a mapping, JDK 22 on) that vmtool has a
 * kind for, and what vmtool calls each. The others (CDS, STACK-tid-name, INTERN, POLL, JDK, TEST) are left to the
 * rules that place them already (a CDS archive is its file, a thread's stack is found by its stack pointer) or to
 * their kernel kind.
 */
enum SystemMapTag {
    JAVAHEAP(MappingKind.JAVA_HEAP, "Java heap"),
    CLASS(MappingKind.CLASS_SPACE, "class space"),
    META(MappingKind.METASPACE, "metaspace"),
    /** Code heaps, and their segment maps (one byte per code segment, reserved beside each heap). */
    CODE(MappingKind.CODE_CACHE, "code cache"),
    /** The collector's own data: mark bitmaps, the block offset table, remembered sets. */
    GC(MappingKind.GC_DATA, "GC data"),
    CARDTBL(MappingKind.GC_DATA, "card table");

    private final MappingKind kind;
    private final String words;

    SystemMapTag(MappingKind kind, String words) {
        this.kind = kind;
        this.words = words;
    }

    MappingKind kind() {
        return kind;
    }

    /** What vmtool calls it, for a label. */
    String words() {
        return words;
    }

    /** The tag with this exact name; null for any other word. */
    static SystemMapTag of(String word) {
        for (SystemMapTag tag : values()) {
            if (tag.name().equals(word)) {
                return tag;
            }
        }
        return null;
    }
}
