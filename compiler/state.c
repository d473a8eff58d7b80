/*
 * The state writer; see state.h and the mapping in emit.h. Element and
 * attribute names here are the stable interface of schemas/state.xsd:
 * change them only with the schema and its version.
 */
#include "state.h"

#include "audience.h"
#include "money.h"
#include "output.h"
#include "shortlist.h"
#include "stats.h"
#include "version.h"
#include "xsdtime.h"

#include <errno.h>
#include <stdio_ext.h>
#include <stdlib.h>
#include <string.h>

struct ignored_deal {
    const char *id;
    struct place at;
    enum diag_code why;
};

struct state_writer {
    struct emitter *em;
    struct repo *r;
    struct process_stats *stats; /* per process */
    struct ignored_deal *ignored;
    size_t n_ignored, ignored_cap;
    struct arena mem;
    uint32_t *people; /* scratch, team size */
    struct input_tally {
        size_t errors, warnings, deals;
    } *tallies; /* per input */
    struct report_parts *parts; /* see state.h */
    uint64_t deals_written;
    bool spool_failed;
    /* The diagnostics no deal record carries: the first kept, the rest in a temporary file. */
    struct diag_list run_diags;
    size_t run_diags_total;
    FILE *diag_spool;
    bool diag_spool_tried;
};

/* Run-level diagnostics kept in memory; more go to a temporary file (see keep_run_diags). */
enum { RUN_DIAGS_KEPT = 256 };

void state_writer_parts(struct state_writer *sw, struct report_parts *parts)
{
    sw->parts = parts;
}

struct state_writer *state_writer_new(FILE *out, enum emit_format format, struct repo *r)
{
    struct state_writer *sw = xcalloc(1, sizeof(*sw));
    sw->em = emitter_new(out, format, STATE_NS);
    sw->r = r;
    return sw;
}

static const char *role_name(enum role role)
{
    switch (role) {
    case ROLE_ADMINISTRATOR:
        return "administrator";
    case ROLE_MANAGER:
        return "manager";
    case ROLE_USER:
        break;
    }
    return "user";
}

static const char *audience_kind_name(enum audience_kind kind)
{
    static const char *const names[] = {
        [AUD_EVERYONE] = "everyone", [AUD_ADMINISTRATORS] = "administrators",
        [AUD_MANAGERS] = "managers", [AUD_OWNER] = "owner",
        [AUD_ATTENDEES] = "attendees", [AUD_USER] = "user",
    };
    return names[kind];
}

static void write_place(struct state_writer *sw, struct place at)
{
    em_str(sw->em, "file", repo_input_path(sw->r, at.file));
    if (at.line)
        em_int(sw->em, "line", at.line);
    if (at.col)
        em_int(sw->em, "column", at.col);
}

/* Line and column only, for places inside their parent's file. */
static void write_line(struct state_writer *sw, struct place at)
{
    if (at.line)
        em_int(sw->em, "line", at.line);
    if (at.col)
        em_int(sw->em, "column", at.col);
}

static void write_requires(struct state_writer *sw, unsigned requires)
{
    static const char *const forms[] = {NULL, "note", "file", "note file"};
    em_str(sw->em, "requires", forms[requires & 3]);
}

static void write_people(struct state_writer *sw, const char *list, const uint32_t *who, size_t n)
{
    em_list(sw->em, list);
    for (size_t i = 0; i < n; i++) {
        em_open(sw->em, "person");
        em_str(sw->em, "ref", sw->r->team.users[who[i]]->id);
        em_close(sw->em);
    }
    em_close(sw->em);
}

