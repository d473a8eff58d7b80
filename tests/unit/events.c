/*
 * The event rules of SPEC §2, one row of the table at a time.
 *
 * fx_eval_log wraps the log in a deal whose first log line is line 5, so in
 * these tests, where every event sits on one line, event i is on line 5 + i.
 */
#include "fixture.h"

#include <stdio.h>
#include <string.h>

/* The first diagnostic with that code, or NULL. */
static const struct diag *find_diag(const struct fixture *fx, const char *code)
{
    for (size_t i = 0; i < fx->diags.len; i++)
        if (!strcmp(diag_code_name(fx->diags.items[i].code), code))
            return &fx->diags.items[i];
    return NULL;
}

/* Errors and warnings (notes are attached to them, not counted). */
static size_t n_problems(const struct fixture *fx)
{
    return fx->diags.counts[SEV_ERROR] + fx->diags.counts[SEV_WARNING];
}

#define ASSERT_CONTAINS(haystack, needle)                                                          \
    ck_assert_msg(strstr((haystack), (needle)) != NULL, "message \"%s\" does not contain %s",     \
                  (haystack), (needle))
#define ASSERT_LACKS(haystack, needle)                                                             \
    ck_assert_msg(strstr((haystack), (needle)) == NULL, "message \"%s\" contains %s", (haystack), \
                  (needle))

/* One-line events. */
#define DONE_A(by, at) "    <done step=\"a\" by=\"" by "\" at=\"" at "\"><note>n</note></done>\n"
#define DONE_B(by, at) "    <done step=\"b\" by=\"" by "\" at=\"" at "\"/>\n"
#define DONE_C(by, at)                                                                             \
    "    <done step=\"c\" by=\"" by "\" at=\"" at                                                   \
    "\"><note>Offer v2</note><file href=\"offer.pdf\"/></done>\n"
#define UNDONE(step, by, at) "    <undone step=\"" step "\" by=\"" by "\" at=\"" at "\"/>\n"
#define MOVED(stage, by, at) "    <moved stage=\"" stage "\" by=\"" by "\" at=\"" at "\"/>\n"
#define WON(by, at) "    <won by=\"" by "\" at=\"" at "\"/>\n"
#define LOST(by, at) "    <lost by=\"" by "\" at=\"" at "\"/>\n"

/* Team user indices of FX_TEAM. */
enum { ANNA, MAREK, EWA, OLA, PIOTR, DORA };

/*
 * A process for permissions: one step per kind of can-complete audience.
 * No step is obligatory, so nothing here is about winning.
 */
static const char PERM_PROCESS[] =
    "<process xmlns=\"urn:dealc:1\" id=\"p\" name=\"Permissions\" currency=\"PLN\">\n"
    "  <stage id=\"s1\" name=\"Only\">\n"
    "    <step id=\"own\" name=\"Owner only\" value=\"1\">\n"
    "      <can-complete><owner/></can-complete>\n"
    "    </step>\n"
    "    <step id=\"mgr\" name=\"Managers only\" value=\"1\">\n"
    "      <can-complete><managers/></can-complete>\n"
    "    </step>\n"
    "    <step id=\"adm\" name=\"Administrators only\" value=\"1\">\n"
    "      <can-complete><administrators/></can-complete>\n"
    "    </step>\n"
    "    <step id=\"both\" name=\"Administrators and managers\" value=\"1\">\n"
    "      <can-complete><administrators/><managers/></can-complete>\n"
    "    </step>\n"
    "    <step id=\"att\" name=\"Attendees only\" value=\"1\">\n"
    "      <can-complete><attendees/></can-complete>\n"
    "    </step>\n"
    "    <step id=\"usr\" name=\"Dora only\" value=\"1\">\n"
    "      <can-complete><user ref=\"dora\"/></can-complete>\n"
    "    </step>\n"
    "    <step id=\"any\" name=\"Default audience\" value=\"1\"/>\n"
    "  </stage>\n"
    "</process>\n";

/*
 * Completes step `step` by `by` in PERM_PROCESS and reports whether it took
 * effect; asserts the not-permitted diagnostic (line 5) agrees.
 */
static bool try_complete(const char *step, const char *by)
{
    struct fixture fx;
    fx_setup(&fx, NULL, PERM_PROCESS);
    ck_assert_ptr_nonnull(fx.process);
    char log[256];
    snprintf(log, sizeof log, "    <done step=\"%s\" by=\"%s\" at=\"2026-01-02T10:00:00Z\"/>\n", step,
             by);
    ck_assert_uint_eq(fx_eval_log(&fx, log, "2026-01-03"), 1);
    bool done = fx.state.steps[fx_step(&fx, step)].done;
    ck_assert_int_eq(fx.state.applied[0], done);
    if (done) {
        ck_assert_uint_eq(n_problems(&fx), 0);
    } else {
        ck_assert_uint_eq(fx_count(&fx, "not-permitted", 5), 1);
        ck_assert_uint_eq(n_problems(&fx), 1);
        char quoted[64];
        snprintf(quoted, sizeof quoted, "'%s'", step);
        ASSERT_CONTAINS(fx_message(&fx, "not-permitted"), quoted);
        snprintf(quoted, sizeof quoted, "'%s'", by);
        ASSERT_CONTAINS(fx_message(&fx, "not-permitted"), quoted);
        ck_assert_uint_eq(fx.state.done_value, 0);
    }
    fx_teardown(&fx);
    return done;
}

/* ---- done: the examples that came with the fixture ---- */

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

/* ---- any event ---- */

START_TEST(any_unknown_user_has_no_effect)
{
    struct fixture fx;
    fx_setup(&fx, NULL, NULL);
    fx_eval_log(&fx, DONE_B("zed", "2026-01-02T10:00:00Z") DONE_B("ola", "2026-01-03T10:00:00Z"),
                "2026-01-04");
    ck_assert_uint_eq(fx_count(&fx, "unknown-user", 5), 1);
    ck_assert_uint_eq(fx_count(&fx, "unknown-user", 0), 1);
    ASSERT_CONTAINS(fx_message(&fx, "unknown-user"), "'zed'");
    ck_assert(!fx.state.applied[0]);
    /* The second completion is the one in force: the first never happened. */
    ck_assert(fx.state.applied[1]);
    ck_assert_int_eq(fx.state.steps[fx_step(&fx, "b")].done_event, 1);
    ck_assert_uint_eq(fx_count(&fx, "already-done", 0), 0);
    ck_assert_uint_eq(n_problems(&fx), 1);
    fx_teardown(&fx);
}
END_TEST

