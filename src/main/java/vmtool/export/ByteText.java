package vmtool.export;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * vmtool keeps what the kernel wrote as one char per byte ("byte text"); JSON carries Unicode. These turn one into
 * the other without loss: byte text that is valid UTF-8 becomes its Unicode text, other byte text stays bytes (and
 * goes into JSON as base64, docs/json.md).
 */
final class ByteText {
    private ByteText() {
    }

    /** Whether every char is ASCII: then the byte text and its UTF-8 reading are the same string. */
    static boolean isAscii(String byteText) {
        for (int i = 0; i < byteText.length(); i++) {
            if (byteText.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** The byte text read as UTF-8, or null when its bytes are not valid UTF-8. */
    static String utf8OrNull(String byteText) {
        if (isAscii(byteText)) {
            return byteText;
        }
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(byteText.getBytes(StandardCharsets.ISO_8859_1)));
            return chars.toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** Unicode text (as read from JSON) back to byte text: its UTF-8 bytes, one char per byte. */
    static String fromUnicode(String text) {
        return isAscii(text) ? text : new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    static String fromBytes(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    static byte[] bytes(String byteText) {
        return byteText.getBytes(StandardCharsets.ISO_8859_1);
    }
}
