/*
 * The process rules of SPEC §1, checked by the real loader and compiler:
 * zero-total, empty-stage, nobody-can-complete, unknown users in audiences,
 * duplicate stage and step ids, the audience defaults, the requires list and
 * XSD's white space collapsing of attribute values.
 *
 * Every document below is written one line per string literal, so the line
 * numbers in the comments are the lines diagnostics must name.
 */
#include "fixture.h"

#include "process.h"

#include <stdio.h>
#include <string.h>

/* A team without administrators: ola (user), marek (manager). */
static const char TEAM_NO_ADMINS[] =
    "<team xmlns=\"urn:dealc:1\">\n"
    "  <user id=\"ola\" name=\"Ola\"/>\n"
    "  <user id=\"piotr\" name=\"Piotr\"/>\n"
    "  <user id=\"marek\" name=\"Marek\" role=\"manager\"/>\n"
    "</team>\n";

/* A team with an administrator and no managers. */
static const char TEAM_NO_MANAGERS[] =
    "<team xmlns=\"urn:dealc:1\">\n"
    "  <user id=\"ola\" name=\"Ola\"/>\n"
    "  <user id=\"piotr\" name=\"Piotr\"/>\n"
    "  <user id=\"anna\" name=\"Anna\" role=\"administrator\"/>\n"
    "</team>\n";

static size_t count_code(const struct fixture *fx, const char *code)
{
    return fx_count(fx, code, 0);
}

/* The first diagnostic with that code (fails the test when there is none). */
static const struct diag *first_diag(const struct fixture *fx, const char *code)
{
    for (size_t i = 0; i < fx->diags.len; i++)
        if (!strcmp(diag_code_name(fx->diags.items[i].code), code))
            return &fx->diags.items[i];
    ck_abort_msg("no diagnostic %s", code);
    return NULL;
}

static void assert_mentions(const char *message, const char *what)
{
    ck_assert_msg(strstr(message, what) != NULL, "message '%s' does not name %s", message, what);
}

/* ---- zero-total ---- */

START_TEST(zero_total_is_reported_at_the_process_element)
{
    struct fixture fx;
    fx_setup(&fx, NULL,
             "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"                     /* 1 */
             "<process xmlns=\"urn:dealc:1\" id=\"zero\" name=\"Zero\">\n"    /* 2 */
             "  <stage id=\"s1\" name=\"One\">\n"                              /* 3 */
             "    <step id=\"a\" name=\"A\" value=\"0\" obligatory=\"true\"/>\n" /* 4 */
             "  </stage>\n"                                                    /* 5 */
             "  <stage id=\"s2\" name=\"Two\">\n"                              /* 6 */
             "    <step id=\"b\" name=\"B\" value=\"0\"/>\n"                   /* 7 */
             "  </stage>\n"                                                    /* 8 */
             "</process>\n");
    ck_assert_ptr_nonnull(fx.process);
    ck_assert_uint_eq(count_code(&fx, "zero-total"), 1);
    ck_assert_uint_eq(fx_count(&fx, "zero-total", 2), 1);
    const struct diag *d = first_diag(&fx, "zero-total");
    ck_assert_int_eq(d->sev, SEV_ERROR);
    ck_assert_uint_eq(d->at.file, 1);
    assert_mentions(d->message, "'zero'");
    ck_assert_uint_eq(fx.diags.len, 1);
    ck_assert_uint_eq(fx.process->total_value, 0);
    fx_teardown(&fx);
}
END_TEST

START_TEST(a_positive_total_is_not_zero_total)
{
    struct fixture fx;
    fx_setup(&fx, NULL,
             "<process xmlns=\"urn:dealc:1\" id=\"one\" name=\"One\">\n"
             "  <stage id=\"s1\" name=\"One\">\n"
             "    <step id=\"a\" name=\"A\" value=\"0\"/>\n"
             "  </stage>\n"
             "  <stage id=\"s2\" name=\"Two\">\n"
             "    <step id=\"b\" name=\"B\" value=\"1\"/>\n"
             "  </stage>\n"
             "</process>\n");
    ck_assert_ptr_nonnull(fx.process);
    ck_assert_uint_eq(count_code(&fx, "zero-total"), 0);
    ck_assert_uint_eq(fx.diags.len, 0);
    ck_assert_uint_eq(fx.process->total_value, 1);
    fx_teardown(&fx);
}
END_TEST

/* ---- empty-stage ---- */

