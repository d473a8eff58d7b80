/*
 * The per-process statistics of SPEC §2, on small data sets computed by
 * hand: counts and win rate, per stage (open now, reached, conversion, open
 * and weighted amounts per currency, average days of the deals that left
 * it), per step (completion share), top blockers, per owner, average days to
 * win; exact money per currency, with overflow marked and never wrapped.
 *
 * Each data set is a <deals> document of the fixture's process; every deal
 * is evaluated and fed to stats_add in a deal callback of this file (the
 * fixture keeps only the last deal's state).
 */
#include "fixture.h"

#include "deal.h"
#include "load.h"
#include "money.h"
#include "stats.h"
#include "xsdtime.h"

#include <stdio.h>
#include <string.h>

/* Times, all in January 2026, at 10:00 UTC. */
#define T(day) "2026-01-" day "T10:00:00Z"

/* Events of the fixture's process p (see fixture.h). */
#define A(by, at) "<done step=\"a\" by=\"" by "\" at=\"" at "\"><note>n</note></done>"
#define B(at) "<done step=\"b\" by=\"ola\" at=\"" at "\"/>"
#define C(at) "<done step=\"c\" by=\"ola\" at=\"" at "\"><note>n</note><file href=\"f.pdf\"/></done>"
#define D(at) "<done step=\"d\" by=\"ola\" at=\"" at "\"/>"
#define DONE(step, at) "<done step=\"" step "\" by=\"ola\" at=\"" at "\"/>"
#define UNDONE(step, at) "<undone step=\"" step "\" by=\"ola\" at=\"" at "\"/>"
#define MOVE(stage, at) "<moved stage=\"" stage "\" by=\"ola\" at=\"" at "\"/>"
#define WIN(at) "<won by=\"ola\" at=\"" at "\"/>"
#define LOSE(at) "<lost by=\"ola\" at=\"" at "\"/>"
/* Every obligatory step of p done by ola. */
#define OBLIGATORY A("ola", T("02")) C(T("03"))

/* One deal of process p; attrs e.g. " amount=\"10.00\"". */
#define DEAL(id, owner, created, attrs, log)                                                       \
    "  <deal id=\"" id "\" process=\"p\" owner=\"" owner "\" created=\"" created "\"" attrs        \
    "><title>" id "</title><log>" log "</log></deal>\n"

enum { S1, S2, S3 };

/* ---- feeding deals to the statistics ---- */

struct feed {
    struct fixture *fx;
    struct process_stats *ps;
    struct deal_builder *builder;
    size_t n;
};

static void feed_deal(void *ctx, const struct deal *d)
{
    struct feed *f = ctx;
    ck_assert_str_eq(d->process_id, f->fx->process->id);
    struct deal_state st;
    struct eval_input in = {&f->fx->team, f->fx->process, d, f->fx->as_of_day};
    size_t errors_before = f->fx->diags.counts[SEV_ERROR];
    eval_deal(&in, &f->fx->mem, &st, &f->fx->diags);
    stats_add(f->ps, d, &st, f->fx->diags.counts[SEV_ERROR] - errors_before);
    f->n++;
}

static const struct element_sink *choose_deals(void *ctx, enum doc_kind kind, struct loader *L)
{
    struct feed *f = ctx;
    (void)L;
    if (kind == DOC_DEAL || kind == DOC_DEALS)
        return deal_builder_sink(f->builder, kind);
    return NULL;
}

/* Evaluates every deal of <deals> holding body as of as_of into ps; returns the deals fed. */
static size_t feed(struct fixture *fx, struct process_stats *ps, const char *body, const char *as_of)
{
    ck_assert_msg(parse_xsd_date(as_of, &fx->as_of_day), "bad as-of %s", as_of);
    struct strbuf xml = {0};
    sb_adds(&xml, "<deals xmlns=\"urn:dealc:1\">\n");
    sb_adds(&xml, body);
    sb_adds(&xml, "</deals>\n");
    struct feed f = {fx, ps, NULL, 0};
    f.builder = deal_builder_new(feed_deal, &f);
    struct load_request req = {
        .path = "deals.xml",
        .file = 2,
        .named = true,
        .schemas = fx->schemas,
        .diags = &fx->diags,
        .choose = choose_deals,
        .choose_ctx = &f,
    };
    struct load_result res;
    const char *text = sb_str(&xml);
    load_memory(&req, text, strlen(text), &res);
    ck_assert_int_eq(res.outcome, LOAD_DONE);
    deal_builder_free(f.builder);
    sb_free(&xml);
    return f.n;
}

static void start(struct fixture *fx, struct process_stats *ps, const char *process_xml)
{
    fx_setup(fx, NULL, process_xml);
    ck_assert_ptr_nonnull(fx->process);
    stats_init(ps, fx->process);
}

static void finish(struct fixture *fx, struct process_stats *ps)
{
    stats_free(ps);
    fx_teardown(fx);
}

static void assert_no_errors(const struct fixture *fx)
{
    if (fx->diags.counts[SEV_ERROR])
        fx_dump(fx);
    ck_assert_uint_eq(fx->diags.counts[SEV_ERROR], 0);
}

/* n deals "<prefix><i>" owned by ola, created 2026-01-01, each with log. */
static void repeat(struct strbuf *sb, const char *prefix, unsigned n, const char *attrs, const char *log)
{
    for (unsigned i = 0; i < n; i++)
        sb_addf(sb,
                "  <deal id=\"%s%u\" process=\"p\" owner=\"ola\" created=\"2026-01-01\"%s>"
                "<title>t</title><log>%s</log></deal>\n",
                prefix, i, attrs, log);
}

/* The ratio as the state writes it (one fraction digit, half up). */
static char ratio_buf[64];
static const char *ratio(uint64_t num, uint64_t den, unsigned scale)
{
    ck_assert_uint_gt(den, 0);
    ratio_format(num, den, scale, ratio_buf, sizeof ratio_buf);
    return ratio_buf;
}

static const struct money_sum *sum_of(const struct money_sums *s, const char *currency)
{
    for (size_t i = 0; i < s->len; i++)
        if (!strcmp(s->items[i].currency, currency))
            return &s->items[i];
    return NULL;
}

