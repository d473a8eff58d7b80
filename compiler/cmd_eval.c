/*
 * dealc eval: writes the evaluated state document, as XML or JSON, to
 * standard output or atomically to a file. Diagnostics go to standard error
 * (the state carries them too); a state is written even when inputs have
 * errors, listing what was ignored.
 */
#include "cli.h"

#include "diag_print.h"
#include "output.h"
#include "state.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static const char eval_usage[] =
    "usage: dealc eval [options] PATH...\n"
    "\n"
    "Evaluates every deal and writes the state document: each deal's status, stage,\n"
    "progress, blockers, visits and notifications, per-process statistics, and\n"
    "every diagnostic (namespace urn:dealc:state:1, see 'dealc schema state').\n"
    "\n"
    "options:\n"
    "  --as-of DATE        the day ages and rotting are measured to (YYYY-MM-DD)\n"
    "  --format xml|json   the notation (default: xml)\n"
    "  -o, --output FILE   write FILE whole or not at all (default: standard output)\n"
    "  -q, --quiet         no diagnostics and no summary on standard error\n"
    "  -j, --jobs N         threads to use (default: the number of processors);\n"
    "                       the output is the same for any N\n"
    "  -h, --help          show this help\n"
    "\n"
    "Exit status: 0 no errors, 1 the inputs have errors, 2 could not run or write.\n";

int cmd_eval(int argc, char **argv)
{
    enum { OPT_FORMAT = OPT_COMMAND_FIRST };
    static const struct option options[] = {
        {"format", required_argument, NULL, OPT_FORMAT},
        {"output", required_argument, NULL, 'o'},
        COMMON_OPTIONS,
        {NULL, 0, NULL, 0},
    };
    enum emit_format format = EMIT_XML;
    const char *output = NULL;
    struct common_opts o;
    common_init(&o, "eval");
    int c;
    while ((c = getopt_long(argc, argv, COMMON_SHORT "o:", options, NULL)) != -1) {
        int common = common_option(&o, c, optarg);
        if (common < 0)
            return EXIT_FAILURE_TO_RUN;
        if (common)
            continue;
        switch (c) {
        case OPT_FORMAT:
            if (!strcmp(optarg, "xml"))
                format = EMIT_XML;
            else if (!strcmp(optarg, "json"))
                format = EMIT_JSON;
            else
                return usage_error("eval", "unknown format '%s' (known: xml, json)", optarg);
            break;
        case 'o':
            output = optarg;
            break;
        case 'h':
            return print_help(eval_usage);
        default:
            return unknown_option(&o, argv);
        }
    }
    if (optind >= argc)
        return usage_error("eval", "no PATH given: name the files or folders to evaluate");
    if (!common_finish(&o))
        return EXIT_FAILURE_TO_RUN;

    struct input_list inputs;
    struct repo r;
    int problems;
    if (!open_run(&r, &inputs, &o, argv + optind, (size_t)(argc - optind), &problems))
        return EXIT_FAILURE_TO_RUN;
    struct atomic_file af = {0};
    FILE *out = stdout;
    int status = EXIT_CLEAN;
    if (output) {
        if (!atomic_open(&af, output)) {
            repo_free(&r);
            input_list_free(&inputs);
            return EXIT_FAILURE_TO_RUN;
        }
        out = af.fp;
    }
    bool written = write_state(&r, out, format, o.quiet, NULL);
    if (output && written) {
        written = atomic_commit(&af); /* says why when it fails */
    } else if (output) {
        int err = errno;
        atomic_abort(&af);
        fprintf(stderr, "dealc: cannot write %s: %s\n", output, err ? strerror(err) : "a write failed");
    } else if (!written) {
        perror("dealc: cannot write standard output");
    }
    if (!o.quiet)
        print_summary(&r);
    if (r.diags.counts[SEV_ERROR])
        status = EXIT_INPUT_ERRORS;
    if (problems || r.io_failures || !written)
        status = EXIT_FAILURE_TO_RUN;
    close_run(&r, &inputs);
    return status;
}
