package vmtool.export;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A strict JSON reader (RFC 8259) that pulls tokens from UTF-8 bytes, with the calls of Gson's {@code JsonReader}
 * that the snapshot reader makes. It exists for speed: Gson decodes the bytes to chars and makes a String of every
 * member name, 40 per mapping; this reader parses the bytes as they are and gives each distinct name one String
 * (a snapshot of 60,024 mappings, 35 MB, is read in about a third of Gson's time: docs/performance.md).
 *
 * <p>What it refuses, it refuses with a {@link Malformed} whose message says what is wrong; {@link #line},
 * {@link #column} and {@link #path} say where. The end of the input inside a value is an {@link EOFException}.
 * Bytes that are not UTF-8 are read as U+FFFD, as a decoding {@code InputStreamReader} reads them.
 */
final class Utf8JsonReader {
    /** What comes next; the names of Gson's {@code JsonToken}, which the snapshot reader's messages show. */
    enum Token { BEGIN_ARRAY, END_ARRAY, BEGIN_OBJECT, END_OBJECT, NAME, STRING, NUMBER, BOOLEAN, NULL, END_DOCUMENT }

    /** The text is not JSON, or not the JSON asked for; the message says what is wrong. */
    static final class Malformed extends IOException {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message);
        }
    }

    // Scopes, one per open array or object, and the document's own at the bottom.
    private static final int EMPTY_ARRAY = 1;
    private static final int NONEMPTY_ARRAY = 2;
    private static final int EMPTY_OBJECT = 3;
    private static final int DANGLING_NAME = 4;
    private static final int NONEMPTY_OBJECT = 5;
    private static final int EMPTY_DOCUMENT = 6;
    private static final int NONEMPTY_DOCUMENT = 7;

    private static final int NAME_SLOTS = 512;

    private final InputStream in;
    private byte[] buffer = new byte[1 << 16];
    private int pos;
    private int limit;
    /** The offset in the input of buffer[0]. */
    private long base;
    private int lineNumber = 1;
    /** The offset in the input where the current line starts. */
    private long lineStart;

    private Token peeked;
    /** A peeked number's length in bytes from pos, whether it is whole, and its value when it fits a long. */
    private int numberLength;
    private boolean numberWhole;
    private boolean numberFits;
    private long numberValue;

    private int[] stack = new int[32];
    private String[] pathNames = new String[32];
    private int[] pathIndices = new int[32];
    private int stackSize = 1;

    /** One String per distinct name (most files have a few dozen): the same object every time it comes. */
    private final String[] names = new String[NAME_SLOTS];
    private final byte[][] nameBytes = new byte[NAME_SLOTS][];
    private int nameCount;

    Utf8JsonReader(InputStream in) {
        this.in = in;
        stack[0] = EMPTY_DOCUMENT;
    }

    // ---- where the reader stands, for messages

    int line() {
        return lineNumber;
    }

    int column() {
        return (int) (base + pos - lineStart + 1);
    }

    /** Gson's form: {@code $.mappings[3].smaps.Rss}. */
    String path() {
        StringBuilder path = new StringBuilder("$");
        for (int i = 0; i < stackSize; i++) {
            switch (stack[i]) {
                case EMPTY_ARRAY, NONEMPTY_ARRAY -> path.append('[').append(pathIndices[i]).append(']');
                case EMPTY_OBJECT, DANGLING_NAME, NONEMPTY_OBJECT -> {
                    if (pathNames[i] != null) {
                        path.append('.').append(pathNames[i]);
                    }
                }
                default -> {
                }
            }
        }
        return path.toString();
    }

    // ---- the calls

    Token peek() throws IOException {
        return peeked != null ? peeked : doPeek();
    }

    boolean hasNext() throws IOException {
        Token token = peek();
        return token != Token.END_OBJECT && token != Token.END_ARRAY && token != Token.END_DOCUMENT;
    }

    void beginObject() throws IOException {
        expect(Token.BEGIN_OBJECT);
        push(EMPTY_OBJECT);
    }

    void endObject() throws IOException {
        expect(Token.END_OBJECT);
        pop();
    }

    void beginArray() throws IOException {
        expect(Token.BEGIN_ARRAY);
        push(EMPTY_ARRAY);
        pathIndices[stackSize - 1] = 0;
    }

    void endArray() throws IOException {
        expect(Token.END_ARRAY);
        pop();
    }

    String nextName() throws IOException {
        expect(Token.NAME);
        String name = readString(true);
        pathNames[stackSize - 1] = name;
        return name;
    }

    /** A string's text, or a number's own digits as written. */
    String nextString() throws IOException {
        Token token = peek();
        String text;
        if (token == Token.STRING) {
            peeked = null;
            text = readString(false);
        } else if (token == Token.NUMBER) {
            peeked = null;
            text = new String(buffer, pos, numberLength, StandardCharsets.ISO_8859_1);
            pos += numberLength;
        } else {
            throw mismatch("a string", token);
        }
        pathIndices[stackSize - 1]++;
        return text;
    }

    /** A whole number in long's range. */
    long nextLong() throws IOException {
        Token token = peek();
        if (token != Token.NUMBER) {
            throw mismatch("a number", token);
        }
        if (!numberWhole) {
            throw new Malformed("expected a whole number, found " + new String(buffer, pos, numberLength,
                    StandardCharsets.ISO_8859_1));
        }
        if (!numberFits) {
            throw new Malformed("a number out of range");
        }
        peeked = null;
        pos += numberLength;
        pathIndices[stackSize - 1]++;
        return numberValue;
    }

    /** A whole number in int's range. */
    int nextInt() throws IOException {
        Token token = peek();
        if (token == Token.NUMBER && numberFits && (numberValue < Integer.MIN_VALUE
                || numberValue > Integer.MAX_VALUE)) {
            throw new Malformed("a number out of range");
        }
        return (int) nextLong();
    }

    void nextNull() throws IOException {
        expect(Token.NULL);
        pos += 4;
        pathIndices[stackSize - 1]++;
    }

    /** Skips the next value, however deep (without recursion: a deep file cannot exhaust the stack). */
    void skipValue() throws IOException {
        int depth = 0;
        do {
            Token token = peek();
            switch (token) {
                case BEGIN_ARRAY -> {
                    beginArray();
                    depth++;
                }
                case BEGIN_OBJECT -> {
                    beginObject();
                    depth++;
                }
                case END_ARRAY -> {
                    endArray();
                    depth--;
                }
                case END_OBJECT -> {
                    endObject();
                    depth--;
                }
                case NAME -> nextName();
                case STRING -> nextString();
                case NUMBER -> {
                    peeked = null;
                    pos += numberLength;
                    pathIndices[stackSize - 1]++;
                }
                case BOOLEAN -> {
                    pos += buffer[pos] == 't' ? 4 : 5;
                    peeked = null;
                    pathIndices[stackSize - 1]++;
                }
                case NULL -> nextNull();
                case END_DOCUMENT -> {
                    return;
                }
                default -> throw new IllegalStateException(token.name());
            }
        } while (depth > 0);
    }

    // ---- the grammar

    private void expect(Token wanted) throws IOException {
        Token token = peek();
        if (token != wanted) {
            throw mismatch(wanted.name(), token);
        }
        peeked = null;
    }

    private static Malformed mismatch(String wanted, Token found) {
        return new Malformed("not valid JSON: expected " + wanted + " but was " + found);
    }

    private void push(int scope) {
        if (stackSize == stack.length) {
            stack = Arrays.copyOf(stack, stackSize * 2);
            pathNames = Arrays.copyOf(pathNames, stackSize * 2);
            pathIndices = Arrays.copyOf(pathIndices, stackSize * 2);
        }
        stack[stackSize++] = scope;
    }

    private void pop() {
        stackSize--;
        pathNames[stackSize] = null;
        pathIndices[stackSize - 1]++;
    }

    /** Reads up to the next token (separators included) and says what it is; pos is left at its first byte. */
    private Token doPeek() throws IOException {
        int scope = stack[stackSize - 1];
        switch (scope) {
            case EMPTY_ARRAY -> stack[stackSize - 1] = NONEMPTY_ARRAY;
            case NONEMPTY_ARRAY -> {
                if (closes(nextNonWhitespace(), ']', "an array")) {
                    return peeked = Token.END_ARRAY;
                }
            }
            case EMPTY_OBJECT, NONEMPTY_OBJECT -> {
                stack[stackSize - 1] = DANGLING_NAME;
                int c = nextNonWhitespace();
                if (scope == NONEMPTY_OBJECT) {
                    if (closes(c, '}', "an object")) {
                        return peeked = Token.END_OBJECT;
                    }
                    c = nextNonWhitespace();
                } else if (c == '}') {
                    pos++;
                    return peeked = Token.END_OBJECT;
                }
                if (c != '"') {
                    throw new Malformed("not valid JSON: expected a name in double quotes");
                }
                pos++;
                return peeked = Token.NAME;
            }
            case DANGLING_NAME -> {
                stack[stackSize - 1] = NONEMPTY_OBJECT;
                if (nextNonWhitespace() != ':') {
                    throw new Malformed("not valid JSON: expected ':' after a name");
                }
                pos++;
            }
            case EMPTY_DOCUMENT -> stack[stackSize - 1] = NONEMPTY_DOCUMENT;
            default -> { // NONEMPTY_DOCUMENT
                if (nextNonWhitespaceOrEnd() < 0) {
                    return peeked = Token.END_DOCUMENT;
                }
                throw new Malformed("not valid JSON: text after the end of the document");
            }
        }
        int c = nextNonWhitespace();
        switch (c) {
            case ']' -> {
                if (scope == EMPTY_ARRAY) {
                    pos++;
                    return peeked = Token.END_ARRAY;
                }
                throw new Malformed("not valid JSON: expected a value");
            }
            case '"' -> {
                pos++;
                return peeked = Token.STRING;
            }
            case '[' -> {
                pos++;
                return peeked = Token.BEGIN_ARRAY;
            }
            case '{' -> {
                pos++;
                return peeked = Token.BEGIN_OBJECT;
            }
            case 't' -> {
                literal("true");
                return peeked = Token.BOOLEAN;
            }
            case 'f' -> {
                literal("false");
                return peeked = Token.BOOLEAN;
            }
            case 'n' -> {
                literal("null");
                return peeked = Token.NULL;
            }
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    number();
                    return peeked = Token.NUMBER;
                }
                throw new Malformed("not valid JSON: expected a value");
            }
        }
    }

    /** After an element or member: true at {@code close}, false at a comma; either is passed. */
    private boolean closes(int c, char close, String in) throws Malformed {
        if (c != close && c != ',') {
            throw new Malformed("not valid JSON: expected ',' or '" + close + "' in " + in);
        }
        pos++;
        return c == close;
    }

    /** Checks that {@code word} (true, false, null) stands at pos, followed by no other letter; pos stays. */
    private void literal(String word) throws IOException {
        ensure(word.length() + 1);
        for (int i = 0; i < word.length(); i++) {
            if (pos + i >= limit) {
                throw new EOFException();
            }
            if (buffer[pos + i] != word.charAt(i)) {
                throw new Malformed("not valid JSON: expected a value");
            }
        }
        if (pos + word.length() < limit && !isDelimiter(buffer[pos + word.length()])) {
            throw new Malformed("not valid JSON: expected a value");
        }
    }

    /** Scans the number at pos (RFC 8259's grammar) and its value when it is whole; pos stays. */
    private void number() throws IOException {
        int i = 0;
        boolean negative = false;
        if (byteAt(i) == '-') {
            negative = true;
            i++;
        }
        int digitsStart = i;
        int b = byteAt(i);
        if (b == '0') {
            i++;
        } else if (b >= '1' && b <= '9') {
            while ((b = byteAt(i)) >= '0' && b <= '9') {
                i++;
            }
        } else {
            throw new Malformed("not valid JSON: expected a digit");
        }
        int digits = i - digitsStart;
        boolean whole = true;
        if (byteAt(i) == '.') {
            whole = false;
            i = digits(i + 1);
        }
        b = byteAt(i);
        if (b == 'e' || b == 'E') {
            whole = false;
            b = byteAt(i + 1);
            i = digits(b == '+' || b == '-' ? i + 2 : i + 1);
        }
        b = byteAt(i);
        if (b >= 0 && !isDelimiter(b)) {
            throw new Malformed("not valid JSON: expected a value");
        }
        numberLength = i;
        numberWhole = whole;
        numberFits = false;
        if (whole && digits <= 19) {
            long value = 0;
            for (int k = digitsStart; k < digitsStart + digits; k++) {
                value = value * 10 + (buffer[pos + k] - '0'); // up to 19 digits: wraps only past Long.MAX_VALUE
            }
            boolean overflow = value < 0 && !(negative && value == Long.MIN_VALUE);
            if (!overflow) {
                numberFits = true;
                numberValue = negative ? -value : value;
            }
        }
    }

    /** The index after the one or more digits at {@code i} after pos. */
    private int digits(int i) throws IOException {
        if (!isDigit(byteAt(i))) {
            throw new Malformed("not valid JSON: expected a digit");
        }
        int end = i + 1;
        while (isDigit(byteAt(end))) {
            end++;
        }
        return end;
    }

    /** The byte i after pos (0 to 255), reading more as needed; -1 at the end of the input. */
    private int byteAt(int i) throws IOException {
        if (pos + i >= limit) {
            ensure(i + 1);
            if (pos + i >= limit) {
                return -1;
            }
        }
        return buffer[pos + i] & 0xff;
    }

    private static boolean isDigit(int b) {
        return b >= '0' && b <= '9';
    }

    private static boolean isDelimiter(int b) {
        return b == ',' || b == ']' || b == '}' || b == ' ' || b == '\n' || b == '\t' || b == '\r' || b == ':';
    }

    /** Skips white space (counting lines); returns the next byte, left at pos. */
    private int nextNonWhitespace() throws IOException {
        int c = nextNonWhitespaceOrEnd();
        if (c < 0) {
            throw new EOFException();
        }
        return c;
    }

    private int nextNonWhitespaceOrEnd() throws IOException {
        while (true) {
            if (pos == limit && readMore() < 0) {
                return -1;
            }
            byte b = buffer[pos];
            if (b == '\n') {
                lineNumber++;
                lineStart = base + pos + 1;
            } else if (b != ' ' && b != '\t' && b != '\r') {
                return b;
            }
            pos++;
        }
    }

    /**
     * The string whose first byte is at pos, up to its closing quote, after which pos is left. A name of ASCII
     * without escapes comes from the names already made.
     */
    private String readString(boolean name) throws IOException {
        int i = pos;
        int hash = 0;
        boolean ascii = true;
        while (true) {
            if (i == limit) {
                i -= moreOfString();
                continue;
            }
            byte b = buffer[i];
            if (b == '"') {
                int length = i - pos;
                String text = name && ascii ? name(hash, length)
                        : new String(buffer, pos, length, ascii ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
                pos = i + 1;
                return text;
            }
            if (b == '\\') {
                return escapedString(i);
            }
            if (b >= 0 && b < 0x20) {
                throw controlCharacter(i);
            }
            ascii &= b >= 0;
            hash = hash * 31 + b;
            i++;
        }
    }

    /** More of a string that reaches the end of the buffer: how far its bytes moved. */
    private int moreOfString() throws IOException {
        int shifted = readMore();
        if (shifted < 0) {
            throw new EOFException();
        }
        return shifted;
    }

    private Malformed controlCharacter(int i) {
        pos = i;
        return new Malformed("not valid JSON: a control character in a string (it must be escaped)");
    }

    /** The name of these bytes (at pos), from the table of names made, looked up by open addressing. */
    private String name(int hash, int length) {
        int slot = (hash ^ (hash >>> 16)) & (NAME_SLOTS - 1);
        for (int probe = 0; probe < NAME_SLOTS / 2; probe++) {
            byte[] known = nameBytes[slot];
            if (known == null) {
                if (nameCount == NAME_SLOTS / 2) {
                    break; // a file of very many names: the rest are made each time
                }
                // Interned: the snapshot reader's switch on a name then finds the literal by identity.
                String text = new String(buffer, pos, length, StandardCharsets.ISO_8859_1).intern();
                names[slot] = text;
                nameBytes[slot] = Arrays.copyOfRange(buffer, pos, pos + length);
                nameCount++;
                return text;
            }
            if (known.length == length && Arrays.equals(buffer, pos, pos + length, known, 0, length)) {
                return names[slot];
            }
            slot = (slot + 1) & (NAME_SLOTS - 1);
        }
        return new String(buffer, pos, length, StandardCharsets.ISO_8859_1);
    }

    /** The rest of a string that has an escape at {@code i}: its pieces decoded, its escapes replaced. */
    private String escapedString(int i) throws IOException {
        StringBuilder text = new StringBuilder();
        int piece = pos;
        while (true) {
            if (i == limit) {
                int shifted = moreOfString();
                i -= shifted;
                piece -= shifted;
                continue;
            }
            byte b = buffer[i];
            if (b == '"') {
                text.append(new String(buffer, piece, i - piece, StandardCharsets.UTF_8));
                pos = i + 1;
                return text.toString();
            }
            if (b >= 0 && b < 0x20) {
                throw controlCharacter(i);
            }
            if (b != '\\') {
                i++;
                continue;
            }
            text.append(new String(buffer, piece, i - piece, StandardCharsets.UTF_8));
            // Keep the escape in the buffer while it is read: pos marks what must stay.
            pos = i;
            ensure(6);
            i = pos;
            if (i + 1 >= limit) {
                throw new EOFException();
            }
            byte e = buffer[i + 1];
            int length = 2;
            switch (e) {
                case '"' -> text.append('"');
                case '\\' -> text.append('\\');
                case '/' -> text.append('/');
                case 'b' -> text.append('\b');
                case 'f' -> text.append('\f');
                case 'n' -> text.append('\n');
                case 'r' -> text.append('\r');
                case 't' -> text.append('\t');
                case 'u' -> {
                    if (i + 6 > limit) {
                        throw new EOFException();
                    }
                    int c = 0;
                    for (int k = 2; k < 6; k++) {
                        int digit = Character.digit(buffer[i + k], 16);
                        if (digit < 0) {
                            throw new Malformed("not valid JSON: \\u not followed by four hex digits");
                        }
                        c = c * 16 + digit;
                    }
                    text.append((char) c);
                    length = 6;
                }
                default -> throw new Malformed("not valid JSON: an escape that JSON does not have: \\" + (char) e);
            }
            i += length;
            piece = i;
        }
    }

    /** Makes at least {@code count} bytes from pos available, unless the input ends first. */
    private void ensure(int count) throws IOException {
        while (limit - pos < count && readMore() >= 0) {
            // reading
        }
    }

    /**
     * Reads more input after what the buffer holds, first moving the bytes from pos on to its start (growing it
     * when they fill it); returns how far they moved, or -1 at the end of the input.
     */
    private int readMore() throws IOException {
        int shifted = pos;
        if (pos > 0) {
            System.arraycopy(buffer, pos, buffer, 0, limit - pos);
            base += pos;
            limit -= pos;
            pos = 0;
        }
        if (limit == buffer.length) {
            buffer = Arrays.copyOf(buffer, buffer.length * 2);
        }
        int n = in.read(buffer, limit, buffer.length - limit);
        if (n < 0) {
            return -1;
        }
        limit += n;
        return shifted;
    }
}