/* Asserts the exact, non-overflowed sum of currency, given as decimal text. */
static void assert_sum(const struct money_sums *s, const char *currency, const char *amount)
{
    const struct money_sum *m = sum_of(s, currency);
    ck_assert_msg(m != NULL, "no sum in %s", currency);
    ck_assert_msg(!m->overflow, "the %s sum overflowed", currency);
    int64_t want;
    ck_assert_msg(money_parse(amount, &want), "bad amount %s", amount);
    char got[48];
    money_format(m->total, got, sizeof got);
    ck_assert_msg(m->total == want, "%s sum is %s, expected %s", currency, got, amount);
}

static const struct owner_stats *owner(const struct process_stats *ps, const char *id)
{
    for (size_t i = 0; i < ps->n_owners; i++)
        if (!strcmp(ps->owners[i].id, id))
            return &ps->owners[i];
    ck_abort_msg("no owner %s", id);
    return NULL;
}

/* ---- counts and win rate ---- */

START_TEST(zero_deals_have_no_rates_and_no_averages)
{
    struct fixture fx;
    struct process_stats ps;
    start(&fx, &ps, NULL);
    ck_assert_uint_eq(feed(&fx, &ps, "", "2026-02-01"), 0);
    ck_assert_uint_eq(ps.open, 0);
    ck_assert_uint_eq(ps.won, 0);
    ck_assert_uint_eq(ps.lost, 0);
    /* won + lost = 0: no win rate; won = 0: no average days to win. */
    ck_assert_uint_eq(ps.won + ps.lost, 0);
    ck_assert_uint_eq(ps.days_to_win, 0);
    for (size_t s = 0; s < fx.process->n_stages; s++) {
        ck_assert_uint_eq(ps.stages[s].open_now, 0);
        ck_assert_uint_eq(ps.stages[s].reached, 0); /* no conversion */
        ck_assert_uint_eq(ps.stages[s].left, 0);    /* no average days */
        ck_assert_uint_eq(ps.stages[s].days_left, 0);
        ck_assert_uint_eq(ps.stages[s].open_amount.len, 0);
        ck_assert_uint_eq(ps.stages[s].open_weighted.len, 0);
    }
    for (size_t i = 0; i < fx.process->n_steps; i++) {
        ck_assert_uint_eq(ps.step_done[i], 0);
        ck_assert_uint_eq(ps.step_blocking[i], 0);
    }
    uint32_t top[8];
    ck_assert_uint_eq(stats_top_blockers(&ps, top), 0);
    ck_assert_uint_eq(ps.n_owners, 0);
    finish(&fx, &ps);
}
END_TEST

START_TEST(no_closed_deals_have_no_win_rate)
{
    struct fixture fx;
    struct process_stats ps;
    start(&fx, &ps, NULL);
    ck_assert_uint_eq(feed(&fx, &ps,
                           DEAL("o1", "ola", "2026-01-01", "", "")
                           DEAL("o2", "ola", "2026-01-01", "", OBLIGATORY)
                           DEAL("o3", "piotr", "2026-01-01", "", MOVE("s2", T("05"))),
                           "2026-01-10"),
                      3);
    assert_no_errors(&fx);
    ck_assert_uint_eq(ps.open, 3);
    ck_assert_uint_eq(ps.won, 0);
    ck_assert_uint_eq(ps.lost, 0);
    ck_assert_uint_eq(ps.days_to_win, 0);
    /* o3 left s1 after 4 days; nobody left s2 or s3. */
    ck_assert_uint_eq(ps.stages[S1].left, 1);
    ck_assert_uint_eq(ps.stages[S1].days_left, 4);
    ck_assert_uint_eq(ps.stages[S2].left, 0);
    ck_assert_uint_eq(ps.stages[S3].left, 0);
    /* The last stage converts into won deals: 0 of 0 reached s3. */
    ck_assert_uint_eq(ps.stages[S3].reached, 0);
    finish(&fx, &ps);
}
END_TEST

START_TEST(counts_open_won_lost)
{
    struct fixture fx;
    struct process_stats ps;
    start(&fx, &ps, NULL);
    ck_assert_uint_eq(feed(&fx, &ps,
                           DEAL("o1", "ola", "2026-01-01", "", "")
                           DEAL("o2", "piotr", "2026-01-01", "", A("piotr", T("02")))
                           DEAL("w1", "ola", "2026-01-01", "", OBLIGATORY WIN(T("04")))
                           DEAL("w2", "ola", "2026-01-01", "", OBLIGATORY WIN(T("05")))
                           DEAL("w3", "piotr", "2026-01-01", "",
                                A("piotr", T("02")) C(T("03")) WIN(T("06")))
                           DEAL("l1", "ola", "2026-01-01", "", LOSE(T("02"))),
                           "2026-01-10"),
                      6);
    assert_no_errors(&fx);
    ck_assert_uint_eq(ps.open, 2);
    ck_assert_uint_eq(ps.won, 3);
    ck_assert_uint_eq(ps.lost, 1);
    /* 3 / (3 + 1) */
    ck_assert_str_eq(ratio(ps.won, ps.won + ps.lost, 100), "75.0");
    finish(&fx, &ps);
}
END_TEST

START_TEST(refused_won_and_lost_do_not_count)
{
    struct fixture fx;
    struct process_stats ps;
    start(&fx, &ps, NULL);
    /* A win with obligatory steps undone is refused; so is anything after a close. */
    feed(&fx, &ps,
         DEAL("b1", "ola", "2026-01-01", "", WIN(T("02")))
         DEAL("b2", "ola", "2026-01-01", "", LOSE(T("02")) WIN(T("03"))),
         "2026-01-10");
    ck_assert_uint_eq(fx_count(&fx, "win-blocked", 0), 1);
    ck_assert_uint_eq(fx_count(&fx, "after-close", 0), 1);
    ck_assert_uint_eq(ps.open, 1);
    ck_assert_uint_eq(ps.won, 0);
    ck_assert_uint_eq(ps.lost, 1);
    ck_assert_str_eq(ratio(ps.won, ps.won + ps.lost, 100), "0.0");
    finish(&fx, &ps);
}
END_TEST

START_TEST(win_rate_one_of_eight_is_12_5)
{
    struct fixture fx;
    struct process_stats ps;
    start(&fx, &ps, NULL);
    struct strbuf body = {0};
    repeat(&body, "w", 1, "", OBLIGATORY WIN(T("05")));
    repeat(&body, "l", 7, "", LOSE(T("05")));
    ck_assert_uint_eq(feed(&fx, &ps, sb_str(&body), "2026-01-10"), 8);
    sb_free(&body);
    assert_no_errors(&fx);
    ck_assert_uint_eq(ps.won, 1);
    ck_assert_uint_eq(ps.lost, 7);
    ck_assert_str_eq(ratio(ps.won, ps.won + ps.lost, 100), "12.5");
    finish(&fx, &ps);
}
END_TEST

