package vmtool.pages;

/**
 * Where each mapping's runs go as they are made, when the caller wants them but not held: a map folds a million runs
 * of one mapping into the few dozen slices it draws (map's Residency), where a list of them would fill the heap.
 */
public interface RunSink {
    /** The runs of {@code target} follow, in address order, each once. */
    void begin(PageTarget target);

    void run(PageRun run);
}
