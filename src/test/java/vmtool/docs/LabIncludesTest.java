package vmtool.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.w3c.dom.Document;

/**
 * The lab guide's include markers: every block between {@code <!-- include: output/NAME.txt [lines=SPEC] -->} and
 * {@code <!-- end include -->} in docs/labs/*.md is exactly what the include rule gives from docs/labs/output/NAME.txt,
 * so that a capture and the page that shows it cannot be changed one without the other.
 *
 * <p>The rule (docs/labs/README.md, "Include markers") is spelled here again, independently of scripts/lab-includes,
 * which applies it: a fenced block of the file's lines (line 1, {@code # DATE, Linux ...: $ COMMAND}, shown as
 * {@code $ COMMAND}; with {@code lines=}, only the lines selected, a {@code ...} line for each run left out except
 * the header alone), a blank line, and {@code (`docs/labs/output/NAME.txt`, captured DATE, Linux ....)}.
 */
class LabIncludesTest {

    private static final Pattern MARKER = Pattern.compile("<!-- include: (\\S+)(?: lines=(.+))? -->");
    private static final String END = "<!-- end include -->";
    private static final Pattern ITEM = Pattern.compile("/(.+)/(?:\\+(\\d+))?|-(\\d+)|(\\d+)(?:-(\\d+))?");
    private static final Pattern PICTURE = Pattern.compile("!\\[[^\\]]*\\]\\((output/[^)\\s]+\\.svg)\\)");

    /** One marked region: where, the marker's file and spec, and the lines between the markers. */
    record Region(Path doc, int line, String file, String spec, List<String> body) {
        @Override
        public String toString() {
            return DocExamplesTest.root().relativize(doc) + ":" + line + " (" + file
                    + (spec == null ? "" : " lines=" + spec) + ")";
        }
    }

    @TestFactory
    Stream<DynamicTest> everyIncludeMatchesItsCapture() throws IOException {
        Path labs = DocExamplesTest.root().resolve("docs/labs");
        List<Region> regions = new ArrayList<>();
        try (Stream<Path> files = Files.list(labs)) {
            for (Path doc : files.filter(p -> p.toString().endsWith(".md")).sorted().collect(Collectors.toList())) {
                regions.addAll(regions(doc, Files.readAllLines(doc, StandardCharsets.UTF_8)));
            }
        }
        assertThat(regions).as("include markers in docs/labs/*.md").isNotEmpty();
        return regions.stream().map(r -> DynamicTest.dynamicTest(r.toString(), () -> {
            List<String> capture = Files.readAllLines(labs.resolve(r.file()), StandardCharsets.UTF_8);
            assertThat(String.join("\n", r.body()))
                    .as("%s: the block differs from docs/labs/%s (run scripts/lab-includes, or scripts/lab-output to "
                            + "capture afresh)", r, r.file())
                    .isEqualTo(String.join("\n", expand(r.file(), r.spec(), capture)));
        }));
    }

