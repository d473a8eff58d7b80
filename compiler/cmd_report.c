/*
 * dealc report: evaluates the inputs and renders the static HTML report of
 * the state into a folder (see report.h for how it is written safely).
 */
#include "cli.h"

#include "diag_print.h"
#include "output.h"
#include "report.h"
#include "shortlist.h"
#include "state.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char report_usage[] =
    "usage: dealc report [options] -o DIR PATH...\n"
    "\n"
    "Evaluates every deal and writes the static HTML report into DIR: index.html\n"
    "(every process and the deals that need attention), one page per process and\n"
    "one per deal. DIR is replaced whole, in one step, when the report is complete.\n"
    "\n"
    "options:\n"
    "  -o, --output DIR     the folder to write (required)\n"
    "  --as-of DATE         the day ages and rotting are measured to (YYYY-MM-DD)\n"
    "  --stylesheet FILE    use FILE instead of the built-in stylesheet (it runs\n"
    "                       with no network, no file reads, no writes outside DIR)\n"
    "  --no-deal-pages      leave the per-deal pages out (for very large sets)\n"
    "  --list-limit N       show at most N deals in each list of the overview pages,\n"
    "                       and at most N problem files and diagnostics (default:\n"
    "                       200; memory grows with N, not with the deals)\n"
    "  -q, --quiet          no diagnostics and no summary on standard error\n"
    "  -j, --jobs N         threads to use (default: the number of processors);\n"
    "                       the output is the same for any N\n"
    "  -h, --help           show this help\n"
    "\n"
    "The deals wait for their pages in temporary files in $TMPDIR, else /tmp.\n"
    "\n"
    "Exit status: 0 no errors, 1 the inputs have errors (the report is still\n"
    "written), 2 could not run or write the report.\n";

/* A spool written, to be read from its start; true for none. */
static bool rewind_spool(FILE *spool)
{
    if (!spool)
        return true;
    if (fflush(spool) == 0 && fseek(spool, 0, SEEK_SET) == 0)
        return true;
    fprintf(stderr, "dealc: cannot read back a temporary file in %s: %s\n", scratch_dir(), strerror(errno));
    return false;
}

static void close_spools(struct report_parts *parts)
{
    if (parts->summaries)
        fclose(parts->summaries);
    if (parts->records)
        fclose(parts->records);
}

int cmd_report(int argc, char **argv)
{
    enum { OPT_STYLESHEET = OPT_COMMAND_FIRST, OPT_NO_DEAL_PAGES, OPT_LIST_LIMIT };
    static const struct option options[] = {
        {"output", required_argument, NULL, 'o'},
        {"stylesheet", required_argument, NULL, OPT_STYLESHEET},
        {"no-deal-pages", no_argument, NULL, OPT_NO_DEAL_PAGES},
        {"list-limit", required_argument, NULL, OPT_LIST_LIMIT},
        COMMON_OPTIONS,
        {NULL, 0, NULL, 0},
    };
    struct report_options ro = {.deal_pages = true, .list_limit = REPORT_LIST_LIMIT};
    long limit;
    struct common_opts o;
    common_init(&o, "report");
    int c;
    while ((c = getopt_long(argc, argv, COMMON_SHORT "o:", options, NULL)) != -1) {
        int common = common_option(&o, c, optarg);
        if (common < 0)
            return EXIT_FAILURE_TO_RUN;
        if (common)
            continue;
        switch (c) {
        case 'o':
            ro.dir = optarg;
            break;
        case OPT_STYLESHEET:
            ro.stylesheet = optarg;
            break;
        case OPT_NO_DEAL_PAGES:
            ro.deal_pages = false;
            break;
        case OPT_LIST_LIMIT:
            if (!parse_count(optarg, 1, 1000000, &limit))
                return usage_error("report", "--list-limit wants a number from 1 to 1000000, not '%s'", optarg);
            ro.list_limit = (size_t)limit;
            break;
        case 'h':
            return print_help(report_usage);
        default:
            return unknown_option(&o, argv);
        }
    }
    if (!ro.dir || !*ro.dir)
        return usage_error("report", "name the folder to write with -o DIR");
    if (optind >= argc)
        return usage_error("report", "no PATH given: name the files or folders to report on");
    if (!common_finish(&o))
        return EXIT_FAILURE_TO_RUN;

    struct input_list inputs;
    struct repo r;
    int problems;
    if (!open_run(&r, &inputs, &o, argv + optind, (size_t)(argc - optind), &problems))
        return EXIT_FAILURE_TO_RUN;
    char *state = NULL;
    size_t state_size = 0;
    FILE *mem = open_memstream(&state, &state_size);
    if (!mem)
        die_oom();
    /*
     * The overview pages are made from the state without its deals and the
     * summaries of the few deals they show; each deal page from that deal's
     * whole record; the deals wait in temporary files, so memory grows with
     * the list limit, not with the deals. A team's own stylesheet gets the
     * whole state in one document, as xsltproc would give it: it cannot be
     * assumed to render from parts.
     */
    struct report_parts parts = {.list_limit = ro.list_limit, .closed_limit = REPORT_CLOSED_LIMIT};
    bool in_parts = !ro.stylesheet;
    if (in_parts) {
        parts.summaries = scratch_file();
        parts.records = ro.deal_pages && parts.summaries ? scratch_file() : NULL;
    }
    if (in_parts && (!parts.summaries || (ro.deal_pages && !parts.records))) {
        fprintf(stderr, "dealc: cannot make a temporary file in %s: %s\n", scratch_dir(), strerror(errno));
        close_spools(&parts);
        fclose(mem);
        free(state);
        repo_free(&r);
        input_list_free(&inputs);
        return EXIT_FAILURE_TO_RUN;
    }
    bool written = write_state(&r, mem, EMIT_XML, o.quiet, in_parts ? &parts : NULL);
    fclose(mem);
    /* The largest thing left of the evaluation, and the pages do not need it. */
    repo_forget_deal_ids(&r);
    written = written && rewind_spool(parts.summaries) && rewind_spool(parts.records);
    if (!written)
        fputs("dealc: the report was not written\n", stderr);
    if (written) {
        written = report_render(&ro, state, state_size, in_parts ? &parts : NULL);
        state = NULL; /* report_render frees it */
    }
    close_spools(&parts);
    shortlist_free(parts.wanted);
    free(state);
    if (!o.quiet)
        print_summary(&r);
    int status = r.diags.counts[SEV_ERROR] ? EXIT_INPUT_ERRORS : EXIT_CLEAN;
    if (problems || r.io_failures || !written)
        status = EXIT_FAILURE_TO_RUN;
    close_run(&r, &inputs);
    return status;
}
