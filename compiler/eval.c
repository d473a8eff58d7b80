/*
 * Evaluation of one deal (SPEC §2). The log is walked once; each event is
 * checked in a fixed order (its references, its time, a closed deal, then
 * the rules of its kind) and either takes effect or is reported and ignored.
 */
#include "eval.h"

#include "audience.h"
#include "money.h"

#include <string.h>

const char *deal_status_name(enum deal_status s)
{
    switch (s) {
    case DEAL_OPEN:
        return "open";
    case DEAL_WON:
        return "won";
    case DEAL_LOST:
        return "lost";
    }
    return "open";
}

struct evaluator {
    const struct team *team;
    const struct process *p;
    const struct deal *d;
    int32_t as_of_day;
    struct arena *mem;
    struct deal_state *st;
    struct diag_list *diags;
    struct strbuf msg;
};

static void *alloc_array(struct arena *mem, size_t n, size_t size)
{
    return arena_zalloc(mem, (n ? n : 1) * size);
}

static void enter_stage(struct evaluator *ev, uint32_t stage, int32_t event, int32_t day)
{
    struct deal_state *st = ev->st;
    if (st->n_visits) {
        struct stage_visit *prev = &st->visits[st->n_visits - 1];
        prev->left_event = event;
        prev->left_day = day;
    }
    struct stage_visit *v = &st->visits[st->n_visits++];
    v->stage = stage;
    v->entered_event = event;
    v->entered_day = day;
    v->left_event = -1;
    st->stage = stage;
}

static void close_deal(struct evaluator *ev, enum deal_status status, int32_t event, int32_t day)
{
    struct deal_state *st = ev->st;
    st->status = status;
    st->closed_event = event;
    struct stage_visit *v = &st->visits[st->n_visits - 1];
    v->left_event = event;
    v->left_day = day;
}

static void note_step(struct evaluator *ev, size_t d, const struct step *s)
{
    diag_add_note(ev->diags, d, s->at, "step '%s' (%s) is defined here", s->id, s->name);
}

/*
 * Collects the obligatory steps of stages [from, to) that are not done, in
 * process order, into steps; names them in out ("'a', 'b'", by id or name).
 */
static size_t missing_obligatory(struct evaluator *ev, uint32_t from, uint32_t to, bool by_name,
                                 struct strbuf *out, uint32_t *steps)
{
    size_t n = 0;
    for (uint32_t s = from; s < to; s++) {
        const struct stage *stage = &ev->p->stages[s];
        for (uint32_t k = 0; k < stage->n_steps; k++) {
            const struct step *step = &ev->p->steps[stage->first_step + k];
            if (!step->obligatory || ev->st->steps[step->index].done)
                continue;
            if (out)
                sb_addf(out, "%s'%s'", n ? ", " : "", by_name ? step->name : step->id);
            if (steps)
                steps[n] = step->index;
            n++;
        }
    }
    return n;
}

static bool permitted(struct evaluator *ev, const struct event *e, const struct step *step,
                      int32_t by, const char *verb)
{
    if (audience_admits(&step->can_complete, ev->team, ev->d, by))
        return true;
    sb_reset(&ev->msg);
    audience_describe(&step->can_complete, ev->d, &ev->msg);
    size_t d = diag_add(ev->diags, e->at, D_NOT_PERMITTED,
                        "step '%s' %s by '%s', who may not complete it (allowed: %s)", step->id, verb,
                        e->by, sb_str(&ev->msg));
    note_step(ev, d, step);
    return false;
}


static void notify(struct evaluator *ev, const struct step *step, int32_t event, int32_t by)
{
    struct deal_state *st = ev->st;
    uint32_t *who = alloc_array(ev->mem, ev->team->n_users, sizeof(*who));
    size_t n = audience_resolve(&step->notify, ev->team, ev->d, by, who);
    if (!n)
        return;
    struct notification *nt = &st->notifications[st->n_notifications++];
    nt->step = step->index;
    nt->event = event;
    nt->recipients = who;
    nt->n_recipients = n;
}

