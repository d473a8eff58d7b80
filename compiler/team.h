/*
 * The team: users gathered from every team document, in input order.
 */
#ifndef DEALC_TEAM_H
#define DEALC_TEAM_H

#include "load.h"
#include "model.h"

void team_init(struct team *team);
void team_free(struct team *team);

/* The builder that streams a team document into team, one user at a time. */
struct team_builder;
struct team_builder *team_builder_new(struct team *team, struct diag_list *diags);
const struct element_sink *team_builder_sink(struct team_builder *b);
void team_builder_free(struct team_builder *b);

/* Adds a user unless its id is taken (then duplicate-id); false when refused. */
bool team_add_user(struct team *team, struct diag_list *diags, const char *id, const char *name,
                   enum role role, struct place at);

#endif