START_TEST(any_unknown_user_moving_or_closing_has_no_effect)
{
    struct fixture fx;
    fx_setup(&fx, NULL, NULL);
    fx_eval_log(&fx, MOVED("s2", "zed", "2026-01-02T10:00:00Z") LOST("nobody", "2026-01-03T10:00:00Z"),
                "2026-01-04");
    ck_assert_uint_eq(fx_count(&fx, "unknown-user", 5), 1);
    ck_assert_uint_eq(fx_count(&fx, "unknown-user", 6), 1);
    ASSERT_CONTAINS(fx_message(&fx, "unknown-user"), "'zed'");
    ck_assert_uint_eq(fx.state.stage, 0);
    ck_assert_uint_eq(fx.state.n_visits, 1);
    ck_assert_int_eq(fx.state.status, DEAL_OPEN);
    ck_assert_int_eq(fx.state.closed_event, -1);
    ck_assert(!fx.state.applied[0]);
    ck_assert(!fx.state.applied[1]);
    fx_teardown(&fx);
}
END_TEST

START_TEST(any_unknown_user_does_not_hide_other_unresolved_references)
{
    struct fixture fx;
    fx_setup(&fx, NULL, NULL);
    /* SPEC §1: every reference must resolve, the event's step and stage as well as its by. */
    fx_eval_log(&fx,
                "    <done step=\"zz\" by=\"zed\" at=\"2026-01-02T10:00:00Z\"/>\n"
                    MOVED("nowhere", "zed", "2026-01-03T10:00:00Z"),
                "2026-01-04");
    ck_assert_uint_eq(fx_count(&fx, "unknown-user", 5), 1);
    ck_assert_uint_eq(fx_count(&fx, "unknown-step", 5), 1);
    ck_assert_uint_eq(fx_count(&fx, "unknown-user", 6), 1);
    ck_assert_uint_eq(fx_count(&fx, "unknown-stage", 6), 1);
    ck_assert(!fx.state.applied[0]);
    ck_assert(!fx.state.applied[1]);
    ck_assert_uint_eq(fx.state.stage, 0);
    fx_teardown(&fx);
}
END_TEST

START_TEST(any_time_order_earlier_than_previous_is_reported_and_still_applies)
{
    struct fixture fx;
    fx_setup(&fx, NULL, NULL);
    fx_eval_log(&fx, DONE_A("ola", "2026-01-05T10:00:00Z") DONE_B("ola", "2026-01-03T10:00:00Z"),
                "2026-01-06");
    ck_assert_uint_eq(fx_count(&fx, "time-order", 6), 1);
    ck_assert_uint_eq(fx_count(&fx, "time-order", 0), 1);
    ck_assert_uint_eq(n_problems(&fx), 1);
    ck_assert(fx.state.applied[0]);
    ck_assert(fx.state.applied[1]);
    ck_assert(fx.state.steps[fx_step(&fx, "b")].done);
    ck_assert_uint_eq(fx.state.done_value, 15);
    fx_teardown(&fx);
}
END_TEST

START_TEST(any_time_order_equal_or_later_instant_is_fine)
{
    struct fixture fx;
    fx_setup(&fx, NULL, NULL);
    /* Same instant; then 09:00Z after 10:00+02:00 (08:00Z): later, though the clock reads less. */
    fx_eval_log(&fx,
                DONE_A("ola", "2026-01-05T10:00:00+02:00") DONE_B("ola", "2026-01-05T08:00:00Z")
                    MOVED("s2", "ola", "2026-01-05T09:00:00Z"),
                "2026-01-06");
    ck_assert_uint_eq(fx_count(&fx, "time-order", 0), 0);
    ck_assert_uint_eq(n_problems(&fx), 0);
    ck_assert_uint_eq(fx.state.stage, 1);
    fx_teardown(&fx);
}
END_TEST

START_TEST(any_time_order_compares_instants_not_clock_readings)
{
    struct fixture fx;
    fx_setup(&fx, NULL, NULL);
    /* 11:00+02:00 is 09:00Z, an hour before the previous 10:00Z. */
    fx_eval_log(&fx, DONE_A("ola", "2026-01-05T10:00:00Z") DONE_B("ola", "2026-01-05T11:00:00+02:00"),
                "2026-01-06");
    ck_assert_uint_eq(fx_count(&fx, "time-order", 6), 1);
    ck_assert(fx.state.applied[1]);
    ck_assert(fx.state.steps[fx_step(&fx, "b")].done);
    fx_teardown(&fx);
}
END_TEST

START_TEST(any_time_order_before_created_is_reported_and_still_applies)
{
    struct fixture fx;
    fx_setup(&fx, NULL, NULL);
    fx_eval_log(&fx, DONE_B("ola", "2025-12-31T23:00:00Z"), "2026-01-06");
    ck_assert_uint_eq(fx_count(&fx, "time-order", 5), 1);
    ck_assert_uint_eq(n_problems(&fx), 1);
    ck_assert(fx.state.applied[0]);
    ck_assert(fx.state.steps[fx_step(&fx, "b")].done);
    fx_teardown(&fx);
}
END_TEST

