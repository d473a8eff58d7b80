/*
 * The set of deal ids seen in a run, with the place each was first defined:
 * the one structure of a run that grows with the number of deals, so it is
 * packed: one byte store of (place, id) records in the order claimed, and an
 * open-addressing table of 4-byte store offsets, at most three quarters
 * full. A place is written as the difference from the record before (deals
 * come file by file, line after line), in full at the start of every block
 * of records, which is where reading one back starts: a 12-character id two
 * dozen lines below the one before takes 15 bytes, about 23 bytes a deal
 * with the table at a million deals.
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
    uint32_t *blocks; /* the store offset of every IDSET_BLOCK-th record */
    size_t blocks_cap;
    struct place last; /* of the record claimed last */
};

/* Adds id at place unless present; returns true when added, else false with *first set. */
bool idset_claim(struct idset *s, const char *id, struct place at, struct place *first);
void idset_free(struct idset *s);

#endif
