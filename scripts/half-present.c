/* A process with one large anonymous mapping, half of its pages present, for scripts/bench-pages: GIB GiB
 * (default 8), of which every other run of RUN pages (default 1: every other page) is written. MADV_NOHUGEPAGE,
 * so that each write makes one base page present whatever the THP setting. Prints "ready" and sleeps until its
 * standard input closes. With "read", each of those pages is read instead of written: on most kernels the zero page
 * is then mapped there, which takes no memory (a test of many runs that needs no RAM for them).
 * Usage: half-present [GIB [RUN [read]]] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

int main(int argc, char **argv) {
    size_t gib = argc > 1 ? strtoul(argv[1], NULL, 10) : 8;
    size_t run = argc > 2 ? strtoul(argv[2], NULL, 10) : 1;
    int read_only = argc > 3 && strcmp(argv[3], "read") == 0;
    size_t page = (size_t) sysconf(_SC_PAGESIZE), size = gib << 30;
    char *base = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (base == MAP_FAILED) { perror("mmap"); return 1; }
    if (madvise(base, size, MADV_NOHUGEPAGE) != 0) perror("madvise");
    for (size_t p = 0; p < size / page; p += 2 * run)
        for (size_t i = p; i < p + run && i < size / page; i++) {
            if (read_only) {
                (void) *(volatile char *) &base[i * page];
            } else {
                base[i * page] = 1;
            }
        }
    printf("ready\n");
    fflush(stdout);
    char buf[64];
    while (read(0, buf, sizeof buf) > 0) { }
    return 0;
}
