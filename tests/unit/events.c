/*
 * The event rules of SPEC §2, one row of the table at a time.
 */
#include "fixture.h"

START_TEST(done_by_owner_with_note_takes_effect)
{
    struct fixture fx;
    fx_setup(&fx, NULL, NULL);
    ck_assert_uint_eq(fx_eval_log(&fx,
                                  "    <done step=\"a\" by=\"ola\" at=\"2026-01-02T10:00:00Z\">\n"
                                  "      <note>Decides: CTO.</note>\n"
                                  "    </done>\n",
                                  "2026-01-03"),
                      1);
    ck_assert_uint_eq(fx.diags.len, 0);
    ck_assert(fx.state.steps[fx_step(&fx, "a")].done);
    ck_assert(fx.state.applied[0]);
    fx_teardown(&fx);
}
END_TEST

START_TEST(done_by_someone_not_in_can_complete_is_not_permitted)
{
    struct fixture fx;
    fx_setup(&fx, NULL, NULL);
    /* Line 5 of the generated deal is the first event. */
    fx_eval_log(&fx,
                "    <done step=\"a\" by=\"dora\" at=\"2026-01-02T10:00:00Z\"><note>x</note></done>\n",
                "2026-01-03");
    ck_assert_uint_eq(fx_count(&fx, "not-permitted", 5), 1);
    ck_assert_str_eq(fx_message(&fx, "not-permitted"),
                     "step 'a' done by 'dora', who may not complete it (allowed: owner 'ola', managers)");
    ck_assert(!fx.state.steps[fx_step(&fx, "a")].done);
    ck_assert(!fx.state.applied[0]);
    fx_teardown(&fx);
}
END_TEST

Suite *events_suite(void)
{
    Suite *s = suite_create("events");
    TCase *tc = tcase_create("done");
    tcase_add_test(tc, done_by_owner_with_note_takes_effect);
    tcase_add_test(tc, done_by_someone_not_in_can_complete_is_not_permitted);
    suite_add_tcase(s, tc);
    return s;
}
