/*
 * Values as SPEC §1 and §2 define them: exact money (xs:decimal with at most
 * 4 fraction digits, sums with overflow detection, half-up rounding to cents
 * and whole percents) and the XSD date and dateTime forms (zones, fractions
 * of a second, 24:00:00, the proleptic Gregorian calendar).
 */
#include "fixture.h"

#include "money.h"
#include "xsdtime.h"

#include <stdio.h>
#include <string.h>

/* ---- money_parse ---- */

static int64_t parsed(const char *text)
{
    int64_t units = -777;
    ck_assert_msg(money_parse(text, &units), "money_parse refused '%s'", text);
    return units;
}

static void refused(const char *text)
{
    int64_t units = -777;
    ck_assert_msg(!money_parse(text, &units), "money_parse accepted '%s' as %lld", text,
                  (long long)units);
    ck_assert_msg(units == -777, "money_parse wrote a value for refused '%s'", text);
}

START_TEST(money_parse_integers_and_fractions)
{
    ck_assert_int_eq(parsed("0"), 0);
    ck_assert_int_eq(parsed("5"), 50000);
    ck_assert_int_eq(parsed("48000"), 480000000);
    ck_assert_int_eq(parsed("007"), 70000);
    ck_assert_int_eq(parsed("48000.00"), 480000000);
    ck_assert_int_eq(parsed("1.2"), 12000);
    ck_assert_int_eq(parsed("1.23"), 12300);
    ck_assert_int_eq(parsed("1.234"), 12340);
    ck_assert_int_eq(parsed("1.2345"), 12345);
    ck_assert_int_eq(parsed("0.0001"), 1);
    ck_assert_int_eq(parsed("0.0000"), 0);
}
END_TEST

START_TEST(money_parse_xsd_decimal_lexical_forms)
{
    /* xs:decimal: a sign, digits on either side of the point or both. */
    ck_assert_int_eq(parsed("5."), 50000);
    ck_assert_int_eq(parsed(".5"), 5000);
    ck_assert_int_eq(parsed("+1"), 10000);
    ck_assert_int_eq(parsed("+.25"), 2500);
    ck_assert_int_eq(parsed("-3"), -30000);
    ck_assert_int_eq(parsed("-0.5"), -5000);
    refused("");
    refused(".");
    refused("+");
    refused("-");
    refused("+.");
    refused("1e3");
    refused("1,5");
    refused("1.2.3");
    refused("--1");
    refused("12a");
    refused("0x10");
}
END_TEST

START_TEST(money_parse_refuses_a_fifth_fraction_digit_unless_zero)
{
    refused("1.23456");
    refused("0.00001");
    refused("1.00009");
    /* Trailing zeros add no precision: still at most 4 fraction digits. */
    ck_assert_int_eq(parsed("1.23450"), 12345);
    ck_assert_int_eq(parsed("1.2345000000"), 12345);
    ck_assert_int_eq(parsed("1.234500"), 12345);
    ck_assert_int_eq(parsed("2.000000"), 20000);
    ck_assert_int_eq(parsed("0.10000000"), 1000);
    refused("1.234500001");
    refused("1.000001");
    refused("0.000001");
    refused("5.0000012");
}
END_TEST

START_TEST(money_parse_detects_overflow)
{
    /* INT64_MAX units is 922337203685477.5807. */
    ck_assert_int_eq(parsed("922337203685477.5807"), INT64_MAX);
    ck_assert_int_eq(parsed("922337203685477.58070"), INT64_MAX);
    refused("922337203685477.5808");
    refused("922337203685478");
    refused("1000000000000000");
    refused("99999999999999999999");
    refused("184467440737095516160000");
    refused("0000000000000000000000000000001844674407370955.1616");
}
END_TEST

/* ---- money_add ---- */

