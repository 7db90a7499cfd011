package vmtool.pmap;

import vmtool.model.Mapping;
import vmtool.model.Permissions;

/** Sizes summed by sharing, in bytes, as the maps modes total them. */
final class Totals {
    long shared;
    long privateWritable;
    long privateReadOnly;

    void add(Mapping mapping) {
        Permissions perms = mapping.perms();
        if (perms.shared()) {
            shared += mapping.size();
        } else {
            if (perms.write()) {
                privateWritable += mapping.size();
            } else {
                privateReadOnly += mapping.size();
            }
        }
    }

    long mapped() {
        return shared + privateWritable + privateReadOnly;
    }
}
