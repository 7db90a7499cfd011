package vmtool.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * GNU {@code getopt_long} over a subcommand's arguments, as procps pmap reads its own: short options that cluster
 * ({@code -xq}, {@code -A0x1000}), long options with {@code =} or the next argument, unique prefixes of long names
 * ({@code --ext}), operands anywhere (unless POSIXLY_CORRECT is set), {@code --} ending the options.
 *
 * <p>It exists so that a pmap or touch run never loads picocli, whose start-up (building its model by reflection)
 * costs several times a bare JVM's; picocli still renders {@code --help}, the man pages and the completion from the
 * commands' annotations, and CommandLineConsistencyTest holds the two option tables equal.
 */
final class Getopt {

    /**
     * One option, defined once: getopt reads it, and {@link PicocliSpecs} shows it in --help, the man page and the
     * completion.
     *
     * @param shortName   its letter, or 0 if none
     * @param longName    its long name without {@code --}, or null if none
     * @param argument    the label of its argument in help ({@code S}, {@code LOW[,HIGH]}), or null for a flag
     * @param description what it does, for help
     * @param hidden      left out of help (pmap's ignored {@code -r})
     * @param completion  what the shell's completion offers for its argument
     */
    record Option(char shortName, String longName, String argument, String description, boolean hidden,
                  Completion completion) {
        Option {
            if (argument == null && completion != Completion.NOTHING) {
                throw new IllegalArgumentException("a flag has no argument to complete: " + longName);
            }
        }

        static Option flag(char shortName, String longName) {
            return new Option(shortName, longName, null, "", false, Completion.NOTHING);
        }

        static Option withArgument(char shortName, String longName) {
            return new Option(shortName, longName, "ARG", "", false, Completion.NOTHING);
        }

        static Option flag(char shortName, String longName, String description) {
            return new Option(shortName, longName, null, description, false, Completion.NOTHING);
        }

        static Option withArgument(char shortName, String longName, String argument, String description) {
            return new Option(shortName, longName, argument, description, false, Completion.NOTHING);
        }

        /** The same option, left out of help. */
        Option hide() {
            return new Option(shortName, longName, argument, description, true, completion);
        }

        /** The same option, its argument completed with {@code offered}. */
        Option completes(Completion offered) {
            return new Option(shortName, longName, argument, description, hidden, offered);
        }

        boolean takesArgument() {
            return argument != null;
        }

        /** Its names as typed: {@code -x}, {@code --extended}, the short one first. */
        List<String> names() {
            List<String> names = new ArrayList<>();
            if (shortName != 0) {
                names.add("-" + shortName);
            }
            if (longName != null) {
                names.add("--" + longName);
            }
            return names;
        }

        /** How messages name it: the long name if there is one. */
        String display() {
            return longName != null ? "--" + longName : "-" + shortName;
        }
    }

    /** One option as given, with its argument (null for a flag). */
    record Occurrence(Option option, String argument) {
    }

    /**
     * What getopt made of the arguments: the options in the order given, the operands, and the error that
     * stopped it (null if none). Options before an error are kept: pmap acts on {@code -h} before a later error.
     */
    record Parsed(List<Occurrence> options, List<String> operands, String error) {
        Parsed {
            options = List.copyOf(options);
            operands = List.copyOf(operands);
        }

        /** Whether the option was given (a flag given twice is given). */
        boolean has(Option option) {
            for (Occurrence occurrence : options) {
                if (occurrence.option() == option) {
                    return true;
                }
            }
            return false;
        }

        /** The argument of the option's last occurrence, as getopt programs keep it; {@code otherwise} if none. */
        String last(Option option, String otherwise) {
            String value = otherwise;
            for (Occurrence occurrence : options) {
                if (occurrence.option() == option) {
                    value = occurrence.argument();
                }
            }
            return value;
        }
    }

    private final List<Option> table;

    Getopt(List<Option> table) {
        this.table = List.copyOf(table);
    }

