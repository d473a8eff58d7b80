/*
 * What SPEC §2 derives per deal: progress, weighted amount, currency, can win
 * and blockers, stage visits, last activity and rotting.
 */
#include "fixture.h"

#include "xsdtime.h"

#include <stdio.h>
#include <string.h>

#define DONE_A(by, at) "    <done step=\"a\" by=\"" by "\" at=\"" at "\"><note>n</note></done>\n"
#define DONE_B(by, at) "    <done step=\"b\" by=\"" by "\" at=\"" at "\"/>\n"
#define DONE_C(by, at)                                                                             \
    "    <done step=\"c\" by=\"" by "\" at=\"" at                                                   \
    "\"><note>Offer v2</note><file href=\"offer.pdf\"/></done>\n"
#define DONE_D(by, at) "    <done step=\"d\" by=\"" by "\" at=\"" at "\"/>\n"
#define DONE(step, at) "    <done step=\"" step "\" by=\"ola\" at=\"" at "\"/>\n"
#define UNDONE(step, by, at) "    <undone step=\"" step "\" by=\"" by "\" at=\"" at "\"/>\n"
#define MOVED(stage, by, at) "    <moved stage=\"" stage "\" by=\"" by "\" at=\"" at "\"/>\n"
#define WON(by, at) "    <won by=\"" by "\" at=\"" at "\"/>\n"
#define LOST(by, at) "    <lost by=\"" by "\" at=\"" at "\"/>\n"

#define ALL_OBLIGATORY DONE_A("ola", "2026-01-02T10:00:00Z") DONE_C("ola", "2026-01-03T10:00:00Z")

static int32_t day(const char *date)
{
    int32_t d;
    ck_assert_msg(parse_xsd_date(date, &d), "bad date %s", date);
    return d;
}

static size_t n_problems(const struct fixture *fx)
{
    return fx->diags.counts[SEV_ERROR] + fx->diags.counts[SEV_WARNING];
}

/* A process "p" of one stage with steps x and y of the given values; currency_attr e.g. " currency=\"PLN\"". */
static void setup_values(struct fixture *fx, const char *currency_attr, unsigned x, unsigned y)
{
    char xml[1024];
    snprintf(xml, sizeof xml,
             "<process xmlns=\"urn:dealc:1\" id=\"p\" name=\"Values\"%s>\n"
             "  <stage id=\"s1\" name=\"One\">\n"
             "    <step id=\"x\" name=\"X\" value=\"%u\"/>\n"
             "    <step id=\"y\" name=\"Y\" value=\"%u\"/>\n"
             "  </stage>\n"
             "</process>\n",
             currency_attr, x, y);
    fx_setup(fx, NULL, xml);
    ck_assert_ptr_nonnull(fx->process);
}

/* A deal d1 of process p like fx_eval_log's, with its own amount/currency attributes. */
static size_t eval_deal_with(struct fixture *fx, const char *attrs, const char *log, const char *as_of)
{
    char xml[4096];
    snprintf(xml, sizeof xml,
             "<deal xmlns=\"urn:dealc:1\" id=\"d1\" process=\"p\" owner=\"ola\" "
             "created=\"2026-01-01\"%s>\n"
             "  <title>Deal one</title>\n"
             "  <attendee ref=\"piotr\"/>\n"
             "  <log>\n%s  </log>\n"
             "</deal>\n",
             attrs, log);
    return fx_eval(fx, xml, as_of);
}

/* ---- progress ---- */

START_TEST(progress_is_zero_with_nothing_done)
{
    struct fixture fx;
    fx_setup(&fx, NULL, NULL);
    ck_assert_uint_eq(fx_eval_log(&fx, "", "2026-01-02"), 1);
    ck_assert_uint_eq(fx.state.done_value, 0);
    ck_assert_uint_eq(fx.state.progress, 0);
    fx_teardown(&fx);
}
END_TEST

START_TEST(progress_is_the_done_share_of_the_total)
{
    struct fixture fx;
    fx_setup(&fx, NULL, NULL);
    /* a (10) + c (25) of 100. */
    fx_eval_log(&fx, ALL_OBLIGATORY, "2026-01-04");
    ck_assert_uint_eq(fx.state.done_value, 35);
    ck_assert_uint_eq(fx.state.progress, 35);
    fx_teardown(&fx);
}
END_TEST

START_TEST(progress_is_100_with_everything_done)
{
    struct fixture fx;
    fx_setup(&fx, NULL, NULL);
    fx_eval_log(&fx,
                ALL_OBLIGATORY DONE_B("ola", "2026-01-04T10:00:00Z")
                    DONE_D("ola", "2026-01-05T10:00:00Z"),
                "2026-01-06");
    ck_assert_uint_eq(n_problems(&fx), 0);
    ck_assert_uint_eq(fx.state.done_value, 100);
    ck_assert_uint_eq(fx.state.progress, 100);
    fx_teardown(&fx);
}
END_TEST