START_TEST(money_add_sums_and_detects_overflow)
{
    int64_t acc = 12345;
    ck_assert(money_add(&acc, 10000));
    ck_assert_int_eq(acc, 22345);
    ck_assert(money_add(&acc, -22345));
    ck_assert_int_eq(acc, 0);

    acc = INT64_MAX - 1;
    ck_assert(money_add(&acc, 1));
    ck_assert_int_eq(acc, INT64_MAX);
    ck_assert(!money_add(&acc, 1));
    ck_assert_int_eq(acc, INT64_MAX); /* unchanged */
    ck_assert(!money_add(&acc, INT64_MAX));
    ck_assert_int_eq(acc, INT64_MAX);

    acc = INT64_MIN;
    ck_assert(!money_add(&acc, -1));
    ck_assert_int_eq(acc, INT64_MIN);
    ck_assert(money_add(&acc, INT64_MAX));
    ck_assert_int_eq(acc, -1);
}
END_TEST

/* ---- money_share ---- */

START_TEST(money_share_rounds_half_up_to_cents)
{
    /* 1000.00 × 15 / 100 = 150.00 */
    ck_assert_int_eq(money_share(parsed("1000.00"), 15, 100), parsed("150.00"));
    /* 10.00 × 1/3 = 3.333… → 3.33; × 2/3 = 6.666… → 6.67 */
    ck_assert_int_eq(money_share(parsed("10.00"), 1, 3), parsed("3.33"));
    ck_assert_int_eq(money_share(parsed("10.00"), 2, 3), parsed("6.67"));
    /* exactly half a cent goes up */
    ck_assert_int_eq(money_share(parsed("0.01"), 1, 2), parsed("0.01"));
    ck_assert_int_eq(money_share(parsed("0.05"), 1, 2), parsed("0.03"));
    ck_assert_int_eq(money_share(parsed("1.00"), 1, 8), parsed("0.13"));
    ck_assert_int_eq(money_share(parsed("1.00"), 3, 8), parsed("0.38"));
    ck_assert_int_eq(money_share(parsed("0.10"), 1, 4), parsed("0.03"));
    /* just under half a cent goes down: 0.0499 / 2 = 0.02495 */
    ck_assert_int_eq(money_share(parsed("0.0499"), 1, 2), parsed("0.02"));
    /* just over: 0.0501 / 2 = 0.02505 */
    ck_assert_int_eq(money_share(parsed("0.0501"), 1, 2), parsed("0.03"));
    /* the whole of an amount with 4 fraction digits is rounded to cents too */
    ck_assert_int_eq(money_share(parsed("1.2345"), 7, 7), parsed("1.23"));
    ck_assert_int_eq(money_share(parsed("1.2350"), 7, 7), parsed("1.24"));
    ck_assert_int_eq(money_share(parsed("1.2349"), 1, 1), parsed("1.23"));
    /* nothing done, nothing weighted */
    ck_assert_int_eq(money_share(parsed("48000.00"), 0, 40), 0);
    ck_assert_int_eq(money_share(0, 5, 40), 0);
}
END_TEST

START_TEST(money_share_is_exact_for_large_amounts)
{
    /* 900000000000000.00 × 99/100 = 891000000000000.00, no intermediate overflow */
    ck_assert_int_eq(money_share(parsed("900000000000000.00"), 99, 100), parsed("891000000000000.00"));
    /* the largest amount, all done: rounded to cents 922337203685477.58 */
    ck_assert_int_eq(money_share(INT64_MAX, UINT32_MAX, UINT32_MAX), parsed("922337203685477.58"));
    /* 48000.00 × 40 / 100 */
    ck_assert_int_eq(money_share(parsed("48000.00"), 40, 100), parsed("19200.00"));
    /* 1/3 of a large odd amount: 100000000000.01 / 3 = 33333333333.3366… → .34 */
    ck_assert_int_eq(money_share(parsed("100000000000.01"), 1, 3), parsed("33333333333.34"));
}
END_TEST

/* ---- percent_half_up ---- */

