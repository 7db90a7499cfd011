package vmtool.pages;

import java.util.ArrayList;
import java.util.List;

/**
 * One frame's entry of /proc/kpageflags (root only), with its flags named as the kernel's
 * include/uapi/linux/kernel-page-flags.h names them (bits 0-26), and the kernel-hacking bits (32-41) that
 * fs/proc/page.c also reports.
 */
public record KernelPageFlags(long raw) {
    public static final int LOCKED = 0;
    public static final int DIRTY = 4;
    public static final int LRU = 5;
    public static final int ANON = 12;
    public static final int COMPOUND_HEAD = 15;
    public static final int COMPOUND_TAIL = 16;
    public static final int HUGE = 17;
    public static final int UNEVICTABLE = 18;
    public static final int NOPAGE = 20;
    public static final int KSM = 21;
    public static final int THP = 22;
    public static final int ZERO_PAGE = 24;
    public static final int MLOCKED = 33;

    private static final String[] NAMES = new String[64];

    static {
        String[] low = {"locked", "error", "referenced", "uptodate", "dirty", "lru", "active", "slab", "writeback",
            "reclaim", "buddy", "mmap", "anon", "swapcache", "swapbacked", "compound_head", "compound_tail", "huge",
            "unevictable", "hwpoison", "nopage", "ksm", "thp", "offline", "zero_page", "idle", "pgtable"};
        System.arraycopy(low, 0, NAMES, 0, low.length);
        String[] hacking = {"reserved", "mlocked", "mappedtodisk", "private", "private_2", "owner_private", "arch",
            "uncached", "softdirty", "arch_2"};
        System.arraycopy(hacking, 0, NAMES, 32, hacking.length);
    }

    /** The name of bit {@code n}, or null when the kernel defines none. */
    public static String name(int n) {
        return n >= 0 && n < 64 ? NAMES[n] : null;
    }

    public boolean has(int bit) {
        return (raw >>> bit & 1) != 0;
    }

    /** The names of the flags set, lowest bit first; an unnamed bit as {@code bitN}. */
    public List<String> names() {
        return names(raw);
    }

    /** The names of the flags set in {@code raw}. */
    public static List<String> names(long raw) {
        List<String> names = new ArrayList<>();
        for (int n = 0; n < 64; n++) {
            if ((raw >>> n & 1) != 0) {
                names.add(NAMES[n] != null ? NAMES[n] : "bit" + n);
            }
        }
        return names;
    }
}