START_TEST(empty_stage_is_a_warning_at_the_stage)
{
    struct fixture fx;
    fx_setup(&fx, NULL,
             "<process xmlns=\"urn:dealc:1\" id=\"p\" name=\"P\">\n"            /* 1 */
             "  <stage id=\"s1\" name=\"One\">\n"                              /* 2 */
             "    <step id=\"a\" name=\"A\" value=\"5\"/>\n"                   /* 3 */
             "  </stage>\n"                                                    /* 4 */
             "  <stage id=\"hollow\" name=\"Nothing to do\">\n"                /* 5 */
             "    <description>No steps here.</description>\n"                 /* 6 */
             "  </stage>\n"                                                    /* 7 */
             "  <stage id=\"s3\" name=\"Three\"/>\n"                           /* 8 */
             "</process>\n");
    ck_assert_ptr_nonnull(fx.process);
    ck_assert_uint_eq(count_code(&fx, "empty-stage"), 2);
    ck_assert_uint_eq(fx_count(&fx, "empty-stage", 5), 1);
    ck_assert_uint_eq(fx_count(&fx, "empty-stage", 8), 1);
    ck_assert_uint_eq(fx_count(&fx, "empty-stage", 2), 0);
    const struct diag *d = first_diag(&fx, "empty-stage");
    ck_assert_int_eq(d->sev, SEV_WARNING);
    assert_mentions(d->message, "'hollow'");
    ck_assert_uint_eq(fx.diags.counts[SEV_ERROR], 0);
    ck_assert_uint_eq(fx.diags.counts[SEV_WARNING], 2);
    /* a warning: the stage is still part of the process */
    ck_assert_uint_eq(fx.process->n_stages, 3);
    ck_assert_ptr_nonnull(process_find_stage(fx.process, "hollow"));
    fx_teardown(&fx);
}
END_TEST

/* ---- nobody-can-complete ---- */

START_TEST(obligatory_step_only_administrators_without_any_is_nobody_can_complete)
{
    struct fixture fx;
    fx_setup(&fx, TEAM_NO_ADMINS,
             "<process xmlns=\"urn:dealc:1\" id=\"p\" name=\"P\">\n"                    /* 1 */
             "  <stage id=\"s1\" name=\"One\">\n"                                      /* 2 */
             "    <step id=\"ok\" name=\"Fine\" value=\"5\" obligatory=\"true\"/>\n"   /* 3 */
             "    <step id=\"sign\" name=\"Sign\" value=\"5\"\n"                       /* 4 */
             "          obligatory=\"true\">\n"                                        /* 5 */
             "      <can-complete><administrators/></can-complete>\n"                  /* 6 */
             "    </step>\n"                                                           /* 7 */
             "  </stage>\n"                                                            /* 8 */
             "</process>\n");
    ck_assert_ptr_nonnull(fx.process);
    ck_assert_uint_eq(count_code(&fx, "nobody-can-complete"), 1);
    ck_assert_uint_eq(fx_count(&fx, "nobody-can-complete", 4), 1);
    const struct diag *d = first_diag(&fx, "nobody-can-complete");
    ck_assert_int_eq(d->sev, SEV_ERROR);
    assert_mentions(d->message, "'sign'");
    ck_assert_uint_eq(fx.diags.len, 1);
    fx_teardown(&fx);
}
END_TEST

START_TEST(roles_match_exactly_managers_are_not_administrators)
{
    /* SPEC: administrators and managers match the role exactly. */
    struct fixture fx;
    fx_setup(&fx, TEAM_NO_MANAGERS,
             "<process xmlns=\"urn:dealc:1\" id=\"p\" name=\"P\">\n"                  /* 1 */
             "  <stage id=\"s1\" name=\"One\">\n"                                    /* 2 */
             "    <step id=\"a\" name=\"A\" value=\"5\" obligatory=\"true\">\n"      /* 3 */
             "      <can-complete><managers/></can-complete>\n"                      /* 4 */
             "    </step>\n"                                                         /* 5 */
             "    <step id=\"b\" name=\"B\" value=\"5\" obligatory=\"true\">\n"      /* 6 */
             "      <can-complete><administrators/></can-complete>\n"                /* 7 */
             "    </step>\n"                                                         /* 8 */
             "    <step id=\"c\" name=\"C\" value=\"5\" obligatory=\"true\">\n"      /* 9 */
             "      <can-complete><managers/><administrators/></can-complete>\n"     /* 10 */
             "    </step>\n"                                                         /* 11 */
             "  </stage>\n"
             "</process>\n");
    ck_assert_ptr_nonnull(fx.process);
    ck_assert_uint_eq(count_code(&fx, "nobody-can-complete"), 1);
    ck_assert_uint_eq(fx_count(&fx, "nobody-can-complete", 3), 1);
    assert_mentions(fx_message(&fx, "nobody-can-complete"), "'a'");
    fx_teardown(&fx);
}
END_TEST