/* An audience as defined: its items, the deal-relative parts, and the fixed people. */
static void write_audience_definition(struct state_writer *sw, const char *name,
                                      const struct audience *a)
{
    const struct team *team = &sw->r->team;
    em_open(sw->em, name);
    em_bool(sw->em, "default", !a->written);
    em_bool(sw->em, "everyone", a->everyone);
    em_bool(sw->em, "owner", a->owner);
    em_bool(sw->em, "attendees", a->attendees);
    em_list(sw->em, "items");
    for (size_t i = 0; i < a->n_items; i++) {
        em_open(sw->em, "item");
        em_str(sw->em, "kind", audience_kind_name(a->items[i].kind));
        em_str(sw->em, "ref", a->items[i].ref);
        em_close(sw->em);
    }
    em_close(sw->em);
    size_t n = 0;
    for (size_t u = 0; u < team->n_users; u++)
        if (a->everyone || (a->fixed && (a->fixed[u / 8] & (1u << (u % 8)))))
            sw->people[n++] = (uint32_t)u;
    write_people(sw, "people", sw->people, n);
    em_close(sw->em);
}

static void write_process(struct state_writer *sw, const struct process *p)
{
    struct emitter *em = sw->em;
    em_open(em, "process");
    em_str(em, "id", p->id);
    em_str(em, "name", p->name);
    em_str(em, "currency", p->currency);
    em_int(em, "total-value", (int64_t)p->total_value);
    write_place(sw, p->at);
    em_text(em, "description", p->description);
    em_list(em, "stages");
    for (size_t s = 0; s < p->n_stages; s++) {
        const struct stage *stage = &p->stages[s];
        em_open(em, "stage");
        em_str(em, "id", stage->id);
        em_str(em, "name", stage->name);
        em_bool(em, "strict", stage->strict);
        if (stage->rotting_days)
            em_int(em, "rotting-days", stage->rotting_days);
        write_line(sw, stage->at);
        em_text(em, "description", stage->description);
        em_list(em, "steps");
        for (uint32_t k = 0; k < stage->n_steps; k++) {
            const struct step *step = &p->steps[stage->first_step + k];
            em_open(em, "step");
            em_str(em, "id", step->id);
            em_str(em, "name", step->name);
            em_int(em, "value", step->value);
            em_bool(em, "obligatory", step->obligatory);
            write_requires(sw, step->requires);
            write_line(sw, step->at);
            em_text(em, "description", step->description);
            write_audience_definition(sw, "responsible", &step->responsible);
            write_audience_definition(sw, "can-complete", &step->can_complete);
            write_audience_definition(sw, "notify", &step->notify);
            em_close(em);
        }
        em_close(em);
        em_close(em);
    }
    em_close(em);
    em_close(em);
}

void state_write_head(struct state_writer *sw)
{
    struct repo *r = sw->r;
    struct emitter *em = sw->em;
    sw->people = xcalloc(r->team.n_users + 1, sizeof(*sw->people));
    sw->tallies = xcalloc(r->n_inputs + 1, sizeof(*sw->tallies));
    if (sw->parts)
        sw->parts->wanted = shortlist_new(r->n_processes, sw->parts->list_limit, sw->parts->closed_limit);
    sw->stats = xcalloc(r->n_processes + 1, sizeof(*sw->stats));
    for (size_t i = 0; i < r->n_processes; i++)
        stats_init(&sw->stats[i], r->processes[i]);

    char day[16];
    format_day(r->as_of_day, day);
    em_open(em, "state");
    em_str(em, "version", "1");
    em_str(em, "as-of", day);
    em_str(em, "generator", "dealc " DEALC_VERSION);

    em_list(em, "team");
    for (size_t i = 0; i < r->team.n_users; i++) {
        const struct user *u = r->team.users[i];
        em_open(em, "user");
        em_str(em, "id", u->id);
        em_str(em, "name", u->name);
        em_str(em, "role", role_name(u->role));
        em_close(em);
    }
    em_close(em);

    em_list(em, "processes");
    for (size_t i = 0; i < r->n_processes; i++)
        write_process(sw, r->processes[i]);
    em_close(em);

    em_list(em, "deals");
}

static void write_amount(struct emitter *em, const char *name, int64_t units)
{
    char buf[48];
    money_format(units, buf, sizeof(buf));
    em_str(em, name, buf);
}

