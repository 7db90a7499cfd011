package vmtool.pmap;

import java.io.IOException;
import java.util.OptionalInt;

import vmtool.model.AddressSpace;

/**
 * One pmap mode: the text for one process's address space, computed from the model and appended to a
 * {@link TextSink} (which passes it on in pieces; the renderer decides nothing about where it goes).
 */
interface Renderer {
    /**
     * @param space    the process's address space
     * @param shmMinor the device minor of System V shared memory on this machine, if known (asked only when the
     *                 space holds a System V segment)
     * @param carried  the detail table's columns as the previous PID left them (procps keeps them from one PID to the
     *                 next); {@link DetailColumns#NONE} for the first
     * @param out      where the text goes
     * @return the columns the next process starts from
     * @throws IOException when the sink cannot pass the text on
     */
    DetailColumns render(AddressSpace space, OptionalInt shmMinor, DetailColumns carried, TextSink out)
            throws IOException;

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
