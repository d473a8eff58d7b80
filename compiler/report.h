/*
 * Rendering the static HTML report: a stylesheet (the built-in one from
 * reports/, or a team's own) applied by libxslt to the state document. The
 * pages are written into a fresh folder beside the target, which then
 * replaces the target in one atomic exchange, so a reader sees the old
 * report or the new one, never half of either. libxslt's security
 * preferences forbid network access, every file read, and any write outside
 * that folder.
 */
#ifndef DEALC_REPORT_H
#define DEALC_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* The defaults of report.xsl's parameters list-limit and closed-limit. */
#define REPORT_LIST_LIMIT 200
#define REPORT_CLOSED_LIMIT 6

struct report_parts;

struct report_options {
    const char *dir;        /* where the report goes */
    const char *stylesheet; /* NULL: the built-in reports/report.xsl */
    bool deal_pages;
    size_t list_limit; /* the longest list of deals, files or diagnostics a page shows */
};

/*
 * Renders the report from state_xml. With parts (the built-in stylesheet),
 * state_xml has no deals: the overview pages (index, processes) are made
 * from it with the summaries parts->wanted chooses, and, when
 * parts->records, a page per deal from each whole record (see struct
 * report_parts; both spools rewound). Without, state_xml is the whole state
 * and one transformation writes every page. False with a message on stderr
 * when the report could not be written.
 */
/* state_xml is freed once parsed, so its text and its tree are never held together. */
bool report_render(const struct report_options *opt, char *state_xml, size_t size,
                   struct report_parts *parts);

#endif
