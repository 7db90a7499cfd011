package vmtool.map;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilderFactory;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

import vmtool.model.AddressSpace;
import vmtool.model.Device;
import vmtool.model.Mapping;
import vmtool.model.Permissions;
import vmtool.model.ProcessFacts;
import vmtool.model.ProcessInfo;
import vmtool.model.SmapsFields;

/** The three renderings, as pure functions of an address space: the homework's saved smaps, and hostile names. */
class MapRenderTest {

    @Test
    void heightGrowsByTwoPixelsPerDoublingFromSixForAPage() {
        assertThat(Scale.height(4096)).isEqualTo(6);
        assertThat(Scale.height(8192)).isEqualTo(8);
        assertThat(Scale.height(12288)).isEqualTo(8);
        assertThat(Scale.height(100L << 20)).isEqualTo(6 + 2 * 14);
        assertThat(Scale.height(1L << 62)).isEqualTo(Scale.MAX_HEIGHT);
        assertThat(Scale.human(4096)).isEqualTo("4 KiB");
        assertThat(Scale.human(1536 * 1024)).isEqualTo("1.5 MiB");
        assertThat(Scale.human(-(1L << 23))).isEqualTo("16.0 EiB");
    }

    @Test
    void svgIsXmlWithOneElementPerMappingCarryingItsStartAndKind() throws Exception {
        AddressSpace space = Helpers.homework();
        StringWriter svg = new StringWriter();
        SvgMap.write(space, svg);
        Document doc = parse(svg.toString());
        assertThat(doc.getDocumentElement().getTagName()).isEqualTo("svg");
        List<String> starts = new ArrayList<>();
        List<String> kinds = new ArrayList<>();
        NodeList groups = doc.getElementsByTagName("g");
        for (int i = 0; i < groups.getLength(); i++) {
            Element g = (Element) groups.item(i);
            if (g.hasAttribute("data-start")) {
                starts.add(g.getAttribute("data-start"));
                kinds.add(g.getAttribute("data-kind"));
            }
        }
        assertThat(starts).isEqualTo(space.mappings().stream().map(Mapping::startText).toList());
        assertThat(kinds).isEqualTo(space.regions().stream().map(r -> r.kind().id()).toList());
        // The legend names every kind present, with its count.
        for (KindTotals total : KindTotals.of(space)) {
            assertThat(svg.toString()).contains("data-kind=\"" + total.kind().id() + "\"><title>");
        }
    }

    @Test
    void pageCarriesEveryMappingAsJsonThatNoNameCanBreakOutOf() throws Exception {
        AddressSpace space = hostile();
        StringWriter html = new StringWriter();
        HtmlMap.write(space, html);
        String page = html.toString();
        Matcher data = Pattern.compile("<script type=\"application/json\" id=\"vmtool-data\">(.*?)</script>",
                Pattern.DOTALL).matcher(page);
        assertThat(data.find()).isTrue();
        JsonObject json = JsonParser.parseString(data.group(1)).getAsJsonObject();
        JsonArray m = json.getAsJsonArray("m");
        assertThat(m).hasSize(space.mappings().size());
        assertThat(m.get(1).getAsJsonArray().get(8).getAsString()).isEqualTo("/tmp/</script><b>x</b> caf\u00e9");
        assertThat(m.get(0).getAsJsonArray().get(0).getAsString()).isEqualTo("00400000");
        assertThat(page).doesNotContain("<b>x</b>");
        assertThat(page).contains("<title>vmtool map: saved &lt;file&gt;</title>");
        assertThat(page).doesNotContain("src=").doesNotContain("href=").doesNotContain("http://")
                .doesNotContain("https://");
    }

    @Test
    void terminalMapGroupsAdjacentRegionsOfOneKindAndMarksGaps() throws Exception {
        AddressSpace space = Helpers.homework();
        StringBuilder plain = new StringBuilder();
        TerminalMap.write(space, TerminalMap.Style.PLAIN, plain);
        String text = plain.toString();
        assertThat(text).doesNotContain("\u001b").doesNotContain("\u2588");
        assertThat(text).contains(" unmapped ~~").contains(" library ").contains(" heap ").contains("[stack]");
        // A line per run of adjacent same-kind regions: the loader's five mappings are two runs, 4 KiB apart.
        List<String> loader = text.lines().filter(line -> line.contains("ld-linux")).toList();
        assertThat(loader).hasSize(2);
        assertThat(loader.get(0)).endsWith("(3 mappings)");
        assertThat(loader.get(1)).endsWith("(2 mappings)");
        assertThat(text).contains("~~ 4 KiB unmapped ~~\n" + loader.get(1));

        StringBuilder colour = new StringBuilder();
        TerminalMap.write(space, TerminalMap.Style.COLOUR, colour);
        assertThat(colour.toString()).contains("\u001b[38;5;").contains("\u2588").contains("\u001b[0m");
        assertThat(colour.toString().replaceAll("\u001b\\[[0-9;]*m", "").replace('\u2588', '#').replace('\u2591', '.')
                .replace('\u2592', 'x')).isEqualTo(text);
    }

    @Test
    void terminalMapShowsNoControlCharacterOfAName() throws Exception {
        StringBuilder out = new StringBuilder();
        TerminalMap.write(hostile(), TerminalMap.Style.COLOUR, out);
        assertThat(out.toString().replaceAll("\u001b\\[[0-9;]*m", "")).doesNotContain("\u001b").contains("ctl\\x1b[1m");
    }

    /** Two mappings, one named with markup and UTF-8 bytes, one with an escape sequence; a title with markup. */
    private static AddressSpace hostile() {
        String utf8 = new String("caf\u00e9".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                java.nio.charset.StandardCharsets.ISO_8859_1);
        SmapsFields fields = SmapsFields.of(List.of("Size", "Rss"), new long[] {4, 4});
        List<Mapping> mappings = List.of(
                new Mapping(0x400000, 0x401000, "00400000", Permissions.parse("r-xp"), "00000000",
                        Device.parse("fe:00"), "12", "/tmp/ctl\u001b[1m", fields, "rd ex"),
                new Mapping(0x401000, 0x402000, "00401000", Permissions.parse("rw-p"), "00001000",
                        Device.parse("fe:00"), "13", "/tmp/</script><b>x</b> " + utf8, fields, "rd wr"));
        return AddressSpace.of(new ProcessInfo(0, 0, "", "", 'S', 0), "saved <file>", true, mappings,
                ProcessFacts.NONE);
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    }

}
