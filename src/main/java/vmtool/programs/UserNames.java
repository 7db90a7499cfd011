package vmtool.programs;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * User ids and their names, from the text of an /etc/passwd file ({@code name:x:uid:...} lines). A user that the
 * file does not list (one from LDAP, or of a container) is shown by number, as ps does.
 */
public final class UserNames {
    public static final UserNames NONE = new UserNames(Map.of());

    private final Map<Integer, String> names;

    private UserNames(Map<Integer, String> names) {
        this.names = names;
    }

    /** These names, by uid (a capture's). */
    public static UserNames of(Map<Integer, String> names) {
        return new UserNames(Map.copyOf(names));
    }

    /** The names in a passwd file's text; lines that are not {@code name:password:uid:...} are skipped. */
    public static UserNames parse(byte[] passwd) {
        Map<Integer, String> names = new HashMap<>();
        String text = new String(passwd, StandardCharsets.ISO_8859_1);
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            String[] fields = text.substring(start, end).split(":", 4);
            start = end + 1;
            if (fields.length < 4 || fields[0].isEmpty()) {
                continue;
            }
            try {
                names.putIfAbsent(Integer.parseInt(fields[2]), fields[0]);
            } catch (NumberFormatException e) {
                // Not a passwd line.
            }
        }
        return new UserNames(names);
    }

    /** The user's name (byte text), or its number; {@code ?} when unknown. */
    public String name(int uid) {
        if (uid == ProcessSummary.UNKNOWN_UID) {
            return "?";
        }
        String name = names.get(uid);
        return name != null ? name : Integer.toUnsignedString(uid);
    }

    /** The uid that {@code user} names: a name in the file or a number; -1 when it names none. */
    public long uid(String user) {
        for (Map.Entry<Integer, String> entry : names.entrySet()) {
            if (entry.getValue().equals(user)) {
                return entry.getKey() & 0xffffffffL;
            }
        }
        try {
            return Long.parseLong(user) >= 0 && Long.parseLong(user) <= 0xffffffffL ? Long.parseLong(user) : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
