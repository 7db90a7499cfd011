package vmtool.touch;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** How each pass touches the memory. */
public enum Mode {
    /** Read and write every 8-byte word (the homework's {@code a[i]++}). */
    RW("rw"),
    /** Read every word. */
    READ("read"),
    /** Write every word. */
    WRITE("write"),
    /** Write one word per page: keeps every page resident at little CPU. */
    PAGE("page");

    private final String cliName;

    Mode(String cliName) {
        this.cliName = cliName;
    }

    /** The name users type and see. */
    public String cliName() {
        return cliName;
    }

    public static Optional<Mode> fromCliName(String name) {
        return Arrays.stream(values()).filter(mode -> mode.cliName.equals(name)).findFirst();
    }

    /** "rw, read, write, page": for messages and help. */
    public static String cliNames() {
        return Arrays.stream(values()).map(Mode::cliName).collect(Collectors.joining(", "));
    }
}