START_TEST(obligatory_step_only_a_missing_user_is_unknown_user_and_nobody_can_complete)
{
    struct fixture fx;
    fx_setup(&fx, TEAM_NO_ADMINS,
             "<process xmlns=\"urn:dealc:1\" id=\"p\" name=\"P\">\n"                  /* 1 */
             "  <stage id=\"s1\" name=\"One\">\n"                                    /* 2 */
             "    <step id=\"a\" name=\"A\" value=\"5\" obligatory=\"true\">\n"      /* 3 */
             "      <can-complete>\n"                                                /* 4 */
             "        <user ref=\"ghost\"/>\n"                                       /* 5 */
             "        <administrators/>\n"                                           /* 6 */
             "      </can-complete>\n"                                               /* 7 */
             "    </step>\n"                                                         /* 8 */
             "  </stage>\n"                                                          /* 9 */
             "</process>\n");
    ck_assert_ptr_nonnull(fx.process);
    ck_assert_uint_eq(count_code(&fx, "unknown-user"), 1);
    ck_assert_uint_eq(fx_count(&fx, "unknown-user", 5), 1);
    assert_mentions(fx_message(&fx, "unknown-user"), "'ghost'");
    ck_assert_uint_eq(first_diag(&fx, "unknown-user")->at.col, 9);
    ck_assert_uint_eq(count_code(&fx, "nobody-can-complete"), 1);
    ck_assert_uint_eq(fx_count(&fx, "nobody-can-complete", 3), 1);
    ck_assert_uint_eq(fx.diags.len, 2);
    fx_teardown(&fx);
}
END_TEST

START_TEST(a_team_user_in_can_complete_is_enough)
{
    struct fixture fx;
    fx_setup(&fx, TEAM_NO_ADMINS,
             "<process xmlns=\"urn:dealc:1\" id=\"p\" name=\"P\">\n"
             "  <stage id=\"s1\" name=\"One\">\n"
             "    <step id=\"a\" name=\"A\" value=\"5\" obligatory=\"true\">\n"
             "      <can-complete><user ref=\"ghost\"/><user ref=\"piotr\"/></can-complete>\n"
             "    </step>\n"
             "  </stage>\n"
             "</process>\n");
    ck_assert_ptr_nonnull(fx.process);
    ck_assert_uint_eq(count_code(&fx, "nobody-can-complete"), 0);
    ck_assert_uint_eq(fx_count(&fx, "unknown-user", 4), 1);
    ck_assert_uint_eq(fx.diags.len, 1);
    fx_teardown(&fx);
}
END_TEST

/* owner, attendees and everyone depend on the deal, not on the team */
static const char *const deal_relative[] = {"<owner/>", "<attendees/>", "<everyone/>"};

START_TEST(deal_relative_audiences_are_never_nobody_can_complete)
{
    char xml[1024];
    snprintf(xml, sizeof(xml),
             "<process xmlns=\"urn:dealc:1\" id=\"p\" name=\"P\">\n"
             "  <stage id=\"s1\" name=\"One\">\n"
             "    <step id=\"a\" name=\"A\" value=\"5\" obligatory=\"true\">\n"
             "      <can-complete><administrators/><user ref=\"ghost\"/>%s</can-complete>\n"
             "    </step>\n"
             "  </stage>\n"
             "</process>\n",
             deal_relative[_i]);
    struct fixture fx;
    fx_setup(&fx, TEAM_NO_ADMINS, xml);
    ck_assert_ptr_nonnull(fx.process);
    ck_assert_msg(count_code(&fx, "nobody-can-complete") == 0, "nobody-can-complete with %s",
                  deal_relative[_i]);
    /* the unknown user is still reported */
    ck_assert_uint_eq(fx_count(&fx, "unknown-user", 4), 1);
    ck_assert_uint_eq(fx.diags.len, 1);
    fx_teardown(&fx);
}
END_TEST

