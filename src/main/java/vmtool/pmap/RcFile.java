package vmtool.pmap;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * pmap's rc file: {@code [Fields Display]} enables one column per line, {@code [Mapping]} may toggle
 * {@code ShowPath}. Parsed line by line exactly as pmap does, including where it warns.
 *
 * @param fields         the enabled columns
 * @param togglesShowPath whether ShowPath appears an odd number of times (each one flips {@code -p})
 * @param warnings       one message per odd line, with its line number
 */
public record RcFile(Set<String> fields, boolean togglesShowPath, List<String> warnings) {
    /** pmap reads a line with fgets into a 1025-byte buffer: a longer line is cut and its rest ignored. */
    private static final int MAX_LINE = 1024;
    /** How much of a line's text a warning quotes: the file may be anything (a binary, a symlink to a secret). */
    private static final int QUOTED = 16;

    /** The template {@code -n}/{@code -N} write: the same bytes as pmap's. */
    public static final String TEMPLATE = """
            # pmap's Config File

            # All the entries are case sensitive.
            # Unsupported entries are ignored!

            [Fields Display]

            # To enable a field uncomment its entry

            #Perm
            #Offset
            #Device
            #Inode
            #Size
            #Rss
            #Pss
            #Shared_Clean
            #Shared_Dirty
            #Private_Clean
            #Private_Dirty
            #Referenced
            #Anonymous
            #AnonHugePages
            #Swap
            #KernelPageSize
            #MMUPageSize
            #Locked
            #VmFlags
            #Mapping


            [Mapping]

            # to show paths in the mapping column uncomment the following line
            #ShowPath

            """;

    public RcFile {
        fields = Set.copyOf(fields);
        warnings = List.copyOf(warnings);
    }

    private enum Section { NONE, UNSUPPORTED, FIELDS, MAPPING }

    /** Parses the text of an rc file (one char per byte). */
    public static RcFile parse(String text) {
        try {
            return read(new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1)));
        } catch (IOException e) {
            throw new IllegalStateException("reading from memory", e);
        }
    }

    /** Reads an rc file line by line, as pmap does: memory stays small whatever the file's size. */
    public static RcFile read(InputStream in) throws IOException {
        Set<String> fields = new LinkedHashSet<>();
        List<String> warnings = new ArrayList<>();
        boolean toggles = false;
        Section section = Section.NONE;
        LineReader lines = new LineReader(in);
        for (int number = 1; lines.next(); number++) {
            String line = lines.text;
            if (lines.tooLong) {
                warnings.add("line " + number + " is too long; its end is ignored");
            }
            int at = skipBlanks(line, 0);
            if (at == line.length() || line.charAt(at) == '#') {
                continue;
            }
            if (line.charAt(at) == '[') {
                String rest = line.substring(at);
                if (rest.startsWith("[Fields Display]")) {
                    section = Section.FIELDS;
                    at += "[Fields Display]".length();
                } else if (rest.startsWith("[Mapping]")) {
                    section = Section.MAPPING;
                    at += "[Mapping]".length();
                } else {
                    int close = line.indexOf(']', at);
                    if (close >= 0) {
                        section = Section.UNSUPPORTED;
                        warnings.add("line " + number + ": unsupported section " + quoted(line.substring(at, close + 1))
                                + " is ignored");
                        at = close + 1;
                    } else {
                        warnings.add("line " + number + ": syntax error: a section name needs a closing ']'");
                        at = line.length();
                    }
                }
                at = skipBlanks(line, at);
                if (at == line.length() || line.charAt(at) == '#') {
                    continue;
                }
                // pmap warns, then reads the rest of the line as an entry of the section.
                warnings.add("line " + number + ": syntax error: unexpected text after the section name");
            }
            String[] tokens = line.substring(at).split("[ \t]+");
            String token = tokens[0];
            boolean strayWord = tokens.length > 1 && !tokens[1].startsWith("#");
            switch (section) {
                case FIELDS -> {
                    warnStray(strayWord, number, warnings);
                    fields.add(token);
                }
                case MAPPING -> {
                    warnStray(strayWord, number, warnings);
                    if (token.equals("ShowPath")) {
                        toggles = !toggles;
                    }
                }
                case UNSUPPORTED -> {
                }
                case NONE -> warnings.add("line " + number + ": syntax error: " + quoted(token)
                        + " is outside any section (use [Fields Display] or [Mapping])");
            }
        }
        return new RcFile(fields, toggles, warnings);
    }

    private static void warnStray(boolean strayWord, int number, List<String> warnings) {
        if (strayWord) {
            warnings.add("line " + number + ": syntax error: one entry per line (start a comment with '#')");
        }
    }

    private static int skipBlanks(String line, int from) {
        int at = from;
        while (at < line.length() && (line.charAt(at) == ' ' || line.charAt(at) == '\t')) {
            at++;
        }
        return at;
    }

    /**
     * About {@value #QUOTED} characters of the file's text, in quotes, with every byte outside printable ASCII
     * as {@code \xHH}: enough to find the line, not a whole foreign file (a binary, a symlink to another file),
     * and never a terminal escape.
     */
    static String quoted(String text) {
        StringBuilder out = new StringBuilder("'");
        int shown = 0;
        while (shown < text.length() && out.length() <= QUOTED) {
            char c = text.charAt(shown++);
            if (c >= 0x20 && c < 0x7f && c != '\\') {
                out.append(c);
            } else {
                out.append(String.format("\\x%02x", (int) c));
            }
        }
        out.append('\'');
        if (shown < text.length()) {
            out.append(" (cut)");
        }
        return out.toString();
    }

    /**
     * pmap's fgets loop: a line is what fgets reads into 1025 bytes (up to a newline, or 1024 bytes), then ends at
     * its first NUL (pmap uses strlen); a 1024-byte piece without a newline is "too long" and the pieces after it
     * are skipped up to one that ends in a newline or starts with a NUL.
     */
    private static final class LineReader {
        private final InputStream in;
        private final byte[] piece = new byte[MAX_LINE];
        private int pieceLength;
        String text;
        boolean tooLong;

        private final byte[] buffer = new byte[65536];
        private int position;
        private int limit;

        LineReader(InputStream in) {
            this.in = in;
        }

        boolean next() throws IOException {
            if (!fgets()) {
                return false;
            }
            int length = strlen();
            tooLong = false;
            if (length > 0 && piece[length - 1] == '\n') {
                length--;
            } else if (length == MAX_LINE) {
                tooLong = true;
                text = new String(piece, 0, length, StandardCharsets.ISO_8859_1);
                while (fgets()) {
                    int rest = strlen();
                    if (rest == 0 || piece[rest - 1] == '\n') {
                        break;
                    }
                }
                return true;
            }
            text = new String(piece, 0, length, StandardCharsets.ISO_8859_1);
            return true;
        }

        /** Reads up to 1024 bytes, through the first newline; false at the end of the file. */
        private boolean fgets() throws IOException {
            pieceLength = 0;
            while (pieceLength < MAX_LINE) {
                if (position == limit) {
                    limit = Math.max(in.read(buffer), 0);
                    position = 0;
                    if (limit == 0) {
                        break;
                    }
                }
                byte b = buffer[position++];
                piece[pieceLength++] = b;
                if (b == '\n') {
                    break;
                }
            }
            return pieceLength > 0;
        }

        private int strlen() {
            for (int i = 0; i < pieceLength; i++) {
                if (piece[i] == 0) {
                    return i;
                }
            }
            return pieceLength;
        }
    }
}
