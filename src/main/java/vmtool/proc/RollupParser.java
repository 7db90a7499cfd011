package vmtool.proc;

import vmtool.programs.Rollup;
import vmtool.programs.RollupField;

/**
 * Parses the text of /proc/PID/smaps_rollup: a header line ending in {@code [rollup]}, then {@code Key: N kB} lines.
 * Keys this vmtool does not know (a newer kernel's) are skipped; a required key missing, a key twice, or a line of
 * another shape is malformed.
 */
public final class RollupParser {
    private static final String HEADER_END = "[rollup]";

    private RollupParser() {
    }

    /**
     * The text was not what the kernel writes: the message ({@code line N: what}) names the line; the caller, which
     * knows what the text is (a path, a capture file), puts its name before it, only then (a name costs a path's
     * text, and a thousand processes' rollups are read).
     */
    public static final class MalformedRollup extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedRollup(int line, String what) {
            super("line " + line + ": " + what);
        }
    }

    /**
     * The rollup in {@code text[0, length)}, or null when the text is empty (a process without memory).
     *
     * @param firstLine the number of the text's first line in the file that holds it
     */
    public static Rollup parse(byte[] text, int length, int firstLine) throws MalformedRollup {
        if (length == 0) {
            return null;
        }
        int line = firstLine;
        int end = lineEnd(text, 0, length);
        if (!endsWith(text, end, HEADER_END)) {
            throw new MalformedRollup(line, "the first line does not end in " + HEADER_END
                    + ": not a smaps_rollup");
        }
        Rollup.Builder builder = Rollup.builder();
        int guess = 0;
        int pos = end + 1;
        while (pos < length) {
            line++;
            end = lineEnd(text, pos, length);
            int colon = pos;
            while (colon < end && text[colon] != ':') {
                colon++;
            }
            if (colon == end || colon == pos) {
                throw new MalformedRollup(line, "expected 'Key: N kB'");
            }
            int at = colon + 1;
            while (at < end && text[at] == ' ') {
                at++;
            }
            long value = 0;
            int digits = 0;
            while (at < end && text[at] >= '0' && text[at] <= '9' && digits < 18) {
                value = value * 10 + (text[at++] - '0');
                digits++;
            }
            if (digits == 0 || end - at != 3 || text[at] != ' ' || text[at + 1] != 'k' || text[at + 2] != 'B') {
                throw new MalformedRollup(line, "expected 'Key: N kB' with N a number of at most 18 digits");
            }
            RollupField field = RollupField.ofKey(text, pos, colon, guess);
            if (field != null && !builder.set(field, value)) {
                throw new MalformedRollup(line, field.key() + " a second time");
            }
            if (field != null) {
                guess = field.ordinal() + 1;
            }
            pos = end + 1;
        }
        RollupField missing = builder.missing();
        if (missing != null) {
            throw new MalformedRollup(line, "no " + missing.key() + " line");
        }
        return builder.build();
    }

    private static int lineEnd(byte[] text, int from, int length) {
        int end = from;
        while (end < length && text[end] != '\n') {
            end++;
        }
        return end;
    }

    private static boolean endsWith(byte[] text, int end, String suffix) {
        if (end < suffix.length()) {
            return false;
        }
        for (int i = 0; i < suffix.length(); i++) {
            if (text[end - suffix.length() + i] != suffix.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