START_TEST(a_step_that_is_not_obligatory_is_never_nobody_can_complete)
{
    struct fixture fx;
    fx_setup(&fx, TEAM_NO_ADMINS,
             "<process xmlns=\"urn:dealc:1\" id=\"p\" name=\"P\">\n"
             "  <stage id=\"s1\" name=\"One\">\n"
             "    <step id=\"ok\" name=\"Fine\" value=\"5\" obligatory=\"true\"/>\n"
             "    <step id=\"a\" name=\"A\" value=\"5\">\n"
             "      <can-complete><administrators/></can-complete>\n"
             "    </step>\n"
             "    <step id=\"b\" name=\"B\" value=\"5\" obligatory=\"false\">\n"
             "      <can-complete><administrators/></can-complete>\n"
             "    </step>\n"
             "  </stage>\n"
             "</process>\n");
    ck_assert_ptr_nonnull(fx.process);
    ck_assert_uint_eq(count_code(&fx, "nobody-can-complete"), 0);
    ck_assert_uint_eq(fx.diags.len, 0);
    ck_assert(!fx.process->steps[1].obligatory);
    ck_assert(!fx.process->steps[2].obligatory);
    fx_teardown(&fx);
}
END_TEST

START_TEST(unknown_users_in_responsible_and_notify_are_reported)
{
    struct fixture fx;
    fx_setup(&fx, NULL,
             "<process xmlns=\"urn:dealc:1\" id=\"p\" name=\"P\">\n"                  /* 1 */
             "  <stage id=\"s1\" name=\"One\">\n"                                    /* 2 */
             "    <step id=\"a\" name=\"A\" value=\"5\">\n"                          /* 3 */
             "      <responsible><user ref=\"nobody1\"/></responsible>\n"            /* 4 */
             "      <notify>\n"                                                      /* 5 */
             "        <user ref=\"marek\"/>\n"                                       /* 6 */
             "        <user ref=\"nobody2\"/>\n"                                     /* 7 */
             "      </notify>\n"                                                     /* 8 */
             "    </step>\n"
             "  </stage>\n"
             "</process>\n");
    ck_assert_ptr_nonnull(fx.process);
    ck_assert_uint_eq(count_code(&fx, "unknown-user"), 2);
    ck_assert_uint_eq(fx_count(&fx, "unknown-user", 4), 1);
    ck_assert_uint_eq(fx_count(&fx, "unknown-user", 7), 1);
    ck_assert_uint_eq(fx_count(&fx, "unknown-user", 6), 0);
    fx_teardown(&fx);
}
END_TEST

/* ---- duplicate ids ---- */

START_TEST(duplicate_stage_id_is_reported_at_the_second_and_dropped)
{
    struct fixture fx;
    fx_setup(&fx, NULL,
             "<process xmlns=\"urn:dealc:1\" id=\"p\" name=\"P\">\n"                 /* 1 */
             "  <stage id=\"s1\" name=\"First one\">\n"                             /* 2 */
             "    <step id=\"a\" name=\"A\" value=\"5\"/>\n"                        /* 3 */
             "  </stage>\n"                                                         /* 4 */
             "  <stage id=\"s2\" name=\"Second\">\n"                                /* 5 */
             "    <step id=\"b\" name=\"B\" value=\"5\"/>\n"                        /* 6 */
             "  </stage>\n"                                                         /* 7 */
             "  <stage id=\"s1\" name=\"Second one\">\n"                            /* 8 */
             "    <step id=\"c\" name=\"C\" value=\"7\"/>\n"                        /* 9 */
             "  </stage>\n"                                                         /* 10 */
             "</process>\n");
    ck_assert_ptr_nonnull(fx.process);
    ck_assert_uint_eq(count_code(&fx, "duplicate-id"), 1);
    ck_assert_uint_eq(fx_count(&fx, "duplicate-id", 8), 1);
    const struct diag *d = first_diag(&fx, "duplicate-id");
    ck_assert_int_eq(d->sev, SEV_ERROR);
    assert_mentions(d->message, "'s1'");
    ck_assert_uint_eq(d->n_notes, 1);
    ck_assert_uint_eq(d->notes[0].at.line, 2);
    ck_assert_uint_eq(d->notes[0].at.file, 1);
    /* the second is dropped: the first stays, in its place */
    ck_assert_uint_eq(fx.process->n_stages, 2);
    ck_assert_str_eq(fx.process->stages[0].id, "s1");
    ck_assert_str_eq(fx.process->stages[0].name, "First one");
    ck_assert_str_eq(fx.process->stages[1].id, "s2");
    ck_assert_str_eq(process_find_stage(fx.process, "s1")->name, "First one");
    ck_assert_uint_eq(process_find_stage(fx.process, "s1")->index, 0);
    fx_teardown(&fx);
}
END_TEST

