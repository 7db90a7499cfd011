/*
 * fakejvm: a process that looks like a HotSpot JVM to a name check, for the --jvm security tests. It maps FILE (which
 * the test names .../libjvm.so) and catches SIGQUIT, as a JVM does, but it is no JVM: it never answers an attach.
 * Prints "ready", then waits until its standard input closes (so it never outlives the test) or it is killed.
 *
 * usage: fakejvm FILE [--no-sigquit-handler]
 *   --no-sigquit-handler  give SIGQUIT its default action (death), as a program that is no JVM has it
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static void on_quit(int signal) {
    (void) signal;
}

int main(int argc, char **argv) {
    int handler = argc == 2;
    if (argc != 2 && !(argc == 3 && strcmp(argv[2], "--no-sigquit-handler") == 0)) {
        fprintf(stderr, "usage: fakejvm FILE [--no-sigquit-handler]\n");
        return 2;
    }
    int fd = open(argv[1], O_RDONLY);
    if (fd < 0) {
        perror(argv[1]);
        return 2;
    }
    if (mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, fd, 0) == MAP_FAILED) {
        perror("mmap");
        return 2;
    }
    close(fd);
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_flags = SA_RESTART;
    /*
     * Without the handler, the default action, unblocked: not what the test's environment left (a shell may ignore
     * SIGQUIT, and a child of a JVM has it blocked, as HotSpot's threads do).
     */
    action.sa_handler = handler ? on_quit : SIG_DFL;
    sigaction(SIGQUIT, &action, NULL);
    sigset_t quit;
    sigemptyset(&quit);
    sigaddset(&quit, SIGQUIT);
    sigprocmask(SIG_UNBLOCK, &quit, NULL);
    puts("ready");
    fflush(stdout);
    char buffer[256];
    while (read(0, buffer, sizeof buffer) > 0) {
    }
    return 0;
}