START_TEST(win_rate_one_of_sixteen_rounds_half_up_and_ignores_open_deals)
{
    struct fixture fx;
    struct process_stats ps;
    start(&fx, &ps, NULL);
    struct strbuf body = {0};
    repeat(&body, "w", 1, "", OBLIGATORY WIN(T("05")));
    repeat(&body, "l", 15, "", LOSE(T("05")));
    repeat(&body, "o", 4, "", ""); /* 1 of 20 would be 5.0 */
    ck_assert_uint_eq(feed(&fx, &ps, sb_str(&body), "2026-01-10"), 20);
    sb_free(&body);
    assert_no_errors(&fx);
    ck_assert_uint_eq(ps.open, 4);
    ck_assert_uint_eq(ps.won, 1);
    ck_assert_uint_eq(ps.lost, 15);
    /* 6.25 % -> 6.3 */
    ck_assert_str_eq(ratio(ps.won, ps.won + ps.lost, 100), "6.3");
    finish(&fx, &ps);
}
END_TEST

START_TEST(ratio_format_rounds_half_up_to_one_digit)
{
    ck_assert_str_eq(ratio(1, 8, 100), "12.5");
    ck_assert_str_eq(ratio(1, 16, 100), "6.3");    /* 6.25 */
    ck_assert_str_eq(ratio(3, 16, 100), "18.8");   /* 18.75 */
    ck_assert_str_eq(ratio(1, 80, 100), "1.3");    /* 1.25 */
    ck_assert_str_eq(ratio(1, 2000, 100), "0.1");  /* 0.05 */
    ck_assert_str_eq(ratio(5, 2, 1), "2.5");
    ck_assert_str_eq(ratio(1, 4, 1), "0.3");       /* 0.25 */
    ck_assert_str_eq(ratio(1, 20, 1), "0.1");      /* 0.05 */
    ck_assert_str_eq(ratio(2, 3, 100), "66.7");    /* 66.67 */
    ck_assert_str_eq(ratio(1, 1, 100), "100.0");
    ck_assert_str_eq(ratio(0, 5, 100), "0.0");
    ck_assert_str_eq(ratio(13, 1, 1), "13.0");
}
END_TEST

START_TEST(ratio_format_below_half_rounds_down)
{
    ck_assert_str_eq(ratio(1, 3, 100), "33.3");     /* 33.33 */
    ck_assert_str_eq(ratio(1, 2001, 100), "0.0");   /* 0.04998 */
    ck_assert_str_eq(ratio(1, 40, 1), "0.0");       /* 0.025 */
    ck_assert_str_eq(ratio(7, 3, 1), "2.3");        /* 2.333 */
    ck_assert_str_eq(ratio(1249, 10000, 100), "12.5"); /* 12.49 -> 12.5 */
    ck_assert_str_eq(ratio(1244, 10000, 100), "12.4"); /* 12.44 */
    /* No overflow in between, however large the counts. */
    ck_assert_str_eq(ratio(UINT64_MAX, UINT64_MAX, 100), "100.0");
    ck_assert_str_eq(ratio(UINT64_MAX / 2, UINT64_MAX, 100), "50.0");
}
END_TEST

/* ---- per stage ---- */

START_TEST(stage_open_now_counts_open_deals_where_they_are)
{
    struct fixture fx;
    struct process_stats ps;
    start(&fx, &ps, NULL);
    feed(&fx, &ps,
         DEAL("x1", "ola", "2026-01-01", "", "")
         DEAL("x2", "ola", "2026-01-01", "", MOVE("s2", T("02")))
         DEAL("x3", "ola", "2026-01-01", "", C(T("02")) MOVE("s3", T("03")))
         DEAL("x4", "ola", "2026-01-01", "", MOVE("s2", T("02")) LOSE(T("03")))
         DEAL("x5", "ola", "2026-01-01", "", OBLIGATORY WIN(T("04")))
         DEAL("x6", "ola", "2026-01-01", "", MOVE("s3", T("02")) MOVE("s1", T("03"))),
         "2026-01-10");
    /* x6 cannot pass strict s2 with c undone: it stays in s1, then "moves" to s1. */
    ck_assert_uint_eq(fx_count(&fx, "gate-blocked", 0), 1);
    ck_assert_uint_eq(fx.diags.counts[SEV_ERROR], 1);
    ck_assert_uint_eq(ps.stages[S1].open_now, 2); /* x1, x6 */
    ck_assert_uint_eq(ps.stages[S2].open_now, 1); /* x2; x4 is lost there */
    ck_assert_uint_eq(ps.stages[S3].open_now, 1); /* x3 */
    ck_assert_uint_eq(ps.open, 4);
    finish(&fx, &ps);
}
END_TEST

/* Reached: entered the stage or a later one, or won. */
static const char REACHED_DEALS[] =
    /* skipped s2: still reached it */
    DEAL("r1", "ola", "2026-01-01", "", C(T("02")) MOVE("s3", T("03")))
    /* went to s2 and back: reached s2 */
    DEAL("r2", "ola", "2026-01-01", "", MOVE("s2", T("02")) MOVE("s1", T("03")))
    /* won from s1: reached every stage */
    DEAL("r3", "ola", "2026-01-01", "", OBLIGATORY WIN(T("04")))
    /* lost in s2 */
    DEAL("r4", "ola", "2026-01-01", "", MOVE("s2", T("02")) LOSE(T("03")))
    /* never moved */
    DEAL("r5", "ola", "2026-01-01", "", "")
    /* its move on to s3 is refused (gate-blocked): reached s2 only */
    DEAL("r6", "ola", "2026-01-01", "", MOVE("s2", T("02")) MOVE("s3", T("03")));

START_TEST(stage_reached_counts_later_stages_and_won_deals)
{
    struct fixture fx;
    struct process_stats ps;
    start(&fx, &ps, NULL);
    ck_assert_uint_eq(feed(&fx, &ps, REACHED_DEALS, "2026-01-10"), 6);
    ck_assert_uint_eq(fx_count(&fx, "gate-blocked", 0), 1);
    ck_assert_uint_eq(fx.diags.counts[SEV_ERROR], 1);
    ck_assert_uint_eq(ps.stages[S1].reached, 6);
    ck_assert_uint_eq(ps.stages[S2].reached, 5); /* r1, r2, r3, r4, r6 */
    ck_assert_uint_eq(ps.stages[S3].reached, 2); /* r1, r3 */
    finish(&fx, &ps);
}
END_TEST