START_TEST(progress_half_rounds_up)
{
    struct fixture fx;
    /* 1 of 8 = 12.5% -> 13 */
    setup_values(&fx, " currency=\"PLN\"", 1, 7);
    fx_eval_log(&fx, DONE("x", "2026-01-02T10:00:00Z"), "2026-01-03");
    ck_assert_uint_eq(n_problems(&fx), 0);
    ck_assert_uint_eq(fx.state.progress, 13);
    fx_teardown(&fx);

    /* 7 of 8 = 87.5% -> 88 */
    setup_values(&fx, " currency=\"PLN\"", 1, 7);
    fx_eval_log(&fx, DONE("y", "2026-01-02T10:00:00Z"), "2026-01-03");
    ck_assert_uint_eq(fx.state.progress, 88);
    fx_teardown(&fx);

    /* 1 of 200 = 0.5% -> 1 */
    setup_values(&fx, " currency=\"PLN\"", 1, 199);
    fx_eval_log(&fx, DONE("x", "2026-01-02T10:00:00Z"), "2026-01-03");
    ck_assert_uint_eq(fx.state.progress, 1);
    fx_teardown(&fx);

    /* 199 of 200 = 99.5% -> 100 */
    setup_values(&fx, " currency=\"PLN\"", 1, 199);
    fx_eval_log(&fx, DONE("y", "2026-01-02T10:00:00Z"), "2026-01-03");
    ck_assert_uint_eq(fx.state.progress, 100);
    fx_teardown(&fx);
}
END_TEST

START_TEST(progress_below_half_rounds_down)
{
    struct fixture fx;
    /* 1 of 3 = 33.33% -> 33; 2 of 3 = 66.67% -> 67 */
    setup_values(&fx, " currency=\"PLN\"", 1, 2);
    fx_eval_log(&fx, DONE("x", "2026-01-02T10:00:00Z"), "2026-01-03");
    ck_assert_uint_eq(fx.state.progress, 33);
    fx_teardown(&fx);

    setup_values(&fx, " currency=\"PLN\"", 1, 2);
    fx_eval_log(&fx, DONE("y", "2026-01-02T10:00:00Z"), "2026-01-03");
    ck_assert_uint_eq(fx.state.progress, 67);
    fx_teardown(&fx);

    /* 1 of 201 = 0.4975% -> 0, although a step is done */
    setup_values(&fx, " currency=\"PLN\"", 1, 200);
    fx_eval_log(&fx, DONE("x", "2026-01-02T10:00:00Z"), "2026-01-03");
    ck_assert_uint_eq(fx.state.progress, 0);
    fx_teardown(&fx);
}
END_TEST

START_TEST(progress_zero_value_step_adds_nothing)
{
    struct fixture fx;
    setup_values(&fx, " currency=\"PLN\"", 0, 4);
    fx_eval_log(&fx, DONE("x", "2026-01-02T10:00:00Z"), "2026-01-03");
    ck_assert(fx.state.steps[fx_step(&fx, "x")].done);
    ck_assert_uint_eq(fx.state.progress, 0);
    fx_teardown(&fx);
}
END_TEST

START_TEST(progress_undone_reduces_it)
{
    struct fixture fx;
    fx_setup(&fx, NULL, NULL);
    fx_eval_log(&fx,
                DONE_A("ola", "2026-01-02T10:00:00Z") DONE_D("ola", "2026-01-03T10:00:00Z")
                    UNDONE("d", "ola", "2026-01-04T10:00:00Z"),
                "2026-01-05");
    ck_assert_uint_eq(n_problems(&fx), 0);
    ck_assert_uint_eq(fx.state.done_value, 10);
    ck_assert_uint_eq(fx.state.progress, 10);
    ck_assert_int_eq(fx.state.weighted, 100 * AMOUNT_SCALE);
    fx_teardown(&fx);
}
END_TEST

START_TEST(progress_ignores_refused_events)
{
    struct fixture fx;
    fx_setup(&fx, NULL, NULL);
    /* a without its note, d by an unknown user, b twice. */
    fx_eval_log(&fx,
                "    <done step=\"a\" by=\"ola\" at=\"2026-01-02T10:00:00Z\"/>\n"
                DONE_D("zed", "2026-01-03T10:00:00Z") DONE_B("ola", "2026-01-04T10:00:00Z")
                    DONE_B("ola", "2026-01-05T10:00:00Z"),
                "2026-01-06");
    ck_assert_uint_eq(fx_count(&fx, "missing-note", 5), 1);
    ck_assert_uint_eq(fx_count(&fx, "unknown-user", 6), 1);
    ck_assert_uint_eq(fx_count(&fx, "already-done", 8), 1);
    ck_assert_uint_eq(fx.state.done_value, 5);
    ck_assert_uint_eq(fx.state.progress, 5);
    fx_teardown(&fx);
}
END_TEST

/* ---- weighted amount and currency ---- */

