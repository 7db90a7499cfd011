package vmtool.export;

import java.io.IOException;
import java.io.StringWriter;
import java.util.List;

import com.google.gson.stream.JsonWriter;

import vmtool.pages.CountColumn;
import vmtool.pages.FlagCounts;
import vmtool.pages.MappingPages;
import vmtool.pages.PageCounts;
import vmtool.pages.PageReport;
import vmtool.pages.PageRun;
import vmtool.pages.PagesJson;

/**
 * The page states in a snapshot ({@code vmtool pmap --json --pages}, docs/json.md): a top-level {@code pages} member
 * saying how they were read, and in each mapping a {@code pages} member with its counts (the keys of
 * {@code vmtool pages --json}) and its runs, each {@code [first page, pages, state]} (the page numbers from the
 * mapping's start, the state {@code PageState}'s bits), for root {@code [first page, pages, state, first frame,
 * kpageflags]}.
 */
final class PagesSnapshot {
    private PagesSnapshot() {
    }

    /** The top-level member: null when the snapshot holds no page states. */
    static void header(JsonWriter json, PageReport report) throws IOException {
        json.name("pages");
        if (report == null) {
            json.nullValue();
            return;
        }
        json.beginObject();
        json.name("method").value(report.method().id());
        json.name("privileged").value(report.privileged());
        json.name("frames").value(report.frames());
        json.name("page_size_kb").value(report.pageSize() / 1024);
        json.endObject();
    }

    /** A mapping's {@code pages} member's value, as JSON text. */
    static String mapping(MappingPages pages, long pageSize, boolean privileged) {
        StringWriter text = new StringWriter(256);
        try (JsonWriter json = new JsonWriter(text)) {
            json.setSerializeNulls(true);
            json.beginObject();
            PagesJson.counts(json, List.of(CountColumn.values()), pages.counts());
            // Frame numbers are root's (privileged), read with or without --frames' kpageflags.
            json.name("runs").beginArray();
            long start = pages.target().region().mapping().start();
            for (PageRun run : pages.runs()) {
                json.beginArray();
                json.value((run.start() - start) / pageSize).value(run.pages(pageSize)).value(run.state());
                if (privileged) {
                    json.value(run.firstFrame()).value(run.flags());
                }
                json.endArray();
            }
            json.endArray();
            json.endObject();
        } catch (IOException e) {
            throw new IllegalStateException("a StringWriter does not fail", e);
        }
        return text.toString();
    }

    /**
     * Counts read back from a mapping's kB members: the page counts they were made from. A count written null (not
     * known) reads as {@link PageCounts#UNKNOWN}.
     *
     * @param kb       each {@link CountColumn}'s value in kB, by ordinal; negative when null
     * @param flags    pages per kpageflags bit, or null
     */
    static PageCounts counts(long pageSize, long[] kb, long[] flags) {
        long pages = pages(kb[CountColumn.SIZE.ordinal()], pageSize);
        long swapped = pages(kb[CountColumn.SWAP.ordinal()], pageSize);
        long untouched = pages(kb[CountColumn.UNTOUCHED.ordinal()], pageSize);
        long present = pages - swapped - untouched;
        long uncounted = present - pages(kb[CountColumn.RSS.ordinal()], pageSize);
        return new PageCounts(pageSize, pages, present, swapped, pages(kb[CountColumn.ZERO.ordinal()], pageSize),
                pages(kb[CountColumn.HUGE.ordinal()], pageSize), pages(kb[CountColumn.EXCLUSIVE.ordinal()], pageSize),
                pages(kb[CountColumn.FILE.ordinal()], pageSize), uncounted,
                pages(kb[CountColumn.SHARED_FRAMES.ordinal()], pageSize), pages(kb[CountColumn.KSM.ordinal()],
                pageSize), flags == null ? null : FlagCounts.of(flags));
    }

    private static long pages(long kb, long pageSize) {
        return kb < 0 ? PageCounts.UNKNOWN : kb * 1024 / pageSize;
    }
}
