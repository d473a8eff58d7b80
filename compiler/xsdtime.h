/*
 * Exact parsing of the XSD date and dateTime forms the schemas admit, into
 * day numbers and UTC seconds, without the C library's time zone state (which
 * is neither pure nor thread-safe).
 */
#ifndef DEALC_XSDTIME_H
#define DEALC_XSDTIME_H

#include <stdbool.h>
#include <stdint.h>

/* Days since 1970-01-01 of a proleptic Gregorian date. */
int32_t days_from_civil(int32_t year, unsigned month, unsigned day);
void civil_from_days(int32_t days, int32_t *year, unsigned *month, unsigned *day);

/* "YYYY-MM-DD" with an optional zone, which a calendar day ignores. */
bool parse_xsd_date(const char *text, int32_t *day);

struct xsd_datetime {
    int64_t utc_seconds;
    int32_t nanos;     /* the fraction of the second, so order holds within a second */
    int32_t local_day; /* the date as written */
    int32_t utc_day;
};
/* "YYYY-MM-DDThh:mm:ss[.fff](Z|+hh:mm|-hh:mm)"; the zone is required. */
bool parse_xsd_datetime(const char *text, struct xsd_datetime *out);

/* Writes "YYYY-MM-DD" into buf (at least 11 bytes). */
void format_day(int32_t day, char *buf);

#endif
