/*
 * The fuzz harnesses' oracles (common.h). Built with the sanitizers but
 * without coverage instrumentation: what they look at is the harness's
 * output, and its shapes must not count as new behaviour of dealc.
 */
#include "common.h"

#include <libxml/parser.h>

void fuzz_fail(const char *what, const char *text, size_t len)
{
    fprintf(stderr, "fuzz oracle: %s\n--- output (%zu bytes) ---\n", what, len);
    fwrite(text, 1, len > 8192 ? 8192 : len, stderr);
    fputs("\n---\n", stderr);
    abort();
}

static void quiet_error(void *ctx, xmlErrorPtr err)
{
    (void)ctx;
    (void)err;
}

/* Well-formedness only: a SAX parse with no handlers, so no tree is built. */
void fuzz_check_xml(const char *what, const char *text, size_t len)
{
    if (len == 0 || len > INT32_MAX)
        fuzz_fail(what, "(empty or huge)", 15);
    static const xmlSAXHandler none = {.initialized = XML_SAX2_MAGIC, .serror = quiet_error};
    xmlParserCtxtPtr ctxt = xmlCreatePushParserCtxt((xmlSAXHandlerPtr)&none, NULL, NULL, 0, "out.xml");
    if (!ctxt)
        abort();
    xmlCtxtUseOptions(ctxt, XML_PARSE_NONET);
    int rc = xmlParseChunk(ctxt, text, (int)len, 1);
    bool ok = rc == 0 && ctxt->wellFormed;
    xmlFreeParserCtxt(ctxt);
    if (!ok)
        fuzz_fail(what, text, len);
}

/* A strict RFC 8259 checker, UTF-8 included. */
struct json_cursor {
    const char *p, *end;
    int depth;
};

static void json_ws(struct json_cursor *c)
{
    while (c->p < c->end && (*c->p == ' ' || *c->p == '\n' || *c->p == '\r' || *c->p == '\t'))
        c->p++;
}

static bool json_lit(struct json_cursor *c, const char *lit)
{
    size_t n = strlen(lit);
    if ((size_t)(c->end - c->p) < n || memcmp(c->p, lit, n) != 0)
        return false;
    c->p += n;
    return true;
}

static bool json_is_hex(char ch)
{
    return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f') || (ch >= 'A' && ch <= 'F');
}

static bool json_string_ok(struct json_cursor *c)
{
    if (c->p >= c->end || *c->p != '"')
        return false;
    c->p++;
    while (c->p < c->end) {
        unsigned char ch = (unsigned char)*c->p++;
        if (ch == '"')
            return true;
        if (ch < 0x20)
            return false;
        if (ch >= 0x80) { /* well-formed UTF-8 (RFC 8259 §8.1) */
            size_t n = ch >= 0xC2 && ch <= 0xDF ? 1 : ch >= 0xE0 && ch <= 0xEF ? 2
                     : ch >= 0xF0 && ch <= 0xF4 ? 3 : 0;
            if (!n || (size_t)(c->end - c->p) < n)
                return false;
            unsigned char c1 = (unsigned char)c->p[0];
            if ((ch == 0xE0 && c1 < 0xA0) || (ch == 0xED && c1 > 0x9F) ||
                (ch == 0xF0 && c1 < 0x90) || (ch == 0xF4 && c1 > 0x8F))
                return false;
            for (size_t i = 0; i < n; i++)
                if (((unsigned char)*c->p++ & 0xC0) != 0x80)
                    return false;
        }
        if (ch == '\\') {
            if (c->p >= c->end)
                return false;
            char e = *c->p++;
            if (e == 'u') {
                for (int i = 0; i < 4; i++)
                    if (c->p >= c->end || !json_is_hex(*c->p++))
                        return false;
            } else if (!strchr("\"\\/bfnrt", e) || e == '\0') {
                return false;
            }
        }
    }
    return false;
}

static bool json_digits(struct json_cursor *c)
{
    const char *start = c->p;
    while (c->p < c->end && *c->p >= '0' && *c->p <= '9')
        c->p++;
    return c->p > start;
}

static bool json_number_ok(struct json_cursor *c)
{
    if (c->p < c->end && *c->p == '-')
        c->p++;
    if (c->p < c->end && *c->p == '0')
        c->p++;
    else if (!json_digits(c))
        return false;
    if (c->p < c->end && *c->p == '.') {
        c->p++;
        if (!json_digits(c))
            return false;
    }
    if (c->p < c->end && (*c->p == 'e' || *c->p == 'E')) {
        c->p++;
        if (c->p < c->end && (*c->p == '+' || *c->p == '-'))
            c->p++;
        if (!json_digits(c))
            return false;
    }
    return true;
}

static bool json_value_ok(struct json_cursor *c);

static bool json_members_ok(struct json_cursor *c, char close, bool object)
{
    c->p++;
    json_ws(c);
    if (c->p < c->end && *c->p == close) {
        c->p++;
        return true;
    }
    for (;;) {
        json_ws(c);
        if (object) {
            if (!json_string_ok(c))
                return false;
            json_ws(c);
            if (c->p >= c->end || *c->p++ != ':')
                return false;
        }
        if (!json_value_ok(c))
            return false;
        json_ws(c);
        if (c->p >= c->end)
            return false;
        char ch = *c->p++;
        if (ch == close)
            return true;
        if (ch != ',')
            return false;
    }
}

static bool json_value_ok(struct json_cursor *c)
{
    json_ws(c);
    if (c->p >= c->end || ++c->depth > 200)
        return false;
    bool ok;
    switch (*c->p) {
    case '{':
        ok = json_members_ok(c, '}', true);
        break;
    case '[':
        ok = json_members_ok(c, ']', false);
        break;
    case '"':
        ok = json_string_ok(c);
        break;
    case 't':
        ok = json_lit(c, "true");
        break;
    case 'f':
        ok = json_lit(c, "false");
        break;
    case 'n':
        ok = json_lit(c, "null");
        break;
    default:
        ok = json_number_ok(c);
        break;
    }
    c->depth--;
    return ok;
}

void fuzz_check_json(const char *what, const char *text, size_t len)
{
    struct json_cursor c = {text, text + len, 0};
    bool ok = json_value_ok(&c);
    json_ws(&c);
    if (!ok || c.p != c.end)
        fuzz_fail(what, text, len);
}

