/*
 * sharers: a program that is several processes, as a browser is: a parent and N children that share four objects
 * and each hold memory of their own. Built by SharersHelper.java (the tests) and by scripts/bench-programs and
 * scripts/lab-output.
 *
 * usage: sharers N DIR [PRIVATE_KB] [MAPPINGS]
 *   The parent makes, and writes every page of:
 *     - 64 pages of shared anonymous memory (mmap MAP_SHARED|MAP_ANONYMOUS),
 *     - a memfd "sharers-memfd" of 32 pages, mapped shared,
 *     - the file DIR/shared.dat of 16 pages, mapped shared,
 *     - a System V segment of 8 pages (shmget IPC_PRIVATE, shmat), marked for removal once every child has it,
 *   and maps the file DIR/private.dat of 4 pages privately (MAP_PRIVATE), without touching it; then forks N
 *   children. Child i (1..N) writes every page of the four objects again (so that each maps them resident: a fork
 *   does not copy the page tables of shared memory), reads pages 1 to 3 of private.dat and writes its page 0 (a copy
 *   of its own: the same file, another frame), then maps PRIVATE_KB * i kB (default 256) of private anonymous
 *   memory and writes all of it. With MAPPINGS, each process also maps MAPPINGS single pages of
 *   DIR/shared.dat read-only, every other one left out so that none merges with its neighbour (a process with
 *   many mappings, for the benchmark).
 * Prints "ready", then "parent PID", one "child I PID PRIVATE_START PRIVATE_END" per child (hex, no 0x), "shmid ID",
 * then "end"; then waits until its standard input closes, kills the children (they also die with the parent:
 * PR_SET_PDEATHSIG) and exits. Exit 2 when something cannot be made.
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
#include <sys/shm.h>
#include <sys/wait.h>
#include <unistd.h>

#define PAGE 4096UL
#define ANON_PAGES 64
#define MEMFD_PAGES 32
#define FILE_PAGES 16
#define SYSV_PAGES 8
#define PRIVATE_FILE_PAGES 4

static char *anon, *memfd_map, *file_map, *sysv, *private_map;

static void fail(const char *what) {
    perror(what);
    exit(2);
}

static void write_pages(char *p, unsigned long pages, int value) {
    for (unsigned long i = 0; i < pages; i++) {
        p[i * PAGE] = (char) value;
    }
}

static void many_mappings(int fd, long count) {
    /* Single pages of the file, every other page of a reserved range left unmapped: no two merge. */
    char *base = mmap(NULL, (unsigned long) count * 2 * PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (base == MAP_FAILED) {
        fail("mmap reserve");
    }
    munmap(base, (unsigned long) count * 2 * PAGE);
    for (long i = 0; i < count; i++) {
        if (mmap(base + i * 2 * PAGE, PAGE, PROT_READ, MAP_SHARED | MAP_FIXED_NOREPLACE, fd,
                 (off_t) ((i % FILE_PAGES) * PAGE)) == MAP_FAILED) {
            fail("mmap page");
        }
    }
}

static void wait_for_stdin_to_close(void) {
    char buf[256];
    for (;;) {
        ssize_t got = read(0, buf, sizeof buf);
        if (got == 0 || (got < 0 && errno != EINTR)) {
            return;
        }
    }
}

