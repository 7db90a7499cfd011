/*
 * A family of processes that share memory, for vmtool ps and the anatomy of a whole program: the parent maps four
 * shared objects of SHARED_KB each (a MAP_SHARED anonymous region, a memfd, a file in DIR, a System V segment),
 * writes them, then forks N children. Child i (from 0) writes every shared page (so that each object is resident
 * in every process) and writes a private anonymous region of (i + 1) * PRIVATE_KB. Each process then prints a line
 * and blocks until its standard input ends (all of them share it), and exits.
 *
 *   family N PRIVATE_KB SHARED_KB DIR      prints "shared ADDR..." once, then "child PID PRIVATE_ADDR KB" per child,
 *                                          then "ready"
 *   family N 0 0 -                         N sleeping children that map nothing more (a thousand processes)
 *
 * The file is removed and the segment marked for removal as soon as they are mapped: nothing is left behind.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/shm.h>
#include <sys/wait.h>

static void die(const char *what) {
    perror(what);
    exit(2);
}

static void touch(char *p, size_t bytes, char value) {
    for (size_t i = 0; i < bytes; i += 4096) {
        p[i] = value;
    }
}

static void wait_for_end_of_input(void) {
    char c;
    while (read(0, &c, 1) > 0) {
    }
}

int main(int argc, char **argv) {
    if (argc != 5) {
        fprintf(stderr, "usage: family N PRIVATE_KB SHARED_KB DIR\n");
        return 2;
    }
    int n = atoi(argv[1]);
    size_t private_kb = strtoul(argv[2], NULL, 10);
    size_t shared = strtoul(argv[3], NULL, 10) * 1024;
    const char *dir = argv[4];
    char *objects[4] = {0};
    if (shared > 0) {
        objects[0] = mmap(NULL, shared, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
        int memfd = memfd_create("family-memfd", 0);
        if (memfd < 0 || ftruncate(memfd, shared) != 0) die("memfd");
        objects[1] = mmap(NULL, shared, PROT_READ | PROT_WRITE, MAP_SHARED, memfd, 0);
        char path[4096];
        snprintf(path, sizeof path, "%s/family-shared.dat", dir);
        int fd = open(path, O_RDWR | O_CREAT | O_EXCL, 0600);
        if (fd < 0 || ftruncate(fd, shared) != 0) die("file");
        objects[2] = mmap(NULL, shared, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
        unlink(path);
        int id = shmget(IPC_PRIVATE, shared, IPC_CREAT | 0600);
        if (id < 0) die("shmget");
        objects[3] = shmat(id, NULL, 0);
        if (objects[3] == (void *) -1) die("shmat");
        shmctl(id, IPC_RMID, NULL);
        for (int k = 0; k < 4; k++) {
            if (objects[k] == MAP_FAILED) die("mmap");
            touch(objects[k], shared, 1);
        }
        printf("shared %p %p %p %p\n", (void *) objects[0], (void *) objects[1], (void *) objects[2],
               (void *) objects[3]);
    }
    int ready[2];
    if (pipe(ready) != 0) die("pipe");
    for (int i = 0; i < n; i++) {
        pid_t pid = fork();
        if (pid < 0) die("fork");
        if (pid == 0) {
            close(ready[0]);
            size_t bytes = (i + 1) * private_kb * 1024;
            char *mine = NULL;
            if (bytes > 0) {
                mine = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
                if (mine == MAP_FAILED) die("private");
                touch(mine, bytes, 2);
            }
            for (int k = 0; k < 4 && shared > 0; k++) {
                touch(objects[k], shared, 3);
            }
            char line[128];
            int length = snprintf(line, sizeof line, "child %d %p %zu\n", getpid(), (void *) mine, bytes / 1024);
            if (write(ready[1], line, length) != length) die("write");
            close(ready[1]);
            wait_for_end_of_input();
            _exit(0);
        }
    }
    close(ready[1]);
    /* Each child's line is short, so written at once: the pipe gives whole lines, in any order. */
    char buffer[4096];
    ssize_t got;
    while ((got = read(ready[0], buffer, sizeof buffer)) > 0) {
        fwrite(buffer, 1, got, stdout);
    }
    printf("ready\n");
    fflush(stdout);
    wait_for_end_of_input();
    while (wait(NULL) > 0) {
    }
    return 0;
}
