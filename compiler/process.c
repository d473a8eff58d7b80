/*
 * Process documents: building (from SAX events) and compiling. The builder
 * collects stages and steps as written; the compiler drops duplicates,
 * reports the static rules and turns each audience into a bitmap over the
 * team, so that evaluation never walks an audience's items.
 */
#include "process.h"

#include "text.h"

#include <stdlib.h>
#include <string.h>

struct process_builder {
    struct element_sink sink;
    struct process *p;
    size_t stages_cap, steps_cap;
    struct audience *audience; /* being read, or NULL */
    struct audience_item *items;
    size_t n_items, items_cap;
    bool capturing;
    struct strbuf text;
    const char **text_target;
    char *root_id;
};

static struct arena *mem(struct process_builder *b)
{
    return &b->p->mem;
}

static struct stage *current_stage(struct process_builder *b)
{
    return b->p->n_stages ? &b->p->stages[b->p->n_stages - 1] : NULL;
}

static struct step *current_step(struct process_builder *b)
{
    return b->p->n_steps ? &b->p->steps[b->p->n_steps - 1] : NULL;
}

static void begin_text(struct process_builder *b, const char **target)
{
    sb_reset(&b->text);
    b->capturing = true;
    b->text_target = target;
}

static struct audience *audience_of(struct step *s, const char *name)
{
    if (!strcmp(name, "responsible"))
        return &s->responsible;
    if (!strcmp(name, "can-complete"))
        return &s->can_complete;
    if (!strcmp(name, "notify"))
        return &s->notify;
    return NULL;
}

static bool audience_kind_of(const char *name, enum audience_kind *kind)
{
    static const struct {
        const char *name;
        enum audience_kind kind;
    } kinds[] = {{"everyone", AUD_EVERYONE},   {"administrators", AUD_ADMINISTRATORS},
                 {"managers", AUD_MANAGERS},   {"owner", AUD_OWNER},
                 {"attendees", AUD_ATTENDEES}, {"user", AUD_USER}};
    for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
        if (!strcmp(kinds[i].name, name)) {
            *kind = kinds[i].kind;
            return true;
        }
    return false;
}

static void pb_start(void *ctx, struct loader *L, const char *name, const struct attr *attrs,
                     size_t n, int depth)
{
    struct process_builder *b = ctx;
    struct process *p = b->p;
    struct place at = loader_place(L);
    if (depth == 0) {
        if (strcmp(name, "process") != 0)
            return;
        p->id = collapse(mem(b), attr_get(attrs, n, "id"));
        free(b->root_id);
        b->root_id = p->id ? xstrdup(p->id) : NULL;
        const char *pname = attr_get(attrs, n, "name");
        p->name = arena_strdup(mem(b), pname ? pname : "");
        p->currency = collapse(mem(b), attr_get(attrs, n, "currency"));
        p->at = at;
    } else if (depth == 1 && !strcmp(name, "description")) {
        begin_text(b, &p->description);
    } else if (depth == 1 && !strcmp(name, "stage")) {
        GROW(p->stages, b->stages_cap, p->n_stages + 1);
        struct stage *s = &p->stages[p->n_stages];
        memset(s, 0, sizeof(*s));
        s->id = collapse(mem(b), attr_get(attrs, n, "id"));
        const char *sname = attr_get(attrs, n, "name");
        s->name = arena_strdup(mem(b), sname ? sname : "");
        s->strict = parse_boolean(collapse(mem(b), attr_get(attrs, n, "strict")), false);
        uint64_t days = 0;
        if (parse_uint(collapse(mem(b), attr_get(attrs, n, "rotting-days")), 100000, &days))
            s->rotting_days = (uint32_t)days;
        s->index = (uint32_t)p->n_stages;
        s->first_step = (uint32_t)p->n_steps;
        s->at = at;
        p->n_stages++;
    } else if (depth == 2 && !strcmp(name, "description") && current_stage(b)) {
        begin_text(b, &current_stage(b)->description);
    } else if (depth == 2 && !strcmp(name, "step") && current_stage(b)) {
        GROW(p->steps, b->steps_cap, p->n_steps + 1);
        struct step *s = &p->steps[p->n_steps];
        memset(s, 0, sizeof(*s));
        s->id = collapse(mem(b), attr_get(attrs, n, "id"));
        const char *sname = attr_get(attrs, n, "name");
        s->name = arena_strdup(mem(b), sname ? sname : "");
        uint64_t value = 0;
        if (parse_uint(collapse(mem(b), attr_get(attrs, n, "value")), UINT32_MAX, &value))
            s->value = (uint32_t)value;
        s->obligatory = parse_boolean(collapse(mem(b), attr_get(attrs, n, "obligatory")), false);
        const char *req = attr_get(attrs, n, "requires");
        s->requires = (list_contains(req, "note") ? REQUIRES_NOTE : 0) |
                      (list_contains(req, "file") ? REQUIRES_FILE : 0);
        s->stage = (uint32_t)(p->n_stages - 1);
        s->at = at;
        p->n_steps++;
        current_stage(b)->n_steps++;
    } else if (depth == 3 && current_step(b)) {
        if (!strcmp(name, "description")) {
            begin_text(b, &current_step(b)->description);
        } else {
            b->audience = audience_of(current_step(b), name);
            b->n_items = 0;
        }
    } else if (depth == 4 && b->audience) {
        enum audience_kind kind;
        if (!audience_kind_of(name, &kind))
            return;
        GROW(b->items, b->items_cap, b->n_items + 1);
        struct audience_item *item = &b->items[b->n_items++];
        item->kind = kind;
        item->ref = kind == AUD_USER ? collapse(mem(b), attr_get(attrs, n, "ref")) : NULL;
        item->user_index = -1;
        item->at = at;
    }
}