START_TEST(stage_conversion_is_reached_next_over_reached_and_last_stage_into_won)
{
    struct fixture fx;
    struct process_stats ps;
    start(&fx, &ps, NULL);
    feed(&fx, &ps, REACHED_DEALS, "2026-01-10");
    ck_assert_uint_eq(ps.won, 1);
    /* s1 -> s2: 5 / 6 */
    ck_assert_str_eq(ratio(ps.stages[S2].reached, ps.stages[S1].reached, 100), "83.3");
    /* s2 -> s3: 2 / 5 */
    ck_assert_str_eq(ratio(ps.stages[S3].reached, ps.stages[S2].reached, 100), "40.0");
    /* s3 -> won: 1 / 2 */
    ck_assert_str_eq(ratio(ps.won, ps.stages[S3].reached, 100), "50.0");
    finish(&fx, &ps);
}
END_TEST

START_TEST(stage_open_amount_and_weighted_per_currency)
{
    struct fixture fx;
    struct process_stats ps;
    start(&fx, &ps, NULL);
    feed(&fx, &ps,
         /* PLN from the process; a done: 10 of 100 -> 100.00 */
         DEAL("m1", "ola", "2026-01-01", " amount=\"1000.00\"", A("ola", T("02")))
         /* a, b: 15 of 100 of 333.33 = 49.9995 -> 50.00 (half up) */
         DEAL("m2", "ola", "2026-01-01", " amount=\"333.33\"", A("ola", T("02")) B(T("03")))
         /* its own currency, nothing done -> 0.00 */
         DEAL("m3", "ola", "2026-01-01", " amount=\"200\" currency=\"EUR\"", "")
         /* in s2: 10 of 100 of 80.50 = 8.05 */
         DEAL("m4", "ola", "2026-01-01", " amount=\"80.50\" currency=\"EUR\"",
              A("ola", T("02")) MOVE("s2", T("04")))
         /* no amount: open in s1, in no sum */
         DEAL("m5", "ola", "2026-01-01", "", A("ola", T("02")))
         /* closed deals are not open amounts */
         DEAL("m6", "ola", "2026-01-01", " amount=\"5000\"", OBLIGATORY WIN(T("04")))
         DEAL("m7", "ola", "2026-01-01", " amount=\"700\"", LOSE(T("04"))),
         "2026-01-10");
    assert_no_errors(&fx);
    ck_assert_uint_eq(ps.stages[S1].open_now, 4);
    const struct money_sums *amount = &ps.stages[S1].open_amount;
    const struct money_sums *weighted = &ps.stages[S1].open_weighted;
    ck_assert_uint_eq(amount->len, 2);
    assert_sum(amount, "PLN", "1333.33");
    assert_sum(amount, "EUR", "200");
    ck_assert_uint_eq(weighted->len, 2);
    assert_sum(weighted, "PLN", "150.00");
    assert_sum(weighted, "EUR", "0");
    /* Kept in currency order. */
    ck_assert_str_eq(amount->items[0].currency, "EUR");
    ck_assert_str_eq(amount->items[1].currency, "PLN");

    ck_assert_uint_eq(ps.stages[S2].open_amount.len, 1);
    assert_sum(&ps.stages[S2].open_amount, "EUR", "80.50");
    assert_sum(&ps.stages[S2].open_weighted, "EUR", "8.05");
    ck_assert_uint_eq(ps.stages[S3].open_amount.len, 0);
    ck_assert_uint_eq(ps.stages[S3].open_weighted.len, 0);
    finish(&fx, &ps);
}
END_TEST

START_TEST(stage_amounts_are_exact_to_the_last_unit)
{
    struct fixture fx;
    struct process_stats ps;
    start(&fx, &ps, NULL);
    /* 0.1 + 0.2 is 0.3 here; and 4-digit amounts add up exactly. */
    feed(&fx, &ps,
         DEAL("e1", "ola", "2026-01-01", " amount=\"0.1\"", "")
         DEAL("e2", "ola", "2026-01-01", " amount=\"0.2\"", "")
         DEAL("e3", "ola", "2026-01-01", " amount=\"1000.0001\"", "")
         /* weighted: 15 of 100 of 0.0333 = 0.004995 -> 0.00; of 0.0334 = 0.00501 -> 0.01 */
         DEAL("e4", "ola", "2026-01-01", " amount=\"0.0333\" currency=\"EUR\"",
              A("ola", T("02")) B(T("03")))
         DEAL("e5", "ola", "2026-01-01", " amount=\"0.0334\" currency=\"EUR\"",
              A("ola", T("02")) B(T("03"))),
         "2026-01-10");
    assert_no_errors(&fx);
    assert_sum(&ps.stages[S1].open_amount, "PLN", "1000.3001");
    assert_sum(&ps.stages[S1].open_weighted, "PLN", "0");
    assert_sum(&ps.stages[S1].open_amount, "EUR", "0.0667");
    assert_sum(&ps.stages[S1].open_weighted, "EUR", "0.01");
    finish(&fx, &ps);
}
END_TEST

START_TEST(stage_average_days_of_deals_that_left_it)
{
    struct fixture fx;
    struct process_stats ps;
    start(&fx, &ps, NULL);
    feed(&fx, &ps,
         /* s1 for 10 days, still in s2 */
         DEAL("v1", "ola", "2026-01-01", "", MOVE("s2", T("11")))
         /* s1 for 4 days, s2 for 3, still in s3 */
         DEAL("v2", "ola", "2026-01-01", "", MOVE("s2", T("05")) C(T("06")) MOVE("s3", T("08")))
         /* still in s1: its 22 days so far are not counted */
         DEAL("v3", "ola", "2026-01-10", "", ""),
         "2026-02-01");
    assert_no_errors(&fx);
    ck_assert_uint_eq(ps.stages[S1].left, 2);
    ck_assert_uint_eq(ps.stages[S1].days_left, 14);
    ck_assert_str_eq(ratio(ps.stages[S1].days_left, ps.stages[S1].left, 1), "7.0");
    ck_assert_uint_eq(ps.stages[S2].left, 1);
    ck_assert_uint_eq(ps.stages[S2].days_left, 3);
    ck_assert_str_eq(ratio(ps.stages[S2].days_left, ps.stages[S2].left, 1), "3.0");
    /* Nobody left s3: no average. */
    ck_assert_uint_eq(ps.stages[S3].left, 0);
    ck_assert_uint_eq(ps.stages[S3].days_left, 0);
    finish(&fx, &ps);
}
END_TEST

