package vmtool.pmap;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Helpers to read pmap outputs (raw bytes) and to show how two of them differ. */
final class Outputs {
    private static final int MAX_SHOWN = 15;
    private static final int CONTEXT = 2;

    private Outputs() {
    }

    /** Lines without their '\n', decoded as ISO-8859-1 so that every byte survives as one char. */
    static List<String> lines(byte[] out) {
        String text = new String(out, StandardCharsets.ISO_8859_1);
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }

    static String latin1(byte[] out) {
        return new String(out, StandardCharsets.ISO_8859_1);
    }

    static List<String> words(String line) {
        String trimmed = line.strip();
        return trimmed.isEmpty() ? List.of() : List.of(trimmed.split("\\s+"));
    }

    /** One line, quoted, with control and non-ASCII bytes escaped, so trailing spaces and tabs show. */
    static String escape(String latin1Line) {
        StringBuilder shown = new StringBuilder("\"");
        for (char c : latin1Line.toCharArray()) {
            if (c == '\t') {
                shown.append("\\t");
            } else if (c == '"' || c == '\\') {
                shown.append('\\').append(c);
            } else if (c < 0x20 || c >= 0x7f) {
                shown.append(String.format("\\x%02x", (int) c));
            } else {
                shown.append(c);
            }
        }
        return shown.append('"').toString();
    }

    /**
     * A unified-ish diff: the common head and tail are cut, two lines of context are kept, and at most
     * 15 lines of each side are shown; '-' is /usr/bin/pmap, '+' is vmtool.
     */
    static String diff(byte[] expected, byte[] actual) {
        List<String> a = lines(expected);
        List<String> b = lines(actual);
        int head = 0;
        while (head < a.size() && head < b.size() && a.get(head).equals(b.get(head))) {
            head++;
        }
        int tail = 0;
        while (tail < a.size() - head && tail < b.size() - head
                && a.get(a.size() - 1 - tail).equals(b.get(b.size() - 1 - tail))) {
            tail++;
        }
        StringBuilder diff = new StringBuilder();
        diff.append("--- /usr/bin/pmap (").append(a.size()).append(" lines, ").append(expected.length)
                .append(" bytes)\n+++ vmtool pmap (").append(b.size()).append(" lines, ").append(actual.length)
                .append(" bytes)\n");
        diff.append("@@ first difference at line ").append(head + 1).append(" @@\n");
        for (int i = Math.max(0, head - CONTEXT); i < head; i++) {
            diff.append("  ").append(escape(a.get(i))).append('\n');
        }
        appendSide(diff, '-', a.subList(head, a.size() - tail));
        appendSide(diff, '+', b.subList(head, b.size() - tail));
        for (int i = a.size() - tail; i < Math.min(a.size(), a.size() - tail + CONTEXT); i++) {
            diff.append("  ").append(escape(a.get(i))).append('\n');
        }
        boolean aNewline = expected.length > 0 && expected[expected.length - 1] == '\n';
        boolean bNewline = actual.length > 0 && actual[actual.length - 1] == '\n';
        if (aNewline != bNewline) {
            diff.append("(only ").append(aNewline ? "pmap" : "vmtool").append("'s output ends in a newline)\n");
        }
        return diff.toString();
    }

    private static void appendSide(StringBuilder diff, char sign, List<String> lines) {
        for (int i = 0; i < Math.min(lines.size(), MAX_SHOWN); i++) {
            diff.append(sign).append(' ').append(escape(lines.get(i))).append('\n');
        }
        if (lines.size() > MAX_SHOWN) {
            diff.append(sign).append(" ... ").append(lines.size() - MAX_SHOWN).append(" more lines\n");
        }
    }

    /** How a vmtool run differs from a pmap run, for an assertion message. */
    static String describe(List<String> args, RunResult pmap, RunResult vmtool) {
        StringBuilder text = new StringBuilder("pmap " + String.join(" ", args.stream().map(Outputs::escape).toList())
                + "\n");
        if (pmap.status() != vmtool.status()) {
            text.append("exit status: pmap ").append(pmap.status()).append(", vmtool ").append(vmtool.status())
                    .append('\n');
        }
        if (!Arrays.equals(pmap.out(), vmtool.out())) {
            text.append(diff(pmap.out(), vmtool.out()));
        }
        if (vmtool.err().length > 0) {
            text.append("vmtool stderr: ").append(escape(latin1(vmtool.err()))).append('\n');
        }
        return text.toString();
    }

    /**
     * Splits the output of several PIDs into one section per process: a section starts with its
     * "PID:   " header line (rows never start with digits and a colon).
     */
    static List<List<String>> sections(byte[] out) {
        List<List<String>> sections = new ArrayList<>();
        for (String line : lines(out)) {
            if (line.matches("^\\d+:   .*") || sections.isEmpty()) {
                sections.add(new ArrayList<>());
            }
            sections.get(sections.size() - 1).add(line);
        }
        return sections;
    }

    static byte[] join(List<String> lines) {
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            text.append(line).append('\n');
        }
        return text.toString().getBytes(StandardCharsets.ISO_8859_1);
    }
}