static bool do_done(struct evaluator *ev, int32_t i, int32_t by, const struct step *step)
{
    const struct event *e = &ev->d->events[i];
    if (!permitted(ev, e, step, by, "done"))
        return false;
    bool complete = true;
    if ((step->requires & REQUIRES_NOTE) && (!e->note || is_blank(e->note))) {
        diag_add(ev->diags, e->at, D_MISSING_NOTE,
                 "step '%s' requires a note, but its completion by '%s' has none", step->id, e->by);
        complete = false;
    }
    if ((step->requires & REQUIRES_FILE) && e->n_files == 0) {
        diag_add(ev->diags, e->at, D_MISSING_FILE,
                 "step '%s' requires a file, but its completion by '%s' has none", step->id, e->by);
        complete = false;
    }
    if (!complete)
        return false;
    struct step_state *ss = &ev->st->steps[step->index];
    if (ss->done) {
        const struct event *first = &ev->d->events[ss->done_event];
        size_t d = diag_add(ev->diags, e->at, D_ALREADY_DONE,
                            "step '%s' is already done (by '%s' at %s); this completion changes nothing",
                            step->id, first->by, first->at_text);
        diag_add_note(ev->diags, d, first->at, "step '%s' was done here", step->id);
        return false;
    }
    ss->done = true;
    ss->done_event = i;
    ev->st->done_value += step->value;
    notify(ev, step, i, by);
    return true;
}

static bool do_undone(struct evaluator *ev, int32_t i, int32_t by, const struct step *step)
{
    const struct event *e = &ev->d->events[i];
    if (!permitted(ev, e, step, by, "undone"))
        return false;
    struct step_state *ss = &ev->st->steps[step->index];
    if (!ss->done) {
        diag_add(ev->diags, e->at, D_NOT_DONE, "step '%s' is not done, so undoing it changes nothing",
                 step->id);
        return false;
    }
    ss->done = false;
    ss->done_event = -1;
    ev->st->done_value -= step->value;
    return true;
}

static bool do_moved(struct evaluator *ev, int32_t i, const struct stage *target)
{
    const struct event *e = &ev->d->events[i];
    uint32_t current = ev->st->stage;
    if (target->index > current) {
        uint32_t *missing = alloc_array(ev->mem, ev->p->n_steps, sizeof(*missing));
        struct strbuf names = {0};
        size_t n = 0;
        sb_reset(&ev->msg);
        for (uint32_t s = current; s < target->index; s++) {
            if (!ev->p->stages[s].strict)
                continue;
            sb_reset(&names);
            size_t k = missing_obligatory(ev, s, s + 1, false, &names, missing + n);
            if (k)
                sb_addf(&ev->msg, "%sobligatory %s %s of strict stage '%s' %s not done", n ? "; " : "",
                        k == 1 ? "step" : "steps", sb_str(&names), ev->p->stages[s].id,
                        k == 1 ? "is" : "are");
            n += k;
        }
        sb_free(&names);
        if (n) {
            size_t d = diag_add(ev->diags, e->at, D_GATE_BLOCKED, "deal '%s' cannot move to stage '%s': %s",
                                ev->d->id, target->id, sb_str(&ev->msg));
            for (size_t k = 0; k < n; k++)
                note_step(ev, d, &ev->p->steps[missing[k]]);
            return false;
        }
    }
    if (target->index != current)
        enter_stage(ev, target->index, i, e->utc_day);
    return true;
}