START_TEST(stage_average_days_of_a_deal_moving_back_and_forth_counts_it_once)
{
    struct fixture fx;
    struct process_stats ps;
    start(&fx, &ps, NULL);
    feed(&fx, &ps,
         /* s1 2 days, s2 3 days, s1 again 4 days, s2 again until now (not finished) */
         DEAL("b1", "ola", "2026-01-01", "",
              MOVE("s2", T("03")) MOVE("s1", T("06")) MOVE("s2", T("10")))
         /* s1 1 day, then s2 until now */
         DEAL("b2", "ola", "2026-01-01", "", MOVE("s2", T("02"))),
         "2026-01-20");
    assert_no_errors(&fx);
    /* s1: b1 2 + 4 = 6 days (one deal), b2 1 day: 7 / 2 */
    ck_assert_uint_eq(ps.stages[S1].left, 2);
    ck_assert_uint_eq(ps.stages[S1].days_left, 7);
    ck_assert_str_eq(ratio(ps.stages[S1].days_left, ps.stages[S1].left, 1), "3.5");
    /* s2: only b1's finished visit of 3 days; the visits still running do not count */
    ck_assert_uint_eq(ps.stages[S2].left, 1);
    ck_assert_uint_eq(ps.stages[S2].days_left, 3);
    finish(&fx, &ps);
}
END_TEST

START_TEST(stage_average_days_ends_a_visit_at_won_or_lost)
{
    struct fixture fx;
    struct process_stats ps;
    start(&fx, &ps, NULL);
    feed(&fx, &ps,
         /* s1 4 days, s2 7 days until won */
         DEAL("c1", "ola", "2026-01-01", "", OBLIGATORY MOVE("s2", T("05")) WIN(T("12")))
         /* s1 2 days until lost */
         DEAL("c2", "ola", "2026-01-01", "", LOSE(T("03")))
         /* s1 1 day, s2 0 days (same day) */
         DEAL("c3", "ola", "2026-01-01", "", MOVE("s2", T("02")) LOSE("2026-01-02T18:00:00Z")),
         "2026-02-01");
    assert_no_errors(&fx);
    ck_assert_uint_eq(ps.stages[S1].left, 3);
    ck_assert_uint_eq(ps.stages[S1].days_left, 7);
    ck_assert_str_eq(ratio(ps.stages[S1].days_left, ps.stages[S1].left, 1), "2.3");
    ck_assert_uint_eq(ps.stages[S2].left, 2);
    ck_assert_uint_eq(ps.stages[S2].days_left, 7);
    ck_assert_str_eq(ratio(ps.stages[S2].days_left, ps.stages[S2].left, 1), "3.5");
    ck_assert_uint_eq(ps.stages[S3].left, 0);
    finish(&fx, &ps);
}
END_TEST

/* ---- per step ---- */

START_TEST(step_share_is_of_the_deals_that_reached_its_stage)
{
    struct fixture fx;
    struct process_stats ps;
    start(&fx, &ps, NULL);
    feed(&fx, &ps,
         /* a and d done, but s3 not reached: d does not count */
         DEAL("q1", "ola", "2026-01-01", "", A("ola", T("02")) D(T("03")))
         DEAL("q2", "ola", "2026-01-01", "", A("ola", T("02")) C(T("03")) MOVE("s2", T("04")))
         DEAL("q3", "ola", "2026-01-01", "", B(T("02")))
         /* c done while in s1: s2 not reached, does not count */
         DEAL("q4", "ola", "2026-01-01", "", C(T("02"))),
         "2026-01-10");
    assert_no_errors(&fx);
    ck_assert_uint_eq(ps.stages[S1].reached, 4);
    ck_assert_uint_eq(ps.stages[S2].reached, 1);
    ck_assert_uint_eq(ps.stages[S3].reached, 0);
    ck_assert_uint_eq(ps.step_done[fx_step(&fx, "a")], 2);
    ck_assert_uint_eq(ps.step_done[fx_step(&fx, "b")], 1);
    ck_assert_uint_eq(ps.step_done[fx_step(&fx, "c")], 1);
    ck_assert_uint_eq(ps.step_done[fx_step(&fx, "d")], 0);
    ck_assert_str_eq(ratio(ps.step_done[fx_step(&fx, "a")], ps.stages[S1].reached, 100), "50.0");
    ck_assert_str_eq(ratio(ps.step_done[fx_step(&fx, "b")], ps.stages[S1].reached, 100), "25.0");
    ck_assert_str_eq(ratio(ps.step_done[fx_step(&fx, "c")], ps.stages[S2].reached, 100), "100.0");
    finish(&fx, &ps);
}
END_TEST

START_TEST(step_share_counts_the_final_state_of_closed_deals_too)
{
    struct fixture fx;
    struct process_stats ps;
    start(&fx, &ps, NULL);
    feed(&fx, &ps,
         /* done then undone: not done */
         DEAL("u1", "ola", "2026-01-01", "", B(T("02")) UNDONE("b", T("03")))
         /* won: reached every stage, a, c, d done */
         DEAL("u2", "ola", "2026-01-01", "", OBLIGATORY D(T("04")) WIN(T("05")))
         /* lost in s1 with a done */
         DEAL("u3", "ola", "2026-01-01", "", A("ola", T("02")) LOSE(T("03"))),
         "2026-01-10");
    assert_no_errors(&fx);
    ck_assert_uint_eq(ps.stages[S1].reached, 3);
    ck_assert_uint_eq(ps.stages[S2].reached, 1);
    ck_assert_uint_eq(ps.stages[S3].reached, 1);
    ck_assert_uint_eq(ps.step_done[fx_step(&fx, "a")], 2);
    ck_assert_uint_eq(ps.step_done[fx_step(&fx, "b")], 0);
    ck_assert_uint_eq(ps.step_done[fx_step(&fx, "c")], 1);
    ck_assert_uint_eq(ps.step_done[fx_step(&fx, "d")], 1);
    ck_assert_str_eq(ratio(ps.step_done[fx_step(&fx, "a")], ps.stages[S1].reached, 100), "66.7");
    ck_assert_str_eq(ratio(ps.step_done[fx_step(&fx, "b")], ps.stages[S1].reached, 100), "0.0");
    ck_assert_str_eq(ratio(ps.step_done[fx_step(&fx, "d")], ps.stages[S3].reached, 100), "100.0");
    finish(&fx, &ps);
}
END_TEST

