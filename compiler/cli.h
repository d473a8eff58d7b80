/*
 * What the commands share: the as-of date, the run over the inputs, and the
 * exit statuses of SPEC §4.
 */
#ifndef DEALC_CLI_H
#define DEALC_CLI_H

#include "repo.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

enum exit_status { EXIT_CLEAN = 0, EXIT_INPUT_ERRORS = 1, EXIT_FAILURE_TO_RUN = 2 };

#include "version.h"

/* "YYYY-MM-DD"; false when it is not a real date. */
bool parse_as_of(const char *text, int32_t *day);
/* The default as-of day: SOURCE_DATE_EPOCH when set, else today in UTC; false on a bad value. */
bool default_as_of(int32_t *day);

/* "-j N": a number of threads from 1 to 256; false when it is not one. */
bool parse_jobs(const char *text, unsigned *jobs);
/* The default for -j: the number of online processors. */
unsigned default_jobs(void);

/* Prints "dealc: MESSAGE" and a hint to run --help; returns EXIT_FAILURE_TO_RUN. */
int usage_error(const char *command, const char *fmt, ...) DEALC_PRINTF(2, 3);

/* The path of an input of the repo, for diag printing. */
const char *repo_path_of(const void *repo, uint32_t file);

/* The summary line on stderr: "dealc: 2 errors, 1 warning in 14 files". */
void print_summary(const struct repo *r);

/*
 * Loads and evaluates r into a state document on out (run_state.c), printing
 * diagnostics to stderr unless quiet; false when the state could not be
 * written. With summaries, deals are summaries in out, and whole in the
 * spool when one is given (see state_writer_summaries).
 */
#include "emit.h"
bool write_state(struct repo *r, FILE *out, enum emit_format format, bool quiet, bool summaries,
                 FILE *spool);

int cmd_check(int argc, char **argv);
int cmd_eval(int argc, char **argv);
int cmd_explain(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_diff(int argc, char **argv);
int cmd_schema(int argc, char **argv);

#endif
