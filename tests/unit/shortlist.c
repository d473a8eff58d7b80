/*
 * The report's shortlists (compiler/shortlist.c): the deals chosen while
 * they stream past must hold, for every list, the first deals that
 * reports/report.xsl shows in that list's order, whatever order the deals
 * come in. The orders are written out here a second time, from the
 * stylesheet's xsl:sort keys, and checked against a sort of every deal.
 */
#include "fixture.h"

#include "shortlist.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- hand-made cases ---- */

static struct deal_facts open_deal(uint32_t process, uint32_t stage, int64_t progress, const char *id)
{
    return (struct deal_facts){.process = process, .stage = stage, .progress = progress,
                               .open = true, .can_win = true, .id = id};
}

/* Offers deals[0..n-1] in order; which of them the shortlist wants, with no place or file asked for. */
static void choose(struct shortlist *sl, const struct deal_facts *deals, size_t n, bool *wanted)
{
    for (size_t i = 0; i < n; i++)
        shortlist_offer(sl, i, &deals[i]);
    shortlist_finish(sl);
    for (size_t i = 0; i < n; i++)
        wanted[i] = shortlist_wants(sl, i, 99, 0);
}

START_TEST(open_deals_furthest_stage_then_progress_then_id)
{
    struct deal_facts deals[] = {
        open_deal(0, 0, 90, "a"), /* stage 0: behind every later stage, whatever its progress */
        open_deal(0, 2, 10, "b"),
        open_deal(0, 1, 50, "c"),
        open_deal(0, 2, 10, "a2"), /* ties with b; a2 sorts first */
        open_deal(0, 1, 60, "d"),
    };
    struct shortlist *sl = shortlist_new(1, 3, 6);
    bool wanted[5];
    choose(sl, deals, 5, wanted);
    /* a2 (2/10), b (2/10), d (1/60) */
    ck_assert(!wanted[0] && wanted[1] && !wanted[2] && wanted[3] && wanted[4]);
    shortlist_free(sl);
}
END_TEST

START_TEST(closed_deals_latest_closing_text_first)
{
    struct deal_facts deals[8];
    char ids[8][8];
    /* Closing times as written: compared as text, as xsl:sort does by default. */
    const char *closed[] = {"2026-01-01T10:00:00Z", "2026-03-01T10:00:00Z", "2026-02-01T10:00:00Z",
                            "2026-03-01T10:00:00Z", "2025-12-31T23:00:00Z", "2026-01-02T10:00:00Z",
                            "2026-01-03T10:00:00Z", "2026-01-04T10:00:00Z"};
    for (int i = 0; i < 8; i++) {
        snprintf(ids[i], sizeof(ids[i]), "d%d", i);
        deals[i] = (struct deal_facts){.id = ids[i], .closed = closed[i]};
    }
    struct shortlist *sl = shortlist_new(1, 100, 3);
    bool wanted[8];
    choose(sl, deals, 8, wanted);
    /* d1 and d3 (March; d1 first by id), d2 (February); the open and other lists are empty */
    for (int i = 0; i < 8; i++)
        ck_assert_msg(wanted[i] == (i == 1 || i == 2 || i == 3), "deal %d", i);
    shortlist_free(sl);
}
END_TEST

START_TEST(attention_errors_then_rotting_then_idle_days)
{
    /* Lists of 2, no closed list: decoys fill the open and rotting lists, so that
       what else is wanted is what the attention list chose. */
    struct deal_facts deals[] = {
        {.id = "decoy-1", .open = true, .can_win = true, .stage = 9},
        {.id = "decoy-2", .open = true, .can_win = true, .stage = 9},
        {.id = "rotting-1", .open = true, .can_win = true, .rotting = true, .idle_days = 1000},
        {.id = "rotting-2", .open = true, .can_win = true, .rotting = true, .idle_days = 999},
        {.id = "closed-with-errors", .errors = 1, .idle_days = 1, .closed = "2026-01-01T10:00:00Z"},
        {.id = "blocked-with-errors", .open = true, .can_win = false, .errors = 2, .idle_days = 2},
        {.id = "blocked-idlest", .open = true, .can_win = false, .idle_days = 5000},
        {.id = "fine", .open = true, .can_win = true, .idle_days = 9000},
    };
    struct shortlist *sl = shortlist_new(1, 2, 0);
    bool wanted[8];
    choose(sl, deals, 8, wanted);
    for (size_t i = 0; i < 6; i++)
        ck_assert_msg(wanted[i], "%s", deals[i].id);
    /* Rule breaks come first, however long another deal has been idle. */
    ck_assert(!wanted[6]);
    ck_assert(!wanted[7]);
    ck_assert_uint_eq(shortlist_chosen(sl), 6);
    shortlist_free(sl);
}
END_TEST