/* ---- top blockers ---- */

START_TEST(top_blockers_most_often_first_open_deals_only)
{
    struct fixture fx;
    struct process_stats ps;
    start(&fx, &ps, NULL);
    feed(&fx, &ps,
         DEAL("t1", "ola", "2026-01-01", "", "")                   /* a, c */
         DEAL("t2", "ola", "2026-01-01", "", A("ola", T("02")))    /* c */
         DEAL("t3", "ola", "2026-01-01", "", A("ola", T("02")))    /* c */
         DEAL("t4", "ola", "2026-01-01", "", OBLIGATORY)           /* none */
         DEAL("t5", "ola", "2026-01-01", "", LOSE(T("02")))        /* lost: not counted */
         DEAL("t6", "ola", "2026-01-01", "", OBLIGATORY WIN(T("04"))),
         "2026-01-10");
    assert_no_errors(&fx);
    ck_assert_uint_eq(ps.step_blocking[fx_step(&fx, "a")], 1);
    ck_assert_uint_eq(ps.step_blocking[fx_step(&fx, "c")], 3);
    ck_assert_uint_eq(ps.step_blocking[fx_step(&fx, "b")], 0);
    ck_assert_uint_eq(ps.step_blocking[fx_step(&fx, "d")], 0);
    uint32_t top[8];
    ck_assert_uint_eq(stats_top_blockers(&ps, top), 2);
    ck_assert_uint_eq(top[0], fx_step(&fx, "c"));
    ck_assert_uint_eq(top[1], fx_step(&fx, "a"));
    finish(&fx, &ps);
}
END_TEST

START_TEST(top_blockers_ties_in_process_order)
{
    static const char process[] =
        "<process xmlns=\"urn:dealc:1\" id=\"p\" name=\"Ties\" currency=\"PLN\">\n"
        "  <stage id=\"s1\" name=\"One\">\n"
        "    <step id=\"z\" name=\"Z\" value=\"1\" obligatory=\"true\"/>\n"
        "    <step id=\"m\" name=\"M\" value=\"1\" obligatory=\"true\"/>\n"
        "  </stage>\n"
        "  <stage id=\"s2\" name=\"Two\">\n"
        "    <step id=\"o\" name=\"Optional\" value=\"1\"/>\n"
        "    <step id=\"a\" name=\"A\" value=\"1\" obligatory=\"true\"/>\n"
        "    <step id=\"y\" name=\"Y\" value=\"1\" obligatory=\"true\"/>\n"
        "  </stage>\n"
        "</process>\n";
    struct fixture fx;
    struct process_stats ps;
    start(&fx, &ps, process);
    feed(&fx, &ps,
         /* z, m, a */
         DEAL("n1", "ola", "2026-01-01", "", DONE("y", T("02")))
         /* m, a */
         DEAL("n2", "ola", "2026-01-01", "", DONE("z", T("02")) DONE("y", T("03")))
         /* y */
         DEAL("n3", "ola", "2026-01-01", "", DONE("z", T("02")) DONE("m", T("03")) DONE("a", T("04")))
         /* a y, but lost */
         DEAL("n4", "ola", "2026-01-01", "", DONE("z", T("02")) DONE("m", T("03")) LOSE(T("04"))),
         "2026-01-10");
    assert_no_errors(&fx);
    /* m 2, a 2 (a tie, in process order, not by id), then z 1 and y 1 (also process order) */
    uint32_t top[8];
    ck_assert_uint_eq(stats_top_blockers(&ps, top), 4);
    ck_assert_uint_eq(top[0], fx_step(&fx, "m"));
    ck_assert_uint_eq(top[1], fx_step(&fx, "a"));
    ck_assert_uint_eq(top[2], fx_step(&fx, "z"));
    ck_assert_uint_eq(top[3], fx_step(&fx, "y"));
    ck_assert_uint_eq(ps.step_blocking[fx_step(&fx, "m")], 2);
    ck_assert_uint_eq(ps.step_blocking[fx_step(&fx, "a")], 2);
    ck_assert_uint_eq(ps.step_blocking[fx_step(&fx, "z")], 1);
    ck_assert_uint_eq(ps.step_blocking[fx_step(&fx, "y")], 1);
    ck_assert_uint_eq(ps.step_blocking[fx_step(&fx, "o")], 0);
    finish(&fx, &ps);
}
END_TEST

START_TEST(top_blockers_lists_only_steps_that_block)
{
    struct fixture fx;
    struct process_stats ps;
    start(&fx, &ps, NULL);
    feed(&fx, &ps,
         DEAL("k1", "ola", "2026-01-01", "", A("ola", T("02")))
         DEAL("k2", "ola", "2026-01-01", "", A("ola", T("02")) C(T("03")) UNDONE("c", T("04"))),
         "2026-01-10");
    assert_no_errors(&fx);
    uint32_t top[8];
    ck_assert_uint_eq(stats_top_blockers(&ps, top), 1);
    ck_assert_uint_eq(top[0], fx_step(&fx, "c"));
    ck_assert_uint_eq(ps.step_blocking[fx_step(&fx, "c")], 2);
    finish(&fx, &ps);
}
END_TEST

/* ---- per owner ---- */

