/*
 * Exact decimal arithmetic for amounts; see money.h.
 */
#include "money.h"

#include "model.h"

#include <stdio.h>

bool money_parse(const char *text, int64_t *units)
{
    const char *p = text;
    bool negative = false;
    if (*p == '+' || *p == '-')
        negative = *p++ == '-';
    uint64_t value = 0;
    int digits = 0;
    for (; *p >= '0' && *p <= '9'; p++, digits++) {
        if (value > (UINT64_MAX - 9) / 10)
            return false;
        value = value * 10 + (uint64_t)(*p - '0');
    }
    int fraction = 0;
    if (*p == '.') {
        for (p++; *p >= '0' && *p <= '9'; p++, fraction++, digits++) {
            if (fraction >= 4) {
                if (*p != '0')
                    return false;
                continue;
            }
            if (value > (UINT64_MAX - 9) / 10)
                return false;
            value = value * 10 + (uint64_t)(*p - '0');
        }
    }
    if (*p != '\0' || digits == 0)
        return false;
    for (int f = fraction < 4 ? fraction : 4; f < 4; f++) {
        if (value > UINT64_MAX / 10)
            return false;
        value *= 10;
    }
    if (value > (uint64_t)INT64_MAX)
        return false;
    *units = negative ? -(int64_t)value : (int64_t)value;
    return true;
}

bool money_add(int64_t *acc, int64_t v)
{
    int64_t sum;
    if (__builtin_add_overflow(*acc, v, &sum))
        return false;
    *acc = sum;
    return true;
}

int64_t money_share(int64_t amount, uint64_t part, uint64_t whole)
{
    /* In cents: amount/100 * part / whole, so divide by whole * 100. */
    unsigned __int128 num = (unsigned __int128)(uint64_t)(amount < 0 ? -amount : amount) * part;
    unsigned __int128 den = (unsigned __int128)whole * (AMOUNT_SCALE / 100);
    unsigned __int128 cents = num / den;
    if ((num % den) * 2 >= den)
        cents++;
    int64_t units = (int64_t)(cents * (AMOUNT_SCALE / 100));
    return amount < 0 ? -units : units;
}

unsigned percent_half_up(uint64_t part, uint64_t whole)
{
    unsigned __int128 num = (unsigned __int128)part * 200 + whole;
    return (unsigned)(num / ((unsigned __int128)whole * 2));
}

void money_format(int64_t units, char *buf, size_t size)
{
    uint64_t magnitude = units < 0 ? (uint64_t)0 - (uint64_t)units : (uint64_t)units;
    uint64_t whole = magnitude / AMOUNT_SCALE;
    unsigned fraction = (unsigned)(magnitude % AMOUNT_SCALE);
    const char *sign = units < 0 ? "-" : "";
    if (fraction % 100 == 0)
        snprintf(buf, size, "%s%llu.%02u", sign, (unsigned long long)whole, fraction / 100);
    else if (fraction % 10 == 0)
        snprintf(buf, size, "%s%llu.%03u", sign, (unsigned long long)whole, fraction / 10);
    else
        snprintf(buf, size, "%s%llu.%04u", sign, (unsigned long long)whole, fraction);
}
