package vmtool.map;

import java.util.EnumMap;
import java.util.Map;

import vmtool.model.MappingKind;

/**
 * How each kind of region is drawn, the same in the page, the SVG and the terminal: a colour from Paul Tol's
 * colour-blind-safe palettes (muted, light, vibrant), related kinds in related hues (code in blues, a program's
 * data in purples and oranges, stacks in greens, the JVM's regions in teals), and a hatch for the two kinds of
 * inaccessible space, so that guard and reserved do not rest on colour alone.
 */
public final class KindStyle {
    private static final Map<MappingKind, String> COLOURS = new EnumMap<>(MappingKind.class);

    static {
        COLOURS.put(MappingKind.PROGRAM, "#332288");
        COLOURS.put(MappingKind.BSS, "#AA4499");
        COLOURS.put(MappingKind.HEAP, "#EE8866");
        COLOURS.put(MappingKind.STACK, "#117733");
        COLOURS.put(MappingKind.THREAD_STACK, "#44BB99");
        COLOURS.put(MappingKind.GUARD, "#222222");
        COLOURS.put(MappingKind.LIBRARY, "#77AADD");
        COLOURS.put(MappingKind.VDSO, "#999933");
        COLOURS.put(MappingKind.VVAR, "#BBCC33");
        COLOURS.put(MappingKind.VSYSCALL, "#666666");
        COLOURS.put(MappingKind.JAVA_HEAP, "#44AA99");
        COLOURS.put(MappingKind.CLASS_SPACE, "#88CCEE");
        COLOURS.put(MappingKind.METASPACE, "#0077BB");
        COLOURS.put(MappingKind.CODE_CACHE, "#EE3377");
        COLOURS.put(MappingKind.GC_DATA, "#009988");
        COLOURS.put(MappingKind.ANONYMOUS, "#DDCC77");
        COLOURS.put(MappingKind.RESERVED, "#BBBBBB");
        COLOURS.put(MappingKind.SHARED_ANONYMOUS, "#CC6677");
        COLOURS.put(MappingKind.SYSV_SHM, "#882255");
        COLOURS.put(MappingKind.MEMFD, "#FFAABB");
        COLOURS.put(MappingKind.HUGETLB, "#CC3311");
        COLOURS.put(MappingKind.POSIX_SHM, "#EE7733");
        COLOURS.put(MappingKind.FILE, "#99DDFF");
        COLOURS.put(MappingKind.NAMED, "#AAAA00");
        if (COLOURS.size() != MappingKind.values().length) {
            throw new ExceptionInInitializerError("a colour for every mapping kind");
        }
    }

    private KindStyle() {
    }

    /** The kind's colour, {@code #RRGGBB}: the resident part of a region. */
    public static String colour(MappingKind kind) {
        return COLOURS.get(kind);
    }

    /** The kind's pale colour (its colour a third of the way from white): the part that is not resident. */
    public static String pale(MappingKind kind) {
        int rgb = Integer.parseInt(colour(kind).substring(1), 16);
        StringBuilder out = new StringBuilder("#");
        for (int shift = 16; shift >= 0; shift -= 8) {
            int channel = (rgb >> shift) & 0xff;
            int mixed = 255 - (255 - channel) * 35 / 100;
            out.append(Character.forDigit(mixed >> 4, 16)).append(Character.forDigit(mixed & 15, 16));
        }
        return out.toString().toUpperCase(java.util.Locale.ROOT);
    }

    /** Whether the kind is drawn hatched: address space that cannot be touched. */
    public static boolean hatched(MappingKind kind) {
        return kind == MappingKind.GUARD || kind == MappingKind.RESERVED;
    }

    /** The nearest colour of the xterm 256-colour cube, for {@code ESC[38;5;Nm}. */
    public static int ansi256(MappingKind kind) {
        int rgb = Integer.parseInt(colour(kind).substring(1), 16);
        int r = cube((rgb >> 16) & 0xff);
        int g = cube((rgb >> 8) & 0xff);
        int b = cube(rgb & 0xff);
        return 16 + 36 * r + 6 * g + b;
    }

    /** xterm's cube levels are 0, 95, 135, 175, 215, 255. */
    private static int cube(int channel) {
        return channel < 48 ? 0 : channel < 115 ? 1 : (channel - 35) / 40;
    }
}
