/*
 * Deal building from SAX events. Vectors for attendees, events and files are
 * kept across deals and reused, so a bulk file costs a few allocations in
 * all, not a few per deal.
 */
#include "deal.h"

#include "money.h"
#include "text.h"
#include "xsdtime.h"

#include <stdlib.h>
#include <string.h>

struct deal_builder {
    struct element_sink sink;
    deal_callback *callback;
    void *ctx;
    int deal_depth;
    bool in_deal;
    size_t errors_at_start;
    size_t count;

    struct arena own;   /* reset for each deal, unless the caller gave an arena */
    struct arena *mem;  /* where a deal's strings and arrays live */
    struct deal deal;
    const char *amount_text;
    struct attendee *attendees;
    size_t attendees_cap;
    struct event *events;
    size_t events_cap;
    struct file_ref *files;
    size_t n_files, files_cap;
    size_t *first_file; /* per event */
    size_t first_file_cap;

    bool capturing;
    struct strbuf text;
    const char **text_target;
};

static enum event_kind event_kind_of(const char *name, bool *ok)
{
    *ok = true;
    if (!strcmp(name, "done"))
        return EV_DONE;
    if (!strcmp(name, "undone"))
        return EV_UNDONE;
    if (!strcmp(name, "moved"))
        return EV_MOVED;
    if (!strcmp(name, "won"))
        return EV_WON;
    if (!strcmp(name, "lost"))
        return EV_LOST;
    *ok = false;
    return EV_DONE;
}

static void begin_text(struct deal_builder *b, const char **target)
{
    sb_reset(&b->text);
    b->capturing = true;
    b->text_target = target;
}

static struct event *last_event(struct deal_builder *b)
{
    return b->deal.n_events ? &b->events[b->deal.n_events - 1] : NULL;
}

static void db_start(void *ctx, struct loader *L, const char *name, const struct attr *attrs,
                     size_t n, int depth)
{
    struct deal_builder *b = ctx;
    struct place at = loader_place(L);
    int rel = depth - b->deal_depth;
    struct deal *d = &b->deal;
    if (rel == 0) {
        if (strcmp(name, "deal") != 0)
            return;
        if (b->mem == &b->own)
            arena_reset(&b->own);
        memset(d, 0, sizeof(*d));
        b->n_files = 0;
        b->in_deal = true;
        b->count++;
        b->errors_at_start = loader_errors(L);
        d->id = collapse(b->mem, attr_get(attrs, n, "id"));
        d->process_id = collapse(b->mem, attr_get(attrs, n, "process"));
        d->owner = collapse(b->mem, attr_get(attrs, n, "owner"));
        d->created_text = collapse(b->mem, attr_get(attrs, n, "created"));
        b->amount_text = collapse(b->mem, attr_get(attrs, n, "amount"));
        d->currency = collapse(b->mem, attr_get(attrs, n, "currency"));
        d->at = at;
        return;
    }
    if (!b->in_deal)
        return;
    if (rel == 1 && !strcmp(name, "title")) {
        begin_text(b, &d->title);
    } else if (rel == 1 && !strcmp(name, "attendee")) {
        GROW(b->attendees, b->attendees_cap, d->n_attendees + 1);
        b->attendees[d->n_attendees++] =
            (struct attendee){collapse(b->mem, attr_get(attrs, n, "ref")), at};
    } else if (rel == 2) {
        bool ok;
        enum event_kind kind = event_kind_of(name, &ok);
        if (!ok)
            return;
        GROW(b->events, b->events_cap, d->n_events + 1);
        GROW(b->first_file, b->first_file_cap, d->n_events + 1);
        struct event *e = &b->events[d->n_events];
        memset(e, 0, sizeof(*e));
        b->first_file[d->n_events] = b->n_files;
        d->n_events++;
        e->kind = kind;
        if (kind == EV_DONE || kind == EV_UNDONE)
            e->ref = collapse(b->mem, attr_get(attrs, n, "step"));
        else if (kind == EV_MOVED)
            e->ref = collapse(b->mem, attr_get(attrs, n, "stage"));
        e->by = collapse(b->mem, attr_get(attrs, n, "by"));
        e->at_text = collapse(b->mem, attr_get(attrs, n, "at"));
        e->at = at;
    } else if (rel == 3 && last_event(b)) {
        struct event *e = last_event(b);
        if (!strcmp(name, "note") && e->kind == EV_DONE) {
            begin_text(b, &e->note);
        } else if (!strcmp(name, "reason") && e->kind == EV_LOST) {
            begin_text(b, &e->reason);
        } else if (!strcmp(name, "file") && e->kind == EV_DONE) {
            GROW(b->files, b->files_cap, b->n_files + 1);
            const char *fname = attr_get(attrs, n, "name");
            b->files[b->n_files++] = (struct file_ref){
                collapse(b->mem, attr_get(attrs, n, "href")),
                fname ? arena_strdup(b->mem, fname) : NULL, at};
        }
    }
}

