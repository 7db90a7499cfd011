/* A process with many mappings, for scripts/bench-pmap: PAIRS pairs of 8 KiB regions of alternating protection
 * (so the kernel cannot merge them), the writable half touched so that it is resident. Prints "ready" and sleeps
 * until its standard input closes. Usage: many-mappings PAIRS */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

int main(int argc, char **argv) {
    long pairs = argc > 1 ? atol(argv[1]) : 30000;
    size_t region = 8192, total = (size_t)pairs * 2 * region;
    char *base = mmap(NULL, total, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (base == MAP_FAILED) { perror("mmap"); return 1; }
    for (long i = 0; i < pairs; i++) {
        char *writable = base + (size_t)i * 2 * region;
        memset(writable, 1, region);
        if (mprotect(writable + region, region, PROT_READ) != 0) { perror("mprotect"); return 1; }
    }
    printf("ready\n");
    fflush(stdout);
    char buf[64];
    while (read(0, buf, sizeof buf) > 0) { }
    return 0;
}
