/*
 * Pass 3 of a run: every deal of every deal document, parsed, validated and
 * evaluated, then committed in input order. Work is cut into units (a deal
 * file, or a piece of a large bulk file, see split.h) that worker threads
 * parse and evaluate into memory of their own; the calling thread commits
 * finished units strictly in order: it claims deal ids (so "first" of a
 * duplicate is the same whatever the timing), hands each deal to the
 * consumer and merges the diagnostics. With one job, or for a file that
 * cannot be cut and is too large to hold, a unit is streamed instead:
 * parsed on the calling thread with each deal committed as soon as it is
 * read. Both ways run the same evaluation and the same commit, so the
 * output does not depend on the number of threads.
 */
#include "repo.h"

#include "deal.h"
#include "split.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

enum {
    HOLD_MAX = 8 << 20,      /* larger pieces are streamed, not held */
    BATCH_BYTES = 256 << 10, /* small files are handed to a worker this many bytes at a time */
    BATCH_FILES = 128
};

/* ---- what every deal goes through ---- */

static void ignore(struct repo *r, const struct deal *d, enum diag_code why)
{
    if (r->consumer.ignored)
        r->consumer.ignored(r->consumer.ctx, d, why);
}

static bool claim_deal_id(struct repo *r, const struct deal *d)
{
    struct place first;
    if (idset_claim(&r->deal_ids, d->id, d->at, &first))
        return true;
    size_t i = diag_add(&r->diags, d->at, D_DUPLICATE_ID, "deal id '%s' is already used", d->id);
    diag_add_note(&r->diags, i, first, "deal '%s' is first defined here", d->id);
    return false;
}

/* Evaluation, on any thread: reads only the team and the compiled processes. */
static const struct process *evaluate(const struct repo *r, const struct deal *d, struct arena *mem,
                                      struct deal_state *state, struct diag_list *diags)
{
    const struct process *p = strmap_get(&r->process_by_id, d->process_id);
    if (p) {
        struct eval_input in = {&r->team, p, d, r->as_of_day};
        eval_deal(&in, mem, state, diags);
    }
    return p;
}

/* The commit, on the calling thread, in input order. */
static void commit_deal(struct repo *r, const struct deal *d, const struct process *p,
                        const struct deal_state *state, const struct diag_list *deal_diags)
{
    if (!claim_deal_id(r, d)) {
        ignore(r, d, D_DUPLICATE_ID);
        return;
    }
    if (!p) {
        /* A process that failed to load was already reported; do not repeat it per deal. */
        if (!strmap_get(&r->broken_process_ids, d->process_id))
            diag_add(&r->diags, d->at, D_UNKNOWN_PROCESS,
                     "deal '%s' follows process '%s', which is not defined", d->id, d->process_id);
        ignore(r, d, D_UNKNOWN_PROCESS);
        return;
    }
    r->deals_evaluated++;
    if (r->consumer.deal) {
        struct eval_input in = {&r->team, p, d, r->as_of_day};
        r->consumer.deal(r->consumer.ctx, &in, state, deal_diags);
    }
    size_t first = r->diags.len;
    diag_append(&r->diags, deal_diags);
    for (size_t i = first; i < r->diags.len; i++)
        r->diags.items[i].in_deal = true;
}

/* ---- progress ---- */

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Redraws the bar at most five times a second; a no-op unless r->progress. */
static void draw_progress(struct repo *r, bool final)
{
    if (!r->progress)
        return;
    double t = now();
    if (!final && t - r->progress_drawn < 0.2)
        return;
    r->progress_drawn = t;
    if (final) {
        fputs("\r\033[K", stderr);
        return;
    }
    size_t done = atomic_load_explicit(&r->bytes_read, memory_order_relaxed);
    double fraction = r->bytes_total ? (double)done / (double)r->bytes_total : 0;
    if (fraction > 1)
        fraction = 1;
    double elapsed = t - r->progress_start;
    char bar[31];
    int filled = (int)(fraction * 30);
    for (int i = 0; i < 30; i++)
        bar[i] = i < filled ? '#' : '.';
    bar[30] = '\0';
    double left = fraction > 0.01 ? elapsed / fraction - elapsed : 0;
    fprintf(stderr, "\r[%s] %3.0f%%  %.0f/%.0f MB  %.0f deals/s  %d:%02d left\033[K", bar,
            fraction * 100, (double)done / 1e6, (double)r->bytes_total / 1e6,
            elapsed > 0 ? (double)r->deals_seen / elapsed : 0, (int)left / 60, (int)left % 60);
}

