/*
 * XSD date and dateTime parsing. Algorithms for the civil calendar follow
 * Howard Hinnant's well-known days_from_civil/civil_from_days.
 */
#include "xsdtime.h"

#include <stdio.h>

int32_t days_from_civil(int32_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    const int32_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = (unsigned)(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (int32_t)doe - 719468;
}

void civil_from_days(int32_t z, int32_t *year, unsigned *month, unsigned *day)
{
    z += 719468;
    const int32_t era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = (unsigned)(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int32_t y = (int32_t)yoe + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    *year = y + (m <= 2);
    *month = m;
    *day = d;
}

static bool digits(const char *s, int n, int *value)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        v = v * 10 + (s[i] - '0');
    }
    *value = v;
    return true;
}

static bool leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static bool valid_day(int y, int m, int d)
{
    static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12 || d < 1)
        return false;
    return d <= mdays[m - 1] + (m == 2 && leap(y));
}

static bool parse_ymd(const char *s, int32_t *day)
{
    int y, m, d;
    if (!digits(s, 4, &y) || s[4] != '-' || !digits(s + 5, 2, &m) || s[7] != '-' ||
        !digits(s + 8, 2, &d) || !valid_day(y, m, d))
        return false;
    *day = days_from_civil(y, (unsigned)m, (unsigned)d);
    return true;
}

/* Parses a zone at s into an offset in minutes; returns the length, 0 on error. */
static int parse_zone(const char *s, int *minutes)
{
    if (s[0] == 'Z') {
        *minutes = 0;
        return 1;
    }
    int h, m;
    if ((s[0] != '+' && s[0] != '-') || !digits(s + 1, 2, &h) || s[3] != ':' ||
        !digits(s + 4, 2, &m) || h > 14 || m > 59 || (h == 14 && m != 0))
        return 0;
    *minutes = (s[0] == '-' ? -1 : 1) * (h * 60 + m);
    return 6;
}

bool parse_xsd_date(const char *text, int32_t *day)
{
    if (!parse_ymd(text, day))
        return false;
    if (text[10] == '\0')
        return true;
    int zone;
    int n = parse_zone(text + 10, &zone);
    return n && text[10 + n] == '\0';
}

bool parse_xsd_datetime(const char *text, struct xsd_datetime *out)
{
    int32_t day;
    int hh, mm, ss;
    if (!parse_ymd(text, &day) || text[10] != 'T' || !digits(text + 11, 2, &hh) ||
        text[13] != ':' || !digits(text + 14, 2, &mm) || text[16] != ':' ||
        !digits(text + 17, 2, &ss))
        return false;
    /* XSD admits 24:00:00 as the first instant of the next day. */
    if (hh == 24 ? (mm || ss) : (hh > 23 || mm > 59 || ss > 59))
        return false;
    const char *p = text + 19;
    int32_t nanos = 0;
    if (*p == '.') {
        p++;
        if (*p < '0' || *p > '9')
            return false;
        int place = 0;
        for (; *p >= '0' && *p <= '9'; p++, place++) {
            if (hh == 24 && *p != '0')
                return false;
            if (place < 9)
                nanos = nanos * 10 + (*p - '0');
        }
        for (; place < 9; place++)
            nanos *= 10;
    }
    int zone;
    int n = parse_zone(p, &zone);
    if (!n || p[n] != '\0')
        return false;
    int64_t local = (int64_t)day * 86400 + hh * 3600 + mm * 60 + ss;
    out->local_day = hh == 24 ? day + 1 : day;
    out->utc_seconds = local - (int64_t)zone * 60;
    out->nanos = nanos;
    int64_t utc = out->utc_seconds;
    out->utc_day = (int32_t)(utc >= 0 ? utc / 86400 : -((-utc + 86399) / 86400));
    return true;
}

void format_day(int32_t day, char *buf)
{
    int32_t y;
    unsigned m, d;
    civil_from_days(day, &y, &m, &d);
    snprintf(buf, 11, "%04d-%02u-%02u", (int)y, m % 100, d % 100);
}