START_TEST(owner_counts_and_won_amounts_per_currency)
{
    struct fixture fx;
    struct process_stats ps;
    start(&fx, &ps, NULL);
    feed(&fx, &ps,
         DEAL("o1", "ola", "2026-01-01", " amount=\"10\"", "")
         DEAL("o2", "ola", "2026-01-01", " amount=\"1000.00\"", OBLIGATORY WIN(T("04")))
         DEAL("o3", "ola", "2026-01-01", " amount=\"250.25\" currency=\"EUR\"", OBLIGATORY WIN(T("04")))
         DEAL("o4", "ola", "2026-01-01", " amount=\"99\"", LOSE(T("02")))
         DEAL("o5", "piotr", "2026-01-01", " amount=\"500.005\"",
              A("piotr", T("02")) C(T("03")) WIN(T("04")))
         DEAL("o6", "piotr", "2026-01-01", " amount=\"1\"", LOSE(T("02")))
         DEAL("o7", "ola", "2026-01-01", " amount=\"0.0001\"", OBLIGATORY WIN(T("05")))
         /* won without an amount: counted, no sum */
         DEAL("o8", "dora", "2026-01-01", "",
              "<done step=\"a\" by=\"marek\" at=\"" T("02") "\"><note>n</note></done>"
              C(T("03")) WIN(T("04")))
         DEAL("o9", "dora", "2026-01-01", "", ""),
         "2026-01-10");
    assert_no_errors(&fx);
    ck_assert_uint_eq(ps.n_owners, 3);
    const struct owner_stats *ola = owner(&ps, "ola");
    ck_assert_uint_eq(ola->open, 1);
    ck_assert_uint_eq(ola->won, 3);
    ck_assert_uint_eq(ola->lost, 1);
    ck_assert_uint_eq(ola->won_amount.len, 2);
    assert_sum(&ola->won_amount, "PLN", "1000.0001");
    assert_sum(&ola->won_amount, "EUR", "250.25");
    const struct owner_stats *piotr = owner(&ps, "piotr");
    ck_assert_uint_eq(piotr->open, 0);
    ck_assert_uint_eq(piotr->won, 1);
    ck_assert_uint_eq(piotr->lost, 1);
    ck_assert_uint_eq(piotr->won_amount.len, 1);
    assert_sum(&piotr->won_amount, "PLN", "500.005");
    const struct owner_stats *dora = owner(&ps, "dora");
    ck_assert_uint_eq(dora->open, 1);
    ck_assert_uint_eq(dora->won, 1);
    ck_assert_uint_eq(dora->lost, 0);
    ck_assert_uint_eq(dora->won_amount.len, 0);
    /* The owners add up to the process. */
    ck_assert_uint_eq(ps.open, 2);
    ck_assert_uint_eq(ps.won, 5);
    ck_assert_uint_eq(ps.lost, 2);
    finish(&fx, &ps);
}
END_TEST

/* ---- days to win ---- */

START_TEST(average_days_from_created_to_won)
{
    struct fixture fx;
    struct process_stats ps;
    start(&fx, &ps, NULL);
    feed(&fx, &ps,
         DEAL("d1", "ola", "2026-01-01", "", OBLIGATORY WIN(T("11")))          /* 10 */
         DEAL("d2", "ola", "2026-01-05", "", A("ola", T("06")) C(T("07")) WIN(T("08"))) /* 3 */
         DEAL("d3", "ola", "2026-01-01", "", LOSE(T("20")))                    /* not won */
         DEAL("d4", "ola", "2026-01-01", "", OBLIGATORY),                      /* open */
         "2026-01-25");
    assert_no_errors(&fx);
    ck_assert_uint_eq(ps.won, 2);
    ck_assert_uint_eq(ps.days_to_win, 13);
    ck_assert_str_eq(ratio(ps.days_to_win, ps.won, 1), "6.5");
    finish(&fx, &ps);
}
END_TEST

START_TEST(average_days_to_win_counts_a_same_day_win_as_zero)
{
    struct fixture fx;
    struct process_stats ps;
    start(&fx, &ps, NULL);
    feed(&fx, &ps,
         DEAL("d1", "ola", "2026-01-01", "", OBLIGATORY WIN(T("11")))          /* 10 */
         DEAL("d2", "ola", "2026-01-05", "", A("ola", T("06")) C(T("07")) WIN(T("08"))) /* 3 */
         DEAL("d3", "ola", "2026-01-09", "",
              A("ola", "2026-01-09T08:00:00Z") C("2026-01-09T09:00:00Z") WIN(T("09"))), /* 0 */
         "2026-01-25");
    assert_no_errors(&fx);
    ck_assert_uint_eq(ps.won, 3);
    ck_assert_uint_eq(ps.days_to_win, 13);
    ck_assert_str_eq(ratio(ps.days_to_win, ps.won, 1), "4.3");
    finish(&fx, &ps);
}
END_TEST

/* ---- currencies and overflow ---- */

START_TEST(currency_mix_is_never_mixed)
{
    struct fixture fx;
    struct process_stats ps;
    start(&fx, &ps, NULL);
    /* Arriving USD, PLN, EUR: each its own sum, listed by code. */
    feed(&fx, &ps,
         DEAL("c1", "ola", "2026-01-01", " amount=\"7\" currency=\"USD\"", A("ola", T("02")))
         DEAL("c2", "ola", "2026-01-01", " amount=\"100\"", A("ola", T("02")))
         DEAL("c3", "ola", "2026-01-01", " amount=\"100\" currency=\"EUR\"", "")
         DEAL("c4", "ola", "2026-01-01", " amount=\"0.5\" currency=\"PLN\"", "")
         DEAL("c5", "ola", "2026-01-01", " amount=\"30\" currency=\"USD\"", OBLIGATORY WIN(T("04")))
         DEAL("c6", "ola", "2026-01-01", " amount=\"40\" currency=\"EUR\"", OBLIGATORY WIN(T("04"))),
         "2026-01-10");
    assert_no_errors(&fx);
    const struct money_sums *open = &ps.stages[S1].open_amount;
    const struct money_sums *weighted = &ps.stages[S1].open_weighted;
    ck_assert_uint_eq(open->len, 3);
    ck_assert_str_eq(open->items[0].currency, "EUR");
    ck_assert_str_eq(open->items[1].currency, "PLN");
    ck_assert_str_eq(open->items[2].currency, "USD");
    assert_sum(open, "EUR", "100");
    assert_sum(open, "PLN", "100.5");
    assert_sum(open, "USD", "7");
    ck_assert_uint_eq(weighted->len, 3);
    assert_sum(weighted, "EUR", "0");
    assert_sum(weighted, "PLN", "10.00");
    assert_sum(weighted, "USD", "0.70");
    const struct owner_stats *ola = owner(&ps, "ola");
    ck_assert_uint_eq(ola->won_amount.len, 2);
    ck_assert_str_eq(ola->won_amount.items[0].currency, "EUR");
    assert_sum(&ola->won_amount, "EUR", "40");
    assert_sum(&ola->won_amount, "USD", "30");
    ck_assert_ptr_null(sum_of(&ola->won_amount, "PLN"));
    finish(&fx, &ps);
}
END_TEST

