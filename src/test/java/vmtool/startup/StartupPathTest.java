package vmtool.startup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import vmtool.JdkFlags;
import vmtool.cli.CommandLineFactory;

/**
 * The start-up rules of the short-lived commands, held by a test rather than by comments: a run of {@code pmap}
 * (and of the other commands that a script calls in a loop) loads no picocli class, spins no lambda and no other
 * invokedynamic bootstrap, loads Gson and JNA (and vmtool.nativeio, the facade in front of JNA) only when its output
 * needs them, loads Jackson only when it reads a JSON snapshot, and stays within a budget of loaded classes; {@code touch} loads JNA only for {@code --lock} and
 * {@code --hugepages}. Each case runs vmtool in a child JVM with {@code -Xlog:class+load} and reads what it loaded.
 *
 * <p>Why: picocli builds its model by reflection (several times a bare JVM's start-up); the first lambda or
 * indy concatenation costs a cold JVM milliseconds; every class is start-up time (docs/performance.md).
 */
@Tag("slow")
class StartupPathTest {
    /**
     * Measured on JDK 17 (2026-12-01) with a margin of about 10%: pmap -X of a small process loaded 560-600 classes
     * (the JDK's own start-up is about 450 of them).
     */
    private static final int CLASS_BUDGET = 700;
    /**
     * Reading a JSON snapshot (diff of two): 777 classes on JDK 17 (2026-12-02), against 599 with the hand-written
     * reader Jackson replaced. Of those 178, 76 are jackson-core's (its JsonFactory's methods name every parser and
     * generator, so the verifier loads them), some 50 the JDK's for opening jackson-core's jar on this test's class
     * path (vmtool.jar is open already), the rest the JDK classes Jackson's parser uses (BigInteger, BigDecimal,
     * AtomicReference with its VarHandles, a lock). On JDK 21 and later, opening that jar after start-up (its
     * ZipFile reads the central directory through a method handle constant) also spins the JDK's LambdaForms and
     * class-file classes: 989 on JDK 25. Through the shaded vmtool.jar, as users run it, neither happens: 764
     * classes on JDK 17, 839 on JDK 25 (2026-12-02, {@code -Xlog:class+load} of {@code java -cp vmtool.jar}).
     */
    private static final int SNAPSHOT_CLASS_BUDGET = Runtime.version().feature() == 17 ? 850 : 1050;
    /**
     * anatomy and where with JNA loaded for the ELF headers, measured 2026-12-06 through this test's class path
     * (where JNA's own jar is opened too): about 1,170 classes on JDK 17 and 1,320 on JDK 25, against some 650
     * without; a margin of about 10%. JNA's Native starts java.util.logging, with its lambdas, ServiceLoader and
     * System.Logger bridge: most of the difference.
     */
    private static final int NATIVE_CLASS_BUDGET = Runtime.version().feature() == 17 ? 1290 : 1450;
    /**
     * On JDK 17 nothing after vmtool.Main may touch java.lang.invoke: the JDK's own code on this path uses no lambda
     * there, so any would be vmtool's (an indy concatenation, a method reference). Later JDKs use lambdas inside the
     * classes vmtool calls (directory streams, zip files), so there only vmtool's own lambda classes are looked for.
     */
    private static final boolean STRICT_JDK = Runtime.version().feature() == 17;

    @ParameterizedTest(name = "vmtool {0}")
    @CsvSource({"pmap", "pmap -X", "pmap -x", "pmap -d", "pmap -XX -q"})
    void aShortRunLoadsNoPicocliNoLambdaAndFewClasses(String command) throws Exception {
        List<String> classes = loadedClasses(command);
        int main = classes.indexOf("vmtool.Main");
        assertThat(main).as("vmtool.Main loaded").isNotNegative();
        // The JDK's own start-up uses java.lang.invoke; after vmtool.Main, any of it means a lambda, a method
        // reference or an indy string concatenation on this path.
        List<String> afterMain = classes.subList(main, classes.size());

        assertCleanPath(command, classes, afterMain, "vmtool.pmap.");
    }

