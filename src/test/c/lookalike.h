/*
 * lookalike.h: part of a file mapped by hand, with writable anonymous memory right after it, as a library's bss
 * follows its data: what vmtool must tell from a real bss. Included by the helpers anatomy.c and sandboxed.c,
 * which define die().
 */
#ifndef VMTOOL_LOOKALIKE_H
#define VMTOOL_LOOKALIKE_H

#include <string.h>
#include <sys/mman.h>

static void die(const char *what);

/* FILE_BYTES of the file at the start of a reserved range, ANONYMOUS_BYTES of writable anonymous memory right after
 * it (its first page written), and 16 pages after that left reserved (inaccessible), so that nothing else lands
 * next to them. Returns the anonymous memory; the file's mapping starts at *FILE_START. */
static char *file_then_anonymous(int fd, size_t file_bytes, size_t anonymous_bytes, char **file_start) {
    size_t page = 4096;
    size_t total = file_bytes + anonymous_bytes + 16 * page;
    char *range = mmap(NULL, total, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (range == MAP_FAILED) die("mmap reserve");
    if (mmap(range, file_bytes, PROT_READ, MAP_PRIVATE | MAP_FIXED, fd, 0) == MAP_FAILED) die("mmap file");
    char *after = mmap(range + file_bytes, anonymous_bytes, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    if (after == MAP_FAILED) die("mmap anonymous");
    memset(after, 5, page);
    *file_start = range;
    return after;
}

#endif