static void write_diag(struct state_writer *sw, const struct diag *d)
{
    struct emitter *em = sw->em;
    em_open(em, "diagnostic");
    em_str(em, "severity", severity_name(d->sev));
    em_str(em, "code", diag_code_name(d->code));
    write_place(sw, d->at);
    em_text(em, "message", d->message);
    em_list(em, "notes");
    for (size_t n = 0; n < d->n_notes; n++) {
        em_open(em, "note");
        write_place(sw, d->notes[n].at);
        em_text(em, "message", d->notes[n].message);
        em_close(em);
    }
    em_close(em);
    em_close(em);
}

static const char *event_kind_name(enum event_kind kind)
{
    static const char *const names[] = {
        [EV_DONE] = "done", [EV_UNDONE] = "undone", [EV_MOVED] = "moved",
        [EV_WON] = "won", [EV_LOST] = "lost",
    };
    return names[kind];
}

/* A deal's record; a summary has its attributes and title only (what the report's overview pages read). */
static void write_deal_record(struct state_writer *sw, const struct eval_input *in,
                              const struct deal_state *st, const struct diag_list *deal_diags, bool full)
{
    struct emitter *em = sw->em;
    const struct deal *d = in->deal;
    const struct process *p = in->process;
    const struct team *team = in->team;

    em_open(em, "deal");
    em_str(em, "id", d->id);
    em_str(em, "process", p->id);
    em_str(em, "owner", d->owner);
    em_str(em, "created", d->created_text);
    em_str(em, "status", deal_status_name(st->status));
    em_str(em, "stage", p->stages[st->stage].id);
    em_int(em, "progress", st->progress);
    em_int(em, "done-value", (int64_t)st->done_value);
    em_bool(em, "can-win", st->can_win);
    em_bool(em, "rotting", st->rotting);
    em_str(em, "last-activity", st->last_activity);
    em_int(em, "idle-days", st->idle_days);
    em_int(em, "errors", (int64_t)deal_diags->counts[SEV_ERROR]);
    em_int(em, "warnings", (int64_t)deal_diags->counts[SEV_WARNING]);
    if (d->has_amount)
        write_amount(em, "amount", d->amount);
    em_str(em, "currency", st->currency);
    if (st->has_weighted)
        write_amount(em, "weighted-amount", st->weighted);
    if (st->closed_event >= 0) {
        em_str(em, "closed", d->events[st->closed_event].at_text);
        em_int(em, "closed-event", st->closed_event);
    }
    write_place(sw, d->at);
    em_text(em, "title", d->title);
    if (!full) {
        em_close(em);
        return;
    }

    em_list(em, "attendees");
    for (size_t i = 0; i < d->n_attendees; i++) {
        em_open(em, "person");
        em_str(em, "ref", d->attendees[i].ref);
        em_close(em);
    }
    em_close(em);

    em_list(em, "steps");
    for (size_t i = 0; i < p->n_steps; i++) {
        const struct step_state *ss = &st->steps[i];
        em_open(em, "step");
        em_str(em, "ref", p->steps[i].id);
        em_bool(em, "done", ss->done);
        if (ss->done) {
            const struct event *e = &d->events[ss->done_event];
            em_str(em, "by", e->by);
            em_str(em, "at", e->at_text);
            em_int(em, "event", ss->done_event);
        }
        em_close(em);
    }
    em_close(em);

    /* Only an open deal has something between it and winning. */
    em_list(em, "blockers");
    for (size_t i = 0; st->status == DEAL_OPEN && i < st->n_blockers; i++) {
        const struct step *step = &p->steps[st->blockers[i]];
        em_open(em, "blocker");
        em_str(em, "step", step->id);
        em_str(em, "stage", p->stages[step->stage].id);
        write_requires(sw, step->requires);
        size_t n = audience_resolve(&step->responsible, team, d, -1, sw->people);
        write_people(sw, "responsible", sw->people, n);
        n = audience_resolve(&step->can_complete, team, d, -1, sw->people);
        write_people(sw, "can-complete", sw->people, n);
        em_close(em);
    }
    em_close(em);

    em_list(em, "visits");
    for (size_t i = 0; i < st->n_visits; i++) {
        const struct stage_visit *v = &st->visits[i];
        em_open(em, "visit");
        em_str(em, "stage", p->stages[v->stage].id);
        em_str(em, "entered", v->entered_event < 0 ? d->created_text : d->events[v->entered_event].at_text);
        if (v->entered_event >= 0)
            em_int(em, "entered-event", v->entered_event);
        if (v->left_event >= 0) {
            em_str(em, "left", d->events[v->left_event].at_text);
            em_int(em, "left-event", v->left_event);
        }
        em_int(em, "days", v->days);
        em_close(em);
    }
    em_close(em);

    em_list(em, "events");
    for (size_t i = 0; i < d->n_events; i++) {
        const struct event *e = &d->events[i];
        em_open(em, "event");
        em_int(em, "index", (int64_t)i);
        em_str(em, "kind", event_kind_name(e->kind));
        if (e->kind == EV_MOVED)
            em_str(em, "stage", e->ref);
        else
            em_str(em, "step", e->ref);
        em_str(em, "by", e->by);
        em_str(em, "at", e->at_text);
        em_bool(em, "applied", st->applied[i]);
        write_line(sw, e->at);
        em_text(em, "note", e->note);
        em_text(em, "reason", e->reason);
        if (e->kind == EV_DONE) {
            em_list(em, "files");
            for (size_t f = 0; f < e->n_files; f++) {
                em_open(em, "file");
                em_str(em, "href", e->files[f].href);
                em_str(em, "name", e->files[f].name);
                em_close(em);
            }
            em_close(em);
        }
        em_close(em);
    }
    em_close(em);

    em_list(em, "notifications");
    for (size_t i = 0; i < st->n_notifications; i++) {
        const struct notification *nt = &st->notifications[i];
        em_open(em, "notification");
        em_str(em, "step", p->steps[nt->step].id);
        em_str(em, "at", d->events[nt->event].at_text);
        em_int(em, "event", nt->event);
        write_people(sw, "recipients", nt->recipients, nt->n_recipients);
        em_close(em);
    }
    em_close(em);

    em_list(em, "diagnostics");
    for (size_t i = 0; i < deal_diags->len; i++)
        write_diag(sw, &deal_diags->items[i]);
    em_close(em);
    em_close(em);
}