static void pb_end(void *ctx, struct loader *L, const char *name, int depth)
{
    (void)L;
    (void)name;
    struct process_builder *b = ctx;
    if (b->capturing) {
        *b->text_target = arena_strndup(mem(b), sb_str(&b->text), b->text.len);
        b->capturing = false;
    } else if (depth == 3 && b->audience) {
        struct audience *a = b->audience;
        a->written = true;
        a->n_items = b->n_items;
        a->items = arena_alloc(mem(b), (b->n_items ? b->n_items : 1) * sizeof(*a->items));
        if (b->n_items) /* b->items is NULL until an item is seen */
            memcpy(a->items, b->items, b->n_items * sizeof(*a->items));
        b->audience = NULL;
    }
}

static void pb_text(void *ctx, const char *chars, size_t len)
{
    struct process_builder *b = ctx;
    if (b->capturing)
        sb_add(&b->text, chars, len);
}

struct process_builder *process_builder_new(void)
{
    struct process_builder *b = xcalloc(1, sizeof(*b));
    b->p = xcalloc(1, sizeof(*b->p));
    b->sink = (struct element_sink){.start = pb_start, .end = pb_end, .text = pb_text, .ctx = b};
    return b;
}

const struct element_sink *process_builder_sink(struct process_builder *b)
{
    return &b->sink;
}

const char *process_builder_id(const struct process_builder *b)
{
    return b->root_id;
}

struct process *process_builder_take(struct process_builder *b)
{
    if (!b->p || !b->p->id)
        return NULL;
    struct process *p = b->p;
    b->p = NULL;
    return p;
}

void process_builder_free(struct process_builder *b)
{
    if (!b)
        return;
    process_free(b->p);
    free(b->items);
    free(b->root_id);
    sb_free(&b->text);
    free(b);
}

void process_free(struct process *p)
{
    if (!p)
        return;
    free(p->stages);
    free(p->steps);
    strmap_free(&p->stage_by_id);
    strmap_free(&p->step_by_id);
    arena_free(&p->mem);
    free(p);
}

/* ---- compiling ---- */

