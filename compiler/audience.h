/*
 * Audiences against a concrete deal: who is in one, the people it resolves
 * to (in team order), and how to name it in a message.
 */
#ifndef DEALC_AUDIENCE_H
#define DEALC_AUDIENCE_H

#include "model.h"

/* Whether the team user at user_index belongs to the audience for deal d. */
bool audience_admits(const struct audience *a, const struct team *team, const struct deal *d,
                     int32_t user_index);
/* Writes the team indices of the audience's members, in team order, to out
 * (room for team->n_users); skips the user at except (or none, when -1). */
size_t audience_resolve(const struct audience *a, const struct team *team, const struct deal *d,
                        int32_t except, uint32_t *out);
/* "owner 'ola', managers" — the audience as written, with the deal's people filled in. */
void audience_describe(const struct audience *a, const struct deal *d, struct strbuf *out);

#endif
