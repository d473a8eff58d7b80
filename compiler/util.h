/*
 * Small owned-memory helpers shared by every module: checked allocation
 * (dealc treats running out of memory in its own structures as fatal, the way
 * git's xmalloc does), a bump arena for data that lives and dies together
 * (one deal, one process), a growable string buffer, and a string-keyed hash
 * map for id lookups.
 */
#ifndef DEALC_UTIL_H
#define DEALC_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#if defined(__GNUC__)
#define DEALC_PRINTF(f, a) __attribute__((format(printf, f, a)))
#define DEALC_NORETURN __attribute__((noreturn))
#else
#define DEALC_PRINTF(f, a)
#define DEALC_NORETURN
#endif

DEALC_NORETURN void die_oom(void);
void *xmalloc(size_t size);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *ptr, size_t size);
char *xstrdup(const char *s);

/* Grow *items so that it holds at least need elements of elem_size bytes. */
void grow_array(void **items, size_t *cap, size_t need, size_t elem_size);
#define GROW(arr, cap, need) grow_array((void **)&(arr), &(cap), (need), sizeof(*(arr)))

/* A bump allocator: many small allocations, one release. */
struct arena_block;
struct arena {
    struct arena_block *head;
};
void *arena_alloc(struct arena *a, size_t size);
void *arena_zalloc(struct arena *a, size_t size);
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t len);
char *arena_printf(struct arena *a, const char *fmt, ...) DEALC_PRINTF(2, 3);
char *arena_vprintf(struct arena *a, const char *fmt, va_list ap) DEALC_PRINTF(2, 0);
/* Forget everything allocated but keep one block for reuse. */
void arena_reset(struct arena *a);
void arena_free(struct arena *a);

struct strbuf {
    char *buf;
    size_t len;
    size_t cap;
};
void sb_add(struct strbuf *sb, const char *s, size_t len);
void sb_adds(struct strbuf *sb, const char *s);
void sb_addc(struct strbuf *sb, char c);
void sb_addf(struct strbuf *sb, const char *fmt, ...) DEALC_PRINTF(2, 3);
void sb_vaddf(struct strbuf *sb, const char *fmt, va_list ap) DEALC_PRINTF(2, 0);
/* The contents as a C string; always valid, even when empty. */
const char *sb_str(struct strbuf *sb);
void sb_reset(struct strbuf *sb);
void sb_free(struct strbuf *sb);

/*
 * Open-addressing map from string keys to pointers. Keys are not copied: the
 * caller keeps them alive (usually in the arena of the thing they name).
 */
struct strmap_entry {
    const char *key;
    void *value;
    uint64_t hash;
};
struct strmap {
    struct strmap_entry *slots;
    size_t cap;
    size_t len;
};
uint64_t str_hash(const char *s);
void *strmap_get(const struct strmap *m, const char *key);
/* Insert key unless present; returns the value already there, or NULL. */
void *strmap_put(struct strmap *m, const char *key, void *value);
void strmap_free(struct strmap *m);

/* UTF-8 characters in [from, to): bytes that are not continuation bytes. */
uint32_t utf8_count(const char *from, const char *to);
/* How many bytes in [from, to) are c. */
size_t count_byte(const char *from, const char *to, char c);

/*
 * The first byte in [p, end) that matters to a scan of XML markup (a line
 * break, a quote, '<', '>' or '='), or end. The lexers that look at every
 * byte before libxml2 does (the bulk splitter, the attribute guard) skip
 * everything else with it, a table look-up a byte.
 */
extern const unsigned char markup_byte_table[256];
static inline const char *next_markup_byte(const char *p, const char *end)
{
    while (p < end && !markup_byte_table[(unsigned char)*p])
        p++;
    return p;
}

/*
 * A copy of s[0..len) fit for any output (text, JSON, XML): bytes that are
 * not UTF-8 become U+FFFD; control characters become spaces, or, with
 * keep_breaks, tab, LF and CR stay (a file name may hold them) and the
 * others, which XML cannot carry, become U+FFFD.
 */
char *utf8_clean(struct arena *a, const char *s, size_t len, bool keep_breaks);

/* True when s holds nothing but XML white space. */
bool is_blank(const char *s);

#endif
