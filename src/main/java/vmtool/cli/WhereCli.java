package vmtool.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import vmtool.ExitCode;
import vmtool.model.AddressSpace;
import vmtool.model.MappingKind;
import vmtool.pages.PageReader;
import vmtool.pages.PhysicalReader;
import vmtool.pages.PhysicalText;
import vmtool.pages.Translation;
import vmtool.proc.ProcException;
import vmtool.source.Source;
import vmtool.terminal.Screen;
import vmtool.terminal.TextWidth;
import vmtool.where.Location;
import vmtool.where.Where;
import vmtool.where.WhereRenderers;

/** {@code vmtool where}: which mapping holds each address (docs/anatomy.md). */
final class WhereCli extends GetoptCli {
    static final String NAME = "vmtool where";

    static final Getopt.Option PHYSICAL = Getopt.Option.flag('\0', "physical",
            "Translate each address as the paging chapters teach it: its virtual page and offset, the page-table"
                    + " indices, the pagemap entry with each bit named, present or swapped; for root also the frame,"
                    + " the physical address, the frame's flags, how many map it, and its huge page (docs/pages.md)."
                    + " A live process only.");

    static final CommandDef DEFINITION = new CommandDef("where",
            List.of("Tell which mapping holds each ADDRESS: its range, permissions, kind and name, and how far into"
                            + " the mapping (and into the file, for a file mapping) the address lies. For an address"
                            + " that no mapping holds: the gap it lies in and the nearest mappings below and above.",
                    "Reads /proc/PID/smaps (and the process's threads and executable), or a saved smaps or maps"
                            + " file (--file)."),
            List.of(SharedOptions.FILE, AnatomyCli.JVM, PHYSICAL, SharedOptions.JSON, SharedOptions.CSV, HELP, VERSION),
            List.of(SharedOptions.PID_UNLESS_FILE,
                    new CommandDef.Operand("ADDRESS", "1..*", "Addresses in hex, with or without 0x"
                            + " (as vmtool touch and the homework's memory-user print them).", Completion.NOTHING)),
            List.of("  vmtool where 1234 0x7f0562302e4c     the mapping that holds this address",
                    "  vmtool where 1234 7f0562302e4c 55d0c0a01010   several addresses, 0x optional",
                    "  vmtool where --file saved.smaps 0x55d0c0a01010   in a saved smaps",
                    "  vmtool where --json 1234 0x7f0562302e4c   as JSON",
                    "  vmtool where --physical 1234 0x7f0562302e4c   its page, page tables and frame"));

    WhereCli(Context context, HelpPrinter helpPrinter) {
        super(DEFINITION, ExitCode.USAGE, ExitCode.INPUT_FAILURE, context, helpPrinter);
    }

    @Override
    int execute(Getopt.Parsed parsed) throws IOException {
        String file = parsed.last(SharedOptions.FILE, null);
        boolean jvm = parsed.has(AnatomyCli.JVM);
        boolean json = parsed.has(SharedOptions.JSON);
        boolean csv = parsed.has(SharedOptions.CSV);
        boolean physical = parsed.has(PHYSICAL);
        SharedOptions.checkOneFormat(parsed);
        if (physical && file != null) {
            throw AnatomyCli.usage("--physical reads a live process's pagemap: a saved file has no pages");
        }
        if (physical && csv) {
            throw AnatomyCli.usage("--physical is shown in text and --json, not --csv");
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
        List<Translation> translations = physical ? translate(space, locations) : null;
        if (csv) {
            AnatomyCli.writeCsv(context.out(), WhereRenderers.csv(locations));
        } else if (physical && json) {
            AnatomyCli.write(context.out(), WhereRenderers.json(space, locations, (writer, index) -> {
                writer.name("physical");
                if (translations.get(index) == null) {
                    writer.nullValue();
                } else {
                    PhysicalText.json(writer, translations.get(index));
                }
            }));
        } else if (physical) {
            Screen screen = context.terminal().screen();
            int columns = screen == null ? 0 : screen.columns();
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < locations.size(); i++) {
                text.append(WhereRenderers.text(List.of(locations.get(i)), columns));
                if (translations.get(i) != null) {
                    for (String line : PhysicalText.lines(translations.get(i))) {
                        if (columns <= 0) {
                            text.append(line).append('\n');
                        } else {
                            for (String piece : TextWidth.wrap(line, columns, "    ")) {
                                text.append(piece).append('\n');
                            }
                        }
                    }
                }
            }
            AnatomyCli.write(context.out(), text.toString());
        } else {
            Screen screen = json ? null : context.terminal().screen();
            AnatomyCli.write(context.out(), json ? WhereRenderers.json(space, locations)
                    : WhereRenderers.text(locations, screen == null ? 0 : screen.columns()));
        }
        if (physical && !translations.stream().allMatch(t -> t == null || t.frames())) {
            context.note(NAME + ": " + PhysicalText.NEEDS_ROOT);
        }
        return allMapped ? ExitCode.OK : ExitCode.DIFFERENT;
    }

    /** Each mapped address's translation (null for one not mapped), from the process's pagemap. */
    private List<Translation> translate(AddressSpace space, List<Location> locations) {
        List<Long> addresses = new ArrayList<>();
        for (Location location : locations) {
            if (location.mapped()) {
                addresses.add(location.address());
            }
        }
        long pageSize = PageReader.systemPageSize();
        PhysicalReader reader = new PhysicalReader(context.proc(), pageSize,
                PhysicalReader.systemLevels(context.proc(), pageSize));
        List<Translation> read;
        int pid = space.process().tgid();
        try {
            read = reader.translate(pid, addresses);
        } catch (ProcException e) {
            throw new VmtoolException(ExitCode.INPUT_FAILURE, e.kind() == ProcException.Kind.PERMISSION_DENIED
                    ? "cannot read /proc/" + pid + "/pagemap: permission denied; the process belongs to another"
                    + " user (run as that user or as root)" : e.kind() == ProcException.Kind.GONE
                    ? "process " + pid + " exited before its pages could be read" : e.getMessage(), e);
        }
        List<Translation> translations = new ArrayList<>(locations.size());
        int next = 0;
        for (Location location : locations) {
            translations.add(location.mapped() ? read.get(next++) : null);
        }
        return translations;
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
