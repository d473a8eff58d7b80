/*
 * libFuzzer harness: any bytes as one dealc document, the root deciding
 * which. The fixed sample team and processes (samples/team.xml,
 * samples/processes/) are loaded once; then per input:
 *   - a deal or deals document: each deal is evaluated against the sample
 *     process it names (the first one when it names none of them) and
 *     written by the state writer, as XML and as JSON at once;
 *   - a process: compiled against the sample team, a fixed sample deal is
 *     evaluated against it, and the state written with it;
 *   - a team: the sample process "standard" is compiled against it, the
 *     fixed deal evaluated, and the state written.
 * Every diagnostic is printed (text, GitHub, JSON, JUnit) into memory too.
 * The XML outputs must be well-formed and the JSON ones valid JSON.
 * Whether the document counts as named on the command line or found by
 * walking a folder (DOCTYPE and foreign roots are handled differently)
 * follows the parity of the input's length.
 */
#include "common.h"

#include "deal.h"
#include "diag_print.h"
#include "eval.h"
#include "load.h"
#include "process.h"
#include "repo.h"
#include "state.h"
#include "team.h"
#include "xsdtime.h"

enum { F_FUZZ, F_TEAM, F_PILOT, F_RENEWAL, F_STANDARD, F_DEAL, N_FILES };
static const char *const file_names[N_FILES] = {
    "fuzz.xml",
    "samples/team.xml",
    "samples/processes/pilot.xml",
    "samples/processes/renewal.xml",
    "samples/processes/standard.xml",
    "samples/deals/2026/gdansk-port-crm.xml",
};

static struct schema_set *schemas;
static struct team team;
static struct process *processes[3];
static size_t n_processes;
static struct deal_builder *fixed_deal_builder; /* owns the fixed deal's memory */
static struct deal fixed_deal;
static bool have_fixed_deal;
static int32_t as_of_day;
static struct diag_list init_diags;

/* ---- loading from memory ---- */

struct sinks {
    struct team *team;
    struct diag_list *diags;
    struct team_builder *team_b;
    struct process_builder *process_b;
    struct deal_builder *deal_b;
};

static const struct element_sink *choose(void *ctx, enum doc_kind kind, struct loader *L)
{
    (void)L;
    struct sinks *s = ctx;
    switch (kind) {
    case DOC_TEAM:
        if (!s->team)
            return NULL;
        s->team_b = team_builder_new(s->team, s->diags);
        return team_builder_sink(s->team_b);
    case DOC_PROCESS:
        s->process_b = process_builder_new();
        return process_builder_sink(s->process_b);
    case DOC_DEAL:
    case DOC_DEALS:
        return s->deal_b ? deal_builder_sink(s->deal_b, kind) : NULL;
    case DOC_NONE:
        break;
    }
    return NULL;
}

static void load(struct sinks *s, uint32_t file, bool named, const char *data, size_t size,
                 struct load_result *res)
{
    struct load_request req = {
        .path = file_names[file],
        .file = file,
        .named = named,
        .schemas = schemas,
        .diags = s->diags,
        .choose = choose,
        .choose_ctx = s,
    };
    load_memory(&req, data, size, res);
}

static void load_fixed(struct sinks *s, uint32_t file, struct load_result *res)
{
    const struct embedded_file *f = fuzz_fixed(file_names[file]);
    load(s, file, true, (const char *)f->data, f->size, res);
}

/* A sample process, compiled against t; NULL when it does not load. */
static struct process *load_process(uint32_t file, const struct team *t, struct diag_list *diags)
{
    struct sinks s = {.diags = diags};
    struct load_result res;
    load_fixed(&s, file, &res);
    struct process *p = NULL;
    if (s.process_b && res.outcome == LOAD_DONE && res.errors == 0)
        p = process_builder_take(s.process_b);
    process_builder_free(s.process_b);
    if (p)
        process_compile(p, t, diags);
    return p;
}

