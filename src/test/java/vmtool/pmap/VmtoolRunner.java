package vmtool.pmap;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import vmtool.ChildVmtool;
import vmtool.cli.CommandLineFactory;

/** Runs `vmtool pmap ARGS`: in this JVM (as Main does), or in a child JVM when the environment must differ. */
public final class VmtoolRunner {
    private VmtoolRunner() {
    }

    /**
     * Set -Dvmtool.difftest.selfcheck=true to run /usr/bin/pmap where vmtool would run: the harness then checks
     * itself (helpers quiet, comparisons stable); only the tests of vmtool's own deliberate differences and
     * of its stderr should fail.
     */
    static final boolean SELF_CHECK = Boolean.getBoolean("vmtool.difftest.selfcheck");

    static RunResult inProcess(List<String> pmapArgs) {
        if (SELF_CHECK) {
            return ReferencePmap.run(pmapArgs);
        }
        List<String> args = new ArrayList<>();
        args.add("pmap");
        args.addAll(pmapArgs);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = CommandLineFactory.run(args.toArray(new String[0]), out, err);
        return new RunResult(status, out.toByteArray(), err.toByteArray());
    }

    /**
     * Runs vmtool.Main in a child JVM ({@link ChildVmtool}) with extra environment variables, and with a command
     * prefix (e.g. setpriv to drop privileges).
     */
    static RunResult childJvm(List<String> prefix, Map<String, String> env, Path workDir, List<String> pmapArgs) {
        List<String> command = new ArrayList<>(prefix);
        if (SELF_CHECK) {
            command.add(ReferencePmap.BINARY.toString());
            command.addAll(pmapArgs);
            return Processes.runToEnd(command, env, workDir);
        }
        List<String> args = new ArrayList<>();
        args.add("pmap");
        args.addAll(pmapArgs);
        command.addAll(ChildVmtool.command(List.of(), args));
        return Processes.runToEnd(command, env, workDir);
    }
}
