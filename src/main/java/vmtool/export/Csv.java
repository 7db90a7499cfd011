package vmtool.export;

import java.util.List;

/** RFC 4180 CSV: fields separated by commas, records ended by CRLF, a field quoted when it must be. */
public final class Csv {
    private Csv() {
    }

    /** Appends one record. */
    public static StringBuilder record(StringBuilder out, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            field(out, fields.get(i));
        }
        return out.append("\r\n");
    }

    /** Appends one field, in double quotes (inner ones doubled) when it holds a comma, a quote, CR or LF. */
    public static StringBuilder field(StringBuilder out, String value) {
        boolean quote = false;
        for (int i = 0; i < value.length() && !quote; i++) {
            char c = value.charAt(i);
            quote = c == ',' || c == '"' || c == '\r' || c == '\n';
        }
        if (!quote) {
            return out.append(value);
        }
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            out.append(c);
            if (c == '"') {
                out.append('"');
            }
        }
        return out.append('"');
    }
}
