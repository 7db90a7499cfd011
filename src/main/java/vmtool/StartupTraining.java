package vmtool;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import vmtool.model.ProcessFacts;
import vmtool.model.UnplacedStacks;

/**
 * The launcher's training runs for its start-up caches (scripts/vmtool): the short-lived commands users run most, one
 * after another in one JVM, so that the one class list it writes (JDK 17-23) or the AOT cache it records (JDK 24 on)
 * holds the classes of each. JDK 21 on number the classes of a list, so lists of separate runs cannot be merged.
 * pmap has a cache of its own, trained on pmap alone: a JDK 24+ AOT cache loads and links all its classes at every
 * start, and on JDK 17 a smaller archive has fewer pointers to relocate, so pmap does not pay for the other commands'
 * classes (a middle-sized pmap -X ~2 ms sooner on JDK 25, docs/performance.md). Their output is thrown away.
 * The commands that read a live process through JNA (ELF headers, pagemap) have a third, with JNA's ~430 classes:
 * without them in a cache, loading them costs such a command ~25 ms; in the others' cache, every start of those
 * would pay for mapping them (docs/performance.md).
 * Usage: {@code StartupTraining pmap|native|others PID} (the launcher's own process).
 */
public final class StartupTraining {
    private StartupTraining() {
    }

    public static void main(String[] args) throws IOException {
        String pid = args[1];
        // This JVM too: it has threads, whose stacks anatomy names, and a smaps large enough to be read ahead.
        String self = Files.readSymbolicLink(Path.of("/proc/self")).toString();
        String[][] commands = args[0].equals("native") ? new String[][] {
            // Live reads, through JNA: ELF headers (anatomy, where), pagemap (pages, where --physical, share).
            {"anatomy", pid}, {"anatomy", self}, {"where", pid, "0x1000"}, {"where", "--physical", self, "0x1000"},
            {"pages", pid}, {"pages", "--json", self}, {"share", pid},
            {"pages", "4194304"},
        } : args[0].equals("pmap") ? new String[][] {
            {"pmap", "-X", pid}, {"pmap", "-x", pid}, {"pmap", "-d", pid}, {"pmap", pid}, {"pmap", "-X", self},
            // The answer to a PID that has gone (4194304 is above Linux's largest, so no process has it).
            {"pmap", "4194304"},
        } : new String[][] {
            // anatomy and where read live processes' smaps as saved files: live, they read ELF headers through JNA
            // (nativeio.ForeignFile), whose ~430 classes (java.util.logging among them) would grow the cache from 7.5
            // to 12 MB, and mapping that costs every start ~20 ms (docs/performance.md).
            {"anatomy", "--file", "/proc/" + pid + "/smaps"}, {"where", "--file", "/proc/" + pid + "/smaps", "0x1000"},
            {"anatomy", "--file", "/proc/" + self + "/smaps"},
            // Several processes together (a program's anatomy reads no ELF header, so no JNA).
            {"anatomy", pid, self}, {"anatomy", "--tree", pid},
            {"anatomy", "4194304"},
            // ps reads every process; the filter keeps the training short (most processes' memory is not read).
            {"ps", "--tree", "--user", "0", "--name", "sleep"}, {"ps", "--by", "program", "--name", "bash"},
        };
        OutputStream discard = OutputStream.nullOutputStream();
        for (String[] command : commands) {
            Main.run(command, discard, discard);
        }
        if (!args[0].equals("pmap")) {
            // A thread that runs while anatomy reads it has no stack pointer (vmtool.proc.ThreadStacks): whether a
            // target above had one was left to chance (this JVM's compiler at work), and the cache then held the
            // classes of that case after one training and not after the next. Its note, built here, holds them.
            // (A spinning thread would make the case real, but under `chrt -f` it never yields the CPU.)
            new UnplacedStacks(List.of(new ProcessFacts.UnplacedThread(0, "", ProcessFacts.Unplaced.RUNNING)), false)
                    .note();
        }
        Main.awaitCompilers();
        Runtime.getRuntime().halt(0);
    }
}
