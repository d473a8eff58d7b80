/*
 * What the commands share: the as-of date, the run over the inputs, and the
 * exit statuses of SPEC §4.
 */
#ifndef DEALC_CLI_H
#define DEALC_CLI_H

#include "repo.h"

#include <getopt.h>

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

enum exit_status { EXIT_CLEAN = 0, EXIT_INPUT_ERRORS = 1, EXIT_FAILURE_TO_RUN = 2 };

#include "version.h"

/* "YYYY-MM-DD"; false when it is not a real date. */
bool parse_as_of(const char *text, int32_t *day);
/* The default as-of day: SOURCE_DATE_EPOCH when set, else today in UTC; false on a bad value. */
bool default_as_of(int32_t *day);

/*
 * The options of every command that reads inputs: --as-of, -j/--jobs and
 * -q/--quiet. Each command lists COMMON_OPTIONS in its long options and
 * COMMON_SHORT in its short ones, and hands every option to common_option
 * first.
 */
enum { OPT_AS_OF = 1000, OPT_COMMAND_FIRST = 1100 };
#define COMMON_OPTIONS                                                                             \
    {"as-of", required_argument, NULL, OPT_AS_OF}, {"jobs", required_argument, NULL, 'j'},        \
        {"quiet", no_argument, NULL, 'q'}, {"help", no_argument, NULL, 'h'}
#define COMMON_SHORT "hqj:"

struct common_opts {
    const char *command;
    int32_t as_of;
    bool have_as_of;
    unsigned jobs;
    bool quiet;
};
void common_init(struct common_opts *o, const char *command);
/* 1: the option was a common one, handled; 0: not one; -1: a bad value, the usage error said. */
int common_option(struct common_opts *o, int c, const char *arg);
/* The usage error for an option getopt did not know (or that lacked its value). */
int unknown_option(const struct common_opts *o, char **argv);
/* After the options: the as-of default; false when SOURCE_DATE_EPOCH is bad (usage error said). */
bool common_finish(struct common_opts *o);
/*
 * Walks paths and prepares r with the options; *problems counts paths that
 * could not be read. False (exit status 2) when dealc cannot start a run.
 */
bool open_run(struct repo *r, struct input_list *inputs, const struct common_opts *o, char **paths,
              size_t n, int *problems);
void close_run(struct repo *r, struct input_list *inputs);

/* "-j N": a number of threads from 1 to 256; false when it is not one. */
bool parse_jobs(const char *text, unsigned *jobs);
/* A whole decimal number from min to max, all of text. */
bool parse_count(const char *text, long min, long max, long *count);
/* The default for -j: the number of online processors. */
unsigned default_jobs(void);

/* Prints text to standard output; the exit status: 0, or 2 when it could not be written. */
int print_help(const char *text);

/* Prints "dealc: MESSAGE" and a hint to run --help; returns EXIT_FAILURE_TO_RUN. */
int usage_error(const char *command, const char *fmt, ...) DEALC_PRINTF(2, 3);

/* The path of an input of the repo, for diag printing. */
const char *repo_path_of(const void *repo, uint32_t file);

/* The summary line on stderr: "dealc: 2 errors, 1 warning in 14 files". */
void print_summary(const struct repo *r);

/*
 * Loads and evaluates r into a state document on out (run_state.c), printing
 * diagnostics to stderr unless quiet; false when the state could not be
 * written. With parts, the deals are written there instead of to out (see
 * struct report_parts).
 */
#include "emit.h"
struct report_parts;
bool write_state(struct repo *r, FILE *out, enum emit_format format, bool quiet,
                 struct report_parts *parts);

int cmd_check(int argc, char **argv);
int cmd_eval(int argc, char **argv);
int cmd_explain(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_diff(int argc, char **argv);
int cmd_schema(int argc, char **argv);

#endif
