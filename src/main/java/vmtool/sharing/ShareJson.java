package vmtool.sharing;

import java.io.IOException;
import java.io.StringWriter;

import com.google.gson.stream.JsonWriter;

import vmtool.export.JsonConvention;
import vmtool.model.MappingKind;
import vmtool.model.ProcessInfo;

/** {@code vmtool share --json}, convention v2: docs/schema/share.schema.json describes it. */
public final class ShareJson {
    /** The output's name in its {@code schema} member. */
    public static final String OUTPUT = "share";

    private ShareJson() {
    }

    public static String render(Share share) {
        StringWriter text = new StringWriter(8192);
        try (JsonWriter json = new JsonWriter(text)) {
            json.setSerializeNulls(true);
            ProgramJson.header(json, OUTPUT, share.selection(), share.source(), share.saved());
            json.name("targets").beginArray();
            for (ProcessInfo target : share.targets()) {
                json.beginObject();
                ProgramJson.process(json, target);
                json.endObject();
            }
            json.endArray();
            json.name("processes_read").value(share.read());
            json.name("objects_not_shared").value(share.alone());
            json.name("frames_compared").value(!share.frames().isEmpty());
            json.name("objects").beginArray();
            for (Share.Shared shared : share.objects()) {
                ProgramAnatomy.SharedObject object = shared.object();
                json.beginObject();
                json.name("kind").value(object.kind().id());
                JsonConvention.byteText(json, "name", object.name());
                ProgramJson.key(json, object.key());
                json.name("shmid").value(object.kind() == MappingKind.SYSV_SHM ? Long.valueOf(object.key().inode())
                        : null);
                json.name("object_size_kb").value(object.sizeKb());
                users(json.name("targets"), shared.targets());
                users(json.name("others"), shared.others());
                Share.Frames frames = share.frames().get(object.key());
                if (frames == null) {
                    json.name("frames").nullValue();
                } else {
                    json.name("frames").beginObject();
                    json.name("target_pages").value(frames.targetPages());
                    json.name("same_pages").value(frames.samePages());
                    json.endObject();
                }
                json.endObject();
            }
            json.endArray();
            ProgramJson.skipped(json, "skipped", share.skipped().plus(share.othersSkipped()));
            ProgramJson.skipped(json, "targets_skipped", share.skipped());
            json.endObject();
        } catch (IOException e) {
            throw new IllegalStateException("a StringWriter does not fail", e);
        }
        return text.append('\n').toString();
    }

    private static void users(JsonWriter json, java.util.List<ProgramAnatomy.User> users) throws IOException {
        json.beginArray();
        for (ProgramAnatomy.User user : users) {
            json.beginObject();
            json.name("pid").value(user.pid());
            JsonConvention.byteText(json, "name", user.comm());
            ProgramJson.sums(json, user.sums());
            json.endObject();
        }
        json.endArray();
    }
}
