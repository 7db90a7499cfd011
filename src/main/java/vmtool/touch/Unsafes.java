package vmtool.touch;

import java.lang.reflect.Field;

/** The one {@code sun.misc.Unsafe} (module jdk.unsupported): {@link TouchLoop}'s raw loads and stores, and freeing. */
final class Unsafes {
    /** Static final, so that C2 folds it into the loops. */
    static final sun.misc.Unsafe UNSAFE = unsafe();

    private Unsafes() {
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
