/*
 * Rendering diagnostics for people and tools: the compiler-style text
 * format of SPEC §3.
 */
#ifndef DEALC_DIAG_PRINT_H
#define DEALC_DIAG_PRINT_H

#include "diag.h"

#include <stdio.h>

/* Returns the path of a file index. */
typedef const char *path_of_fn(const void *ctx, uint32_t file);

/* Prints dl (already sorted) one line per diagnostic, each followed by its notes. */
void diag_print_text(FILE *out, const struct diag_list *dl, path_of_fn *path_of, const void *ctx);

#endif
