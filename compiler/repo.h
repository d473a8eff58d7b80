/*
 * A run over a repository of documents: the edge that ties loading,
 * compiling and evaluation together. Inputs are loaded in three passes so
 * that byte order of paths never matters for meaning: team documents first,
 * then processes (compiled against the whole team), then deals, streamed one
 * at a time to the evaluator and on to the command's consumer.
 */
#ifndef DEALC_REPO_H
#define DEALC_REPO_H

#include "eval.h"
#include "idset.h"
#include "load.h"
#include "walk.h"

#include <stdatomic.h>

struct repo_input {
    const char *path;    /* as given or found: what is opened */
    const char *display; /* the same, fit for output: a file name need not be UTF-8 */
    bool named;
    enum doc_kind kind;
    bool failed; /* malformed, DOCTYPE, unknown or unreadable: not loaded again */
    bool unreadable;
    const char *data; /* when set, the content to use instead of reading path (a Git revision's) */
    size_t size;
    char *owned;      /* data read by the run itself (from a pipe, or kept from pass 1) */
    bool kept;        /* owned is pass 1's copy of a small file, freed once its deals are read */
    bool regular;     /* a regular file when walked (not a pipe to read once) */
    long long disk_size; /* as the walk found it */
};

/* Per evaluated deal: the input, its state and the deal's own diagnostics. */
typedef void repo_deal_fn(void *ctx, const struct eval_input *in, const struct deal_state *state,
                          const struct diag_list *deal_diags);
/* Per deal that was read but not evaluated: code says why (duplicate-id, unknown-process). */
typedef void repo_ignored_fn(void *ctx, const struct deal *d, enum diag_code why);

struct repo_consumer {
    repo_deal_fn *deal;       /* may be NULL */
    repo_ignored_fn *ignored; /* may be NULL */
    void *ctx;
};

struct repo {
    struct repo_input *inputs;
    size_t n_inputs;
    struct schema_set *schemas;
    struct team team;
    struct process **processes; /* in input order */
    size_t n_processes, processes_cap;
    struct strmap process_by_id;
    struct strmap broken_process_ids; /* processes whose documents had errors */
    struct arena ids;                 /* keys of the maps above */
    struct idset deal_ids;            /* with the place of each first definition */
    struct diag_list diags;
    int32_t as_of_day;
    size_t deals_seen;      /* deal elements in the inputs */
    size_t deals_evaluated;
    size_t files_read;      /* dealc documents among the inputs */
    int io_failures;        /* inputs that could not be read: exit status 2 */

    unsigned jobs;          /* threads for pass 3; 1 (the default) runs it on this one */
    /*
     * When set, diagnostics are handed out in order as soon as nothing more
     * can come before them, and then forgotten: memory does not grow with
     * their number. When not, they stay in diags (sorted by repo_flush_diags).
     */
    diag_emit_fn *emit;
    void *emit_ctx;
    bool progress;          /* draw a progress bar on stderr during pass 3 */
    atomic_size_t bytes_read;
    size_t bytes_total;
    double progress_start, progress_drawn;
    struct repo_consumer consumer;
    /*
     * How the work is cut: bulk files of split_min bytes or more go to the
     * workers in pieces of about piece_target bytes at most (smaller in a
     * file of a few megabytes, see piece_size), and pass 1 keeps small
     * files whole up to keep_total bytes in all. repo_init sets the values
     * below; the fuzzers make them tiny, so that small inputs take every path.
     */
    size_t split_min, piece_target, keep_total;
};

enum {
    REPO_SPLIT_MIN = 4 << 20,
    REPO_PIECE_TARGET = 1 << 20,
    REPO_KEEP_TOTAL = 32 << 20
};

/* Prepares a run over inputs (already sorted); false when the schemas cannot be built. */
bool repo_init(struct repo *r, const struct input_list *inputs, int32_t as_of_day);
/* Passes 1 and 2: classifies every input, loads the team and compiles the processes. */
void repo_load_definitions(struct repo *r);
/*
 * Pass 3 (pipeline.c): streams every deal through the evaluator to the
 * consumer (may be NULL), on r->jobs threads, with the same result whatever
 * their number.
 */
void repo_evaluate_deals(struct repo *r, const struct repo_consumer *consumer);
/* Nothing more will be said of places before (file, line): hand out what is final. */
void repo_watermark(struct repo *r, uint32_t file, uint32_t line);
/* At the end: every remaining diagnostic, sorted (to emit, when set). */
void repo_flush_diags(struct repo *r);

/* Frees pass 1's copy of a small input once nothing more reads it (its deals are read). */
void repo_release_input(struct repo *r, uint32_t file);
/* Both passes, for commands that need nothing in between. */
void repo_run(struct repo *r, const struct repo_consumer *consumer);
/* Frees the id set once every deal is evaluated, for work that follows (the report's pages). */
void repo_forget_deal_ids(struct repo *r);
void repo_free(struct repo *r);
/* The path of input file (as given or found), "?" for an index out of range. */
const char *repo_input_path(const struct repo *r, uint32_t file);

#endif
