/*
 * The packed id set (compiler/idset.c): every id is found again with the
 * place it was first claimed at, whatever the sizes of the numbers of that
 * place, the length or bytes of the id, or the number of ids (the table
 * grows several times here).
 */
#include "fixture.h"

#include "idset.h"

#include <stdio.h>
#include <string.h>

static struct place place_of(uint32_t i)
{
    /* Numbers of one to five bytes in the store, the extremes included. */
    static const uint32_t sizes[] = {0, 1, 127, 128, 16383, 16384, 2097151, 2097152, 268435455, 268435456, UINT32_MAX};
    enum { N = sizeof(sizes) / sizeof(sizes[0]) };
    return (struct place){sizes[i % N], sizes[(i / N) % N] ^ (i & 0xff), sizes[(i / 7) % N]};
}

/* Claims "deal-NNNNNNN" for 0..count-1 at place(i), then every step-th again: refused, with its first place. */
static void claim_and_claim_again(struct idset *s, uint32_t count, uint32_t step, struct place (*place)(uint32_t))
{
    char id[64];
    struct place first;
    for (uint32_t i = 0; i < count; i++) {
        snprintf(id, sizeof(id), "deal-%07u", i);
        ck_assert_msg(idset_claim(s, id, place(i), &first), "%s refused", id);
    }
    ck_assert_uint_eq(s->len, count);
    for (uint32_t i = 0; i < count; i += step) {
        snprintf(id, sizeof(id), "deal-%07u", i);
        ck_assert_msg(!idset_claim(s, id, (struct place){0, 1, 1}, &first), "%s claimed twice", id);
        struct place want = place(i);
        ck_assert_msg(first.file == want.file && first.line == want.line && first.col == want.col,
                      "%s: %u:%u:%u, not %u:%u:%u", id, first.file, first.line, first.col, want.file,
                      want.line, want.col);
    }
}

START_TEST(ids_are_found_again_with_their_first_place)
{
    struct idset s = {0};
    struct place first;
    enum { COUNT = 200000 };
    claim_and_claim_again(&s, COUNT, 7, place_of);
    /* Near misses are other ids. */
    ck_assert(idset_claim(&s, "deal-000000", place_of(1), &first));
    ck_assert(idset_claim(&s, "deal-00000001", place_of(1), &first));
    ck_assert(idset_claim(&s, "Deal-0000001", place_of(1), &first));
    ck_assert_uint_eq(s.len, COUNT + 3);
    idset_free(&s);
}
END_TEST

/* As deals come: file by file, line after line, several on one line, a file read again. */
static struct place in_order(uint32_t i)
{
    uint32_t file = i / 1000 % 5 + (i >= 4000 ? 7 : 0);
    uint32_t line = 2 + (i % 1000) * 37 + (i % 3 == 0 ? 0 : 1) + (i % 200 == 0 ? 300000 : 0);
    return (struct place){file, line, 3 + i % 2};
}

START_TEST(places_in_file_order_come_back)
{
    struct idset s = {0};
    claim_and_claim_again(&s, 6000, 1, in_order);
    idset_free(&s);
}
END_TEST

START_TEST(long_and_non_ascii_ids)
{
    struct idset s = {0};
    struct place first;
    static char big[20000];
    memset(big, 'x', sizeof(big) - 1);
    ck_assert(idset_claim(&s, big, (struct place){4, 5, 6}, &first));
    ck_assert(idset_claim(&s, "zażółć-gęślą", (struct place){7, 8, 9}, &first));
    ck_assert(idset_claim(&s, "x", (struct place){1, 1, 1}, &first));
    ck_assert(!idset_claim(&s, big, (struct place){0, 0, 0}, &first));
    ck_assert_uint_eq(first.file, 4);
    ck_assert_uint_eq(first.line, 5);
    ck_assert_uint_eq(first.col, 6);
    ck_assert(!idset_claim(&s, "zażółć-gęślą", (struct place){0, 0, 0}, &first));
    ck_assert_uint_eq(first.line, 8);
    big[100] = '\0'; /* a prefix of a stored id is another id */
    ck_assert(idset_claim(&s, big, (struct place){0, 0, 0}, &first));
    idset_free(&s);
}
END_TEST

Suite *idset_suite(void)
{
    Suite *s = suite_create("idset");
    TCase *tc = tcase_create("claims");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, ids_are_found_again_with_their_first_place);
    tcase_add_test(tc, places_in_file_order_come_back);
    tcase_add_test(tc, long_and_non_ascii_ids);
    suite_add_tcase(s, tc);
    return s;
}