START_TEST(percent_rounds_half_up_at_the_boundaries)
{
    ck_assert_uint_eq(percent_half_up(0, 100), 0);
    ck_assert_uint_eq(percent_half_up(100, 100), 100);
    ck_assert_uint_eq(percent_half_up(15, 100), 15);
    ck_assert_uint_eq(percent_half_up(1, 8), 13);    /* 12.5 */
    ck_assert_uint_eq(percent_half_up(3, 8), 38);    /* 37.5 */
    ck_assert_uint_eq(percent_half_up(1, 3), 33);    /* 33.33 */
    ck_assert_uint_eq(percent_half_up(2, 3), 67);    /* 66.67 */
    ck_assert_uint_eq(percent_half_up(1, 200), 1);   /* 0.5 */
    ck_assert_uint_eq(percent_half_up(1, 201), 0);   /* 0.4975 */
    ck_assert_uint_eq(percent_half_up(199, 200), 100); /* 99.5 */
    ck_assert_uint_eq(percent_half_up(397, 400), 99);  /* 99.25 */
    ck_assert_uint_eq(percent_half_up(15, 40), 38);  /* 37.5 */
    ck_assert_uint_eq(percent_half_up(10, 100000), 0);
    ck_assert_uint_eq(percent_half_up(UINT32_MAX, UINT32_MAX), 100);
    ck_assert_uint_eq(percent_half_up((uint64_t)UINT32_MAX * 1000, (uint64_t)UINT32_MAX * 2000), 50);
}
END_TEST

/* ---- money_format ---- */

static void formats(int64_t units, const char *want)
{
    char buf[64];
    memset(buf, 'x', sizeof(buf));
    money_format(units, buf, sizeof(buf));
    ck_assert_str_eq(buf, want);
}

START_TEST(money_format_uses_two_to_four_fraction_digits)
{
    formats(0, "0.00");
    formats(10000, "1.00");
    formats(480000000, "48000.00");
    formats(12000, "1.20");
    formats(12300, "1.23");
    formats(12340, "1.234");
    formats(12345, "1.2345");
    formats(10, "0.001");
    formats(5, "0.0005");
    formats(100, "0.01");
    formats(-12345, "-1.2345");
    formats(-5000, "-0.50");
    formats(INT64_MAX, "922337203685477.5807");
    formats(INT64_MIN, "-922337203685477.5808");
}
END_TEST

START_TEST(money_format_and_parse_round_trip)
{
    static const char *texts[] = {"0.00", "1.00", "0.0001", "12.345", "99.99", "48000.00",
                                  "922337203685477.5807"};
    for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
        formats(parsed(texts[i]), texts[i]);
    /* a small buffer is not overrun: the text is cut and terminated */
    char small[8];
    memset(small, 'x', sizeof(small));
    money_format(480000000, small, 5);
    ck_assert_uint_lt(strlen(small), 5);
    ck_assert_int_eq(small[5], 'x');
}
END_TEST

/* ---- dates ---- */

static int32_t date(const char *text)
{
    int32_t day = -999999;
    ck_assert_msg(parse_xsd_date(text, &day), "parse_xsd_date refused '%s'", text);
    return day;
}

static void bad_date(const char *text)
{
    int32_t day = -999999;
    ck_assert_msg(!parse_xsd_date(text, &day), "parse_xsd_date accepted '%s'", text);
}

START_TEST(xsd_date_days_since_epoch)
{
    ck_assert_int_eq(date("1970-01-01"), 0);
    ck_assert_int_eq(date("1969-12-31"), -1);
    ck_assert_int_eq(date("2000-03-01"), 11017);
    ck_assert_int_eq(date("2026-01-01"), 20454);
    ck_assert_int_eq(date("2026-09-01"), 20697);
    ck_assert_int_eq(date("2026-12-03"), 20790);
    ck_assert_int_eq(date("0001-01-01"), -719162);
    ck_assert_int_eq(date("9999-12-31"), 2932896);
    /* a zone on a date does not change the calendar day */
    ck_assert_int_eq(date("2026-09-01Z"), 20697);
    ck_assert_int_eq(date("2026-09-01+02:00"), 20697);
    ck_assert_int_eq(date("2026-09-01-05:30"), 20697);
    ck_assert_int_eq(date("2026-09-01+14:00"), 20697);
}
END_TEST

