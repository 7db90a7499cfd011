/*
 * differ: a quiet process whose address space changes on command, for the tests of vmtool diff and watch.
 * Built by the test with gcc -static, so that no shared library's Pss moves with other processes.
 *
 * At start it maps three private anonymous regions at fixed addresses (MAP_FIXED_NOREPLACE, far from anything
 * else, so that the kernel merges them with no neighbour), faults in every page of the program's own mappings
 * (so that running new code later faults in no page of the program), and prints
 *   ready
 *   removed|grown|split START END   (hex, no 0x)
 *   end
 * Each line "step" on stdin then does, and prints "done" after:
 *   maps region "added" (ADDED_PAGES pages, ADDED_TOUCHED touched) and prints "added START END";
 *   touches GROWN_MORE more pages of "grown";
 *   unmaps "removed";
 *   makes pages SPLIT_AT..SPLIT_AT+SPLIT_PAGES of "split" read-only (one mapping becomes three).
 * Only the first "step" changes anything. It exits when stdin closes.
 *
 * What is resident is made so by writing, and what must stay out is never read: a read fault on untouched private
 * anonymous memory maps the shared zero page on many kernels (not counted in Rss) and allocates a real page on
 * others (6.18 here), so a read would decide by kernel what the test sees. The regions are MADV_NOHUGEPAGE: a
 * write faults in one base page, whatever THP and mTHP sizes the kernel has. The test still takes every figure
 * from smaps as the kernel reports it.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#ifndef MAP_FIXED_NOREPLACE
#define MAP_FIXED_NOREPLACE 0x100000
#endif

#define PAGE 4096UL
#define REMOVED_PAGES 64
#define GROWN_PAGES 256
#define GROWN_TOUCHED 16
#define GROWN_MORE 64
#define SPLIT_PAGES_ALL 16
#define SPLIT_AT 6
#define SPLIT_PAGES 4
#define ADDED_PAGES 32
#define ADDED_TOUCHED 8

static char *const REMOVED = (char *) 0x200000000000UL;
static char *const GROWN = (char *) 0x200100000000UL;
static char *const SPLIT = (char *) 0x200200000000UL;
static char *const ADDED = (char *) 0x200300000000UL;

static char maps[1 << 20];

static void die(const char *what) {
    perror(what);
    exit(2);
}

static void say(const char *text) {
    size_t length = strlen(text);
    if (write(1, text, length) != (ssize_t) length) die("write");
}

static void say_region(const char *name, char *start, size_t pages) {
    char line[128];
    snprintf(line, sizeof line, "%s %lx %lx\n", name, (unsigned long) start, (unsigned long) (start + pages * PAGE));
    say(line);
}

static char *map_at(char *address, size_t pages) {
    char *p = mmap(address, pages * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE,
                   -1, 0);
    if (p != address) die("mmap at a fixed address");
    /* EINVAL: a kernel without THP, where a fault is one base page anyway. */
    if (madvise(p, pages * PAGE, MADV_NOHUGEPAGE) != 0 && errno != EINVAL) die("madvise");
    return p;
}

static void touch(char *start, size_t pages) {
    for (size_t i = 0; i < pages; i++) start[i * PAGE] = 1;
}

/* Whether an address lies where the regions of the test are mapped, from "removed" to past "added". */
static int in_test_regions(unsigned long address) {
    return address >= (unsigned long) REMOVED && address < (unsigned long) ADDED + ADDED_PAGES * PAGE;
}

/* Faults in every page of the program's own mappings, so that all are resident now: a writable page is written
 * (its own byte back, so nothing changes), a read-only one read. Not the regions of the test (their pages are
 * exactly those main() writes), nor the kernel's special mappings. */
static void fault_in_everything(void) {
    int fd = open("/proc/self/maps", O_RDONLY);
    if (fd < 0) die("/proc/self/maps");
    size_t length = 0;
    for (ssize_t n; (n = read(fd, maps + length, sizeof maps - 1 - length)) > 0;) length += (size_t) n;
    close(fd);
    maps[length] = '\0';
    volatile char sink = 0;
    for (char *line = maps; *line;) {
        char *next = strchr(line, '\n');
        if (next) *next = '\0';
        unsigned long start, end;
        char perms[5];
        if (sscanf(line, "%lx-%lx %4s", &start, &end, perms) == 3 && perms[0] == 'r' && !in_test_regions(start)
            && !strstr(line, "[vvar") && !strstr(line, "[vsyscall]")) {
            for (unsigned long a = start; a < end; a += PAGE) {
                volatile char *page = (volatile char *) a;
                if (perms[1] == 'w') *page = *page;
                else sink += *page;
            }
        }
        line = next ? next + 1 : line + strlen(line);
    }
    (void) sink;
}

/* Uses the stack well below where it will ever be, so that later calls fault in no new stack page. */
static void deep_stack(void) {
    volatile char block[256 * 1024];
    for (size_t i = 0; i < sizeof block; i += PAGE) block[i] = 1;
}

static void step(void) {
    /* The same calls once on a scratch region first: their code and any data they touch is resident. */
    char *scratch = map_at(ADDED, ADDED_PAGES);
    touch(scratch, 1);
    if (mprotect(scratch, PAGE, PROT_READ) != 0) die("mprotect");
    if (munmap(scratch, ADDED_PAGES * PAGE) != 0) die("munmap");
}

int main(void) {
    deep_stack();
    char *removed = map_at(REMOVED, REMOVED_PAGES);
    touch(removed, REMOVED_PAGES);
    char *grown = map_at(GROWN, GROWN_PAGES);
    touch(grown, GROWN_TOUCHED);
    char *split = map_at(SPLIT, SPLIT_PAGES_ALL);
    touch(split, SPLIT_PAGES_ALL);
    step(); /* a rehearsal, undone: see step() */
    char line[64];
    snprintf(line, sizeof line, "x"); /* snprintf's code too */
    fault_in_everything();
    say("ready\n");
    say_region("removed", removed, REMOVED_PAGES);
    say_region("grown", grown, GROWN_PAGES);
    say_region("split", split, SPLIT_PAGES_ALL);
    say("end\n");
    int stepped = 0;
    char c;
    char command[64];
    size_t used = 0;
    for (ssize_t n; (n = read(0, &c, 1)) == 1;) {
        if (c != '\n') {
            if (used + 1 < sizeof command) command[used++] = c;
            continue;
        }
        command[used] = '\0';
        used = 0;
        if (strcmp(command, "step") == 0 && !stepped) {
            stepped = 1;
            char *added = map_at(ADDED, ADDED_PAGES);
            touch(added, ADDED_TOUCHED);
            touch(grown + GROWN_TOUCHED * PAGE, GROWN_MORE);
            if (munmap(removed, REMOVED_PAGES * PAGE) != 0) die("munmap");
            if (mprotect(split + SPLIT_AT * PAGE, SPLIT_PAGES * PAGE, PROT_READ) != 0) die("mprotect");
            say_region("added", added, ADDED_PAGES);
        }
        say("done\n");
    }
    return 0;
}
