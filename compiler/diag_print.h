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
/* One diagnostic and its notes, coloured or not. */
void diag_print_one(FILE *out, const struct diag *d, path_of_fn *path_of, const void *ctx, bool color);
/* The same lines as diag_print_one, as a string the caller frees. */
char *diag_format_one(const struct diag *d, path_of_fn *path_of, const void *ctx);
/* One diagnostic as GitHub Actions workflow commands (::error, then ::notice for notes). */
void diag_print_github(FILE *out, const struct repo *r, const struct diag *d);

/* The JSON document, written as diagnostics come: begin, add each, end with the summary. */
struct emitter;
struct emitter *diag_json_begin(FILE *out);
void diag_json_add(struct emitter *em, const struct repo *r, const struct diag *d);
bool diag_json_end(struct emitter *em, const struct repo *r);

/* JUnit XML of the whole run: r->diags must hold every diagnostic, sorted. */
bool diag_print_junit(FILE *out, const struct repo *r);

#endif