START_TEST(xsd_date_refuses_invalid_dates)
{
    bad_date("2026-02-30");
    bad_date("2026-02-29");
    bad_date("1900-02-29");
    bad_date("2026-04-31");
    bad_date("2026-06-31");
    bad_date("2026-09-31");
    bad_date("2026-11-31");
    bad_date("2026-13-01");
    bad_date("2026-00-10");
    bad_date("2026-01-00");
    bad_date("2026-01-32");
    bad_date("2026-1-01");
    bad_date("26-01-01");
    bad_date("2026/01/01");
    bad_date("2026-01-01T00:00:00Z");
    bad_date("2026-01-01 ");
    bad_date("2026-01-01+15:00");
    bad_date("2026-01-01+02");
    bad_date("2026-01-01+0200");
    bad_date("");
}
END_TEST

START_TEST(xsd_date_leap_years)
{
    ck_assert_int_eq(date("2024-02-29"), 19782);
    ck_assert_int_eq(date("2024-03-01") - date("2024-02-28"), 2);
    ck_assert_int_eq(date("2026-03-01") - date("2026-02-28"), 1);
    ck_assert_int_eq(date("2000-02-29"), date("2000-02-28") + 1); /* divisible by 400 */
    ck_assert_int_eq(date("1600-02-29"), -135081);
    bad_date("2100-02-29"); /* divisible by 100, not 400 */
    ck_assert_int_eq(date("2101-01-01") - date("2100-01-01"), 365);
    ck_assert_int_eq(date("2025-01-01") - date("2024-01-01"), 366);
    ck_assert_int_eq(date("2001-01-01") - date("2000-01-01"), 366);
}
END_TEST

/* ---- dateTimes ---- */

static struct xsd_datetime datetime(const char *text)
{
    struct xsd_datetime t;
    memset(&t, 0x55, sizeof(t));
    ck_assert_msg(parse_xsd_datetime(text, &t), "parse_xsd_datetime refused '%s'", text);
    return t;
}

static void bad_datetime(const char *text)
{
    struct xsd_datetime t;
    ck_assert_msg(!parse_xsd_datetime(text, &t), "parse_xsd_datetime accepted '%s'", text);
}

START_TEST(xsd_datetime_zones)
{
    /* SPEC's example: 2026-09-02T10:15:00+02:00 is 08:15 UTC */
    struct xsd_datetime t = datetime("2026-09-02T10:15:00+02:00");
    ck_assert_int_eq(t.utc_seconds, 1788336900);
    ck_assert_int_eq(t.nanos, 0);
    ck_assert_int_eq(t.local_day, 20698);
    ck_assert_int_eq(t.utc_day, 20698);
    ck_assert_int_eq(datetime("2026-09-02T08:15:00Z").utc_seconds, 1788336900);
    ck_assert_int_eq(datetime("2026-09-02T08:15:00+00:00").utc_seconds, 1788336900);
    ck_assert_int_eq(datetime("2026-09-02T08:15:00-00:00").utc_seconds, 1788336900);
    /* -05:30: 20:00 local is 01:30 UTC the next day */
    t = datetime("2026-09-01T20:00:00-05:30");
    ck_assert_int_eq(t.utc_seconds, 1788312600);
    ck_assert_int_eq(t.local_day, 20697);
    ck_assert_int_eq(t.utc_day, 20698);
    /* the extreme offsets */
    ck_assert_int_eq(datetime("2026-09-02T22:15:00+14:00").utc_seconds, 1788336900);
    ck_assert_int_eq(datetime("2026-09-01T18:15:00-14:00").utc_seconds, 1788336900);
    bad_datetime("2026-09-02T10:15:00");      /* the zone is required */
    bad_datetime("2026-09-02T10:15:00+14:01");
    bad_datetime("2026-09-02T10:15:00+15:00");
    bad_datetime("2026-09-02T10:15:00+02:60");
    bad_datetime("2026-09-02T10:15:00+0200");
    bad_datetime("2026-09-02T10:15:00+02");
    bad_datetime("2026-09-02T10:15:00z");
    bad_datetime("2026-09-02T10:15:00ZZ");
    bad_datetime("2026-09-02T10:15:00Z ");
}
END_TEST

