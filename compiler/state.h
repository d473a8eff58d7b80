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
struct shortlist;
struct state_writer *state_writer_new(FILE *out, enum emit_format format, struct repo *r);

/*
 * The state of a large set in parts, for the report, so that no part grows
 * with the deals in memory: the document gets no deal records; summaries
 * gets each deal's summary (its attributes and title) and records, when
 * not NULL, each deal's whole record, each as an XML document of its own
 * (root `deal` in the state namespace) followed by a NUL byte; a summary is
 * preceded by a line "FILE LINE" (the deal's input index and line); of the
 * run-level diagnostics the document holds the first list_limit (summary
 * says how many there are). Once
 * the state is written, wanted says which summaries the overview pages
 * show (lists of list_limit deals, the closed ones of closed_limit: the
 * stylesheet's parameters of those names); the caller frees it.
 */
struct report_parts {
    FILE *summaries;
    FILE *records;
    size_t list_limit, closed_limit;
    struct shortlist *wanted;
};
/* Call before state_write_head. */
void state_writer_parts(struct state_writer *sw, struct report_parts *parts);
/* After repo_load_definitions. */
void state_write_head(struct state_writer *sw);
/* The consumer to pass to repo_evaluate_deals. */
struct repo_consumer state_consumer(struct state_writer *sw);
/*
 * Every diagnostic of the run, in order, as the repo hands them out (set it
 * as, or call it from, r->emit): the writer counts them per input and keeps
 * those that no deal record carries, for the run's own list.
 */
void state_note_diag(struct state_writer *sw, const struct diag *d);
/* After repo_evaluate_deals and repo_flush_diags; false on a write error. Frees sw. */
bool state_write_tail(struct state_writer *sw);

#endif
