/*
 * maxrss.c - runs a command and reports its peak memory (the maximum
 * resident set size from wait4's rusage), so the benchmark does not depend
 * on GNU time being installed.
 *
 *   maxrss COMMAND [ARG...]
 *
 * The command's output goes where maxrss's goes; one line, the peak in KiB,
 * goes to standard error last. Exits with the command's status (128 + the
 * signal when it was killed, 127 when it could not be started).
 */
#define _DEFAULT_SOURCE
#include <stdio.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs("usage: maxrss COMMAND [ARG...]\n", stderr);
        return 2;
    }
    pid_t pid = fork();
    if (pid < 0) {
        perror("maxrss: fork");
        return 127;
    }
    if (pid == 0) {
        execvp(argv[1], argv + 1);
        perror("maxrss: exec");
        _exit(127);
    }
    int status;
    struct rusage ru;
    if (wait4(pid, &status, 0, &ru) < 0) {
        perror("maxrss: wait4");
        return 127;
    }
    fprintf(stderr, "maxrss_kib %ld\n", ru.ru_maxrss);
    if (WIFSIGNALED(status))
        return 128 + WTERMSIG(status);
    return WEXITSTATUS(status);
}
