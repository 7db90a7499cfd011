package vmtool.pmap;

import java.util.ArrayList;
import java.util.List;

import vmtool.model.CNumbers;
import vmtool.model.Mapping;

/**
 * The {@code -A low[,high]} limit: unsigned addresses, both ends inclusive. A mapping is shown when it overlaps.
 */
public record AddressRange(long low, long high) {
    /** No limit. */
    public static final AddressRange ALL = new AddressRange(0, -1L);

    /**
     * Parses {@code low[,high]} in hex as pmap does, from no limit: {@code low} alone means {@code low,low}; an
     * empty side keeps its default (0, or the top of the address space).
     *
     * @throws IllegalArgumentException when either side is not a hex number
     */
    public static AddressRange parse(String argument) {
        return ALL.with(argument);
    }

    /**
     * This range with the bounds that {@code low[,high]} spells out: procps keeps the bounds in two variables that
     * each {@code -A} sets only when its side is not empty, so {@code -A lo, -A ,hi} means {@code lo,hi}.
     *
     * @throws IllegalArgumentException when either side is not a hex number
     */
    public AddressRange with(String argument) {
        int comma = argument.indexOf(',');
        String first = comma < 0 ? argument : argument.substring(0, comma);
        String second = comma < 0 ? argument : argument.substring(comma + 1);
        long newLow = first.isEmpty() ? low : hex(first, argument);
        long newHigh = second.isEmpty() ? high : hex(second, argument);
        return new AddressRange(newLow, newHigh);
    }

    private static long hex(String side, String argument) {
        CNumbers.Parsed parsed = CNumbers.strtoul(side, 16);
        if (parsed.end() != side.length()) {
            throw new IllegalArgumentException("'" + argument + "' is not an address range: give low[,high] in hex,"
                    + " e.g. -A 7f0000000000,7fffffffffff");
        }
        return parsed.value();
    }

    /** Whether the mapping lies wholly below the range. */
    public boolean isBelow(Mapping mapping) {
        return Long.compareUnsigned(mapping.end() - 1, low) < 0;
    }

    /** Whether the mapping lies wholly above the range. */
    public boolean isAbove(Mapping mapping) {
        return Long.compareUnsigned(high, mapping.start()) < 0;
    }

    /**
     * The mappings the maps modes show, as procps picks them: those below the range are passed over, and reading
     * stops at the first one above it.
     */
    public List<Mapping> select(List<Mapping> mappings) {
        if (low == 0 && high == -1L) {
            return mappings; // no limit: every mapping, without copying a list of 60,000
        }
        List<Mapping> selected = new ArrayList<>();
        for (Mapping mapping : mappings) {
            if (isAbove(mapping)) {
                break;
            }
            if (!isBelow(mapping)) {
                selected.add(mapping);
            }
        }
        return selected;
    }

    public boolean overlaps(Mapping mapping) {
        return !isBelow(mapping) && !isAbove(mapping);
    }
}