START_TEST(weighted_is_amount_times_done_share)
{
    struct fixture fx;
    fx_setup(&fx, NULL, NULL);
    /* 1000.00 x 10/100 = 100.00 */
    fx_eval_log(&fx, DONE_A("ola", "2026-01-02T10:00:00Z"), "2026-01-03");
    ck_assert(fx.state.has_weighted);
    ck_assert_int_eq(fx.state.weighted, 100 * AMOUNT_SCALE);
    fx_teardown(&fx);

    fx_setup(&fx, NULL, NULL);
    /* Nothing done: 0.00, but there is a weighted amount. */
    fx_eval_log(&fx, "", "2026-01-03");
    ck_assert(fx.state.has_weighted);
    ck_assert_int_eq(fx.state.weighted, 0);
    fx_teardown(&fx);
}
END_TEST

START_TEST(weighted_half_cent_rounds_up)
{
    struct fixture fx;
    /* 1.00 x 1/8 = 0.125 -> 0.13 */
    setup_values(&fx, " currency=\"PLN\"", 1, 7);
    eval_deal_with(&fx, " amount=\"1.00\"", DONE("x", "2026-01-02T10:00:00Z"), "2026-01-03");
    ck_assert(fx.state.has_weighted);
    ck_assert_int_eq(fx.state.weighted, 1300);
    fx_teardown(&fx);

    /* 1.00 x 7/8 = 0.875 -> 0.88 */
    setup_values(&fx, " currency=\"PLN\"", 1, 7);
    eval_deal_with(&fx, " amount=\"1.00\"", DONE("y", "2026-01-02T10:00:00Z"), "2026-01-03");
    ck_assert_int_eq(fx.state.weighted, 8800);
    fx_teardown(&fx);

    /* 0.04 x 1/8 = 0.005 -> 0.01 */
    setup_values(&fx, " currency=\"PLN\"", 1, 7);
    eval_deal_with(&fx, " amount=\"0.04\"", DONE("x", "2026-01-02T10:00:00Z"), "2026-01-03");
    ck_assert_int_eq(fx.state.weighted, 100);
    fx_teardown(&fx);
}
END_TEST

START_TEST(weighted_below_half_cent_rounds_down)
{
    struct fixture fx;
    /* 0.0399 x 1/8 = 0.0049875 -> 0.00 */
    setup_values(&fx, " currency=\"PLN\"", 1, 7);
    eval_deal_with(&fx, " amount=\"0.0399\"", DONE("x", "2026-01-02T10:00:00Z"), "2026-01-03");
    ck_assert(fx.state.has_weighted);
    ck_assert_int_eq(fx.state.weighted, 0);
    fx_teardown(&fx);

    /* 1.00 x 1/3 = 0.3333 -> 0.33 */
    setup_values(&fx, " currency=\"PLN\"", 1, 2);
    eval_deal_with(&fx, " amount=\"1.00\"", DONE("x", "2026-01-02T10:00:00Z"), "2026-01-03");
    ck_assert_int_eq(fx.state.weighted, 3300);
    fx_teardown(&fx);
}
END_TEST

START_TEST(weighted_four_decimal_amounts_are_exact)
{
    struct fixture fx;
    /* 12.3450 / 2 = 6.1725 -> 6.17 */
    setup_values(&fx, " currency=\"PLN\"", 1, 1);
    eval_deal_with(&fx, " amount=\"12.3450\"", DONE("x", "2026-01-02T10:00:00Z"), "2026-01-03");
    ck_assert_int_eq(fx.state.weighted, 61700);
    fx_teardown(&fx);

    /* 12.35 / 2 = 6.175 exactly (binary floating point makes it 6.17499...) -> 6.18 */
    setup_values(&fx, " currency=\"PLN\"", 1, 1);
    eval_deal_with(&fx, " amount=\"12.35\"", DONE("x", "2026-01-02T10:00:00Z"), "2026-01-03");
    ck_assert_int_eq(fx.state.weighted, 61800);
    fx_teardown(&fx);

    /* 0.0051 with everything done: rounded to cents -> 0.01 */
    setup_values(&fx, " currency=\"PLN\"", 1, 0);
    eval_deal_with(&fx, " amount=\"0.0051\"", DONE("x", "2026-01-02T10:00:00Z"), "2026-01-03");
    ck_assert_int_eq(fx.state.weighted, 100);
    fx_teardown(&fx);
}
END_TEST

START_TEST(weighted_large_amount_is_exact)
{
    struct fixture fx;
    /* 90071992547409.9300 / 2 = 45035996273704.965 -> 45035996273704.97 */
    setup_values(&fx, " currency=\"PLN\"", 1, 1);
    eval_deal_with(&fx, " amount=\"90071992547409.9300\"", DONE("x", "2026-01-02T10:00:00Z"),
                   "2026-01-03");
    ck_assert_int_eq(fx.state.weighted, INT64_C(450359962737049700));
    fx_teardown(&fx);

    /* 99999999999999.9999 x 1/1 rounds to 100000000000000.00 */
    setup_values(&fx, " currency=\"PLN\"", 1, 0);
    eval_deal_with(&fx, " amount=\"99999999999999.9999\"", DONE("x", "2026-01-02T10:00:00Z"),
                   "2026-01-03");
    ck_assert_int_eq(fx.state.weighted, INT64_C(1000000000000000000));
    fx_teardown(&fx);
}
END_TEST