/* ---- units ---- */

struct deal_result {
    struct deal deal;
    const struct process *process;
    struct deal_state state;
    size_t first_diag, n_diags; /* in the unit's eval_diags */
};

struct unit {
    uint32_t file;
    /* A held unit may carry more small files after the first, to spare a hand-over per file. */
    uint32_t *more;
    struct load_result *more_res;
    size_t n_more, more_cap;
    off_t bytes;
    bool is_piece;
    struct piece piece;
    bool stream; /* parsed by the committer, each deal committed as it is read */

    struct arena mem;
    struct diag_list load_diags, eval_diags;
    struct deal_result *deals;
    size_t n_deals, deals_cap;
    struct load_result res;
    size_t deals_seen;
    bool done;

    struct unit *next_in_order;
    struct unit *next_work;
};

struct streaming {
    struct repo *r;
    struct arena mem;
    struct diag_list diags;
};

struct loading {
    struct deal_builder *builder;
};

static const struct element_sink *choose_deals(void *ctx, enum doc_kind kind, struct loader *L)
{
    (void)L;
    struct loading *ld = ctx;
    return kind == DOC_DEAL || kind == DOC_DEALS ? deal_builder_sink(ld->builder, kind) : NULL;
}

static void load_one(const struct repo *r, const struct unit *u, uint32_t file,
                     struct deal_builder *builder, struct diag_list *diags, struct load_result *res)
{
    struct loading ld = {builder};
    struct load_chunk chunk;
    struct load_request req = {
        .path = r->inputs[file].path,
        .file = file,
        .named = r->inputs[file].named,
        .schemas = r->schemas,
        .diags = diags,
        .choose = choose_deals,
        .choose_ctx = &ld,
        .bytes_read = (atomic_size_t *)&r->bytes_read,
        .data = r->inputs[file].data,
        .size = r->inputs[file].size,
    };
    if (u->is_piece) {
        chunk = (struct load_chunk){u->piece.data, u->piece.size, (long long)u->piece.offset,
                                    u->piece.prefix, u->piece.suffix, u->piece.first_line,
                                    u->piece.root_line, u->piece.root_col, u->piece.col_shift, u->piece.tags_checked};
        req.chunk = &chunk;
    }
    load_file(&req, res);
}

static void load_unit(const struct repo *r, const struct unit *u, struct deal_builder *builder,
                      struct diag_list *diags, struct load_result *res)
{
    load_one(r, u, u->file, builder, diags, res);
}

static void report_io(struct repo *r, uint32_t file, const struct load_result *res)
{
    if (res->outcome != LOAD_IO_ERROR)
        return;
    fprintf(stderr, "dealc: cannot read %s: %s\n", r->inputs[file].path, res->io_error);
    r->io_failures++;
    r->inputs[file].failed = true;
    r->inputs[file].unreadable = true;
}

/* Streaming: each deal evaluated and committed as soon as it is read. */
static void stream_deal(void *ctx, const struct deal *d)
{
    struct streaming *s = ctx;
    arena_reset(&s->mem);
    diag_clear(&s->diags);
    struct deal_state state;
    const struct process *p = evaluate(s->r, d, &s->mem, &state, &s->diags);
    /* Deals come in order: everything before this one is said. */
    repo_watermark(s->r, d->at.file, d->at.line);
    commit_deal(s->r, d, p, &state, &s->diags);
    s->r->deals_seen++;
    draw_progress(s->r, false);
}

