/*
 * The three passes of a run; see repo.h.
 */
#include "repo.h"

#include "process.h"
#include "team.h"

#include <errno.h>
#include <pthread.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/*
 * A pipe, FIFO or device named on the command line (/dev/stdin) can be read
 * only once, and every pass reads an input: such an input is read whole now
 * and the passes parse the copy.
 */
static void read_once_if_stream(struct repo_input *in)
{
    struct stat st;
    if (stat(in->path, &st) != 0 || S_ISREG(st.st_mode) || S_ISDIR(st.st_mode))
        return;
    int fd = open(in->path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return; /* the first pass says why */
    struct strbuf sb = {0};
    char buf[65536];
    for (;;) {
        ssize_t n = read(fd, buf, sizeof(buf));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        sb_add(&sb, buf, (size_t)n);
    }
    close(fd);
    in->owned = sb.buf ? sb.buf : xstrdup("");
    in->data = in->owned;
    in->size = sb.len;
}

enum {
    PEEK_BYTES = 4096,
    KEEP_FILE_MAX = 64 << 10 /* small files are kept whole from their first read, up to r->keep_total in all */
};

/*
 * Reads a small regular file whole into in->owned when the budget allows,
 * so that its pass does not open it again: with thousands of one-deal
 * files, opening is a good part of the run.
 */
static bool keep_whole(struct repo_input *in, int fd, atomic_size_t *budget)
{
    if (!in->regular || in->disk_size < 0 || in->disk_size > KEEP_FILE_MAX)
        return false;
    size_t want = (size_t)in->disk_size;
    size_t left = atomic_load_explicit(budget, memory_order_relaxed);
    do
        if (left < want)
            return false;
    while (!atomic_compare_exchange_weak_explicit(budget, &left, left - want, memory_order_relaxed,
                                                  memory_order_relaxed));
    /*
     * Each read asks for one byte more than the walk saw is left: a short
     * read is the end of the file, and a byte too many means it grew.
     */
    char *buf = xmalloc(want + 1);
    size_t got = 0;
    ssize_t n;
    for (;;) {
        n = read(fd, buf + got, want + 1 - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0 || (got += (size_t)n) >= want)
            break;
    }
    if (n < 0 || got > want) {
        /* Grown since the walk, or unreadable: the pass reads it as any other file. */
        free(buf);
        atomic_fetch_add_explicit(budget, want, memory_order_relaxed);
        return false;
    }
    buf[got] = '\0';
    in->owned = buf;
    in->data = buf;
    in->size = got;
    in->kept = true;
    return true;
}

/* The kind the first 4 KB of an input plainly show, or DOC_NONE (see sniff_kind). */
static enum doc_kind peek_kind(struct repo_input *in, atomic_size_t *budget)
{
    if (!in->data) {
        int fd = open(in->path, O_RDONLY | O_CLOEXEC);
        if (fd < 0)
            return DOC_NONE;
        bool kept = keep_whole(in, fd, budget);
        if (!kept) {
            char head[PEEK_BYTES];
            ssize_t n;
            do
                n = pread(fd, head, sizeof(head), 0);
            while (n < 0 && errno == EINTR);
            close(fd);
            return n > 0 ? sniff_kind(head, (size_t)n) : DOC_NONE;
        }
        close(fd);
    }
    return sniff_kind(in->data, in->size < PEEK_BYTES ? in->size : PEEK_BYTES);
}

void repo_release_input(struct repo *r, uint32_t file)
{
    struct repo_input *in = &r->inputs[file];
    if (!in->kept)
        return;
    free(in->owned);
    in->owned = NULL;
    in->data = NULL;
    in->size = 0;
    in->kept = false;
}

struct peeker {
    struct repo *r;
    enum doc_kind *kinds;
    uint32_t first, step;
    atomic_size_t *budget;
};

static void *peek_some(void *arg)
{
    struct peeker *pk = arg;
    for (uint32_t i = pk->first; i < pk->r->n_inputs; i += pk->step)
        pk->kinds[i] = peek_kind(&pk->r->inputs[i], pk->budget);
    return NULL;
}

/* Every input's first bytes, on r->jobs threads: with many small files this is mostly waiting on open. */
static enum doc_kind *peek_kinds(struct repo *r)
{
    atomic_size_t budget = r->keep_total;
    enum doc_kind *kinds = xcalloc(r->n_inputs + 1, sizeof(*kinds));
    unsigned jobs = r->jobs > 1 && r->n_inputs >= 64 ? r->jobs : 1;
    struct peeker *pk = xcalloc(jobs, sizeof(*pk));
    pthread_t *threads = xcalloc(jobs, sizeof(*threads));
    bool *started = xcalloc(jobs, sizeof(*started));
    for (unsigned t = 0; t < jobs; t++) {
        pk[t] = (struct peeker){r, kinds, t, jobs, &budget};
        started[t] = t > 0 && pthread_create(&threads[t], NULL, peek_some, &pk[t]) == 0;
    }
    for (unsigned t = 0; t < jobs; t++)
        if (!started[t])
            peek_some(&pk[t]); /* this thread's share, and that of any thread that did not start */
    for (unsigned t = 1; t < jobs; t++)
        if (started[t])
            pthread_join(threads[t], NULL);
    free(started);
    free(threads);
    free(pk);
    return kinds;
}

bool repo_init(struct repo *r, const struct input_list *inputs, int32_t as_of_day)
{
    memset(r, 0, sizeof(*r));
    r->jobs = 1;
    r->split_min = REPO_SPLIT_MIN;
    r->piece_target = REPO_PIECE_TARGET;
    r->keep_total = REPO_KEEP_TOTAL;
    r->schemas = schema_set_new();
    if (!r->schemas)
        return false;
    r->as_of_day = as_of_day;
    r->n_inputs = inputs->len;
    r->inputs = xcalloc(inputs->len, sizeof(*r->inputs));
    for (size_t i = 0; i < inputs->len; i++) {
        r->inputs[i].path = inputs->items[i].path;
        r->inputs[i].display = utf8_clean(&r->ids, r->inputs[i].path, strlen(r->inputs[i].path), true);
        r->inputs[i].named = inputs->items[i].named;
        r->inputs[i].disk_size = (long long)inputs->items[i].size;
        r->inputs[i].regular = inputs->items[i].regular;
        if (!r->inputs[i].regular)
            read_once_if_stream(&r->inputs[i]);
    }
    team_init(&r->team);
    return true;
}

void repo_forget_deal_ids(struct repo *r)
{
    idset_free(&r->deal_ids);
}

void repo_free(struct repo *r)
{
    for (size_t i = 0; i < r->n_processes; i++)
        process_free(r->processes[i]);
    free(r->processes);
    strmap_free(&r->process_by_id);
    strmap_free(&r->broken_process_ids);
    repo_forget_deal_ids(r);
    arena_free(&r->ids);
    team_free(&r->team);
    diag_free(&r->diags);
    schema_set_free(r->schemas);
    for (size_t i = 0; i < r->n_inputs; i++)
        free(r->inputs[i].owned);
    free(r->inputs);
    memset(r, 0, sizeof(*r));
}

enum { FLUSH_BATCH = 4096 };

void repo_watermark(struct repo *r, uint32_t file, uint32_t line)
{
    if (r->emit && r->diags.len >= FLUSH_BATCH)
        diag_flush_below(&r->diags, file, line, r->emit, r->emit_ctx);
}

void repo_flush_diags(struct repo *r)
{
    if (r->emit)
        diag_flush_below(&r->diags, UINT32_MAX, UINT32_MAX, r->emit, r->emit_ctx);
    else
        diag_sort(&r->diags);
}

const char *repo_input_path(const struct repo *r, uint32_t file)
{
    if (file >= r->n_inputs)
        return "?";
    /* display is set by repo_init; a repo filled by hand (the fuzzers') may have only path. */
    return r->inputs[file].display ? r->inputs[file].display : r->inputs[file].path;
}

/* ---- pass plumbing ---- */

struct pass {
    struct repo *r;
    enum doc_kind want; /* DOC_TEAM, DOC_PROCESS or DOC_DEAL (both deal kinds) */
    struct team_builder *team;
    struct process_builder *process;
};

static const struct element_sink *choose(void *ctx, enum doc_kind kind, struct loader *L)
{
    (void)L;
    struct pass *pass = ctx;
    switch (pass->want) {
    case DOC_TEAM:
        return kind == DOC_TEAM ? team_builder_sink(pass->team) : NULL;
    default:
        return kind == DOC_PROCESS ? process_builder_sink(pass->process) : NULL;
    }
}

static void load_input(struct pass *pass, uint32_t index, struct load_result *res)
{
    struct repo *r = pass->r;
    struct repo_input *in = &r->inputs[index];
    struct load_request req = {
        .path = in->path,
        .file = index,
        .named = in->named,
        .schemas = r->schemas,
        .diags = &r->diags,
        .choose = choose,
        .choose_ctx = pass,
        .data = in->data,
        .size = in->size,
    };
    load_file(&req, res);
    if (res->outcome == LOAD_IO_ERROR) {
        fprintf(stderr, "dealc: cannot read %s: %s\n", in->path, res->io_error);
        r->io_failures++;
        in->failed = true;
        in->unreadable = true;
    } else if (res->outcome == LOAD_FAILED) {
        in->failed = true;
    }
}

/* ---- processes ---- */

static void register_process(struct repo *r, struct process *p)
{
    const struct process *first = strmap_get(&r->process_by_id, p->id);
    if (first) {
        size_t d = diag_add(&r->diags, p->at, D_DUPLICATE_ID, "process id '%s' is already used", p->id);
        diag_add_note(&r->diags, d, first->at, "process '%s' is first defined here", p->id);
        process_free(p);
        return;
    }
    process_compile(p, &r->team, &r->diags);
    p->index = (uint32_t)r->n_processes;
    GROW(r->processes, r->processes_cap, r->n_processes + 1);
    r->processes[r->n_processes++] = p;
    strmap_put(&r->process_by_id, p->id, p);
}

void repo_load_definitions(struct repo *r)
{
    struct pass pass = {.r = r};
    struct load_result res;

    /* Pass 1: every input's kind, and the team. */
    pass.want = DOC_TEAM;
    pass.team = team_builder_new(&r->team, &r->diags);
    enum doc_kind *peeked = peek_kinds(r);
    for (uint32_t i = 0; i < r->n_inputs; i++) {
        /*
         * Most inputs plainly say what they are in their first bytes; those
         * need no parser yet (the full parse of their pass reports any
         * error). The team, and anything not plain, go to the parser.
         */
        enum doc_kind kind = peeked[i];
        if (kind == DOC_PROCESS || kind == DOC_DEAL || kind == DOC_DEALS) {
            r->inputs[i].kind = kind;
            r->files_read++;
            continue;
        }
        load_input(&pass, i, &res);
        r->inputs[i].kind = res.kind;
        if (res.outcome != LOAD_FOREIGN && res.outcome != LOAD_IO_ERROR)
            r->files_read++;
    }
    free(peeked);
    team_builder_free(pass.team);
    pass.team = NULL;

    /* Pass 2: processes, compiled against the whole team. */
    pass.want = DOC_PROCESS;
    for (uint32_t i = 0; i < r->n_inputs; i++) {
        if (r->inputs[i].kind != DOC_PROCESS || r->inputs[i].failed)
            continue;
        pass.process = process_builder_new();
        load_input(&pass, i, &res);
        if (res.outcome == LOAD_DONE && res.errors == 0) {
            struct process *p = process_builder_take(pass.process);
            if (p)
                register_process(r, p);
        } else if (process_builder_id(pass.process)) {
            const char *id = arena_strdup(&r->ids, process_builder_id(pass.process));
            strmap_put(&r->broken_process_ids, id, (void *)id);
        }
        process_builder_free(pass.process);
        pass.process = NULL;
    }
}

void repo_run(struct repo *r, const struct repo_consumer *consumer)
{
    repo_load_definitions(r);
    repo_evaluate_deals(r, consumer);
}