START_TEST(currency_is_the_deals_own_when_given)
{
    struct fixture fx;
    fx_setup(&fx, NULL, NULL);
    eval_deal_with(&fx, " amount=\"10.00\" currency=\"EUR\"", "", "2026-01-03");
    ck_assert_uint_eq(n_problems(&fx), 0);
    ck_assert_ptr_nonnull(fx.state.currency);
    ck_assert_str_eq(fx.state.currency, "EUR");
    fx_teardown(&fx);
}
END_TEST

START_TEST(currency_falls_back_to_the_process)
{
    struct fixture fx;
    fx_setup(&fx, NULL, NULL);
    fx_eval_log(&fx, "", "2026-01-03");
    ck_assert_uint_eq(fx_count(&fx, "missing-currency", 0), 0);
    ck_assert_ptr_nonnull(fx.state.currency);
    ck_assert_str_eq(fx.state.currency, "PLN");
    ck_assert(fx.state.has_weighted);
    fx_teardown(&fx);

    /* A process without a currency, a deal with its own. */
    setup_values(&fx, "", 1, 1);
    eval_deal_with(&fx, " amount=\"10.00\" currency=\"USD\"", DONE("x", "2026-01-02T10:00:00Z"),
                   "2026-01-03");
    ck_assert_uint_eq(fx_count(&fx, "missing-currency", 0), 0);
    ck_assert_str_eq(fx.state.currency, "USD");
    ck_assert(fx.state.has_weighted);
    ck_assert_int_eq(fx.state.weighted, 5 * AMOUNT_SCALE);
    fx_teardown(&fx);
}
END_TEST

START_TEST(missing_currency_when_neither_has_one)
{
    struct fixture fx;
    setup_values(&fx, "", 1, 1);
    /* fx_eval_log's deal has amount 1000.00 and no currency; line 1 is the deal. */
    fx_eval_log(&fx, DONE("x", "2026-01-02T10:00:00Z"), "2026-01-03");
    ck_assert_uint_eq(fx_count(&fx, "missing-currency", 1), 1);
    ck_assert_uint_eq(fx_count(&fx, "missing-currency", 0), 1);
    const char *m = fx_message(&fx, "missing-currency");
    ck_assert_msg(strstr(m, "'d1'") != NULL, "message \"%s\" does not name the deal", m);
    ck_assert_ptr_null(fx.state.currency);
    ck_assert(!fx.state.has_weighted);
    /* The rest of the evaluation is unaffected. */
    ck_assert_uint_eq(fx.state.progress, 50);
    fx_teardown(&fx);
}
END_TEST

START_TEST(no_amount_needs_no_currency)
{
    struct fixture fx;
    setup_values(&fx, "", 1, 1);
    eval_deal_with(&fx, "", DONE("x", "2026-01-02T10:00:00Z"), "2026-01-03");
    ck_assert_uint_eq(fx_count(&fx, "missing-currency", 0), 0);
    ck_assert_uint_eq(n_problems(&fx), 0);
    ck_assert(!fx.state.has_weighted);
    fx_teardown(&fx);
}
END_TEST

/* ---- can win and blockers ---- */

START_TEST(can_win_false_while_obligatory_steps_remain)
{
    struct fixture fx;
    fx_setup(&fx, NULL, NULL);
    /* Every non-obligatory step done, a still missing. */
    fx_eval_log(&fx,
                DONE_B("ola", "2026-01-02T10:00:00Z") DONE_C("ola", "2026-01-03T10:00:00Z")
                    DONE_D("ola", "2026-01-04T10:00:00Z"),
                "2026-01-05");
    ck_assert(!fx.state.can_win);
    ck_assert_uint_eq(fx.state.n_blockers, 1);
    ck_assert_uint_eq(fx.state.blockers[0], fx_step(&fx, "a"));
    fx_teardown(&fx);
}
END_TEST

START_TEST(can_win_true_when_open_and_obligatory_done)
{
    struct fixture fx;
    fx_setup(&fx, NULL, NULL);
    fx_eval_log(&fx, ALL_OBLIGATORY, "2026-01-04");
    ck_assert_int_eq(fx.state.status, DEAL_OPEN);
    ck_assert(fx.state.can_win);
    ck_assert_uint_eq(fx.state.n_blockers, 0);
    fx_teardown(&fx);
}
END_TEST

START_TEST(can_win_false_once_won)
{
    struct fixture fx;
    fx_setup(&fx, NULL, NULL);
    fx_eval_log(&fx, ALL_OBLIGATORY WON("ola", "2026-01-04T10:00:00Z"), "2026-01-05");
    ck_assert_int_eq(fx.state.status, DEAL_WON);
    ck_assert(!fx.state.can_win);
    ck_assert_uint_eq(fx.state.n_blockers, 0);
    fx_teardown(&fx);
}
END_TEST

