/*
 * Per-process statistics (SPEC §2), gathered deal by deal as deals stream
 * past, so what is kept is proportional to the processes, stages, steps,
 * owners and currencies, never to the number of deals. Pure: no I/O.
 */
#ifndef DEALC_STATS_H
#define DEALC_STATS_H

#include "eval.h"
#include "model.h"

/* Sums per currency; a handful of currencies, so a small array. */
struct money_sum {
    char currency[4];
    int64_t total;
    bool overflow; /* the exact sum does not fit: total is meaningless */
};
struct money_sums {
    struct money_sum *items;
    size_t len, cap;
};
/* Adds amount to the sum of currency (3 letters); false when it overflowed. */
bool money_sums_add(struct money_sums *s, const char *currency, int64_t amount);
void money_sums_free(struct money_sums *s);

struct stage_stats {
    uint64_t open_now;  /* open deals in it now */
    uint64_t reached;   /* deals that entered it or a later stage, or were won */
    uint64_t left;      /* deals with at least one finished visit */
    uint64_t days_left; /* days those deals spent in it, over finished visits */
    struct money_sums open_amount, open_weighted;
};

struct owner_stats {
    const char *id; /* in the stats' arena */
    uint64_t open, won, lost;
    struct money_sums won_amount;
};

struct process_stats {
    const struct process *process;
    uint64_t open, won, lost;
    /* What needs attention (the report's lists): open and not winnable yet, rotting, with errors, any of those. */
    uint64_t blocked, rotting, with_errors, attention;
    uint64_t days_to_win; /* summed over won deals */
    struct stage_stats *stages;
    uint64_t *step_done;     /* per step: deals that reached its stage and have it done */
    uint64_t *step_blocking; /* per step: open deals it blocks */
    struct owner_stats *owners;
    size_t n_owners, owners_cap;
    struct strmap owner_by_id; /* id -> index + 1 */
    struct arena mem;
};

void stats_init(struct process_stats *ps, const struct process *p);
/* errors: the error diagnostics of the deal's own record. */
void stats_add(struct process_stats *ps, const struct deal *d, const struct deal_state *st, size_t errors);
void stats_free(struct process_stats *ps);

/* The obligatory steps blocking open deals, most often first (ties: process order). */
size_t stats_top_blockers(const struct process_stats *ps, uint32_t *steps);

/* num / den as a decimal with one fraction digit, rounded half up ("12.5"); den > 0. */
void ratio_format(uint64_t num, uint64_t den, unsigned scale, char *buf, size_t size);

#endif
