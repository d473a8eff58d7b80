/*
 * Implementation of the owned-memory helpers declared in util.h.
 */
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void die_oom(void)
{
    fputs("dealc: out of memory\n", stderr);
    exit(2);
}

void *xmalloc(size_t size)
{
    void *p = malloc(size ? size : 1);
    if (!p)
        die_oom();
    return p;
}

void *xcalloc(size_t count, size_t size)
{
    void *p = calloc(count ? count : 1, size ? size : 1);
    if (!p)
        die_oom();
    return p;
}

void *xrealloc(void *ptr, size_t size)
{
    void *p = realloc(ptr, size ? size : 1);
    if (!p)
        die_oom();
    return p;
}

char *xstrdup(const char *s)
{
    size_t len = strlen(s);
    char *p = xmalloc(len + 1);
    memcpy(p, s, len + 1);
    return p;
}

void grow_array(void **items, size_t *cap, size_t need, size_t elem_size)
{
    if (need <= *cap)
        return;
    size_t new_cap = *cap ? *cap : 8;
    while (new_cap < need) {
        if (new_cap > SIZE_MAX / 2)
            die_oom();
        new_cap *= 2;
    }
    if (new_cap > SIZE_MAX / elem_size)
        die_oom();
    *items = xrealloc(*items, new_cap * elem_size);
    *cap = new_cap;
}

/* ---- arena ---- */

struct arena_block {
    struct arena_block *next;
    size_t used;
    size_t size;
    max_align_t data[];
};

enum { ARENA_BLOCK_SIZE = 16 * 1024 };

void *arena_alloc(struct arena *a, size_t size)
{
    size_t align = _Alignof(max_align_t);
    size = (size + align - 1) & ~(align - 1);
    struct arena_block *b = a->head;
    if (!b || b->size - b->used < size) {
        size_t want = size > ARENA_BLOCK_SIZE ? size : ARENA_BLOCK_SIZE;
        struct arena_block *nb = xmalloc(sizeof(*nb) + want);
        nb->used = 0;
        nb->size = want;
        if (b && size > ARENA_BLOCK_SIZE) {
            /* An oversized block goes second so the current one keeps serving. */
            nb->next = b->next;
            b->next = nb;
        } else {
            nb->next = b;
            a->head = nb;
        }
        b = nb;
    }
    void *p = (char *)b->data + b->used;
    b->used += size;
    return p;
}

void *arena_zalloc(struct arena *a, size_t size)
{
    void *p = arena_alloc(a, size);
    memset(p, 0, size);
    return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t len)
{
    char *p = arena_alloc(a, len + 1);
    memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
    return arena_strndup(a, s, strlen(s));
}

char *arena_vprintf(struct arena *a, const char *fmt, va_list ap)
{
    va_list copy;
    va_copy(copy, ap);
    int n = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    if (n < 0)
        n = 0;
    char *p = arena_alloc(a, (size_t)n + 1);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    return p;
}

char *arena_printf(struct arena *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *p = arena_vprintf(a, fmt, ap);
    va_end(ap);
    return p;
}

void arena_reset(struct arena *a)
{
    struct arena_block *b = a->head;
    if (!b)
        return;
    struct arena_block *rest = b->next;
    while (rest) {
        struct arena_block *next = rest->next;
        free(rest);
        rest = next;
    }
    b->next = NULL;
    b->used = 0;
}

void arena_free(struct arena *a)
{
    struct arena_block *b = a->head;
    while (b) {
        struct arena_block *next = b->next;
        free(b);
        b = next;
    }
    a->head = NULL;
}

/* ---- strbuf ---- */

static void sb_reserve(struct strbuf *sb, size_t extra)
{
    if (sb->len + extra + 1 > sb->cap) {
        size_t cap = sb->cap ? sb->cap : 64;
        while (cap < sb->len + extra + 1)
            cap *= 2;
        sb->buf = xrealloc(sb->buf, cap);
        sb->cap = cap;
    }
}

void sb_add(struct strbuf *sb, const char *s, size_t len)
{
    sb_reserve(sb, len);
    memcpy(sb->buf + sb->len, s, len);
    sb->len += len;
    sb->buf[sb->len] = '\0';
}

void sb_adds(struct strbuf *sb, const char *s)
{
    sb_add(sb, s, strlen(s));
}

void sb_addc(struct strbuf *sb, char c)
{
    sb_add(sb, &c, 1);
}

void sb_vaddf(struct strbuf *sb, const char *fmt, va_list ap)
{
    va_list copy;
    va_copy(copy, ap);
    int n = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    if (n <= 0)
        return;
    sb_reserve(sb, (size_t)n);
    vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
    sb->len += (size_t)n;
}

void sb_addf(struct strbuf *sb, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    sb_vaddf(sb, fmt, ap);
    va_end(ap);
}

const char *sb_str(struct strbuf *sb)
{
    return sb->buf ? sb->buf : "";
}

void sb_reset(struct strbuf *sb)
{
    sb->len = 0;
    if (sb->buf)
        sb->buf[0] = '\0';
}

void sb_free(struct strbuf *sb)
{
    free(sb->buf);
    sb->buf = NULL;
    sb->len = sb->cap = 0;
}

/* ---- strmap ---- */

uint64_t str_hash(const char *s)
{
    /* FNV-1a: ids are short, so a simple byte hash is the fastest fit. */
    uint64_t h = 14695981039346656037ull;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        h ^= *p;
        h *= 1099511628211ull;
    }
    return h;
}

