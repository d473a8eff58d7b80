/*
 * The packed id set; see idset.h. The table holds no part of the hash, so
 * each probe of a taken slot compares the id in the store: the table is
 * half the size it would be with one, and at three quarters full a probe
 * rarely goes past a slot or two.
 */
#include "idset.h"

#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A record: file, line and column as LEB128 numbers (7 bits a byte, low first), then the id and its NUL. */
enum { RECORD_MAX_HEAD = 3 * 5 };

static unsigned char *put_number(unsigned char *p, uint32_t v)
{
    while (v >= 0x80) {
        *p++ = (unsigned char)(v | 0x80);
        v >>= 7;
    }
    *p++ = (unsigned char)v;
    return p;
}

static const unsigned char *get_number(const unsigned char *p, uint32_t *v)
{
    uint32_t value = 0;
    for (unsigned shift = 0;; shift += 7) {
        unsigned char b = *p++;
        value |= (uint32_t)(b & 0x7f) << shift;
        if (!(b & 0x80))
            break;
    }
    *v = value;
    return p;
}

static const char *record_id(const struct idset *s, uint32_t off)
{
    const unsigned char *p = s->store + off;
    for (int n = 0; n < 3; p++)
        n += !(*p & 0x80);
    return (const char *)p;
}

static struct place record_place(const struct idset *s, uint32_t off)
{
    uint32_t file, line, col;
    const unsigned char *p = get_number(s->store + off, &file);
    p = get_number(p, &line);
    get_number(p, &col);
    return (struct place){file, line, col};
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
        off = (size_t)((const unsigned char *)id - s->store) + strlen(id) + 1;
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
    unsigned char *p = s->store + s->store_len;
    p = put_number(p, at.file);
    p = put_number(p, at.line);
    p = put_number(p, at.col);
    memcpy(p, id, len);
    s->slots[i] = (uint32_t)s->store_len + 1;
    s->store_len = (size_t)(p - s->store) + len;
    s->len++;
    return true;
}

void idset_free(struct idset *s)
{
    free(s->slots);
    free(s->store);
    memset(s, 0, sizeof(*s));
}
