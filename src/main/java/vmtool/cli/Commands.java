package vmtool.cli;

import java.util.List;

/** vmtool's subcommands: each one's definition, and the reader of its arguments. */
final class Commands {
    private Commands() {
    }

    /** Every subcommand's definition, in the order help lists them. */
    static List<CommandDef> all() {
        return List.of(PmapCli.DEFINITION, TouchCli.DEFINITION, AnatomyCli.DEFINITION, WhereCli.DEFINITION,
                PagesCli.DEFINITION, MapCli.DEFINITION, WatchCli.DEFINITION, DiffCli.DEFINITION, PsCli.DEFINITION,
                ShareCli.DEFINITION);
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
    static GetoptCli cli(String name, Context context) {
        HelpPrinter help = new PicocliHelp(context);
        return switch (name) {
            case "pmap" -> new PmapCli(context, help);
            case "touch" -> new TouchCli(context, help);
            case "anatomy" -> new AnatomyCli(context, help);
            case "where" -> new WhereCli(context, help);
            case "pages" -> new PagesCli(context, help);
            case "map" -> new MapCli(context, help);
            case "watch" -> new WatchCli(context, help);
            case "diff" -> new DiffCli(context, help);
            case "ps" -> new PsCli(context, help);
            case "share" -> new ShareCli(context, help);
            default -> null;
        };
    }
}
