/*
 * Audience membership and naming; see audience.h.
 */
#include "audience.h"

#include <string.h>

static bool is_attendee(const struct deal *d, const char *id)
{
    for (size_t i = 0; i < d->n_attendees; i++)
        if (d->attendees[i].ref && !strcmp(d->attendees[i].ref, id))
            return true;
    return false;
}

bool audience_admits(const struct audience *a, const struct team *team, const struct deal *d,
                     int32_t user_index)
{
    if (user_index < 0 || (size_t)user_index >= team->n_users)
        return false;
    if (a->everyone)
        return true;
    if (a->fixed && (a->fixed[user_index / 8] & (1u << (user_index % 8))))
        return true;
    const char *id = team->users[user_index]->id;
    if (a->owner && d->owner && !strcmp(d->owner, id))
        return true;
    return a->attendees && is_attendee(d, id);
}

size_t audience_resolve(const struct audience *a, const struct team *team, const struct deal *d,
                        int32_t except, uint32_t *out)
{
    size_t n = 0;
    for (size_t u = 0; u < team->n_users; u++)
        if ((int32_t)u != except && audience_admits(a, team, d, (int32_t)u))
            out[n++] = (uint32_t)u;
    return n;
}

void audience_describe(const struct audience *a, const struct deal *d, struct strbuf *out)
{
    if (!a->written) {
        sb_adds(out, a->owner ? "owner" : a->everyone ? "everyone" : "nobody");
        if (a->owner && d->owner)
            sb_addf(out, " '%s'", d->owner);
        return;
    }
    for (size_t i = 0; i < a->n_items; i++) {
        const struct audience_item *item = &a->items[i];
        if (i)
            sb_adds(out, ", ");
        switch (item->kind) {
        case AUD_EVERYONE:
            sb_adds(out, "everyone");
            break;
        case AUD_ADMINISTRATORS:
            sb_adds(out, "administrators");
            break;
        case AUD_MANAGERS:
            sb_adds(out, "managers");
            break;
        case AUD_OWNER:
            sb_addf(out, "owner '%s'", d->owner ? d->owner : "");
            break;
        case AUD_ATTENDEES:
            sb_adds(out, "attendees (");
            if (!d->n_attendees)
                sb_adds(out, "none");
            for (size_t k = 0; k < d->n_attendees; k++)
                sb_addf(out, "%s'%s'", k ? ", " : "", d->attendees[k].ref);
            sb_addc(out, ')');
            break;
        case AUD_USER:
            sb_addf(out, "'%s'", item->ref);
            break;
        }
    }
}