static void keep_fixed_deal(void *ctx, const struct deal *d)
{
    (void)ctx;
    fixed_deal = *d;
    have_fixed_deal = true;
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    xmlInitParser();
    if (!parse_xsd_date(FUZZ_AS_OF, &as_of_day))
        abort();
    schemas = schema_set_new();
    if (!schemas)
        abort();
    team_init(&team);
    struct sinks s = {.team = &team, .diags = &init_diags};
    struct load_result res;
    load_fixed(&s, F_TEAM, &res);
    team_builder_free(s.team_b);
    for (uint32_t f = F_PILOT; f <= F_STANDARD; f++) {
        struct process *p = load_process(f, &team, &init_diags);
        if (!p)
            abort();
        p->index = (uint32_t)n_processes;
        processes[n_processes++] = p;
    }
    struct sinks ds = {.diags = &init_diags};
    fixed_deal_builder = ds.deal_b = deal_builder_new(keep_fixed_deal, NULL);
    load_fixed(&ds, F_DEAL, &res);
    if (!have_fixed_deal || init_diags.counts[SEV_ERROR]) {
        fprintf(stderr, "fuzz: the sample documents do not load cleanly\n");
        abort();
    }
    return 0;
}

/* ---- one run's state, written as XML and JSON at once ---- */

struct held_deal {
    struct deal deal;
    const struct process *process;
    struct deal_state state;
    struct diag_list diags;
};

struct run {
    struct repo repo; /* filled by hand: the state writer and printers only read it */
    struct repo_input inputs[N_FILES];
    struct process *procs[3];
    struct diag_list diags;
    struct fuzz_out out[2];
    struct state_writer *sw[2];
    struct arena mem; /* the deals read, their states */
    /* Deals are held until the document is read, so the head lists only their processes. */
    struct held_deal *held;
    size_t n_held, held_cap;
};

static const char *path_of(const void *ctx, uint32_t file)
{
    return repo_input_path(ctx, file);
}

/* Evaluates d against p and holds the result for run_write. */
static void run_deal(struct run *run, const struct process *p, const struct deal *d)
{
    GROW(run->held, run->held_cap, run->n_held + 1);
    struct held_deal *h = &run->held[run->n_held++];
    memset(h, 0, sizeof(*h));
    h->deal = *d;
    h->process = p;
    struct eval_input in = {&run->repo.team, p, &h->deal, as_of_day};
    eval_deal(&in, &run->mem, &h->state, &h->diags);
    /* The invariants the writers rely on. */
    const struct deal_state *st = &h->state;
    if (st->stage >= p->n_stages || st->progress > 100 ||
        (st->closed_event >= 0 && (size_t)st->closed_event >= d->n_events))
        abort();
    for (size_t i = 0; i < p->n_steps; i++)
        if (st->steps[i].done && (st->steps[i].done_event < 0 ||
                                  (size_t)st->steps[i].done_event >= d->n_events))
            abort();
}

/* Deals of the fuzzed document: the sample process they name, else the first. */
static void on_deal(void *ctx, const struct deal *d)
{
    struct run *run = ctx;
    const struct process *p = processes[0];
    for (size_t i = 0; i < n_processes; i++)
        if (d->process_id && !strcmp(processes[i]->id, d->process_id))
            p = processes[i];
    run_deal(run, p, d);
}

static void run_setup(struct run *run, const struct team *t, enum doc_kind kind)
{
    struct repo *r = &run->repo;
    for (size_t i = 0; i < N_FILES; i++) {
        run->inputs[i].path = file_names[i];
        run->inputs[i].named = true;
    }
    run->inputs[F_FUZZ].kind = kind;
    run->inputs[F_TEAM].kind = DOC_TEAM;
    for (size_t i = F_PILOT; i <= F_STANDARD; i++)
        run->inputs[i].kind = DOC_PROCESS;
    run->inputs[F_DEAL].kind = DOC_DEAL;
    r->inputs = run->inputs;
    r->n_inputs = N_FILES;
    r->team = *t;
    r->as_of_day = as_of_day;
    r->files_read = N_FILES;
}

/* The state, as XML and JSON: the head with the processes of the deals held (or p), then the deals. */
static void run_write(struct run *run, struct process *p)
{
    struct repo *r = &run->repo;
    if (p)
        run->procs[r->n_processes++] = p;
    for (size_t i = 0; i < run->n_held; i++) {
        bool listed = false;
        for (size_t k = 0; k < r->n_processes; k++)
            listed |= run->procs[k] == run->held[i].process;
        if (!listed)
            run->procs[r->n_processes++] = (struct process *)run->held[i].process;
    }
    for (size_t k = 0; k < r->n_processes; k++)
        run->procs[k]->index = (uint32_t)k;
    r->processes = run->procs;
    for (int f = 0; f < 2; f++) {
        run->sw[f] = state_writer_new(fuzz_out_open(&run->out[f]), f ? EMIT_JSON : EMIT_XML, r);
        state_write_head(run->sw[f]);
    }
    for (size_t i = 0; i < run->n_held; i++) {
        struct held_deal *h = &run->held[i];
        struct eval_input in = {&r->team, h->process, &h->deal, as_of_day};
        r->deals_seen++;
        r->deals_evaluated++;
        for (int f = 0; f < 2; f++) {
            struct repo_consumer c = state_consumer(run->sw[f]);
            c.deal(c.ctx, &in, &h->state, &h->diags);
        }
        size_t first = run->diags.len;
        diag_append(&run->diags, &h->diags);
        for (size_t k = first; k < run->diags.len; k++)
            run->diags.items[k].in_deal = true;
        diag_free(&h->diags);
    }
    free(run->held);
    run->held = NULL;
    run->n_held = 0;
}