/* Says once why the state cannot be complete: a temporary file could not be written. */
static void spool_failure(struct state_writer *sw)
{
    if (!sw->spool_failed)
        fprintf(stderr, "dealc: cannot write a temporary file in %s: %s (TMPDIR may name a folder with more room)\n",
                scratch_dir(), errno ? strerror(errno) : "a write failed");
    sw->spool_failed = true;
}

/* The record as an XML document of its own, then a NUL byte, into spool. */
static void spool_deal_record(struct state_writer *sw, FILE *spool, const struct eval_input *in,
                              const struct deal_state *st, const struct diag_list *deal_diags, bool full)
{
    struct emitter *document = sw->em;
    sw->em = emitter_new(spool, EMIT_XML, STATE_NS);
    write_deal_record(sw, in, st, deal_diags, full);
    if (!emitter_finish(sw->em) || fputc('\0', spool) == EOF)
        spool_failure(sw);
    sw->em = document;
}

static void write_deal(void *ctx, const struct eval_input *in, const struct deal_state *st,
                       const struct diag_list *deal_diags)
{
    struct state_writer *sw = ctx;
    const struct deal *d = in->deal;
    size_t errors = deal_diags->counts[SEV_ERROR];
    stats_add(&sw->stats[in->process->index], d, st, errors);
    if (d->at.file < sw->r->n_inputs)
        sw->tallies[d->at.file].deals++;
    struct report_parts *parts = sw->parts;
    if (!parts) {
        write_deal_record(sw, in, st, deal_diags, true);
        return;
    }
    /* Once a spool failed the report cannot be made: the rest of the run only says its diagnostics. */
    if (sw->spool_failed)
        return;
    /* Nothing in the document: the summary, behind its place, and the whole record, each in its spool. */
    if (fprintf(parts->summaries, "%u %u\n", (unsigned)d->at.file, (unsigned)d->at.line) < 0)
        spool_failure(sw);
    spool_deal_record(sw, parts->summaries, in, st, deal_diags, false);
    if (parts->records)
        spool_deal_record(sw, parts->records, in, st, deal_diags, true);
    struct deal_facts facts = {
        .process = (uint32_t)in->process->index,
        .stage = st->stage,
        .progress = st->progress,
        .idle_days = st->idle_days,
        .errors = errors,
        .open = st->status == DEAL_OPEN,
        .rotting = st->rotting,
        .can_win = st->can_win,
        .id = d->id,
        .closed = st->closed_event >= 0 ? d->events[st->closed_event].at_text : NULL,
    };
    shortlist_offer(parts->wanted, sw->deals_written++, &facts);
}

