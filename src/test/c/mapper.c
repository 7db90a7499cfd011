/*
 * mapper: a quiet process whose address space holds the awkward mappings that pmap has to print.
 * Used by the differential tests (vmtool pmap against /usr/bin/pmap); built by the test with gcc -static,
 * so that no shared library's Pss depends on which other processes run (pmap maps libc, so would we).
 *
 * usage: mapper DIR [--reexec] [ARG...]
 *   DIR       an existing directory for the files it maps (the caller deletes it);
 *   --reexec  re-exec this program once with that argument replaced by invalid UTF-8 bytes
 *             (Java cannot pass such bytes in argv); the pid stays the same.
 *   --small   few mappings only (a second, smaller process for multi-PID tests).
 *   --shm-file PATH  also map PATH (an existing file of at least 4 pages, e.g. on /dev/shm) shared, below every
 *             other mmap (at 0x10000000 if free), so that it is the first major-0 file mapping in maps.
 *   --exec-argv [HEX...]  re-exec this program as a small helper whose whole argv is the hex-decoded
 *             arguments (none: an empty argv), to give it a command line no Java launch can: argv[0] empty,
 *             only empty arguments, any bytes. DIR then travels in the environment (MAPPER_DIR).
 * Prints "ready" when set up, then "NAME START END" lines (hex, no 0x) and "end", then sleeps
 * until its standard input closes (so it never outlives the test) or it is killed.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <unistd.h>

#define PAGE 4096UL
#define SMALL_PAGES 3000
#define THP_SIZE (4UL << 20)

static void die(const char *what) {
    perror(what);
    exit(2);
}

static char dir[2048];

static void path_in(char *out, size_t size, const char *name) {
    snprintf(out, size, "%s/%s", dir, name);
}

/* Creates DIR/name with `pages` pages of data, maps it (shared or private), touches it, returns the address. */
static char *map_file(const char *name, size_t pages, int shared, int unlink_after) {
    char path[4096];
    path_in(path, sizeof path, name);
    int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
    if (fd < 0) die(path);
    char block[PAGE];
    memset(block, 'x', sizeof block);
    for (size_t i = 0; i < pages; i++) {
        if (write(fd, block, sizeof block) != (ssize_t) sizeof block) die("write");
    }
    char *p = mmap(NULL, pages * PAGE, PROT_READ | (shared ? PROT_WRITE : 0),
                   shared ? MAP_SHARED : MAP_PRIVATE, fd, 0);
    if (p == MAP_FAILED) die("mmap file");
    close(fd);
    volatile char sink = 0;
    for (size_t i = 0; i < pages; i++) sink += p[i * PAGE];
    (void) sink;
    if (shared) p[0] = 'y';
    if (unlink_after && unlink(path) != 0) die("unlink");
    return p;
}

static void mkdirs(const char *relative) {
    char path[4096];
    path_in(path, sizeof path, relative);
    for (char *s = path + strlen(dir) + 1; *s; s++) {
        if (*s == '/') {
            *s = '\0';
            if (mkdir(path, 0755) != 0 && errno != EEXIST) die(path);
            *s = '/';
        }
    }
}

static void *sleeper(void *arg) {
    (void) arg;
    for (;;) pause();
    return NULL;
}

static void report(const char *name, const void *start, size_t length) {
    printf("%s %lx %lx\n", name, (unsigned long) start, (unsigned long) start + length);
}