int main(int argc, char **argv) {
    if (argc < 3 || argc > 5) {
        fprintf(stderr, "usage: sharers N DIR [PRIVATE_KB] [MAPPINGS]\n");
        return 2;
    }
    int n = atoi(argv[1]);
    unsigned long private_kb = argc > 3 ? strtoul(argv[3], NULL, 10) : 256;
    long mappings = argc > 4 ? atol(argv[4]) : 0;
    if (n < 1 || n > 4096 || private_kb == 0 || private_kb % 4 != 0 || mappings < 0) {
        fprintf(stderr, "sharers: N from 1 to 4096, PRIVATE_KB a multiple of 4, MAPPINGS >= 0\n");
        return 2;
    }

    anon = mmap(NULL, ANON_PAGES * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (anon == MAP_FAILED) {
        fail("mmap shared anonymous");
    }
    int mfd = memfd_create("sharers-memfd", 0);
    if (mfd < 0 || ftruncate(mfd, MEMFD_PAGES * PAGE) != 0) {
        fail("memfd_create");
    }
    memfd_map = mmap(NULL, MEMFD_PAGES * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, mfd, 0);
    if (memfd_map == MAP_FAILED) {
        fail("mmap memfd");
    }
    char path[4096];
    snprintf(path, sizeof path, "%s/shared.dat", argv[2]);
    int ffd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
    if (ffd < 0 || ftruncate(ffd, FILE_PAGES * PAGE) != 0) {
        fail(path);
    }
    file_map = mmap(NULL, FILE_PAGES * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, ffd, 0);
    if (file_map == MAP_FAILED) {
        fail("mmap file");
    }
    snprintf(path, sizeof path, "%s/private.dat", argv[2]);
    int pfd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
    if (pfd < 0 || ftruncate(pfd, PRIVATE_FILE_PAGES * PAGE) != 0) {
        fail(path);
    }
    private_map = mmap(NULL, PRIVATE_FILE_PAGES * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, pfd, 0);
    if (private_map == MAP_FAILED) {
        fail("mmap private file");
    }
    close(pfd);
    int shmid = shmget(IPC_PRIVATE, SYSV_PAGES * PAGE, IPC_CREAT | 0600);
    if (shmid < 0) {
        fail("shmget");
    }
    sysv = shmat(shmid, NULL, 0);
    if (sysv == (void *) -1) {
        shmctl(shmid, IPC_RMID, NULL);
        fail("shmat");
    }
    write_pages(anon, ANON_PAGES, 1);
    write_pages(memfd_map, MEMFD_PAGES, 2);
    write_pages(file_map, FILE_PAGES, 3);
    write_pages(sysv, SYSV_PAGES, 4);
    if (mappings > 0) {
        many_mappings(ffd, mappings);
    }

    pid_t parent = getpid();
    pid_t *children = calloc((size_t) n, sizeof *children);
    unsigned long *starts = calloc((size_t) n, sizeof *starts);
    /* Each child says on a pipe where its private memory is, once it is written. */
    int report[2];
    if (children == NULL || starts == NULL || pipe(report) != 0) {
        shmctl(shmid, IPC_RMID, NULL);
        fail("pipe");
    }
    for (int i = 0; i < n; i++) {
        pid_t pid = fork();
        if (pid < 0) {
            shmctl(shmid, IPC_RMID, NULL);
            fail("fork");
        }
        if (pid == 0) {
            prctl(PR_SET_PDEATHSIG, SIGKILL);
            if (getppid() != parent) {
                _exit(0);
            }
            close(report[0]);
            write_pages(anon, ANON_PAGES, 1);
            write_pages(memfd_map, MEMFD_PAGES, 2);
            write_pages(file_map, FILE_PAGES, 3);
            write_pages(sysv, SYSV_PAGES, 4);
            volatile char sum = 0;
            for (int p = 1; p < PRIVATE_FILE_PAGES; p++) {
                sum += private_map[p * PAGE];
            }
            private_map[0] = sum + 6;
            unsigned long size = private_kb * 1024 * (unsigned long) (i + 1);
            char *own = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
            if (own == MAP_FAILED) {
                _exit(2);
            }
            write_pages(own, size / PAGE, 5 + i);
            unsigned long line[2] = {(unsigned long) i, (unsigned long) own};
            if (write(report[1], line, sizeof line) != sizeof line) {
                _exit(2);
            }
            for (;;) {
                pause();
            }
        }
        children[i] = pid;
    }
    close(report[1]);
    for (int got = 0; got < n; got++) {
        unsigned long line[2];
        if (read(report[0], line, sizeof line) != sizeof line || line[0] >= (unsigned long) n) {
            shmctl(shmid, IPC_RMID, NULL);
            fail("a child did not report");
        }
        starts[line[0]] = line[1];
    }
    /* Every child has it attached: once they all detach (exit) the kernel frees it, even if this is killed. */
    shmctl(shmid, IPC_RMID, NULL);
    printf("ready\nparent %d\n", (int) parent);
    for (int i = 0; i < n; i++) {
        printf("child %d %d %lx %lx\n", i + 1, (int) children[i], starts[i],
               starts[i] + private_kb * 1024 * (unsigned long) (i + 1));
    }
    printf("shmid %d\nend\n", shmid);
    fflush(stdout);
    wait_for_stdin_to_close();
    for (int i = 0; i < n; i++) {
        kill(children[i], SIGKILL);
    }
    for (int i = 0; i < n; i++) {
        waitpid(children[i], NULL, 0);
    }
    return 0;
}
