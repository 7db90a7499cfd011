package vmtool.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import vmtool.DiesWithTheJvm;
import vmtool.cli.CommandLineFactory;
import vmtool.JdkFlags;

/**
 * Runs the shell examples of the documentation, so that the docs cannot drift from the tool.
 *
 * <p>An example is a line {@code $ vmtool ...} or {@code $ scripts/vmtool ...} inside a fenced code block of
 * README.md or docs/**&#47;*.md; the lines after it, up to the next {@code $ } line or the end of the block, are
 * its documented output (stdout and stderr together, as a terminal shows them; a line {@code ...} marks a cut).
 * Each example becomes one dynamic test, named FILE:LINE, that runs it here and checks the <em>shape</em> of the
 * output against the documented one (the numbers, addresses and pids of another machine and moment are not compared):
 * <ul>
 * <li>the first line: the first three words, digits and hex addresses abstracted (for {@code pmap}, only the first word
 *     {@code PID:}, since the documented process may be another program);</li>
 * <li>the last line (unless the output ends with {@code ...} or is cut by {@code | head}): its first and last words;</li>
 * <li>a column header line ({@code Address ...}) in the documented output: the same columns, in order, apart from the
 *     smaps fields that depend on the kernel or the CPU ({@link #KERNEL_DEPENDENT});</li>
 * <li>{@code --json}: stdout is one JSON object with the same keys as the documented one;</li>
 * <li>{@code | head -N} / {@code | tail -N} (the only pipes understood): applied here; without a {@code ...} the
 *     documented and actual line counts must agree;</li>
 * <li>the exit status, when the line's comment says {@code exit N} (e.g. {@code $ vmtool pmap abc   # exit 1}).</li>
 * </ul>
 *
 * <p>How it runs them: {@code pmap} (and every other subcommand but {@code touch}) in-process, through
 * {@link CommandLineFactory#run}; {@code touch} in a child JVM from the test classpath (it installs signal handlers),
 * with the size capped at 64 MiB and {@code --seconds} at 1 (added when missing). A PID argument of {@code pmap} (a
 * number, {@code PID}, {@code /proc/NUMBER} or {@code /proc/PID}) becomes the pid of a {@code sleep 600} this test
 * starts, except when the documented exit status is 42 or 43 (a PID that is meant not to exist); so does the first
 * operand of {@code anatomy} and {@code where} (unless the documented status is 4).
 *
 * <p><b>Not run, explicitly:</b> an example whose line ends with a comment containing {@code not run}
 * (e.g. {@code $ vmtool pmap -n   # not run: writes ~/.pmaprc}) is reported as skipped (aborted), never silently
 * left out. Use it for examples that cannot run on a build machine (another user's process, root, huge sizes that
 * must not be capped, files written to $HOME). Any other pipe or an rc-file-writing option without that marker fails.
 *
 * <p><b>Captured output:</b> an {@code anatomy}, {@code where}, {@code watch}, {@code ps}, {@code share} or {@code pages} example
 * inside a lab guide's include region ({@code <!-- include: output/NAME.txt -->} ... {@code <!-- end include -->}) is
 * reported as skipped too: it is the real output of a process that scripts/lab-output started (va, python3, a JVM, a
 * touch run being zeroed, the lab's program of several processes), which a {@code sleep} cannot stand in for, and {@link LabIncludesTest} checks that the block is exactly the
 * capture.
 */
@Tag("slow")
class DocExamplesTest {
    /** smaps fields that a kernel or CPU may or may not have: not compared in -X/-XX column headers. */
    static final Set<String> KERNEL_DEPENDENT = Set.of("Pss_Dirty", "KSM", "LazyFree", "ShmemPmdMapped",
            "FilePmdMapped", "THPeligible", "ProtectionKey", "Pss_Anon", "Pss_File", "Pss_Shmem", "SwapPss",
            "Shared_Hugetlb", "Private_Hugetlb", "AnonHugePages", "KernelPageSize", "MMUPageSize", "Locked",
            "VmFlags");
    static final String NOT_RUN = "not run";
    static final int MAX_MB = 64;
    static final int MAX_SECONDS = 1;

    private static final Pattern EXAMPLE = Pattern.compile("^\\s*\\$ ((?:scripts/)?vmtool(?:\\s.*)?)$");
    private static final Pattern EXIT = Pattern.compile("\\bexit (\\d+)\\b");
    private static final Pattern PID_ARG = Pattern.compile("\\d+|PID|/proc/(\\d+|PID)");

    private static Process sleeper;