START_TEST(xsd_datetime_utc_day_across_midnight)
{
    /* 01:00 at +02:00 is 23:00 UTC of the day before */
    struct xsd_datetime t = datetime("2026-09-02T01:00:00+02:00");
    ck_assert_int_eq(t.local_day, date("2026-09-02"));
    ck_assert_int_eq(t.utc_day, date("2026-09-01"));
    ck_assert_int_eq(t.utc_seconds, (int64_t)date("2026-09-01") * 86400 + 23 * 3600);
    /* 23:30 at -05:30 is 05:00 UTC of the next day */
    t = datetime("2026-12-31T23:30:00-05:30");
    ck_assert_int_eq(t.local_day, date("2026-12-31"));
    ck_assert_int_eq(t.utc_day, date("2027-01-01"));
    /* exactly midnight UTC belongs to the new day */
    t = datetime("2026-09-02T02:00:00+02:00");
    ck_assert_int_eq(t.utc_day, date("2026-09-02"));
    t = datetime("2026-09-02T01:59:59+02:00");
    ck_assert_int_eq(t.utc_day, date("2026-09-01"));
    /* before 1970 the UTC day still floors */
    t = datetime("1969-12-31T23:00:00Z");
    ck_assert_int_eq(t.utc_seconds, -3600);
    ck_assert_int_eq(t.utc_day, -1);
    t = datetime("1970-01-01T00:30:00+01:00");
    ck_assert_int_eq(t.utc_seconds, -1800);
    ck_assert_int_eq(t.local_day, 0);
    ck_assert_int_eq(t.utc_day, -1);
    t = datetime("1969-12-31T23:00:00-02:00");
    ck_assert_int_eq(t.utc_day, 0);
}
END_TEST

START_TEST(xsd_datetime_fraction_of_a_second)
{
    struct xsd_datetime t = datetime("2026-01-01T00:00:00.5Z");
    ck_assert_int_eq(t.utc_seconds, (int64_t)20454 * 86400);
    ck_assert_int_eq(t.nanos, 500000000);
    ck_assert_int_eq(datetime("2026-01-01T00:00:00.123Z").nanos, 123000000);
    ck_assert_int_eq(datetime("2026-01-01T00:00:00.123456789Z").nanos, 123456789);
    ck_assert_int_eq(datetime("2026-01-01T00:00:00.000000001+02:00").nanos, 1);
    /* beyond nanoseconds the digits are valid but do not count */
    ck_assert_int_eq(datetime("2026-01-01T00:00:00.1234567899Z").nanos, 123456789);
    ck_assert_int_eq(datetime("2026-01-01T12:34:56.0Z").nanos, 0);
    ck_assert_int_eq(datetime("2026-01-01T12:34:56.0Z").utc_seconds,
                     (int64_t)20454 * 86400 + 12 * 3600 + 34 * 60 + 56);
    bad_datetime("2026-01-01T00:00:00.Z");
    bad_datetime("2026-01-01T00:00:00,5Z");
    bad_datetime("2026-01-01T00:00:00.5.5Z");
}
END_TEST

