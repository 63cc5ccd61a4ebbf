/*
 * test_arena.c - the arena that holds the journey graph and the YAML tree:
 * aligned memory, never shared between two allocations, whatever the mix
 * of small and big requests (blocks grow from 64 KiB to 2 MiB huge-page
 * blocks; big requests get blocks of their own).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "internal.h"

typedef struct piece {
    unsigned char *p;
    size_t n;
} piece;

/* Fills each piece with its own byte, then checks every piece still holds
 * it: two pieces that overlap fail. */
static void check_disjoint(piece *pieces, size_t count)
{
    for (size_t i = 0; i < count; i++)
        memset(pieces[i].p, (int)(i * 37 % 251) + 1, pieces[i].n);
    for (size_t i = 0; i < count; i++)
        for (size_t k = 0; k < pieces[i].n; k++)
            if (pieces[i].p[k] != (unsigned char)(i * 37 % 251 + 1))
                fail_msg("piece %zu (%zu bytes) was overwritten at byte %zu", i,
                         pieces[i].n, k);
}

static void many_small_pieces(void **state)
{
    (void)state;
    jmap_arena *a = jmap_arena_new();
    enum { COUNT = 300000 }; /* about 14 MiB: several 2 MiB blocks */
    piece *pieces = calloc(COUNT, sizeof *pieces);
    for (size_t i = 0; i < COUNT; i++) {
        pieces[i].n = 1 + i % 90;
        pieces[i].p = jmap_arena_alloc(a, 1, pieces[i].n);
        assert_int_equal((uintptr_t)pieces[i].p % _Alignof(max_align_t), 0);
    }
    check_disjoint(pieces, COUNT);
    free(pieces);
    jmap_arena_free(a);
}

static void big_and_small_pieces(void **state)
{
    (void)state;
    jmap_arena *a = jmap_arena_new();
    /* sizes around every threshold: half a block, a block, a huge block */
    static const size_t sizes[] = {
        16,           32 * 1024,         32 * 1024 + 1,   64 * 1024,
        64 * 1024 + 1, 1024 * 1024,      1024 * 1024 + 1, 2 * 1024 * 1024 - 64,
        2 * 1024 * 1024, 2 * 1024 * 1024 + 1, 3 * 1024 * 1024, 48,
    };
    enum { ROUNDS = 6 };
    size_t n_sizes = sizeof sizes / sizeof sizes[0];
    piece pieces[ROUNDS * (sizeof sizes / sizeof sizes[0]) * 2];
    size_t count = 0;
    for (int r = 0; r < ROUNDS; r++)
        for (size_t i = 0; i < n_sizes; i++) {
            pieces[count].n = sizes[(i + (size_t)r) % n_sizes];
            pieces[count].p = jmap_arena_alloc(a, 1, pieces[count].n);
            assert_int_equal((uintptr_t)pieces[count].p % _Alignof(max_align_t), 0);
            count++;
            pieces[count].n = 7; /* a small one after each */
            pieces[count].p = (unsigned char *)jmap_arena_strndup(a, "abcdefg", 6);
            assert_string_equal((char *)pieces[count].p, "abcdef");
            count++;
        }
    check_disjoint(pieces, count);
    jmap_arena_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(many_small_pieces),
        cmocka_unit_test(big_and_small_pieces),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