START_TEST(duplicate_step_id_across_stages_is_reported_at_the_second_and_dropped)
{
    struct fixture fx;
    fx_setup(&fx, NULL,
             "<process xmlns=\"urn:dealc:1\" id=\"p\" name=\"P\">\n"                 /* 1 */
             "  <stage id=\"s1\" name=\"One\">\n"                                   /* 2 */
             "    <step id=\"x\" name=\"First x\" value=\"5\"/>\n"                  /* 3 */
             "    <step id=\"y\" name=\"Y\" value=\"10\"/>\n"                       /* 4 */
             "  </stage>\n"                                                         /* 5 */
             "  <stage id=\"s2\" name=\"Two\">\n"                                   /* 6 */
             "    <step id=\"x\" name=\"Second x\" value=\"100\"\n"                 /* 7 */
             "          obligatory=\"true\"/>\n"                                    /* 8 */
             "    <step id=\"z\" name=\"Z\" value=\"20\"/>\n"                       /* 9 */
             "  </stage>\n"                                                         /* 10 */
             "</process>\n");
    ck_assert_ptr_nonnull(fx.process);
    ck_assert_uint_eq(count_code(&fx, "duplicate-id"), 1);
    ck_assert_uint_eq(fx_count(&fx, "duplicate-id", 7), 1);
    const struct diag *d = first_diag(&fx, "duplicate-id");
    assert_mentions(d->message, "'x'");
    ck_assert_uint_eq(d->n_notes, 1);
    ck_assert_uint_eq(d->notes[0].at.line, 3);
    ck_assert_uint_eq(fx.diags.len, 1);
    /* dropped: x is the first one, the process total does not count the second */
    ck_assert_uint_eq(fx.process->n_steps, 3);
    const struct step *x = process_find_step(fx.process, "x");
    ck_assert_ptr_nonnull(x);
    ck_assert_str_eq(x->name, "First x");
    ck_assert_uint_eq(x->stage, 0);
    ck_assert(!x->obligatory);
    ck_assert_uint_eq(fx.process->total_value, 35);
    ck_assert_uint_eq(fx.process->stages[1].n_steps, 1);
    ck_assert_str_eq(fx.process->steps[fx.process->stages[1].first_step].id, "z");
    fx_teardown(&fx);
}
END_TEST

START_TEST(duplicate_step_id_within_a_stage)
{
    struct fixture fx;
    fx_setup(&fx, NULL,
             "<process xmlns=\"urn:dealc:1\" id=\"p\" name=\"P\">\n"                 /* 1 */
             "  <stage id=\"s1\" name=\"One\">\n"                                   /* 2 */
             "    <step id=\"x\" name=\"X\" value=\"5\"/>\n"                        /* 3 */
             "    <step id=\"x\" name=\"X again\" value=\"5\"/>\n"                  /* 4 */
             "  </stage>\n"
             "</process>\n");
    ck_assert_ptr_nonnull(fx.process);
    ck_assert_uint_eq(fx_count(&fx, "duplicate-id", 4), 1);
    ck_assert_uint_eq(first_diag(&fx, "duplicate-id")->notes[0].at.line, 3);
    ck_assert_uint_eq(fx.process->n_steps, 1);
    ck_assert_uint_eq(fx.process->total_value, 5);
    fx_teardown(&fx);
}
END_TEST

/* ---- defaults ---- */

START_TEST(audience_defaults_owner_responsible_everyone_completes_nobody_notified)
{
    struct fixture fx;
    fx_setup(&fx, NULL,
             "<process xmlns=\"urn:dealc:1\" id=\"p\" name=\"P\">\n"
             "  <stage id=\"s1\" name=\"One\">\n"
             "    <step id=\"a\" name=\"A\" value=\"5\" obligatory=\"true\"/>\n"
             "    <step id=\"b\" name=\"B\" value=\"5\">\n"
             "      <responsible><managers/></responsible>\n"
             "      <can-complete><user ref=\"marek\"/></can-complete>\n"
             "    </step>\n"
             "  </stage>\n"
             "</process>\n");
    ck_assert_ptr_nonnull(fx.process);
    ck_assert_uint_eq(fx.diags.len, 0);
    const struct step *a = process_find_step(fx.process, "a");
    ck_assert(a->responsible.owner);
    ck_assert(!a->responsible.everyone && !a->responsible.attendees);
    ck_assert(a->can_complete.everyone);
    ck_assert(!a->notify.everyone && !a->notify.owner && !a->notify.attendees);
    for (size_t i = 0; i < (fx.team.n_users + 7) / 8; i++)
        ck_assert_uint_eq(a->notify.fixed[i], 0);
    /* written audiences replace the defaults */
    const struct step *b = process_find_step(fx.process, "b");
    ck_assert(!b->responsible.owner);
    ck_assert(!b->can_complete.everyone);
    ck_assert(!b->can_complete.owner);

    /* everyone may complete a: dora (a plain user, neither owner nor attendee) does */
    fx_eval_log(&fx,
                "    <done step=\"a\" by=\"dora\" at=\"2026-01-02T10:00:00Z\"/>\n"
                "    <done step=\"b\" by=\"ola\" at=\"2026-01-02T11:00:00Z\"/>\n",
                "2026-01-03");
    ck_assert_uint_eq(fx_count(&fx, "not-permitted", 0), 1);
    ck_assert_uint_eq(fx_count(&fx, "not-permitted", 6), 1);
    ck_assert(fx.state.steps[fx_step(&fx, "a")].done);
    ck_assert(!fx.state.steps[fx_step(&fx, "b")].done);
    /* nobody is notified by default */
    ck_assert_uint_eq(fx.state.n_notifications, 0);
    fx_teardown(&fx);
}
END_TEST

