/*
 * The set of deal ids seen in a run, with the place each was first defined:
 * the one structure of a run that grows with the number of deals, so it is
 * packed: one byte store of (place, id) records, the place as three
 * variable-length numbers (a record of a 12-character id on line 12,345,678
 * is 19 bytes), and an open-addressing table of 4-byte store offsets, at
 * most three quarters full: about 27 bytes a deal at a million deals.
 */
#ifndef DEALC_IDSET_H
#define DEALC_IDSET_H

#include "diag.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct idset {
    uint32_t *slots; /* store offset + 1 of a record; 0 is empty */
    size_t cap, len;
    unsigned char *store;
    size_t store_len, store_cap;
};

/* Adds id at place unless present; returns true when added, else false with *first set. */
bool idset_claim(struct idset *s, const char *id, struct place at, struct place *first);
void idset_free(struct idset *s);

#endif