    /** One documented example. */
    record Example(Path file, int line, String commandLine, String comment, List<String> expected,
            boolean captured) {

        String name() {
            return root().relativize(file) + ":" + line + ": $ " + commandLine
                    + (comment.isEmpty() ? "" : "   # " + comment);
        }

        Integer expectedExit() {
            Matcher matcher = EXIT.matcher(comment);
            return matcher.find() ? Integer.valueOf(matcher.group(1)) : null;
        }
    }

    /** What running an example gave. */
    record Result(int status, String stdout, String combined) {
    }

    @BeforeAll
    static void startSleeper() throws IOException {
        sleeper = DiesWithTheJvm.start(new ProcessBuilder("sleep", "600").redirectErrorStream(true));
    }

    @AfterAll
    static void stopSleeper() {
        if (sleeper != null) {
            sleeper.destroyForcibly();
        }
    }

    static Path root() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("pom.xml"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no pom.xml above " + System.getProperty("user.dir"));
        }
        return dir;
    }

    static List<Path> markdownFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        Path readme = root().resolve("README.md");
        if (Files.exists(readme)) {
            files.add(readme);
        }
        Path docs = root().resolve("docs");
        if (Files.isDirectory(docs)) {
            try (Stream<Path> walk = Files.walk(docs)) {
                walk.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
            }
        }
        return files;
    }

    /** The examples of one Markdown file, in order. */
    static List<Example> examples(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<Example> examples = new ArrayList<>();
        boolean inFence = false;
        boolean inInclude = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!inFence && line.startsWith("<!-- include:")) {
                inInclude = true;
            } else if (!inFence && line.equals("<!-- end include -->")) {
                inInclude = false;
            }
            if (line.strip().startsWith("```")) {
                inFence = !inFence;
                continue;
            }
            Matcher matcher = EXAMPLE.matcher(line);
            if (!inFence || !matcher.matches()) {
                continue;
            }
            String[] commandAndComment = splitComment(matcher.group(1));
            List<String> expected = new ArrayList<>();
            for (int j = i + 1; j < lines.size(); j++) {
                String next = lines.get(j);
                if (next.strip().startsWith("```") || next.stripLeading().startsWith("$ ")) {
                    break;
                }
                expected.add(next);
            }
            examples.add(new Example(file, i + 1, commandAndComment[0].strip(), commandAndComment[1], expected,
                    inInclude));
        }
        return examples;
    }

    /** Splits "cmd args   # comment" at the first # that starts a word outside quotes. */
    static String[] splitComment(String text) {
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '#' && (i == 0 || Character.isWhitespace(text.charAt(i - 1)))) {
                return new String[] {text.substring(0, i), text.substring(i + 1).strip()};
            }
        }
        return new String[] {text, ""};
    }

    /** Shell words (single and double quotes, no expansion); a bare | is its own word. */
    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                word = word == null ? new StringBuilder() : word;
            } else if (Character.isWhitespace(c) || c == '|') {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
                if (c == '|') {
                    words.add("|");
                }
            } else {
                word = word == null ? new StringBuilder() : word;
                word.append(c);
            }
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }

    @Test
    void theDocsHaveExamples() throws IOException {
        List<Example> all = new ArrayList<>();
        for (Path file : markdownFiles()) {
            all.addAll(examples(file));
        }
        assertThat(all).as("examples found in README.md and docs/").hasSizeGreaterThan(5);
        assertThat(all).as("every example shows some output").allSatisfy(e ->
                assertThat(e.expected().stream().anyMatch(l -> !l.isBlank()))
                        .as(e.name()).isTrue());
    }

    @Test
    void parsing() {
        assertThat(splitComment("vmtool pmap abc          # exit 1")).containsExactly("vmtool pmap abc          ", "exit 1");
        assertThat(words("vmtool pmap -x -q 20674 | head -4"))
                .containsExactly("vmtool", "pmap", "-x", "-q", "20674", "|", "head", "-4");
        assertThat(words("vmtool pmap -A 'a b'")).containsExactly("vmtool", "pmap", "-A", "a b");
    }

    @TestFactory
    Stream<DynamicTest> everyExample() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path file : markdownFiles()) {
            for (Example example : examples(file)) {
                tests.add(DynamicTest.dynamicTest(example.name(), file.toUri(), () -> check(example)));
            }
        }
        return tests.stream();
    }

    static void check(Example example) throws Exception {
        Assumptions.assumeFalse(example.comment().contains(NOT_RUN),
                () -> "marked '# " + NOT_RUN + "' in the docs: " + example.name());

        List<String> words = words(example.commandLine());
        boolean describesAnother = words.size() > 1 && List.of("anatomy", "where", "watch", "ps", "share", "pages").contains(words.get(1));
        Assumptions.assumeFalse(example.captured() && describesAnother,
                () -> "captured output of a process scripts/lab-output started (LabIncludesTest checks it): "
                        + example.name());
        int bar = words.indexOf("|");
        List<String> args = new ArrayList<>(words.subList(1, bar < 0 ? words.size() : bar));
        List<String> pipe = bar < 0 ? List.of() : words.subList(bar + 1, words.size());

        Integer expectedExit = example.expectedExit();
        Result result = run(args, expectedExit);

        String[] actualLines = result.combined().isEmpty() ? new String[0] : result.combined().split("\n", -1);
        List<String> actual = new ArrayList<>(Arrays.asList(actualLines));
        if (!actual.isEmpty() && actual.get(actual.size() - 1).isEmpty()) {
            actual.remove(actual.size() - 1);
        }
        actual = applyPipe(pipe, actual, example);

        String context = example.name() + "\n--- documented:\n" + String.join("\n", example.expected())
                + "\n--- actual (status " + result.status() + "):\n" + String.join("\n", actual);

        if (expectedExit != null) {
            assertThat(result.status()).as("exit status of " + context).isEqualTo(expectedExit);
        }

        List<String> expected = example.expected().stream()
                .filter(l -> !l.isBlank())
                .collect(Collectors.toList());
        boolean cut = expected.stream().anyMatch(l -> l.strip().equals("..."));
        List<String> documented = expected.stream().filter(l -> !l.strip().equals("...")).collect(Collectors.toList());
        assertThat(actual).as("output of " + context).isNotEmpty();

        boolean pmap = !args.isEmpty() && args.get(0).equals("pmap");
        int firstWords = pmap ? 1 : 3;
        assertThat(shape(actual.get(0), firstWords)).as("first line of " + context)
                .isEqualTo(shape(documented.get(0), firstWords));

        boolean endsCut = expected.get(expected.size() - 1).strip().equals("...");
        boolean headCut = !pipe.isEmpty() && pipe.get(0).equals("head");
        if (!endsCut && !headCut && documented.size() > 1) {
            assertThat(edgeShape(actual.get(actual.size() - 1))).as("last line of " + context)
                    .isEqualTo(edgeShape(documented.get(documented.size() - 1)));
        }
        if (!pipe.isEmpty() && !cut) {
            assertThat(actual).as("line count of " + context).hasSameSizeAs(documented);
        }

        for (String line : documented) {
            List<String> columns = words(line);
            if (pmap && columns.size() > 2 && columns.get(0).equals("Address")) {
                String header = actual.stream().filter(l -> l.strip().startsWith("Address ")).findFirst()
                        .orElseGet(() -> fail("no column header line in the output of " + context));
                assertThat(stableColumns(words(header))).as("columns of " + context)
                        .isEqualTo(stableColumns(columns));
            }
        }

        if (args.contains("--json")) {
            JsonElement documentedJson = JsonParser.parseString(documented.get(0));
            JsonElement actualJson = JsonParser.parseString(result.stdout().strip());
            assertThat(actualJson.isJsonObject()).as("--json gives one JSON object: " + context).isTrue();
            assertThat(actualJson.getAsJsonObject().keySet()).as("JSON keys of " + context)
                    .isEqualTo(documentedJson.getAsJsonObject().keySet());
        }
    }

    static List<String> applyPipe(List<String> pipe, List<String> lines, Example example) {
        if (pipe.isEmpty()) {
            return lines;
        }
        String tool = pipe.get(0);
        int n = 10;
        if (pipe.size() == 2 && pipe.get(1).matches("-n?\\d+")) {
            n = Integer.parseInt(pipe.get(1).replaceAll("\\D", ""));
        } else if (pipe.size() == 3 && pipe.get(1).equals("-n") && pipe.get(2).matches("\\d+")) {
            n = Integer.parseInt(pipe.get(2));
        } else if (pipe.size() != 1) {
            tool = "?";
        }
        switch (tool) {
            case "head":
                return lines.subList(0, Math.min(n, lines.size()));
            case "tail":
                return lines.subList(Math.max(0, lines.size() - n), lines.size());
            default:
                return fail("%s: only '| head -N' and '| tail -N' can be run here; mark the line '# %s'",
                        example.name(), NOT_RUN);
        }
    }

    /** The first {@code n} words of a line, each with its numbers and addresses abstracted. */
    static List<String> shape(String line, int n) {
        return words(line).stream().limit(n).map(DocExamplesTest::abstractWord).collect(Collectors.toList());
    }

    /** The first and last words of a line, abstracted. */
    static List<String> edgeShape(String line) {
        List<String> words = words(line);
        if (words.isEmpty()) {
            return List.of();
        }
        return List.of(abstractWord(words.get(0)), abstractWord(words.get(words.size() - 1)));
    }

    static String abstractWord(String word) {
        if (word.matches("(0x)?[0-9a-f]{8,}")) {
            return "ADDRESS";
        }
        return word.replaceAll("0x[0-9a-f]+", "ADDRESS").replaceAll("\\d+(\\.\\d+)?", "N");
    }

    static List<String> stableColumns(List<String> columns) {
        return columns.stream().filter(c -> !KERNEL_DEPENDENT.contains(c)).collect(Collectors.toList());
    }

    static Result run(List<String> args, Integer expectedExit) throws Exception {
        if (!args.isEmpty() && args.get(0).equals("touch")) {
            return runTouch(args);
        }
        List<String> given = new ArrayList<>(args);
        if (!given.isEmpty() && given.get(0).equals("pmap")) {
            boolean pidMeantMissing = expectedExit != null && (expectedExit == 42 || expectedExit == 43);
            for (int i = 1; i < given.size(); i++) {
                String arg = given.get(i);
                if (arg.matches("-[a-zA-Z]*[nN].*|--create-rc.*")) {
                    fail("'vmtool %s' writes an rc file: mark the line '# %s'", String.join(" ", args), NOT_RUN);
                }
                if (arg.equals("-A") || arg.equals("-C") || arg.equals("--range") || arg.equals("--read-rc-from")) {
                    i++;
                    continue;
                }
                if (!pidMeantMissing && PID_ARG.matcher(arg).matches()) {
                    given.set(i, arg.startsWith("/proc/") ? "/proc/" + sleeper.pid() : Long.toString(sleeper.pid()));
                }
            }
        }
        if (!given.isEmpty() && (given.get(0).equals("anatomy") || given.get(0).equals("where"))) {
            // Their PID is the first operand (where's later operands are addresses); none with --file.
            for (int i = 1; i < given.size(); i++) {
                if (given.get(i).equals("--file")) {
                    break;
                }
                if (!given.get(i).startsWith("-")) {
                    if (PID_ARG.matcher(given.get(i)).matches() && (expectedExit == null || expectedExit != 4)) {
                        given.set(i, given.get(i).startsWith("/proc/") ? "/proc/" + sleeper.pid()
                                : Long.toString(sleeper.pid()));
                    }
                    break;
                }
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = CommandLineFactory.run(given.toArray(String[]::new), out, err);
        String stdout = out.toString(StandardCharsets.UTF_8);
        return new Result(status, stdout, stdout + err.toString(StandardCharsets.UTF_8));
    }

    /** touch in a child JVM, capped at 64 MiB and 1 s; stdout and stderr merged, as on a terminal. */
    static Result runTouch(List<String> args) throws Exception {
        List<String> capped = new ArrayList<>(args);
        boolean seconds = false;
        boolean sized = false;
        boolean help = false;
        for (int i = 1; i < capped.size(); i++) {
            String arg = capped.get(i);
            if (arg.equals("--seconds") && i + 1 < capped.size()) {
                seconds = true;
                capped.set(i + 1, capNumber(capped.get(i + 1), MAX_SECONDS));
                i++;
            } else if (arg.startsWith("--seconds=")) {
                seconds = true;
                capped.set(i, "--seconds=" + capNumber(arg.substring("--seconds=".length()), MAX_SECONDS));
            } else if (arg.equals("--interval") || arg.equals("--mode") || arg.equals("--threads")) {
                i++;
            } else if (arg.equals("-h") || arg.equals("--help") || arg.equals("-V") || arg.equals("--version")) {
                help = true;
            } else if (!sized && arg.matches("\\d+")) {
                sized = true;
                capped.set(i, capNumber(arg, MAX_MB));
            }
        }
        if (!seconds && !help) {
            capped.add("--seconds");
            capped.add(Integer.toString(MAX_SECONDS));
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-Xmx64m", "-XX:MaxDirectMemorySize=" + (MAX_MB * 2) + "m",
                "-cp", System.getProperty("java.class.path"), "vmtool.Main"));
        command.addAll(1, JdkFlags.forThisJdk());
        command.addAll(capped);
        Path stdoutFile = Files.createTempFile("doc-example-touch", ".out");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(stdoutFile.toFile()).start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                fail("vmtool %s did not end within 60 s", String.join(" ", capped));
            }
            String output = Files.readString(stdoutFile, StandardCharsets.UTF_8);
            // stdout and stderr are merged here; with --json, stderr is empty when all goes well.
            return new Result(process.exitValue(), output, output);
        } finally {
            Files.deleteIfExists(stdoutFile);
        }
    }

    static String capNumber(String value, int max) {
        return value.matches("\\d+") && Long.parseLong(value) > max ? Integer.toString(max) : value;
    }
}
