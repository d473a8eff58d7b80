/*
 * What dealc eval and dealc report share: a whole run written as a state
 * document, with every diagnostic printed to standard error as soon as it
 * is final and counted into the state, so neither the diagnostics nor the
 * deals are held in memory.
 */
#include "cli.h"

#include "diag_print.h"
#include "state.h"

struct state_run {
    struct state_writer *sw;
    const struct repo *r;
    bool quiet;
};

static void note_and_print(void *ctx, const struct diag *d)
{
    struct state_run *sr = ctx;
    state_note_diag(sr->sw, d);
    if (!sr->quiet)
        diag_print_one(stderr, d, repo_path_of, sr->r, false);
}

bool write_state(struct repo *r, FILE *out, enum emit_format format, bool quiet,
                 struct report_parts *parts)
{
    repo_load_definitions(r);
    struct state_run sr = {state_writer_new(out, format, r), r, quiet};
    if (parts)
        state_writer_parts(sr.sw, parts);
    state_write_head(sr.sw);
    r->emit = note_and_print;
    r->emit_ctx = &sr;
    struct repo_consumer consumer = state_consumer(sr.sw);
    repo_evaluate_deals(r, &consumer);
    repo_flush_diags(r);
    r->emit = NULL;
    r->emit_ctx = NULL;
    return state_write_tail(sr.sw);
}
