package vmtool.sharing;

import java.io.IOException;
import java.io.StringWriter;
import java.util.List;

import com.google.gson.stream.JsonWriter;

import vmtool.export.JsonConvention;
import vmtool.model.ProcessInfo;

/**
 * The anatomy of several processes as one JSON object, convention v2 (docs/json.md):
 * docs/schema/anatomy-program.schema.json describes it.
 */
public final class ProgramJson {
    /** The output's name in its {@code schema} member. */
    public static final String OUTPUT = "anatomy-program";

    private ProgramJson() {
    }

    public static String render(ProgramAnatomy anatomy, boolean detail) {
        StringWriter text = new StringWriter(8192);
        try (JsonWriter json = new JsonWriter(text)) {
            json.setSerializeNulls(true);
            header(json, OUTPUT, anatomy.selection(), anatomy.source(), anatomy.saved());
            json.name("process_count").value(anatomy.processes().size());
            json.name("processes").beginArray();
            for (ProgramAnatomy.Member member : anatomy.processes()) {
                json.beginObject();
                process(json, member.process());
                sums(json, member.sums());
                json.endObject();
            }
            json.endArray();
            json.name("kinds").beginArray();
            for (ProgramAnatomy.KindRow row : anatomy.kinds()) {
                json.beginObject();
                json.name("kind").value(row.kind().id());
                json.name("meaning").value(row.kind().meaning());
                sums(json, row.sums());
                json.endObject();
            }
            json.endArray();
            json.name("total").beginObject();
            sums(json, anatomy.total());
            json.endObject();
            List<ProgramAnatomy.SharedObject> shared = anatomy.sharedObjects();
            objects(json.name("shared_objects"), shared);
            json.name("objects_mapped_by_one").value(anatomy.objects().size() - shared.size());
            if (detail) {
                json.name("objects_of_one").beginArray();
                for (ProgramAnatomy.SharedObject object : anatomy.objects()) {
                    if (!object.shared()) {
                        object(json, object);
                    }
                }
                json.endArray();
            }
            skipped(json, "skipped", anatomy.skipped());
            json.endObject();
        } catch (IOException e) {
            throw new IllegalStateException("a StringWriter does not fail", e);
        }
        return text.append('\n').toString();
    }

    /** Opens the object: {@code schema}, {@code schema_version}, {@code selection}, {@code source}, {@code saved}. */
    static void header(JsonWriter json, String output, String selection, String source, boolean saved)
            throws IOException {
        JsonConvention.begin(json, output);
        JsonConvention.byteText(json, "selection", selection);
        JsonConvention.byteText(json, "source", source);
        json.name("saved").value(saved);
    }

    /** {@code pid}, {@code name} (comm) and {@code command_line} (its NULs as blanks), as byte text. */
    static void process(JsonWriter json, ProcessInfo process) throws IOException {
        json.name("pid").value(process.pid());
        JsonConvention.byteText(json, "name", process.comm());
        String cmdline = process.cmdline();
        int end = cmdline.endsWith("\0") ? cmdline.length() - 1 : cmdline.length();
        JsonConvention.byteText(json, "command_line", cmdline.substring(0, end).replace('\0', ' '));
    }

    static void sums(JsonWriter json, Sums sums) throws IOException {
        json.name("mappings").value(sums.mappings());
        json.name("size_kb").value(sums.sizeKb());
        json.name("rss_kb").value(sums.rssKb());
        json.name("pss_kb").value(sums.pssKb());
        json.name("uss_kb").value(sums.ussKb());
        json.name("swap_kb").value(sums.swapKb());
    }

    private static void objects(JsonWriter json, List<ProgramAnatomy.SharedObject> objects) throws IOException {
        json.beginArray();
        for (ProgramAnatomy.SharedObject object : objects) {
            object(json, object);
        }
        json.endArray();
    }

    private static void object(JsonWriter json, ProgramAnatomy.SharedObject object) throws IOException {
        json.beginObject();
        json.name("kind").value(object.kind().id());
        JsonConvention.byteText(json, "name", object.name());
        key(json, object.key());
        json.name("shmid").value(object.kind() == vmtool.model.MappingKind.SYSV_SHM
                ? Long.valueOf(object.key().inode()) : null);
        json.name("object_size_kb").value(object.sizeKb());
        json.name("process_count").value(object.users().size());
        sums(json, object.sums());
        json.name("processes").beginArray();
        for (ProgramAnatomy.User user : object.users()) {
            json.beginObject();
            json.name("pid").value(user.pid());
            JsonConvention.byteText(json, "name", user.comm());
            sums(json, user.sums());
            json.endObject();
        }
        json.endArray();
        json.endObject();
    }

    /** {@code device} as maps writes it ({@code fe:00}) and {@code inode}. */
    static void key(JsonWriter json, ObjectKey key) throws IOException {
        String text = key.text();
        json.name("device").value(text.substring(0, text.indexOf(' ')));
        json.name("inode").value(key.inode());
    }

    /** {@code "KEY": {"exited": [...], "unreadable": [...], "remedy": ...}} */
    static void skipped(JsonWriter json, String key, Skipped skipped) throws IOException {
        json.name(key).beginObject();
        pids(json.name("exited"), skipped.exited());
        pids(json.name("unreadable"), skipped.unreadable());
        json.name("remedy").value(skipped.remedy().isEmpty() ? null : skipped.remedy());
        json.endObject();
    }

    private static void pids(JsonWriter json, List<Integer> pids) throws IOException {
        json.beginArray();
        for (int pid : pids) {
            json.value(pid);
        }
        json.endArray();
    }
}
