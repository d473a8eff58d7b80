/*
 * The packed id set; see idset.h. The table holds no part of the hash, so
 * each probe of a taken slot compares the id in the store: the table is
 * half the size it would be with one, and at three quarters full a probe
 * rarely goes past a slot or two.
 *
 * A record is: a head number, then, in full form, the file; then the
 * column; then the id and its NUL. Numbers are LEB128 (7 bits a byte, low
 * first). The head is line << 1 | 1 in full form, else the lines down from
 * the record before << 1. Only a duplicate reads a place back, so that
 * walks at most one block.
 */
#include "idset.h"

#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { IDSET_BLOCK = 64, RECORD_MAX_HEAD = 3 * 10 };

static unsigned char *put_number(unsigned char *p, uint64_t v)
{
    while (v >= 0x80) {
        *p++ = (unsigned char)(v | 0x80);
        v >>= 7;
    }
    *p++ = (unsigned char)v;
    return p;
}

static const unsigned char *get_number(const unsigned char *p, uint64_t *v)
{
    uint64_t value = 0;
    for (unsigned shift = 0;; shift += 7) {
        unsigned char b = *p++;
        value |= (uint64_t)(b & 0x7f) << shift;
        if (!(b & 0x80))
            break;
    }
    *v = value;
    return p;
}

/* Reads the record at p, the place of the record before it in prev; returns its id. */
static const char *read_record(const unsigned char *p, struct place *prev)
{
    uint64_t head, file, col;
    p = get_number(p, &head);
    if (head & 1) {
        p = get_number(p, &file);
        prev->file = (uint32_t)file;
        prev->line = (uint32_t)(head >> 1);
    } else {
        prev->line += (uint32_t)(head >> 1);
    }
    p = get_number(p, &col);
    prev->col = (uint32_t)col;
    return (const char *)p;
}

static const char *record_id(const struct idset *s, uint32_t off)
{
    struct place unused = {0, 0, 0};
    return read_record(s->store + off, &unused);
}

static size_t record_end(const char *id)
{
    return strlen(id) + 1;
}

/* The place of the record at off: from the start of its block, record by record. */
static struct place record_place(const struct idset *s, uint32_t off)
{
    size_t lo = 0, hi = (s->len - 1) / IDSET_BLOCK; /* the last block starting at or before off */
    while (lo < hi) {
        size_t mid = (lo + hi + 1) / 2;
        if (s->blocks[mid] <= off)
            lo = mid;
        else
            hi = mid - 1;
    }
    struct place at = {0, 0, 0};
    for (size_t p = s->blocks[lo];;) {
        const char *id = read_record(s->store + p, &at);
        if (p == off)
            return at;
        p = (size_t)((const unsigned char *)id - s->store) + record_end(id);
    }
}

/* The slot holding id, or the empty one where it would go. */
static size_t find_slot(const struct idset *s, const uint32_t *slots, size_t cap, uint64_t hash,
                        const char *id, bool *found)
{
    size_t mask = cap - 1;
    for (size_t i = (size_t)hash & mask;; i = (i + 1) & mask) {
        uint32_t slot = slots[i];
        if (!slot) {
            *found = false;
            return i;
        }
        if (id && strcmp(record_id(s, slot - 1), id) == 0) {
            *found = true;
            return i;
        }
    }
}

/* Twice the table, filled by one pass over the store in order (which reads it front to back). */
static void grow_table(struct idset *s)
{
    size_t cap = s->cap ? s->cap * 2 : 1024;
    uint32_t *slots = xcalloc(cap, sizeof(*slots));
    for (size_t off = 0; off < s->store_len;) {
        const char *id = record_id(s, (uint32_t)off);
        bool found;
        slots[find_slot(s, slots, cap, str_hash(id), NULL, &found)] = (uint32_t)off + 1;
        off = (size_t)((const unsigned char *)id - s->store) + record_end(id);
    }
    free(s->slots);
    s->slots = slots;
    s->cap = cap;
}

bool idset_claim(struct idset *s, const char *id, struct place at, struct place *first)
{
    if ((s->len + 1) * 4 > s->cap * 3)
        grow_table(s);
    bool found;
    size_t i = find_slot(s, s->slots, s->cap, str_hash(id), id, &found);
    if (found) {
        *first = record_place(s, s->slots[i] - 1);
        return false;
    }
    size_t len = strlen(id) + 1;
    /* Offsets + 1 must fit the 4-byte slots. */
    if (s->store_len + RECORD_MAX_HEAD + len >= UINT32_MAX) {
        fputs("dealc: more deal ids than one run can hold\n", stderr);
        exit(2);
    }
    GROW(s->store, s->store_cap, s->store_len + RECORD_MAX_HEAD + len);
    bool block_start = s->len % IDSET_BLOCK == 0;
    if (block_start) {
        GROW(s->blocks, s->blocks_cap, s->len / IDSET_BLOCK + 1);
        s->blocks[s->len / IDSET_BLOCK] = (uint32_t)s->store_len;
    }
    unsigned char *p = s->store + s->store_len;
    if (block_start || at.file != s->last.file || at.line < s->last.line) {
        p = put_number(p, (uint64_t)at.line << 1 | 1);
        p = put_number(p, at.file);
    } else {
        p = put_number(p, (uint64_t)(at.line - s->last.line) << 1);
    }
    p = put_number(p, at.col);
    memcpy(p, id, len);
    s->slots[i] = (uint32_t)s->store_len + 1;
    s->store_len = (size_t)(p - s->store) + len;
    s->len++;
    s->last = at;
    return true;
}

void idset_free(struct idset *s)
{
    free(s->slots);
    free(s->store);
    free(s->blocks);
    memset(s, 0, sizeof(*s));
}