static bool do_won(struct evaluator *ev, int32_t i)
{
    const struct event *e = &ev->d->events[i];
    uint32_t *missing = alloc_array(ev->mem, ev->p->n_steps, sizeof(*missing));
    sb_reset(&ev->msg);
    size_t n = missing_obligatory(ev, 0, (uint32_t)ev->p->n_stages, true, &ev->msg, missing);
    if (n) {
        size_t d = diag_add(ev->diags, e->at, D_WIN_BLOCKED,
                            "deal '%s' cannot be won: obligatory %s not done: %s", ev->d->id,
                            n == 1 ? "step" : "steps", sb_str(&ev->msg));
        for (size_t k = 0; k < n; k++)
            note_step(ev, d, &ev->p->steps[missing[k]]);
        return false;
    }
    close_deal(ev, DEAL_WON, i, e->utc_day);
    return true;
}

static int compare_time(const struct event *a, const struct event *b)
{
    if (a->at_utc != b->at_utc)
        return a->at_utc < b->at_utc ? -1 : 1;
    return (a->at_nanos > b->at_nanos) - (a->at_nanos < b->at_nanos);
}

static void check_time_order(struct evaluator *ev, int32_t i)
{
    const struct event *e = &ev->d->events[i];
    if (e->at_day < ev->d->created_day) {
        diag_add(ev->diags, e->at, D_TIME_ORDER, "event at %s is dated before the deal was created (%s)",
                 e->at_text, ev->d->created_text);
    } else if (i > 0 && compare_time(e, &ev->d->events[i - 1]) < 0) {
        const struct event *prev = &ev->d->events[i - 1];
        size_t d = diag_add(ev->diags, e->at, D_TIME_ORDER,
                            "event at %s is earlier than the event before it (%s)", e->at_text,
                            prev->at_text);
        diag_add_note(ev->diags, d, prev->at, "the event before it is here");
    }
}

/*
 * Every rule an event breaks is reported: its references (user, step,
 * stage) and its time first, whatever else is wrong with it; then, if it can
 * still apply, the rules of its kind.
 */
static bool apply_event(struct evaluator *ev, int32_t i)
{
    const struct event *e = &ev->d->events[i];
    struct deal_state *st = ev->st;
    bool resolved = true;
    int32_t by = team_find(ev->team, e->by);
    if (by < 0) {
        diag_add(ev->diags, e->at, D_UNKNOWN_USER, "user '%s' is not in the team", e->by);
        resolved = false;
    }
    const struct step *step = NULL;
    const struct stage *stage = NULL;
    if (e->kind == EV_DONE || e->kind == EV_UNDONE) {
        step = process_find_step(ev->p, e->ref);
        if (!step) {
            diag_add(ev->diags, e->at, D_UNKNOWN_STEP, "step '%s' is not a step of process '%s'",
                     e->ref, ev->p->id);
            resolved = false;
        }
    } else if (e->kind == EV_MOVED) {
        stage = process_find_stage(ev->p, e->ref);
        if (!stage) {
            diag_add(ev->diags, e->at, D_UNKNOWN_STAGE, "stage '%s' is not a stage of process '%s'",
                     e->ref, ev->p->id);
            resolved = false;
        }
    }
    check_time_order(ev, i);
    if (st->status != DEAL_OPEN) {
        const struct event *closing = &ev->d->events[st->closed_event];
        size_t d = diag_add(ev->diags, e->at, D_AFTER_CLOSE,
                            "deal '%s' was already %s at %s; later events have no effect", ev->d->id,
                            deal_status_name(st->status), closing->at_text);
        diag_add_note(ev->diags, d, closing->at, "deal '%s' was %s here", ev->d->id,
                      deal_status_name(st->status));
        return false;
    }
    if (!resolved)
        return false;
    switch (e->kind) {
    case EV_DONE:
        return do_done(ev, i, by, step);
    case EV_UNDONE:
        return do_undone(ev, i, by, step);
    case EV_MOVED:
        return do_moved(ev, i, stage);
    case EV_WON:
        return do_won(ev, i);
    case EV_LOST:
        close_deal(ev, DEAL_LOST, i, e->utc_day);
        return true;
    }
    return false;
}