START_TEST(xsd_datetime_24_00_00_is_the_next_day)
{
    struct xsd_datetime t = datetime("2026-12-31T24:00:00Z");
    struct xsd_datetime u = datetime("2027-01-01T00:00:00Z");
    ck_assert_int_eq(t.utc_seconds, u.utc_seconds);
    ck_assert_int_eq(t.local_day, date("2027-01-01"));
    ck_assert_int_eq(t.utc_day, date("2027-01-01"));
    t = datetime("2026-02-28T24:00:00.000+01:00");
    ck_assert_int_eq(t.local_day, date("2026-03-01"));
    ck_assert_int_eq(t.utc_seconds, (int64_t)date("2026-03-01") * 86400 - 3600);
    ck_assert_int_eq(t.utc_day, date("2026-02-28"));
    bad_datetime("2026-12-31T24:00:01Z");
    bad_datetime("2026-12-31T24:01:00Z");
    bad_datetime("2026-12-31T24:00:00.1Z");
    bad_datetime("2026-12-31T25:00:00Z");
    bad_datetime("2026-12-31T23:60:00Z");
    bad_datetime("2026-12-31T23:59:60Z");
}
END_TEST

START_TEST(xsd_datetime_refuses_invalid_dates_and_forms)
{
    bad_datetime("2026-02-30T10:00:00Z");
    bad_datetime("2026-02-29T10:00:00Z");
    bad_datetime("2100-02-29T10:00:00Z");
    ck_assert_int_eq(datetime("2024-02-29T10:00:00Z").local_day, 19782);
    ck_assert_int_eq(datetime("2000-02-29T10:00:00Z").local_day, date("2000-02-29"));
    bad_datetime("2026-04-31T10:00:00Z");
    bad_datetime("2026-09-02 10:15:00Z");
    bad_datetime("2026-09-02t10:15:00Z");
    bad_datetime("2026-09-02T10:15Z");
    bad_datetime("2026-09-02T1:15:00Z");
    bad_datetime("2026-09-02");
    bad_datetime("2026-09-02Z");
    bad_datetime("");
}
END_TEST

/* ---- the civil calendar ---- */

START_TEST(civil_days_round_trip)
{
    int32_t y;
    unsigned m, d;
    civil_from_days(0, &y, &m, &d);
    ck_assert(y == 1970 && m == 1 && d == 1);
    civil_from_days(-1, &y, &m, &d);
    ck_assert(y == 1969 && m == 12 && d == 31);
    civil_from_days(19782, &y, &m, &d);
    ck_assert(y == 2024 && m == 2 && d == 29);
    ck_assert_int_eq(days_from_civil(2026, 12, 3), 20790);
    ck_assert_int_eq(days_from_civil(1, 1, 1), -719162);

    /* every day from year 1 to 9999 maps back to itself, and days are consecutive
     * (checked without Check's per-assertion bookkeeping, then asserted once) */
    int32_t prev_y = 0, bad_day = INT32_MIN;
    unsigned prev_m = 12, prev_d = 31;
    for (int32_t day = -719162; day <= 2932896 && bad_day == INT32_MIN; day++) {
        civil_from_days(day, &y, &m, &d);
        bool next = d == 1 ? prev_m == (m == 1 ? 12u : m - 1) && prev_y == (m == 1 ? y - 1 : y)
                           : prev_d == d - 1 && prev_m == m && prev_y == y;
        if (days_from_civil(y, m, d) != day || !next || m < 1 || m > 12 || d < 1 || d > 31)
            bad_day = day;
        prev_y = y;
        prev_m = m;
        prev_d = d;
    }
    ck_assert_msg(bad_day == INT32_MIN, "calendar round trip breaks at day %d (%d-%u-%u)", bad_day,
                  (int)y, m, d);
    ck_assert(y == 9999 && m == 12 && d == 31);
}
END_TEST

