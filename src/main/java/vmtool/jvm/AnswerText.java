package vmtool.jvm;

/**
 * What vmtool keeps of a word or a line that the target's JVM (or jcmd, repeating it) wrote, before it reaches a
 * terminal or a label: the target controls that text, so only printable ASCII is kept (anything else, escape
 * sequences included, becomes '?'), and at most a bounded number of characters. The JVM's own words (collector and
 * code heap names, jcmd's reasons) are ASCII, so they come through unchanged.
 */
final class AnswerText {
    private AnswerText() {
    }

    /** {@code text} with every character outside printable ASCII replaced by '?', cut to {@code max} characters. */
    static String printable(String text, int max) {
        int length = Math.min(text.length(), max);
        StringBuilder kept = new StringBuilder(length + 3);
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            kept.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return text.length() > max ? kept.append("...").toString() : kept.toString();
    }
}
