/*
 * dealc diff: what a change to a process does to the deals before it is
 * merged. The inputs are evaluated twice, once with the process as OLD and
 * once as NEW (files, or REV:PATH read through `git show`), and every deal
 * whose status, stage, progress, chance to win, blockers or diagnostics
 * differ is listed, as text or JSON.
 */
#include "cli.h"

#include "diag_print.h"
#include "emit.h"
#include "gitio.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char diff_usage[] =
    "usage: dealc diff [options] OLD NEW PATH...\n"
    "\n"
    "Evaluates the inputs with a process as OLD and as NEW and lists the deals whose\n"
    "status, stage, progress, chance to win, blockers or diagnostics would change.\n"
    "OLD and NEW are process files, or REV:PATH for a file at a Git revision\n"
    "(HEAD:processes/standard.xml). The input that is the same file as NEW (or OLD)\n"
    "is replaced by each version in turn; when there is none, both are added.\n"
    "\n"
    "options:\n"
    "  --as-of DATE         the day rotting is measured to (YYYY-MM-DD)\n"
    "  --format text|json   the output format (default: text)\n"
    "  -j, --jobs N         threads to use (default: the number of processors)\n"
    "  -h, --help           show this help\n"
    "\n"
    "Exit status: 0 no deal changes, 1 some deals change, 2 could not run.\n";

/* What a reviewer compares of a deal, in one run. */
struct deal_view {
    const char *id;
    struct place at;
    const char *status; /* open, won, lost, or "not evaluated" */
    const char *stage;
    unsigned progress;
    bool can_win;
    const char *blockers; /* "a b c" */
    const char **diags;   /* "error: message [code]" */
    size_t n_diags;
    struct deal_view *next; /* in the order deals were read */
};

struct run_views {
    struct arena mem;
    struct strmap by_id;
    struct deal_view *first, *last;
};

static struct deal_view *add_view(struct run_views *v, const struct deal *d)
{
    if (strmap_get(&v->by_id, d->id))
        return NULL; /* a duplicate: the first one stands */
    struct deal_view *dv = arena_zalloc(&v->mem, sizeof(*dv));
    dv->id = arena_strdup(&v->mem, d->id);
    dv->at = d->at;
    strmap_put(&v->by_id, dv->id, dv);
    if (v->last)
        v->last->next = dv;
    else
        v->first = dv;
    v->last = dv;
    return dv;
}

static void on_deal(void *ctx, const struct eval_input *in, const struct deal_state *st,
                    const struct diag_list *deal_diags)
{
    struct run_views *v = ctx;
    struct deal_view *dv = add_view(v, in->deal);
    if (!dv)
        return;
    dv->status = deal_status_name(st->status);
    dv->stage = arena_strdup(&v->mem, in->process->stages[st->stage].id);
    dv->progress = st->progress;
    dv->can_win = st->can_win;
    struct strbuf sb = {0};
    for (size_t i = 0; st->status == DEAL_OPEN && i < st->n_blockers; i++)
        sb_addf(&sb, "%s%s", i ? " " : "", in->process->steps[st->blockers[i]].id);
    dv->blockers = arena_strdup(&v->mem, sb_str(&sb));
    sb_free(&sb);
    dv->n_diags = deal_diags->len;
    dv->diags = arena_alloc(&v->mem, (deal_diags->len + 1) * sizeof(*dv->diags));
    for (size_t i = 0; i < deal_diags->len; i++) {
        const struct diag *d = &deal_diags->items[i];
        dv->diags[i] = arena_printf(&v->mem, "%s: %s [%s]", severity_name(d->sev), d->message,
                                    diag_code_name(d->code));
    }
}

static void on_ignored(void *ctx, const struct deal *d, enum diag_code why)
{
    struct run_views *v = ctx;
    struct deal_view *dv = add_view(v, d);
    if (!dv)
        return;
    dv->status = why == D_UNKNOWN_PROCESS ? "not evaluated (unknown process)" : "not evaluated";
    dv->stage = "";
    dv->blockers = "";
}

/* Reads a file, or REV:PATH through git show; false with a message. */
static bool read_version(const char *spec, char **data, size_t *len, char **path)
{
    struct stat st;
    *path = NULL;
    if (stat(spec, &st) == 0 && S_ISREG(st.st_mode)) {
        FILE *f = fopen(spec, "rb");
        if (!f) {
            perror(spec);
            return false;
        }
        struct strbuf sb = {0};
        char buf[65536];
        size_t n;
        while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
            sb_add(&sb, buf, n);
        bool ok = !ferror(f);
        fclose(f);
        *data = sb.buf ? sb.buf : xstrdup("");
        *len = sb.len;
        *path = canonical_path(spec);
        if (!ok)
            fprintf(stderr, "dealc: cannot read %s\n", spec);
        return ok;
    }
    const char *colon = strchr(spec, ':');
    if (!colon) {
        fprintf(stderr, "dealc: %s is neither a file nor REV:PATH\n", spec);
        return false;
    }
    if (!git_show(spec, data, len))
        return false;
    /* The file that version is of, when it is in the working tree. */
    char *top = git_toplevel();
    if (top) {
        struct strbuf full = {0};
        sb_addf(&full, "%s/%s", top, colon + 1);
        *path = canonical_path(full.buf);
        sb_free(&full);
        free(top);
    }
    return true;
}

