/*
 * replay.c - runs the fuzz target's entry point over files, without
 * libFuzzer, so the corpus can be replayed by any compiler and under any
 * sanitizer or valgrind:
 *
 *   jmap_replay FILE_OR_DIRECTORY...
 *
 * A directory stands for every regular file in it (not recursively). Each
 * input is read whole and given to LLVMFuzzerTestOneInput; a crash or a
 * sanitizer report ends the program, so an exit status of 0 means every
 * input went through. The names are printed first when JMAP_REPLAY_VERBOSE
 * is set, to find the culprit of a crash.
 */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Reads `path` whole; returns 0 on success. */
static int slurp(const char *path, uint8_t **data, size_t *size)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    size_t cap = 4096, n = 0;
    uint8_t *buf = malloc(cap);
    for (;;) {
        if (!buf) {
            fclose(f);
            return -1;
        }
        n += fread(buf + n, 1, cap - n, f);
        if (n < cap)
            break;
        cap *= 2;
        uint8_t *bigger = realloc(buf, cap);
        if (!bigger)
            free(buf);
        buf = bigger;
    }
    int failed = ferror(f);
    fclose(f);
    if (failed) {
        free(buf);
        return -1;
    }
    *data = buf;
    *size = n;
    return 0;
}

static int run_file(const char *path, int verbose)
{
    uint8_t *data;
    size_t size;
    if (slurp(path, &data, &size) != 0) {
        fprintf(stderr, "replay: cannot read '%s'\n", path);
        return 1;
    }
    if (verbose)
        fprintf(stderr, "replay: %s (%zu bytes)\n", path, size);
    LLVMFuzzerTestOneInput(data, size);
    free(data);
    return 0;
}

static int name_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Runs every regular file of `dir`, in name order. */
static int run_dir(const char *dir, int verbose, size_t *count)
{
    DIR *d = opendir(dir);
    if (!d) {
        fprintf(stderr, "replay: cannot open '%s'\n", dir);
        return 1;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            char **bigger = realloc(names, cap * sizeof *names);
            if (!bigger)
                abort();
            names = bigger;
        }
        size_t len = strlen(dir) + strlen(e->d_name) + 2;
        names[n] = malloc(len);
        if (!names[n])
            abort();
        snprintf(names[n++], len, "%s/%s", dir, e->d_name);
    }
    closedir(d);
    if (n > 1)
        qsort(names, n, sizeof *names, name_cmp);
    int status = 0;
    for (size_t i = 0; i < n; i++) {
        struct stat st;
        if (stat(names[i], &st) == 0 && S_ISREG(st.st_mode)) {
            status |= run_file(names[i], verbose);
            (*count)++;
        }
        free(names[i]);
    }
    free(names);
    return status;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs("usage: jmap_replay FILE_OR_DIRECTORY...\n", stderr);
        return 2;
    }
    int verbose = getenv("JMAP_REPLAY_VERBOSE") != NULL;
    int status = 0;
    size_t count = 0;
    for (int i = 1; i < argc; i++) {
        struct stat st;
        if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode)) {
            status |= run_dir(argv[i], verbose, &count);
        } else {
            status |= run_file(argv[i], verbose);
            count++;
        }
    }
    printf("replay: %zu inputs\n", count);
    return status;
}
