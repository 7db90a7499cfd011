package vmtool.pages;

import java.util.ArrayList;
import java.util.List;

import vmtool.model.AddressSpace;
import vmtool.model.Region;
import vmtool.where.Location;
import vmtool.where.Where;

/**
 * What {@code pages PID [ADDRESS|LOW-HIGH]...} asks for: every mapping, the mapping that holds each ADDRESS, or the
 * pages of each LOW-HIGH range (rounded out to pages, cut at the mappings' edges).
 */
public final class PageSelection {
    /** One operand: an address ({@code low == high}) or a range [low, high). */
    public record Ask(String text, long low, long high, boolean range) {
    }

    /** An operand that names no mapped page: its message, as where says an unmapped address. */
    public static final class NotMapped extends Exception {
        private static final long serialVersionUID = 1L;

        NotMapped(String message) {
            super(message);
        }
    }

    private PageSelection() {
    }

    /**
     * An ADDRESS or LOW-HIGH, in hex with or without 0x.
     *
     * @throws IllegalArgumentException a message for the user: not hex, or a range that does not end above its start
     */
    public static Ask parse(String text) {
        int dash = text.indexOf('-');
        if (dash < 0) {
            long address = Where.parseAddress(text);
            return new Ask(text, address, address, false);
        }
        long low = Where.parseAddress(text.substring(0, dash));
        long high = Where.parseAddress(text.substring(dash + 1));
        if (Long.compareUnsigned(low, high) >= 0) {
            throw new IllegalArgumentException("'" + text + "' is not a range: LOW-HIGH needs LOW below HIGH (the"
                    + " end is exclusive, e.g. 0x7f0562300000-0x7f0562400000)");
        }
        return new Ask(text, low, high, true);
    }

    /**
     * The ranges to read, in address order, one per mapping part (a part asked twice is read once).
     *
     * @throws NotMapped an ADDRESS in no mapping, or a LOW-HIGH that holds no mapped page
     */
    public static List<PageTarget> targets(AddressSpace space, List<Ask> asks, long pageSize) throws NotMapped {
        List<Region> regions = space.regions();
        if (asks.isEmpty()) {
            return PageTarget.wholeOf(regions);
        }
        // Per mapping, the union of what was asked of it: [from, to) in pages, or nothing.
        long[] from = new long[regions.size()];
        long[] to = new long[regions.size()];
        for (Ask ask : asks) {
            if (!ask.range()) {
                Location location = Where.locate(space, ask.low());
                if (!location.mapped()) {
                    throw new NotMapped(notMapped(ask, location));
                }
                int index = regions.indexOf(location.region());
                widen(from, to, index, location.region().mapping().start(), location.region().mapping().end());
                continue;
            }
            long low = ask.low() - Long.remainderUnsigned(ask.low(), pageSize);
            long high = roundUp(ask.high(), pageSize);
            boolean any = false;
            for (int i = 0; i < regions.size(); i++) {
                long start = regions.get(i).mapping().start();
                long end = regions.get(i).mapping().end();
                if (Long.compareUnsigned(start, high) < 0 && Long.compareUnsigned(low, end) < 0) {
                    widen(from, to, i, max(start, low), min(end, high));
                    any = true;
                }
            }
            if (!any) {
                Location location = Where.locate(space, ask.low());
                throw new NotMapped("no mapping in " + ask.text() + ": the range lies in the unmapped gap "
                        + gap(location) + "; 'vmtool pmap PID' lists the mappings");
            }
        }
        List<PageTarget> targets = new ArrayList<>();
        for (int i = 0; i < regions.size(); i++) {
            if (from[i] != to[i]) {
                targets.add(new PageTarget(regions.get(i), from[i], to[i]));
            }
        }
        return targets;
    }

    private static void widen(long[] from, long[] to, int i, long start, long end) {
        if (from[i] == to[i]) {
            from[i] = start;
            to[i] = end;
        } else {
            from[i] = min(from[i], start);
            to[i] = max(to[i], end);
        }
    }

    private static String notMapped(Ask ask, Location location) {
        return ask.text() + " is not mapped: it lies in the unmapped gap " + gap(location)
                + "; 'vmtool where PID " + ask.text() + "' names the mappings around it";
    }

    private static String gap(Location location) {
        return "0x" + Long.toHexString(location.gapStart()) + "-"
                + (location.gapEnd() == 0 ? "(top)" : "0x" + Long.toHexString(location.gapEnd()));
    }

    private static long roundUp(long address, long pageSize) {
        long rest = Long.remainderUnsigned(address, pageSize);
        return rest == 0 ? address : address + (pageSize - rest);
    }

    private static long max(long a, long b) {
        return Long.compareUnsigned(a, b) >= 0 ? a : b;
    }

    private static long min(long a, long b) {
        return Long.compareUnsigned(a, b) <= 0 ? a : b;
    }
}
