package vmtool.jvm;

/**
 * The garbage collector a HotSpot JVM runs, told by the first words of its {@code GC.heap_info} (JDK 17 to 25), and
 * the name vmtool gives its heap: a fixed name, so no text of the target's answer becomes the heap's label.
 */
public enum Collector {
    G1("G1 heap", "garbage-first heap"),
    SERIAL("Serial heap", "def new generation", "DefNew"),
    PARALLEL("Parallel heap", "PSYoungGen"),
    SHENANDOAH("Shenandoah heap", "Shenandoah Heap"),
    Z("ZGC heap", "ZHeap"),
    EPSILON("Epsilon heap", "Epsilon Heap"),
    /** A collector this version of vmtool does not know, or no GC.heap_info answer. */
    UNKNOWN("Java heap");

    private final String heapName;
    private final String[] firstWords;

    Collector(String heapName, String... firstWords) {
        this.heapName = heapName;
        this.firstWords = firstWords;
    }

    /** What the heap is called in labels, e.g. "G1 heap". */
    public String heapName() {
        return heapName;
    }

    /** The collector whose GC.heap_info starts with this line (stripped); null when none does. */
    static Collector ofHeapInfoLine(String line) {
        for (Collector collector : values()) {
            for (String words : collector.firstWords) {
                if (line.startsWith(words) && (line.length() == words.length()
                        || line.charAt(words.length()) == ' ')) {
                    return collector;
                }
            }
        }
        return null;
    }
}
