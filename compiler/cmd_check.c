/*
 * dealc check: validate and evaluate every input and print the diagnostics.
 * Diagnostics are this command's output, so they go to standard output
 * (where CI captures them); the summary goes to standard error.
 */
#include "cli.h"

#include "changed.h"
#include "diag_print.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char check_usage[] =
    "usage: dealc check [options] PATH...\n"
    "\n"
    "Validates every document (XSD and the process rules), evaluates every deal and\n"
    "prints one line per problem: FILE:LINE:COL: severity: message [code].\n"
    "A PATH is a file or a directory, searched recursively for *.xml.\n"
    "\n"
    "options:\n"
    "  --as-of DATE     the day rotting is measured to (YYYY-MM-DD; default:\n"
    "                   SOURCE_DATE_EPOCH when set, else today in UTC)\n"
    "  --strict         warnings count as errors\n"
    "  --format FORMAT  text (default), json, junit (JUnit XML for CI test reports)\n"
    "                   or github (GitHub Actions workflow commands)\n"
    "  --color WHEN     colour the text format: auto (default: on a terminal,\n"
    "                   unless NO_COLOR is set), always or never\n"
    "  --changed-since REV\n"
    "                   report only what the change since the Git revision REV is\n"
    "                   answerable for: diagnostics in the files it changed, and\n"
    "                   new ones elsewhere (deals a process change breaks)\n"
    "  -q, --quiet      no summary line on standard error\n"
    "  -j, --jobs N     threads to use (default: the number of processors);\n"
    "                   the output is the same for any N\n"
    "  -h, --help       show this help\n"
    "\n"
    "Exit status: 0 no errors (warnings allowed), 1 errors, 2 could not run.\n";

struct check_output {
    const struct repo *r;
    FILE *out;
    bool color;
    struct emitter *json;
};

/* Diagnostics are printed as soon as they are final, so memory does not grow with them. */
static void emit_text(void *ctx, const struct diag *d)
{
    struct check_output *co = ctx;
    diag_print_one(co->out, d, repo_path_of, co->r, co->color);
}

static void emit_json(void *ctx, const struct diag *d)
{
    struct check_output *co = ctx;
    diag_json_add(co->json, co->r, d);
}

static void emit_github(void *ctx, const struct diag *d)
{
    struct check_output *co = ctx;
    diag_print_github(co->out, co->r, d);
}

int cmd_check(int argc, char **argv)
{
    enum { OPT_STRICT = OPT_COMMAND_FIRST, OPT_FORMAT, OPT_COLOR, OPT_CHANGED_SINCE };
    const char *changed_since = NULL;
    enum { FMT_TEXT, FMT_JSON, FMT_JUNIT, FMT_GITHUB } format = FMT_TEXT;
    enum { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER } color = COLOR_AUTO;
    static const struct option options[] = {
        {"strict", no_argument, NULL, OPT_STRICT},
        {"format", required_argument, NULL, OPT_FORMAT},
        {"color", required_argument, NULL, OPT_COLOR},
        {"changed-since", required_argument, NULL, OPT_CHANGED_SINCE},
        COMMON_OPTIONS,
        {NULL, 0, NULL, 0},
    };
    bool strict = false;
    struct common_opts o;
    common_init(&o, "check");
    int c;
    while ((c = getopt_long(argc, argv, COMMON_SHORT "", options, NULL)) != -1) {
        int common = common_option(&o, c, optarg);
        if (common < 0)
            return EXIT_FAILURE_TO_RUN;
        if (common)
            continue;
        switch (c) {
        case OPT_STRICT:
            strict = true;
            break;
        case OPT_FORMAT:
            if (!strcmp(optarg, "text"))
                format = FMT_TEXT;
            else if (!strcmp(optarg, "json"))
                format = FMT_JSON;
            else if (!strcmp(optarg, "junit"))
                format = FMT_JUNIT;
            else if (!strcmp(optarg, "github"))
                format = FMT_GITHUB;
            else
                return usage_error("check", "unknown format '%s' (known: text, json, junit, github)",
                                   optarg);
            break;
        case OPT_CHANGED_SINCE:
            changed_since = optarg;
            break;
        case OPT_COLOR:
            if (!strcmp(optarg, "auto"))
                color = COLOR_AUTO;
            else if (!strcmp(optarg, "always"))
                color = COLOR_ALWAYS;
            else if (!strcmp(optarg, "never"))
                color = COLOR_NEVER;
            else
                return usage_error("check", "--color wants auto, always or never, not '%s'", optarg);
            break;
        case 'h':
            return print_help(check_usage);
        default:
            return unknown_option(&o, argv);
        }
    }
    if (optind >= argc)
        return usage_error("check", "no PATH given: name the files or folders to check");
    if (!common_finish(&o))
        return EXIT_FAILURE_TO_RUN;

    struct input_list inputs;
    struct repo r;
    int problems;
    if (!open_run(&r, &inputs, &o, argv + optind, (size_t)(argc - optind), &problems))
        return EXIT_FAILURE_TO_RUN;
    struct check_output co = {.r = &r, .out = stdout};
    switch (format) {
    case FMT_TEXT: {
        const char *no_color = getenv("NO_COLOR");
        co.color = color == COLOR_ALWAYS ||
                   (color == COLOR_AUTO && isatty(STDOUT_FILENO) && !(no_color && *no_color));
        r.emit = emit_text;
        break;
    }
    case FMT_JSON:
        co.json = diag_json_begin(stdout);
        r.emit = emit_json;
        break;
    case FMT_GITHUB:
        r.emit = emit_github;
        break;
    case FMT_JUNIT:
        break; /* it needs every diagnostic before its first line */
    }
    r.emit_ctx = &co;
    diag_emit_fn *emit = r.emit;
    if (changed_since)
        r.emit = NULL; /* every diagnostic is needed to compare with the revision */
    repo_run(&r, NULL);
    if (changed_since) {
        if (!keep_changed_since(&r, &inputs, changed_since)) {
            repo_free(&r);
            input_list_free(&inputs);
            return EXIT_FAILURE_TO_RUN;
        }
        for (size_t i = 0; emit && i < r.diags.len; i++)
            emit(&co, &r.diags.items[i]);
    } else {
        repo_flush_diags(&r);
    }
    bool written = true;
    if (format == FMT_JSON)
        written = diag_json_end(co.json, &r);
    else if (format == FMT_JUNIT)
        written = diag_print_junit(stdout, &r);
    if (!o.quiet)
        print_summary(&r);
    int status = EXIT_CLEAN;
    if (r.diags.counts[SEV_ERROR] || (strict && r.diags.counts[SEV_WARNING]))
        status = EXIT_INPUT_ERRORS;
    if (problems || r.io_failures)
        status = EXIT_FAILURE_TO_RUN;
    if (!written || fflush(stdout) != 0 || ferror(stdout)) {
        perror("dealc: standard output");
        status = EXIT_FAILURE_TO_RUN;
    }
    close_run(&r, &inputs);
    return status;
}