/* Fills what the text form alone does not give; false when a value does not parse. */
static bool finish_deal(struct deal_builder *b)
{
    struct deal *d = &b->deal;
    if (!d->id || !d->process_id || !d->owner || !d->created_text || !d->title)
        return false;
    if (!parse_xsd_date(d->created_text, &d->created_day))
        return false;
    if (b->amount_text) {
        d->has_amount = true;
        if (!money_parse(b->amount_text, &d->amount) || d->amount < 0)
            return false;
    }
    /* The arrays move into the arena, so the deal outlives the builder's next one. */
    /* The builder's vectors are NULL until first used: memcpy from NULL is undefined even for 0 bytes. */
    d->attendees = arena_alloc(b->mem, (d->n_attendees + 1) * sizeof(*d->attendees));
    if (d->n_attendees)
        memcpy(d->attendees, b->attendees, d->n_attendees * sizeof(*d->attendees));
    d->events = arena_alloc(b->mem, (d->n_events + 1) * sizeof(*d->events));
    if (d->n_events)
        memcpy(d->events, b->events, d->n_events * sizeof(*d->events));
    struct file_ref *files = arena_alloc(b->mem, (b->n_files + 1) * sizeof(*files));
    if (b->n_files)
        memcpy(files, b->files, b->n_files * sizeof(*files));
    for (size_t i = 0; i < d->n_events; i++) {
        struct event *e = &d->events[i];
        size_t end = i + 1 < d->n_events ? b->first_file[i + 1] : b->n_files;
        e->files = files + b->first_file[i];
        e->n_files = end - b->first_file[i];
        struct xsd_datetime t;
        if (!e->by || !e->at_text || !parse_xsd_datetime(e->at_text, &t))
            return false;
        if ((e->kind == EV_DONE || e->kind == EV_UNDONE || e->kind == EV_MOVED) && !e->ref)
            return false;
        e->at_utc = t.utc_seconds;
        e->at_nanos = t.nanos;
        e->at_day = t.local_day;
        e->utc_day = t.utc_day;
    }
    return true;
}

static void db_end(void *ctx, struct loader *L, const char *name, int depth)
{
    struct deal_builder *b = ctx;
    if (b->capturing) {
        *b->text_target = arena_strndup(b->mem, sb_str(&b->text), b->text.len);
        b->capturing = false;
        return;
    }
    if (depth != b->deal_depth || !b->in_deal || strcmp(name, "deal") != 0)
        return;
    b->in_deal = false;
    if (loader_errors(L) != b->errors_at_start)
        return;
    /* The schema admits only what finish_deal parses; a refusal here is a bug, not bad input. */
    if (finish_deal(b))
        b->callback(b->ctx, &b->deal);
}

static void db_text(void *ctx, const char *chars, size_t len)
{
    struct deal_builder *b = ctx;
    if (b->capturing)
        sb_add(&b->text, chars, len);
}

struct deal_builder *deal_builder_new(deal_callback *callback, void *ctx)
{
    struct deal_builder *b = xcalloc(1, sizeof(*b));
    b->callback = callback;
    b->ctx = ctx;
    b->sink = (struct element_sink){.start = db_start, .end = db_end, .text = db_text, .ctx = b};
    b->mem = &b->own;
    return b;
}

void deal_builder_use_arena(struct deal_builder *b, struct arena *mem)
{
    b->mem = mem ? mem : &b->own;
}

const struct element_sink *deal_builder_sink(struct deal_builder *b, enum doc_kind kind)
{
    b->deal_depth = kind == DOC_DEALS ? 1 : 0;
    b->in_deal = false;
    b->capturing = false;
    return &b->sink;
}

size_t deal_builder_count(const struct deal_builder *b)
{
    return b->count;
}

void deal_builder_free(struct deal_builder *b)
{
    if (!b)
        return;
    arena_free(&b->own);
    free(b->attendees);
    free(b->events);
    free(b->files);
    free(b->first_file);
    sb_free(&b->text);
    free(b);
}
