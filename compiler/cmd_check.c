/*
 * dealc check: validate and evaluate every input and print the diagnostics.
 * Diagnostics are this command's output, so they go to standard output
 * (where CI captures them); the summary goes to standard error.
 */
#include "cli.h"

#include "diag_print.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

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
    "  --format text    the output format (text is the only one so far)\n"
    "  -q, --quiet      no summary line on standard error\n"
    "  -h, --help       show this help\n"
    "\n"
    "Exit status: 0 no errors (warnings allowed), 1 errors, 2 could not run.\n";

int cmd_check(int argc, char **argv)
{
    enum { OPT_AS_OF = 1000, OPT_STRICT, OPT_FORMAT };
    static const struct option options[] = {
        {"as-of", required_argument, NULL, OPT_AS_OF},
        {"strict", no_argument, NULL, OPT_STRICT},
        {"format", required_argument, NULL, OPT_FORMAT},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    int32_t as_of;
    bool have_as_of = false, strict = false, quiet = false;
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "+qh", options, NULL)) != -1) {
        switch (c) {
        case OPT_AS_OF:
            if (!parse_as_of(optarg, &as_of))
                return usage_error("check", "--as-of wants a date as YYYY-MM-DD, not '%s'", optarg);
            have_as_of = true;
            break;
        case OPT_STRICT:
            strict = true;
            break;
        case OPT_FORMAT:
            if (strcmp(optarg, "text") != 0)
                return usage_error("check", "unknown format '%s' (known: text)", optarg);
            break;
        case 'q':
            quiet = true;
            break;
        case 'h':
            fputs(check_usage, stdout);
            return EXIT_CLEAN;
        default:
            return usage_error("check", "unknown option '%s'", argv[optind - 1]);
        }
    }
    if (optind >= argc)
        return usage_error("check", "no PATH given: name the files or folders to check");
    if (!have_as_of && !default_as_of(&as_of))
        return usage_error("check", "SOURCE_DATE_EPOCH must be a number of seconds");

    struct input_list inputs = {0};
    int problems = walk_paths(&inputs, argv + optind, (size_t)(argc - optind));
    struct repo r;
    if (!repo_init(&r, &inputs, as_of)) {
        input_list_free(&inputs);
        return EXIT_FAILURE_TO_RUN;
    }
    repo_run(&r, NULL);
    diag_sort(&r.diags);
    diag_print_text(stdout, &r.diags, repo_path_of, &r);
    if (!quiet)
        print_summary(&r);
    int status = EXIT_CLEAN;
    if (r.diags.counts[SEV_ERROR] || (strict && r.diags.counts[SEV_WARNING]))
        status = EXIT_INPUT_ERRORS;
    if (problems || r.io_failures)
        status = EXIT_FAILURE_TO_RUN;
    if (fflush(stdout) != 0 || ferror(stdout)) {
        perror("dealc: standard output");
        status = EXIT_FAILURE_TO_RUN;
    }
    repo_free(&r);
    input_list_free(&inputs);
    return status;
}
