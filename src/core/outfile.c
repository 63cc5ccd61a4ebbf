/*
 * outfile.c - the one writer of every command's output (`lint -o`,
 * `export -o`, `schema -o`, `render -o`): what a path names decides how it
 * is written.
 *
 *   "-", /dev/stdout, /dev/stderr, /dev/fd/N, /proc/self/fd/N, or a
 *   symlink to one of them
 *       the process's own descriptor, written as the output is made;
 *   a device, a FIFO, a socket (what stat finds is not a regular file)
 *       opened and written in place, as the output is made;
 *   a folder
 *       refused;
 *   a regular file, or nothing yet
 *       a temporary file beside it (".NAME.XXXXXX", NAME cut to fit the
 *       file system's limit), given the file's mode and, where the system
 *       allows, its owner, then synced and renamed over it: the old file or
 *       the whole new one, never a mix. A symlink is followed first, so the
 *       link stays and its target is replaced.
 *
 * A temporary file is on a list until it is renamed or removed; SIGINT,
 * SIGTERM, SIGHUP and SIGPIPE remove the files on the list before the
 * signal takes its course (the handlers are set when the first temporary
 * file is made, as git's tempfile.c does, and the signals are held from
 * just before a file is made until it is on the list), and so does exit().
 * Only SIGKILL and a power cut can leave one behind.
 */
#define _POSIX_C_SOURCE 200809L
#include "internal.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef NAME_MAX
#define NAME_MAX 255       /* the longest file name, in bytes */
#endif
#define MAX_TEMPS 8        /* temporary files open at once (jmap needs one) */
#define MAX_LINKS 40       /* symlinks followed, as the kernel's ELOOP */
#define TEMP_SUFFIX ".XXXXXX"

/* ---- temporary files removed on a signal or at exit ---- */

static char *volatile temps[MAX_TEMPS]; /* the temporary files that exist */
static const int cleanup_signals[] = {SIGINT, SIGTERM, SIGHUP, SIGPIPE};
#define N_CLEANUP_SIGNALS (sizeof cleanup_signals / sizeof cleanup_signals[0])
static struct sigaction previous[N_CLEANUP_SIGNALS]; /* what they were */
static volatile sig_atomic_t handlers_set;

static void remove_temps(void)
{
    for (size_t i = 0; i < MAX_TEMPS; i++) {
        char *t = temps[i];
        if (t)
            unlink(t); /* async-signal-safe */
    }
}

static void on_signal(int sig)
{
    remove_temps();
    for (size_t i = 0; i < N_CLEANUP_SIGNALS; i++)
        if (cleanup_signals[i] == sig)
            sigaction(sig, &previous[i], NULL);
    raise(sig); /* now with the disposition it had before */
}

static void set_handlers(void)
{
    if (handlers_set)
        return;
    handlers_set = 1;
    atexit(remove_temps);
    for (size_t i = 0; i < N_CLEANUP_SIGNALS; i++) {
        struct sigaction now;
        sigaction(cleanup_signals[i], NULL, &previous[i]);
        if (previous[i].sa_handler == SIG_IGN)
            continue; /* an ignored SIGPIPE or SIGHUP stays ignored */
        memset(&now, 0, sizeof now);
        now.sa_handler = on_signal;
        sigemptyset(&now.sa_mask);
        sigaction(cleanup_signals[i], &now, NULL);
    }
}

static void track(char *tmp)
{
    for (size_t i = 0; i < MAX_TEMPS; i++)
        if (!temps[i]) {
            temps[i] = tmp;
            return;
        }
}

/* mkstemp(tmp), the file on the list before a cleanup signal can be
 * handled: the handlers are set first and the signals held until the file
 * is on the list (one that comes in between is handled then). */
static int make_temp(char *tmp)
{
    set_handlers();
    sigset_t hold, old;
    sigemptyset(&hold);
    for (size_t i = 0; i < N_CLEANUP_SIGNALS; i++)
        sigaddset(&hold, cleanup_signals[i]);
    sigprocmask(SIG_BLOCK, &hold, &old);
    int fd = mkstemp(tmp), e = errno;
    if (fd >= 0)
        track(tmp);
    sigprocmask(SIG_SETMASK, &old, NULL);
    errno = e;
    return fd;
}

static void untrack(const char *tmp)
{
    for (size_t i = 0; i < MAX_TEMPS; i++)
        if (temps[i] == tmp)
            temps[i] = NULL;
}

/* ---- what a path names ---- */

static int fail(char *why, size_t why_len, const char *what, const char *path,
                int err)
{
    snprintf(why, why_len, "%s '%s': %s", what, path, strerror(err));
    return JMAP_ERR_IO;
}

/* The descriptor that "/dev/stdout", "/dev/stderr", "/dev/fd/N" or
 * "/proc/self/fd/N" names, or -1 for any other path. */
static int named_fd(const char *path)
{
    if (strcmp(path, "/dev/stdout") == 0)
        return 1;
    if (strcmp(path, "/dev/stderr") == 0)
        return 2;
    const char *n = NULL;
    if (strncmp(path, "/dev/fd/", 8) == 0)
        n = path + 8;
    else if (strncmp(path, "/proc/self/fd/", 14) == 0)
        n = path + 14;
    if (!n || *n < '0' || *n > '9')
        return -1;
    long fd = 0;
    for (; *n >= '0' && *n <= '9'; n++)
        if ((fd = fd * 10 + (*n - '0')) > INT_MAX)
            return -1;
    return *n ? -1 : (int)fd;
}

/* The file that `path` finally names once its symlinks are followed (a
 * heap string; `path` itself when it is no link). A dangling link names
 * the file it would create. NULL with errno set on a loop or a failure. */
