/*
 * Reviewing a change with Git: which diagnostics the change since a revision
 * is answerable for. Those in the files it changed, and those elsewhere that
 * were not there before it (a deal that a process change made unwinnable),
 * found by checking the same inputs again with the changed files as they
 * were at the revision.
 */
#ifndef DEALC_CHANGED_H
#define DEALC_CHANGED_H

#include "repo.h"

/*
 * r has run over inputs with every diagnostic kept (no emit). Keeps in
 * r->diags (sorted) only those the change since rev is answerable for;
 * false (with a message) when Git cannot tell what changed.
 */
bool keep_changed_since(struct repo *r, const struct input_list *inputs, const char *rev);

/* "path|line|col|code|message": a diagnostic as two runs can compare it. */
char *diag_key(const struct repo *r, const struct diag *d);

#endif
