package vmtool.touch;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** How each pass touches the memory. */
public enum AccessPattern {
    /** Read and write every 8-byte word (the homework's {@code a[i]++}). */
    RW("rw"),
    /** Read every word. */
    READ("read"),
    /** Write every word. */
    WRITE("write"),
    /** Write one word per page: keeps every page resident at little CPU. */
    PAGE("page");

    private final String cliName;

    AccessPattern(String cliName) {
        this.cliName = cliName;
    }

    /** The name users type and see. */
    public String cliName() {
        return cliName;
    }

    public static Optional<AccessPattern> fromCliName(String name) {
        for (AccessPattern mode : values()) {
            if (mode.cliName.equals(name)) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }

    /** rw, read, write, page: for the shell's completion. */
    public static List<String> cliNameList() {
        List<String> names = new ArrayList<>();
        for (AccessPattern mode : values()) {
            names.add(mode.cliName);
        }
        return names;
    }

    /** "rw, read, write, page": for messages and help. */
    public static String cliNames() {
        return String.join(", ", cliNameList());
    }
}
