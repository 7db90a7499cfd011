package vmtool.pmap;

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
    /** pmap reads a line into a 1025-byte buffer: a longer line is cut and its rest ignored. */
    private static final int MAX_LINE = 1024;

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
        Set<String> fields = new LinkedHashSet<>();
        List<String> warnings = new ArrayList<>();
        boolean toggles = false;
        Section section = Section.NONE;
        List<String> lines = lines(text);
        for (int number = 1; number <= lines.size(); number++) {
            String line = lines.get(number - 1);
            if (line.length() >= MAX_LINE) {
                warnings.add("line " + number + " is too long; its end is ignored");
                line = line.substring(0, MAX_LINE);
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
                        warnings.add("line " + number + ": unsupported section " + line.substring(at, close + 1)
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
                case NONE -> warnings.add("line " + number + ": syntax error: '" + token
                        + "' is outside any section (use [Fields Display] or [Mapping])");
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

    private static List<String> lines(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            lines.add(text.substring(start, end));
            start = end + 1;
        }
        return lines;
    }
}
