/*
 * anatomy: a quiet process with one region of each kind that vmtool anatomy and where must recognise.
 * Built dynamically (it must have libraries) by AnatomyHelper.java.
 *
 * usage: anatomy DIR   (DIR: an existing directory for its deleted file; the caller removes it)
 * Prints "ready", then lines "NAME ADDRESS START END" (hex, no 0x: an address inside the region, and the region's
 * bounds when the program knows them, else 0 0), "thread TID NAME" for each named thread, "shmid ID", and "end".
 * Then sleeps until its standard input closes (so it never outlives the test).
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <link.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/shm.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "lookalike.h"

#define PAGE 4096UL
#define BIG_MALLOC (8UL << 20)
#define SHM_SIZE (12 * PAGE)
#define MEMFD_SIZE (5 * PAGE)
#define SHARED_ANON_SIZE (7 * PAGE)
#define DELETED_SIZE (3 * PAGE)

/* Zero-initialised and larger than the data's last page: its own anonymous mapping after the program's data. */
static char bss[1 << 20];

static void die(const char *what) {
    perror(what);
    exit(2);
}

struct worker {
    const char *name;
    pid_t tid;
    void *stack_address;
    pthread_barrier_t *started;
};

/* Blocks in read(2) on a pipe nobody writes: in a system call, so /proc/PID/task/TID/syscall has its sp. */
static int never[2];

static void *work(void *arg) {
    struct worker *self = arg;
    char local = 0;
    self->tid = (pid_t) syscall(SYS_gettid);
    self->stack_address = &local;
    pthread_barrier_wait(self->started);
    char byte;
    for (;;) {
        if (read(never[0], &byte, 1) <= 0) pause();
    }
    return NULL;
}

/* A loaded object found by dl_iterate_phdr: where its file's data ends (page-rounded: its bss starts there when it
 * has one of its own mapping) and where its image ends. */
struct image {
    const char *suffix;
    unsigned long base, data_end, image_end;
    char path[4096];
};

static int find_image(struct dl_phdr_info *info, size_t size, void *arg) {
    (void) size;
    struct image *image = arg;
    size_t name_length = strlen(info->dlpi_name), suffix_length = strlen(image->suffix);
    if (name_length < suffix_length || strcmp(info->dlpi_name + name_length - suffix_length, image->suffix) != 0)
        return 0;
    for (int i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        if (ph->p_type != PT_LOAD) continue;
        unsigned long data_end = (info->dlpi_addr + ph->p_vaddr + ph->p_filesz + PAGE - 1) & ~(PAGE - 1);
        unsigned long image_end = info->dlpi_addr + ph->p_vaddr + ph->p_memsz;
        if (image_end > image->image_end) {
            image->image_end = image_end;
            image->data_end = data_end;
        }
    }
    image->base = info->dlpi_addr;
    snprintf(image->path, sizeof image->path, "%s", info->dlpi_name);
    return 1;
}

#define LOOKALIKE_SIZE (16 * PAGE)

/* The lookalikes' anonymous memory after the file: the file's mapping's start is not needed. */
static char *reserve_file_then_anonymous(int fd, size_t file_bytes) {
    char *file_start;
    return file_then_anonymous(fd, file_bytes, LOOKALIKE_SIZE, &file_start);
}