static struct strmap_entry *strmap_slot(struct strmap_entry *slots, size_t cap, const char *key,
                                        uint64_t hash)
{
    size_t mask = cap - 1;
    for (size_t i = (size_t)hash & mask;; i = (i + 1) & mask) {
        struct strmap_entry *e = &slots[i];
        if (!e->key || (e->hash == hash && strcmp(e->key, key) == 0))
            return e;
    }
}

void *strmap_get(const struct strmap *m, const char *key)
{
    if (!m->len)
        return NULL;
    struct strmap_entry *e = strmap_slot(m->slots, m->cap, key, str_hash(key));
    return e->key ? e->value : NULL;
}

void *strmap_put(struct strmap *m, const char *key, void *value)
{
    if ((m->len + 1) * 4 > m->cap * 3) {
        size_t cap = m->cap ? m->cap * 2 : 16;
        struct strmap_entry *slots = xcalloc(cap, sizeof(*slots));
        for (size_t i = 0; i < m->cap; i++) {
            struct strmap_entry *old = &m->slots[i];
            if (old->key)
                *strmap_slot(slots, cap, old->key, old->hash) = *old;
        }
        free(m->slots);
        m->slots = slots;
        m->cap = cap;
    }
    uint64_t hash = str_hash(key);
    struct strmap_entry *e = strmap_slot(m->slots, m->cap, key, hash);
    if (e->key)
        return e->value;
    e->key = key;
    e->value = value;
    e->hash = hash;
    m->len++;
    return NULL;
}

void strmap_free(struct strmap *m)
{
    free(m->slots);
    m->slots = NULL;
    m->cap = m->len = 0;
}

/*
 * Both counts run over every byte of large inputs (columns, line numbers),
 * so they take eight bytes at a time: a byte-wise loop costs a few cycles a
 * byte, which shows against libxml2's own parse.
 */
const unsigned char markup_byte_table[256] = {
    ['\n'] = 1, ['"'] = 1, ['\''] = 1, ['<'] = 1, ['>'] = 1, ['='] = 1,
};

#define ONES UINT64_C(0x0101010101010101)
#define HIGHS UINT64_C(0x8080808080808080)

/* How many bytes of m have their high bit set, m having no other bits (no popcnt instruction needed). */
static size_t high_bits(uint64_t m)
{
    return (size_t)(((m >> 7) * ONES) >> 56);
}

static uint64_t load8(const char *p)
{
    uint64_t w;
    memcpy(&w, p, sizeof(w));
    return w;
}

uint32_t utf8_count(const char *from, const char *to)
{
    size_t len = (size_t)(to - from), continuations = 0, i = 0;
    /* A continuation byte is 10xxxxxx: bit 7 set, bit 6 (shifted up onto bit 7) clear. */
    for (; i + 8 <= len; i += 8) {
        uint64_t w = load8(from + i);
        continuations += high_bits(w & ~(w << 1) & HIGHS);
    }
    for (; i < len; i++)
        continuations += ((unsigned char)from[i] & 0xC0) == 0x80;
    return (uint32_t)(len - continuations);
}

size_t count_byte(const char *from, const char *to, char c)
{
    size_t len = (size_t)(to - from), n = 0, i = 0;
    const uint64_t pattern = ONES * (unsigned char)c;
    for (; i + 8 <= len; i += 8) {
        uint64_t x = load8(from + i) ^ pattern; /* bytes equal to c are now zero */
        uint64_t nonzero = ((x & ~HIGHS) + ~HIGHS) | x; /* high bit set in each nonzero byte, exactly */
        n += high_bits(~nonzero & HIGHS);
    }
    for (; i < len; i++)
        n += from[i] == c;
    return n;
}

static size_t utf8_sequence(const unsigned char *p, size_t n)
{
    if (p[0] < 0x80)
        return 1;
    size_t len = p[0] >= 0xC2 && p[0] <= 0xDF ? 2 : p[0] >= 0xE0 && p[0] <= 0xEF ? 3
               : p[0] >= 0xF0 && p[0] <= 0xF4 ? 4 : 0;
    if (!len || len > n)
        return 0;
    for (size_t i = 1; i < len; i++)
        if ((p[i] & 0xC0) != 0x80)
            return 0;
    /* No overlong forms, no surrogates, nothing past U+10FFFF. */
    if ((p[0] == 0xE0 && p[1] < 0xA0) || (p[0] == 0xED && p[1] > 0x9F) ||
        (p[0] == 0xF0 && p[1] < 0x90) || (p[0] == 0xF4 && p[1] > 0x8F))
        return 0;
    return len;
}

char *utf8_clean(struct arena *a, const char *s, size_t len, bool keep_breaks)
{
    char *out = arena_alloc(a, 3 * len + 1);
    size_t o = 0;
    const unsigned char *p = (const unsigned char *)s;
    for (size_t i = 0; i < len;) {
        size_t n = utf8_sequence(p + i, len - i);
        if (n == 0) {
            memcpy(out + o, "\xEF\xBF\xBD", 3);
            o += 3;
            i++;
        } else if (n == 1 && (p[i] < 0x20 || p[i] == 0x7F)) {
            bool brk = p[i] == '\t' || p[i] == '\n' || p[i] == '\r';
            if (!keep_breaks) {
                out[o++] = ' ';
            } else if (brk) {
                out[o++] = (char)p[i];
            } else {
                memcpy(out + o, "\xEF\xBF\xBD", 3);
                o += 3;
            }
            i++;
        } else {
            memcpy(out + o, p + i, n);
            o += n;
            i += n;
        }
    }
    out[o] = '\0';
    return out;
}

bool is_blank(const char *s)
{
    for (; *s; s++)
        if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
            return false;
    return true;
}
