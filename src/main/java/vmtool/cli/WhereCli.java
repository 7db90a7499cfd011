package vmtool.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import vmtool.ExitCode;
import vmtool.model.AddressSpace;
import vmtool.model.MappingKind;
import vmtool.terminal.Screen;
import vmtool.source.Source;
import vmtool.where.Location;
import vmtool.where.Where;
import vmtool.where.WhereRenderers;

/** {@code vmtool where}: which mapping holds each address (docs/anatomy.md). */
final class WhereCli extends GetoptCli {
    static final String NAME = "vmtool where";

    static final CommandDef DEFINITION = new CommandDef("where",
            List.of("Tell which mapping holds each ADDRESS: its range, permissions, kind and name, and how far into"
                            + " the mapping (and into the file, for a file mapping) the address lies. For an address"
                            + " that no mapping holds: the gap it lies in and the nearest mappings below and above.",
                    "Reads /proc/PID/smaps (and the process's threads and executable), or a saved smaps or maps"
                            + " file (--file)."),
            List.of(SharedOptions.FILE, AnatomyCli.JVM, SharedOptions.JSON, SharedOptions.CSV, HELP, VERSION),
            List.of(new CommandDef.Operand("PID", "0..1", "A process id, or /proc/PID (not with --file).",
                            Completion.PIDS),
                    new CommandDef.Operand("ADDRESS", "1..*", "Addresses in hex, with or without 0x"
                            + " (as vmtool touch and the homework's memory-user print them).", Completion.NOTHING)),
            List.of("  vmtool where 1234 0x7f0562302e4c     the mapping that holds this address",
                    "  vmtool where 1234 7f0562302e4c 55d0c0a01010   several addresses, 0x optional",
                    "  vmtool where --file saved.smaps 0x55d0c0a01010   in a saved smaps",
                    "  vmtool where --json 1234 0x7f0562302e4c   as JSON"));

    WhereCli(Context context, HelpPrinter helpPrinter) {
        super(DEFINITION, ExitCode.USAGE, ExitCode.INPUT_FAILURE, context, helpPrinter);
    }

    @Override
    int execute(Getopt.Parsed parsed) throws IOException {
        String file = parsed.last(SharedOptions.FILE, null);
        boolean jvm = parsed.has(AnatomyCli.JVM);
        boolean json = parsed.has(SharedOptions.JSON);
        boolean csv = parsed.has(SharedOptions.CSV);
        if (json && csv) {
            throw AnatomyCli.usage("--json and --csv exclude each other: choose one");
        }
        List<String> operands = parsed.operands();
        Source source = AnatomyCli.source(file, operands, jvm, "vmtool where 1234 0x7f0562302e4c");
        List<String> addressArgs = file != null ? operands : operands.subList(1, operands.size());
        if (addressArgs.isEmpty()) {
            throw AnatomyCli.usage("an ADDRESS is missing: give one or more hex addresses, e.g. 'vmtool where "
                    + (file != null ? "--file " + file : operands.get(0)) + " 0x7f0562302e4c'");
        }
        // Every address is checked before anything is read: a typo costs no /proc read.
        long[] addresses = new long[addressArgs.size()];
        for (int i = 0; i < addresses.length; i++) {
            try {
                addresses[i] = Where.parseAddress(addressArgs.get(i));
            } catch (IllegalArgumentException e) {
                throw AnatomyCli.usage(e.getMessage());
            }
        }
        AddressSpace space = AnatomyCli.readSpace(context, source, jvm, NAME).space();
        List<Location> locations = new ArrayList<>(addresses.length);
        boolean allMapped = true;
        for (long address : addresses) {
            Location location = Where.locate(space, address);
            allMapped &= location.mapped();
            locations.add(location);
        }
        if (mayBeUnplacedStack(locations)) {
            AnatomyCli.noteUnplacedStacks(context, space, NAME);
        }
        if (csv) {
            AnatomyCli.writeCsv(context.out(), WhereRenderers.csv(locations));
        } else {
            Screen screen = json ? null : context.terminal().screen();
            AnatomyCli.write(context.out(), json ? WhereRenderers.json(space, locations)
                    : WhereRenderers.text(locations, screen == null ? 0 : screen.columns()));
        }
        return allMapped ? ExitCode.OK : ExitCode.DIFFERENT;
    }

    /**
     * Whether an address lies where a stack that no stack pointer placed may be: in anonymous or reserved memory,
     * or in a stack or guard placed by layout alone. Of an address in a library, an unplaced stack changes nothing.
     */
    private static boolean mayBeUnplacedStack(List<Location> locations) {
        for (Location location : locations) {
            if (location.mapped()) {
                MappingKind kind = location.region().kind();
                if (kind == MappingKind.ANONYMOUS || kind == MappingKind.RESERVED || kind == MappingKind.THREAD_STACK
                        || kind == MappingKind.GUARD) {
                    return true;
                }
            }
        }
        return false;
    }
}
