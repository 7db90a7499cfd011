package vmtool.where;

import java.util.List;

import vmtool.model.AddressSpace;
import vmtool.model.Region;

/** Finds the mapping that holds an address, or the mappings around the gap it lies in. */
public final class Where {
    private Where() {
    }

    public static Location locate(AddressSpace space, long address) {
        List<Region> regions = space.regions();
        // The last mapping that starts at or below the address (mappings are in address order, compared unsigned).
        int low = 0;
        int high = regions.size() - 1;
        int at = -1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            if (Long.compareUnsigned(regions.get(middle).mapping().start(), address) <= 0) {
                at = middle;
                low = middle + 1;
            } else {
                high = middle - 1;
            }
        }
        if (at >= 0 && regions.get(at).mapping().contains(address)) {
            return new Location(address, regions.get(at), null, null);
        }
        Region below = at >= 0 ? regions.get(at) : null;
        Region above = at + 1 < regions.size() ? regions.get(at + 1) : null;
        return new Location(address, null, below, above);
    }

    /**
     * An address as people give one: hex digits, with or without {@code 0x}, at most 16 of them.
     *
     * @throws IllegalArgumentException with a message for the user when it is not one
     */
    public static long parseAddress(String text) {
        String digits = text.startsWith("0x") || text.startsWith("0X") ? text.substring(2) : text;
        boolean hex = !digits.isEmpty() && digits.length() <= 16;
        for (int i = 0; i < digits.length() && hex; i++) {
            hex = Character.digit(digits.charAt(i), 16) >= 0 && digits.charAt(i) < 0x80;
        }
        if (!hex) {
            throw new IllegalArgumentException("'" + text + "' is not an address: give it in hex, with or without"
                    + " 0x (e.g. 0x7f0562302e4c), at most 16 digits");
        }
        return Long.parseUnsignedLong(digits, 16);
    }
}