START_TEST(any_time_order_against_created_uses_the_date_as_written)
{
    struct fixture fx;
    fx_setup(&fx, NULL, NULL);
    /* 2026-01-01 as written (2025-12-31T22:30Z in UTC): not before created. */
    fx_eval_log(&fx, DONE_B("ola", "2026-01-01T00:30:00+02:00"), "2026-01-06");
    ck_assert_uint_eq(fx_count(&fx, "time-order", 0), 0);
    ck_assert(fx.state.applied[0]);
    fx_teardown(&fx);

    fx_setup(&fx, NULL, NULL);
    /* 2025-12-31 as written (2026-01-01T01:30Z in UTC): before created. */
    fx_eval_log(&fx, DONE_B("ola", "2025-12-31T23:30:00-02:00"), "2026-01-06");
    ck_assert_uint_eq(fx_count(&fx, "time-order", 5), 1);
    ck_assert(fx.state.applied[0]);
    ck_assert(fx.state.steps[fx_step(&fx, "b")].done);
    fx_teardown(&fx);
}
END_TEST

START_TEST(any_after_won_has_no_effect_and_points_at_the_win)
{
    struct fixture fx;
    fx_setup(&fx, NULL, NULL);
    fx_eval_log(&fx,
                DONE_A("ola", "2026-01-02T10:00:00Z") DONE_C("ola", "2026-01-03T10:00:00Z")
                    WON("ola", "2026-01-04T10:00:00Z") DONE_B("ola", "2026-01-05T10:00:00Z")
                        MOVED("s3", "ola", "2026-01-06T10:00:00Z"),
                "2026-01-07");
    ck_assert_uint_eq(fx_count(&fx, "after-close", 8), 1);
    ck_assert_uint_eq(fx_count(&fx, "after-close", 9), 1);
    ck_assert_uint_eq(n_problems(&fx), 2);
    const struct diag *d = find_diag(&fx, "after-close");
    ck_assert_ptr_nonnull(d);
    ASSERT_CONTAINS(d->message, "'d1'");
    ck_assert_uint_ge(d->n_notes, 1);
    ck_assert_int_eq(d->notes[0].at.line, 7);
    ck_assert_int_eq(fx.state.status, DEAL_WON);
    ck_assert_int_eq(fx.state.closed_event, 2);
    ck_assert(fx.state.applied[2]);
    ck_assert(!fx.state.applied[3]);
    ck_assert(!fx.state.applied[4]);
    ck_assert(!fx.state.steps[fx_step(&fx, "b")].done);
    ck_assert_uint_eq(fx.state.stage, 0);
    fx_teardown(&fx);
}
END_TEST

START_TEST(any_after_lost_has_no_effect_and_points_at_the_loss)
{
    struct fixture fx;
    fx_setup(&fx, NULL, NULL);
    fx_eval_log(&fx,
                LOST("ola", "2026-01-02T10:00:00Z") MOVED("s2", "ola", "2026-01-03T10:00:00Z")
                    WON("ola", "2026-01-04T10:00:00Z"),
                "2026-01-07");
    ck_assert_uint_eq(fx_count(&fx, "after-close", 6), 1);
    ck_assert_uint_eq(fx_count(&fx, "after-close", 7), 1);
    const struct diag *d = find_diag(&fx, "after-close");
    ck_assert_ptr_nonnull(d);
    ck_assert_uint_ge(d->n_notes, 1);
    ck_assert_int_eq(d->notes[0].at.line, 5);
    ck_assert_int_eq(fx.state.status, DEAL_LOST);
    ck_assert_int_eq(fx.state.closed_event, 0);
    ck_assert(!fx.state.applied[1]);
    ck_assert(!fx.state.applied[2]);
    ck_assert_uint_eq(fx.state.stage, 0);
    /* The blocked won after a loss is after-close, not win-blocked. */
    ck_assert_uint_eq(fx_count(&fx, "win-blocked", 0), 0);
    fx_teardown(&fx);
}
END_TEST

START_TEST(any_blocked_won_does_not_close_the_deal)
{
    struct fixture fx;
    fx_setup(&fx, NULL, NULL);
    fx_eval_log(&fx, WON("ola", "2026-01-02T10:00:00Z") DONE_B("ola", "2026-01-03T10:00:00Z"),
                "2026-01-07");
    ck_assert_uint_eq(fx_count(&fx, "win-blocked", 5), 1);
    ck_assert_uint_eq(fx_count(&fx, "after-close", 0), 0);
    ck_assert(fx.state.applied[1]);
    ck_assert(fx.state.steps[fx_step(&fx, "b")].done);
    ck_assert_int_eq(fx.state.status, DEAL_OPEN);
    fx_teardown(&fx);
}
END_TEST

/* ---- done ---- */

START_TEST(done_unknown_step_has_no_effect)
{
    struct fixture fx;
    fx_setup(&fx, NULL, NULL);
    fx_eval_log(&fx, "    <done step=\"zz\" by=\"ola\" at=\"2026-01-02T10:00:00Z\"/>\n", "2026-01-03");
    ck_assert_uint_eq(fx_count(&fx, "unknown-step", 5), 1);
    ck_assert_uint_eq(n_problems(&fx), 1);
    ASSERT_CONTAINS(fx_message(&fx, "unknown-step"), "'zz'");
    ck_assert(!fx.state.applied[0]);
    ck_assert_uint_eq(fx.state.done_value, 0);
    ck_assert_uint_eq(fx.state.n_notifications, 0);
    fx_teardown(&fx);
}
END_TEST

START_TEST(done_can_complete_owner)
{
    ck_assert(try_complete("own", "ola"));
    ck_assert(!try_complete("own", "marek"));
    ck_assert(!try_complete("own", "anna"));
}
END_TEST

START_TEST(done_can_complete_managers_is_not_administrators)
{
    ck_assert(try_complete("mgr", "marek"));
    ck_assert(try_complete("mgr", "ewa"));
    ck_assert(!try_complete("mgr", "anna"));
    ck_assert(!try_complete("mgr", "ola"));
}
END_TEST

START_TEST(done_can_complete_administrators_is_not_managers)
{
    ck_assert(try_complete("adm", "anna"));
    ck_assert(!try_complete("adm", "marek"));
    ck_assert(!try_complete("adm", "ewa"));
    ck_assert(!try_complete("adm", "dora"));
}
END_TEST

START_TEST(done_can_complete_union_of_administrators_and_managers)
{
    ck_assert(try_complete("both", "anna"));
    ck_assert(try_complete("both", "ewa"));
    ck_assert(!try_complete("both", "ola"));
    ck_assert(!try_complete("both", "piotr"));
}
END_TEST