START_TEST(format_day_writes_iso_dates)
{
    char buf[16];
    format_day(0, buf);
    ck_assert_str_eq(buf, "1970-01-01");
    format_day(-1, buf);
    ck_assert_str_eq(buf, "1969-12-31");
    format_day(20790, buf);
    ck_assert_str_eq(buf, "2026-12-03");
    format_day(days_from_civil(2024, 2, 28) + 1, buf);
    ck_assert_str_eq(buf, "2024-02-29");
    format_day(days_from_civil(2026, 2, 28) + 1, buf);
    ck_assert_str_eq(buf, "2026-03-01");
    format_day(-719162, buf);
    ck_assert_str_eq(buf, "0001-01-01");
    format_day(2932896, buf);
    ck_assert_str_eq(buf, "9999-12-31");
    /* parse and format agree */
    static const char *days[] = {"2026-09-02", "2000-02-29", "1999-12-31", "2026-01-01"};
    for (size_t i = 0; i < sizeof(days) / sizeof(days[0]); i++) {
        format_day(date(days[i]), buf);
        ck_assert_str_eq(buf, days[i]);
    }
}
END_TEST

/* ---- the word-at-a-time counts (util.c) ---- */

START_TEST(byte_and_character_counts_match_a_plain_count_at_every_offset)
{
    /* ASCII, newlines, 2- to 4-byte UTF-8, and bytes with the high bit set that are not UTF-8 */
    static const char text[] = "ab\ncaf\xc3\xa9\n\n\xe2\x82\xac 12\n\xf0\x9f\x98\x80\xff\x80\x0a<x a=\"\n\">\x7f\x80\xbf\xc0\n";
    size_t len = sizeof(text) - 1;
    for (size_t from = 0; from <= len; from++)
        for (size_t to = from; to <= len; to++) {
            size_t newlines = 0, chars = 0, lts = 0;
            for (size_t i = from; i < to; i++) {
                newlines += text[i] == '\n';
                lts += text[i] == '<';
                chars += ((unsigned char)text[i] & 0xC0) != 0x80;
            }
            ck_assert_uint_eq(count_byte(text + from, text + to, '\n'), newlines);
            ck_assert_uint_eq(count_byte(text + from, text + to, '<'), lts);
            ck_assert_uint_eq(utf8_count(text + from, text + to), chars);
        }
    ck_assert_uint_eq(count_byte(text, text + len, (char)0x80), 3);
}
END_TEST

Suite *values_suite(void)
{
    Suite *s = suite_create("values");
    TCase *money = tcase_create("money");
    tcase_add_test(money, money_parse_integers_and_fractions);
    tcase_add_test(money, money_parse_xsd_decimal_lexical_forms);
    tcase_add_test(money, money_parse_refuses_a_fifth_fraction_digit_unless_zero);
    tcase_add_test(money, money_parse_detects_overflow);
    tcase_add_test(money, money_add_sums_and_detects_overflow);
    tcase_add_test(money, money_share_rounds_half_up_to_cents);
    tcase_add_test(money, money_share_is_exact_for_large_amounts);
    tcase_add_test(money, percent_rounds_half_up_at_the_boundaries);
    tcase_add_test(money, money_format_uses_two_to_four_fraction_digits);
    tcase_add_test(money, money_format_and_parse_round_trip);
    suite_add_tcase(s, money);

    TCase *time = tcase_create("xsdtime");
    tcase_set_timeout(time, 60);
    tcase_add_test(time, xsd_date_days_since_epoch);
    tcase_add_test(time, xsd_date_refuses_invalid_dates);
    tcase_add_test(time, xsd_date_leap_years);
    tcase_add_test(time, xsd_datetime_zones);
    tcase_add_test(time, xsd_datetime_utc_day_across_midnight);
    tcase_add_test(time, xsd_datetime_fraction_of_a_second);
    tcase_add_test(time, xsd_datetime_24_00_00_is_the_next_day);
    tcase_add_test(time, xsd_datetime_refuses_invalid_dates_and_forms);
    tcase_add_test(time, civil_days_round_trip);
    tcase_add_test(time, format_day_writes_iso_dates);
    suite_add_tcase(s, time);

    TCase *counts = tcase_create("counts");
    tcase_add_test(counts, byte_and_character_counts_match_a_plain_count_at_every_offset);
    suite_add_tcase(s, counts);
    return s;
}