/* ---- requires ---- */

START_TEST(requires_is_a_white_space_separated_list)
{
    struct fixture fx;
    fx_setup(&fx, NULL,
             "<process xmlns=\"urn:dealc:1\" id=\"p\" name=\"P\">\n"
             "  <stage id=\"s1\" name=\"One\">\n"
             "    <step id=\"none\" name=\"N\" value=\"1\"/>\n"
             "    <step id=\"empty\" name=\"E\" value=\"1\" requires=\"\"/>\n"
             "    <step id=\"note\" name=\"O\" value=\"1\" requires=\"note\"/>\n"
             "    <step id=\"file\" name=\"F\" value=\"1\" requires=\" file \"/>\n"
             "    <step id=\"both\" name=\"B\" value=\"1\" requires=\"note file\"/>\n"
             "    <step id=\"htob\" name=\"H\" value=\"1\" requires=\"file&#9;&#10;  note\"/>\n"
             "    <step id=\"twice\" name=\"T\" value=\"1\" requires=\"note note\"/>\n"
             "  </stage>\n"
             "</process>\n");
    ck_assert_ptr_nonnull(fx.process);
    ck_assert_uint_eq(fx.diags.len, 0);
    ck_assert_uint_eq(process_find_step(fx.process, "none")->requires, 0);
    ck_assert_uint_eq(process_find_step(fx.process, "empty")->requires, 0);
    ck_assert_uint_eq(process_find_step(fx.process, "note")->requires, REQUIRES_NOTE);
    ck_assert_uint_eq(process_find_step(fx.process, "file")->requires, REQUIRES_FILE);
    ck_assert_uint_eq(process_find_step(fx.process, "both")->requires, REQUIRES_NOTE | REQUIRES_FILE);
    ck_assert_uint_eq(process_find_step(fx.process, "htob")->requires, REQUIRES_NOTE | REQUIRES_FILE);
    ck_assert_uint_eq(process_find_step(fx.process, "twice")->requires, REQUIRES_NOTE);

    /* the effect: a completion of "both" with a note but no file is missing-file only */
    fx_eval(&fx,
            "<deal xmlns=\"urn:dealc:1\" id=\"d1\" process=\"p\" owner=\"ola\" created=\"2026-01-01\">\n"
            "  <title>T</title>\n"
            "  <log>\n"
            "    <done step=\"both\" by=\"ola\" at=\"2026-01-02T10:00:00Z\"><note>n</note></done>\n"
            "    <done step=\"file\" by=\"ola\" at=\"2026-01-02T10:00:00Z\"/>\n"
            "    <done step=\"none\" by=\"ola\" at=\"2026-01-02T10:00:00Z\"/>\n"
            "  </log>\n"
            "</deal>\n",
            "2026-01-03");
    ck_assert_uint_eq(fx_count(&fx, "missing-file", 4), 1);
    ck_assert_uint_eq(fx_count(&fx, "missing-file", 5), 1);
    ck_assert_uint_eq(fx_count(&fx, "missing-note", 0), 0);
    ck_assert(!fx.state.steps[fx_step(&fx, "both")].done);
    ck_assert(fx.state.steps[fx_step(&fx, "none")].done);
    fx_teardown(&fx);
}
END_TEST

