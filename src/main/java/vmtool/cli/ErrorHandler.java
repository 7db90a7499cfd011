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
        if (command != root || !(ex instanceof UnmatchedArgumentException unmatchedException)) {
            return ex.getMessage();
        }
        List<String> unmatched = unmatchedException.getUnmatched();
        String given = unmatched.isEmpty() ? null : unmatched.get(0);
        String commands = root.getSubcommands().entrySet().stream()
                .filter(entry -> !entry.getValue().getCommandSpec().usageMessage().hidden())
                .map(java.util.Map.Entry::getKey)
                .collect(Collectors.joining(", "));
        List<String> suggestions = unmatchedException.getSuggestions();
        String what = given == null ? ex.getMessage().replaceAll("\\.$", "")
                : given.startsWith("-") ? "'" + given + "' is not an option of vmtool"
                : "'" + given + "' is not a vmtool command";
        return what + "; the commands are " + commands
                + (suggestions.isEmpty() ? "" : " (did you mean '" + suggestions.get(0) + "'?)");
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine command, ParseResult parseResult) {
        if (ex instanceof ParameterException parameterException) {
            return handleParseException(parameterException, parseResult.originalArgs().toArray(new String[0]));
        }
        int internalErrorStatus = ExitCode.USAGE == command.getCommandSpec().exitCodeOnInvalidInput()
                ? ExitCode.TOUCH_FAILURE : ExitCode.PMAP_FAILURE;
        return Failure.report(command.getCommandSpec().qualifiedName(), ex, command.getErr(), internalErrorStatus);
    }
}