static void run_end(struct run *run)
{
    struct repo *r = &run->repo;
    diag_sort(&run->diags);
    r->diags = run->diags; /* borrowed for the printers' counts; given back below */

    struct fuzz_out text;
    FILE *fp = fuzz_out_open(&text);
    for (size_t i = 0; i < run->diags.len; i++) {
        const struct diag *d = &run->diags.items[i];
        for (int f = 0; f < 2; f++)
            state_note_diag(run->sw[f], d);
        diag_print_one(fp, d, path_of, r, i & 1);
        diag_print_github(fp, r, d);
    }
    fuzz_out_close(&text);
    fuzz_out_free(&text);

    struct fuzz_out json, junit;
    fp = fuzz_out_open(&json);
    struct emitter *em = diag_json_begin(fp);
    for (size_t i = 0; i < run->diags.len; i++)
        diag_json_add(em, r, &run->diags.items[i]);
    if (!diag_json_end(em, r))
        abort();
    fuzz_out_close(&json);
    fuzz_check_json("diagnostics JSON", json.buf, json.len);
    fuzz_out_free(&json);

    fp = fuzz_out_open(&junit);
    if (!diag_print_junit(fp, r))
        abort();
    fuzz_out_close(&junit);
    fuzz_check_xml("JUnit XML", junit.buf, junit.len);
    fuzz_out_free(&junit);

    for (int f = 0; f < 2; f++) {
        if (!state_write_tail(run->sw[f]))
            abort();
        fuzz_out_close(&run->out[f]);
        if (f)
            fuzz_check_json("state JSON", run->out[f].buf, run->out[f].len);
        else
            fuzz_check_xml("state XML", run->out[f].buf, run->out[f].len);
        fuzz_out_free(&run->out[f]);
    }
    memset(&r->diags, 0, sizeof(r->diags));
    diag_free(&run->diags);
    arena_free(&run->mem);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    bool named = (size & 1) == 0;
    struct run run;
    memset(&run, 0, sizeof(run));
    struct team scratch_team;
    team_init(&scratch_team);
    struct sinks s = {.team = &scratch_team, .diags = &run.diags};
    s.deal_b = deal_builder_new(on_deal, &run);
    deal_builder_use_arena(s.deal_b, &run.mem); /* the deals outlive the builder's next one */
    run_setup(&run, &team, DOC_DEAL);

    struct load_result res;
    load(&s, F_FUZZ, named, (const char *)data, size, &res);
    run.inputs[F_FUZZ].kind = res.kind;
    run.inputs[F_FUZZ].failed = res.outcome == LOAD_FAILED;

    struct process *p = NULL;
    if (res.kind == DOC_TEAM) {
        /* The sample process compiled against this team, and the fixed deal. */
        team_builder_free(s.team_b);
        s.team_b = NULL;
        run.repo.team = scratch_team;
        p = load_process(F_STANDARD, &scratch_team, &run.diags);
        if (p)
            run_deal(&run, p, &fixed_deal);
    } else if (res.kind == DOC_PROCESS && s.process_b && res.outcome == LOAD_DONE && res.errors == 0) {
        /* This process compiled against the sample team, and the fixed deal. */
        p = process_builder_take(s.process_b);
        if (p) {
            process_compile(p, &team, &run.diags);
            run_deal(&run, p, &fixed_deal);
        }
    }
    run_write(&run, p);
    run_end(&run);

    process_free(p);
    team_builder_free(s.team_b);
    process_builder_free(s.process_b);
    deal_builder_free(s.deal_b);
    team_free(&scratch_team);
    for (size_t i = 0; i < n_processes; i++)
        processes[i]->index = (uint32_t)i;
    return 0;
}