START_TEST(a_requires_word_outside_the_list_is_schema_invalid)
{
    struct fixture fx;
    fx_setup(&fx, NULL,
             "<process xmlns=\"urn:dealc:1\" id=\"p\" name=\"P\">\n"
             "  <stage id=\"s1\" name=\"One\">\n"
             "    <step id=\"a\" name=\"A\" value=\"1\" requires=\"note signature\"/>\n"
             "  </stage>\n"
             "</process>\n");
    ck_assert_ptr_null(fx.process);
    /* libxml2 may word one problem as several messages: all of them at the step */
    ck_assert_uint_ge(fx_count(&fx, "schema-invalid", 3), 1);
    ck_assert_uint_eq(fx_count(&fx, "schema-invalid", 3), fx.diags.len);
    ck_assert_msg(strstr(fx_message(&fx, "schema-invalid"), "signature") != NULL, "message: %s",
                  fx_message(&fx, "schema-invalid"));
    fx_teardown(&fx);
}
END_TEST

/* ---- white space ---- */

START_TEST(attribute_values_are_collapsed_as_xsd_does)
{
    struct fixture fx;
    fx_setup(&fx, NULL,
             "<process xmlns=\"urn:dealc:1\" id=\" p \" name=\"P\" currency=\"PLN\">\n"
             "  <stage id=\"&#9;s1\n\" name=\"One\" strict=\" true \" rotting-days=\" 7 \">\n"
             "    <step id=\" x \" name=\"X\" value=\"12\" obligatory=\" true\">\n"
             "      <can-complete><user ref=\"  marek  \"/></can-complete>\n"
             "    </step>\n"
             "  </stage>\n"
             "</process>\n");
    ck_assert_ptr_nonnull(fx.process);
    ck_assert_uint_eq(fx.diags.len, 0); /* no unknown-user for "  marek  " */
    ck_assert_str_eq(fx.process->id, "p");
    ck_assert_str_eq(fx.process->currency, "PLN");
    ck_assert_ptr_nonnull(process_find_stage(fx.process, "s1"));
    ck_assert(fx.process->stages[0].strict);
    ck_assert_uint_eq(fx.process->stages[0].rotting_days, 7);
    const struct step *x = process_find_step(fx.process, "x");
    ck_assert_ptr_nonnull(x);
    ck_assert_uint_eq(x->value, 12);
    ck_assert(x->obligatory);
    ck_assert_uint_eq(fx.process->total_value, 12);

    /* a deal names them without the spaces, and marek may complete x */
    fx_eval(&fx,
            "<deal xmlns=\"urn:dealc:1\" id=\"d1\" process=\"p\" owner=\"ola\" created=\"2026-01-01\">\n"
            "  <title>T</title>\n"
            "  <log>\n"
            "    <done step=\"x\" by=\" marek\" at=\"2026-01-02T10:00:00Z\"/>\n"
            "    <won by=\"ola\" at=\" 2026-01-03T10:00:00Z \"/>\n"
            "  </log>\n"
            "</deal>\n",
            "2026-01-04");
    ck_assert_uint_eq(fx.diags.len, 0);
    ck_assert(fx.state.steps[fx_step(&fx, "x")].done);
    ck_assert_int_eq(fx.state.status, DEAL_WON);
    fx_teardown(&fx);
}
END_TEST

START_TEST(a_step_value_with_surrounding_spaces_is_collapsed)
{
    /* xs:unsignedInt has whiteSpace="collapse" (fixed): " 12 " is the value 12 */
    struct fixture fx;
    fx_setup(&fx, NULL,
             "<process xmlns=\"urn:dealc:1\" id=\"p\" name=\"P\">\n"
             "  <stage id=\"s1\" name=\"One\">\n"
             "    <step id=\"x\" name=\"X\" value=\" 12 \"/>\n"
             "    <step id=\"y\" name=\"Y\" value=\"&#10;3\"/>\n"
             "  </stage>\n"
             "</process>\n");
    if (fx.diags.len)
        fx_dump(&fx);
    /* read everything, free, then assert: a failure here leaks nothing under CK_FORK=no */
    size_t n_diags = fx.diags.len;
    bool loaded = fx.process != NULL;
    const struct step *x = loaded ? process_find_step(fx.process, "x") : NULL;
    const struct step *y = loaded ? process_find_step(fx.process, "y") : NULL;
    uint32_t x_value = x ? x->value : 0, y_value = y ? y->value : 0;
    uint64_t total = loaded ? fx.process->total_value : 0;
    fx_teardown(&fx);
    ck_assert_uint_eq(n_diags, 0);
    ck_assert(loaded);
    ck_assert_uint_eq(x_value, 12);
    ck_assert_uint_eq(y_value, 3);
    ck_assert_uint_eq(total, 15);
}
END_TEST