START_TEST(places_want_the_first_deal_on_the_line_and_files_every_deal)
{
    struct shortlist *sl = shortlist_new(1, 0, 0);
    shortlist_want_place(sl, 3, 10);
    shortlist_want_place(sl, 3, 10); /* asked twice: still one deal */
    shortlist_want_file(sl, 5);
    shortlist_finish(sl);
    ck_assert(!shortlist_wants(sl, 0, 3, 9));
    ck_assert(shortlist_wants(sl, 1, 3, 10));
    ck_assert(!shortlist_wants(sl, 2, 3, 10)); /* a second deal on that line */
    ck_assert(!shortlist_wants(sl, 3, 4, 10));
    ck_assert(shortlist_wants(sl, 4, 5, 1));
    ck_assert(shortlist_wants(sl, 5, 5, 2));
    ck_assert(!shortlist_wants(sl, 6, 6, 2));
    ck_assert_uint_eq(shortlist_chosen(sl), 0);
    shortlist_free(sl);
}
END_TEST

/* ---- against a sort of every deal ---- */

enum { N_DEALS = 3000, N_PROCESSES = 3, LIMIT = 25, CLOSED_LIMIT = 6 };

struct sample {
    struct deal_facts f;
    uint64_t seq;
    char id[96];
    char closed[24];
};

static int sign(long long v)
{
    return (v > 0) - (v < 0);
}

/* report.xsl, deal-table: stage (position in the process) descending, progress descending, id. */
static int by_open_order(const void *a, const void *b)
{
    const struct sample *x = a, *y = b;
    if (x->f.stage != y->f.stage)
        return x->f.stage > y->f.stage ? -1 : 1;
    if (x->f.progress != y->f.progress)
        return sign((long long)y->f.progress - x->f.progress);
    return strcmp(x->id, y->id);
}

/* rotting-list: idle days descending, id. */
static int by_rotting_order(const void *a, const void *b)
{
    const struct sample *x = a, *y = b;
    if (x->f.idle_days != y->f.idle_days)
        return sign((long long)y->f.idle_days - x->f.idle_days);
    return strcmp(x->id, y->id);
}

/* closed-list: the closing time's text descending, id. */
static int by_closed_order(const void *a, const void *b)
{
    const struct sample *x = a, *y = b;
    int c = strcmp(y->closed, x->closed);
    return c ? c : strcmp(x->id, y->id);
}

/* attention-section: with errors first, then rotting, then idle days descending, id. */
static int by_attention_order(const void *a, const void *b)
{
    const struct sample *x = a, *y = b;
    if ((x->f.errors > 0) != (y->f.errors > 0))
        return x->f.errors > 0 ? -1 : 1;
    if (x->f.rotting != y->f.rotting)
        return x->f.rotting ? -1 : 1;
    return by_rotting_order(a, b);
}

/* Marks the first limit of the deals that match, in order. */
static void mark_first(const struct sample *all, size_t n, bool (*match)(const struct sample *, uint32_t),
                       uint32_t process, int (*order)(const void *, const void *), size_t limit,
                       bool *expected)
{
    struct sample *list = xcalloc(n, sizeof(*list));
    size_t len = 0;
    for (size_t i = 0; i < n; i++)
        if (match(&all[i], process))
            list[len++] = all[i];
    qsort(list, len, sizeof(*list), order);
    for (size_t i = 0; i < len && i < limit; i++)
        expected[list[i].seq] = true;
    free(list);
}