static void line(const char *name, const void *address, const void *start, size_t length) {
    printf("%s %lx %lx %lx\n", name, (unsigned long) address, (unsigned long) start,
           start ? (unsigned long) start + length : 0UL);
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: anatomy DIR\n");
        return 2;
    }
    if (pipe(never) != 0) die("pipe");

    /* The threads first: a later anonymous mapping next to a thread's stack could be merged with it. */
    pthread_barrier_t started;
    pthread_barrier_init(&started, NULL, 3);
    struct worker workers[2] = {{"anat-reader", 0, NULL, &started}, {"anat-waiter", 0, NULL, &started}};
    for (int i = 0; i < 2; i++) {
        pthread_t thread;
        if (pthread_create(&thread, NULL, work, &workers[i]) != 0) die("pthread_create");
        if (pthread_setname_np(thread, workers[i].name) != 0) die("pthread_setname_np");
    }
    pthread_barrier_wait(&started);

    char *big = malloc(BIG_MALLOC); /* above glibc's mmap threshold: a mapping of its own */
    if (!big) die("malloc");
    memset(big, 1, BIG_MALLOC);
    char *small = malloc(64); /* from the brk heap */
    if (!small) die("malloc");
    memset(bss, 1, 3 * PAGE);

    int shmid = shmget(IPC_PRIVATE, SHM_SIZE, IPC_CREAT | 0600);
    if (shmid < 0) die("shmget");
    char *shm = shmat(shmid, NULL, 0);
    if (shm == (void *) -1) die("shmat");
    shmctl(shmid, IPC_RMID, NULL); /* removed when detached: nothing left behind */
    memset(shm, 2, PAGE);

    int memfd = memfd_create("anatomy-ring", 0);
    if (memfd < 0 || ftruncate(memfd, (off_t) MEMFD_SIZE) != 0) die("memfd");
    char *ring = mmap(NULL, MEMFD_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, memfd, 0);
    if (ring == MAP_FAILED) die("mmap memfd");
    memset(ring, 3, 2 * PAGE);

    char *shared = mmap(NULL, SHARED_ANON_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (shared == MAP_FAILED) die("mmap shared");
    memset(shared, 4, PAGE);

    char path[4096];
    snprintf(path, sizeof path, "%s/gone.dat", argv[1]);
    int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
    if (fd < 0 || ftruncate(fd, (off_t) DELETED_SIZE) != 0) die(path);
    char *gone = mmap(NULL, DELETED_SIZE, PROT_READ, MAP_PRIVATE, fd, 0);
    if (gone == MAP_FAILED) die("mmap file");
    volatile char sink = gone[PAGE];
    (void) sink;
    close(fd);
    if (unlink(path) != 0) die("unlink");

    /* libc's bss, as the loader made it: anonymous memory after its last file page, up to its image's end. */
    struct image libc = {"libc.so.6", 0, 0, 0, ""};
    dl_iterate_phdr(find_image, &libc);
    if (!libc.base || libc.data_end >= libc.image_end) die("libc's bss");

    /* Lookalikes: libc's file mapped by hand, anonymous memory right after it. After 4 MiB of it (past its
     * image's end) the memory is not libc's bss; after its first page (inside the image) it is taken for it. */
    int libc_fd = open(libc.path, O_RDONLY);
    if (libc_fd < 0) die(libc.path);
    char *past = reserve_file_then_anonymous(libc_fd, 4UL << 20);
    char *inside = reserve_file_then_anonymous(libc_fd, PAGE);
    close(libc_fd);

    int on_stack = 0;
    printf("ready\n");
    line("program", (void *) main, NULL, 0);
    line("bss", bss + 2 * PAGE, NULL, 0);
    line("heap", small, NULL, 0);
    line("stack", &on_stack, NULL, 0);
    line("library", (void *) printf, NULL, 0);
    line("library-bss", (void *) libc.data_end + 8, NULL, 0);
    line("after-library-image", past + 8, past, LOOKALIKE_SIZE);
    line("inside-library-image", inside + 8, inside, LOOKALIKE_SIZE);
    line("big-malloc", big + 100, big, BIG_MALLOC);
    line("sysv", shm + 10, shm, SHM_SIZE);
    line("memfd", ring + PAGE + 1, ring, MEMFD_SIZE);
    line("shared-anonymous", shared + 8, shared, SHARED_ANON_SIZE);
    line("deleted", gone + PAGE + 0x10, gone, DELETED_SIZE);
    for (int i = 0; i < 2; i++) {
        char name[32];
        snprintf(name, sizeof name, "thread-stack-%d", i);
        line(name, workers[i].stack_address, NULL, 0);
        printf("thread %d %s\n", (int) workers[i].tid, workers[i].name);
    }
    printf("shmid %d\n", shmid);
    printf("end\n");
    fflush(stdout);

    char byte;
    while (read(0, &byte, 1) > 0) {
    }
    return 0;
}
