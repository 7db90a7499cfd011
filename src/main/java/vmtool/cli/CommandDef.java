package vmtool.cli;

import java.util.List;

/**
 * A subcommand's interface, defined once: {@link Getopt} reads its arguments from {@link #options()}, and
 * {@link PicocliSpecs} builds from the whole record the picocli model that renders --help, the man page and the
 * completion. Plain data, so that a run that parses arguments loads nothing of picocli. Its exit statuses are in
 * {@link vmtool.ExitCode#TABLE}, under its name, for help and the docs alike.
 *
 * @param name         the subcommand's name
 * @param description  paragraphs for --help and the man page; the first begins with what the command does, up to
 *                     its first colon ({@link #summary()})
 * @param options      its options as getopt reads them, in the order help lists them, {@code -h} and {@code -V}
 *                     ({@link GetoptCli#HELP}, {@link GetoptCli#VERSION}) among them
 * @param operands     its operands, in order
 * @param examples     lines of examples, each a command and what it does
 */
record CommandDef(String name, List<String> description, List<Getopt.Option> options,
                  List<Operand> operands, List<String> examples) {
    CommandDef {
        description = List.copyOf(description);
        options = List.copyOf(options);
        operands = List.copyOf(operands);
        examples = List.copyOf(examples);
    }

    /**
     * What the command does, in a line or two: the first paragraph up to its first colon (or the whole paragraph).
     * The root's command list and the man page's NAME show it; the whole description is the command's own.
     */
    String summary() {
        String first = description.get(0);
        int colon = first.indexOf(": ");
        return colon < 0 ? first : first.substring(0, colon) + ".";
    }

    /**
     * An operand.
     *
     * @param label       as help shows it ({@code PID}, {@code MB})
     * @param arity       picocli's arity: {@code 1}, {@code 0..1}, {@code 1..*}
     * @param description what it is
     * @param completion  what the shell's completion offers for it
     */
    record Operand(String label, String arity, String description, Completion completion) {
    }

}
