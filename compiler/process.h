/*
 * Processes: the builder that streams a process document into the model,
 * and the compiler that checks the rules of SPEC §1 against the team and
 * prepares the fast lookups evaluation needs (id maps, audience bitmaps).
 */
#ifndef DEALC_PROCESS_H
#define DEALC_PROCESS_H

#include "load.h"
#include "model.h"

struct process_builder;
struct process_builder *process_builder_new(void);
const struct element_sink *process_builder_sink(struct process_builder *b);
/*
 * The process read, owned by the caller from now on; NULL when the root had
 * no id. The caller takes it only from a document that loaded without errors.
 */
struct process *process_builder_take(struct process_builder *b);
/* The id on the root, even of an invalid document (NULL if none); lives as long as b. */
const char *process_builder_id(const struct process_builder *b);
void process_builder_free(struct process_builder *b);

/*
 * Checks duplicate stage and step ids (the second is dropped), empty stages,
 * a zero total, unknown users in audiences and obligatory steps nobody can
 * complete; resolves audiences against the team.
 */
void process_compile(struct process *p, const struct team *team, struct diag_list *diags);
void process_free(struct process *p);

#endif
