package vmtool.pages;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.google.gson.stream.JsonWriter;

/**
 * A {@link Translation} for people (lines under where's line for the address) and in JSON (where --json's
 * {@code "physical"} member). docs/pages.md explains each part.
 */
public final class PhysicalText {
    /** The line said once when frames were not read. */
    public static final String NEEDS_ROOT = "the frame number, physical address, frame flags and map count need root"
            + " (CAP_SYS_ADMIN): pagemap gives this user 0 for the frame";

    private PhysicalText() {
    }

    /** The lines, each starting with two blanks. */
    public static List<String> lines(Translation t) {
        List<String> lines = new ArrayList<>();
        lines.add("  virtual page 0x" + Long.toHexString(t.virtualPage()) + " + offset 0x"
                + Long.toHexString(t.offset()) + " (pages of " + t.pageSize() / 1024 + " kB)");
        if (t.levels() != null) {
            StringBuilder indices = new StringBuilder("  page-table indices: ");
            int[] index = t.levels().indices(t.address());
            for (int i = 0; i < index.length; i++) {
                indices.append(i == 0 ? "" : ", ").append(t.levels().names().get(i)).append(' ').append(index[i]);
            }
            indices.append(", offset ").append(t.offset()).append("  (").append(t.levels().reason()).append(')');
            lines.add(indices.toString());
        }
        PagemapEntry entry = t.entry();
        lines.add("  pagemap entry 0x" + entry.hex() + ": " + state(entry));
        StringBuilder bits = new StringBuilder("  bits:");
        for (PagemapEntry.Bit bit : PagemapEntry.BITS) {
            bits.append(' ').append(bit.low() == bit.high() ? Integer.toString(bit.low())
                    : bit.low() + "-" + bit.high()).append(' ').append(bit.name()).append('=')
                    .append(bit.low() == bit.high() ? Long.toString(entry.raw() >>> bit.low() & 1)
                            : "0x" + Long.toHexString(entry.raw() & PagemapEntry.FRAME_MASK));
        }
        lines.add(bits.toString());
        if (entry.swapped()) {
            lines.add("  in swap area " + entry.swapType() + " at page offset 0x" + Long.toHexString(entry.swapOffset()));
        }
        if (t.flags() != null) {
            lines.add("  frame 0x" + Long.toHexString(entry.frame()) + ", physical address 0x"
                    + Long.toHexString(t.physicalAddress()) + "; mapped " + t.mapCount()
                    + (t.mapCount() == 1 ? " time" : " times") + "; flags " + String.join(" ", t.flags().names()));
            if (t.hugeFrames() > 0) {
                lines.add("  in a compound page of " + t.hugeFrames() + " frames (" + t.hugeFrames() * t.pageSize()
                        / 1024 + " kB): frames 0x" + Long.toHexString(t.hugeFirst()) + "-0x"
                        + Long.toHexString(t.hugeFirst() + t.hugeFrames() - 1));
            }
        }
        return lines;
    }

    private static String state(PagemapEntry entry) {
        if (entry.present()) {
            return "present" + (entry.file() ? ", file or shared" : ", anonymous")
                    + (entry.exclusive() ? ", exclusive" : ", shared");
        }
        if (entry.swapped()) {
            return "swapped";
        }
        return "not present (never touched, or dropped)";
    }

    /** The JSON object (convention v2). */
    public static void json(JsonWriter json, Translation t) throws IOException {
        json.beginObject();
        json.name("page_size_kb").value(t.pageSize() / 1024);
        json.name("virtual_page").value("0x" + Long.toHexString(t.virtualPage()));
        json.name("offset").value(t.offset());
        json.name("page_tables");
        if (t.levels() == null) {
            json.nullValue();
        } else {
            json.beginArray();
            int[] index = t.levels().indices(t.address());
            for (int i = 0; i < index.length; i++) {
                json.beginObject().name("level").value(t.levels().names().get(i)).name("index").value(index[i])
                        .endObject();
            }
            json.endArray();
        }
        PagemapEntry entry = t.entry();
        json.name("entry").value("0x" + entry.hex());
        json.name("bits").beginObject();
        for (PagemapEntry.Bit bit : PagemapEntry.BITS) {
            if (bit.low() == bit.high()) {
                json.name(bit.name()).value(entry.bit(bit.low()));
            }
        }
        json.endObject();
        json.name("present").value(entry.present());
        json.name("swapped").value(entry.swapped());
        json.name("swap_type").value(entry.swapped() ? Integer.valueOf(entry.swapType()) : null);
        json.name("swap_offset").value(entry.swapped() ? Long.valueOf(entry.swapOffset()) : null);
        boolean framed = t.flags() != null;
        json.name("frame").value(framed ? Long.valueOf(entry.frame()) : null);
        json.name("physical_address").value(framed ? "0x" + Long.toHexString(t.physicalAddress()) : null);
        json.name("map_count").value(framed ? Long.valueOf(t.mapCount()) : null);
        json.name("flags");
        if (framed) {
            json.beginArray();
            for (String name : t.flags().names()) {
                json.value(name);
            }
            json.endArray();
        } else {
            json.nullValue();
        }
        json.name("compound_first_frame").value(t.hugeFrames() > 0 ? Long.valueOf(t.hugeFirst()) : null);
        json.name("compound_frames").value(t.hugeFrames() > 0 ? Long.valueOf(t.hugeFrames()) : null);
        json.endObject();
    }
}
