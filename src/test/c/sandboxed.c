/*
 * sandboxed: a process that does to its own files what a hostile or sandboxed program may, so that vmtool, run as
 * root, must read its libraries' ELF headers without blocking, without leaving its root, or through map_files.
 * Built dynamically by AnatomyHelper.java; run by the tests as the unprivileged user, under `unshare`.
 *
 * usage: sandboxed MODE DIR ELF [TARGET]
 *   fifo      (in its own user and mount namespace) mounts a tmpfs on DIR, maps a copy of ELF from it with
 *             anonymous memory after it, then mounts a fresh tmpfs on DIR holding a FIFO of the same name and the
 *             same inode number: the mapped path now names a FIFO.
 *   symlink   (likewise) mounts a tmpfs on DIR, maps a copy of ELF from it as above, chroots into DIR and puts, where
 *             the mapped path now leads inside that root, an absolute symbolic link to TARGET (a host file).
 *   gone-root (in its own user namespace) maps 4 MiB of ELF (a library larger than that: libc) with anonymous
 *             memory after it, past the library's image, then chroots into a directory under DIR and removes it.
 *   one-page  maps ELF (a library whose segments all lie in its first page) as the loader does, each segment from
 *             file offset 0, with anonymous memory right after its last mapping.
 * Prints "ready", then lines "NAME ADDRESS START END" (hex, no 0x) and "end", and waits until its standard input
 * closes (so it never outlives the test). In fifo mode it then opens its FIFO for writing and closes it, so that a
 * reader blocked in opening it (the bug the tests look for) is let go.
 */
#define _GNU_SOURCE
#include <elf.h>
#include <fcntl.h>
#include <link.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lookalike.h"

#define PAGE 4096UL
#define AFTER_SIZE (16 * PAGE)

static void die(const char *what) {
    perror(what);
    exit(2);
}

/* What is printed after "ready", once every step has worked. */
static char report[4096];

static void line(const char *name, const void *address, const void *start, size_t length) {
    size_t used = strlen(report);
    snprintf(report + used, sizeof report - used, "%s %lx %lx %lx\n", name, (unsigned long) address,
             (unsigned long) start, start ? (unsigned long) start + length : 0UL);
}

/* Copies the file at FROM to TO (created, mode 0755). */
static void copy(const char *from, const char *to) {
    int in = open(from, O_RDONLY);
    if (in < 0) die(from);
    int out = open(to, O_WRONLY | O_CREAT | O_EXCL, 0755);
    if (out < 0) die(to);
    char buffer[65536];
    ssize_t n;
    while ((n = read(in, buffer, sizeof buffer)) > 0) {
        if (write(out, buffer, (size_t) n) != n) die("write");
    }
    if (n < 0) die("read");
    close(in);
    close(out);
}

/* Maps the ELF file as the loader does (each PT_LOAD from its page-rounded file offset, at the image's base plus
 * its page-rounded address), followed by AFTER_SIZE of writable anonymous memory right after its last mapping.
 * The file's segments must end within the file (no bss of a page of its own). Returns the anonymous memory. */