static void check_people(struct evaluator *ev)
{
    const struct deal *d = ev->d;
    ev->st->owner_index = team_find(ev->team, d->owner);
    if (ev->st->owner_index < 0)
        diag_add(ev->diags, d->at, D_UNKNOWN_USER, "owner '%s' of deal '%s' is not in the team",
                 d->owner, d->id);
    for (size_t i = 0; i < d->n_attendees; i++)
        if (team_find(ev->team, d->attendees[i].ref) < 0)
            diag_add(ev->diags, d->attendees[i].at, D_UNKNOWN_USER,
                     "attendee '%s' of deal '%s' is not in the team", d->attendees[i].ref, d->id);
}

static void derive(struct evaluator *ev)
{
    const struct deal *d = ev->d;
    const struct process *p = ev->p;
    struct deal_state *st = ev->st;

    struct stage_visit *last = &st->visits[st->n_visits - 1];
    if (last->left_event < 0)
        last->left_day = ev->as_of_day;
    for (size_t i = 0; i < st->n_visits; i++) {
        int32_t days = st->visits[i].left_day - st->visits[i].entered_day;
        st->visits[i].days = days > 0 ? days : 0;
    }

    st->progress = p->total_value ? percent_half_up(st->done_value, p->total_value) : 0;
    st->currency = d->currency ? d->currency : p->currency;
    if (d->has_amount && !st->currency)
        diag_add(ev->diags, d->at, D_MISSING_CURRENCY,
                 "deal '%s' has an amount but no currency, and process '%s' sets none", d->id, p->id);
    if (d->has_amount && st->currency && p->total_value) {
        st->has_weighted = true;
        st->weighted = money_share(d->amount, st->done_value, p->total_value);
    }

    st->blockers = alloc_array(ev->mem, p->n_steps, sizeof(*st->blockers));
    st->n_blockers = missing_obligatory(ev, 0, (uint32_t)p->n_stages, false, NULL, st->blockers);
    st->can_win = st->status == DEAL_OPEN && st->n_blockers == 0;

    if (d->n_events) {
        const struct event *e = &d->events[d->n_events - 1];
        st->last_activity = e->at_text;
        st->last_activity_day = e->utc_day;
    } else {
        st->last_activity = d->created_text;
        st->last_activity_day = d->created_day;
    }
    st->idle_days = ev->as_of_day - st->last_activity_day;
    const struct stage *stage = &p->stages[st->stage];
    st->rotting = st->status == DEAL_OPEN && stage->rotting_days &&
                  st->idle_days > (int32_t)stage->rotting_days;
    if (st->rotting)
        diag_add(ev->diags, d->at, D_ROTTING,
                 "deal '%s' is rotting: no activity for %d days in stage '%s' (it rots after %u days)",
                 d->id, st->idle_days, stage->id, stage->rotting_days);
}

void eval_deal(const struct eval_input *in, struct arena *mem, struct deal_state *out,
               struct diag_list *diags)
{
    const struct deal *d = in->deal;
    const struct process *p = in->process;
    memset(out, 0, sizeof(*out));
    if (p->n_stages == 0)
        return;
    struct evaluator ev = {in->team, p, d, in->as_of_day, mem, out, diags, {0}};
    out->closed_event = -1;
    out->steps = alloc_array(mem, p->n_steps, sizeof(*out->steps));
    for (size_t i = 0; i < p->n_steps; i++)
        out->steps[i].done_event = -1;
    out->applied = alloc_array(mem, d->n_events, sizeof(*out->applied));
    out->visits = alloc_array(mem, d->n_events + 1, sizeof(*out->visits));
    out->notifications = alloc_array(mem, d->n_events, sizeof(*out->notifications));

    check_people(&ev);
    enter_stage(&ev, 0, -1, d->created_day);
    for (size_t i = 0; i < d->n_events; i++)
        out->applied[i] = apply_event(&ev, (int32_t)i);
    derive(&ev);
    sb_free(&ev.msg);
}
