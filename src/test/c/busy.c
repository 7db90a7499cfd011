/*
 * busy: a process with threads that never block (each spins on the CPU), so that /proc/PID/task/TID/syscall says
 * "running" for them and gives no stack pointer, and one thread that blocks in read(2), which has one.
 * Built dynamically, with threads, by AnatomyHelper.compile.
 *
 * usage: busy SPINNERS [undumpable] [ended]
 *   undumpable: first prctl(PR_SET_DUMPABLE, 0), as ssh-agent does: the kernel then makes the process's /proc files
 *   root's, and refuses its owner what needs ptrace access (smaps, maps, the threads' syscall files).
 *   ended: first starts a thread with a 1 MiB stack and joins it: glibc keeps its stack for reuse (the later threads,
 *   which ask for more, do not take it), a mapping that looks like a thread's stack though no thread runs on it.
 * Prints "ready", then "thread TID NAME START END" for each thread (hex, no 0x: the bounds of its stack as pthread
 * gives them, guard excluded), and "end". Runs until its standard input closes (so it never outlives the test).
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#define MAX_SPINNERS 8

struct worker {
    char name[16];
    pid_t tid;
    unsigned long start, end;
    int spin;
    pthread_barrier_t *started;
};

static int never[2];
static volatile unsigned long spins;

static void *nothing(void *arg) {
    return arg;
}

static void *work(void *arg) {
    struct worker *self = arg;
    self->tid = (pid_t) syscall(SYS_gettid);
    pthread_setname_np(pthread_self(), self->name);
    pthread_attr_t attr;
    void *low;
    size_t size;
    if (pthread_getattr_np(pthread_self(), &attr) != 0 || pthread_attr_getstack(&attr, &low, &size) != 0) {
        perror("pthread_getattr_np");
        exit(2);
    }
    self->start = (unsigned long) low;
    self->end = (unsigned long) low + size;
    pthread_attr_destroy(&attr);
    pthread_barrier_wait(self->started);
    if (self->spin) {
        for (;;) spins++;
    }
    char byte;
    for (;;) {
        if (read(never[0], &byte, 1) <= 0) pause();
    }
    return NULL;
}

int main(int argc, char **argv) {
    if (argc < 2 || atoi(argv[1]) < 0 || atoi(argv[1]) > MAX_SPINNERS) {
        fprintf(stderr, "usage: busy SPINNERS [undumpable] [ended]\n");
        return 2;
    }
    int spinners = atoi(argv[1]);
    for (int i = 2; i < argc; i++) {
        if (strcmp(argv[i], "undumpable") == 0) {
            if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0) {
                perror("prctl");
                return 2;
            }
        } else if (strcmp(argv[i], "ended") == 0) {
            pthread_t ended;
            pthread_attr_t small;
            pthread_attr_init(&small);
            pthread_attr_setstacksize(&small, 1 << 20);
            if (pthread_create(&ended, &small, nothing, NULL) != 0 || pthread_join(ended, NULL) != 0) {
                perror("pthread_create");
                return 2;
            }
        } else {
            fprintf(stderr, "busy: unknown argument %s\n", argv[i]);
            return 2;
        }
    }
    if (pipe(never) != 0) {
        perror("pipe");
        return 2;
    }
    int count = spinners + 1;
    struct worker workers[MAX_SPINNERS + 1];
    pthread_barrier_t started;
    pthread_barrier_init(&started, NULL, (unsigned) count + 1);
    for (int i = 0; i < count; i++) {
        memset(&workers[i], 0, sizeof workers[i]);
        workers[i].spin = i < spinners;
        snprintf(workers[i].name, sizeof workers[i].name, i < spinners ? "spinner%d" : "blocked", i);
        workers[i].started = &started;
        pthread_t thread;
        if (pthread_create(&thread, NULL, work, &workers[i]) != 0) {
            perror("pthread_create");
            return 2;
        }
    }
    pthread_barrier_wait(&started);
    printf("ready\n");
    for (int i = 0; i < count; i++) {
        printf("thread %d %s %lx %lx\n", workers[i].tid, workers[i].name, workers[i].start, workers[i].end);
    }
    printf("end\n");
    fflush(stdout);
    char buffer[64];
    while (read(0, buffer, sizeof buffer) > 0) {
    }
    return 0;
}
