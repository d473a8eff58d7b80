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

struct report_options {
    const char *dir;        /* where the report goes */
    const char *stylesheet; /* NULL: the built-in reports/report.xsl */
    bool deal_pages;
};

/* Renders; false with a message on stderr when the report could not be written. */
bool report_render(const struct report_options *opt, const char *state_xml, size_t size);

#endif
