/*
 * pages: a process whose pages are in known states, for the tests of vmtool pages and where --physical.
 * Usage: pages DIR   (DIR: a directory for the file it maps, shared.dat)
 *
 * It maps, each region on its own (MAP_FIXED_NOREPLACE far apart, so that no two merge):
 *   every_other  64 pages, every other page written (MADV_NOHUGEPAGE: one base page per fault);
 *   huge         8 MiB, 2 MiB-aligned, MADV_HUGEPAGE, every page written (THP if the kernel gives it);
 *   file         DIR/shared.dat (16 pages), MAP_SHARED, every page read; the child maps and reads it too;
 *   shared_anon  16 pages MAP_SHARED|MAP_ANONYMOUS, written before the fork, read by the child after it;
 *   cow          16 pages private, written before the fork: shared with the child until it writes;
 *   locked       16 pages, mlock'd (populated by mlock);
 *   read_only    16 pages private, only read (a real page or the zero page, by kernel);
 *   sparse_tail  288 MiB private: 256 MiB never touched, then every other page of 32 MiB written: 4,096 runs, a
 *                full PAGEMAP_SCAN vector of vmtool's that ends where the mapping does;
 *   wide         1,280 MiB private (five of vmtool's 256 MiB batches, so read on two threads), in its k-th 256 MiB
 *                every (16 << k)-th page written: 4,096 + 2,048 + 1,024 + 512 + 256 = 7,936 pages, each batch
 *                with a count of its own.
 * then forks a child that maps the file and reads it, and prints
 *   ready
 *   child PID
 *   NAME START END     (hex, no 0x) for each region
 *   end
 * A line "write" on stdin makes the child write the first 8 pages of cow; "done" follows. It ends when stdin closes
 * (the child dies with it).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef MAP_FIXED_NOREPLACE
#define MAP_FIXED_NOREPLACE 0x100000
#endif

#define PAGE 4096UL
#define HUGE_SIZE (8UL << 20)
#define UNTOUCHED_HEAD (256UL << 20)
#define TAIL_SIZE (UNTOUCHED_HEAD + (32UL << 20))
#define WIDE_PART (256UL << 20)
#define WIDE_SIZE (5 * WIDE_PART)

static void die(const char *what) {
    perror(what);
    exit(2);
}

static char *map_at(unsigned long address, size_t size, int flags, int fd) {
    char *p = mmap((void *) address, size, PROT_READ | PROT_WRITE, flags | MAP_FIXED_NOREPLACE, fd, 0);
    if (p != (char *) address) die("mmap at a fixed address");
    return p;
}

static void no_huge(char *p, size_t size) {
    if (madvise(p, size, MADV_NOHUGEPAGE) != 0 && errno != EINVAL) die("madvise");
}

static volatile char sink;

static void read_pages(char *p, size_t pages) {
    for (size_t i = 0; i < pages; i++) sink = p[i * PAGE];
}

static void print(const char *name, char *start, size_t size) {
    printf("%s %lx %lx\n", name, (unsigned long) start, (unsigned long) (start + size));
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: pages DIR\n");
        return 2;
    }
    char path[4096];
    snprintf(path, sizeof path, "%s/shared.dat", argv[1]);
    int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
    if (fd < 0) die("open");
    char page[PAGE];
    for (int i = 0; i < 16; i++) {
        memset(page, 'a' + i, sizeof page);
        if (write(fd, page, sizeof page) != (ssize_t) sizeof page) die("write");
    }
    fsync(fd);

    char *every_other = map_at(0x300000000000UL, 64 * PAGE, MAP_PRIVATE | MAP_ANONYMOUS, -1);
    no_huge(every_other, 64 * PAGE);
    for (int i = 0; i < 64; i += 2) every_other[i * PAGE] = 1;

    char *huge = map_at(0x300100000000UL, HUGE_SIZE, MAP_PRIVATE | MAP_ANONYMOUS, -1);
    if (madvise(huge, HUGE_SIZE, MADV_HUGEPAGE) != 0 && errno != EINVAL) die("madvise");
    memset(huge, 1, HUGE_SIZE);

    char *file = map_at(0x300200000000UL, 16 * PAGE, MAP_SHARED, fd);
    read_pages(file, 16);

    char *shared_anon = map_at(0x300300000000UL, 16 * PAGE, MAP_SHARED | MAP_ANONYMOUS, -1);
    memset(shared_anon, 2, 16 * PAGE);

    char *cow = map_at(0x300400000000UL, 16 * PAGE, MAP_PRIVATE | MAP_ANONYMOUS, -1);
    no_huge(cow, 16 * PAGE);
    memset(cow, 3, 16 * PAGE);

    char *locked = map_at(0x300500000000UL, 16 * PAGE, MAP_PRIVATE | MAP_ANONYMOUS, -1);
    no_huge(locked, 16 * PAGE);
    if (mlock(locked, 16 * PAGE) != 0) die("mlock");

    char *read_only = map_at(0x300600000000UL, 16 * PAGE, MAP_PRIVATE | MAP_ANONYMOUS, -1);
    no_huge(read_only, 16 * PAGE);
    read_pages(read_only, 16);

    char *sparse_tail = map_at(0x300700000000UL, TAIL_SIZE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1);
    no_huge(sparse_tail, TAIL_SIZE);
    for (size_t i = UNTOUCHED_HEAD / PAGE; i < TAIL_SIZE / PAGE; i += 2) sparse_tail[i * PAGE] = 1;

    char *wide = map_at(0x300800000000UL, WIDE_SIZE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1);
    no_huge(wide, WIDE_SIZE);
    for (size_t k = 0; k < 5; k++)
        for (size_t i = 0; i < WIDE_PART / PAGE; i += 16UL << k) wide[k * WIDE_PART + i * PAGE] = 1;

    int command[2], ack[2];
    if (pipe(command) != 0 || pipe(ack) != 0) die("pipe");
    pid_t parent = getpid();
    pid_t child = fork();
    if (child < 0) die("fork");
    if (child == 0) {
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (getppid() != parent) _exit(0);
        close(command[1]);
        close(ack[0]);
        char *again = mmap(NULL, 16 * PAGE, PROT_READ, MAP_SHARED, fd, 0);
        if (again == MAP_FAILED) die("mmap in the child");
        read_pages(again, 16);
        /* fork copies no page table entry of a shared mapping: the child maps the pages when it touches them. */
        read_pages(shared_anon, 16);
        char c;
        while (read(command[0], &c, 1) == 1) {
            memset(cow, 4, 8 * PAGE);
            if (write(ack[1], "x", 1) != 1) _exit(2);
        }
        _exit(0);
    }
    close(command[0]);
    close(ack[1]);

    printf("ready\nchild %d\n", (int) child);
    print("every_other", every_other, 64 * PAGE);
    print("huge", huge, HUGE_SIZE);
    print("file", file, 16 * PAGE);
    print("shared_anon", shared_anon, 16 * PAGE);
    print("cow", cow, 16 * PAGE);
    print("locked", locked, 16 * PAGE);
    print("read_only", read_only, 16 * PAGE);
    print("sparse_tail", sparse_tail, TAIL_SIZE);
    print("wide", wide, WIDE_SIZE);
    printf("end\n");
    fflush(stdout);

    char line[64];
    while (fgets(line, sizeof line, stdin) != NULL) {
        if (strcmp(line, "write\n") == 0) {
            char c;
            if (write(command[1], "w", 1) != 1 || read(ack[0], &c, 1) != 1) die("child");
            printf("done\n");
            fflush(stdout);
        }
    }
    kill(child, SIGKILL);
    waitpid(child, NULL, 0);
    return 0;
}