START_TEST(can_win_false_once_lost)
{
    struct fixture fx;
    fx_setup(&fx, NULL, NULL);
    fx_eval_log(&fx, ALL_OBLIGATORY LOST("ola", "2026-01-04T10:00:00Z"), "2026-01-05");
    ck_assert_int_eq(fx.state.status, DEAL_LOST);
    ck_assert(!fx.state.can_win);
    fx_teardown(&fx);
}
END_TEST

START_TEST(blockers_are_the_obligatory_steps_not_done_in_process_order)
{
    struct fixture fx;
    fx_setup(&fx, NULL, NULL);
    fx_eval_log(&fx, "", "2026-01-02");
    ck_assert(!fx.state.can_win);
    ck_assert_uint_eq(fx.state.n_blockers, 2);
    ck_assert_uint_eq(fx.state.blockers[0], fx_step(&fx, "a"));
    ck_assert_uint_eq(fx.state.blockers[1], fx_step(&fx, "c"));
    fx_teardown(&fx);

    fx_setup(&fx, NULL, NULL);
    fx_eval_log(&fx, DONE_A("ola", "2026-01-02T10:00:00Z"), "2026-01-03");
    ck_assert_uint_eq(fx.state.n_blockers, 1);
    ck_assert_uint_eq(fx.state.blockers[0], fx_step(&fx, "c"));
    fx_teardown(&fx);
}
END_TEST

START_TEST(blockers_follow_the_process_not_the_alphabet)
{
    struct fixture fx;
    fx_setup(&fx, NULL,
             "<process xmlns=\"urn:dealc:1\" id=\"p\" name=\"Order\" currency=\"PLN\">\n"
             "  <stage id=\"s1\" name=\"One\">\n"
             "    <step id=\"zulu\" name=\"Zulu\" value=\"1\" obligatory=\"true\"/>\n"
             "    <step id=\"free\" name=\"Free\" value=\"1\"/>\n"
             "  </stage>\n"
             "  <stage id=\"s2\" name=\"Two\">\n"
             "    <step id=\"mike\" name=\"Mike\" value=\"1\" obligatory=\"true\"/>\n"
             "    <step id=\"alpha\" name=\"Alpha\" value=\"1\" obligatory=\"true\"/>\n"
             "  </stage>\n"
             "</process>\n");
    ck_assert_ptr_nonnull(fx.process);
    fx_eval_log(&fx, DONE("mike", "2026-01-02T10:00:00Z"), "2026-01-03");
    ck_assert_uint_eq(fx.state.n_blockers, 2);
    ck_assert_uint_eq(fx.state.blockers[0], fx_step(&fx, "zulu"));
    ck_assert_uint_eq(fx.state.blockers[1], fx_step(&fx, "alpha"));
    ck_assert_uint_eq(fx.state.blockers[0], 0);
    ck_assert_uint_eq(fx.state.blockers[1], 3);
    fx_teardown(&fx);
}
END_TEST

START_TEST(blockers_return_when_undone)
{
    struct fixture fx;
    fx_setup(&fx, NULL, NULL);
    fx_eval_log(&fx, ALL_OBLIGATORY UNDONE("a", "ola", "2026-01-04T10:00:00Z"), "2026-01-05");
    ck_assert(!fx.state.can_win);
    ck_assert_uint_eq(fx.state.n_blockers, 1);
    ck_assert_uint_eq(fx.state.blockers[0], fx_step(&fx, "a"));
    fx_teardown(&fx);
}
END_TEST

/* ---- stage visits ---- */

START_TEST(visits_start_in_the_first_stage_on_created)
{
    struct fixture fx;
    fx_setup(&fx, NULL, NULL);
    fx_eval_log(&fx, "", "2026-01-11");
    ck_assert_uint_eq(fx.state.stage, 0);
    ck_assert_uint_eq(fx.state.n_visits, 1);
    const struct stage_visit *v = &fx.state.visits[0];
    ck_assert_uint_eq(v->stage, 0);
    ck_assert_int_eq(v->entered_event, -1);
    ck_assert_int_eq(v->entered_day, day("2026-01-01"));
    ck_assert_int_eq(v->left_event, -1);
    ck_assert_int_eq(v->days, 10);
    fx_teardown(&fx);
}
END_TEST