START_TEST(done_can_complete_attendees)
{
    ck_assert(try_complete("att", "piotr"));
    ck_assert(!try_complete("att", "ola")); /* the owner is not an attendee */
    ck_assert(!try_complete("att", "marek"));
}
END_TEST

START_TEST(done_can_complete_named_user)
{
    ck_assert(try_complete("usr", "dora"));
    ck_assert(!try_complete("usr", "ewa"));
    ck_assert(!try_complete("usr", "ola"));
}
END_TEST

START_TEST(done_can_complete_defaults_to_everyone)
{
    ck_assert(try_complete("any", "dora"));
    ck_assert(try_complete("any", "anna"));
    ck_assert(try_complete("any", "piotr"));
}
END_TEST

START_TEST(done_missing_note_when_absent)
{
    struct fixture fx;
    fx_setup(&fx, NULL, NULL);
    fx_eval_log(&fx,
                DONE_B("ola", "2026-01-02T10:00:00Z")
                "    <done step=\"a\" by=\"ola\" at=\"2026-01-02T11:00:00Z\"/>\n",
                "2026-01-03");
    ck_assert_uint_eq(fx_count(&fx, "missing-note", 6), 1);
    ck_assert_uint_eq(n_problems(&fx), 1);
    ASSERT_CONTAINS(fx_message(&fx, "missing-note"), "'a'");
    ck_assert(!fx.state.applied[1]);
    ck_assert(!fx.state.steps[fx_step(&fx, "a")].done);
    ck_assert_uint_eq(fx.state.n_notifications, 0);
    fx_teardown(&fx);
}
END_TEST

START_TEST(done_missing_note_when_only_white_space)
{
    struct fixture fx;
    fx_setup(&fx, NULL, NULL);
    fx_eval_log(&fx,
                "    <done step=\"a\" by=\"ola\" at=\"2026-01-02T10:00:00Z\"><note> \t\r\n  </note>"
                "</done>\n",
                "2026-01-03");
    ck_assert_uint_eq(fx_count(&fx, "missing-note", 5), 1);
    ck_assert(!fx.state.applied[0]);
    ck_assert(!fx.state.steps[fx_step(&fx, "a")].done);
    fx_teardown(&fx);

    fx_setup(&fx, NULL, NULL);
    fx_eval_log(&fx, "    <done step=\"a\" by=\"ola\" at=\"2026-01-02T10:00:00Z\"><note/></done>\n",
                "2026-01-03");
    ck_assert_uint_eq(fx_count(&fx, "missing-note", 5), 1);
    ck_assert(!fx.state.steps[fx_step(&fx, "a")].done);
    fx_teardown(&fx);
}
END_TEST

START_TEST(done_note_not_required_may_be_absent)
{
    struct fixture fx;
    fx_setup(&fx, NULL, NULL);
    fx_eval_log(&fx, DONE_B("dora", "2026-01-02T10:00:00Z"), "2026-01-03");
    ck_assert_uint_eq(n_problems(&fx), 0);
    ck_assert(fx.state.steps[fx_step(&fx, "b")].done);
    fx_teardown(&fx);
}
END_TEST

START_TEST(done_missing_file)
{
    struct fixture fx;
    fx_setup(&fx, NULL, NULL);
    fx_eval_log(&fx,
                "    <done step=\"c\" by=\"ola\" at=\"2026-01-02T10:00:00Z\"><note>Offer</note></done>\n",
                "2026-01-03");
    ck_assert_uint_eq(fx_count(&fx, "missing-file", 5), 1);
    ck_assert_uint_eq(fx_count(&fx, "missing-note", 0), 0);
    ck_assert_uint_eq(n_problems(&fx), 1);
    ASSERT_CONTAINS(fx_message(&fx, "missing-file"), "'c'");
    ck_assert(!fx.state.applied[0]);
    ck_assert(!fx.state.steps[fx_step(&fx, "c")].done);
    fx_teardown(&fx);
}
END_TEST

START_TEST(done_missing_note_and_file_both_reported)
{
    struct fixture fx;
    fx_setup(&fx, NULL, NULL);
    fx_eval_log(&fx, "    <done step=\"c\" by=\"ola\" at=\"2026-01-02T10:00:00Z\"/>\n", "2026-01-03");
    ck_assert_uint_eq(fx_count(&fx, "missing-note", 5), 1);
    ck_assert_uint_eq(fx_count(&fx, "missing-file", 5), 1);
    ck_assert_uint_eq(n_problems(&fx), 2);
    ck_assert(!fx.state.applied[0]);
    ck_assert(!fx.state.steps[fx_step(&fx, "c")].done);
    fx_teardown(&fx);
}
END_TEST

START_TEST(done_with_note_and_file_completes_a_file_step)
{
    struct fixture fx;
    fx_setup(&fx, NULL, NULL);
    fx_eval_log(&fx, DONE_C("dora", "2026-01-02T10:00:00Z"), "2026-01-03");
    ck_assert_uint_eq(n_problems(&fx), 0);
    ck_assert(fx.state.applied[0]);
    ck_assert(fx.state.steps[fx_step(&fx, "c")].done);
    ck_assert_int_eq(fx.state.steps[fx_step(&fx, "c")].done_event, 0);
    fx_teardown(&fx);
}
END_TEST

START_TEST(done_already_done_is_a_warning_and_changes_nothing)
{
    struct fixture fx;
    fx_setup(&fx, NULL, NULL);
    fx_eval_log(&fx,
                DONE_A("ola", "2026-01-02T10:00:00Z") DONE_A("marek", "2026-01-03T10:00:00Z"),
                "2026-01-04");
    ck_assert_uint_eq(fx_count(&fx, "already-done", 6), 1);
    const struct diag *d = find_diag(&fx, "already-done");
    ck_assert_ptr_nonnull(d);
    ck_assert_int_eq(d->sev, SEV_WARNING);
    ASSERT_CONTAINS(d->message, "'a'");
    ck_assert_uint_eq(fx.diags.counts[SEV_ERROR], 0);
    ck_assert(fx.state.applied[0]);
    ck_assert(!fx.state.applied[1]);
    ck_assert_int_eq(fx.state.steps[fx_step(&fx, "a")].done_event, 0);
    ck_assert_uint_eq(fx.state.done_value, 10);
    ck_assert_uint_eq(fx.state.progress, 10);
    /* Only the completion in force notified anyone. */
    ck_assert_uint_eq(fx.state.n_notifications, 1);
    ck_assert_int_eq(fx.state.notifications[0].event, 0);
    fx_teardown(&fx);
}
END_TEST