static void stream_unit(struct repo *r, struct unit *u)
{
    struct streaming s = {.r = r};
    struct deal_builder *b = deal_builder_new(stream_deal, &s);
    size_t seen = r->deals_seen;
    load_unit(r, u, b, &r->diags, &u->res);
    /* Counted as they came, for the progress bar; the builder knows them all. */
    r->deals_seen = seen + deal_builder_count(b);
    deal_builder_free(b);
    arena_free(&s.mem);
    diag_free(&s.diags);
    report_io(r, u->file, &u->res);
    repo_release_input(r, u->file);
}

/* Held: deals evaluated into the unit's memory, committed later. Runs on a worker. */
struct worker_ctx {
    const struct repo *r;
    struct unit *u;
};

static void hold_and_evaluate(void *ctx, const struct deal *d)
{
    struct worker_ctx *w = ctx;
    struct unit *u = w->u;
    GROW(u->deals, u->deals_cap, u->n_deals + 1);
    struct deal_result *dr = &u->deals[u->n_deals++];
    dr->deal = *d; /* its strings and arrays are in u->mem */
    dr->first_diag = u->eval_diags.len;
    dr->process = evaluate(w->r, &dr->deal, &u->mem, &dr->state, &u->eval_diags);
    dr->n_diags = u->eval_diags.len - dr->first_diag;
}

static void hold_unit(const struct repo *r, struct unit *u)
{
    struct worker_ctx w = {r, u};
    struct deal_builder *b = deal_builder_new(hold_and_evaluate, &w);
    deal_builder_use_arena(b, &u->mem);
    load_unit(r, u, b, &u->load_diags, &u->res);
    for (size_t i = 0; i < u->n_more; i++)
        load_one(r, u, u->more[i], b, &u->load_diags, &u->more_res[i]);
    u->deals_seen = deal_builder_count(b);
    deal_builder_free(b);
}

static void free_unit(struct unit *u)
{
    piece_free(&u->piece);
    arena_free(&u->mem);
    diag_free(&u->load_diags);
    diag_free(&u->eval_diags);
    free(u->deals);
    free(u->more);
    free(u->more_res);
    free(u);
}

/* The deal's diagnostics as a list of their own, for the consumer. */
static void diag_view(const struct diag_list *all, size_t first, size_t n, struct diag_list *view)
{
    memset(view, 0, sizeof(*view));
    view->items = n ? all->items + first : NULL; /* all->items may be NULL, and NULL + 0 is undefined */
    view->len = n;
    for (size_t i = 0; i < n; i++)
        view->counts[view->items[i].sev]++;
}

/* Commits a held unit; returns false when the file's parse ended there on a fatal error. */
static bool commit_unit(struct repo *r, struct unit *u)
{
    repo_watermark(r, u->file, u->is_piece ? u->piece.first_line : 0);
    diag_append(&r->diags, &u->load_diags);
    for (size_t i = 0; i < u->n_deals; i++) {
        struct deal_result *dr = &u->deals[i];
        struct diag_list view;
        diag_view(&u->eval_diags, dr->first_diag, dr->n_diags, &view);
        commit_deal(r, &dr->deal, dr->process, &dr->state, &view);
    }
    r->deals_seen += u->deals_seen;
    report_io(r, u->file, &u->res);
    repo_release_input(r, u->file);
    for (size_t i = 0; i < u->n_more; i++) {
        report_io(r, u->more[i], &u->more_res[i]);
        repo_release_input(r, u->more[i]);
    }
    draw_progress(r, false);
    return u->res.outcome != LOAD_FAILED && u->res.outcome != LOAD_IO_ERROR;
}

/* ---- threads ---- */

struct pool {
    struct repo *r;
    pthread_mutex_t mu;
    pthread_cond_t work_ready, unit_done;
    struct unit *work_head, *work_tail;
    bool closing;
    pthread_t *threads;
    unsigned n_threads;

    struct unit *order_head, *order_tail; /* every unit not yet committed, in input order */
    size_t in_flight;
    uint32_t stopped_file; /* a piece of this file ended on a fatal error: drop the rest */
    bool stop_active;
};

