/*
 * Text helpers; see text.h.
 */
#include "text.h"

#include <string.h>

static bool is_xml_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

const char *collapse(struct arena *a, const char *value)
{
    if (!value)
        return NULL;
    while (is_xml_space(*value))
        value++;
    size_t len = strlen(value);
    while (len && is_xml_space(value[len - 1]))
        len--;
    return arena_strndup(a, value, len);
}

bool parse_boolean(const char *value, bool def)
{
    if (!value)
        return def;
    if (!strcmp(value, "true") || !strcmp(value, "1"))
        return true;
    if (!strcmp(value, "false") || !strcmp(value, "0"))
        return false;
    return def;
}

bool parse_uint(const char *value, uint64_t max, uint64_t *out)
{
    if (!value)
        return false;
    const char *p = value;
    if (*p == '+')
        p++;
    if (!*p)
        return false;
    uint64_t v = 0;
    for (; *p; p++) {
        if (*p < '0' || *p > '9')
            return false;
        v = v * 10 + (uint64_t)(*p - '0');
        if (v > max)
            return false;
    }
    *out = v;
    return true;
}

bool list_contains(const char *value, const char *word)
{
    if (!value)
        return false;
    size_t wlen = strlen(word);
    const char *p = value;
    while (*p) {
        while (is_xml_space(*p))
            p++;
        const char *start = p;
        while (*p && !is_xml_space(*p))
            p++;
        if ((size_t)(p - start) == wlen && memcmp(start, word, wlen) == 0)
            return true;
    }
    return false;
}
