package vmtool.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The one place that turns a failure into a line on stderr and an exit status.
 * A stack trace is printed only when VMTOOL_DEBUG is set: a user error is never a crash.
 */
final class ErrorHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine command = ex.getCommandLine();
        String name = command.getCommandSpec().qualifiedName();
        String message = ex.getMessage();
        command.getErr().println(name + ": " + lowerFirst(message)
                + " (see '" + name + " --help')");
        command.getErr().flush();
        return command.getCommandSpec().exitCodeOnInvalidInput();
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine command, ParseResult parseResult) {
        String name = command.getCommandSpec().qualifiedName();
        if (ex instanceof VmtoolException vmtoolException) {
            if (vmtoolException.getMessage() != null && !vmtoolException.getMessage().isEmpty()) {
                command.getErr().println(name + ": " + vmtoolException.getMessage());
            }
            debugTrace(ex, command);
            command.getErr().flush();
            return vmtoolException.exitCode();
        }
        if (isBrokenPipe(ex)) {
            // The reader went away (vmtool pmap ... | head): stop quietly, as a C tool killed by SIGPIPE does.
            return ExitCode.BROKEN_PIPE;
        }
        if (ex instanceof ParameterException parameterException) {
            return handleParseException(parameterException, parseResult.originalArgs().toArray(new String[0]));
        }
        command.getErr().println(name + ": internal error: " + ex
                + " (please report it; set VMTOOL_DEBUG=1 for the stack trace)");
        debugTrace(ex, command);
        command.getErr().flush();
        return ExitCode.USAGE == command.getCommandSpec().exitCodeOnInvalidInput()
                ? ExitCode.TOUCH_FAILURE : ExitCode.PMAP_FAILURE;
    }

    private static boolean isBrokenPipe(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof java.io.IOException && String.valueOf(t.getMessage()).contains("Broken pipe")) {
                return true;
            }
        }
        return false;
    }

    private static void debugTrace(Exception ex, CommandLine command) {
        if (System.getenv("VMTOOL_DEBUG") != null) {
            ex.printStackTrace(command.getErr());
        }
    }

    private static String lowerFirst(String message) {
        if (message == null || message.isEmpty()) {
            return "invalid input";
        }
        return Character.toLowerCase(message.charAt(0)) + message.substring(1);
    }
}
