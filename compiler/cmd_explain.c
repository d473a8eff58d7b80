/*
 * dealc explain: the answer to "what should I do to win this deal?", in
 * plain text for a person, like the notice a salesperson gets when trying
 * to win a deal whose obligatory steps are not done.
 */
#include "cli.h"

#include "audience.h"
#include "diag_print.h"
#include "money.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char explain_usage[] =
    "usage: dealc explain [options] DEAL-ID PATH...\n"
    "\n"
    "Says what stands between a deal and winning it: its stage and progress, each\n"
    "obligatory step not done (its stage, who is responsible, who may complete it,\n"
    "what it requires), the rule breaks in its history, and whether it is rotting.\n"
    "\n"
    "options:\n"
    "  --as-of DATE     the day rotting is measured to (YYYY-MM-DD)\n"
    "  -j, --jobs N         threads to use (default: the number of processors);\n"
    "                       the output is the same for any N\n"
    "  -h, --help       show this help\n"
    "\n"
    "Exit status: 0 the deal can be won now, 1 it cannot, 2 there is no such deal\n"
    "(or dealc could not run).\n";

struct explain {
    const char *id;
    bool found;
    bool can_win;
    bool ignored;
    struct repo *r;
    FILE *out;
};

static const char *person(const struct team *team, const char *id, char *buf, size_t size)
{
    int32_t u = team_find(team, id);
    if (u < 0)
        snprintf(buf, size, "%s (not in the team)", id);
    else
        snprintf(buf, size, "%s (%s)", team->users[u]->name, id);
    return buf;
}

static void print_people(FILE *out, const struct team *team, const struct audience *a,
                         const struct deal *d, uint32_t *scratch)
{
    if (a->everyone) {
        fputs("everyone in the team", out);
        return;
    }
    size_t n = audience_resolve(a, team, d, -1, scratch);
    if (!n)
        fputs("nobody in the team", out);
    for (size_t i = 0; i < n; i++) {
        const struct user *u = team->users[scratch[i]];
        fprintf(out, "%s%s (%s)", i ? ", " : "", u->name, u->id);
    }
}

static const char *requirement_text(unsigned requires)
{
    static const char *const forms[] = {"nothing more", "a note", "a file attached",
                                        "a note and a file attached"};
    return forms[requires & 3];
}

static void format_money(int64_t units, char *buf, size_t size)
{
    /* Thousands separators make amounts readable at a glance: 48,000.00. */
    char plain[48];
    money_format(units, plain, sizeof(plain));
    const char *dot = strchr(plain, '.');
    size_t int_len = dot ? (size_t)(dot - plain) : strlen(plain);
    size_t o = 0;
    for (size_t i = 0; i < int_len && o + 2 < size; i++) {
        if (i && (int_len - i) % 3 == 0 && plain[i - 1] != '-')
            buf[o++] = ',';
        buf[o++] = plain[i];
    }
    snprintf(buf + o, size - o, "%s", dot ? dot : "");
}