static void *worker_main(void *arg)
{
    struct pool *pool = arg;
    for (;;) {
        pthread_mutex_lock(&pool->mu);
        while (!pool->work_head && !pool->closing)
            pthread_cond_wait(&pool->work_ready, &pool->mu);
        struct unit *u = pool->work_head;
        if (u) {
            pool->work_head = u->next_work;
            if (!pool->work_head)
                pool->work_tail = NULL;
        }
        pthread_mutex_unlock(&pool->mu);
        if (!u)
            return NULL;
        hold_unit(pool->r, u);
        pthread_mutex_lock(&pool->mu);
        u->done = true;
        pthread_cond_broadcast(&pool->unit_done);
        pthread_mutex_unlock(&pool->mu);
    }
}

/* Commits the finished units at the head of the order; with wait, at least the head. */
static void commit_ready(struct pool *pool, bool wait)
{
    for (;;) {
        pthread_mutex_lock(&pool->mu);
        struct unit *u = pool->order_head;
        while (u && wait && !u->done && !u->stream)
            pthread_cond_wait(&pool->unit_done, &pool->mu);
        if (!u || (!u->done && !u->stream)) {
            pthread_mutex_unlock(&pool->mu);
            return;
        }
        pool->order_head = u->next_in_order;
        if (!pool->order_head)
            pool->order_tail = NULL;
        if (!u->stream)
            pool->in_flight--;
        pthread_mutex_unlock(&pool->mu);
        wait = false;

        bool dropped = pool->stop_active && pool->stopped_file == u->file;
        if (!dropped) {
            bool ok = true;
            if (u->stream) {
                repo_watermark(pool->r, u->file, u->is_piece ? u->piece.first_line : 0);
                stream_unit(pool->r, u);
            }
            else
                ok = commit_unit(pool->r, u);
            if (!ok && u->is_piece) {
                pool->stop_active = true;
                pool->stopped_file = u->file;
            }
        }
        free_unit(u);
    }
}

static void submit(struct pool *pool, struct unit *u)
{
    pthread_mutex_lock(&pool->mu);
    if (pool->order_tail)
        pool->order_tail->next_in_order = u;
    else
        pool->order_head = u;
    pool->order_tail = u;
    if (!u->stream) {
        pool->in_flight++;
        if (pool->work_tail)
            pool->work_tail->next_work = u;
        else
            pool->work_head = u;
        pool->work_tail = u;
        pthread_cond_signal(&pool->work_ready);
    }
    pthread_mutex_unlock(&pool->mu);
    /* Bounded memory: never more than two units per thread parsed ahead. */
    commit_ready(pool, false);
    while (pool->in_flight >= 2 * (size_t)pool->n_threads)
        commit_ready(pool, true);
}

static struct unit *new_unit(uint32_t file)
{
    struct unit *u = xcalloc(1, sizeof(*u));
    u->file = file;
    return u;
}

/*
 * Pieces of r->piece_target bytes, but a PIECES_WANTED-th of a file of a few
 * megabytes (never under PIECE_MIN): the last piece keeps one thread busy
 * while the others wait, and with a dozen pieces that is a twelfth of the work.
 */
enum { PIECES_WANTED = 32, PIECE_MIN = 256 << 10 };

static size_t piece_size(const struct repo *r, off_t size)
{
    size_t even = (size_t)size / PIECES_WANTED;
    if (even < PIECE_MIN)
        even = PIECE_MIN;
    return even < r->piece_target ? even : r->piece_target;
}

static void submit_pieces(struct pool *pool, uint32_t file, off_t size)
{
    struct repo *r = pool->r;
    struct splitter *sp = splitter_open(r->inputs[file].path, piece_size(r, size));
    if (!sp) {
        struct unit *u = new_unit(file);
        u->stream = true;
        submit(pool, u);
        return;
    }
    for (;;) {
        struct piece piece;
        enum split_status st = splitter_next(sp, &piece);
        if (st == SPLIT_END)
            break;
        struct unit *u = new_unit(file);
        if (st == SPLIT_PIECE) {
            u->is_piece = true;
            u->piece = piece;
            /* The rest of a file read from disk may be large: stream it. */
            u->stream = !piece.data && size - piece.offset > HOLD_MAX;
        } else {
            u->stream = true; /* whole, or unreadable: the loader says why */
        }
        submit(pool, u);
        if (st != SPLIT_PIECE)
            break;
    }
    splitter_close(sp);
}

