/*
 * The set of deal ids seen in a run, with the place each was first defined:
 * the one structure of a run that grows with the number of deals, so it is
 * packed: an open-addressing table of 8-byte slots (part of the hash and an
 * offset) over one byte store of (place, id) records, about 40 bytes a deal.
 */
#ifndef DEALC_IDSET_H
#define DEALC_IDSET_H

#include "diag.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct idset {
    uint64_t *slots; /* high 32 bits: hash bits; low 32 bits: store offset + 1; 0 is empty */
    size_t cap, len;
    char *store;
    size_t store_len, store_cap;
};

/* Adds id at place unless present; returns true when added, else false with *first set. */
bool idset_claim(struct idset *s, const char *id, struct place at, struct place *first);
void idset_free(struct idset *s);

#endif