    /**
     * The version line, vmtool's and a command's, is read from version.properties without building picocli's
     * command tree (which tripled a --version run's time, ~140 ms against pmap's ~37 on JDK 17), and it is the line
     * picocli's own --version prints (generate-completion's).
     */
    @ParameterizedTest(name = "vmtool {0}")
    @CsvSource({"--version", "-V", "pmap --version", "touch -V"})
    void theVersionLoadsNoPicocli(String command) throws Exception {
        List<String> classes = loadedClasses(List.of(), List.of(command.split(" ")));
        List<String> afterMain = classes.subList(classes.indexOf("vmtool.Main"), classes.size());

        assertThat(afterMain).as("classes loaded by 'vmtool %s'", command).contains("vmtool.cli.Version")
                .noneMatch(name -> name.startsWith("picocli."));
        String version = vmtoolOut(List.of(command.split(" ")));
        assertThat(version).matches("vmtool [0-9][^\\s]*\n")
                .isEqualTo(vmtoolOut(List.of("generate-completion", "--version")));
    }

    /** What {@code vmtool ARGS} in a child JVM writes to standard output (its status 0). */
    private static String vmtoolOut(List<String> vmtoolArgs) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), "vmtool.Main"));
        args.addAll(vmtoolArgs);
        Process process = new ProcessBuilder(args).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("vmtool %s's status", vmtoolArgs).isZero();
        return out;
    }

    /** Writing a snapshot of a live process loads Gson (the writer) but not Jackson (the reader). */
    @Test
    void aLiveSnapshotLoadsNoJackson() throws Exception {
        List<String> classes = loadedClasses("pmap --json");

        assertThat(classes).as("classes loaded by 'vmtool pmap --json'").contains("vmtool.export.JsonSnapshot")
                .noneMatch(name -> name.startsWith("com.fasterxml.jackson."));
    }

    /**
     * Its own package's classes, none of picocli, lambdas, invoke, Gson, Jackson, JNA or nativeio after Main; within
     * the budget.
     */
    private static void assertCleanPath(String command, List<String> classes, List<String> afterMain,
                                        String ownPackage) {
        assertCleanPath(command, classes, afterMain, ownPackage, false);
    }

    /** The same, with Jackson when {@code readsSnapshot} (and then it must be loaded: the reader is Jackson's). */
    private static void assertCleanPath(String command, List<String> classes, List<String> afterMain,
                                        String ownPackage, boolean readsSnapshot) {
        if (readsSnapshot) {
            assertThat(afterMain).as("classes loaded by 'vmtool %s' after vmtool.Main", command)
                    .anyMatch(name -> name.startsWith("com.fasterxml.jackson.core."));
        } else {
            assertThat(afterMain).as("classes loaded by 'vmtool %s' after vmtool.Main", command)
                    .noneMatch(name -> name.startsWith("com.fasterxml.jackson."));
        }
        // Jackson's symbol tables and buffer recycler hold AtomicReferences, whose VarHandles are java.lang.invoke
        // classes from the JDK's shared archive: no bootstrap is spun for them (no LambdaForm, no lambda).
        List<String> invoking = readsSnapshot ? afterMain.stream().filter(name -> !isVarHandleSetup(name)).toList()
                : afterMain;
        assertThat(invoking).as("classes loaded by 'vmtool %s' after vmtool.Main", command)
                .anyMatch(name -> name.startsWith(ownPackage))
                .noneMatch(name -> name.startsWith("picocli."))
                .noneMatch(name -> name.startsWith("vmtool.") && name.contains("$$Lambda"))
                .noneMatch(name -> STRICT_JDK && (name.contains("$$Lambda") || name.startsWith("java.lang.invoke.")))
                .noneMatch(name -> name.startsWith("com.google.gson."))
                .noneMatch(name -> name.startsWith("com.sun.jna."))
                .noneMatch(name -> name.startsWith("vmtool.nativeio."));
        assertThat(classes.size()).as("classes loaded by 'vmtool %s'", command)
                .isLessThanOrEqualTo(readsSnapshot ? SNAPSHOT_CLASS_BUDGET : CLASS_BUDGET);
    }

    /** What the first use of an AtomicReference (or its array) loads: a VarHandle's own classes. */
    private static boolean isVarHandleSetup(String name) {
        return name.startsWith("java.lang.invoke.VarHandle") || name.equals("java.lang.invoke.VarForm")
                || name.startsWith("java.lang.invoke.MethodType") || name.startsWith("sun.invoke.util.Wrapper");
    }

    /**
     * diff of two saved copies of this JVM's smaps, and of two snapshots of it (read by Jackson's streaming parser,
     * without Gson): a record's own equals or hashCode, or a regex, would spin java.lang.runtime.ObjectMethods or
     * lambdas (some 100-180 classes), and Jackson's reading path must spin none either.
     */
    @ParameterizedTest(name = "vmtool diff of two {0}")
    @CsvSource({"smaps", "json"})
    void diffSpinsNoBootstrap(String format, @TempDir Path dir) throws Exception {
        Path file = dir.resolve("self." + format);
        if (format.equals("json")) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int status = CommandLineFactory.run(new String[] {"pmap", "--json",
                Long.toString(ProcessHandle.current().pid())}, out, OutputStream.nullOutputStream());
            assertThat(status).isZero();
            Files.write(file, out.toByteArray());
        } else {
            Files.write(file, Files.readAllBytes(Path.of("/proc/self/smaps")));
        }
        String command = "diff " + file + " " + file;
        List<String> classes = loadedClasses(List.of(), List.of("diff", file.toString(), file.toString()));
        List<String> afterMain = classes.subList(classes.indexOf("vmtool.Main"), classes.size());

        assertCleanPath(command, classes, afterMain, "vmtool.diff.", format.equals("json"));
    }

    /**
     * anatomy and where too: a script may call them once per process. where asks for [vsyscall]'s page. Both read
     * the ELF headers of the libraries that anonymous memory follows (this JVM has such), which only native calls
     * can do safely (vmtool.nativeio.ForeignFile: O_PATH, openat2, statx): so JNA loads, and with it its own
     * lambdas and java.util.logging. Up to the first nativeio class the path is as clean as pmap's; after it,
     * vmtool adds no lambda of its own, and the whole stays within {@link #NATIVE_CLASS_BUDGET}.
     */
    @ParameterizedTest(name = "vmtool {0}")
    @CsvSource({"anatomy, vmtool.anatomy.", "anatomy --detail, vmtool.anatomy.",
        "where PID ffffffffff600000, vmtool.where."})
    void anatomyAndWhereLoadNoPicocliNoLambdaAndFewClasses(String command, String ownPackage) throws Exception {
        List<String> classes = loadedClasses(command);
        int main = classes.indexOf("vmtool.Main");
        int nativeio = classes.indexOf("vmtool.nativeio.ForeignFile");
        assertThat(nativeio).as("'vmtool %s' reads ELF headers through vmtool.nativeio", command)
                .isGreaterThan(main);
        List<String> beforeNative = classes.subList(main, nativeio);
        List<String> afterMain = classes.subList(main, classes.size());

        assertThat(beforeNative).as("classes loaded by 'vmtool %s' after vmtool.Main, before nativeio", command)
                .anyMatch(name -> name.startsWith(ownPackage) || name.startsWith("vmtool.source."))
                .noneMatch(name -> name.startsWith("picocli."))
                .noneMatch(name -> name.contains("$$Lambda"))
                .noneMatch(name -> STRICT_JDK && name.startsWith("java.lang.invoke."))
                .noneMatch(name -> name.startsWith("com.sun.jna."));
        assertThat(afterMain).as("classes loaded by 'vmtool %s' after vmtool.Main", command)
                .anyMatch(name -> name.startsWith(ownPackage))
                .noneMatch(name -> name.startsWith("picocli."))
                .noneMatch(name -> name.startsWith("vmtool.") && name.contains("$$Lambda"))
                .noneMatch(name -> name.startsWith("com.google.gson."))
                .noneMatch(name -> name.startsWith("com.fasterxml.jackson."));
        assertThat(classes.size()).as("classes loaded by 'vmtool %s'", command)
                .isLessThanOrEqualTo(NATIVE_CLASS_BUDGET);
    }

    /**
     * ps, and the anatomy of several processes, spin no lambda and compile no regular expression: each read a line of
     * /proc with {@code split("\\s+")} (the System V segments, status's Uid line), whose Pattern is built of lambdas,
     * and ps's filters were a lambda: 4.6 and 2 ms of their runs (2026-12-06).
     */
    @ParameterizedTest(name = "vmtool {0}")
    @CsvSource({"ps", "anatomy PID PID"})
    void psAndSeveralProcessesSpinNoLambdaNorPattern(String command) throws Exception {
        List<String> classes = command.equals("ps") ? loadedClasses(List.of(), List.of("ps")) : loadedClasses(command);
        int main = classes.indexOf("vmtool.Main");
        assertThat(main).as("vmtool.Main loaded").isNotNegative();
        List<String> afterMain = classes.subList(main, classes.size());

        assertThat(afterMain).as("classes loaded by 'vmtool %s' after vmtool.Main", command)
                .anyMatch(name -> name.startsWith("vmtool.programs.") || name.startsWith("vmtool.sharing."))
                .noneMatch(name -> name.contains("$$Lambda"))
                .noneMatch(name -> name.startsWith("java.util.regex."))
                .noneMatch(name -> STRICT_JDK && name.startsWith("java.lang.invoke."));
    }

    /**
     * touch without --lock or --hugepages loads no JNA class. The verifier loads the classes a method catches along
     * with the method's class, so touch may catch none of JNA's (OffHeapBuffers once loaded LastErrorException so).
     * touch takes no pid, and it is long-lived, so it has no class budget here.
     */
    @Test
    void touchWithoutLockOrHugePagesLoadsNoJna() throws Exception {
        List<String> classes = loadedClasses(JdkFlags.forThisJdk(), List.of("touch", "16", "--seconds", "1"));

        assertThat(classes).as("classes loaded by 'vmtool touch 16 --seconds 1'")
                .contains("vmtool.touch.OffHeapBuffers").noneMatch(name -> name.startsWith("com.sun.jna."));
    }

    /**
     * Runs {@code vmtool ARGS $$} (this test JVM's own pid) in a child JVM and lists the classes it loaded; a word
     * {@code PID} in ARGS stands for that pid instead (for where, whose addresses come after it).
     */
    static List<String> loadedClasses(String command) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>();
        String pid = Long.toString(ProcessHandle.current().pid());
        List<String> words = List.of(command.split(" "));
        for (String word : words) {
            args.add(word.equals("PID") ? pid : word);
        }
        if (!words.contains("PID")) {
            args.add(pid);
        }
        return loadedClasses(List.of(), args);
    }

    /** Runs {@code java JVM_FLAGS vmtool.Main VMTOOL_ARGS} in a child JVM and lists the classes it loaded. */
    static List<String> loadedClasses(List<String> jvmFlags, List<String> vmtoolArgs)
            throws IOException, InterruptedException {
        String command = String.join(" ", vmtoolArgs);
        List<String> args = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:auto", "-Xlog:class+load=info:stdout"));
        args.addAll(jvmFlags);
        args.addAll(List.of("-cp", System.getProperty("java.class.path"), "vmtool.Main"));
        args.addAll(vmtoolArgs);
        Process process = new ProcessBuilder(args).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("vmtool %s ended", command).isTrue();
        assertThat(process.exitValue()).as("vmtool %s's status", command).isZero();
        List<String> classes = new ArrayList<>();
        for (String line : out.split("\n")) {
            // [0.012s][info][class,load] java.lang.Object source: shared objects file
            int tag = line.indexOf("[class,load] ");
            if (tag >= 0) {
                String rest = line.substring(tag + "[class,load] ".length());
                int space = rest.indexOf(' ');
                classes.add(space < 0 ? rest : rest.substring(0, space));
            }
        }
        return classes;
    }
}