static void on_deal(void *ctx, const struct eval_input *in, const struct deal_state *st,
                    const struct diag_list *deal_diags)
{
    struct explain *x = ctx;
    const struct deal *d = in->deal;
    if (strcmp(d->id, x->id) != 0)
        return;
    x->found = true;
    x->can_win = st->can_win;
    FILE *out = x->out;
    const struct process *p = in->process;
    const struct team *team = in->team;
    const struct stage *stage = &p->stages[st->stage];
    char who[256], a[64], b[64];
    uint32_t *scratch = xcalloc(team->n_users + 1, sizeof(*scratch));

    fprintf(out, "Deal %s: %s\n", d->id, d->title);
    fprintf(out, "  process:  %s (%s)\n", p->name, p->id);
    fprintf(out, "  owner:    %s\n", person(team, d->owner, who, sizeof(who)));
    fprintf(out, "  status:   %s, in stage %s (%s), stage %u of %zu\n", deal_status_name(st->status),
            stage->name, stage->id, stage->index + 1, p->n_stages);
    fprintf(out, "  progress: %u%% (%llu of %llu points)", st->progress,
            (unsigned long long)st->done_value, (unsigned long long)p->total_value);
    if (d->has_amount && st->has_weighted) {
        format_money(st->weighted, a, sizeof(a));
        format_money(d->amount, b, sizeof(b));
        fprintf(out, ", weighted %s of %s %s", a, b, st->currency);
    }
    fputs("\n\n", out);

    if (st->status == DEAL_WON)
        fprintf(out, "This deal was won at %s.\n", d->events[st->closed_event].at_text);
    else if (st->status == DEAL_LOST)
        fprintf(out, "This deal was lost at %s.\n", d->events[st->closed_event].at_text);
    else if (st->can_win)
        fputs("This deal can be won: every obligatory step is done.\n", out);
    else
        fprintf(out, "This deal cannot be won yet: %zu obligatory %s not done.\n", st->n_blockers,
                st->n_blockers == 1 ? "step is" : "steps are");

    if (st->status == DEAL_OPEN && st->n_blockers) {
        fputs("To win it, complete:\n", out);
        for (size_t i = 0; i < st->n_blockers; i++) {
            const struct step *step = &p->steps[st->blockers[i]];
            fprintf(out, "\n  %zu. %s (%s), in stage %s\n", i + 1, step->name, step->id,
                    p->stages[step->stage].name);
            fputs("     responsible:   ", out);
            print_people(out, team, &step->responsible, d, scratch);
            fputs("\n     may complete:  ", out);
            print_people(out, team, &step->can_complete, d, scratch);
            fprintf(out, "\n     requires:      %s\n", requirement_text(step->requires));
        }
    }

    if (st->rotting)
        fprintf(out, "\nIt is rotting: no activity for %d days in stage %s (it rots after %u days).\n",
                st->idle_days, stage->name, stage->rotting_days);

    size_t problems = deal_diags->counts[SEV_ERROR] + deal_diags->counts[SEV_WARNING] -
                      (st->rotting ? 1 : 0);
    if (problems) {
        fprintf(out, "\nRule breaks in its history (events that broke a rule had no effect):\n");
        struct diag_list sorted = {0};
        diag_append(&sorted, deal_diags);
        diag_sort(&sorted);
        for (size_t i = 0; i < sorted.len; i++) {
            if (sorted.items[i].code == D_ROTTING)
                continue;
            /* Each line of it (the diagnostic, then its notes) indented under the heading. */
            char *text = diag_format_one(&sorted.items[i], repo_path_of, x->r);
            for (char *line = text, *nl; line && *line; line = nl ? nl + 1 : NULL) {
                nl = strchr(line, '\n');
                fprintf(out, "  %.*s\n", (int)(nl ? nl - line : (ptrdiff_t)strlen(line)), line);
            }
            free(text);
        }
        diag_free(&sorted);
    }
    free(scratch);
}

static void on_ignored(void *ctx, const struct deal *d, enum diag_code why)
{
    struct explain *x = ctx;
    if (strcmp(d->id, x->id) != 0 || x->found || x->ignored)
        return;
    x->ignored = true;
    if (why == D_UNKNOWN_PROCESS)
        fprintf(x->out, "Deal %s: %s\n\nIt cannot be evaluated: its process '%s' is not defined.\n",
                d->id, d->title, d->process_id);
}

int cmd_explain(int argc, char **argv)
{
    static const struct option options[] = {
        COMMON_OPTIONS,
        {NULL, 0, NULL, 0},
    };
    struct common_opts o;
    common_init(&o, "explain");
    int c;
    while ((c = getopt_long(argc, argv, COMMON_SHORT "", options, NULL)) != -1) {
        int common = common_option(&o, c, optarg);
        if (common < 0)
            return EXIT_FAILURE_TO_RUN;
        if (common)
            continue;
        switch (c) {
        case 'h':
            return print_help(explain_usage);
        default:
            return unknown_option(&o, argv);
        }
    }
    if (argc - optind < 2)
        return usage_error("explain", "name a DEAL-ID and at least one PATH");
    if (!common_finish(&o))
        return EXIT_FAILURE_TO_RUN;

    const char *id = argv[optind];
    struct input_list inputs;
    struct repo r;
    int problems;
    o.quiet = true; /* no progress bar over the answer */
    if (!open_run(&r, &inputs, &o, argv + optind + 1, (size_t)(argc - optind - 1), &problems))
        return EXIT_FAILURE_TO_RUN;
    struct explain x = {.id = id, .r = &r, .out = stdout};
    struct repo_consumer consumer = {on_deal, on_ignored, &x};
    repo_run(&r, &consumer);
    repo_flush_diags(&r);
    int status;
    if (x.found) {
        status = x.can_win ? EXIT_CLEAN : EXIT_INPUT_ERRORS;
    } else if (x.ignored) {
        status = EXIT_INPUT_ERRORS;
    } else {
        fprintf(stderr, "dealc: no deal '%s' in the inputs", id);
        if (r.diags.counts[SEV_ERROR])
            fprintf(stderr, " that could be read (they have %zu errors: see 'dealc check')",
                    r.diags.counts[SEV_ERROR]);
        fputc('\n', stderr);
        status = EXIT_FAILURE_TO_RUN;
    }
    if (problems || r.io_failures)
        status = EXIT_FAILURE_TO_RUN;
    if (fflush(stdout) != 0) {
        perror("dealc: standard output");
        status = EXIT_FAILURE_TO_RUN;
    }
    close_run(&r, &inputs);
    return status;
}
