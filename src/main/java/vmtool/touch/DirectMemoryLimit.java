package vmtool.touch;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.util.OptionalLong;

import com.sun.management.HotSpotDiagnosticMXBean;

/**
 * Whether the JVM's direct-memory limit (-XX:MaxDirectMemorySize; by default the heap's maximum) is what refused a
 * direct buffer: the JDK says so only in an OutOfMemoryError's text, so this asks the JVM for the limit and for what
 * its direct buffers already hold, as numbers. Asked only after an allocation failed (java.management is many
 * classes).
 */
final class DirectMemoryLimit {
    private DirectMemoryLimit() {
    }

    /** The limit in bytes, if a buffer of {@code size} more bytes would pass it; empty if the limit is not why. */
    static OptionalLong refusing(long size) {
        try {
            long limit = Long.parseLong(ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                    .getVMOption("MaxDirectMemorySize").getValue());
            if (limit <= 0) {
                limit = Runtime.getRuntime().maxMemory();
            }
            long reserved = 0;
            for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
                reserved += pool.getName().equals("direct") ? pool.getTotalCapacity() : 0;
            }
            return reserved + size > limit ? OptionalLong.of(limit) : OptionalLong.empty();
        } catch (RuntimeException | LinkageError e) {
            // No management in this runtime, or no such option: the JVM's own words will have to do.
            return OptionalLong.empty();
        }
    }
}
