package vmtool.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/** picocli's two handlers, both reporting through {@link Failure}: one line on stderr and an exit status. */
final class ErrorHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine command = ex.getCommandLine();
        String name = command.getCommandSpec().qualifiedName();
        command.getErr().println(Failure.usageLine(name, ex.getMessage()));
        command.getErr().flush();
        return command.getCommandSpec().exitCodeOnInvalidInput();
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