START_TEST(done_notifies_the_audience_without_the_completer)
{
    struct fixture fx;
    fx_setup(&fx, NULL, NULL);
    /* notify: managers (marek, ewa) and attendees (piotr); the completer ola is in neither. */
    fx_eval_log(&fx, DONE_A("ola", "2026-01-02T10:00:00Z"), "2026-01-03");
    ck_assert_uint_eq(fx.state.n_notifications, 1);
    const struct notification *n = &fx.state.notifications[0];
    ck_assert_uint_eq(n->step, fx_step(&fx, "a"));
    ck_assert_int_eq(n->event, 0);
    ck_assert_uint_eq(n->n_recipients, 3);
    ck_assert_uint_eq(n->recipients[0], MAREK);
    ck_assert_uint_eq(n->recipients[1], EWA);
    ck_assert_uint_eq(n->recipients[2], PIOTR);
    fx_teardown(&fx);

    fx_setup(&fx, NULL, NULL);
    /* marek completes it: a manager, but not told of his own completion. */
    fx_eval_log(&fx, DONE_A("marek", "2026-01-02T10:00:00Z"), "2026-01-03");
    ck_assert_uint_eq(fx.state.n_notifications, 1);
    n = &fx.state.notifications[0];
    ck_assert_uint_eq(n->n_recipients, 2);
    ck_assert_uint_eq(n->recipients[0], EWA);
    ck_assert_uint_eq(n->recipients[1], PIOTR);
    fx_teardown(&fx);
}
END_TEST

START_TEST(done_notifies_each_user_once_in_team_order)
{
    struct fixture fx;
    fx_setup(&fx, NULL, NULL);
    /* marek is both a manager and an attendee; attendees listed out of team order. */
    ck_assert_uint_eq(
        fx_eval(&fx,
                "<deal xmlns=\"urn:dealc:1\" id=\"d2\" process=\"p\" owner=\"ola\" "
                "created=\"2026-01-01\">\n"
                "  <title>Deal two</title>\n"
                "  <attendee ref=\"piotr\"/>\n"
                "  <attendee ref=\"marek\"/>\n"
                "  <log>\n" DONE_A("ola", "2026-01-02T10:00:00Z") "  </log>\n"
                "</deal>\n",
                "2026-01-03"),
        1);
    ck_assert_uint_eq(n_problems(&fx), 0);
    ck_assert_uint_eq(fx.state.n_notifications, 1);
    const struct notification *n = &fx.state.notifications[0];
    ck_assert_uint_eq(n->n_recipients, 3);
    ck_assert_uint_eq(n->recipients[0], MAREK);
    ck_assert_uint_eq(n->recipients[1], EWA);
    ck_assert_uint_eq(n->recipients[2], PIOTR);
    fx_teardown(&fx);
}
END_TEST

START_TEST(done_without_notify_or_refused_notifies_nobody)
{
    struct fixture fx;
    fx_setup(&fx, NULL, NULL);
    /* b has no notify (default nobody); a by dora is refused. */
    fx_eval_log(&fx, DONE_B("ola", "2026-01-02T10:00:00Z") DONE_A("dora", "2026-01-03T10:00:00Z"),
                "2026-01-04");
    ck_assert_uint_eq(fx_count(&fx, "not-permitted", 6), 1);
    ck_assert_uint_eq(fx.state.n_notifications, 0);
    fx_teardown(&fx);
}
END_TEST

/* ---- undone ---- */

START_TEST(undone_makes_the_step_not_done)
{
    struct fixture fx;
    fx_setup(&fx, NULL, NULL);
    fx_eval_log(&fx, DONE_A("ola", "2026-01-02T10:00:00Z") UNDONE("a", "marek", "2026-01-03T10:00:00Z"),
                "2026-01-04");
    ck_assert_uint_eq(n_problems(&fx), 0);
    ck_assert(fx.state.applied[1]);
    ck_assert(!fx.state.steps[fx_step(&fx, "a")].done);
    ck_assert_int_eq(fx.state.steps[fx_step(&fx, "a")].done_event, -1);
    ck_assert_uint_eq(fx.state.done_value, 0);
    fx_teardown(&fx);
}
END_TEST

START_TEST(undone_unknown_step_has_no_effect)
{
    struct fixture fx;
    fx_setup(&fx, NULL, NULL);
    fx_eval_log(&fx, DONE_B("ola", "2026-01-02T10:00:00Z") UNDONE("zz", "ola", "2026-01-03T10:00:00Z"),
                "2026-01-04");
    ck_assert_uint_eq(fx_count(&fx, "unknown-step", 6), 1);
    ck_assert_uint_eq(n_problems(&fx), 1);
    ASSERT_CONTAINS(fx_message(&fx, "unknown-step"), "'zz'");
    ck_assert(!fx.state.applied[1]);
    ck_assert(fx.state.steps[fx_step(&fx, "b")].done);
    ck_assert_uint_eq(fx.state.done_value, 5);
    fx_teardown(&fx);
}
END_TEST

