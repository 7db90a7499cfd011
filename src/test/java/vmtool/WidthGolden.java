package vmtool;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import vmtool.model.AddressSpace;
import vmtool.proc.ProcFs;
import vmtool.source.Source;
import vmtool.source.Sources;

/**
 * Whole outputs of the human renderers fitted to a terminal width, held against files in
 * src/test/resources/terminal-width (written once with {@code -Dvmtool.writeGolden=true} and read by eye), and every
 * line measured: none wider than the terminal, in code points.
 */
public final class WidthGolden {
    /** The widths every renderer is tested at: a narrow terminal, the usual one, a wide one. */
    public static final int[] WIDTHS = {60, 80, 120};
    private static final Path DIR = Path.of("src/test/resources/terminal-width");

    private WidthGolden() {
    }

    /** The homework's memory-user, saved: the address space that every width test draws. */
    public static AddressSpace homework() throws Exception {
        return new Sources(ProcFs.system(), InputStream.nullInputStream())
                .read(new Source.Saved("src/test/resources/smaps/homework-memory-user.smaps"), false);
    }

    /** {@code text} is the golden file {@code name}, and no line of it is wider than {@code columns}. */
    public static void assertFitsAndMatches(String text, int columns, String name) throws IOException {
        assertFits(text, columns);
        Path file = DIR.resolve(name);
        if (Boolean.getBoolean("vmtool.writeGolden")) {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        }
        assertThat(text).as("%s", file).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    }

    /** No line of {@code text} is wider than {@code columns} code points. */
    public static void assertFits(String text, int columns) {
        for (String line : text.split("\n", -1)) {
            assertThat(line.codePointCount(0, line.length())).as("width of %s", line).isLessThanOrEqualTo(columns);
        }
    }
}