static void note_ignored(void *ctx, const struct deal *d, enum diag_code why)
{
    struct state_writer *sw = ctx;
    GROW(sw->ignored, sw->ignored_cap, sw->n_ignored + 1);
    sw->ignored[sw->n_ignored++] = (struct ignored_deal){arena_strdup(&sw->mem, d->id), d->at, why};
}

struct repo_consumer state_consumer(struct state_writer *sw)
{
    return (struct repo_consumer){write_deal, note_ignored, sw};
}

static void write_sums(struct state_writer *sw, const char *list, const struct money_sums *a,
                       const struct money_sums *weighted)
{
    struct emitter *em = sw->em;
    em_list(em, list);
    for (size_t i = 0; i < a->len; i++) {
        em_open(em, "sum");
        em_str(em, "currency", a->items[i].currency);
        if (a->items[i].overflow)
            em_bool(em, "amount-overflow", true);
        else
            write_amount(em, "amount", a->items[i].total);
        if (weighted) {
            const struct money_sum *w = NULL;
            for (size_t k = 0; k < weighted->len; k++)
                if (!strcmp(weighted->items[k].currency, a->items[i].currency))
                    w = &weighted->items[k];
            if (w && w->overflow)
                em_bool(em, "weighted-overflow", true);
            else
                write_amount(em, "weighted-amount", w ? w->total : 0);
        }
        em_close(em);
    }
    em_close(em);
}

static void write_ratio(struct emitter *em, const char *name, uint64_t num, uint64_t den, unsigned scale)
{
    if (!den)
        return;
    char buf[48];
    ratio_format(num, den, scale, buf, sizeof(buf));
    em_num(em, name, buf);
}

static int compare_owners(const void *a, const void *b)
{
    return strcmp((*(const struct owner_stats *const *)a)->id, (*(const struct owner_stats *const *)b)->id);
}