static char *map_like_loader(int fd, char **base_out) {
    Elf64_Ehdr header;
    if (pread(fd, &header, sizeof header, 0) != (ssize_t) sizeof header) die("ELF header");
    Elf64_Phdr phdrs[16];
    if (header.e_phnum > 16 || pread(fd, phdrs, header.e_phnum * sizeof phdrs[0], (off_t) header.e_phoff)
            != (ssize_t) (header.e_phnum * sizeof phdrs[0])) die("program headers");
    unsigned long image_end = 0;
    for (int i = 0; i < header.e_phnum; i++) {
        if (phdrs[i].p_type != PT_LOAD) continue;
        unsigned long end = (phdrs[i].p_vaddr + phdrs[i].p_filesz + PAGE - 1) & ~(PAGE - 1);
        if (end > image_end) image_end = end;
    }
    size_t total = image_end + AFTER_SIZE + 16 * PAGE;
    char *base = mmap(NULL, total, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (base == MAP_FAILED) die("mmap reserve");
    for (int i = 0; i < header.e_phnum; i++) {
        const Elf64_Phdr *ph = &phdrs[i];
        if (ph->p_type != PT_LOAD) continue;
        unsigned long start = ph->p_vaddr & ~(PAGE - 1);
        unsigned long end = (ph->p_vaddr + ph->p_filesz + PAGE - 1) & ~(PAGE - 1);
        int prot = (ph->p_flags & PF_R ? PROT_READ : 0) | (ph->p_flags & PF_W ? PROT_WRITE : 0)
                   | (ph->p_flags & PF_X ? PROT_EXEC : 0);
        if (mmap(base + start, end - start, prot, MAP_PRIVATE | MAP_FIXED, fd, (off_t) (ph->p_offset & ~(PAGE - 1)))
                == MAP_FAILED) die("mmap segment");
    }
    char *after = mmap(base + image_end, AFTER_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED,
                       -1, 0);
    if (after == MAP_FAILED) die("mmap anonymous");
    memset(after, 6, PAGE);
    *base_out = base;
    return after;
}

static void mount_tmpfs(const char *dir) {
    if (mount("none", dir, "tmpfs", 0, "mode=0755") != 0) die("mount tmpfs");
}

/* libc's bss, as the loader made it (found with dl_iterate_phdr): an address inside it. */
static int find_libc_bss(struct dl_phdr_info *info, size_t size, void *arg) {
    (void) size;
    size_t length = strlen(info->dlpi_name);
    if (length < 9 || strcmp(info->dlpi_name + length - 9, "libc.so.6") != 0) return 0;
    unsigned long data_end = 0, image_end = 0;
    for (int i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        if (ph->p_type != PT_LOAD) continue;
        unsigned long end = info->dlpi_addr + ph->p_vaddr + ph->p_memsz;
        if (end > image_end) {
            image_end = end;
            data_end = (info->dlpi_addr + ph->p_vaddr + ph->p_filesz + PAGE - 1) & ~(PAGE - 1);
        }
    }
    if (data_end >= image_end) return 0;
    *(unsigned long *) arg = data_end + 8;
    return 1;
}

int main(int argc, char **argv) {
    if (argc < 4) {
        fprintf(stderr, "usage: sandboxed MODE DIR ELF [TARGET]\n");
        return 2;
    }
    const char *mode = argv[1], *dir = argv[2], *elf = argv[3];
    char path[4096], fifo[4096] = "";
    char *file_start = NULL, *after = NULL;

    if (strcmp(mode, "fifo") == 0) {
        mount_tmpfs(dir);
        snprintf(path, sizeof path, "%s/libfifo.so", dir);
        copy(elf, path);
        int fd = open(path, O_RDONLY);
        if (fd < 0) die(path);
        struct stat mapped;
        if (fstat(fd, &mapped) != 0) die("fstat");
        after = file_then_anonymous(fd, PAGE, AFTER_SIZE, &file_start);
        close(fd);
        mount_tmpfs(dir);
        /* A fresh tmpfs numbers its inodes from the same small counter: the first file made gets the number the
         * mapped file got in the first one. */
        if (mkfifo(path, 0666) != 0) die("mkfifo");
        struct stat now;
        if (stat(path, &now) != 0) die("stat fifo");
        if (now.st_ino != mapped.st_ino || !S_ISFIFO(now.st_mode)) {
            fprintf(stderr, "the FIFO has inode %lu, the mapped file %lu\n", (unsigned long) now.st_ino,
                    (unsigned long) mapped.st_ino);
            return 2;
        }
        snprintf(fifo, sizeof fifo, "%s", path);
        line("mapped", file_start, file_start, PAGE);
        line("after", after + 8, after, AFTER_SIZE);
    } else if (strcmp(mode, "symlink") == 0) {
        if (argc < 5) die("symlink needs TARGET");
        mount_tmpfs(dir);
        snprintf(path, sizeof path, "%s/libescape.so", dir);
        copy(elf, path);
        int fd = open(path, O_RDONLY);
        if (fd < 0) die(path);
        after = file_then_anonymous(fd, PAGE, AFTER_SIZE, &file_start);
        close(fd);
        if (chroot(dir) != 0 || chdir("/") != 0) die("chroot");
        /* Inside the new root, the mapped file's path as /proc/PID/maps writes it: DIR's directories, then a link. */
        char inside[4096];
        snprintf(inside, sizeof inside, "%s", dir);
        for (char *slash = strchr(inside + 1, '/'); slash; slash = strchr(slash + 1, '/')) {
            *slash = '\0';
            if (mkdir(inside, 0755) != 0) die(inside);
            *slash = '/';
        }
        if (mkdir(inside, 0755) != 0) die(inside);
        if (symlink(argv[4], path) != 0) die("symlink");
        line("mapped", file_start, file_start, PAGE);
        line("after", after + 8, after, AFTER_SIZE);
    } else if (strcmp(mode, "gone-root") == 0) {
        int fd = open(elf, O_RDONLY);
        if (fd < 0) die(elf);
        after = file_then_anonymous(fd, 4UL << 20, AFTER_SIZE, &file_start);
        close(fd);
        unsigned long libc_bss = 0;
        dl_iterate_phdr(find_libc_bss, &libc_bss);
        if (!libc_bss) die("libc's bss");
        snprintf(path, sizeof path, "%s/jail", dir);
        if (mkdir(path, 0700) != 0 || chdir(path) != 0 || rmdir(path) != 0 || chroot(".") != 0) die("chroot");
        line("after-library-image", after + 8, after, AFTER_SIZE);
        line("library-bss", (void *) libc_bss, NULL, 0);
    } else if (strcmp(mode, "one-page") == 0) {
        int fd = open(elf, O_RDONLY);
        if (fd < 0) die(elf);
        char *base;
        after = map_like_loader(fd, &base);
        close(fd);
        line("library", base, base, PAGE);
        line("after", after + 8, after, AFTER_SIZE);
    } else {
        fprintf(stderr, "unknown mode %s\n", mode);
        return 2;
    }
    printf("ready\n%send\n", report);
    fflush(stdout);

    char byte;
    while (read(0, &byte, 1) > 0) {
    }
    if (fifo[0]) {
        int writer = open(fifo, O_RDWR | O_NONBLOCK);
        if (writer >= 0) close(writer);
    }
    return 0;
}
