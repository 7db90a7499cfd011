package vmtool.touch;

import java.lang.reflect.Field;

/**
 * The one {@code sun.misc.Unsafe} (module jdk.unsupported): {@link TouchLoop}'s raw loads and stores, a direct
 * buffer's address, and freeing.
 */
final class Unsafes {
    /** Static final, so that C2 folds it into the loops. */
    static final sun.misc.Unsafe UNSAFE = unsafe();
    /** Where {@code java.nio.Buffer} keeps a direct buffer's address (its private field {@code address}). */
    private static final long BUFFER_ADDRESS = bufferAddressOffset();

    private Unsafes() {
    }

    /**
     * The address of a direct buffer's memory: the same number as JNA's {@code Native.getDirectBufferPointer}
     * (OffHeapBuffersTest checks that), read from the buffer itself, because loading JNA costs touch a few MiB of
     * resident memory on JDK 25 (its static initializer starts java.util.logging, whose levels are made with
     * lambdas there; docs/performance.md). JNA still does what Java cannot: mlock, madvise.
     */
    static long addressOf(java.nio.ByteBuffer buffer) {
        if (!buffer.isDirect()) {
            throw new IllegalArgumentException("not a direct buffer");
        }
        return UNSAFE.getLong(buffer, BUFFER_ADDRESS);
    }

    private static long bufferAddressOffset() {
        try {
            return UNSAFE.objectFieldOffset(java.nio.Buffer.class.getDeclaredField("address"));
        } catch (NoSuchFieldException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static sun.misc.Unsafe unsafe() {
        try {
            Field field = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
            field.setAccessible(true);
            return (sun.misc.Unsafe) field.get(null);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
