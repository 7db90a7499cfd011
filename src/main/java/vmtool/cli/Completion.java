package vmtool.cli;

import java.util.List;
import java.util.regex.Pattern;

/**
 * What the shell's completion offers for an option's argument or an operand ({@link CompletionScript}): nothing,
 * file names, the PIDs of live processes, or a fixed list of words.
 *
 * @param kind  which of those
 * @param words the words, for {@link Kind#WORDS}; empty otherwise
 */
record Completion(Kind kind, List<String> words) {
    /** What is offered. */
    enum Kind { NOTHING, FILES, PIDS, WORDS }

    static final Completion NOTHING = new Completion(Kind.NOTHING, List.of());
    static final Completion FILES = new Completion(Kind.FILES, List.of());
    static final Completion PIDS = new Completion(Kind.PIDS, List.of());

    /** Words go into the script as they are, so they are plain: letters, digits, '.', '_', '-'. */
    private static final Pattern PLAIN_WORD = Pattern.compile("[A-Za-z0-9._-]+");

    Completion {
        words = List.copyOf(words);
        if ((kind == Kind.WORDS) == words.isEmpty()) {
            throw new IllegalArgumentException("words are for Kind.WORDS, and it needs some: " + kind + " " + words);
        }
        for (String word : words) {
            if (!PLAIN_WORD.matcher(word).matches()) {
                throw new IllegalArgumentException("a completion word must be plain: '" + word + "'");
            }
        }
    }

    static Completion words(List<String> words) {
        return new Completion(Kind.WORDS, words);
    }
}