START_TEST(undone_not_permitted_has_no_effect)
{
    struct fixture fx;
    fx_setup(&fx, NULL, NULL);
    fx_eval_log(&fx, DONE_A("ola", "2026-01-02T10:00:00Z") UNDONE("a", "dora", "2026-01-03T10:00:00Z"),
                "2026-01-04");
    ck_assert_uint_eq(fx_count(&fx, "not-permitted", 6), 1);
    ck_assert_uint_eq(n_problems(&fx), 1);
    ASSERT_CONTAINS(fx_message(&fx, "not-permitted"), "'a'");
    ASSERT_CONTAINS(fx_message(&fx, "not-permitted"), "'dora'");
    ck_assert(!fx.state.applied[1]);
    ck_assert(fx.state.steps[fx_step(&fx, "a")].done);
    ck_assert_int_eq(fx.state.steps[fx_step(&fx, "a")].done_event, 0);
    fx_teardown(&fx);
}
END_TEST

START_TEST(undone_when_not_done_is_a_warning)
{
    struct fixture fx;
    fx_setup(&fx, NULL, NULL);
    fx_eval_log(&fx, UNDONE("b", "ola", "2026-01-02T10:00:00Z"), "2026-01-03");
    ck_assert_uint_eq(fx_count(&fx, "not-done", 5), 1);
    const struct diag *d = find_diag(&fx, "not-done");
    ck_assert_ptr_nonnull(d);
    ck_assert_int_eq(d->sev, SEV_WARNING);
    ASSERT_CONTAINS(d->message, "'b'");
    ck_assert_uint_eq(fx.diags.counts[SEV_ERROR], 0);
    ck_assert(!fx.state.applied[0]);
    ck_assert(!fx.state.steps[fx_step(&fx, "b")].done);
    ck_assert_uint_eq(fx.state.done_value, 0);
    fx_teardown(&fx);
}
END_TEST

START_TEST(undone_then_done_again)
{
    struct fixture fx;
    fx_setup(&fx, NULL, NULL);
    fx_eval_log(&fx,
                DONE_B("ola", "2026-01-02T10:00:00Z") UNDONE("b", "ola", "2026-01-03T10:00:00Z")
                    DONE_B("dora", "2026-01-04T10:00:00Z"),
                "2026-01-05");
    ck_assert_uint_eq(n_problems(&fx), 0);
    ck_assert(fx.state.applied[0]);
    ck_assert(fx.state.applied[1]);
    ck_assert(fx.state.applied[2]);
    ck_assert(fx.state.steps[fx_step(&fx, "b")].done);
    ck_assert_int_eq(fx.state.steps[fx_step(&fx, "b")].done_event, 2);
    ck_assert_uint_eq(fx.state.done_value, 5);
    fx_teardown(&fx);
}
END_TEST

/* ---- moved ---- */

START_TEST(moved_unknown_stage_has_no_effect)
{
    struct fixture fx;
    fx_setup(&fx, NULL, NULL);
    fx_eval_log(&fx, MOVED("zz", "ola", "2026-01-02T10:00:00Z"), "2026-01-03");
    ck_assert_uint_eq(fx_count(&fx, "unknown-stage", 5), 1);
    ck_assert_uint_eq(n_problems(&fx), 1);
    ASSERT_CONTAINS(fx_message(&fx, "unknown-stage"), "'zz'");
    ck_assert(!fx.state.applied[0]);
    ck_assert_uint_eq(fx.state.stage, 0);
    ck_assert_uint_eq(fx.state.n_visits, 1);
    fx_teardown(&fx);
}
END_TEST

START_TEST(moved_into_a_strict_stage_needs_nothing_of_it)
{
    struct fixture fx;
    fx_setup(&fx, NULL, NULL);
    /* s1 is not strict (a undone does not matter); s2 is the target, not passed. */
    fx_eval_log(&fx, MOVED("s2", "ola", "2026-01-02T10:00:00Z"), "2026-01-03");
    ck_assert_uint_eq(n_problems(&fx), 0);
    ck_assert(fx.state.applied[0]);
    ck_assert_uint_eq(fx.state.stage, 1);
    fx_teardown(&fx);
}
END_TEST

START_TEST(moved_forward_past_strict_stage_is_gate_blocked)
{
    struct fixture fx;
    fx_setup(&fx, NULL, NULL);
    /* s1 -> s3 passes strict s2, whose obligatory c is not done. */
    fx_eval_log(&fx, MOVED("s3", "ola", "2026-01-02T10:00:00Z"), "2026-01-03");
    ck_assert_uint_eq(fx_count(&fx, "gate-blocked", 5), 1);
    ck_assert_uint_eq(n_problems(&fx), 1);
    const char *m = fx_message(&fx, "gate-blocked");
    ASSERT_CONTAINS(m, "'s3'");
    ASSERT_CONTAINS(m, "'c'");
    /* a is obligatory but its stage s1 is not strict. */
    ASSERT_LACKS(m, "'a'");
    ck_assert(!fx.state.applied[0]);
    ck_assert_uint_eq(fx.state.stage, 0);
    ck_assert_uint_eq(fx.state.n_visits, 1);
    fx_teardown(&fx);
}
END_TEST

START_TEST(moved_out_of_the_current_strict_stage_is_gate_blocked)
{
    struct fixture fx;
    fx_setup(&fx, NULL, NULL);
    fx_eval_log(&fx, MOVED("s2", "ola", "2026-01-02T10:00:00Z") MOVED("s3", "ola", "2026-01-03T10:00:00Z"),
                "2026-01-04");
    ck_assert_uint_eq(fx_count(&fx, "gate-blocked", 6), 1);
    ASSERT_CONTAINS(fx_message(&fx, "gate-blocked"), "'c'");
    ck_assert(fx.state.applied[0]);
    ck_assert(!fx.state.applied[1]);
    ck_assert_uint_eq(fx.state.stage, 1);
    fx_teardown(&fx);
}
END_TEST

START_TEST(moved_forward_after_completing_the_gate)
{
    struct fixture fx;
    fx_setup(&fx, NULL, NULL);
    fx_eval_log(&fx, DONE_C("ola", "2026-01-02T10:00:00Z") MOVED("s3", "ola", "2026-01-03T10:00:00Z"),
                "2026-01-04");
    ck_assert_uint_eq(n_problems(&fx), 0);
    ck_assert(fx.state.applied[1]);
    ck_assert_uint_eq(fx.state.stage, 2);
    fx_teardown(&fx);
}
END_TEST

