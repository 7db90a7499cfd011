package vmtool.pmap;

import vmtool.proc.Mapping;

/** Sizes summed by sharing, in bytes, as the maps modes total them. */
final class Totals {
    long shared;
    long privateWritable;
    long privateReadOnly;

    void add(Mapping mapping) {
        String perms = mapping.perms();
        char sharing = perms.length() > 3 ? perms.charAt(3) : ' ';
        if (sharing == 's') {
            shared += mapping.size();
        } else if (sharing == 'p') {
            if (perms.charAt(1) == 'w') {
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
