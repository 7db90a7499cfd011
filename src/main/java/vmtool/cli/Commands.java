package vmtool.cli;

import java.util.List;

/** vmtool's subcommands: each one's definition, and the reader of its arguments. */
final class Commands {
    private Commands() {
    }

    /** Every subcommand's definition, in the order help lists them. */
    static List<CommandDef> all() {
        return List.of(PmapCli.DEFINITION, TouchCli.DEFINITION, AnatomyCli.DEFINITION, WhereCli.DEFINITION,
                MapCli.DEFINITION, WatchCli.DEFINITION, DiffCli.DEFINITION);
    }

    /** The subcommands' names, for a message: {@code pmap, touch, anatomy, ...}. */
    static String names() {
        StringBuilder names = new StringBuilder();
        for (CommandDef def : all()) {
            names.append(names.length() == 0 ? "" : ", ").append(def.name());
        }
        return names.toString();
    }

    /** The reader of this subcommand's arguments, or null when it has none of its own (picocli runs it). */
    static GetoptCli cli(String name, Streams streams) {
        HelpPrinter help = new PicocliHelp(streams);
        return switch (name) {
            case "pmap" -> new PmapCli(streams, help);
            case "touch" -> new TouchCli(streams, help);
            case "anatomy" -> new AnatomyCli(streams, help);
            case "where" -> new WhereCli(streams, help);
            case "map" -> new MapCli(streams, help);
            case "watch" -> new WatchCli(streams, help);
            case "diff" -> new DiffCli(streams, help);
            default -> null;
        };
    }
}
