/*
 * The evaluated state document (namespace urn:dealc:state:1, described by
 * schemas/state.xsd), written as a stream: the head (inputs, team, process
 * definitions) once the definitions are loaded, each deal as it is
 * evaluated, then the statistics, the ignored deals and every diagnostic.
 */
#ifndef DEALC_STATE_H
#define DEALC_STATE_H

#include "emit.h"
#include "repo.h"

#define STATE_NS "urn:dealc:state:1"

struct state_writer;
struct state_writer *state_writer_new(FILE *out, enum emit_format format, struct repo *r);
/* After repo_load_definitions. */
void state_write_head(struct state_writer *sw);
/* The consumer to pass to repo_evaluate_deals. */
struct repo_consumer state_consumer(struct state_writer *sw);
/* After repo_evaluate_deals, with r->diags sorted; false on a write error. Frees sw. */
bool state_write_tail(struct state_writer *sw);

#endif
