package vmtool.cli;

import java.util.List;
import java.util.stream.Collectors;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

import vmtool.ExitCode;

/** picocli's two handlers, both reporting through {@link Failure}: one line on stderr and an exit status. */
final class ErrorHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {
    /** Whether a failure's stack trace follows its line (VMTOOL_DEBUG is set). */
    private final boolean debug;

    ErrorHandler(boolean debug) {
        this.debug = debug;
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine command = ex.getCommandLine();
        String name = command.getCommandSpec().qualifiedName();
        command.getErr().println(Failure.usageLine(name, message(ex, command)));
        command.getErr().flush();
        return command.getCommandSpec().exitCodeOnInvalidInput();
    }

    /**
     * picocli's message, except where vmtool expected a command ({@code vmtool foo}, {@code vmtool --bogus},
     * {@code vmtool pmpa}): there, name the commands, and the nearest one when picocli finds it.
     */
    private static String message(ParameterException ex, CommandLine command) {
        CommandLine root = command;
        while (root.getParent() != null) {
            root = root.getParent();
        }
        String given;
        List<String> suggestions;
        if (command == root && ex instanceof UnmatchedArgumentException unmatchedException) {
            List<String> unmatched = unmatchedException.getUnmatched();
            given = unmatched.isEmpty() ? null : unmatched.get(0);
            suggestions = new java.util.ArrayList<>(unmatchedException.getSuggestions());
        } else if (command == root && ex.getArgSpec() == null && ex.getValue() != null
                && !root.getSubcommands().containsKey(ex.getValue())) {
            // "vmtool help foo": picocli's help command names the root and the word it did not know.
            given = ex.getValue();
            suggestions = new java.util.ArrayList<>();
        } else {
            return ex.getMessage();
        }
        String commands = root.getSubcommands().entrySet().stream()
                .filter(entry -> !entry.getValue().getCommandSpec().usageMessage().hidden())
                .map(java.util.Map.Entry::getKey)
                .collect(Collectors.joining(", "));
        if (given != null && !given.startsWith("-")) {
            // picocli suggests by common prefixes; a command whose letters are nearly those typed comes first.
            for (String name : root.getSubcommands().keySet()) {
                boolean near = letterDistance(given.toLowerCase(java.util.Locale.ROOT), name) <= 2;
                if (near && !suggestions.contains(name)) {
                    suggestions.add(name);
                }
            }
        }
        String what = given == null ? ex.getMessage().replaceAll("\\.$", "")
                : given.startsWith("-") ? "'" + given + "' is not an option of vmtool"
                : "'" + given + "' is not a vmtool command";
        return what + "; the commands are " + commands
                + (suggestions.isEmpty() ? "" : " (did you mean '" + nearest(given, suggestions) + "'?)");
    }

    /**
     * Of picocli's suggestions, the one made of the most nearly the same letters as what was typed, so that a swap
     * of two letters ({@code tuoch}) suggests {@code touch} rather than another command picocli ranks first.
     */
    private static String nearest(String given, List<String> suggestions) {
        String best = suggestions.get(0);
        int bestDistance = Integer.MAX_VALUE;
        for (String suggestion : suggestions) {
            int distance = letterDistance(given == null ? "" : given.toLowerCase(java.util.Locale.ROOT), suggestion);
            if (distance < bestDistance) {
                best = suggestion;
                bestDistance = distance;
            }
        }
        return best;
    }

    /** How many letters one word has that the other lacks, counted with repeats, in both directions. */
    private static int letterDistance(String a, String b) {
        char[] left = a.toCharArray();
        char[] right = b.toCharArray();
        java.util.Arrays.sort(left);
        java.util.Arrays.sort(right);
        int i = 0;
        int j = 0;
        int common = 0;
        while (i < left.length && j < right.length) {
            if (left[i] == right[j]) {
                common++;
                i++;
                j++;
            } else if (left[i] < right[j]) {
                i++;
            } else {
                j++;
            }
        }
        return left.length + right.length - 2 * common;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine command, ParseResult parseResult) {
        if (ex instanceof ParameterException parameterException) {
            return handleParseException(parameterException, parseResult.originalArgs().toArray(new String[0]));
        }
        // picocli runs only vmtool itself, help and the completion script, and the commands' --help.
        String name = command.getCommandSpec().name();
        return Failure.report(command.getCommandSpec().qualifiedName(), ex, command.getErr(),
                new Failure.Statuses(ExitCode.internalError(name), ExitCode.writeFailure(name),
                        ExitCode.internalError(name)), debug);
    }
}