START_TEST(visits_forward_and_back)
{
    struct fixture fx;
    fx_setup(&fx, NULL, NULL);
    fx_eval_log(&fx,
                MOVED("s2", "ola", "2026-01-05T10:00:00Z") MOVED("s1", "ola", "2026-01-08T10:00:00Z"),
                "2026-01-20");
    ck_assert_uint_eq(n_problems(&fx), 0);
    ck_assert_uint_eq(fx.state.n_visits, 3);
    const struct stage_visit *v = fx.state.visits;
    ck_assert_uint_eq(v[0].stage, 0);
    ck_assert_int_eq(v[0].entered_event, -1);
    ck_assert_int_eq(v[0].left_event, 0);
    ck_assert_int_eq(v[0].entered_day, day("2026-01-01"));
    ck_assert_int_eq(v[0].left_day, day("2026-01-05"));
    ck_assert_int_eq(v[0].days, 4);

    ck_assert_uint_eq(v[1].stage, 1);
    ck_assert_int_eq(v[1].entered_event, 0);
    ck_assert_int_eq(v[1].left_event, 1);
    ck_assert_int_eq(v[1].entered_day, day("2026-01-05"));
    ck_assert_int_eq(v[1].left_day, day("2026-01-08"));
    ck_assert_int_eq(v[1].days, 3);

    /* Still there: counted to the as-of date. */
    ck_assert_uint_eq(v[2].stage, 0);
    ck_assert_int_eq(v[2].entered_event, 1);
    ck_assert_int_eq(v[2].left_event, -1);
    ck_assert_int_eq(v[2].entered_day, day("2026-01-08"));
    ck_assert_int_eq(v[2].days, 12);
    ck_assert_uint_eq(fx.state.stage, 0);
    fx_teardown(&fx);
}
END_TEST

START_TEST(visits_refused_moves_enter_nothing)
{
    struct fixture fx;
    fx_setup(&fx, NULL, NULL);
    fx_eval_log(&fx,
                MOVED("s3", "ola", "2026-01-05T10:00:00Z") MOVED("zz", "ola", "2026-01-06T10:00:00Z")
                    MOVED("s2", "zed", "2026-01-07T10:00:00Z"),
                "2026-01-09");
    ck_assert_uint_eq(fx_count(&fx, "gate-blocked", 5), 1);
    ck_assert_uint_eq(fx_count(&fx, "unknown-stage", 6), 1);
    ck_assert_uint_eq(fx_count(&fx, "unknown-user", 7), 1);
    ck_assert_uint_eq(fx.state.n_visits, 1);
    ck_assert_int_eq(fx.state.visits[0].left_event, -1);
    ck_assert_int_eq(fx.state.visits[0].days, 8);
    fx_teardown(&fx);
}
END_TEST

START_TEST(visits_of_a_closed_deal_end_at_the_closing_event)
{
    struct fixture fx;
    fx_setup(&fx, NULL, NULL);
    fx_eval_log(&fx, MOVED("s2", "ola", "2026-01-03T10:00:00Z") LOST("ola", "2026-01-10T10:00:00Z"),
                "2026-03-01");
    ck_assert_uint_eq(fx.state.n_visits, 2);
    const struct stage_visit *v = fx.state.visits;
    ck_assert_int_eq(v[0].days, 2);
    ck_assert_uint_eq(v[1].stage, 1);
    ck_assert_int_eq(v[1].left_event, 1);
    ck_assert_int_eq(v[1].left_day, day("2026-01-10"));
    ck_assert_int_eq(v[1].days, 7);
    fx_teardown(&fx);

    fx_setup(&fx, NULL, NULL);
    fx_eval_log(&fx, ALL_OBLIGATORY WON("ola", "2026-01-04T10:00:00Z"), "2026-03-01");
    ck_assert_uint_eq(fx.state.n_visits, 1);
    ck_assert_int_eq(fx.state.visits[0].left_event, 2);
    ck_assert_int_eq(fx.state.visits[0].left_day, day("2026-01-04"));
    ck_assert_int_eq(fx.state.visits[0].days, 3);
    fx_teardown(&fx);
}
END_TEST

/* ---- last activity ---- */

START_TEST(last_activity_is_created_when_the_log_is_empty)
{
    struct fixture fx;
    fx_setup(&fx, NULL, NULL);
    fx_eval_log(&fx, "", "2026-01-05");
    ck_assert_ptr_nonnull(fx.state.last_activity);
    ck_assert_str_eq(fx.state.last_activity, "2026-01-01");
    ck_assert_int_eq(fx.state.last_activity_day, day("2026-01-01"));
    ck_assert_int_eq(fx.state.idle_days, 4);
    fx_teardown(&fx);
}
END_TEST

START_TEST(last_activity_is_the_last_event_as_written)
{
    struct fixture fx;
    fx_setup(&fx, NULL, NULL);
    fx_eval_log(&fx,
                DONE_B("ola", "2026-01-02T10:00:00Z") MOVED("s2", "ola", "2026-01-04T23:30:00-02:00"),
                "2026-01-10");
    ck_assert_str_eq(fx.state.last_activity, "2026-01-04T23:30:00-02:00");
    ck_assert_int_eq(fx.state.last_activity_day, day("2026-01-05")); /* in UTC */
    ck_assert_int_eq(fx.state.idle_days, 5);
    fx_teardown(&fx);
}
END_TEST

