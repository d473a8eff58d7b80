/*
 * dealc's entry point: global options, command dispatch, and the helpers
 * every command shares (as-of date, usage errors, the summary line).
 */
#include "cli.h"

#include "load.h"
#include "xsdtime.h"

#include <libxml/parser.h>
#include <libxslt/xslt.h>

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const char usage_text[] =
    "usage: dealc <command> [options] PATH...\n"
    "\n"
    "Validates and evaluates sales processes, teams and deals kept as XML files.\n"
    "\n"
    "commands:\n"
    "  check    validate and evaluate; print diagnostics\n"
    "  eval     write the evaluated state document (XML or JSON)\n"
    "  explain  say what stands between a deal and winning it\n"
    "  report   write the static HTML report into a folder\n"
    "  diff     the deals a change to a process would change\n"
    "  schema   print a built-in schema (team, process, deal, state)\n"
    "\n"
    "Run 'dealc <command> --help' for the options of a command.\n"
    "  --help       show this help\n"
    "  --version    show the version\n"
    "\n"
    "Exit status: 0 no errors, 1 the inputs have errors, 2 dealc could not do its job.\n";

bool parse_as_of(const char *text, int32_t *day)
{
    return strlen(text) == 10 && parse_xsd_date(text, day);
}

bool default_as_of(int32_t *day)
{
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    long long seconds;
    if (sde && *sde) {
        char *end;
        errno = 0;
        seconds = strtoll(sde, &end, 10);
        /* Past 9999-12-31 a date no longer has the four-digit year of xs:date. */
        if (errno || *end || seconds < 0 || seconds > 253402300799LL)
            return false;
    } else {
        seconds = (long long)time(NULL);
    }
    *day = (int32_t)(seconds / 86400);
    return true;
}

bool parse_count(const char *text, long min, long max, long *count)
{
    char *end;
    errno = 0;
    long n = strtol(text, &end, 10);
    if (errno || *end || end == text || n < min || n > max)
        return false;
    *count = n;
    return true;
}

bool parse_jobs(const char *text, unsigned *jobs)
{
    long n;
    if (!parse_count(text, 1, 256, &n))
        return false;
    *jobs = (unsigned)n;
    return true;
}

unsigned default_jobs(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > 256 ? 256 : (unsigned)n;
}

void common_init(struct common_opts *o, const char *command)
{
    memset(o, 0, sizeof(*o));
    o->command = command;
    o->jobs = default_jobs();
    optind = 1;
    opterr = 0;
}

int common_option(struct common_opts *o, int c, const char *arg)
{
    switch (c) {
    case OPT_AS_OF:
        if (!parse_as_of(arg, &o->as_of)) {
            usage_error(o->command, "--as-of wants a date as YYYY-MM-DD, not '%s'", arg);
            return -1;
        }
        o->have_as_of = true;
        return 1;
    case 'j':
        if (!parse_jobs(arg, &o->jobs)) {
            usage_error(o->command, "-j wants a number of threads from 1 to 256, not '%s'", arg);
            return -1;
        }
        return 1;
    case 'q':
        o->quiet = true;
        return 1;
    }
    return 0;
}

int unknown_option(const struct common_opts *o, char **argv)
{
    return usage_error(o->command, "unknown option or missing value: '%s'", argv[optind - 1]);
}

bool common_finish(struct common_opts *o)
{
    if (o->have_as_of || default_as_of(&o->as_of))
        return true;
    usage_error(o->command, "SOURCE_DATE_EPOCH must be a number of seconds up to 253402300799");
    return false;
}

bool open_run(struct repo *r, struct input_list *inputs, const struct common_opts *o, char **paths,
              size_t n, int *problems)
{
    memset(inputs, 0, sizeof(*inputs));
    *problems = walk_paths(inputs, paths, n);
    if (!repo_init(r, inputs, o->as_of)) {
        input_list_free(inputs);
        return false;
    }
    r->jobs = o->jobs;
    r->progress = !o->quiet && isatty(STDERR_FILENO);
    return true;
}

void close_run(struct repo *r, struct input_list *inputs)
{
    repo_free(r);
    input_list_free(inputs);
}

int print_help(const char *text)
{
    if (fputs(text, stdout) == EOF || fflush(stdout) != 0) {
        perror("dealc: standard output");
        return EXIT_FAILURE_TO_RUN;
    }
    return EXIT_CLEAN;
}

int usage_error(const char *command, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("dealc: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    fprintf(stderr, "Try 'dealc %s%s--help'.\n", command ? command : "", command ? " " : "");
    return EXIT_FAILURE_TO_RUN;
}

const char *repo_path_of(const void *repo, uint32_t file)
{
    return repo_input_path(repo, file);
}

void print_summary(const struct repo *r)
{
    size_t errors = r->diags.counts[SEV_ERROR], warnings = r->diags.counts[SEV_WARNING];
    fprintf(stderr, "dealc: %zu %s, %zu %s in %zu %s\n", errors, errors == 1 ? "error" : "errors",
            warnings, warnings == 1 ? "warning" : "warnings", r->files_read,
            r->files_read == 1 ? "file" : "files");
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs(usage_text, stderr);
        return EXIT_FAILURE_TO_RUN;
    }
    const char *command = argv[1];
    if (!strcmp(command, "--help") || !strcmp(command, "-h") || !strcmp(command, "help")) {
        return print_help(usage_text);
    }
    if (!strcmp(command, "--version")) {
        char version[128];
        snprintf(version, sizeof(version), "dealc %s (libxml2 %s)\n", DEALC_VERSION, LIBXML_DOTTED_VERSION);
        return print_help(version);
    }
    static const struct {
        const char *name;
        int (*run)(int, char **);
    } commands[] = {
        {"check", cmd_check},
        {"eval", cmd_eval},
        {"explain", cmd_explain},
        {"report", cmd_report},
        {"diff", cmd_diff},
        {"schema", cmd_schema},
    };
    for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
        if (strcmp(command, commands[i].name) == 0) {
            loader_init();
            xmlInitParser();
            int status = commands[i].run(argc - 1, argv + 1);
            xsltCleanupGlobals();
            xmlCleanupParser();
            return status;
        }
    }
    return usage_error(NULL, "'%s' is not a dealc command", command);
}
