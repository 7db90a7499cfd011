package vmtool.cli;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** One run of vmtool as Main runs it (through CommandLineFactory.run): its exit status and both streams. */
record CommandRun(int status, String out, String err) {

    static CommandRun of(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = CommandLineFactory.run(args, out, err);
        return new CommandRun(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