static void write_stats(struct state_writer *sw, const struct process_stats *ps)
{
    struct emitter *em = sw->em;
    const struct process *p = ps->process;
    em_open(em, "process-statistics");
    em_str(em, "ref", p->id);
    em_int(em, "deals", (int64_t)(ps->open + ps->won + ps->lost));
    em_int(em, "open", (int64_t)ps->open);
    em_int(em, "won", (int64_t)ps->won);
    em_int(em, "lost", (int64_t)ps->lost);
    em_int(em, "blocked", (int64_t)ps->blocked);
    em_int(em, "rotting", (int64_t)ps->rotting);
    em_int(em, "with-errors", (int64_t)ps->with_errors);
    em_int(em, "attention", (int64_t)ps->attention);
    write_ratio(em, "win-rate", ps->won, ps->won + ps->lost, 100);
    write_ratio(em, "average-days-to-win", ps->days_to_win, ps->won, 1);

    em_list(em, "stages");
    for (size_t s = 0; s < p->n_stages; s++) {
        const struct stage_stats *ss = &ps->stages[s];
        em_open(em, "stage");
        em_str(em, "ref", p->stages[s].id);
        em_int(em, "open", (int64_t)ss->open_now);
        em_int(em, "reached", (int64_t)ss->reached);
        /* The last stage converts into won deals. */
        uint64_t next = s + 1 < p->n_stages ? ps->stages[s + 1].reached : ps->won;
        write_ratio(em, "conversion", next, ss->reached, 100);
        write_ratio(em, "average-days", ss->days_left, ss->left, 1);
        write_sums(sw, "open-amounts", &ss->open_amount, &ss->open_weighted);
        em_close(em);
    }
    em_close(em);

    em_list(em, "steps");
    for (size_t i = 0; i < p->n_steps; i++) {
        uint64_t reached = ps->stages[p->steps[i].stage].reached;
        em_open(em, "step");
        em_str(em, "ref", p->steps[i].id);
        em_int(em, "reached", (int64_t)reached);
        em_int(em, "done", (int64_t)ps->step_done[i]);
        write_ratio(em, "share", ps->step_done[i], reached, 100);
        em_close(em);
    }
    em_close(em);

    uint32_t *top = xcalloc(p->n_steps + 1, sizeof(*top));
    size_t n = stats_top_blockers(ps, top);
    em_list(em, "blockers");
    for (size_t i = 0; i < n; i++) {
        em_open(em, "blocker");
        em_str(em, "step", p->steps[top[i]].id);
        em_int(em, "deals", (int64_t)ps->step_blocking[top[i]]);
        em_close(em);
    }
    em_close(em);
    free(top);

    /* Owners by id, so the order never depends on which deal came first. */
    const struct owner_stats **owners = xcalloc(ps->n_owners + 1, sizeof(*owners));
    for (size_t i = 0; i < ps->n_owners; i++)
        owners[i] = &ps->owners[i];
    qsort(owners, ps->n_owners, sizeof(*owners), compare_owners);
    em_list(em, "owners");
    for (size_t i = 0; i < ps->n_owners; i++) {
        const struct owner_stats *o = owners[i];
        em_open(em, "owner");
        em_str(em, "ref", o->id);
        em_int(em, "open", (int64_t)o->open);
        em_int(em, "won", (int64_t)o->won);
        em_int(em, "lost", (int64_t)o->lost);
        write_sums(sw, "won-amounts", &o->won_amount, NULL);
        em_close(em);
    }
    em_close(em);
    free(owners);
    em_close(em);
}

static const char *input_status(const struct repo_input *in, size_t errors)
{
    if (in->unreadable)
        return "unreadable";
    if (in->failed)
        return "refused";
    if (in->kind == DOC_NONE)
        return "passed-over";
    return errors ? "errors" : "loaded";
}

/* ---- the run-level diagnostics, spooled ---- */

/* A spooled diagnostic: its head and message, then per note a head and a message. */
struct spooled_head {
    uint32_t file, line, col;
    uint32_t sev, code;
    uint32_t message_len;
    uint32_t n_notes;
};

static uint32_t text_length(const char *text)
{
    size_t n = strlen(text);
    return n > UINT32_MAX ? UINT32_MAX : (uint32_t)n;
}

static bool spool_diag(FILE *spool, const struct diag *d)
{
    struct spooled_head h = {d->at.file, d->at.line, d->at.col, d->sev, d->code,
                             text_length(d->message), (uint32_t)d->n_notes};
    bool ok = fwrite(&h, sizeof(h), 1, spool) == 1 && fwrite(d->message, 1, h.message_len, spool) == h.message_len;
    for (size_t n = 0; ok && n < d->n_notes; n++) {
        const struct diag_note *note = &d->notes[n];
        struct spooled_head nh = {note->at.file, note->at.line, note->at.col, 0, 0, text_length(note->message), 0};
        ok = fwrite(&nh, sizeof(nh), 1, spool) == 1 &&
             fwrite(note->message, 1, nh.message_len, spool) == nh.message_len;
    }
    return ok;
}

static const char *unspool_text(FILE *spool, struct arena *a, uint32_t len)
{
    char *text = arena_alloc(a, (size_t)len + 1);
    if (fread(text, 1, len, spool) != len)
        return NULL;
    text[len] = '\0';
    return text;
}