START_TEST(money_sums_add_marks_an_overflow_and_keeps_it)
{
    struct money_sums s = {0};
    ck_assert(money_sums_add(&s, "PLN", INT64_MAX - 5));
    ck_assert(money_sums_add(&s, "PLN", 5));
    ck_assert_int_eq(sum_of(&s, "PLN")->total, INT64_MAX);
    ck_assert(!sum_of(&s, "PLN")->overflow);
    /* One unit more does not fit: reported, marked. */
    ck_assert(!money_sums_add(&s, "PLN", 1));
    ck_assert(sum_of(&s, "PLN")->overflow);
    /* Stays marked: nothing afterwards makes it a number again. */
    ck_assert(!money_sums_add(&s, "PLN", 0));
    ck_assert(sum_of(&s, "PLN")->overflow);
    /* Other currencies are unaffected. */
    ck_assert(money_sums_add(&s, "EUR", INT64_MAX));
    ck_assert(!sum_of(&s, "EUR")->overflow);
    ck_assert_int_eq(sum_of(&s, "EUR")->total, INT64_MAX);
    ck_assert_uint_eq(s.len, 2);
    money_sums_free(&s);
    ck_assert_uint_eq(s.len, 0);
    ck_assert_ptr_null(s.items);
}
END_TEST

/* The largest amount the schema admits: 18 digits, 4 of them decimals. */
#define MAX_AMOUNT "99999999999999.9999"

START_TEST(amounts_near_the_overflow_limit_are_exact_until_they_overflow)
{
    struct fixture fx;
    struct process_stats ps;
    start(&fx, &ps, NULL);
    struct strbuf body = {0};
    /* 9 x 999999999999999999 units = 8999999999999999991 <= INT64_MAX */
    repeat(&body, "big", 9, " amount=\"" MAX_AMOUNT "\"", "");
    feed(&fx, &ps, sb_str(&body), "2026-01-10");
    assert_no_errors(&fx);
    assert_sum(&ps.stages[S1].open_amount, "PLN", "899999999999999.9991");
    assert_sum(&ps.stages[S1].open_weighted, "PLN", "0");

    /* A tenth does not fit: the sum is marked, not wrapped; the weighted sum stays exact. */
    sb_reset(&body);
    repeat(&body, "more", 1, " amount=\"" MAX_AMOUNT "\"", "");
    feed(&fx, &ps, sb_str(&body), "2026-01-10");
    sb_free(&body);
    assert_no_errors(&fx);
    ck_assert_uint_eq(ps.stages[S1].open_now, 10);
    const struct money_sum *m = sum_of(&ps.stages[S1].open_amount, "PLN");
    ck_assert_ptr_nonnull(m);
    ck_assert(m->overflow);
    assert_sum(&ps.stages[S1].open_weighted, "PLN", "0");
    finish(&fx, &ps);
}
END_TEST

START_TEST(overflow_of_weighted_and_won_amounts_is_marked)
{
    struct fixture fx;
    struct process_stats ps;
    start(&fx, &ps, NULL);
    struct strbuf body = {0};
    /* Open with every step done: weighted = amount, so both sums overflow. */
    repeat(&body, "full", 10, " amount=\"" MAX_AMOUNT "\"",
           OBLIGATORY B(T("04")) D(T("05")));
    /* Won: ola's won amount overflows; in EUR, a small one stays exact. */
    repeat(&body, "won", 10, " amount=\"" MAX_AMOUNT "\"", OBLIGATORY WIN(T("06")));
    repeat(&body, "eur", 1, " amount=\"1.50\" currency=\"EUR\"", OBLIGATORY WIN(T("06")));
    feed(&fx, &ps, sb_str(&body), "2026-01-10");
    sb_free(&body);
    assert_no_errors(&fx);
    ck_assert(sum_of(&ps.stages[S1].open_amount, "PLN")->overflow);
    ck_assert(sum_of(&ps.stages[S1].open_weighted, "PLN")->overflow);
    const struct owner_stats *ola = owner(&ps, "ola");
    ck_assert_uint_eq(ola->won, 11);
    ck_assert(sum_of(&ola->won_amount, "PLN")->overflow);
    assert_sum(&ola->won_amount, "EUR", "1.50");
    finish(&fx, &ps);
}
END_TEST

Suite *stats_suite(void)
{
    Suite *s = suite_create("stats");

    TCase *tc = tcase_create("counts");
    tcase_add_test(tc, zero_deals_have_no_rates_and_no_averages);
    tcase_add_test(tc, no_closed_deals_have_no_win_rate);
    tcase_add_test(tc, counts_open_won_lost);
    tcase_add_test(tc, refused_won_and_lost_do_not_count);
    tcase_add_test(tc, win_rate_one_of_eight_is_12_5);
    tcase_add_test(tc, win_rate_one_of_sixteen_rounds_half_up_and_ignores_open_deals);
    tcase_add_test(tc, ratio_format_rounds_half_up_to_one_digit);
    tcase_add_test(tc, ratio_format_below_half_rounds_down);
    suite_add_tcase(s, tc);

    tc = tcase_create("stages");
    tcase_add_test(tc, stage_open_now_counts_open_deals_where_they_are);
    tcase_add_test(tc, stage_reached_counts_later_stages_and_won_deals);
    tcase_add_test(tc, stage_conversion_is_reached_next_over_reached_and_last_stage_into_won);
    tcase_add_test(tc, stage_open_amount_and_weighted_per_currency);
    tcase_add_test(tc, stage_amounts_are_exact_to_the_last_unit);
    tcase_add_test(tc, stage_average_days_of_deals_that_left_it);
    tcase_add_test(tc, stage_average_days_of_a_deal_moving_back_and_forth_counts_it_once);
    tcase_add_test(tc, stage_average_days_ends_a_visit_at_won_or_lost);
    suite_add_tcase(s, tc);

    tc = tcase_create("steps");
    tcase_add_test(tc, step_share_is_of_the_deals_that_reached_its_stage);
    tcase_add_test(tc, step_share_counts_the_final_state_of_closed_deals_too);
    tcase_add_test(tc, top_blockers_most_often_first_open_deals_only);
    tcase_add_test(tc, top_blockers_ties_in_process_order);
    tcase_add_test(tc, top_blockers_lists_only_steps_that_block);
    suite_add_tcase(s, tc);

    tc = tcase_create("owners");
    tcase_add_test(tc, owner_counts_and_won_amounts_per_currency);
    tcase_add_test(tc, average_days_from_created_to_won);
    tcase_add_test(tc, average_days_to_win_counts_a_same_day_win_as_zero);
    suite_add_tcase(s, tc);

    tc = tcase_create("money");
    tcase_add_test(tc, currency_mix_is_never_mixed);
    tcase_add_test(tc, money_sums_add_marks_an_overflow_and_keeps_it);
    tcase_add_test(tc, amounts_near_the_overflow_limit_are_exact_until_they_overflow);
    tcase_add_test(tc, overflow_of_weighted_and_won_amounts_is_marked);
    suite_add_tcase(s, tc);
    return s;
}