START_TEST(ids_equal_after_collapsing_are_duplicates)
{
    struct fixture fx;
    fx_setup(&fx, NULL,
             "<process xmlns=\"urn:dealc:1\" id=\"p\" name=\"P\">\n"               /* 1 */
             "  <stage id=\"s1\" name=\"One\">\n"                                 /* 2 */
             "    <step id=\"x\" name=\"X\" value=\"5\"/>\n"                      /* 3 */
             "  </stage>\n"                                                       /* 4 */
             "  <stage id=\" s1 \" name=\"One again\">\n"                         /* 5 */
             "    <step id=\"y\" name=\"Y\" value=\"5\"/>\n"                      /* 6 */
             "    <step id=\"x \" name=\"X again\" value=\"5\"/>\n"               /* 7 */
             "  </stage>\n"
             "  <stage id=\"s2\" name=\"Two\">\n"                                 /* 9 */
             "    <step id=\" x\" name=\"X thrice\" value=\"5\"/>\n"              /* 10 */
             "  </stage>\n"
             "</process>\n");
    ck_assert_ptr_nonnull(fx.process);
    ck_assert_uint_eq(fx_count(&fx, "duplicate-id", 5), 1);
    ck_assert_uint_eq(fx_count(&fx, "duplicate-id", 10), 1);
    ck_assert_uint_eq(fx.process->n_stages, 2);
    ck_assert_uint_eq(fx.process->n_steps, 1);
    fx_teardown(&fx);
}
END_TEST

START_TEST(a_process_with_schema_errors_is_not_compiled)
{
    struct fixture fx;
    fx_setup(&fx, NULL,
             "<process xmlns=\"urn:dealc:1\" id=\"p\" name=\"P\">\n"              /* 1 */
             "  <stage id=\"s1\" name=\"One\">\n"                                /* 2 */
             "    <step id=\"a\" name=\"A\"/>\n"                                 /* 3 */
             "  </stage>\n"
             "</process>\n");
    ck_assert_ptr_null(fx.process);
    ck_assert_uint_eq(fx_count(&fx, "schema-invalid", 3), 1);
    assert_mentions(fx_message(&fx, "schema-invalid"), "value");
    /* no compile rule ran: no zero-total for the missing value */
    ck_assert_uint_eq(fx.diags.len, 1);
    fx_teardown(&fx);
}
END_TEST

Suite *process_suite(void)
{
    Suite *s = suite_create("process");
    TCase *rules = tcase_create("rules");
    tcase_add_test(rules, zero_total_is_reported_at_the_process_element);
    tcase_add_test(rules, a_positive_total_is_not_zero_total);
    tcase_add_test(rules, empty_stage_is_a_warning_at_the_stage);
    tcase_add_test(rules, obligatory_step_only_administrators_without_any_is_nobody_can_complete);
    tcase_add_test(rules, roles_match_exactly_managers_are_not_administrators);
    tcase_add_test(rules, obligatory_step_only_a_missing_user_is_unknown_user_and_nobody_can_complete);
    tcase_add_test(rules, a_team_user_in_can_complete_is_enough);
    tcase_add_loop_test(rules, deal_relative_audiences_are_never_nobody_can_complete, 0,
                        (int)(sizeof(deal_relative) / sizeof(deal_relative[0])));
    tcase_add_test(rules, a_step_that_is_not_obligatory_is_never_nobody_can_complete);
    tcase_add_test(rules, unknown_users_in_responsible_and_notify_are_reported);
    suite_add_tcase(s, rules);

    TCase *ids = tcase_create("ids");
    tcase_add_test(ids, duplicate_stage_id_is_reported_at_the_second_and_dropped);
    tcase_add_test(ids, duplicate_step_id_across_stages_is_reported_at_the_second_and_dropped);
    tcase_add_test(ids, duplicate_step_id_within_a_stage);
    tcase_add_test(ids, ids_equal_after_collapsing_are_duplicates);
    suite_add_tcase(s, ids);

    TCase *reading = tcase_create("reading");
    tcase_add_test(reading, audience_defaults_owner_responsible_everyone_completes_nobody_notified);
    tcase_add_test(reading, requires_is_a_white_space_separated_list);
    tcase_add_test(reading, a_requires_word_outside_the_list_is_schema_invalid);
    tcase_add_test(reading, attribute_values_are_collapsed_as_xsd_does);
    tcase_add_test(reading, a_step_value_with_surrounding_spaces_is_collapsed);
    tcase_add_test(reading, a_process_with_schema_errors_is_not_compiled);
    suite_add_tcase(s, reading);
    return s;
}
