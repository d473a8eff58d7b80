/*
 * Rendering diagnostics for people and tools: the compiler-style text of
 * SPEC §3 (optionally coloured), a JSON document, JUnit XML for CI test
 * reports, and GitHub Actions workflow commands.
 */
#ifndef DEALC_DIAG_PRINT_H
#define DEALC_DIAG_PRINT_H

#include "diag.h"
#include "repo.h"

#include <stdbool.h>
#include <stdio.h>

/* Returns the path of a file index. */
typedef const char *path_of_fn(const void *ctx, uint32_t file);

/* Prints dl (already sorted) one line per diagnostic, each followed by its notes. */
void diag_print_text(FILE *out, const struct diag_list *dl, path_of_fn *path_of, const void *ctx);
void diag_print_text_color(FILE *out, const struct diag_list *dl, path_of_fn *path_of,
                           const void *ctx, bool color);

/* The whole run's diagnostics (r->diags, sorted) in the machine formats; false on a write error. */
bool diag_print_json(FILE *out, const struct repo *r);
bool diag_print_junit(FILE *out, const struct repo *r);
bool diag_print_github(FILE *out, const struct repo *r);

#endif