static void compile_audience(struct process *p, struct audience *a, const struct team *team,
                             struct diag_list *diags)
{
    size_t bytes = (team->n_users + 7) / 8;
    a->fixed = arena_zalloc(&p->mem, bytes ? bytes : 1);
    for (size_t i = 0; i < a->n_items; i++) {
        struct audience_item *item = &a->items[i];
        switch (item->kind) {
        case AUD_EVERYONE:
            a->everyone = true;
            break;
        case AUD_OWNER:
            a->owner = true;
            break;
        case AUD_ATTENDEES:
            a->attendees = true;
            break;
        case AUD_ADMINISTRATORS:
        case AUD_MANAGERS: {
            enum role want = item->kind == AUD_MANAGERS ? ROLE_MANAGER : ROLE_ADMINISTRATOR;
            for (size_t u = 0; u < team->n_users; u++)
                if (team->users[u]->role == want)
                    a->fixed[u / 8] |= (uint8_t)(1u << (u % 8));
            break;
        }
        case AUD_USER:
            item->user_index = team_find(team, item->ref);
            if (item->user_index < 0)
                diag_add(diags, item->at, D_UNKNOWN_USER, "user '%s' is not in the team", item->ref);
            else
                a->fixed[item->user_index / 8] |= (uint8_t)(1u << (item->user_index % 8));
            break;
        }
    }
}

static bool bitmap_empty(const uint8_t *bits, size_t n_users)
{
    for (size_t i = 0; i < (n_users + 7) / 8; i++)
        if (bits[i])
            return false;
    return true;
}

void process_compile(struct process *p, const struct team *team, struct diag_list *diags)
{
    /* Drop duplicate stages (with their steps) and duplicate steps, keeping process order. */
    size_t n_stages = 0, n_steps = 0;
    for (size_t si = 0; si < p->n_stages; si++) {
        struct stage stage = p->stages[si];
        const struct stage *first = process_find_stage(p, stage.id);
        if (first) {
            size_t d = diag_add(diags, stage.at, D_DUPLICATE_ID,
                                "stage id '%s' is already used in process '%s'", stage.id, p->id);
            diag_add_note(diags, d, first->at, "stage '%s' is first defined here", stage.id);
            continue;
        }
        uint32_t first_step = (uint32_t)n_steps;
        for (uint32_t k = 0; k < stage.n_steps; k++) {
            struct step step = p->steps[stage.first_step + k];
            const struct step *dup = process_find_step(p, step.id);
            if (dup) {
                size_t d = diag_add(diags, step.at, D_DUPLICATE_ID,
                                    "step id '%s' is already used in process '%s'", step.id, p->id);
                diag_add_note(diags, d, dup->at, "step '%s' is first defined here", step.id);
                continue;
            }
            step.stage = (uint32_t)n_stages;
            step.index = (uint32_t)n_steps;
            p->steps[n_steps] = step;
            strmap_put(&p->step_by_id, p->steps[n_steps].id, &p->steps[n_steps]);
            n_steps++;
        }
        stage.first_step = first_step;
        stage.n_steps = (uint32_t)n_steps - first_step;
        stage.index = (uint32_t)n_stages;
        p->stages[n_stages] = stage;
        strmap_put(&p->stage_by_id, p->stages[n_stages].id, &p->stages[n_stages]);
        n_stages++;
    }
    p->n_stages = n_stages;
    p->n_steps = n_steps;

    p->total_value = 0;
    for (size_t i = 0; i < p->n_stages; i++)
        if (p->stages[i].n_steps == 0)
            diag_add(diags, p->stages[i].at, D_EMPTY_STAGE, "stage '%s' of process '%s' has no steps",
                     p->stages[i].id, p->id);
    for (size_t i = 0; i < p->n_steps; i++) {
        struct step *s = &p->steps[i];
        p->total_value += s->value;
        compile_audience(p, &s->responsible, team, diags);
        compile_audience(p, &s->can_complete, team, diags);
        compile_audience(p, &s->notify, team, diags);
        /* The defaults of SPEC §1: responsible is the owner, everyone may complete. */
        if (!s->responsible.written)
            s->responsible.owner = true;
        if (!s->can_complete.written)
            s->can_complete.everyone = true;
        const struct audience *cc = &s->can_complete;
        if (s->obligatory && !cc->everyone && !cc->owner && !cc->attendees &&
            bitmap_empty(cc->fixed, team->n_users))
            diag_add(diags, s->at, D_NOBODY_CAN_COMPLETE,
                     "obligatory step '%s' can be completed by nobody in the team, so no deal of "
                     "process '%s' could be won",
                     s->id, p->id);
    }
    if (p->total_value == 0)
        diag_add(diags, p->at, D_ZERO_TOTAL,
                 "the step values of process '%s' sum to zero, so progress cannot be measured", p->id);
}
