/*
 * The evaluator: the pure core of dealc. eval_deal walks one deal's log
 * against its compiled process and the team (SPEC §2) and derives its state.
 * It reads only its arguments and writes only *out, the arena and the
 * diagnostic list it is given: no I/O, no globals, so it is unit-tested
 * directly and runs on any number of threads at once.
 */
#ifndef DEALC_EVAL_H
#define DEALC_EVAL_H

#include "diag.h"
#include "model.h"

enum deal_status { DEAL_OPEN, DEAL_WON, DEAL_LOST };
const char *deal_status_name(enum deal_status s);

struct step_state {
    bool done;
    int32_t done_event; /* the completion in force, -1 when not done */
};

struct stage_visit {
    uint32_t stage;
    int32_t entered_event; /* -1: entered on creation */
    int32_t left_event;    /* -1: still there */
    int32_t entered_day;   /* UTC days */
    int32_t left_day;      /* the as-of date while still there and open */
    int32_t days;
};

struct notification {
    uint32_t step;
    int32_t event;
    uint32_t *recipients; /* team indices, team order, without the completer */
    size_t n_recipients;
};

struct deal_state {
    enum deal_status status;
    uint32_t stage;
    int32_t closed_event; /* the won or lost that took effect, -1 */
    int32_t owner_index;  /* in the team, -1 when unknown */
    const char *currency; /* the deal's, else the process's; NULL when none */
    struct step_state *steps; /* one per process step */
    bool *applied;            /* one per event: whether it took effect */
    uint64_t done_value;
    unsigned progress;        /* percent */
    bool has_weighted;
    int64_t weighted;         /* AMOUNT_SCALE units, rounded to cents */
    bool can_win;
    uint32_t *blockers;       /* obligatory steps not done, process order */
    size_t n_blockers;
    struct stage_visit *visits;
    size_t n_visits;
    const char *last_activity; /* text of the last event's at, or created */
    int32_t last_activity_day; /* UTC */
    int32_t idle_days;         /* as-of minus last activity */
    bool rotting;
    struct notification *notifications;
    size_t n_notifications;
};

struct eval_input {
    const struct team *team;
    const struct process *process;
    const struct deal *deal;
    int32_t as_of_day;
};

/* Evaluates; all of *out is allocated in mem. Diagnostics are appended to diags. */
void eval_deal(const struct eval_input *in, struct arena *mem, struct deal_state *out,
               struct diag_list *diags);

#endif
