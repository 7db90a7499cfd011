package vmtool.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import vmtool.KernelSmaps;
import vmtool.model.AddressSpace;
import vmtool.model.ProcessInfo;
import vmtool.model.Region;
import vmtool.proc.ProcFs;

/**
 * PageReader on src/test/c/pages.c, as root: each count against smaps read at that moment, and PAGEMAP_SCAN's read
 * against the plain pagemap read.
 */
class PageReaderTest {
    private static final ProcFs PROC = ProcFs.system();
    private static final long PAGE = PageReader.systemPageSize();
    private static PagesHelper helper;

    @BeforeAll
    static void start() throws Exception {
        helper = PagesHelper.start(List.of(), PagesHelper.directory());
    }

    @AfterAll
    static void end() throws Exception {
        if (helper != null) {
            helper.close();
        }
    }

    static List<PageTarget> targets(int pid) throws Exception {
        ProcessInfo process = PROC.process(pid).orElseThrow();
        AddressSpace space = PROC.addressSpace(process, true, PROC.facts(process));
        List<PageTarget> targets = new ArrayList<>();
        for (Region region : space.regions()) {
            targets.add(PageTarget.of(region));
        }
        return targets;
    }

    static PageReport read(int pid, boolean scan, boolean runs) throws Exception {
        return new PageReader(PROC, PAGE).read(pid, targets(pid), new PageReader.Options(runs, scan, true));
    }

    static MappingPages at(PageReport report, long start) {
        return report.mappings().stream().filter(m -> m.target().start() == start).findFirst().orElseThrow();
    }

    @Test
    void everyMappingAgreesWithSmapsAndTheTwoReadsAgree() throws Exception {
        for (int pid : new int[] {helper.pid(), helper.child()}) {
            PageReport scanned = read(pid, true, false);
            PageReport plain = read(pid, false, false);
            KernelSmaps smaps = KernelSmaps.of(pid);
            assertThat(scanned.method()).isEqualTo(ReadMethod.PAGEMAP_SCAN);
            assertThat(plain.method()).isEqualTo(ReadMethod.PAGEMAP_READ);
            assertThat(scanned.frames()).as("root reads frames").isTrue();
            assertThat(scanned.mappings()).hasSameSizeAs(plain.mappings());
            for (int i = 0; i < scanned.mappings().size(); i++) {
                MappingPages a = scanned.mappings().get(i);
                MappingPages b = plain.mappings().get(i);
                long start = a.target().start();
                String what = pid + " " + a.target().region().mapping();
                PageCounts s = a.counts();
                PageCounts p = b.counts();
                assertThat(new long[] {s.present(), s.swapped(), s.exclusive(), s.file(), s.sharedFrames()})
                        .as("scan and plain read of %s", what)
                        .containsExactly(p.present(), p.swapped(), p.exclusive(), p.file(), p.sharedFrames());
                assertThat(s.zero()).as("zero pages, %s", what).isEqualTo(p.zero());
                long rss = smaps.kb(start, "Rss") + smaps.kb(start, "Shared_Hugetlb")
                        + smaps.kb(start, "Private_Hugetlb");
                assertThat(s.kb(s.resident())).as("resident kB of %s", what).isEqualTo(rss);
                assertThat(p.kb(p.resident())).as("plain resident kB of %s", what).isEqualTo(rss);
                if (s.huge() == 0) {
                    // mapcount decides both smaps's Shared_* and pagemap's exclusive bit (of base pages). The zero
                    // page is not exclusive either, but smaps leaves it out, as it leaves it out of Rss.
                    assertThat(s.kb(s.shared() - s.zero())).as("shared kB of %s", what)
                            .isEqualTo(smaps.kb(start, "Shared_Clean") + smaps.kb(start, "Shared_Dirty"));
                    assertThat(s.kb(s.sharedFrames())).as("frames mapped twice, %s", what)
                            .isEqualTo(smaps.kb(start, "Shared_Clean") + smaps.kb(start, "Shared_Dirty"));
                }
                assertThat(s.kb(s.huge())).as("huge kB of %s", what).isEqualTo(smaps.kb(start, "AnonHugePages")
                        + smaps.kb(start, "FilePmdMapped") + smaps.kb(start, "ShmemPmdMapped"));
            }
            long rollup = rollupRss(pid);
            assertThat(scanned.total().kb(scanned.total().resident())).as("total of %s", pid).isEqualTo(rollup);
        }
    }

