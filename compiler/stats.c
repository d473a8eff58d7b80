/*
 * Statistics accumulation; see stats.h. Everything is integer arithmetic so
 * that the figures are exact and the same on every machine.
 */
#include "stats.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool money_sums_add(struct money_sums *s, const char *currency, int64_t amount)
{
    struct money_sum *sum = NULL;
    for (size_t i = 0; i < s->len; i++)
        if (!strcmp(s->items[i].currency, currency))
            sum = &s->items[i];
    if (!sum) {
        /* Kept sorted by code so output order never depends on input order. */
        GROW(s->items, s->cap, s->len + 1);
        size_t at = 0;
        while (at < s->len && strcmp(s->items[at].currency, currency) < 0)
            at++;
        memmove(&s->items[at + 1], &s->items[at], (s->len - at) * sizeof(*s->items));
        sum = &s->items[at];
        memset(sum, 0, sizeof(*sum));
        snprintf(sum->currency, sizeof(sum->currency), "%s", currency);
        s->len++;
    }
    if (sum->overflow)
        return false;
    int64_t total;
    if (__builtin_add_overflow(sum->total, amount, &total)) {
        sum->overflow = true; /* total keeps the last exact sum; nothing wraps */
        return false;
    }
    sum->total = total;
    return true;
}

void money_sums_free(struct money_sums *s)
{
    free(s->items);
    memset(s, 0, sizeof(*s));
}

void stats_init(struct process_stats *ps, const struct process *p)
{
    memset(ps, 0, sizeof(*ps));
    ps->process = p;
    ps->stages = xcalloc(p->n_stages, sizeof(*ps->stages));
    ps->step_done = xcalloc(p->n_steps, sizeof(*ps->step_done));
    ps->step_blocking = xcalloc(p->n_steps, sizeof(*ps->step_blocking));
}

void stats_free(struct process_stats *ps)
{
    if (ps->process)
        for (size_t i = 0; i < ps->process->n_stages; i++) {
            money_sums_free(&ps->stages[i].open_amount);
            money_sums_free(&ps->stages[i].open_weighted);
        }
    for (size_t i = 0; i < ps->n_owners; i++)
        money_sums_free(&ps->owners[i].won_amount);
    free(ps->stages);
    free(ps->step_done);
    free(ps->step_blocking);
    free(ps->owners);
    strmap_free(&ps->owner_by_id);
    arena_free(&ps->mem);
    memset(ps, 0, sizeof(*ps));
}

static struct owner_stats *owner_of(struct process_stats *ps, const char *id)
{
    uintptr_t slot = (uintptr_t)strmap_get(&ps->owner_by_id, id);
    if (slot)
        return &ps->owners[slot - 1];
    GROW(ps->owners, ps->owners_cap, ps->n_owners + 1);
    struct owner_stats *o = &ps->owners[ps->n_owners++];
    memset(o, 0, sizeof(*o));
    o->id = arena_strdup(&ps->mem, id);
    strmap_put(&ps->owner_by_id, o->id, (void *)(uintptr_t)ps->n_owners);
    return o;
}

void stats_add(struct process_stats *ps, const struct deal *d, const struct deal_state *st, size_t errors)
{
    const struct process *p = ps->process;
    struct owner_stats *owner = owner_of(ps, d->owner);
    bool blocked = st->status == DEAL_OPEN && !st->can_win;
    ps->blocked += blocked;
    ps->rotting += st->rotting;
    ps->with_errors += errors > 0;
    ps->attention += blocked || st->rotting || errors > 0;
    switch (st->status) {
    case DEAL_OPEN:
        ps->open++;
        owner->open++;
        break;
    case DEAL_WON:
        ps->won++;
        owner->won++;
        {
            int32_t days = d->events[st->closed_event].utc_day - d->created_day;
            ps->days_to_win += days > 0 ? (uint64_t)days : 0;
        }
        if (d->has_amount && st->currency)
            money_sums_add(&owner->won_amount, st->currency, d->amount);
        break;
    case DEAL_LOST:
        ps->lost++;
        owner->lost++;
        break;
    }

    /* The furthest stage entered; a won deal has reached them all. */
    uint32_t furthest = 0;
    for (size_t i = 0; i < st->n_visits; i++)
        if (st->visits[i].stage > furthest)
            furthest = st->visits[i].stage;
    if (st->status == DEAL_WON)
        furthest = (uint32_t)p->n_stages - 1;
    for (uint32_t s = 0; s <= furthest && s < p->n_stages; s++) {
        ps->stages[s].reached++;
        const struct stage *stage = &p->stages[s];
        for (uint32_t k = 0; k < stage->n_steps; k++)
            if (st->steps[stage->first_step + k].done)
                ps->step_done[stage->first_step + k]++;
    }

    /* Days spent per stage over the visits that ended, counted once per deal. */
    for (uint32_t s = 0; s < p->n_stages; s++) {
        uint64_t days = 0;
        bool left = false;
        for (size_t i = 0; i < st->n_visits; i++)
            if (st->visits[i].stage == s && st->visits[i].left_event >= 0) {
                left = true;
                days += (uint64_t)st->visits[i].days;
            }
        if (left) {
            ps->stages[s].left++;
            ps->stages[s].days_left += days;
        }
    }

    if (st->status == DEAL_OPEN) {
        struct stage_stats *now = &ps->stages[st->stage];
        now->open_now++;
        if (d->has_amount && st->currency) {
            money_sums_add(&now->open_amount, st->currency, d->amount);
            if (st->has_weighted)
                money_sums_add(&now->open_weighted, st->currency, st->weighted);
        }
        for (size_t i = 0; i < st->n_blockers; i++)
            ps->step_blocking[st->blockers[i]]++;
    }
}

size_t stats_top_blockers(const struct process_stats *ps, uint32_t *steps)
{
    size_t n = 0;
    for (uint32_t i = 0; i < ps->process->n_steps; i++)
        if (ps->step_blocking[i])
            steps[n++] = i;
    /* Insertion sort: a process has few steps, and it keeps this reentrant. */
    for (size_t i = 1; i < n; i++) {
        uint32_t v = steps[i];
        size_t j = i;
        while (j > 0) {
            uint64_t cv = ps->step_blocking[v], cp = ps->step_blocking[steps[j - 1]];
            if (cp > cv || (cp == cv && steps[j - 1] < v))
                break;
            steps[j] = steps[j - 1];
            j--;
        }
        steps[j] = v;
    }
    return n;
}

void ratio_format(uint64_t num, uint64_t den, unsigned scale, char *buf, size_t size)
{
    /* scale 100 gives a percentage; one fraction digit, half up. */
    unsigned __int128 tenths = ((unsigned __int128)num * scale * 10 * 2 + den) / ((unsigned __int128)den * 2);
    snprintf(buf, size, "%llu.%u", (unsigned long long)(tenths / 10), (unsigned)(tenths % 10));
}
