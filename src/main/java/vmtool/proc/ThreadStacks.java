package vmtool.proc;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;

import vmtool.model.ProcessFacts;

/**
 * Where each thread's stack pointer is, from /proc/PID/task/TID/syscall: the kernel writes it there while the thread
 * waits, and {@code running} while it runs (only ptrace, which stops the thread, could read it then). A running
 * thread is read again a few times; one that still runs, or whose file this user may not read, is unplaced, with
 * the reason, for the classifier to place by layout or for the outputs to say.
 */
final class ThreadStacks {
    private ThreadStacks() {
    }

    /**
     * A running thread's syscall file is read again this many times, {@link #RUNNING_PAUSE_MS} apart: a thread
     * that runs for a moment between waits (most threads that are running when a reader looks) is then caught
     * waiting. A thread that computes for longer is not; its stack is placed by layout, or said to be unplaced.
     */
    private static final int RUNNING_RETRIES = 5;
    private static final long RUNNING_PAUSE_MS = 2;

    /**
     * Adds each thread of the process but its main one ({@code tgid}, whose stack is the main stack, found from
     * stat's startstack) to {@code placed}, with its stack pointer, or to {@code unplaced}, with why it has none;
     * each list in thread id order. A thread that ends while it is read is left out.
     *
     * @param tasks the process's task directory
     */
    static void read(Path tasks, int tgid, List<ProcessFacts.ThreadStack> placed,
                     List<ProcessFacts.UnplacedThread> unplaced) {
        // java.io's list, not Files.newDirectoryStream: from JDK 21 on, the latter's iterator is built of lambdas,
        // ~150 classes of start-up (StartupPathTest). A directory that cannot be listed (the process is gone, or
        // hides its threads) gives no thread facts, as a denied or missing one did.
        String[] tids = tasks.toFile().list();
        if (tids == null) {
            return;
        }
        List<String> running = new ArrayList<>();
        for (String name : tids) {
            int tid;
            try {
                tid = Integer.parseInt(name);
            } catch (NumberFormatException e) {
                continue;
            }
            if (tid == tgid) {
                continue;
            }
            SyscallRead read = syscall(tasks.resolve(name).resolve("syscall"));
            if (read.stackPointer() != 0) {
                placed.add(new ProcessFacts.ThreadStack(tid, comm(tasks.resolve(name).resolve("comm")),
                        read.stackPointer()));
            } else if (read.outcome() == SyscallRead.Outcome.RUNNING) {
                running.add(name);
            } else if (read.outcome() == SyscallRead.Outcome.DENIED) {
                unplaced.add(new ProcessFacts.UnplacedThread(tid, comm(tasks.resolve(name).resolve("comm")),
                        ProcessFacts.Unplaced.HIDDEN));
            }
        }
        for (int retry = 0; retry < RUNNING_RETRIES && !running.isEmpty(); retry++) {
            pause();
            for (Iterator<String> it = running.iterator(); it.hasNext(); ) {
                String name = it.next();
                SyscallRead read = syscall(tasks.resolve(name).resolve("syscall"));
                if (read.outcome() != SyscallRead.Outcome.RUNNING) {
                    it.remove();
                    if (read.stackPointer() != 0) {
                        placed.add(new ProcessFacts.ThreadStack(Integer.parseInt(name),
                                comm(tasks.resolve(name).resolve("comm")), read.stackPointer()));
                    }
                }
            }
        }
        for (String name : running) {
            unplaced.add(new ProcessFacts.UnplacedThread(Integer.parseInt(name),
                    comm(tasks.resolve(name).resolve("comm")), ProcessFacts.Unplaced.RUNNING));
        }
        placed.sort(BY_TID);
        unplaced.sort(UNPLACED_BY_TID);
    }

    private static void pause() {
        try {
            Thread.sleep(RUNNING_PAUSE_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final Comparator<ProcessFacts.ThreadStack> BY_TID =
            new Comparator<ProcessFacts.ThreadStack>() {
                @Override
                public int compare(ProcessFacts.ThreadStack a, ProcessFacts.ThreadStack b) {
                    return Integer.compare(a.tid(), b.tid());
                }
            };

    private static final Comparator<ProcessFacts.UnplacedThread> UNPLACED_BY_TID =
            new Comparator<ProcessFacts.UnplacedThread>() {
                @Override
                public int compare(ProcessFacts.UnplacedThread a, ProcessFacts.UnplacedThread b) {
                    return Integer.compare(a.tid(), b.tid());
                }
            };

    /**
     * What a task's syscall file said: a stack pointer ({@code NR ARG1..ARG6 SP PC}, or {@code -1 SP PC} when
     * blocked outside a system call), {@code running}, refused, or nothing (the thread is gone).
     */
    record SyscallRead(Outcome outcome, long stackPointer) {
        enum Outcome { STACK_POINTER, RUNNING, DENIED, NONE }
    }

    static SyscallRead syscall(Path syscall) {
        String text;
        try {
            text = ProcFs.latin1(ProcFs.read(syscall, 512)).strip();
        } catch (ProcException e) {
            return new SyscallRead(e.kind() == ProcException.Kind.PERMISSION_DENIED ? SyscallRead.Outcome.DENIED
                    : SyscallRead.Outcome.NONE, 0);
        }
        if (text.equals("running")) {
            return new SyscallRead(SyscallRead.Outcome.RUNNING, 0);
        }
        long stackPointer = parseStackPointer(text);
        return new SyscallRead(stackPointer == 0 ? SyscallRead.Outcome.NONE : SyscallRead.Outcome.STACK_POINTER,
                stackPointer);
    }

    /** The next-to-last field of a syscall line, in hex with 0x; 0 when there is none. */
    static long parseStackPointer(String line) {
        String[] fields = line.strip().split(" ");
        if (fields.length < 3) {
            return 0;
        }
        String sp = fields[fields.length - 2];
        if (!sp.startsWith("0x") || sp.length() < 3) {
            return 0;
        }
        try {
            return Long.parseUnsignedLong(sp, 2, sp.length(), 16);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String comm(Path comm) {
        try {
            String name = ProcFs.latin1(ProcFs.read(comm, 64));
            return name.endsWith("\n") ? name.substring(0, name.length() - 1) : name;
        } catch (ProcException e) {
            return "";
        }
    }
}