static bool same_view(const struct deal_view *a, const struct deal_view *b)
{
    if (strcmp(a->status, b->status) || strcmp(a->stage, b->stage) || a->progress != b->progress ||
        a->can_win != b->can_win || strcmp(a->blockers, b->blockers) || a->n_diags != b->n_diags)
        return false;
    for (size_t i = 0; i < a->n_diags; i++)
        if (strcmp(a->diags[i], b->diags[i]))
            return false;
    return true;
}

static bool has(const char *const *list, size_t n, const char *s)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(list[i], s))
            return true;
    return false;
}

static const struct deal_view absent = {.status = "absent", .stage = "", .blockers = ""};

static void print_text(const struct repo *r, const struct deal_view *a, const struct deal_view *b)
{
    const struct deal_view *at = b != &absent ? b : a;
    printf("deal %s (%s:%u)\n", at->id, repo_input_path(r, at->at.file), at->at.line);
    if (strcmp(a->status, b->status))
        printf("  status:    %s -> %s\n", a->status, b->status);
    if (strcmp(a->stage, b->stage))
        printf("  stage:     %s -> %s\n", a->stage, b->stage);
    if (a->progress != b->progress)
        printf("  progress:  %u%% -> %u%%\n", a->progress, b->progress);
    if (a->can_win != b->can_win)
        printf("  can win:   %s -> %s\n", a->can_win ? "yes" : "no", b->can_win ? "yes" : "no");
    if (strcmp(a->blockers, b->blockers))
        printf("  blockers:  %s -> %s\n", *a->blockers ? a->blockers : "none",
               *b->blockers ? b->blockers : "none");
    for (size_t i = 0; i < a->n_diags; i++)
        if (!has(b->diags, b->n_diags, a->diags[i]))
            printf("  - %s\n", a->diags[i]);
    for (size_t i = 0; i < b->n_diags; i++)
        if (!has(a->diags, a->n_diags, b->diags[i]))
            printf("  + %s\n", b->diags[i]);
}

static void json_side(struct emitter *em, const char *name, const struct deal_view *v)
{
    em_open(em, name);
    em_str(em, "status", v->status);
    em_str(em, "stage", v->stage);
    em_int(em, "progress", v->progress);
    em_bool(em, "can-win", v->can_win);
    em_str(em, "blockers", v->blockers);
    em_list(em, "diagnostics");
    for (size_t i = 0; i < v->n_diags; i++) {
        em_open(em, "diagnostic");
        em_str(em, "text", v->diags[i]);
        em_close(em);
    }
    em_close(em);
    em_close(em);
}

/* One run with the target input's content set to data (or added when there is none). */
static bool run_version(const struct input_list *base, const char *target, const char *label,
                        const char *data, size_t len, const struct common_opts *o,
                        struct run_views *views, struct repo *r)
{
    struct input_list inputs = {0};
    int found = -1;
    for (size_t i = 0; i < base->len; i++) {
        char *canon = target ? canonical_path(base->items[i].path) : NULL;
        if (canon && !strcmp(canon, target))
            found = (int)i;
        free(canon);
    }
    for (size_t i = 0; i < base->len; i++) {
        GROW(inputs.items, inputs.cap, inputs.len + 1);
        inputs.items[inputs.len].path = xstrdup(base->items[i].path);
        inputs.items[inputs.len].named = base->items[i].named;
        inputs.len++;
    }
    /* Without a matching input, the version is one more input, under its own name. */
    if (found < 0)
        input_list_insert(&inputs, label);
    if (!repo_init(r, &inputs, o->as_of)) {
        input_list_free(&inputs);
        return false;
    }
    for (size_t i = 0; i < r->n_inputs; i++)
        if ((found >= 0 && !strcmp(r->inputs[i].path, base->items[found].path)) ||
            (found < 0 && !strcmp(r->inputs[i].path, label))) {
            r->inputs[i].data = data;
            r->inputs[i].size = len;
            r->inputs[i].named = true;
        }
    r->jobs = o->jobs;
    struct repo_consumer consumer = {on_deal, on_ignored, views};
    repo_run(r, &consumer);
    repo_flush_diags(r);
    /* r points at the list's paths; it gets copies of its own, freed by the caller. */
    for (size_t i = 0; i < r->n_inputs; i++)
        r->inputs[i].path = xstrdup(r->inputs[i].path);
    input_list_free(&inputs);
    return true;
}

