/*
 * kinds: a quiet process holding one mapping of a kind that real programs have and the anatomy helper does not
 * (hugetlb needs the machine set up: huge pages reserved). Built by KindsHelper.java.
 *
 * usage: kinds hugetlb         2 MiB of MAP_ANONYMOUS|MAP_SHARED|MAP_HUGETLB memory, touched (postgres's
 *                              huge_pages=on)
 *        kinds posix-shm NAME  POSIX shared memory: shm_open("/NAME") (a new object), 3 pages, mapped shared, 2
 *                              touched (PostgreSQL's dynamic shared memory); unlinked when it exits
 * Prints "ready ADDRESS" (hex, no 0x: the mapping's start), then sleeps until its standard input closes (so it
 * never outlives the test). Exits 3 when the kernel cannot give the huge pages.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define PAGE 4096UL
#define HUGE_SIZE (2UL << 20)

static void wait_for_stdin_to_close(void) {
    char buf[256];
    while (read(0, buf, sizeof buf) > 0) {
    }
}

int main(int argc, char **argv) {
    if (argc == 2 && strcmp(argv[1], "hugetlb") == 0) {
        char *p = mmap(NULL, HUGE_SIZE, PROT_READ | PROT_WRITE, MAP_ANONYMOUS | MAP_SHARED | MAP_HUGETLB, -1, 0);
        if (p == MAP_FAILED) {
            perror("mmap MAP_HUGETLB");
            return 3;
        }
        memset(p, 1, HUGE_SIZE);
        printf("ready %lx\n", (unsigned long) p);
        fflush(stdout);
        wait_for_stdin_to_close();
        return 0;
    }
    if (argc == 3 && strcmp(argv[1], "posix-shm") == 0) {
        char name[256];
        snprintf(name, sizeof name, "/%s", argv[2]);
        int fd = shm_open(name, O_CREAT | O_EXCL | O_RDWR, 0600);
        if (fd < 0 || ftruncate(fd, 3 * PAGE) != 0) {
            perror("shm_open");
            return 2;
        }
        char *p = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
        if (p == MAP_FAILED) {
            perror("mmap shm");
            shm_unlink(name);
            return 2;
        }
        close(fd);
        memset(p, 1, 2 * PAGE);
        printf("ready %lx\n", (unsigned long) p);
        fflush(stdout);
        wait_for_stdin_to_close();
        shm_unlink(name);
        return 0;
    }
    fprintf(stderr, "usage: kinds hugetlb | kinds posix-shm NAME\n");
    return 2;
}
