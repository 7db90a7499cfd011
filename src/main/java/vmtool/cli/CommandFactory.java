package vmtool.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

import picocli.CommandLine;

/**
 * Creates vmtool's commands with the streams they write to. The build's man page and completion generators
 * (picocli-codegen's ManPageGenerator, picocli's AutoComplete; see pom.xml) name this class with
 * {@code --factory}: they need the public no-argument constructor, and only read the command definitions.
 */
public final class CommandFactory implements CommandLine.IFactory {
    private final Streams streams;

    /** The process's standard output and error. */
    public CommandFactory() {
        this(new Streams(new FileOutputStream(FileDescriptor.out),
                new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.err),
                        StandardCharsets.UTF_8), true)));
    }

    CommandFactory(Streams streams) {
        this.streams = streams;
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
        if (type == PmapCommand.class) {
            return type.cast(new PmapCommand(streams));
        }
        if (type == TouchCommand.class) {
            return type.cast(new TouchCommand(streams));
        }
        return CommandLine.defaultFactory().create(type);
    }
}
