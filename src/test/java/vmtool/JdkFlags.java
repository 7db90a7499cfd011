package vmtool;

import java.util.ArrayList;
import java.util.List;

/**
 * The JDK-dependent options scripts/vmtool passes to java, for tests that start vmtool's JVM themselves: without
 * them JDK 22 on warn about JNA's native access and JDK 24 on about touch's Unsafe loop, on stderr.
 */
public final class JdkFlags {
    private JdkFlags() {
    }

    /** For the JVM this test runs on (the child is started from {@code java.home}). */
    public static List<String> forThisJdk() {
        int feature = Runtime.version().feature();
        List<String> flags = new ArrayList<>();
        if (feature >= 22) {
            flags.add("--enable-native-access=ALL-UNNAMED");
        }
        if (feature >= 23) {
            flags.add("--sun-misc-unsafe-memory-access=allow");
        }
        return flags;
    }
}
