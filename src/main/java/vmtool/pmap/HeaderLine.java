package vmtool.pmap;

import java.util.function.BooleanSupplier;

import vmtool.model.ProcessInfo;

/**
 * The {@code PID:   command line} line, escaped as procps's library escapes a command line.
 *
 * <p>Arguments are joined by single blanks (a newline inside one becomes a blank too). In a UTF-8 locale, control
 * characters become {@code ?} and valid UTF-8 is kept, until the first byte that cannot start a valid sequence:
 * from there on every control character becomes {@code .} and every non-ASCII byte {@code ?}, which is what
 * happens to the whole line in any other locale. A process without a command line (a kernel thread, a zombie)
 * shows {@code [comm]}, with {@code  <defunct>} for a zombie; one whose arguments are all empty shows {@code ?}.
 */
public final class HeaderLine {
    private HeaderLine() {
    }

    /** Whether the text can print differently by locale, so that the locale's character set must be asked. */
    static boolean dependsOnLocale(ProcessInfo process) {
        String text = process.cmdline().isEmpty() ? process.comm() : process.cmdline();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 0x20 && c != 0) || c >= 0x7f) {
                return true;
            }
        }
        return false;
    }

    /** The whole line, with its newline. {@code utf8Locale} is asked only when the answer matters. */
    public static String format(ProcessInfo process, BooleanSupplier utf8Locale) {
        boolean utf8 = dependsOnLocale(process) && utf8Locale.getAsBoolean();
        String command;
        String arguments = joinedArguments(process.cmdline());
        if (arguments != null) {
            command = escape(arguments, utf8);
        } else {
            command = "[" + escape(process.comm(), utf8) + "]" + (process.state() == 'Z' ? " <defunct>" : "");
        }
        return process.tgid() + ":   " + command + "\n";
    }

    /**
     * The header line for a saved smaps or maps file, which holds no pid or command line:
     * {@code FILE:   (saved /proc/PID/smaps)}. The name's control characters show as {@code ?}.
     */
    public static String forSavedFile(String name, boolean smaps) {
        String bytes = new String(name.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                java.nio.charset.StandardCharsets.ISO_8859_1);
        StringBuilder line = new StringBuilder(bytes.length() + 40);
        for (int i = 0; i < bytes.length(); i++) {
            char c = bytes.charAt(i);
            line.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return line.append(":   (saved /proc/PID/").append(smaps ? "smaps" : "maps").append(")\n").toString();
    }

    /** The arguments joined by blanks, or null when the process has no command line at all. */
    static String joinedArguments(String cmdline) {
        int length = cmdline.length();
        if (length == 0) {
            return null;
        }
        int end = length;
        while (end > 0 && cmdline.charAt(end - 1) == 0) {
            end--;
        }
        if (end == 0) {
            // Only empty arguments (argv [""], ["", ""], or an empty argv, which the kernel gives one ""):
            // procps shows "?", not the blanks, nor [comm].
            return "?";
        }
        StringBuilder joined = new StringBuilder(end);
        for (int i = 0; i < end; i++) {
            char c = cmdline.charAt(i);
            joined.append(c == 0 || c == '\n' ? ' ' : c);
        }
        // procps drops one final blank when the command line did not end in NUL (a rewritten argv).
        if (end == length && joined.length() > 0 && joined.charAt(joined.length() - 1) == ' ') {
            joined.setLength(joined.length() - 1);
        }
        return joined.toString();
    }

    static String escape(String text, boolean utf8) {
        char[] chars = text.toCharArray();
        int from = 0;
        if (utf8) {
            while (from < chars.length) {
                int length = utf8SequenceLength(chars[from]);
                if (length < 0 || from + length > chars.length) {
                    break;
                }
                if (chars[from] < 0x20 || chars[from] == 0x7f) {
                    chars[from] = '?';
                }
                from += length;
            }
        }
        for (int i = from; i < chars.length; i++) {
            char c = chars[i];
            if (c < 0x20 || c == 0x7f) {
                chars[i] = '.';
            } else if (c >= 0x80) {
                chars[i] = '?';
            }
        }
        return new String(chars);
    }

    /** The length of a UTF-8 sequence from its first byte, as procps's table has it; -1 if it cannot start one. */
    private static int utf8SequenceLength(char first) {
        if (first < 0x80) {
            return 1;
        }
        if (first < 0xc2) {
            return -1;
        }
        if (first < 0xe0) {
            return 2;
        }
        if (first < 0xf0) {
            return 3;
        }
        return first < 0xf5 ? 4 : -1;
    }
}