static char *follow_links(const char *path)
{
    char *p = jmap_xstrdup(path);
    for (int depth = 0; depth < MAX_LINKS; depth++) {
        struct stat st;
        if (named_fd(p) >= 0 || lstat(p, &st) != 0 || !S_ISLNK(st.st_mode))
            return p; /* a descriptor's name stops here: it is written in place */
        size_t cap = st.st_size > 0 ? (size_t)st.st_size + 1 : PATH_MAX;
        char *target = jmap_xmalloc(cap);
        ssize_t n = readlink(p, target, cap);
        if (n < 0 || (size_t)n >= cap) {
            free(target);
            free(p);
            errno = n < 0 ? errno : ENAMETOOLONG;
            return NULL;
        }
        target[n] = '\0';
        const char *slash = strrchr(p, '/');
        char *next = target[0] == '/' || !slash
                         ? jmap_xstrdup(target)
                         : jmap_xasprintf("%.*s/%s", (int)(slash - p), p, target);
        free(target);
        free(p);
        p = next;
    }
    free(p);
    errno = ELOOP;
    return NULL;
}

/* ".NAME.XXXXXX" beside `path`, NAME cut so that the whole stays within
 * NAME_MAX bytes (a 255-byte name still gets its temporary file). */
static char *temp_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    int dir = slash ? (int)(slash - path + 1) : 0;
    size_t room = NAME_MAX - 1 - strlen(TEMP_SUFFIX);
    size_t n = strlen(base) < room ? strlen(base) : room;
    return jmap_xasprintf("%.*s.%.*s%s", dir, path, (int)n, base, TEMP_SUFFIX);
}

/* Opens the temporary file for `target`, with the mode (and, where the
 * system lets this user, the owner) that `target` has, or a new file's. */
static int open_temp(jmap_outfile *f, char *target, char *why, size_t why_len)
{
    char *tmp = temp_name(target);
    int fd = make_temp(tmp);
    if (fd < 0) {
        int e = errno;
        free(tmp);
        int r = fail(why, why_len, "cannot create a file beside", target, e);
        free(target);
        return r;
    }
    struct stat st;
    if (stat(target, &st) == 0) {
        fchmod(fd, st.st_mode & 07777);
        if (fchown(fd, st.st_uid, st.st_gid) != 0) {
            /* not allowed: the new file is this user's, as with any editor */
        }
    } else {
        mode_t mask = umask(0); /* mkstemp's 0600 would outlive the rename */
        umask(mask);
        fchmod(fd, 0666 & ~mask);
    }
    f->fp = fdopen(fd, "w");
    if (!f->fp) {
        int e = errno;
        close(fd);
        untrack(tmp);
        unlink(tmp);
        free(tmp);
        int r = fail(why, why_len, "cannot open", target, e);
        free(target);
        return r;
    }
    f->tmp = tmp;
    f->path = target;
    return 0;
}

int jmap_outfile_open(jmap_outfile *f, const char *path, char *why, size_t why_len)
{
    memset(f, 0, sizeof *f);
    char *target = strcmp(path, "-") == 0 ? jmap_xstrdup("/dev/stdout")
                                          : follow_links(path);
    if (!target)
        return fail(why, why_len, "cannot write", path, errno);
    int fd = named_fd(target);
    free(target);
    const char *shown = strcmp(path, "-") == 0 ? "standard output" : path;
    if (fd >= 0) {
        int copy = dup(fd);
        if (copy < 0 || !(f->fp = fdopen(copy, "w"))) {
            int e = errno;
            if (copy >= 0)
                close(copy);
            return fail(why, why_len, "cannot write", shown, e);
        }
        f->path = jmap_xstrdup(shown);
        return 0;
    }
    struct stat st;
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
        return fail(why, why_len, "cannot write", path, EISDIR);
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        fd = open(path, O_WRONLY | O_NOCTTY); /* a FIFO waits for a reader */
        if (fd < 0 || !(f->fp = fdopen(fd, "w"))) {
            int e = errno;
            if (fd >= 0)
                close(fd);
            return fail(why, why_len, "cannot open", path, e);
        }
        f->path = jmap_xstrdup(path);
        return 0;
    }
    target = follow_links(path);
    if (!target)
        return fail(why, why_len, "cannot write", path, errno);
    return open_temp(f, target, why, why_len);
}

/* Flushes, syncs and closes the temporary file; 0 or an errno value. */
static int finish(FILE *fp, int sync)
{
    int err = 0;
    errno = 0;
    if (fflush(fp) != 0 || ferror(fp))
        err = errno ? errno : EIO;
    if (!err && sync && fsync(fileno(fp)) != 0)
        err = errno;
    if (fclose(fp) != 0 && !err)
        err = errno ? errno : EIO;
    return err;
}

int jmap_outfile_close(jmap_outfile *f, int keep, char *why, size_t why_len)
{
    int status = 0;
    if (!f->fp)
        return 0;
    if (!f->tmp) { /* written in place */
        int err = finish(f->fp, 0);
        if (keep && err)
            status = fail(why, why_len, "cannot write", f->path, err);
    } else {
        int err = finish(f->fp, 1);
        if (keep && err)
            status = fail(why, why_len, "cannot write", f->path, err);
        else if (keep && rename(f->tmp, f->path) != 0)
            status = fail(why, why_len, "cannot rename into", f->path, errno);
        untrack(f->tmp);
        if (!keep || status)
            unlink(f->tmp);
    }
    free(f->tmp);
    free(f->path);
    memset(f, 0, sizeof *f);
    return status;
}