/* The next spooled diagnostic into *d, its texts and notes in a; false at the end. */
static bool unspool_diag(FILE *spool, struct arena *a, struct diag *d)
{
    struct spooled_head h;
    if (fread(&h, sizeof(h), 1, spool) != 1)
        return false;
    *d = (struct diag){.at = {h.file, h.line, h.col}, .sev = (enum severity)h.sev, .code = (enum diag_code)h.code};
    d->message = unspool_text(spool, a, h.message_len);
    d->notes = arena_alloc(a, (h.n_notes + 1) * sizeof(*d->notes));
    for (uint32_t n = 0; d->message && n < h.n_notes; n++) {
        struct spooled_head nh;
        if (fread(&nh, sizeof(nh), 1, spool) != 1)
            return false;
        d->notes[n] = (struct diag_note){{nh.file, nh.line, nh.col}, unspool_text(spool, a, nh.message_len)};
        if (!d->notes[n].message)
            return false;
        d->n_notes++;
    }
    return d->message != NULL;
}

/*
 * Hands each diagnostic of spool, from its start up to byte end, to use;
 * false when they cannot all be read back (end < 0: up to the end of the file).
 */
static bool replay_spooled(struct state_writer *sw, FILE *spool, long end,
                           void (*use)(struct state_writer *sw, const struct diag *d))
{
    if (fseek(spool, 0, SEEK_SET) != 0)
        return false;
    struct arena scratch = {0};
    struct diag d;
    while ((end < 0 || ftell(spool) < end) && unspool_diag(spool, &scratch, &d)) {
        use(sw, &d);
        arena_reset(&scratch);
    }
    arena_free(&scratch);
    return end < 0 ? !ferror(spool) && feof(spool) : ftell(spool) == end;
}

static void keep_in_memory(struct state_writer *sw, const struct diag *d)
{
    diag_push_copy(&sw->run_diags, d);
}

/*
 * The temporary file of diagnostics could not take one more (a full disk):
 * those it holds, up to good bytes, come back to memory, and the rest of
 * the run keeps them there, as it would without a temporary file.
 */
static void take_back_spooled(struct state_writer *sw, long good)
{
    FILE *spool = sw->diag_spool;
    sw->diag_spool = NULL;
    __fpurge(spool); /* the record that did not fit; then the file reads back */
    clearerr(spool);
    if (good < 0 || !replay_spooled(sw, spool, good, keep_in_memory))
        spool_failure(sw);
    fclose(spool);
}

/* The report's parts need the first list_limit in memory (want_pointed_deals). */
static size_t keep_run_diags(const struct state_writer *sw)
{
    size_t limit = sw->parts ? sw->parts->list_limit : 0;
    return limit > RUN_DIAGS_KEPT ? limit : RUN_DIAGS_KEPT;
}

void state_note_diag(struct state_writer *sw, const struct diag *d)
{
    if (d->at.file < sw->r->n_inputs && d->sev == SEV_ERROR)
        sw->tallies[d->at.file].errors++;
    else if (d->at.file < sw->r->n_inputs && d->sev == SEV_WARNING)
        sw->tallies[d->at.file].warnings++;
    if (d->in_deal)
        return;
    sw->run_diags_total++;
    bool kept_enough = sw->run_diags.len >= keep_run_diags(sw);
    /* The report's index shows the first ones only, and says how many there are. */
    if (kept_enough && sw->parts)
        return;
    if (kept_enough && !sw->diag_spool_tried) {
        sw->diag_spool_tried = true;
        sw->diag_spool = scratch_file(); /* without one, they stay in memory */
    }
    if (kept_enough && sw->diag_spool) {
        /* Flushed one by one, so that a full disk loses none: they come back to memory. */
        long good = ftell(sw->diag_spool);
        if (spool_diag(sw->diag_spool, d) && fflush(sw->diag_spool) == 0)
            return;
        take_back_spooled(sw, good);
    }
    diag_push_copy(&sw->run_diags, d);
}

/* Every run-level diagnostic in order, or (report parts) those the index shows. */
static void write_run_diags(struct state_writer *sw)
{
    size_t shown = sw->parts ? sw->parts->list_limit : SIZE_MAX;
    for (size_t i = 0; i < sw->run_diags.len && i < shown; i++)
        write_diag(sw, &sw->run_diags.items[i]);
    /* The report's parts never spool: they keep the ones shown. */
    if (sw->diag_spool && (fflush(sw->diag_spool) != 0 || !replay_spooled(sw, sw->diag_spool, -1, write_diag)))
        spool_failure(sw);
}