START_TEST(last_activity_counts_events_that_took_no_effect)
{
    struct fixture fx;
    fx_setup(&fx, NULL, NULL);
    /* The last event is refused (dora may not complete a), yet it is activity. */
    fx_eval_log(&fx,
                DONE_B("ola", "2026-01-02T10:00:00Z") DONE_A("dora", "2026-01-06T08:00:00Z"),
                "2026-01-10");
    ck_assert_uint_eq(fx_count(&fx, "not-permitted", 6), 1);
    ck_assert(!fx.state.applied[1]);
    ck_assert_str_eq(fx.state.last_activity, "2026-01-06T08:00:00Z");
    ck_assert_int_eq(fx.state.idle_days, 4);
    fx_teardown(&fx);

    fx_setup(&fx, NULL, NULL);
    /* An event after the close is activity too. */
    fx_eval_log(&fx, LOST("ola", "2026-01-02T10:00:00Z") DONE_B("ola", "2026-01-07T10:00:00Z"),
                "2026-01-10");
    ck_assert_uint_eq(fx_count(&fx, "after-close", 6), 1);
    ck_assert_str_eq(fx.state.last_activity, "2026-01-07T10:00:00Z");
    fx_teardown(&fx);
}
END_TEST

/* ---- rotting ---- */

START_TEST(rotting_not_at_exactly_r_days)
{
    struct fixture fx;
    fx_setup(&fx, NULL, NULL);
    /* s1 rots after 14 days; created 2026-01-01, empty log. */
    fx_eval_log(&fx, "", "2026-01-15");
    ck_assert_int_eq(fx.state.idle_days, 14);
    ck_assert(!fx.state.rotting);
    ck_assert_uint_eq(fx_count(&fx, "rotting", 0), 0);
    fx_teardown(&fx);
}
END_TEST

START_TEST(rotting_after_r_plus_one_days)
{
    struct fixture fx;
    fx_setup(&fx, NULL, NULL);
    fx_eval_log(&fx, "", "2026-01-16");
    ck_assert_int_eq(fx.state.idle_days, 15);
    ck_assert(fx.state.rotting);
    ck_assert_uint_eq(fx_count(&fx, "rotting", 1), 1);
    const struct diag *d = NULL;
    for (size_t i = 0; i < fx.diags.len; i++)
        if (!strcmp(diag_code_name(fx.diags.items[i].code), "rotting"))
            d = &fx.diags.items[i];
    ck_assert_ptr_nonnull(d);
    ck_assert_int_eq(d->sev, SEV_WARNING);
    ck_assert_msg(strstr(d->message, "'d1'") != NULL, "rotting \"%s\" does not name d1", d->message);
    ck_assert_msg(strstr(d->message, "'s1'") != NULL, "rotting \"%s\" does not name s1", d->message);
    fx_teardown(&fx);
}
END_TEST

START_TEST(rotting_counts_from_the_last_activity)
{
    struct fixture fx;
    fx_setup(&fx, NULL, NULL);
    fx_eval_log(&fx, DONE_B("ola", "2026-01-10T10:00:00Z"), "2026-01-24");
    ck_assert(!fx.state.rotting);
    fx_teardown(&fx);

    fx_setup(&fx, NULL, NULL);
    fx_eval_log(&fx, DONE_B("ola", "2026-01-10T10:00:00Z"), "2026-01-25");
    ck_assert(fx.state.rotting);
    ck_assert_uint_eq(fx_count(&fx, "rotting", 1), 1);
    fx_teardown(&fx);
}
END_TEST

START_TEST(rotting_uses_the_utc_date_of_last_activity)
{
    struct fixture fx;
    fx_setup(&fx, NULL, NULL);
    /* 2026-01-10 as written, 2026-01-11 in UTC: 14 days to 2026-01-25. */
    fx_eval_log(&fx, DONE_B("ola", "2026-01-10T23:30:00-02:00"), "2026-01-25");
    ck_assert_int_eq(fx.state.idle_days, 14);
    ck_assert(!fx.state.rotting);
    ck_assert_uint_eq(fx_count(&fx, "rotting", 0), 0);
    fx_teardown(&fx);

    fx_setup(&fx, NULL, NULL);
    /* 2026-01-11 as written, 2026-01-10 in UTC: 15 days to 2026-01-25. */
    fx_eval_log(&fx, DONE_B("ola", "2026-01-11T00:30:00+02:00"), "2026-01-25");
    ck_assert_int_eq(fx.state.idle_days, 15);
    ck_assert(fx.state.rotting);
    ck_assert_uint_eq(fx_count(&fx, "rotting", 1), 1);
    fx_teardown(&fx);
}
END_TEST

START_TEST(rotting_never_for_a_won_deal)
{
    struct fixture fx;
    fx_setup(&fx, NULL, NULL);
    /* Won while still in s1 (rotting-days 14), long ago. */
    fx_eval_log(&fx, ALL_OBLIGATORY WON("ola", "2026-01-04T10:00:00Z"), "2026-06-01");
    ck_assert_int_eq(fx.state.status, DEAL_WON);
    ck_assert_uint_eq(fx.state.stage, 0);
    ck_assert(!fx.state.rotting);
    ck_assert_uint_eq(fx_count(&fx, "rotting", 0), 0);
    fx_teardown(&fx);
}
END_TEST

