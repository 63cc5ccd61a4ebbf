/*
 * yaml_floor.c - the floor for linting: libyaml alone reading every event of
 * a file, and nothing else (no tree, no checks, no output).
 *
 *   yaml_floor FILE
 *
 * The file is read whole into memory first, as jmap reads it, then parsed
 * from that buffer. Exits 0 when the whole stream was read, 1 on a YAML
 * error, 2 when the file cannot be read.
 */
#include <stdio.h>
#include <stdlib.h>
#include <yaml.h>

static unsigned char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0;
    unsigned char *data = malloc(cap);
    for (size_t r; data && (r = fread(data + n, 1, cap - n, f)) > 0;) {
        n += r;
        if (n == cap) {
            unsigned char *bigger = realloc(data, cap *= 2);
            if (!bigger)
                free(data);
            data = bigger;
        }
    }
    fclose(f);
    *len = n;
    return data;
}

int main(int argc, char **argv)
{
    size_t len;
    unsigned char *data = argc == 2 ? read_file(argv[1], &len) : NULL;
    if (!data) {
        fputs("usage: yaml_floor FILE (a readable file)\n", stderr);
        return 2;
    }
    yaml_parser_t parser;
    yaml_parser_initialize(&parser);
    yaml_parser_set_input_string(&parser, data, len);
    int status = 0, done = 0;
    while (!done) {
        yaml_event_t event;
        if (!yaml_parser_parse(&parser, &event)) {
            fprintf(stderr, "yaml_floor: %s\n", parser.problem ? parser.problem : "error");
            status = 1;
            break;
        }
        done = event.type == YAML_STREAM_END_EVENT;
        yaml_event_delete(&event);
    }
    yaml_parser_delete(&parser);
    free(data);
    return status;
}