/* Every input with what became of it, now that every diagnostic is known. */
static void write_inputs(struct state_writer *sw)
{
    struct emitter *em = sw->em;
    const struct repo *r = sw->r;
    em_list(em, "inputs");
    for (size_t i = 0; i < r->n_inputs; i++) {
        const struct repo_input *in = &r->inputs[i];
        const struct input_tally *t = &sw->tallies[i];
        em_open(em, "input");
        em_str(em, "path", in->display);
        em_str(em, "kind", in->kind == DOC_NONE ? "other" : doc_kind_name(in->kind));
        em_str(em, "status", input_status(in, t->errors));
        em_int(em, "errors", (int64_t)t->errors);
        em_int(em, "warnings", (int64_t)t->warnings);
        em_int(em, "deals", (int64_t)t->deals);
        em_close(em);
    }
    em_close(em);
}

/*
 * Beyond the lists, the overview pages show the deal that each of the first
 * diagnostics of the run points into and the one deal of each of the first
 * files with problems (report.xsl's "Rule checks of this run").
 */
static void want_pointed_deals(struct state_writer *sw)
{
    const struct repo *r = sw->r;
    struct shortlist *wanted = sw->parts->wanted;
    size_t limit = sw->parts->list_limit;
    for (size_t i = 0; i < sw->run_diags.len && i < limit; i++) {
        const struct diag *d = &sw->run_diags.items[i];
        if (!d->at.line || d->at.file >= r->n_inputs)
            continue;
        shortlist_want_place(wanted, (uint32_t)d->at.file, (uint32_t)d->at.line);
        if (r->inputs[d->at.file].kind == DOC_DEAL)
            shortlist_want_file(wanted, (uint32_t)d->at.file);
    }
    size_t troubled = 0;
    for (size_t i = 0; i < r->n_inputs && troubled < limit; i++) {
        const struct input_tally *t = &sw->tallies[i];
        if (!t->errors && !t->warnings && !r->inputs[i].failed && !r->inputs[i].unreadable)
            continue;
        troubled++;
        if (t->deals == 1)
            shortlist_want_file(wanted, (uint32_t)i);
    }
    shortlist_finish(wanted);
}

bool state_write_tail(struct state_writer *sw)
{
    struct emitter *em = sw->em;
    struct repo *r = sw->r;
    em_close(em); /* deals */
    if (sw->parts)
        want_pointed_deals(sw);

    em_list(em, "ignored");
    for (size_t i = 0; i < sw->n_ignored; i++) {
        em_open(em, "ignored-deal");
        em_str(em, "id", sw->ignored[i].id);
        em_str(em, "reason", diag_code_name(sw->ignored[i].why));
        write_place(sw, sw->ignored[i].at);
        em_close(em);
    }
    em_close(em);

    em_list(em, "statistics");
    for (size_t i = 0; i < r->n_processes; i++)
        write_stats(sw, &sw->stats[i]);
    em_close(em);

    /* Those of the deals are in the deal records; here the rest, in order. */
    em_list(em, "diagnostics");
    write_run_diags(sw);
    em_close(em);

    write_inputs(sw);

    em_open(em, "summary");
    em_int(em, "files", (int64_t)r->files_read);
    em_int(em, "deals", (int64_t)r->deals_seen);
    em_int(em, "evaluated", (int64_t)r->deals_evaluated);
    em_int(em, "errors", (int64_t)r->diags.counts[SEV_ERROR]);
    em_int(em, "warnings", (int64_t)r->diags.counts[SEV_WARNING]);
    em_int(em, "run-diagnostics", (int64_t)sw->run_diags_total);
    em_close(em);

    bool ok = emitter_finish(em) && !sw->spool_failed;
    for (size_t i = 0; i < r->n_processes; i++)
        stats_free(&sw->stats[i]);
    free(sw->stats);
    free(sw->ignored);
    free(sw->people);
    free(sw->tallies);
    diag_free(&sw->run_diags);
    if (sw->diag_spool)
        fclose(sw->diag_spool);
    arena_free(&sw->mem);
    free(sw);
    return ok;
}