int cmd_diff(int argc, char **argv)
{
    enum { OPT_FORMAT = OPT_COMMAND_FIRST };
    static const struct option options[] = {
        {"format", required_argument, NULL, OPT_FORMAT},
        COMMON_OPTIONS,
        {NULL, 0, NULL, 0},
    };
    bool json = false;
    struct common_opts o;
    common_init(&o, "diff");
    int c;
    while ((c = getopt_long(argc, argv, COMMON_SHORT "", options, NULL)) != -1) {
        int common = common_option(&o, c, optarg);
        if (common < 0)
            return EXIT_FAILURE_TO_RUN;
        if (common)
            continue;
        switch (c) {
        case OPT_FORMAT:
            if (!strcmp(optarg, "json"))
                json = true;
            else if (strcmp(optarg, "text") != 0)
                return usage_error("diff", "unknown format '%s' (known: text, json)", optarg);
            break;
        case 'h':
            return print_help(diff_usage);
        default:
            return unknown_option(&o, argv);
        }
    }
    if (argc - optind < 3)
        return usage_error("diff", "name OLD, NEW and at least one PATH");
    if (!common_finish(&o))
        return EXIT_FAILURE_TO_RUN;

    const char *old_spec = argv[optind], *new_spec = argv[optind + 1];
    char *old_data = NULL, *new_data = NULL, *old_path = NULL, *new_path = NULL;
    size_t old_len = 0, new_len = 0;
    if (!read_version(old_spec, &old_data, &old_len, &old_path) ||
        !read_version(new_spec, &new_data, &new_len, &new_path)) {
        free(old_data);
        free(new_data);
        free(old_path);
        free(new_path);
        return EXIT_FAILURE_TO_RUN;
    }
    struct input_list inputs = {0};
    int problems = walk_paths(&inputs, argv + optind + 2, (size_t)(argc - optind - 2));
    const char *target = new_path ? new_path : old_path;

    struct run_views before = {0}, after = {0};
    struct repo r_before, r_after;
    bool ok = run_version(&inputs, target, new_spec, old_data, old_len, &o, &before, &r_before);
    ok = ok && run_version(&inputs, target, new_spec, new_data, new_len, &o, &after, &r_after);
    int status = EXIT_FAILURE_TO_RUN;
    if (ok) {
        size_t changed = 0, total = 0;
        struct emitter *em = NULL;
        if (json) {
            em = emitter_new(stdout, EMIT_JSON, NULL);
            em_open(em, "diff");
            em_str(em, "old", old_spec);
            em_str(em, "new", new_spec);
            em_list(em, "deals");
        }
        /* Deals in the order the new version reads them, then those only the old one had. */
        for (int side = 0; side < 2; side++) {
            const struct run_views *walk = side == 0 ? &after : &before;
            for (const struct deal_view *v = walk->first; v; v = v->next) {
                const struct deal_view *a = strmap_get(&before.by_id, v->id);
                const struct deal_view *b = strmap_get(&after.by_id, v->id);
                if (side == 1 && b)
                    continue;
                total++;
                a = a ? a : &absent;
                b = b ? b : &absent;
                if (same_view(a, b))
                    continue;
                changed++;
                const struct repo *r = b != &absent ? &r_after : &r_before;
                if (em) {
                    const struct deal_view *at = b != &absent ? b : a;
                    em_open(em, "deal");
                    em_str(em, "id", at->id);
                    em_str(em, "file", repo_input_path(r, at->at.file));
                    em_int(em, "line", at->at.line);
                    json_side(em, "before", a);
                    json_side(em, "after", b);
                    em_close(em);
                } else {
                    print_text(r, a, b);
                }
            }
        }
        if (em) {
            em_close(em);
            em_open(em, "summary");
            em_int(em, "deals", (int64_t)total);
            em_int(em, "changed", (int64_t)changed);
            em_close(em);
            emitter_finish(em);
        } else {
            printf("%s%zu of %zu deals change.\n", changed ? "\n" : "", changed, total);
        }
        status = changed ? EXIT_INPUT_ERRORS : EXIT_CLEAN;
        if (problems || r_before.io_failures || r_after.io_failures)
            status = EXIT_FAILURE_TO_RUN;
    }
    if (ok) {
        for (size_t i = 0; i < r_before.n_inputs; i++)
            free((char *)r_before.inputs[i].path);
        for (size_t i = 0; i < r_after.n_inputs; i++)
            free((char *)r_after.inputs[i].path);
        repo_free(&r_before);
        repo_free(&r_after);
    }
    strmap_free(&before.by_id);
    strmap_free(&after.by_id);
    arena_free(&before.mem);
    arena_free(&after.mem);
    input_list_free(&inputs);
    free(old_data);
    free(new_data);
    free(old_path);
    free(new_path);
    return status;
}
