package vmtool.proc;

import java.util.ArrayList;
import java.util.List;

/**
 * The words of a line of /proc text, split at runs of blanks (what {@code strip().split("\\s+")} gives), without a
 * regular expression: {@code split("\\s+")} compiles a Pattern, whose classes are built of lambdas spun at run time
 * (~4 ms of a program's anatomy, which reads /proc/sysvipc/shm).
 */
final class Words {
    private Words() {
    }

    static String[] of(String line) {
        List<String> words = new ArrayList<>();
        int i = 0;
        int n = line.length();
        while (i < n) {
            while (i < n && blank(line.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !blank(line.charAt(i))) {
                i++;
            }
            if (i > start) {
                words.add(line.substring(start, i));
            }
        }
        return words.toArray(new String[0]);
    }

    /** The characters of {@code \s}. */
    private static boolean blank(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }
}