START_TEST(moved_back_is_always_allowed)
{
    struct fixture fx;
    fx_setup(&fx, NULL, NULL);
    /* Reach s3, undo the gate step, then go back over strict s2 to s1. */
    fx_eval_log(&fx,
                DONE_C("ola", "2026-01-02T10:00:00Z") MOVED("s3", "ola", "2026-01-03T10:00:00Z")
                    UNDONE("c", "ola", "2026-01-04T10:00:00Z") MOVED("s1", "ola", "2026-01-05T10:00:00Z"),
                "2026-01-06");
    ck_assert_uint_eq(n_problems(&fx), 0);
    ck_assert(fx.state.applied[3]);
    ck_assert_uint_eq(fx.state.stage, 0);
    ck_assert(!fx.state.steps[fx_step(&fx, "c")].done);
    fx_teardown(&fx);
}
END_TEST

START_TEST(moved_to_the_current_stage)
{
    struct fixture fx;
    fx_setup(&fx, NULL, NULL);
    fx_eval_log(&fx, MOVED("s1", "ola", "2026-01-02T10:00:00Z"), "2026-01-03");
    ck_assert_uint_eq(n_problems(&fx), 0);
    ck_assert(fx.state.applied[0]);
    ck_assert_uint_eq(fx.state.stage, 0);
    /* The deal never left s1: still one visit, counted to the as-of date. */
    ck_assert_uint_eq(fx.state.n_visits, 1);
    ck_assert_int_eq(fx.state.visits[0].left_event, -1);
    ck_assert_int_eq(fx.state.visits[0].days, 2);
    fx_teardown(&fx);

    fx_setup(&fx, NULL, NULL);
    /* Staying in strict s2 with c not done passes no gate. */
    fx_eval_log(&fx, MOVED("s2", "ola", "2026-01-02T10:00:00Z") MOVED("s2", "ola", "2026-01-03T10:00:00Z"),
                "2026-01-04");
    ck_assert_uint_eq(n_problems(&fx), 0);
    ck_assert(fx.state.applied[1]);
    ck_assert_uint_eq(fx.state.stage, 1);
    fx_teardown(&fx);
}
END_TEST

/* ---- won ---- */

START_TEST(won_blocked_names_each_missing_step_by_name_in_process_order)
{
    struct fixture fx;
    fx_setup(&fx, NULL, NULL);
    fx_eval_log(&fx, WON("ola", "2026-01-02T10:00:00Z"), "2026-01-03");
    ck_assert_uint_eq(fx_count(&fx, "win-blocked", 5), 1);
    ck_assert_uint_eq(n_problems(&fx), 1);
    const char *m = fx_message(&fx, "win-blocked");
    const char *sa = strstr(m, "Step A"), *sc = strstr(m, "Step C");
    ck_assert_msg(sa && sc && sa < sc, "win-blocked \"%s\" does not name Step A then Step C", m);
    ASSERT_LACKS(m, "Step B");
    ASSERT_LACKS(m, "Step D");
    ck_assert(!fx.state.applied[0]);
    ck_assert_int_eq(fx.state.status, DEAL_OPEN);
    ck_assert_int_eq(fx.state.closed_event, -1);
    fx_teardown(&fx);
}
END_TEST

START_TEST(won_blocked_names_only_the_missing_steps)
{
    struct fixture fx;
    fx_setup(&fx, NULL, NULL);
    fx_eval_log(&fx, DONE_A("ola", "2026-01-02T10:00:00Z") WON("ola", "2026-01-03T10:00:00Z"),
                "2026-01-04");
    ck_assert_uint_eq(fx_count(&fx, "win-blocked", 6), 1);
    const char *m = fx_message(&fx, "win-blocked");
    ASSERT_CONTAINS(m, "Step C");
    ASSERT_LACKS(m, "Step A");
    ck_assert_int_eq(fx.state.status, DEAL_OPEN);
    fx_teardown(&fx);
}
END_TEST

START_TEST(won_blocked_order_is_process_order_not_alphabetical)
{
    struct fixture fx;
    fx_setup(&fx, NULL,
             "<process xmlns=\"urn:dealc:1\" id=\"p\" name=\"Order\" currency=\"PLN\">\n"
             "  <stage id=\"s1\" name=\"One\">\n"
             "    <step id=\"zulu\" name=\"Zulu check\" value=\"1\" obligatory=\"true\"/>\n"
             "  </stage>\n"
             "  <stage id=\"s2\" name=\"Two\">\n"
             "    <step id=\"alpha\" name=\"Alpha check\" value=\"1\" obligatory=\"true\"/>\n"
             "    <step id=\"mike\" name=\"Mike check\" value=\"1\" obligatory=\"true\"/>\n"
             "  </stage>\n"
             "</process>\n");
    fx_eval_log(&fx, WON("ola", "2026-01-02T10:00:00Z"), "2026-01-03");
    ck_assert_uint_eq(fx_count(&fx, "win-blocked", 5), 1);
    const char *m = fx_message(&fx, "win-blocked");
    const char *z = strstr(m, "Zulu check"), *a = strstr(m, "Alpha check"), *k = strstr(m, "Mike check");
    ck_assert_msg(z && a && k && z < a && a < k, "win-blocked \"%s\" not in process order", m);
    ck_assert_int_eq(fx.state.status, DEAL_OPEN);
    fx_teardown(&fx);
}
END_TEST

START_TEST(won_when_every_obligatory_step_is_done)
{
    struct fixture fx;
    fx_setup(&fx, NULL, NULL);
    /* b and d are not obligatory; the deal need not be in the last stage. */
    fx_eval_log(&fx,
                DONE_A("ola", "2026-01-02T10:00:00Z") DONE_C("ola", "2026-01-03T10:00:00Z")
                    WON("ola", "2026-01-04T10:00:00Z"),
                "2026-01-05");
    ck_assert_uint_eq(n_problems(&fx), 0);
    ck_assert(fx.state.applied[2]);
    ck_assert_int_eq(fx.state.status, DEAL_WON);
    ck_assert_int_eq(fx.state.closed_event, 2);
    ck_assert_str_eq(deal_status_name(fx.state.status), "won");
    fx_teardown(&fx);
}
END_TEST

