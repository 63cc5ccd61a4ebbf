/*
 * io.c - reading an input file whole, within the size limit. Only regular
 * files and standard input are read: a directory or a FIFO is refused
 * before any read can block. Also tells whether an output is one of the
 * inputs (same device and inode), so that no command writes over its map.
 */
#define _POSIX_C_SOURCE 200809L
#include "internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int fail(char *why, size_t why_len, int status, const char *reason)
{
    snprintf(why, why_len, "%s", reason);
    return status;
}

/* Reads fd to its end, at most JMAP_MAX_FILE_BYTES; `hint` is the expected
 * size (a regular file's), so that one allocation usually suffices. */
static int read_all(int fd, size_t hint, char **data, size_t *len, char *why,
                    size_t why_len)
{
    size_t cap = hint + 1 > 65536 ? hint + 1 : 65536, n = 0;
    char *buf = jmap_xmalloc(cap + 1);
    for (;;) {
        if (n == cap) {
            if (cap > JMAP_MAX_FILE_BYTES) {
                free(buf);
                snprintf(why, why_len, "larger than the limit of %u MiB",
                         JMAP_MAX_FILE_BYTES >> 20);
                return JMAP_ERR_INPUT;
            }
            cap *= 2;
            buf = jmap_xrealloc(buf, cap + 1, 1);
        }
        ssize_t r = read(fd, buf + n, cap - n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            int e = errno;
            free(buf);
            return fail(why, why_len, JMAP_ERR_IO, strerror(e));
        }
        if (r == 0)
            break;
        n += (size_t)r;
    }
    if (n > JMAP_MAX_FILE_BYTES) {
        free(buf);
        snprintf(why, why_len, "larger than the limit of %u MiB",
                 JMAP_MAX_FILE_BYTES >> 20);
        return JMAP_ERR_INPUT;
    }
    buf[n] = '\0';
    *data = buf;
    *len = n;
    return 0;
}

int jmap_file_read(const char *path, char **data, size_t *len, char *why,
                   size_t why_len)
{
    *data = NULL;
    *len = 0;
    if (strcmp(path, "-") == 0)
        return read_all(STDIN_FILENO, 0, data, len, why, why_len);
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return fail(why, why_len, JMAP_ERR_IO, strerror(errno));
    struct stat st;
    if (fstat(fd, &st) != 0) {
        int e = errno;
        close(fd);
        return fail(why, why_len, JMAP_ERR_IO, strerror(e));
    }
    if (S_ISDIR(st.st_mode)) {
        close(fd);
        return fail(why, why_len, JMAP_ERR_IO, "is a directory");
    }
    if (!S_ISREG(st.st_mode)) {
        close(fd);
        return fail(why, why_len, JMAP_ERR_IO,
                    "not a regular file (a FIFO, socket or device)");
    }
    if ((unsigned long long)st.st_size > JMAP_MAX_FILE_BYTES) {
        close(fd);
        snprintf(why, why_len, "%llu bytes, larger than the limit of %u MiB",
                 (unsigned long long)st.st_size, JMAP_MAX_FILE_BYTES >> 20);
        return JMAP_ERR_INPUT;
    }
    /* Back to blocking reads for a regular file. */
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    int status = read_all(fd, (size_t)st.st_size, data, len, why, why_len);
    close(fd);
    return status;
}

/* stat() of `path`, or of standard input or output for "-" (`fd`). */
static int stat_named(const char *path, int fd, struct stat *st)
{
    return strcmp(path, "-") == 0 ? fstat(fd, st) : stat(path, st);
}

int jmap_output_is_input(const char *output, const char *input)
{
    struct stat out, in;
    if (stat_named(output, STDOUT_FILENO, &out) != 0 ||
        stat_named(input, STDIN_FILENO, &in) != 0)
        return 0;
    return S_ISREG(out.st_mode) && S_ISREG(in.st_mode) && out.st_dev == in.st_dev &&
           out.st_ino == in.st_ino;
}