    /**
     * The pictures ({@code ![...](output/NAME.svg)}) cannot carry a header line, so scripts/lab-output writes it into
     * their {@code <desc>}: every picture a page shows is in output/, is well-formed XML, and its {@code <desc>} is
     * the capture header of the command that drew that very file; every picture in output/ is shown by some page.
     */
    @Test
    void everyPictureIsACaptureAndIsShown() throws Exception {
        Path labs = DocExamplesTest.root().resolve("docs/labs");
        Set<String> shown = new TreeSet<>();
        try (Stream<Path> files = Files.list(labs)) {
            for (Path doc : files.filter(p -> p.toString().endsWith(".md")).collect(Collectors.toList())) {
                Matcher m = PICTURE.matcher(Files.readString(doc, StandardCharsets.UTF_8));
                while (m.find()) {
                    shown.add(m.group(1));
                }
            }
        }
        Set<String> drawn;
        try (Stream<Path> files = Files.list(labs.resolve("output"))) {
            drawn = files.map(p -> "output/" + p.getFileName()).filter(name -> name.endsWith(".svg"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertThat(shown).as("pictures shown by docs/labs/*.md").isNotEmpty();
        assertThat(shown).as("pictures shown by docs/labs/*.md, and the pictures in docs/labs/output/")
                .isEqualTo(drawn);
        for (String file : shown) {
            Document svg = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(labs.resolve(file).toFile());
            assertThat(svg.getElementsByTagName("desc").getLength()).as("%s has a <desc>", file).isPositive();
            assertThat(svg.getElementsByTagName("desc").item(0).getTextContent())
                    .as("%s: its <desc> is the header of the command that drew it", file)
                    .matches("# .+, Linux .+: \\$ scripts/vmtool map .*--svg docs/labs/"
                            + Pattern.quote(file));
        }
    }

    /** The marked regions of one page; markers inside a fenced block (outside any region) are examples, not markers. */
    static List<Region> regions(Path doc, List<String> lines) {
        List<Region> regions = new ArrayList<>();
        boolean fence = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("```")) {
                fence = !fence;
                continue;
            }
            if (fence) {
                continue;
            }
            assertThat(line).as("%s:%d: an end marker without an include", doc, i + 1).isNotEqualTo(END);
            if (!line.startsWith("<!-- include:")) {
                continue;
            }
            Matcher m = MARKER.matcher(line);
            assertThat(m.matches()).as("%s:%d: a well-formed include marker: %s", doc, i + 1, line).isTrue();
            int end = i + 1;
            while (end < lines.size() && !lines.get(end).equals(END)) {
                assertThat(lines.get(end)).as("%s:%d: include inside an include", doc, end + 1)
                        .doesNotStartWith("<!-- include:");
                end++;
            }
            assertThat(end).as("%s:%d: an <!-- end include --> for this include", doc, i + 1).isLessThan(lines.size());
            regions.add(new Region(doc, i + 1, m.group(1), m.group(2), List.copyOf(lines.subList(i + 1, end))));
            i = end;
        }
        return regions;
    }

    /** What the include rule puts between the markers for FILE (relative to docs/labs) with SPEC (null: all). */
    static List<String> expand(String file, String spec, List<String> capture) {
        int n = capture.size();
        assertThat(n).as("%s has lines", file).isPositive();
        String header = capture.get(0);
        int at = header.indexOf(": $ ");
        assertThat(header.startsWith("# ") && at > 0)
                .as("%s: first line is a capture header (# DATE, Linux ...: $ COMMAND): %s", file, header).isTrue();
        TreeSet<Integer> selected = new TreeSet<>();
        if (spec == null) {
            pick(selected, file, 1, n, n);
        } else {
            for (String raw : spec.split(",", -1)) {
                String item = raw.strip();
                Matcher m = ITEM.matcher(item);
                assertThat(m.matches()).as("%s: an item of lines=%s: %s", file, spec, item).isTrue();
                if (m.group(1) != null) {
                    int after = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
                    boolean found = false;
                    for (int i = 2; i <= n; i++) {
                        if (capture.get(i - 1).contains(m.group(1))) {
                            pick(selected, file, i, i + after, n);
                            found = true;
                        }
                    }
                    assertThat(found).as("%s: a line containing \"%s\"", file, m.group(1)).isTrue();
                } else if (m.group(3) != null) {
                    pick(selected, file, n - Integer.parseInt(m.group(3)) + 1, n, n);
                } else {
                    int from = Integer.parseInt(m.group(4));
                    pick(selected, file, from, m.group(5) == null ? from : Integer.parseInt(m.group(5)), n);
                }
            }
        }
        List<String> out = new ArrayList<>();
        out.add("```");
        boolean gap = false;
        for (int i = 1; i <= n; i++) {
            if (!selected.contains(i)) {
                gap |= i > 1;
                continue;
            }
            if (gap) {
                out.add("...");
            }
            gap = false;
            out.add(i == 1 ? "$ " + header.substring(at + 4) : capture.get(i - 1));
        }
        if (gap) {
            out.add("...");
        }
        out.add("```");
        out.add("");
        out.add("(`docs/labs/" + file + "`, captured " + header.substring(2, at) + ".)");
        return out;
    }

    private static void pick(TreeSet<Integer> selected, String file, int from, int to, int n) {
        assertThat(from >= 1 && to <= n && from <= to).as("%s: lines %d-%d within its %d lines", file, from, to, n)
                .isTrue();
        for (int i = from; i <= to; i++) {
            selected.add(i);
        }
    }

    // The rule itself, on a small capture.

    private static final List<String> CAPTURE = List.of("# 2026-01-02 03:04:05 UTC, Linux 6.1 (x86_64): $ cmd -x 1",
            "one", "two", "three", "four", "five");
    private static final String CAPTION = "(`docs/labs/output/c.txt`, captured 2026-01-02 03:04:05 UTC, Linux 6.1 (x86_64).)";

    @Test
    void wholeFileShowsTheCommandThenEveryLine() {
        assertThat(expand("output/c.txt", null, CAPTURE))
                .containsExactly("```", "$ cmd -x 1", "one", "two", "three", "four", "five", "```", "", CAPTION);
    }

    @Test
    void firstAndLastLinesWithACutBetween() {
        assertThat(expand("output/c.txt", "1-2,-2", CAPTURE))
                .containsExactly("```", "$ cmd -x 1", "one", "...", "four", "five", "```", "", CAPTION);
    }

    @Test
    void leavingOutTheHeaderAloneIsNoCutButOtherGapsAre() {
        assertThat(expand("output/c.txt", "2-3", CAPTURE))
                .containsExactly("```", "one", "two", "...", "```", "", CAPTION);
        assertThat(expand("output/c.txt", "/thr/+1", CAPTURE))
                .containsExactly("```", "...", "three", "four", "...", "```", "", CAPTION);
    }

    @Test
    void aSelectionOutsideTheFileOrATextNotFoundIsAnError() {
        assertThatThrownBy(() -> expand("output/c.txt", "1-9", CAPTURE)).isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> expand("output/c.txt", "/six/", CAPTURE)).isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> expand("output/c.txt", "x", CAPTURE)).isInstanceOf(AssertionError.class);
    }

    @Test
    void markersInAFencedExampleAreNotMarkers() {
        List<String> page = List.of("```", "<!-- include: output/c.txt -->", "```", "text",
                "<!-- include: output/c.txt lines=-1 -->", "```", "...", "five", "```", "", CAPTION, END);
        List<Region> regions = regions(Path.of("page.md"), page);
        assertThat(regions).hasSize(1);
        assertThat(regions.get(0).spec()).isEqualTo("-1");
        assertThat(regions.get(0).body()).isEqualTo(expand("output/c.txt", "-1", CAPTURE));
    }
}
