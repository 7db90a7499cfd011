package vmtool.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The threads of a live process whose stack pointer the kernel did not give ({@link ProcessFacts.UnplacedThread}),
 * and whether the classifier placed their stacks anyway, by pthread's layout alone. Every output that shows kinds
 * says this ({@link #note}): otherwise such a stack would be counted as {@code anonymous}, its guard as
 * {@code reserved}, and the stacks' list would be short of threads without a word.
 *
 * @param threads        those threads, in thread id order
 * @param placedByLayout whether their stacks were told by their layout rather than left out: only when each of them
 *                       has exactly one such mapping to be its stack, and no mapping is left over
 */
public record UnplacedStacks(List<ProcessFacts.UnplacedThread> threads, boolean placedByLayout) {
    public static final UnplacedStacks NONE = new UnplacedStacks(List.of(), false);

    /** At most this many threads are named in a note; the count is always whole. */
    private static final int NAMED = 6;

    public UnplacedStacks {
        threads = List.copyOf(threads);
    }

    public boolean isEmpty() {
        return threads.isEmpty();
    }

    /** How many of the threads are of this reason. */
    public int count(ProcessFacts.Unplaced reason) {
        int count = 0;
        for (ProcessFacts.UnplacedThread thread : threads) {
            count += thread.reason() == reason ? 1 : 0;
        }
        return count;
    }

    /**
     * One line for people, or null when every thread's stack was placed by its stack pointer: how many threads,
     * which (their names escaped as {@link ByteText#shown}), why, and what became of their stacks.
     */
    public String note() {
        if (threads.isEmpty()) {
            return null;
        }
        List<String> parts = new ArrayList<>(2);
        int running = count(ProcessFacts.Unplaced.RUNNING);
        int hidden = threads.size() - running;
        if (running > 0) {
            parts.add(threads(running) + (running == 1 ? " was" : " were") + " running ("
                    + named(ProcessFacts.Unplaced.RUNNING) + "): the kernel gives a thread's stack pointer only while"
                    + " it waits");
        }
        if (hidden > 0) {
            parts.add(threads(hidden) + (hidden == 1 ? " hides its" : " hide their") + " stack pointer ("
                    + named(ProcessFacts.Unplaced.HIDDEN) + "): /proc/PID/task/TID/syscall needs ptrace access to"
                    + " the process");
        }
        String what = String.join("; ", parts);
        if (placedByLayout) {
            return what + "; " + (threads.size() == 1 ? "its stack was" : "their stacks were") + " told by pthread's"
                    + " layout instead (the only " + (threads.size() == 1 ? "mapping" : threads.size() + " mappings")
                    + " of a MAP_STACK stack above its guard that no other thread's stack pointer lies in)"
                    + (threads.size() == 1 ? "" : ", so which stack is whose is not known");
        }
        return what + "; " + (threads.size() == 1 ? "its stack could" : "their stacks could") + " not be placed and"
                + " counted as anonymous (a guard below as reserved), and the stacks' list lacks "
                + (threads.size() == 1 ? "it" : "them");
    }

    private static String threads(int count) {
        return count + (count == 1 ? " thread" : " threads");
    }

    private String named(ProcessFacts.Unplaced reason) {
        StringBuilder text = new StringBuilder();
        int shown = 0;
        int left = 0;
        for (ProcessFacts.UnplacedThread thread : threads) {
            if (thread.reason() != reason) {
                continue;
            }
            if (shown == NAMED) {
                left++;
                continue;
            }
            if (shown > 0) {
                text.append(", ");
            }
            text.append("TID ").append(thread.tid());
            if (!thread.name().isEmpty()) {
                text.append(' ').append(ByteText.shown(thread.name()));
            }
            shown++;
        }
        if (left > 0) {
            text.append(" and ").append(left).append(" more");
        }
        return text.toString();
    }
}
