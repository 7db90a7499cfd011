package vmtool.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.Locale;

import vmtool.ExitCode;
import vmtool.output.Content;
import vmtool.output.Destination;
import vmtool.output.Destinations;
import vmtool.output.OutputFiles;
import vmtool.output.OutputRefused;

/**
 * An output FILE named on the command line ({@code map --html/--svg}): {@code -} and this process's descriptor 1
 * ({@code /dev/stdout}) are standard output; anything else is found by {@link Destinations} and written by
 * {@link OutputFiles}. A failure is one line and status 74.
 */
final class OutputFile {
    private OutputFile() {
    }

    /**
     * What {@code file} names.
     *
     * @throws VmtoolException with {@link ExitCode#OUTPUT_ERROR} when vmtool will not or cannot write there
     */
    static Destination destination(String file) {
        if (file.equals("-")) {
            return new Destination.StandardOutput();
        }
        try {
            return Destinations.forThisProcess().resolve(file);
        } catch (IOException e) {
            throw failure(file, e);
        }
    }

    /**
     * Writes {@code content} in UTF-8 to a destination other than standard output.
     *
     * @throws VmtoolException with {@link ExitCode#OUTPUT_ERROR} and one line saying why, when it cannot
     */
    static void write(String file, Destination destination, Content content) {
        try {
            OutputFiles.write(destination, content);
        } catch (IOException e) {
            throw failure(file, e);
        }
    }

    /**
     * Writes {@code content}'s bytes as they are to a destination other than standard output.
     *
     * @throws VmtoolException with {@link ExitCode#OUTPUT_ERROR} and one line saying why, when it cannot
     */
    static void writeBytes(String file, Destination destination, OutputFiles.ByteContent content) {
        try {
            OutputFiles.writeBytes(destination, content);
        } catch (IOException e) {
            throw failure(file, e);
        }
    }

    private static VmtoolException failure(String file, IOException e) {
        return new VmtoolException(ExitCode.OUTPUT_ERROR, "cannot write " + file + ": " + reason(e), e);
    }

    /** Why a file could not be written, in a few words (the system's, for what the JDK names by type). */
    static String reason(IOException e) {
        if (e instanceof OutputRefused) {
            return e.getMessage();
        }
        if (e instanceof NoSuchFileException) {
            return "no such directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason().toLowerCase(Locale.ROOT);
        }
        return String.valueOf(e.getMessage());
    }
}