static bool is_open(const struct sample *s, uint32_t p) { return s->f.process == p && s->f.open; }
static bool is_closed(const struct sample *s, uint32_t p) { return s->f.process == p && !s->f.open; }
static bool is_rotting(const struct sample *s, uint32_t p) { return s->f.process == p && s->f.rotting; }
static bool needs_attention(const struct sample *s, uint32_t p)
{
    (void)p;
    return (s->f.open && !s->f.can_win) || s->f.rotting || s->f.errors > 0;
}

START_TEST(every_list_holds_the_first_deals_of_a_full_sort)
{
    /* Few distinct values, so that ties are common and the id decides. */
    struct sample *all = xcalloc(N_DEALS, sizeof(*all));
    srand(5 + (unsigned)_i);
    for (size_t i = 0; i < N_DEALS; i++) {
        struct sample *s = &all[i];
        s->seq = i;
        snprintf(s->id, sizeof(s->id), "deal-%04d", rand() % 10000);
        s->f.id = s->id;
        s->f.process = (uint32_t)(rand() % N_PROCESSES);
        s->f.stage = (uint32_t)(rand() % 4);
        s->f.progress = rand() % 5 * 25;
        s->f.idle_days = rand() % 40 - 5;
        s->f.errors = rand() % 10 == 0 ? (uint64_t)(1 + rand() % 3) : 0;
        s->f.open = rand() % 3 != 0;
        s->f.can_win = rand() % 2;
        s->f.rotting = s->f.open && rand() % 4 == 0;
        if (!s->f.open) {
            snprintf(s->closed, sizeof(s->closed), "2026-0%d-1%dT10:00:00Z", 1 + rand() % 3, rand() % 3);
            s->f.closed = s->closed;
        }
    }
    /* Ids unique, as those of evaluated deals are; some longer than an entry holds in place. */
    for (size_t i = 0; i < N_DEALS; i++)
        snprintf(all[i].id + 9, sizeof(all[i].id) - 9, "-%zu%s", i,
                 i % 5 ? "" : "-with-a-long-tail-that-does-not-fit-in-place-at-all");

    struct shortlist *sl = shortlist_new(N_PROCESSES, LIMIT, CLOSED_LIMIT);
    for (size_t i = 0; i < N_DEALS; i++)
        shortlist_offer(sl, i, &all[i].f);
    shortlist_finish(sl);

    bool *expected = xcalloc(N_DEALS, sizeof(*expected));
    for (uint32_t p = 0; p < N_PROCESSES; p++) {
        mark_first(all, N_DEALS, is_open, p, by_open_order, LIMIT, expected);
        mark_first(all, N_DEALS, is_rotting, p, by_rotting_order, LIMIT, expected);
        mark_first(all, N_DEALS, is_closed, p, by_closed_order, CLOSED_LIMIT, expected);
    }
    mark_first(all, N_DEALS, needs_attention, 0, by_attention_order, LIMIT, expected);

    size_t n_expected = 0;
    for (size_t i = 0; i < N_DEALS; i++) {
        n_expected += expected[i];
        ck_assert_msg(shortlist_wants(sl, i, 0, 0) == expected[i], "deal %zu (%s) %s", i, all[i].id,
                      expected[i] ? "not chosen" : "chosen but not shown");
    }
    ck_assert_uint_eq(shortlist_chosen(sl), n_expected);
    /* Bounded: never more than the lists' lengths. */
    ck_assert_uint_le(n_expected, N_PROCESSES * (2 * LIMIT + CLOSED_LIMIT) + LIMIT);
    free(expected);
    free(all);
    shortlist_free(sl);
}
END_TEST

Suite *shortlist_suite(void)
{
    Suite *s = suite_create("shortlist");
    TCase *hand = tcase_create("cases");
    tcase_add_test(hand, open_deals_furthest_stage_then_progress_then_id);
    tcase_add_test(hand, closed_deals_latest_closing_text_first);
    tcase_add_test(hand, attention_errors_then_rotting_then_idle_days);
    tcase_add_test(hand, places_want_the_first_deal_on_the_line_and_files_every_deal);
    suite_add_tcase(s, hand);
    TCase *sorted = tcase_create("against a full sort");
    tcase_add_loop_test(sorted, every_list_holds_the_first_deals_of_a_full_sort, 0, 8);
    suite_add_tcase(s, sorted);
    return s;
}