START_TEST(rotting_never_for_a_lost_deal)
{
    struct fixture fx;
    fx_setup(&fx, NULL, NULL);
    fx_eval_log(&fx, LOST("ola", "2026-01-04T10:00:00Z"), "2026-06-01");
    ck_assert_int_eq(fx.state.status, DEAL_LOST);
    ck_assert(!fx.state.rotting);
    ck_assert_uint_eq(fx_count(&fx, "rotting", 0), 0);
    fx_teardown(&fx);
}
END_TEST

START_TEST(rotting_never_in_a_stage_without_rotting_days)
{
    struct fixture fx;
    fx_setup(&fx, NULL, NULL);
    fx_eval_log(&fx, MOVED("s2", "ola", "2026-01-02T10:00:00Z"), "2026-06-01");
    ck_assert_uint_eq(fx.state.stage, 1);
    ck_assert_int_eq(fx.state.status, DEAL_OPEN);
    ck_assert(!fx.state.rotting);
    ck_assert_uint_eq(fx_count(&fx, "rotting", 0), 0);
    fx_teardown(&fx);
}
END_TEST

START_TEST(rotting_is_judged_in_the_current_stage)
{
    struct fixture fx;
    fx_setup(&fx, NULL, NULL);
    /* Moved back into s1 (rotting-days 14) from s2, then idle. */
    fx_eval_log(&fx,
                MOVED("s2", "ola", "2026-01-02T10:00:00Z") MOVED("s1", "ola", "2026-01-03T10:00:00Z"),
                "2026-01-18");
    ck_assert_uint_eq(fx.state.stage, 0);
    ck_assert(fx.state.rotting);
    ck_assert_uint_eq(fx_count(&fx, "rotting", 1), 1);
    fx_teardown(&fx);
}
END_TEST

Suite *derived_suite(void)
{
    Suite *s = suite_create("derived");

    TCase *tc = tcase_create("progress");
    tcase_add_test(tc, progress_is_zero_with_nothing_done);
    tcase_add_test(tc, progress_is_the_done_share_of_the_total);
    tcase_add_test(tc, progress_is_100_with_everything_done);
    tcase_add_test(tc, progress_half_rounds_up);
    tcase_add_test(tc, progress_below_half_rounds_down);
    tcase_add_test(tc, progress_zero_value_step_adds_nothing);
    tcase_add_test(tc, progress_undone_reduces_it);
    tcase_add_test(tc, progress_ignores_refused_events);
    suite_add_tcase(s, tc);

    tc = tcase_create("amount");
    tcase_add_test(tc, weighted_is_amount_times_done_share);
    tcase_add_test(tc, weighted_half_cent_rounds_up);
    tcase_add_test(tc, weighted_below_half_cent_rounds_down);
    tcase_add_test(tc, weighted_four_decimal_amounts_are_exact);
    tcase_add_test(tc, weighted_large_amount_is_exact);
    tcase_add_test(tc, currency_is_the_deals_own_when_given);
    tcase_add_test(tc, currency_falls_back_to_the_process);
    tcase_add_test(tc, missing_currency_when_neither_has_one);
    tcase_add_test(tc, no_amount_needs_no_currency);
    suite_add_tcase(s, tc);

    tc = tcase_create("winning");
    tcase_add_test(tc, can_win_false_while_obligatory_steps_remain);
    tcase_add_test(tc, can_win_true_when_open_and_obligatory_done);
    tcase_add_test(tc, can_win_false_once_won);
    tcase_add_test(tc, can_win_false_once_lost);
    tcase_add_test(tc, blockers_are_the_obligatory_steps_not_done_in_process_order);
    tcase_add_test(tc, blockers_follow_the_process_not_the_alphabet);
    tcase_add_test(tc, blockers_return_when_undone);
    suite_add_tcase(s, tc);

    tc = tcase_create("visits");
    tcase_add_test(tc, visits_start_in_the_first_stage_on_created);
    tcase_add_test(tc, visits_forward_and_back);
    tcase_add_test(tc, visits_refused_moves_enter_nothing);
    tcase_add_test(tc, visits_of_a_closed_deal_end_at_the_closing_event);
    suite_add_tcase(s, tc);

    tc = tcase_create("activity");
    tcase_add_test(tc, last_activity_is_created_when_the_log_is_empty);
    tcase_add_test(tc, last_activity_is_the_last_event_as_written);
    tcase_add_test(tc, last_activity_counts_events_that_took_no_effect);
    tcase_add_test(tc, rotting_not_at_exactly_r_days);
    tcase_add_test(tc, rotting_after_r_plus_one_days);
    tcase_add_test(tc, rotting_counts_from_the_last_activity);
    tcase_add_test(tc, rotting_uses_the_utc_date_of_last_activity);
    tcase_add_test(tc, rotting_never_for_a_won_deal);
    tcase_add_test(tc, rotting_never_for_a_lost_deal);
    tcase_add_test(tc, rotting_never_in_a_stage_without_rotting_days);
    tcase_add_test(tc, rotting_is_judged_in_the_current_stage);
    suite_add_tcase(s, tc);
    return s;
}
