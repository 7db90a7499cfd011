package vmtool.pmap;

import java.util.OptionalInt;

import vmtool.model.AddressSpace;

/** One pmap mode: the text for one process's address space, computed from the model, no I/O. */
interface Renderer {
    /**
     * @param space    the process's address space
     * @param shmMinor the device minor of System V shared memory on this machine, if known (asked only when the
     *                 space holds a System V segment)
     * @param carried  the detail table's columns as the previous PID left them (procps keeps them from one PID to the
     *                 next); {@link DetailColumns#NONE} for the first
     */
    Rendered render(AddressSpace space, OptionalInt shmMinor, DetailColumns carried);

    /** What rendering one process gives: its text, and the columns the next process starts from. */
    record Rendered(String text, DetailColumns columns) {
    }

    /** The renderer of this configuration's mode. */
    static Renderer of(PmapConfig config) {
        return switch (config.mode()) {
            case DEFAULT -> new DefaultRenderer(config);
            case EXTENDED -> new ExtendedRenderer(config);
            case DEVICE -> new DeviceRenderer(config);
            case MORE, ALL, RC -> new DetailRenderer(config);
        };
    }
}