    static long rollupRss(int pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/smaps_rollup"))) {
            if (line.startsWith("Rss:")) {
                return Long.parseLong(line.substring(4, line.length() - 3).strip());
            }
        }
        throw new AssertionError("no Rss in smaps_rollup");
    }

    @Test
    void everyOtherPageMakesAlternatingRuns() throws Exception {
        PageReport report = read(helper.pid(), true, true);
        MappingPages region = at(report, helper.range("every_other").start());
        KernelSmaps smaps = KernelSmaps.of(helper.pid());
        assertThat(region.counts().kb(region.counts().present()))
                .isEqualTo(smaps.kb(helper.range("every_other").start(), "Rss"));
        // The runs cover the range, in order, with no gap; each present page is a run of its own (frames apart
        // or not, its neighbours are untouched).
        long at = region.target().start();
        int presentRuns = 0;
        for (PageRun run : region.runs()) {
            assertThat(run.start()).isEqualTo(at);
            at = run.end();
            if ((run.state() & PageState.PRESENT) != 0) {
                presentRuns++;
                assertThat(run.firstFrame()).isPositive();
                assertThat(run.pages(PAGE)).isEqualTo(1);
            }
        }
        assertThat(at).isEqualTo(region.target().end());
        assertThat((long) presentRuns).isEqualTo(region.counts().present()).isEqualTo(32);
    }

    @Test
    void aMappingOfFiveBatchesReadOnTwoThreadsCountsEachPageOnce() throws Exception {
        long start = helper.range("wide").start();
        long written = 4096 + 2048 + 1024 + 512 + 256;
        assertThat(helper.range("wide").end() - start).as("more batches than the second thread needs")
                .isGreaterThanOrEqualTo((long) PageReader.AHEAD_MIN_BATCHES * PageReader.BATCH * PAGE);
        // Each way the batches are counted: all at once (no runs, no frames), page by page (runs; frames as root).
        for (PageReader.Options options : List.of(new PageReader.Options(false, true, false),
                new PageReader.Options(false, false, false), new PageReader.Options(true, true, true))) {
            PageReport report = new PageReader(PROC, PAGE).read(helper.pid(), targets(helper.pid()), options);
            PageCounts counts = at(report, start).counts();
            assertThat(counts.present()).as("present pages, %s", options).isEqualTo(written);
            KernelSmaps smaps = KernelSmaps.of(helper.pid());
            assertThat(counts.kb(counts.present())).as("resident kB, %s", options).isEqualTo(smaps.kb(start, "Rss"));
            // Written before the fork: the child maps every page too (bit 56 clear), as smaps's Shared_* says.
            assertThat(counts.kb(counts.shared())).as("shared kB, %s", options)
                    .isEqualTo(smaps.kb(start, "Shared_Clean") + smaps.kb(start, "Shared_Dirty"));
            if (options.runs()) {
                long presentRuns = at(report, start).runs().stream()
                        .filter(run -> (run.state() & PageState.PRESENT) != 0).count();
                assertThat(presentRuns).as("one run per written page").isEqualTo(written);
            }
        }
    }

    @Test
    void lockedPagesAreMlockedFrames() throws Exception {
        PageReport report = read(helper.pid(), true, false);
        long start = helper.range("locked").start();
        PageCounts counts = at(report, start).counts();
        KernelSmaps smaps = KernelSmaps.of(helper.pid());
        // smaps's Locked is proportional (the child shares the pages, unlocked): Pss, not Rss.
        assertThat(counts.kb(counts.present())).isEqualTo(smaps.kb(start, "Rss")).isEqualTo(64);
        assertThat(smaps.kb(start, "Locked")).isEqualTo(smaps.kb(start, "Pss"));
        assertThat(counts.flagPages().get(KernelPageFlags.MLOCKED)).isEqualTo(counts.present());
        assertThat(counts.flagPages().get(KernelPageFlags.UNEVICTABLE)).isEqualTo(counts.present());
    }

    @Test
    void pagesOnlyReadAreWhatTheKernelSays() throws Exception {
        PageReport report = read(helper.pid(), true, false);
        long start = helper.range("read_only").start();
        PageCounts counts = at(report, start).counts();
        long rss = KernelSmaps.of(helper.pid()).kb(start, "Rss");
        // Either real pages (counted in Rss) or the zero page (present in pagemap, not in Rss): never assumed.
        assertThat(counts.kb(counts.present() - counts.zero())).isEqualTo(rss);
        assertThat(counts.present()).isEqualTo(16);
    }

    @Test
    void aPrivateMappingIsSharedWithTheChildUntilItWrites() throws Exception {
        try (PagesHelper own = PagesHelper.start(List.of(), PagesHelper.directory())) {
            long start = own.range("cow").start();
            PageCounts before = at(read(own.pid(), true, false), start).counts();
            assertThat(before.shared()).as("shared before the write").isEqualTo(16);
            assertThat(before.sharedFrames()).isEqualTo(16);
            own.childWrites();
            PageCounts after = at(read(own.pid(), true, false), start).counts();
            PageCounts child = at(read(own.child(), true, false), start).counts();
            KernelSmaps smaps = KernelSmaps.of(own.pid());
            assertThat(after.kb(after.shared())).isEqualTo(smaps.kb(start, "Shared_Clean")
                    + smaps.kb(start, "Shared_Dirty")).isEqualTo(32);
            assertThat(after.exclusive()).isEqualTo(8);
            assertThat(child.exclusive()).isEqualTo(8);
        }
    }

    @Test
    void sharedAnonymousAndTheFileAreFilePagesSharedWithTheChild() throws Exception {
        PageReport report = read(helper.pid(), true, false);
        for (String name : List.of("shared_anon", "file")) {
            PageCounts counts = at(report, helper.range(name).start()).counts();
            assertThat(counts.file()).as(name).isEqualTo(counts.present()).isEqualTo(16);
            assertThat(counts.sharedFrames()).as(name).isEqualTo(16);
        }
    }
}
