/*
 * Test fixture: runs the real loader, process compiler and evaluator on XML
 * held in strings, so a unit test states a team, a process and a deal as a
 * user would write them and asserts on the state and the diagnostics.
 */
#ifndef DEALC_TEST_FIXTURE_H
#define DEALC_TEST_FIXTURE_H

#include "deal.h"
#include "eval.h"
#include "load.h"
#include "model.h"

#include <check.h>

struct fixture {
    struct schema_set *schemas;
    struct team team;
    struct process *process;
    struct diag_list diags; /* everything: loading, compiling, evaluating */
    struct deal_builder *deals;
    struct deal deal;       /* the last deal evaluated, valid until teardown */
    bool have_deal;
    struct deal_state state;
    struct arena mem;
    int32_t as_of_day;
};

/* A team of anna (administrator), marek (manager), ewa (manager), ola, piotr, dora (users). */
extern const char FX_TEAM[];
/*
 * A process "p" (currency PLN) of three stages:
 *   s1 "First" (rotting-days 14): a (value 10, obligatory, requires note,
 *      can-complete owner+managers, notify managers+attendees), b (value 5);
 *   s2 "Second" (strict): c (value 25, obligatory, requires note file, responsible marek);
 *   s3 "Third": d (value 60).
 */
extern const char FX_PROCESS[];

/* Loads team and process (either may be NULL: FX_TEAM / FX_PROCESS are used). */
void fx_setup(struct fixture *fx, const char *team_xml, const char *process_xml);
/* Loads deal_xml (a <deal> or <deals> document) and evaluates each deal as of as_of
 * ("YYYY-MM-DD"); the state of the last one is in fx->state. Returns the deals evaluated. */
size_t fx_eval(struct fixture *fx, const char *deal_xml, const char *as_of);
/* Shorthand: a deal of process p owned by ola, created 2026-01-01, with log_xml inside <log>. */
size_t fx_eval_log(struct fixture *fx, const char *log_xml, const char *as_of);
void fx_teardown(struct fixture *fx);

/* Diagnostics with that code (e.g. "not-permitted"); at line (0: any line). */
size_t fx_count(const struct fixture *fx, const char *code, unsigned line);
/* The message of the first diagnostic with that code, or "". */
const char *fx_message(const struct fixture *fx, const char *code);
/* The index of a step of the fixture's process by id (fails the test if absent). */
uint32_t fx_step(const struct fixture *fx, const char *id);
/* Prints every diagnostic to stderr; for debugging a failing test. */
void fx_dump(const struct fixture *fx);

/* Each test file provides one suite. */
Suite *events_suite(void);
Suite *derived_suite(void);
Suite *process_suite(void);
Suite *loader_suite(void);
Suite *values_suite(void);
Suite *repo_suite(void);
Suite *stats_suite(void);
Suite *shortlist_suite(void);
Suite *idset_suite(void);

#endif
