package vmtool.cli;

import java.util.List;

/**
 * What the shell's completion offers for an option's argument or an operand ({@link CompletionScript}): nothing,
 * file names, the PIDs of live processes, the users' names, or a fixed list of words.
 *
 * @param kind  which of those
 * @param words the words, for {@link Kind#WORDS}; empty otherwise
 */
record Completion(Kind kind, List<String> words) {
    /** What is offered. */
    enum Kind { NOTHING, FILES, PIDS, USERS, WORDS }

    static final Completion NOTHING = new Completion(Kind.NOTHING, List.of());
    static final Completion FILES = new Completion(Kind.FILES, List.of());
    static final Completion PIDS = new Completion(Kind.PIDS, List.of());
    static final Completion USERS = new Completion(Kind.USERS, List.of());

    Completion {
        words = List.copyOf(words);
        if ((kind == Kind.WORDS) == words.isEmpty()) {
            throw new IllegalArgumentException("words are for Kind.WORDS, and it needs some: " + kind + " " + words);
        }
        for (String word : words) {
            if (!isPlain(word)) {
                throw new IllegalArgumentException("a completion word must be plain: '" + word + "'");
            }
        }
    }

    /**
     * Words go into the script as they are, so they are plain: ASCII letters, digits, '.', '_', '-'. (A loop, not a
     * regex or a lambda: touch's and pmap's start-up load this class.)
     */
    private static boolean isPlain(String word) {
        if (word.isEmpty()) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_'
                    || c == '-')) {
                return false;
            }
        }
        return true;
    }

    static Completion words(List<String> words) {
        return new Completion(Kind.WORDS, words);
    }
}
