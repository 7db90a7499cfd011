package vmtool.nativeio;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * JNA stays behind vmtool.nativeio's facade: no compiled class outside that package names a JNA class, in any
 * form the class file can hold one (a class it uses, a descriptor of a method it calls or a field it reads, a
 * string it might load by name). Read from the constant pools of the compiled classes, so that a fully qualified
 * name in the source, which an import check would miss, counts too.
 */
class OnlyNativeioUsesJnaTest {
    @Test
    void noClassOutsideNativeioNamesJna() throws Exception {
        Path classes = Path.of(vmtool.Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Map<String, List<String>> outside = new TreeMap<>();
        List<String> inside = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString();
                List<String> names = jnaNames(file);
                if (names.isEmpty()) {
                    continue;
                }
                if (name.startsWith("vmtool/nativeio/")) {
                    inside.add(name);
                } else {
                    outside.put(name, names);
                }
            }
        }

        assertThat(outside).as("classes outside vmtool.nativeio that name JNA (in %s)", classes).isEmpty();
        assertThat(inside).as("the scan finds JNA where it is").contains("vmtool/nativeio/LinuxLibc.class");
    }

    /** The constant pool's strings that name JNA, with slashes (class files) or dots (reflection). */
    private static List<String> jnaNames(Path classFile) throws IOException {
        List<String> found = new ArrayList<>();
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(classFile)))) {
            assertThat(in.readInt()).as("magic of %s", classFile).isEqualTo(0xCAFEBABE);
            in.skipBytes(4); // minor and major version
            int count = in.readUnsignedShort();
            for (int i = 1; i < count; i++) {
                int tag = in.readUnsignedByte();
                switch (tag) {
                    case 1 -> { // Utf8: every name and descriptor is one
                        String text = in.readUTF();
                        if (text.contains("com/sun/jna") || text.contains("com.sun.jna")) {
                            found.add(text);
                        }
                    }
                    case 7, 8, 16, 19, 20 -> in.skipBytes(2); // Class, String, MethodType, Module, Package
                    case 15 -> in.skipBytes(3); // MethodHandle
                    case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipBytes(4); // Integer, Float, refs, NameAndType, indy
                    case 5, 6 -> { // Long, Double: two entries each
                        in.skipBytes(8);
                        i++;
                    }
                    default -> throw new IOException("constant pool tag " + tag + " in " + classFile);
                }
            }
        }
        return found;
    }
}
