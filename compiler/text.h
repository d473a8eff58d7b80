/*
 * Small text helpers for values as XSD sees them: white space collapsing of
 * token-like attributes and iteration over list values.
 */
#ifndef DEALC_TEXT_H
#define DEALC_TEXT_H

#include "util.h"

#include <stdbool.h>

/*
 * A copy of value without leading and trailing XML white space, the form an
 * NCName, boolean or number has after XSD's whiteSpace="collapse". NULL stays
 * NULL.
 */
const char *collapse(struct arena *a, const char *value);
/* xs:boolean's lexical forms; anything else is def. */
bool parse_boolean(const char *value, bool def);
/* A non-negative decimal integer up to max; false when it is not one. */
bool parse_uint(const char *value, uint64_t max, uint64_t *out);
/* Whether the white-space separated list value contains word. */
bool list_contains(const char *value, const char *word);

#endif