    /**
     * Reads {@code args}. With {@code posixlyCorrect} (the POSIXLY_CORRECT environment variable, as glibc reads
     * it) the first operand ends the options.
     */
    Parsed parse(List<String> args, boolean posixlyCorrect) {
        Scan scan = new Scan(args);
        while (scan.error == null && scan.hasNext()) {
            String arg = scan.next();
            if (arg.equals("--")) {
                scan.operandsToTheEnd();
            } else if (!arg.startsWith("-") || arg.equals("-")) {
                scan.operands.add(arg);
                if (posixlyCorrect) {
                    scan.operandsToTheEnd();
                }
            } else if (arg.startsWith("--")) {
                readLong(arg.substring(2), scan);
            } else {
                readShort(arg, scan);
            }
        }
        return new Parsed(scan.options, scan.operands, scan.error);
    }

    /** Reads {@code --name[=value]}, the name perhaps a unique prefix. */
    private void readLong(String text, Scan scan) {
        int equals = text.indexOf('=');
        String name = equals < 0 ? text : text.substring(0, equals);
        Option found = null;
        List<Option> candidates = new ArrayList<>();
        for (Option option : table) {
            if (option.longName() == null) {
                continue;
            }
            if (option.longName().equals(name)) {
                found = option;
                break;
            }
            if (option.longName().startsWith(name)) {
                candidates.add(option);
            }
        }
        if (found == null && candidates.size() == 1) {
            found = candidates.get(0);
        }
        if (found == null) {
            scan.error = candidates.isEmpty() ? "unknown option '--" + name + "'"
                    : "option '--" + name + "' is ambiguous: it could be " + longNames(candidates);
        } else if (!found.takesArgument()) {
            if (equals >= 0) {
                scan.error = "option '--" + found.longName() + "' takes no argument";
            } else {
                scan.options.add(new Occurrence(found, null));
            }
        } else if (equals >= 0) {
            scan.options.add(new Occurrence(found, text.substring(equals + 1)));
        } else if (scan.hasNext()) {
            scan.options.add(new Occurrence(found, scan.next()));
        } else {
            scan.error = "option '--" + found.longName() + "' needs an argument";
        }
    }

    /** Reads a cluster such as {@code -xq} or {@code -A0x1000}: an option's argument is the rest, or the next one. */
    private void readShort(String arg, Scan scan) {
        for (int at = 1; at < arg.length(); at++) {
            char letter = arg.charAt(at);
            Option option = shortOption(letter);
            if (option == null) {
                scan.error = "unknown option '-" + letter + "'";
                return;
            }
            if (!option.takesArgument()) {
                scan.options.add(new Occurrence(option, null));
            } else if (at + 1 < arg.length()) {
                scan.options.add(new Occurrence(option, arg.substring(at + 1)));
                return;
            } else if (scan.hasNext()) {
                scan.options.add(new Occurrence(option, scan.next()));
                return;
            } else {
                scan.error = "option '-" + letter + "' needs an argument";
                return;
            }
        }
    }

    private Option shortOption(char letter) {
        for (Option option : table) {
            if (option.shortName() == letter && letter != 0) {
                return option;
            }
        }
        return null;
    }

    private static String longNames(List<Option> options) {
        StringBuilder names = new StringBuilder();
        for (Option option : options) {
            names.append(names.length() == 0 ? "" : ", ").append("--").append(option.longName());
        }
        return names.toString();
    }

    /** Where one parse is: the arguments left, what was found, the error that stopped it. */
    private static final class Scan {
        private final List<String> args;
        private int next;
        private final List<Occurrence> options = new ArrayList<>();
        private final List<String> operands = new ArrayList<>();
        private String error;

        Scan(List<String> args) {
            this.args = args;
        }

        boolean hasNext() {
            return next < args.size();
        }

        String next() {
            return args.get(next++);
        }

        void operandsToTheEnd() {
            operands.addAll(args.subList(next, args.size()));
            next = args.size();
        }
    }
}
