/*
 * Lookups over the model that the evaluator and the loaders share.
 */
#include "model.h"

int32_t team_find(const struct team *team, const char *id)
{
    const struct user *u = strmap_get(&team->by_id, id);
    return u ? (int32_t)u->index : -1;
}

const struct step *process_find_step(const struct process *p, const char *id)
{
    return strmap_get(&p->step_by_id, id);
}

const struct stage *process_find_stage(const struct process *p, const char *id)
{
    return strmap_get(&p->stage_by_id, id);
}
