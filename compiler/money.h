/*
 * Exact money: decimal amounts as integers of AMOUNT_SCALE (1/10000) units,
 * summed with overflow detection and rounded half up, never touched by
 * binary floating point.
 */
#ifndef DEALC_MONEY_H
#define DEALC_MONEY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Parses an xs:decimal with at most 4 fraction digits; false on overflow or bad text. */
bool money_parse(const char *text, int64_t *units);
/* *acc += v; false (and *acc unchanged) when the sum would overflow. */
bool money_add(int64_t *acc, int64_t v);
/* amount * part / whole, rounded half up to 2 decimal places; whole > 0. */
int64_t money_share(int64_t amount, uint64_t part, uint64_t whole);
/* 100 * part / whole rounded half up to a whole number; whole > 0. */
unsigned percent_half_up(uint64_t part, uint64_t whole);
/* Writes the amount with 2 to 4 fraction digits (as many as it needs). */
void money_format(int64_t units, char *buf, size_t size);

#endif