/* ---- lost ---- */

START_TEST(lost_with_reason)
{
    struct fixture fx;
    fx_setup(&fx, NULL, NULL);
    /* No rule: a deal with blockers can still be lost. */
    fx_eval_log(&fx,
                "    <lost by=\"ola\" at=\"2026-01-02T10:00:00Z\"><reason>Budget cut</reason></lost>\n",
                "2026-01-03");
    ck_assert_uint_eq(n_problems(&fx), 0);
    ck_assert(fx.state.applied[0]);
    ck_assert_int_eq(fx.state.status, DEAL_LOST);
    ck_assert_int_eq(fx.state.closed_event, 0);
    ck_assert_str_eq(deal_status_name(fx.state.status), "lost");
    ck_assert_ptr_nonnull(fx.deal.events[0].reason);
    ck_assert_str_eq(fx.deal.events[0].reason, "Budget cut");
    fx_teardown(&fx);
}
END_TEST

START_TEST(lost_without_reason)
{
    struct fixture fx;
    fx_setup(&fx, NULL, NULL);
    fx_eval_log(&fx, MOVED("s2", "ola", "2026-01-02T10:00:00Z") LOST("dora", "2026-01-03T10:00:00Z"),
                "2026-01-04");
    ck_assert_uint_eq(n_problems(&fx), 0);
    ck_assert(fx.state.applied[1]);
    ck_assert_int_eq(fx.state.status, DEAL_LOST);
    ck_assert_int_eq(fx.state.closed_event, 1);
    ck_assert_ptr_null(fx.deal.events[1].reason);
    ck_assert_uint_eq(fx.state.stage, 1);
    fx_teardown(&fx);
}
END_TEST

Suite *events_suite(void)
{
    Suite *s = suite_create("events");

    TCase *tc = tcase_create("any");
    tcase_add_test(tc, any_unknown_user_has_no_effect);
    tcase_add_test(tc, any_unknown_user_moving_or_closing_has_no_effect);
    tcase_add_test(tc, any_unknown_user_does_not_hide_other_unresolved_references);
    tcase_add_test(tc, any_time_order_earlier_than_previous_is_reported_and_still_applies);
    tcase_add_test(tc, any_time_order_equal_or_later_instant_is_fine);
    tcase_add_test(tc, any_time_order_compares_instants_not_clock_readings);
    tcase_add_test(tc, any_time_order_before_created_is_reported_and_still_applies);
    tcase_add_test(tc, any_time_order_against_created_uses_the_date_as_written);
    tcase_add_test(tc, any_after_won_has_no_effect_and_points_at_the_win);
    tcase_add_test(tc, any_after_lost_has_no_effect_and_points_at_the_loss);
    tcase_add_test(tc, any_blocked_won_does_not_close_the_deal);
    suite_add_tcase(s, tc);

    tc = tcase_create("done");
    tcase_add_test(tc, done_by_owner_with_note_takes_effect);
    tcase_add_test(tc, done_by_someone_not_in_can_complete_is_not_permitted);
    tcase_add_test(tc, done_unknown_step_has_no_effect);
    tcase_add_test(tc, done_can_complete_owner);
    tcase_add_test(tc, done_can_complete_managers_is_not_administrators);
    tcase_add_test(tc, done_can_complete_administrators_is_not_managers);
    tcase_add_test(tc, done_can_complete_union_of_administrators_and_managers);
    tcase_add_test(tc, done_can_complete_attendees);
    tcase_add_test(tc, done_can_complete_named_user);
    tcase_add_test(tc, done_can_complete_defaults_to_everyone);
    tcase_add_test(tc, done_missing_note_when_absent);
    tcase_add_test(tc, done_missing_note_when_only_white_space);
    tcase_add_test(tc, done_note_not_required_may_be_absent);
    tcase_add_test(tc, done_missing_file);
    tcase_add_test(tc, done_missing_note_and_file_both_reported);
    tcase_add_test(tc, done_with_note_and_file_completes_a_file_step);
    tcase_add_test(tc, done_already_done_is_a_warning_and_changes_nothing);
    tcase_add_test(tc, done_notifies_the_audience_without_the_completer);
    tcase_add_test(tc, done_notifies_each_user_once_in_team_order);
    tcase_add_test(tc, done_without_notify_or_refused_notifies_nobody);
    suite_add_tcase(s, tc);

    tc = tcase_create("undone");
    tcase_add_test(tc, undone_makes_the_step_not_done);
    tcase_add_test(tc, undone_unknown_step_has_no_effect);
    tcase_add_test(tc, undone_not_permitted_has_no_effect);
    tcase_add_test(tc, undone_when_not_done_is_a_warning);
    tcase_add_test(tc, undone_then_done_again);
    suite_add_tcase(s, tc);

    tc = tcase_create("moved");
    tcase_add_test(tc, moved_unknown_stage_has_no_effect);
    tcase_add_test(tc, moved_into_a_strict_stage_needs_nothing_of_it);
    tcase_add_test(tc, moved_forward_past_strict_stage_is_gate_blocked);
    tcase_add_test(tc, moved_out_of_the_current_strict_stage_is_gate_blocked);
    tcase_add_test(tc, moved_forward_after_completing_the_gate);
    tcase_add_test(tc, moved_back_is_always_allowed);
    tcase_add_test(tc, moved_to_the_current_stage);
    suite_add_tcase(s, tc);

    tc = tcase_create("won-lost");
    tcase_add_test(tc, won_blocked_names_each_missing_step_by_name_in_process_order);
    tcase_add_test(tc, won_blocked_names_only_the_missing_steps);
    tcase_add_test(tc, won_blocked_order_is_process_order_not_alphabetical);
    tcase_add_test(tc, won_when_every_obligatory_step_is_done);
    tcase_add_test(tc, lost_with_reason);
    tcase_add_test(tc, lost_without_reason);
    suite_add_tcase(s, tc);
    return s;
}
