/*
 * The deals a report's overview pages show, chosen while a million deals
 * stream past in memory that does not grow with them: per process the most
 * advanced open deals, the longest idle rotting ones and the last closed
 * ones; over all processes the deals needing attention; and the deals the
 * shown diagnostics and files point at. The orders are those of
 * reports/report.xsl, which sorts whatever deals its document holds and
 * shows the first of each list: given every deal chosen here, it picks the
 * same ones as from the whole state, so dealc's pages and xsltproc's are the
 * same bytes. Pure: no I/O.
 */
#ifndef DEALC_SHORTLIST_H
#define DEALC_SHORTLIST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* What the lists are sorted on: the attributes of a deal's summary. */
struct deal_facts {
    uint32_t process;  /* index */
    uint32_t stage;    /* index in the process */
    int64_t progress;  /* percent */
    int64_t idle_days; /* may be negative (events after the as-of day) */
    uint64_t errors;
    bool open, rotting, can_win;
    const char *id;
    const char *closed; /* the closing event's timestamp as written; NULL when open */
};

struct shortlist;

/* limit: the length of every list but the closed deals', which is closed_limit. */
struct shortlist *shortlist_new(size_t n_processes, size_t limit, size_t closed_limit);
void shortlist_free(struct shortlist *sl);

/* Deals are offered in document order; seq counts them from 0. */
void shortlist_offer(struct shortlist *sl, uint64_t seq, const struct deal_facts *f);

/* Wants the first deal offered that starts on line of file. */
void shortlist_want_place(struct shortlist *sl, uint32_t file, uint32_t line);
/* Wants every deal of file. */
void shortlist_want_file(struct shortlist *sl, uint32_t file);

/* After the last offer and want. */
void shortlist_finish(struct shortlist *sl);
/* Whether deal seq (at file:line) is wanted; ask in ascending seq, each once. */
bool shortlist_wants(struct shortlist *sl, uint64_t seq, uint32_t file, uint32_t line);
/* The deals chosen by the lists (not the places and files), for tests. */
size_t shortlist_chosen(const struct shortlist *sl);

#endif
