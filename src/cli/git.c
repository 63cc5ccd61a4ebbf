/*
 * git.c - maps as they are at a git revision, for `jmap diff REV -- PATH`:
 * git itself is run (`git rev-parse`, and `git cat-file blob REV:./PATH`, which
 * is `git show REV:./PATH` refusing a folder), in the folder
 * of the path, with its output read through a pipe within the file-size
 * limit. No git library; git's own messages are not shown (they would
 * carry the path unescaped): each failure gets a message of jmap's.
 */
#define _POSIX_C_SOURCE 200809L
#include "cli.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define GIT_EXEC_FAILED 127 /* the child's exit when git cannot be run */

/* The folder of `path` (heap), "." when it has none. */
static char *folder_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return strdup(".");
    size_t n = slash == path ? 1 : (size_t)(slash - path);
    char *dir = malloc(n + 1);
    if (!dir)
        abort();
    memcpy(dir, path, n);
    dir[n] = '\0';
    return dir;
}

/* Runs git with `args` (NULL-terminated, without "git") in folder `dir`.
 * With `out`, its standard output is read into a heap buffer, at most
 * `max` bytes (*len past max means it was longer). Returns git's exit
 * status, GIT_EXEC_FAILED when it could not be run, or -1 (errno set)
 * when no process could be started. */
static int run_git(const char *dir, const char *const *args, char **out, size_t *len,
                   size_t max)
{
    if (out) {
        *out = NULL;
        *len = 0;
    }
    if (access(dir, X_OK) != 0)
        return -1; /* errno says why the folder cannot be entered */
    int fd[2];
    if (pipe(fd) != 0)
        return -1;
    pid_t pid = fork();
    if (pid < 0) {
        close(fd[0]);
        close(fd[1]);
        return -1;
    }
    if (pid == 0) {
        int null = open("/dev/null", O_RDWR);
        dup2(null, STDIN_FILENO);
        dup2(out ? fd[1] : null, STDOUT_FILENO);
        dup2(null, STDERR_FILENO);
        close(fd[0]);
        close(fd[1]);
        if (chdir(dir) != 0)
            _exit(GIT_EXEC_FAILED);
        const char *argv[16] = {"git"};
        size_t n = 1;
        for (; args[n - 1] && n < 15; n++)
            argv[n] = args[n - 1];
        argv[n] = NULL;
        execvp("git", (char *const *)argv);
        _exit(GIT_EXEC_FAILED);
    }
    close(fd[1]);
    size_t used = 0, cap = 0;
    char *buf = NULL;
    for (;;) {
        if (out && used + 65536 + 1 > cap) {
            cap = cap ? 2 * cap : 65536 + 1;
            buf = realloc(buf, cap);
            if (!buf)
                abort();
        }
        char sink[4096];
        ssize_t r = out ? read(fd[0], buf + used, cap - used - 1) : read(fd[0], sink, sizeof sink);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        used += (size_t)r;
        if (out && used > max) {
            kill(pid, SIGTERM);
            break;
        }
    }
    close(fd[0]);
    int status;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    if (out) {
        buf[used] = '\0';
        *out = buf;
        *len = used;
    }
    if (out && used > max)
        return 0;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

/* Says why git could not answer in `dir`: not a repository, git missing. */
static int git_trouble(const char *dir, int status, char *why, size_t why_len)
{
    if (status < 0) {
        snprintf(why, why_len, "cannot run git in '%s': %s", dir, strerror(errno));
        return 1;
    }
    if (status == GIT_EXEC_FAILED) {
        snprintf(why, why_len, "cannot run git in '%s' (is it installed?)", dir);
        return 1;
    }
    const char *args[] = {"rev-parse", "--git-dir", NULL};
    if (run_git(dir, args, NULL, NULL, 0) != 0) {
        snprintf(why, why_len, "'%s' is not in a git repository", dir);
        return 1;
    }
    return 0;
}

int git_check_revision(const char *rev, const char *path, char *why, size_t why_len)
{
    char *dir = folder_of(path);
    char *spec = malloc(strlen(rev) + sizeof "^{commit}");
    if (!spec)
        abort();
    strcpy(spec, rev);
    strcat(spec, "^{commit}");
    const char *args[] = {"rev-parse", "--verify", "--quiet", "--end-of-options", spec, NULL};
    int status = rev[0] == '-' ? 1 : run_git(dir, args, NULL, NULL, 0);
    int r = 0;
    if (status != 0) {
        if (!git_trouble(dir, status, why, why_len))
            snprintf(why, why_len, "unknown revision '%s' (not a commit of the repository)",
                     rev);
        r = JMAP_ERR_IO;
    }
    free(spec);
    free(dir);
    return r;
}

int git_read(const char *rev, const char *path, char **data, size_t *len, char *why,
             size_t why_len)
{
    char *dir = folder_of(path);
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    char *spec = malloc(strlen(rev) + strlen(base) + 4);
    if (!spec)
        abort();
    sprintf(spec, "%s:./%s", rev, base);
    const char *args[] = {"cat-file", "blob", spec, NULL}; /* a blob: a folder is refused */
    *data = NULL;
    *len = 0;
    int status = run_git(dir, args, data, len, JMAP_MAX_FILE_BYTES);
    int r = 0;
    if (status == 0 && *len > JMAP_MAX_FILE_BYTES) {
        snprintf(why, why_len, "larger than %u bytes at revision '%s'",
                 JMAP_MAX_FILE_BYTES, rev);
        r = JMAP_ERR_INPUT;
    } else if (status != 0) {
        if (!git_trouble(dir, status, why, why_len))
            snprintf(why, why_len, "not in revision '%s' (no such file there)", rev);
        r = JMAP_ERR_IO;
    }
    if (r) {
        free(*data);
        *data = NULL;
        *len = 0;
    }
    free(spec);
    free(dir);
    return r;
}
