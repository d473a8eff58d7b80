/*
 * The packed id set; see idset.h.
 */
#include "idset.h"

#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A record in the store: file, line, column (3 x uint32), then the id and its NUL. */
enum { RECORD_HEAD = 12 };

static const char *record_id(const struct idset *s, uint32_t off)
{
    return s->store + off + RECORD_HEAD;
}

static uint32_t slot_off(uint64_t slot)
{
    return (uint32_t)(slot & 0xffffffffu) - 1;
}

static size_t find_slot(const uint64_t *slots, size_t cap, uint64_t hash, const struct idset *s,
                        const char *id, bool *found)
{
    size_t mask = cap - 1;
    uint32_t tag = (uint32_t)(hash >> 32);
    for (size_t i = (size_t)hash & mask;; i = (i + 1) & mask) {
        uint64_t slot = slots[i];
        if (!slot) {
            *found = false;
            return i;
        }
        if ((uint32_t)(slot >> 32) == tag && id && strcmp(record_id(s, slot_off(slot)), id) == 0) {
            *found = true;
            return i;
        }
    }
}

static void grow_table(struct idset *s)
{
    size_t cap = s->cap ? s->cap * 2 : 1024;
    uint64_t *slots = xcalloc(cap, sizeof(*slots));
    for (size_t i = 0; i < s->cap; i++) {
        uint64_t slot = s->slots[i];
        if (!slot)
            continue;
        bool found;
        uint64_t hash = str_hash(record_id(s, slot_off(slot)));
        slots[find_slot(slots, cap, hash, s, NULL, &found)] = slot;
    }
    free(s->slots);
    s->slots = slots;
    s->cap = cap;
}

bool idset_claim(struct idset *s, const char *id, struct place at, struct place *first)
{
    if ((s->len + 1) * 4 > s->cap * 3)
        grow_table(s);
    uint64_t hash = str_hash(id);
    bool found;
    size_t i = find_slot(s->slots, s->cap, hash, s, id, &found);
    if (found) {
        uint32_t head[3];
        memcpy(head, s->store + slot_off(s->slots[i]), sizeof(head));
        *first = (struct place){head[0], head[1], head[2]};
        return false;
    }
    size_t len = strlen(id) + 1;
    if (s->store_len + RECORD_HEAD + len >= UINT32_MAX) {
        fputs("dealc: more deal ids than one run can hold\n", stderr);
        exit(2);
    }
    GROW(s->store, s->store_cap, s->store_len + RECORD_HEAD + len);
    uint32_t head[3] = {at.file, at.line, at.col};
    memcpy(s->store + s->store_len, head, sizeof(head));
    memcpy(s->store + s->store_len + RECORD_HEAD, id, len);
    s->slots[i] = ((uint64_t)(uint32_t)(hash >> 32) << 32) | ((uint64_t)s->store_len + 1);
    s->store_len += RECORD_HEAD + len;
    s->len++;
    return true;
}

void idset_free(struct idset *s)
{
    free(s->slots);
    free(s->store);
    memset(s, 0, sizeof(*s));
}