static void run_threads(struct repo *r)
{
    struct pool pool = {.r = r};
    pthread_mutex_init(&pool.mu, NULL);
    pthread_cond_init(&pool.work_ready, NULL);
    pthread_cond_init(&pool.unit_done, NULL);
    pool.n_threads = r->jobs;
    pool.threads = xcalloc(pool.n_threads, sizeof(*pool.threads));
    unsigned started = 0;
    for (; started < pool.n_threads; started++)
        if (pthread_create(&pool.threads[started], NULL, worker_main, &pool) != 0)
            break;
    if (started == 0) {
        /* No thread could start: the calling thread streams everything. */
        pool.n_threads = 1;
    }
    struct unit *batch = NULL; /* small files gathered into one unit */
    for (uint32_t i = 0; i < r->n_inputs; i++) {
        enum doc_kind k = r->inputs[i].kind;
        if ((k != DOC_DEAL && k != DOC_DEALS) || r->inputs[i].failed)
            continue;
        long long size = r->inputs[i].disk_size;
        bool big = !r->inputs[i].data && size >= 0 && (unsigned long long)size >= r->split_min;
        if (!big && started > 0) {
            if (!batch) {
                batch = new_unit(i);
            } else {
                GROW(batch->more, batch->more_cap, batch->n_more + 1);
                batch->more_res = xrealloc(batch->more_res, batch->more_cap * sizeof(*batch->more_res));
                batch->more[batch->n_more++] = i;
            }
            batch->bytes += (off_t)size;
            if (batch->bytes >= BATCH_BYTES || batch->n_more + 1 >= BATCH_FILES) {
                submit(&pool, batch);
                batch = NULL;
            }
            continue;
        }
        if (batch) {
            submit(&pool, batch);
            batch = NULL;
        }
        if (started == 0) {
            struct unit *u = new_unit(i);
            u->stream = true;
            submit(&pool, u);
        } else if (k == DOC_DEALS) {
            submit_pieces(&pool, i, (off_t)size);
        } else {
            struct unit *u = new_unit(i);
            u->stream = true;
            submit(&pool, u);
        }
    }
    if (batch)
        submit(&pool, batch);
    while (pool.order_head)
        commit_ready(&pool, true);
    pthread_mutex_lock(&pool.mu);
    pool.closing = true;
    pthread_cond_broadcast(&pool.work_ready);
    pthread_mutex_unlock(&pool.mu);
    for (unsigned t = 0; t < started; t++)
        pthread_join(pool.threads[t], NULL);
    free(pool.threads);
    pthread_cond_destroy(&pool.work_ready);
    pthread_cond_destroy(&pool.unit_done);
    pthread_mutex_destroy(&pool.mu);
}

enum { PROGRESS_MIN = 16 << 20 }; /* smaller runs end before a bar would help */

void repo_evaluate_deals(struct repo *r, const struct repo_consumer *consumer)
{
    static const struct repo_consumer none = {0};
    r->consumer = consumer ? *consumer : none;
    if (r->progress) {
        for (uint32_t i = 0; i < r->n_inputs; i++) {
            const struct repo_input *in = &r->inputs[i];
            if ((in->kind == DOC_DEAL || in->kind == DOC_DEALS) && !in->failed)
                r->bytes_total += in->data ? in->size : (size_t)(in->disk_size > 0 ? in->disk_size : 0);
        }
        r->progress = r->bytes_total >= PROGRESS_MIN;
        r->progress_start = now();
    }
    if (r->jobs > 1) {
        run_threads(r);
    } else {
        for (uint32_t i = 0; i < r->n_inputs; i++) {
            enum doc_kind k = r->inputs[i].kind;
            if ((k != DOC_DEAL && k != DOC_DEALS) || r->inputs[i].failed)
                continue;
            struct unit u = {.file = i};
            repo_watermark(r, i, 0);
            stream_unit(r, &u);
        }
    }
    draw_progress(r, true);
}
