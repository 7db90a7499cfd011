package vmtool.export;

import java.io.IOException;
import java.util.Base64;

import com.google.gson.stream.JsonWriter;

import vmtool.model.ByteText;

/**
 * What every JSON output of vmtool shares (docs/json.md, "The convention"): the {@code schema} and
 * {@code schema_version} members first, addresses as {@code "0x…"} strings, target bytes as {@code name} or
 * {@code name_bytes}, and null for what is unknown or absent. Spelled here once, so that the outputs cannot drift
 * apart again.
 */
public final class JsonConvention {
    /** The version every output writes; raised for all of them together (docs/json.md, "Versions"). */
    public static final int SCHEMA_VERSION = 2;

    private JsonConvention() {
    }

    /** Opens the document's object and writes {@code "schema": "vmtool-OUTPUT", "schema_version": 2}. */
    public static void begin(JsonWriter json, String output) throws IOException {
        json.beginObject();
        json.name("schema").value(schema(output));
        json.name("schema_version").value(SCHEMA_VERSION);
    }

    /** {@code vmtool-OUTPUT}: what an output's {@code schema} member says. */
    public static String schema(String output) {
        return "vmtool-" + output;
    }

    /** An address (or a file offset) as JSON writes it: {@code 0x} and lower-case hex, no padding, unsigned. */
    public static String address(long address) {
        return "0x" + Long.toHexString(address);
    }

    /**
     * {@code key} with the text when the bytes are valid UTF-8, else {@code key_bytes} with them in base64
     * (docs/json.md, "Byte strings"): how every JSON output carries text that the target wrote.
     */
    public static void byteText(JsonWriter json, String key, String byteText) throws IOException {
        String unicode = ByteText.utf8OrNull(byteText);
        if (unicode != null) {
            json.name(key).value(unicode);
        } else {
            json.name(key + "_bytes").value(Base64.getEncoder().encodeToString(ByteText.bytes(byteText)));
        }
    }

    /** As {@link #byteText}, with {@code "key": null} when there is none (empty). */
    public static void byteTextOrNull(JsonWriter json, String key, String byteText) throws IOException {
        if (byteText.isEmpty()) {
            json.name(key).nullValue();
        } else {
            byteText(json, key, byteText);
        }
    }

    /** The process's id; null when none is known (a saved smaps or maps, or a snapshot of one: the model's 0). */
    public static void pid(JsonWriter json, int pid) throws IOException {
        if (pid == 0) {
            json.name("pid").nullValue();
        } else {
            json.name("pid").value(pid);
        }
    }

    /** A thread id, or null for none (the model's 0). */
    public static void tid(JsonWriter json, int tid) throws IOException {
        if (tid == 0) {
            json.name("tid").nullValue();
        } else {
            json.name("tid").value(tid);
        }
    }
}