static int hex_digit(char c) {
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* argv[first..argc) decoded from hex, NULL-terminated; exits on bad hex. */
static char **decode_argv(int argc, char **argv, int first) {
    char **out = calloc((size_t) (argc - first + 1), sizeof *out);
    if (!out) die("calloc");
    for (int i = first; i < argc; i++) {
        size_t len = strlen(argv[i]);
        char *arg = calloc(len / 2 + 1, 1);
        if (!arg || len % 2) die("argv hex");
        for (size_t j = 0; j < len; j += 2) {
            int hi = hex_digit(argv[i][j]), lo = hex_digit(argv[i][j + 1]);
            if (hi < 0 || lo < 0) die("argv hex");
            arg[j / 2] = (char) (hi << 4 | lo);
        }
        out[i - first] = arg;
    }
    return out;
}

int main(int argc, char **argv) {
    const char *env_dir = getenv("MAPPER_DIR");
    if (env_dir) {
        /* The re-exec'd --exec-argv helper: its argv means nothing. */
        static char *small_argv[] = {"mapper", NULL, "--small", NULL};
        small_argv[1] = (char *) env_dir;
        argc = 3;
        argv = small_argv;
        unsetenv("MAPPER_DIR");
    }
    if (argc >= 3 && strcmp(argv[2], "--exec-argv") == 0) {
        if (setenv("MAPPER_DIR", argv[1], 1) != 0) die("setenv");
        execve("/proc/self/exe", decode_argv(argc, argv, 3), environ);
        die("execve");
    }
    if (argc < 2) {
        fprintf(stderr, "usage: mapper DIR [--reexec] [--small] [ARG...]\n");
        return 2;
    }
    for (int i = 2; i < argc; i++) {
        if (strcmp(argv[i], "--reexec") == 0) {
            argv[i] = "\xff\xfe-not-utf8";
            execv("/proc/self/exe", argv);
            die("execv");
        }
    }
    int small = 0;
    const char *shm_file = NULL;
    for (int i = 2; i < argc; i++) {
        small |= strcmp(argv[i], "--small") == 0;
        if (strcmp(argv[i], "--shm-file") == 0 && i + 1 < argc) shm_file = argv[i + 1];
    }
    snprintf(dir, sizeof dir, "%s", argv[1]);
    setvbuf(stdout, NULL, _IOLBF, 0);

    /* Files: a path with spaces, a deleted file, UTF-8, invalid UTF-8, a tab, a newline, long paths. */
    char *spaces = map_file("file with spaces.dat", 4, 0, 0);
    map_file("deleted.dat", 2, 1, 1);
    if (!small) {
        map_file("caf\xc3\xa9.dat", 2, 0, 0);
        map_file("bad-\xff\xfe-utf8.dat", 2, 0, 0);
        map_file("tab\there.dat", 1, 0, 0);
        map_file("new\nline.dat", 1, 0, 0);
        map_file("ctrl-\x01\x7f-chars.dat", 1, 0, 0);
        /* The mapping column of -X is cut to 127 characters before the basename is taken:
           here the cut falls inside the file name, and in the second one inside a directory name. */
        const char *long1 = "long-directory-name-number-one/long-directory-name-number-two/"
                            "a-file-name-that-is-long-enough-to-be-cut-somewhere-in-the-middle.dat";
        const char *long2 = "d1-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx/"
                            "d2-yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy/"
                            "d3-zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz/short.dat";
        mkdirs(long1);
        mkdirs(long2);
        map_file(long1, 1, 0, 0);
        map_file(long2, 1, 0, 0);
    }

    /* A memfd, a SysV segment (removed at once: it goes away with the process), shared anonymous memory. */
    int memfd = memfd_create("vmtool-test-memfd", 0);
    if (memfd < 0) die("memfd_create");
    if (ftruncate(memfd, 8 * PAGE) != 0) die("ftruncate");
    char *mem = mmap(NULL, 8 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, memfd, 0);
    if (mem == MAP_FAILED) die("mmap memfd");
    memset(mem, 1, 3 * PAGE);

    int shmid = shmget(IPC_PRIVATE, 16 * PAGE, IPC_CREAT | 0600);
    if (shmid < 0) die("shmget");
    char *shm = shmat(shmid, NULL, 0);
    if (shm == (void *) -1) die("shmat");
    if (shmctl(shmid, IPC_RMID, NULL) != 0) die("shmctl IPC_RMID");
    memset(shm, 2, 5 * PAGE);

    char *shared_anon = mmap(NULL, 6 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (shared_anon == MAP_FAILED) die("mmap shared anon");
    memset(shared_anon, 3, 2 * PAGE);

    char *none = mmap(NULL, 16 * PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (none == MAP_FAILED) die("mmap PROT_NONE");

    /* Locked memory: mlock may fail without CAP_IPC_LOCK; the region is there either way. */
    char *locked = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (locked == MAP_FAILED) die("mmap locked");
    memset(locked, 4, 4 * PAGE);
    int lock_ok = mlock(locked, 4 * PAGE) == 0;

    /* A transparent huge page: 4 MiB aligned, advised, touched. */
    char *thp_raw = mmap(NULL, 3 * THP_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (thp_raw == MAP_FAILED) die("mmap thp");
    char *thp = (char *) (((unsigned long) thp_raw + THP_SIZE - 1) & ~(THP_SIZE - 1));
    munmap(thp_raw, (size_t) (thp - thp_raw));
    munmap(thp + THP_SIZE, (size_t) (thp_raw + 3 * THP_SIZE - (thp + THP_SIZE)));
    madvise(thp, THP_SIZE, MADV_HUGEPAGE);
    memset(thp, 5, THP_SIZE);

    /* Thousands of small mappings: alternating protections keep the kernel from merging them. */
    size_t small_pages = small ? 20 : SMALL_PAGES;
    char *many = mmap(NULL, small_pages * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (many == MAP_FAILED) die("mmap many");
    for (size_t i = 0; i < small_pages; i++) {
        if (i % 3 == 0) many[i * PAGE] = 6;
        if (i % 2 == 1 && mprotect(many + i * PAGE, PAGE, PROT_READ) != 0) die("mprotect");
    }

    /* A few sleeping threads: their stacks are anonymous mappings with guard pages. */
    for (int i = 0; i < 3; i++) {
        pthread_t thread;
        if (pthread_create(&thread, NULL, sleeper, NULL) != 0) die("pthread_create");
    }

    char *shm_file_map = NULL;
    if (shm_file) {
        int fd = open(shm_file, O_RDWR);
        if (fd < 0) die(shm_file);
        shm_file_map = mmap((void *) 0x10000000UL, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
        if (shm_file_map == MAP_FAILED) die("mmap shm file");
        close(fd);
        memset(shm_file_map, 7, 2 * PAGE);
    }

    /* Every file page written back now (its binary, just built, and the files it wrote and maps): else they are
     * dirty until writeback, some 30 s later, and a snapshot taken before it disagrees with pmap after it on Dirty. */
    sync();
    printf("ready\n");
    report("spaces", spaces, 4 * PAGE);
    report("memfd", mem, 8 * PAGE);
    report("shm", shm, 16 * PAGE);
    report("shared_anon", shared_anon, 6 * PAGE);
    report("prot_none", none, 16 * PAGE);
    report("locked", locked, 4 * PAGE);
    report("thp", thp, THP_SIZE);
    report("many", many, small_pages * PAGE);
    if (shm_file_map) report("shm_file", shm_file_map, 4 * PAGE);
    printf("mlock %s\n", lock_ok ? "ok" : "failed");
    printf("shmid %d\n", shmid);
    printf("end\n");

    char buf[256];
    while (read(0, buf, sizeof buf) > 0) {
    }
    return 0;
}
