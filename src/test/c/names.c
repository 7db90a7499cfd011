/*
 * names: a process whose every name is hostile, as an unprivileged user can make them: files whose names hold
 * UTF-8 (é), escape sequences, a byte that is not UTF-8, a newline, a bidirectional override and a C1 control are
 * mapped; its own command name (comm) and a thread's name hold escape sequences. Built by NamesHelper.java.
 *
 * usage: names DIR [ARG...]   (DIR: a directory it may write, for its files; the caller removes it)
 * Prints "ready", then "map INDEX ADDRESS" for each file it mapped (hex, no 0x), "thread TID ADDRESS" (an address
 * on the named thread's stack) and "end". The files at odd indexes are unlinked once mapped (so their names show as
 * deleted). Then reads its standard input: on "grow" it maps the files again, one every 20 ms (so that vmtool watch
 * sees mappings appear), up to 500 mappings; it exits when its standard input closes.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define PAGE 4096UL

/* The names, in the order NamesHelper.java knows them. */
static const char *const NAMES[] = {
    "caf\xc3\xa9.bin",                      /* UTF-8: shows as é */
    "esc\x1b[31mred\x1b[0m.bin",            /* SGR: would turn the terminal red */
    "bad\xff.bin",                          /* not UTF-8 */
    "new\nline.bin",                        /* the kernel writes \012 in maps */
    "rlo\xe2\x80\xae" "nib.exe",            /* U+202E: would show as "rloexe.bin" */
    "c1\xc2\x9b" "2J.bin",                  /* U+009B, the C1 CSI: would clear the screen */
    "title\x1b]0;pwned\x07.bin",            /* OSC: would set the window title */
};
#define COUNT (sizeof NAMES / sizeof NAMES[0])

static int fds[COUNT];
static pid_t thread_tid;
static void *thread_stack_address;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t started = PTHREAD_COND_INITIALIZER;

static void die(const char *what) {
    perror(what);
    exit(2);
}

static void *named_thread(void *unused) {
    (void) unused;
    volatile char on_stack = 0;
    pthread_mutex_lock(&lock);
    thread_tid = (pid_t) syscall(SYS_gettid);
    thread_stack_address = (void *) &on_stack;
    pthread_cond_signal(&started);
    pthread_mutex_unlock(&lock);
    for (;;) {
        pause();
    }
    return NULL;
}

static void *map(int index) {
    void *address = mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, fds[index], 0);
    if (address == MAP_FAILED) {
        die("mmap");
    }
    return address;
}

static void *grow(void *unused) {
    (void) unused;
    struct timespec pause_between = {0, 20 * 1000 * 1000};
    for (int n = 0; n < 500; n++) {
        map(n % (int) COUNT);
        nanosleep(&pause_between, NULL);
    }
    return NULL;
}

int main(int argc, char **argv) {
    if (argc < 2 || chdir(argv[1]) != 0) {
        fprintf(stderr, "usage: names DIR [ARG...]\n");
        return 2;
    }
    /* comm holds at most 15 bytes. */
    if (prctl(PR_SET_NAME, "\x1b[31mcomm\x07", 0, 0, 0) != 0) {
        die("prctl");
    }
    char page[PAGE];
    memset(page, 'x', sizeof page);
    void *addresses[COUNT];
    for (size_t i = 0; i < COUNT; i++) {
        fds[i] = open(NAMES[i], O_RDWR | O_CREAT | O_TRUNC, 0600);
        if (fds[i] < 0 || write(fds[i], page, sizeof page) != (ssize_t) sizeof page) {
            die(NAMES[i]);
        }
        addresses[i] = map((int) i);
        if (i % 2 == 1 && unlink(NAMES[i]) != 0) {
            die("unlink");
        }
    }
    pthread_t thread;
    if (pthread_create(&thread, NULL, named_thread, NULL) != 0) {
        die("pthread_create");
    }
    /* At most 15 bytes too: ESC ] 0 ; p w n BEL. */
    if (pthread_setname_np(thread, "\x1b]0;pwn\x07") != 0) {
        die("pthread_setname_np");
    }
    pthread_mutex_lock(&lock);
    while (thread_tid == 0) {
        pthread_cond_wait(&started, &lock);
    }
    pthread_mutex_unlock(&lock);
    printf("ready\n");
    for (size_t i = 0; i < COUNT; i++) {
        printf("map %zu %lx\n", i, (unsigned long) addresses[i]);
    }
    printf("thread %d %lx\nend\n", (int) thread_tid, (unsigned long) thread_stack_address);
    fflush(stdout);

    char line[64];
    while (fgets(line, sizeof line, stdin) != NULL) {
        pthread_t grower;
        if (strcmp(line, "grow\n") == 0 && pthread_create(&grower, NULL, grow, NULL) != 0) {
            die("pthread_create");
        }
    }
    return 0;
}
