package vmtool.anatomy;

import java.io.IOException;
import java.io.StringWriter;

import com.google.gson.stream.JsonWriter;

import vmtool.export.JsonConvention;
import vmtool.model.Mapping;
import vmtool.model.Region;

/**
 * The anatomy as one JSON object, {@code vmtool-anatomy} (docs/anatomy.md lists its keys, docs/schema its schema),
 * in vmtool's JSON convention ({@link JsonConvention}): addresses are {@code "0x7f..."} strings (a 64-bit address
 * does not fit a JSON number exactly); sizes are numbers in kB, null when unknown (a maps file).
 */
public final class JsonRenderer {
    private JsonRenderer() {
    }

    public static String render(Anatomy anatomy, boolean detail) {
        StringWriter text = new StringWriter(4096);
        try (JsonWriter json = new JsonWriter(text)) {
            json.setSerializeNulls(true);
            JsonConvention.begin(json, "anatomy");
            JsonConvention.pid(json, anatomy.process().pid());
            json.name("source").value(anatomy.source());
            json.name("saved").value(anatomy.saved());
            json.name("kind_count").value(anatomy.kindCount());
            json.name("mapping_count").value(anatomy.mappingCount());
            json.name("kinds").beginArray();
            for (Anatomy.KindRow row : anatomy.kinds()) {
                json.beginObject();
                json.name("kind").value(row.kind().id());
                json.name("meaning").value(row.kind().meaning());
                sums(json, row, anatomy.hasSizes());
                json.endObject();
            }
            json.endArray();
            json.name("total").beginObject();
            sums(json, anatomy.total(), anatomy.hasSizes());
            json.endObject();
            range(json.name("span"), anatomy.span());
            range(json.name("largest_gap"), anatomy.largestGap());
            json.name("stacks").beginArray();
            for (Anatomy.Stack stack : anatomy.stacks()) {
                json.beginObject();
                JsonConvention.tid(json, stack.tid());
                JsonConvention.byteTextOrNull(json, "thread", stack.name());
                json.name("kind").value(stack.region().kind().id());
                json.name("start").value(JsonConvention.address(stack.region().mapping().start()));
                json.name("end").value(JsonConvention.address(stack.region().mapping().end()));
                json.name("size_kb").value(stack.region().mapping().sizeKb());
                json.name("guard_kb").value(stack.guardKb());
                json.endObject();
            }
            json.endArray();
            regions(json.name("deleted"), anatomy.deleted(), false);
            regions(json.name("hugetlb"), anatomy.hugetlb(), false);
            if (detail) {
                regions(json.name("mappings"), anatomy.regions(), true);
            }
            json.name("notes").beginArray();
            for (String note : anatomy.notes()) {
                json.value(note);
            }
            json.endArray();
            json.endObject();
        } catch (IOException e) {
            throw new IllegalStateException("a StringWriter does not fail", e);
        }
        return text.append('\n').toString();
    }

    private static void sums(JsonWriter json, Anatomy.KindRow row, boolean sizes) throws IOException {
        json.name("mappings").value(row.mappings());
        json.name("size_kb").value(row.sizeKb());
        json.name("rss_kb").value(sizes ? Long.valueOf(row.rssKb()) : null);
        json.name("pss_kb").value(sizes ? Long.valueOf(row.pssKb()) : null);
        json.name("dirty_kb").value(sizes ? Long.valueOf(row.dirtyKb()) : null);
        json.name("swap_kb").value(sizes ? Long.valueOf(row.swapKb()) : null);
    }

    private static void range(JsonWriter json, Anatomy.Range range) throws IOException {
        if (range == null) {
            json.nullValue();
            return;
        }
        json.beginObject();
        json.name("start").value(JsonConvention.address(range.start()));
        json.name("end").value(JsonConvention.address(range.end()));
        json.name("size_kb").value(range.sizeKb());
        json.endObject();
    }

    /** Regions as objects; with sizes, each mapping's kB fields as the anatomy sums them. */
    static void regions(JsonWriter json, Iterable<Region> regions, boolean sizes) throws IOException {
        json.beginArray();
        for (Region region : regions) {
            region(json, region, sizes);
        }
        json.endArray();
    }

    /** One region as an object: range, perms, kind, the kernel's name, label, tid, flags (and sizes). */
    public static void region(JsonWriter json, Region region, boolean sizes) throws IOException {
        Mapping mapping = region.mapping();
        json.beginObject();
        json.name("start").value(JsonConvention.address(mapping.start()));
        json.name("end").value(JsonConvention.address(mapping.end()));
        json.name("perms").value(mapping.perms().text());
        json.name("kind").value(region.kind().id());
        JsonConvention.byteText(json, "name", mapping.name());
        JsonConvention.byteTextOrNull(json, "label", region.label());
        JsonConvention.tid(json, region.tid());
        json.name("deleted").value(region.deleted());
        json.name("hugetlb").value(region.hugetlb());
        if (sizes) {
            boolean known = mapping.fields().size() > 0;
            json.name("size_kb").value(mapping.sizeKb());
            json.name("rss_kb").value(known ? Long.valueOf(mapping.residentKb()) : null);
            json.name("pss_kb").value(known ? Long.valueOf(mapping.fields().valueOf("Pss")) : null);
            json.name("dirty_kb").value(known ? Long.valueOf(mapping.fields().valueOf("Shared_Dirty")
                    + mapping.fields().valueOf("Private_Dirty")) : null);
            json.name("swap_kb").value(known ? Long.valueOf(mapping.fields().valueOf("Swap")) : null);
        }
        json.endObject();
    }
}
