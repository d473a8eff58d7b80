#define _GNU_SOURCE /* memmem */
/*
 * Implementation of load.h: the push parser, the lazily plugged XSD
 * validator, positions of start tags, and the translation of libxml2's
 * errors into diagnostics.
 */
#include "load.h"

#include "embed.h"
#include "util.h"

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlschemas.h>

#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#define DEALC_NS "urn:dealc:1"

const char *doc_kind_name(enum doc_kind kind)
{
    switch (kind) {
    case DOC_TEAM:
        return "team";
    case DOC_PROCESS:
        return "process";
    case DOC_DEAL:
        return "deal";
    case DOC_DEALS:
        return "deals";
    case DOC_NONE:
        break;
    }
    return "none";
}

/* ---- built-in schemas ---- */

struct schema_set {
    xmlSchemaPtr team, process, deal;
};

static void schema_build_error(void *ctx, xmlErrorPtr err)
{
    (void)ctx;
    fprintf(stderr, "dealc: internal error: built-in schema: %s", err->message ? err->message : "?\n");
}

static xmlSchemaPtr compile_schema(const char *name)
{
    const struct embedded_file *f = embedded_find(name);
    if (!f) {
        fprintf(stderr, "dealc: internal error: %s is not built in\n", name);
        return NULL;
    }
    xmlSchemaParserCtxtPtr pctxt = xmlSchemaNewMemParserCtxt((const char *)f->data, (int)f->size);
    if (!pctxt)
        return NULL;
    xmlSchemaSetParserStructuredErrors(pctxt, schema_build_error, NULL);
    xmlSchemaPtr schema = xmlSchemaParse(pctxt);
    xmlSchemaFreeParserCtxt(pctxt);
    return schema;
}

static const char *skip_space(const char *p, const char *end)
{
    while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
        p++;
    return p;
}

enum doc_kind sniff_kind(const char *data, size_t size)
{
    const char *p = data, *end = data + size;
    if (size >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3))
        p += 3;
    for (;;) {
        p = skip_space(p, end);
        if (end - p < 2 || *p != '<')
            return DOC_NONE;
        if (p[1] == '?') {
            const char *close = memmem(p, (size_t)(end - p), "?>", 2);
            if (!close)
                return DOC_NONE;
            const char *enc = memmem(p, (size_t)(close - p), "encoding", 8);
            if (enc) {
                const char *q = enc + 8;
                while (q < close && *q != '"' && *q != '\'')
                    q++;
                if (q >= close || (strncasecmp(q + 1, "utf-8", 5) && strncasecmp(q + 1, "utf8", 4)))
                    return DOC_NONE;
            }
            p = close + 2;
        } else if (end - p >= 4 && !memcmp(p, "<!--", 4)) {
            const char *close = memmem(p + 4, (size_t)(end - p - 4), "-->", 3);
            if (!close)
                return DOC_NONE;
            p = close + 3;
        } else if (p[1] == '!') {
            return DOC_NONE; /* a DOCTYPE: the parser decides */
        } else {
            break;
        }
    }
    /* The root's name, then its attributes up to '>': the default namespace must be dealc's. */
    const char *name = ++p;
    while (p < end && *p != ' ' && *p != '\t' && *p != '\n' && *p != '\r' && *p != '>' && *p != '/')
        p++;
    size_t name_len = (size_t)(p - name);
    if (memchr(name, ':', name_len))
        return DOC_NONE; /* a prefixed root: rare, the parser resolves it */
    bool ours = false;
    while (p < end && *p != '>') {
        p = skip_space(p, end);
        const char *an = p;
        while (p < end && *p != '=' && *p != '>' && *p != ' ' && *p != '\t' && *p != '\n' && *p != '\r')
            p++;
        size_t an_len = (size_t)(p - an);
        p = skip_space(p, end);
        if (p >= end || *p == '>' || *p == '/')
            break;
        if (*p != '=')
            return DOC_NONE;
        p = skip_space(p + 1, end);
        if (p >= end || (*p != '"' && *p != '\''))
            return DOC_NONE;
        char q = *p++;
        const char *value = p;
        p = memchr(p, q, (size_t)(end - p));
        if (!p)
            return DOC_NONE;
        if (an_len == 5 && !memcmp(an, "xmlns", 5))
            ours = (size_t)(p - value) == strlen(DEALC_NS) && !memcmp(value, DEALC_NS, strlen(DEALC_NS));
        p++;
    }
    if (p >= end || !ours)
        return DOC_NONE;
    static const struct {
        const char *name;
        enum doc_kind kind;
    } roots[] = {{"team", DOC_TEAM}, {"process", DOC_PROCESS}, {"deal", DOC_DEAL}, {"deals", DOC_DEALS}};
    for (size_t i = 0; i < sizeof(roots) / sizeof(roots[0]); i++)
        if (name_len == strlen(roots[i].name) && !memcmp(name, roots[i].name, name_len))
            return roots[i].kind;
    return DOC_NONE;
}

static void *checked_malloc(size_t size)
{
    return xmalloc(size);
}

static void *checked_realloc(void *p, size_t size)
{
    return xrealloc(p, size);
}

static char *checked_strdup(const char *s)
{
    return xstrdup(s);
}

void loader_init(void)
{
    xmlMemSetup(free, checked_malloc, checked_realloc, checked_strdup);
}

struct schema_set *schema_set_new(void)
{
    loader_init();
    struct schema_set *set = xcalloc(1, sizeof(*set));
    set->team = compile_schema("schemas/team.xsd");
    set->process = compile_schema("schemas/process.xsd");
    set->deal = compile_schema("schemas/deal.xsd");
    if (!set->team || !set->process || !set->deal) {
        schema_set_free(set);
        return NULL;
    }
    return set;
}

void schema_set_free(struct schema_set *set)
{
    if (!set)
        return;
    if (set->team)
        xmlSchemaFree(set->team);
    if (set->process)
        xmlSchemaFree(set->process);
    if (set->deal)
        xmlSchemaFree(set->deal);
    free(set);
}

/* ---- the loader ---- */

struct loader {
    const struct load_request *req;
    struct load_result *result;
    xmlParserCtxtPtr ctxt;
    const struct element_sink *sink;

    /* The validator, plugged in at the root: events go to plug_sax(plug_ud). */
    xmlSchemaValidCtxtPtr vctxt;
    xmlSchemaSAXPlugPtr plug;
    xmlSAXHandlerPtr plug_sax;
    void *plug_ud;

    int depth;             /* of the element being handled; -1 outside the root */
    struct place *stack;   /* start tags of the open elements */
    const xmlChar **names; /* their local names (interned by the parser's dictionary) */
    size_t stack_cap, names_cap;
    size_t unit_mark;      /* diagnostics before the deal (or document) being read */
    bool doctype_seen;     /* a walked file had a DOCTYPE: decide at the root */
    struct place doctype_at;
    char doctype_name[64];
    struct place current;  /* the element the current event concerns */

    size_t errors;
    uint32_t first_line;   /* of the text parsed: 1, or where a chunk starts */
    /* A look at the bytes before libxml2 parses them (see guard_attributes). */
    bool guard;            /* guard_attributes looks at the bytes fed */
    bool lx_in_tag;
    char lx_quote;
    uint32_t lx_attrs, lx_line, lx_tag_line;
    bool stopped;          /* we stopped the parser: ignore what it says next */
    size_t bytes;          /* fed so far */
    bool reported_fatal;   /* one malformation is reported; the rest is noise */

    struct attr *attrs;
    size_t attrs_cap;
    struct arena scratch;  /* attribute values of the current start tag */
};

struct place loader_place(const struct loader *L)
{
    return L->current;
}

size_t loader_errors(const struct loader *L)
{
    return L->errors;
}

const char *attr_get(const struct attr *attrs, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(attrs[i].name, name) == 0)
            return attrs[i].value;
    return NULL;
}

static void stop(struct loader *L)
{
    L->stopped = true;
    xmlStopParser(L->ctxt);
}

static uint32_t utf8_chars(const xmlChar *from, const xmlChar *to)
{
    return utf8_count((const char *)from, (const char *)to);
}

/* Columns on the first line of a chunk are shifted by its synthetic prefix. */
static uint32_t file_col(const struct loader *L, uint32_t line, uint32_t col)
{
    if (!L->req->chunk || line != L->first_line || !col)
        return col;
    int64_t fixed = (int64_t)col + L->req->chunk->col_shift;
    return fixed >= 1 ? (uint32_t)fixed : 0;
}

/*
 * The place of the '<' of the start tag being reported. When a start tag is
 * handed to SAX the input still holds the whole tag, and '<' cannot occur
 * inside an attribute value, so the nearest '<' before the cursor is ours.
 */
static struct place start_tag_place(const struct loader *L)
{
    struct place at = {L->req->file, 0, 0};
    xmlParserInputPtr in = L->ctxt->input;
    if (!in || !in->cur || !in->base)
        return at;
    at.line = (uint32_t)in->line;
    /* Back to '<'; then the newlines and UTF-8 characters from there up to and with cur. */
    const xmlChar *lt = in->cur;
    while (lt > in->base && *lt != '<')
        lt--;
    if (*lt != '<')
        return at;
    uint32_t newlines = (uint32_t)count_byte((const char *)lt + 1, (const char *)in->cur + 1, '\n');
    uint32_t chars = utf8_chars(lt + 1, in->cur + 1) + 1; /* the '<', and cur as its own column */
    if (newlines < at.line)
        at.line -= newlines;
    if (newlines == 0) {
        at.col = in->col >= (int)chars ? (uint32_t)in->col - chars + 1 : 0;
    } else {
        const xmlChar *bol = lt;
        while (bol > in->base && bol[-1] != '\n')
            bol--;
        if (bol > in->base || at.line == L->first_line)
            at.col = utf8_chars(bol, lt) + 1;
    }
    at.col = file_col(L, at.line, at.col);
    return at;
}

/* The length of the well-formed UTF-8 sequence at p (at most n bytes), 0 if there is none. */
/*
 * libxml2's message, made fit for a one-line diagnostic: some messages quote
 * the input (cut after a number of bytes, so possibly inside a UTF-8
 * sequence, or bytes that are not UTF-8 at all) and span lines. Bytes that
 * are not UTF-8 become U+FFFD, control characters spaces, so every output
 * (text, JSON, XML) can carry the message as it is.
 */
static char *trimmed_message(struct loader *L, const char *msg)
{
    if (!msg)
        msg = "unknown error";
    size_t len = strlen(msg);
    while (len && (msg[len - 1] == '\n' || msg[len - 1] == ' '))
        len--;
    return utf8_clean(&L->scratch, msg, len, false);
}

static void fail(struct loader *L, struct place at, enum diag_code code, const char *fmt, ...)
    DEALC_PRINTF(4, 5);
static const char *root_line_restored(struct loader *L, const xmlError *err);

/*
 * libxml2's message, as the parse of the whole file gives it, also in a
 * piece of a bulk file. A piece is parsed inside a copy of the root start
 * tag put at its first line, and ends with a copy of the root end tag: a
 * message that names the open root with its line ("Opening and ending tag
 * mismatch: deals line 1 and stage") gets the real root's line, and one
 * that quotes the bytes at a bad UTF-8 sequence ("Bytes: 0xA0 0x20 0x3C
 * 0x64") quotes them up to a '<' only (a piece is cut before one).
 */
static const char *whole_file_message(struct loader *L, const xmlError *err)
{
    const char *msg = root_line_restored(L, err);
    const char *bytes = msg ? strstr(msg, "Bytes: ") : NULL;
    const char *lt = bytes ? strstr(bytes, "0x3C") : NULL;
    if (lt && lt[4] != '\0')
        msg = arena_printf(&L->scratch, "%.*s", (int)(lt + 4 - msg), msg);
    return msg;
}

static const char *root_line_restored(struct loader *L, const xmlError *err)
{
    const struct load_chunk *ch = L->req->chunk;
    if (!ch || !ch->prefix || L->depth != 0 || err->int1 != (int)L->first_line || !err->message ||
        (err->code != XML_ERR_TAG_NAME_MISMATCH && err->code != XML_ERR_TAG_NOT_FINISHED))
        return err->message;
    char needle[32];
    int n = snprintf(needle, sizeof(needle), " line %u", L->first_line);
    const char *at = strstr(err->message, needle);
    if (!at || (at[n] >= '0' && at[n] <= '9'))
        return err->message;
    return arena_printf(&L->scratch, "%.*s line %u%s", (int)(at - err->message), err->message, ch->root_line,
                        at + n);
}

static void on_parser_error(void *ud, xmlErrorPtr err)
{
    struct loader *L = ud;
    if (L->stopped || err->level == XML_ERR_WARNING || L->reported_fatal)
        return;
    if (L->doctype_seen && L->depth < 0 && L->result->kind == DOC_NONE) {
        /*
         * A walked file whose internal subset libxml2 cannot read: its root
         * is out of reach, so its DOCTYPE's name decides whether it is ours.
         */
        const char *local = strchr(L->doctype_name, ':');
        local = local ? local + 1 : L->doctype_name;
        if (!strcmp(local, "team") || !strcmp(local, "process") || !strcmp(local, "deal") ||
            !strcmp(local, "deals")) {
            fail(L, L->doctype_at, D_XML_DOCTYPE,
                 "DOCTYPE '%s' refused: dealc documents may not carry a document type declaration",
                 L->doctype_name);
        } else {
            L->result->outcome = LOAD_FOREIGN;
            stop(L);
        }
        return;
    }
    struct place at = {L->req->file, err->line > 0 ? (uint32_t)err->line : 0,
                       err->int2 > 0 ? (uint32_t)err->int2 : 0};
    at.col = file_col(L, at.line, at.col);
    if (err->level == XML_ERR_FATAL) {
        /*
         * What the validator said about the deal (or document) being read
         * when the XML broke is an echo of the break: drop it, so the file
         * gets the parser's own message. Deals completed before it stand.
         */
        L->errors -= diag_remove_since(L->req->diags, L->unit_mark, D_SCHEMA_INVALID);
        L->reported_fatal = true;
    }
    /* Before any root, libxml2's push parser calls white space or a lone BOM "extra content". */
    const char *message = err->code == XML_ERR_DOCUMENT_END && L->depth < 0 && L->result->kind == DOC_NONE
                              ? "the document has no root element"
                              : trimmed_message(L, whole_file_message(L, err));
    diag_add(L->req->diags, at, D_XML_MALFORMED, "%s", message);
    L->errors++;
}

/*
 * The validator reports some errors while handling a child, about its
 * parent ("Element 'reason': Element content is not allowed"); its message
 * starts with the name of the element concerned, so find that element among
 * the open ones, innermost first.
 */
static struct place place_of_named_element(const struct loader *L, const char *msg)
{
    const char *p = msg ? strstr(msg, "Element '") : NULL;
    if (!p || L->depth < 0)
        return L->current;
    p += strlen("Element '");
    if (*p == '{') {
        p = strchr(p, '}');
        if (!p)
            return L->current;
        p++;
    }
    const char *end = strchr(p, '\'');
    if (!end)
        return L->current;
    size_t len = (size_t)(end - p);
    for (int d = L->depth; d >= 0; d--) {
        const char *name = (const char *)L->names[d];
        if (name && strlen(name) == len && memcmp(name, p, len) == 0)
            return L->stack[d];
    }
    return L->current;
}

static void on_schema_error(void *ud, xmlErrorPtr err)
{
    struct loader *L = ud;
    if (L->stopped || err->level == XML_ERR_WARNING)
        return;
    size_t d = diag_add(L->req->diags, place_of_named_element(L, err->message), D_SCHEMA_INVALID, "%s",
                        trimmed_message(L, err->message));
    L->errors++;
    if (L->result->kind == DOC_DEALS && L->depth == 1 && err->code == XML_SCHEMAV_ELEMENT_CONTENT) {
        /*
         * After an element it did not expect among the deals, libxml2's
         * validator checks none of the deals that follow: they would be
         * read unchecked. The file ends here, as at a malformation.
         */
        diag_add_note(L->req->diags, d, L->current,
                      "the rest of the file is not read: after an element other than a deal, the schema "
                      "validator checks no further deals");
        L->result->outcome = LOAD_FAILED;
        stop(L);
    }
}

static void fail(struct loader *L, struct place at, enum diag_code code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    const char *message = arena_vprintf(&L->scratch, fmt, ap);
    va_end(ap);
    diag_add(L->req->diags, at, code, "%s", message);
    L->errors++;
    L->result->outcome = LOAD_FAILED;
    stop(L);
}

static void on_doctype(void *ud, const xmlChar *name, const xmlChar *external_id,
                       const xmlChar *system_id)
{
    (void)external_id;
    (void)system_id;
    struct loader *L = ud;
    struct place at = start_tag_place(L);
    if (!L->req->named) {
        /*
         * Found by walking a folder, the file may be someone else's (an
         * XHTML page): only its root can tell. The parse goes on to the
         * root with no handler for declarations, so the internal subset is
         * read but nothing in it is kept, loaded or expanded.
         */
        L->doctype_seen = true;
        L->doctype_at = at;
        snprintf(L->doctype_name, sizeof(L->doctype_name), "%s", name ? (const char *)name : "");
        return;
    }
    /* Named on the command line, it is meant to be ours: stop before the internal subset. */
    fail(L, at, D_XML_DOCTYPE,
         "DOCTYPE '%s' refused: dealc documents may not carry a document type declaration",
         name ? (const char *)name : "");
}

static enum doc_kind root_kind(const xmlChar *localname, const xmlChar *uri)
{
    if (!uri || strcmp((const char *)uri, DEALC_NS) != 0)
        return DOC_NONE;
    const char *n = (const char *)localname;
    if (!strcmp(n, "team"))
        return DOC_TEAM;
    if (!strcmp(n, "process"))
        return DOC_PROCESS;
    if (!strcmp(n, "deal"))
        return DOC_DEAL;
    if (!strcmp(n, "deals"))
        return DOC_DEALS;
    return DOC_NONE;
}

/*
 * An attribute value as the document means it. Without entity substitution
 * (which dealc never turns on) libxml2 hands an '&' written as &amp; or &#38;
 * over as the five characters "&#38;", the only way a '&' can arrive, so
 * turning each back into '&' is exact.
 */
static const char *attribute_value(struct arena *a, const char *value, size_t len)
{
    char *out = arena_strndup(a, value, len);
    char *w = out;
    for (const char *r = out; *r;) {
        if (r[0] == '&' && !strncmp(r, "&#38;", 5)) {
            *w++ = '&';
            r += 5;
        } else {
            *w++ = *r++;
        }
    }
    *w = '\0';
    return out;
}

static void sink_start(void *ud, const xmlChar *localname, const xmlChar *prefix,
                       const xmlChar *uri, int nb_namespaces, const xmlChar **namespaces,
                       int nb_attributes, int nb_defaulted, const xmlChar **attributes)
{
    (void)prefix;
    (void)uri;
    (void)nb_namespaces;
    (void)namespaces;
    (void)nb_defaulted;
    struct loader *L = ud;
    if (!L->sink || !L->sink->start)
        return;
    GROW(L->attrs, L->attrs_cap, (size_t)nb_attributes);
    size_t n = 0;
    for (int i = 0; i < nb_attributes; i++) {
        const xmlChar **a = attributes + 5 * i;
        if (a[2] != NULL) /* a namespaced attribute (xsi:...) is not ours */
            continue;
        L->attrs[n].name = (const char *)a[0];
        L->attrs[n].value = attribute_value(&L->scratch, (const char *)a[3], (size_t)(a[4] - a[3]));
        n++;
    }
    L->sink->start(L->sink->ctx, L, (const char *)localname, L->attrs, n, L->depth);
}

static void sink_end(void *ud, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri)
{
    (void)prefix;
    (void)uri;
    struct loader *L = ud;
    if (L->sink && L->sink->end)
        L->sink->end(L->sink->ctx, L, (const char *)localname, L->depth);
}

static void sink_text(void *ud, const xmlChar *chars, int len)
{
    struct loader *L = ud;
    if (L->sink && L->sink->text && len > 0)
        L->sink->text(L->sink->ctx, (const char *)chars, (size_t)len);
}

/* The builders' end of the chain, behind the validator. */
static xmlSAXHandler sink_handler = {
    .initialized = XML_SAX2_MAGIC,
    .startElementNs = sink_start,
    .endElementNs = sink_end,
    .characters = sink_text,
    .cdataBlock = sink_text,
};

static bool plug_validator(struct loader *L, enum doc_kind kind)
{
    const struct schema_set *s = L->req->schemas;
    xmlSchemaPtr schema = kind == DOC_TEAM ? s->team : kind == DOC_PROCESS ? s->process : s->deal;
    L->vctxt = xmlSchemaNewValidCtxt(schema);
    if (!L->vctxt)
        return false;
    xmlSchemaSetValidStructuredErrors(L->vctxt, on_schema_error, L);
    L->plug_sax = &sink_handler;
    L->plug_ud = L;
    L->plug = xmlSchemaSAXPlug(L->vctxt, &L->plug_sax, &L->plug_ud);
    return L->plug != NULL;
}

static void push_place(struct loader *L, struct place at, const xmlChar *name)
{
    GROW(L->stack, L->stack_cap, (size_t)L->depth + 1);
    GROW(L->names, L->names_cap, (size_t)L->depth + 1);
    L->stack[L->depth] = at;
    L->names[L->depth] = name;
}

static void on_start(void *ud, const xmlChar *localname, const xmlChar *prefix,
                     const xmlChar *uri, int nb_namespaces, const xmlChar **namespaces,
                     int nb_attributes, int nb_defaulted, const xmlChar **attributes)
{
    struct loader *L = ud;
    if (L->stopped)
        return;
    arena_reset(&L->scratch);
    L->depth++;
    L->current = start_tag_place(L);
    if (L->depth == 0 && L->req->chunk && L->req->chunk->prefix) {
        /* A piece's root is a copy: what is said of the root is said at the real one. */
        L->current.line = L->req->chunk->root_line;
        L->current.col = L->req->chunk->root_col;
    }
    push_place(L, L->current, localname);
    if (L->depth == 0 || (L->depth == 1 && L->result->kind == DOC_DEALS))
        L->unit_mark = L->req->diags->len;
    if (L->depth == 0) {
        enum doc_kind kind = root_kind(localname, uri);
        L->result->kind = kind;
        if (L->doctype_seen && (kind != DOC_NONE || (uri && !strcmp((const char *)uri, DEALC_NS)))) {
            fail(L, L->doctype_at, D_XML_DOCTYPE,
                 "DOCTYPE '%s' refused: dealc documents may not carry a document type declaration",
                 L->doctype_name);
            return;
        }
        if (kind == DOC_NONE) {
            if (!L->req->named && (!uri || strcmp((const char *)uri, DEALC_NS) != 0)) {
                L->result->outcome = LOAD_FOREIGN;
                stop(L);
            } else {
                char what[200];
                snprintf(what, sizeof(what), "%s%s%s%s", uri ? "{" : "", uri ? (const char *)uri : "",
                         uri ? "}" : "", (const char *)localname);
                fail(L, L->current, D_UNKNOWN_DOCUMENT,
                     "root element '%s' is not a dealc document (expected team, process, deal or "
                     "deals in namespace urn:dealc:1)",
                     what);
            }
            return;
        }
        xmlCharEncodingHandlerPtr enc = L->ctxt->input && L->ctxt->input->buf ? L->ctxt->input->buf->encoder : NULL;
        if (enc) {
            fail(L, (struct place){L->req->file, 1, 0}, D_XML_MALFORMED,
                 "document is encoded in %s; dealc reads UTF-8 only", enc->name ? enc->name : "another encoding");
            return;
        }
        L->sink = L->req->choose(L->req->choose_ctx, kind, L);
        if (!L->sink) {
            L->result->outcome = LOAD_STOPPED;
            stop(L);
            return;
        }
        if (!plug_validator(L, kind)) {
            fail(L, L->current, D_SCHEMA_INVALID, "%s", "cannot start the schema validator");
            return;
        }
    }
    if (L->plug_sax && L->plug_sax->startElementNs)
        L->plug_sax->startElementNs(L->plug_ud, localname, prefix, uri, nb_namespaces, namespaces,
                                    nb_attributes, nb_defaulted, attributes);
}

static void on_end(void *ud, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri)
{
    struct loader *L = ud;
    if (L->stopped || L->depth < 0)
        return;
    L->current = L->stack[L->depth];
    if (L->plug_sax && L->plug_sax->endElementNs)
        L->plug_sax->endElementNs(L->plug_ud, localname, prefix, uri);
    /* A deal (or the document) read to its end is no longer "being read". */
    if (L->depth == 0 || (L->depth == 1 && L->result->kind == DOC_DEALS))
        L->unit_mark = L->req->diags->len;
    L->depth--;
}

/*
 * What the validator says of text between the deals of a bulk file is said
 * of the root, not of a deal being read: it stands if the XML breaks next,
 * as it does when a piece of the file ends after the text.
 */
static void text_between_deals_said(struct loader *L)
{
    if (L->depth == 0 && L->result->kind == DOC_DEALS)
        L->unit_mark = L->req->diags->len;
}

static void on_characters(void *ud, const xmlChar *chars, int len)
{
    struct loader *L = ud;
    if (L->stopped || L->depth < 0)
        return;
    L->current = L->stack[L->depth];
    if (L->plug_sax && L->plug_sax->characters)
        L->plug_sax->characters(L->plug_ud, chars, len);
    text_between_deals_said(L);
}

static void on_cdata(void *ud, const xmlChar *chars, int len)
{
    struct loader *L = ud;
    if (L->stopped || L->depth < 0)
        return;
    L->current = L->stack[L->depth];
    if (L->plug_sax && L->plug_sax->cdataBlock)
        L->plug_sax->cdataBlock(L->plug_ud, chars, len);
    text_between_deals_said(L);
}

/* Entity references never resolve: no DTD is ever read, so only the predefined five exist. */
static xmlEntityPtr on_get_entity(void *ud, const xmlChar *name)
{
    (void)ud;
    return xmlGetPredefinedEntity(name);
}

static const xmlSAXHandler outer_handler = {
    .initialized = XML_SAX2_MAGIC,
    .internalSubset = on_doctype,
    .getEntity = on_get_entity,
    .startElementNs = on_start,
    .endElementNs = on_end,
    .characters = on_characters,
    .ignorableWhitespace = on_characters,
    .cdataBlock = on_cdata,
    .serror = on_parser_error,
};

enum {
    PARSE_OPTIONS = XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES,
    READ_CHUNK = 256 * 1024
};

static bool begin(struct loader *L, const struct load_request *req, struct load_result *result)
{
    memset(L, 0, sizeof(*L));
    memset(result, 0, sizeof(*result));
    L->req = req;
    L->result = result;
    L->depth = -1;
    result->outcome = LOAD_DONE;
    L->ctxt = xmlCreatePushParserCtxt((xmlSAXHandlerPtr)&outer_handler, L, NULL, 0, req->path);
    if (!L->ctxt) {
        snprintf(result->io_error, sizeof(result->io_error), "cannot create a parser");
        result->outcome = LOAD_IO_ERROR;
        return false;
    }
    xmlCtxtUseOptions(L->ctxt, PARSE_OPTIONS);
    /*
     * Some of libxml2's errors (an encoder failing on bad bytes, I/O) carry
     * no parser context and would go to stderr: the handler of this thread
     * takes them into the file's diagnostics too, until the load ends.
     */
    xmlSetStructuredErrorFunc(L, on_parser_error);
    L->first_line = req->chunk ? req->chunk->first_line : 1;
    L->lx_line = L->first_line;
    L->guard = !(req->chunk && req->chunk->data && req->chunk->tags_checked);
    /* Nothing said before this document (in other files) is ever an echo of its breaking. */
    L->unit_mark = req->diags->len;
    if (L->ctxt->input)
        L->ctxt->input->line = (int)L->first_line;
    return true;
}

/*
 * libxml2 2.9 compares each attribute of a start tag with every one before
 * it, so a tag of 300 000 attributes takes a minute to parse: a look at the
 * bytes before libxml2 sees them refuses a tag of more than MAX_ATTRIBUTES
 * at once. Quoted values are skipped, and "<!" and "<?" constructs are not
 * tags. A piece of a bulk file whose tags the splitter has seen is not
 * looked at again. Returns NULL when the bytes are fine, else where the
 * refused tag starts (data when it started in an earlier chunk).
 */
static const char *guard_attributes(struct loader *L, const char *data, size_t size)
{
    const char *end = data + size, *tag = data;
    for (const char *p = data; (p = next_markup_byte(p, end)) < end; p++) {
        char c = *p;
        if (c == '\n') {
            L->lx_line++;
        } else if (!L->lx_in_tag) {
            if (c == '<' && !(p + 1 < end && (p[1] == '!' || p[1] == '?'))) {
                L->lx_in_tag = true;
                L->lx_quote = 0;
                L->lx_attrs = 0;
                L->lx_tag_line = L->lx_line;
                tag = p;
            }
        } else if (L->lx_quote) {
            if (c == L->lx_quote)
                L->lx_quote = 0;
        } else if (c == '"' || c == '\'') {
            L->lx_quote = c;
        } else if (c == '>') {
            L->lx_in_tag = false;
        } else if (c == '=' && ++L->lx_attrs > MAX_ATTRIBUTES) {
            return tag;
        }
    }
    return NULL;
}

/* Feeds one chunk (at most READ_CHUNK bytes); false once the parse is over. */
static bool feed(struct loader *L, const char *data, size_t size, bool last)
{
    if (last && size == 0 && L->bytes == 0) {
        /* libxml2's push parser would say "Extra content at the end of the document". */
        diag_add(L->req->diags, (struct place){L->req->file, 1, 0}, D_XML_MALFORMED, "the file is empty");
        L->errors++;
        L->result->outcome = LOAD_FAILED;
        return false;
    }
    L->bytes += size;
    const char *refused = L->guard ? guard_attributes(L, data, size) : NULL;
    if (refused) {
        /*
         * What comes before the tag is parsed as it would be without it, so
         * that the deals before it stand however the file was cut in chunks.
         */
        if (refused > data)
            xmlParseChunk(L->ctxt, data, (int)(refused - data), 0);
        if (!L->stopped && !L->reported_fatal)
            fail(L, (struct place){L->req->file, L->lx_tag_line, 0}, D_SCHEMA_INVALID,
                 "an element with more than %d attributes: no dealc element has more than a dozen",
                 MAX_ATTRIBUTES);
        return false;
    }
    if (L->req->bytes_read)
        atomic_fetch_add_explicit(L->req->bytes_read, size, memory_order_relaxed);
    int rc = xmlParseChunk(L->ctxt, data, (int)size, last);
    return rc == 0 && !L->stopped && !L->reported_fatal;
}

static void finish(struct loader *L)
{
    struct load_result *result = L->result;
    if (result->outcome == LOAD_DONE && L->ctxt && !L->stopped && !L->ctxt->wellFormed &&
        !L->reported_fatal) {
        /* libxml2 ended without saying why; say it for it. */
        diag_add(L->req->diags, (struct place){L->req->file, (uint32_t)L->ctxt->input->line, 0},
                 D_XML_MALFORMED, "the document is not well-formed");
        L->errors++;
    }
    if (result->outcome == LOAD_DONE && L->reported_fatal)
        result->outcome = LOAD_FAILED;
    if (result->outcome == LOAD_DONE && result->kind == DOC_NONE && !L->errors) {
        diag_add(L->req->diags, (struct place){L->req->file, 1, 0}, D_XML_MALFORMED,
                 "the document has no root element");
        L->errors++;
        result->outcome = LOAD_FAILED;
    }
    xmlSetStructuredErrorFunc(NULL, NULL);
    result->errors = L->errors;
    if (L->ctxt) {
        if (L->ctxt->myDoc)
            xmlFreeDoc(L->ctxt->myDoc);
        xmlFreeParserCtxt(L->ctxt);
    }
    if (L->plug)
        xmlSchemaSAXUnplug(L->plug);
    if (L->vctxt)
        xmlSchemaFreeValidCtxt(L->vctxt);
    free(L->stack);
    free(L->names);
    free(L->attrs);
    arena_free(&L->scratch);
}

/*
 * Feeds data in pieces the parser takes; last ends the document after it.
 * The pieces are those a read of the file gives (feed_fd), and the end is
 * a feed of its own, as at the end of a file: libxml2's push parser places
 * some errors ("Extra content at the end of the document") by where the
 * chunks fall, and a document must get the same diagnostics whether it was
 * read from disk, kept in memory or given by Git.
 */
static bool feed_all(struct loader *L, const char *data, size_t size, bool last)
{
    do {
        size_t n = size < READ_CHUNK ? size : READ_CHUNK;
        if (!feed(L, data, n, false))
            return false;
        data += n;
        size -= n;
    } while (size > 0);
    return !last || feed(L, data, 0, true);
}

/* Reads fd to its end into the parser; false when the parse is over or reading failed. */
static bool feed_fd(struct loader *L, int fd, bool last)
{
    /*
     * A buffer the size of a small file: most deal files are a few KB, and
     * a large buffer per file would cost an mmap and munmap each time.
     */
    struct stat st;
    size_t size = READ_CHUNK;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size >= 0 && (size_t)st.st_size < READ_CHUNK)
        size = (size_t)st.st_size + 1;
    char *buf = xmalloc(size);
    bool more = true;
    for (;;) {
        ssize_t n = read(fd, buf, size);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            L->result->outcome = LOAD_IO_ERROR;
            snprintf(L->result->io_error, sizeof(L->result->io_error), "%s", strerror(errno));
            more = false;
            break;
        }
        if (n == 0 && !last)
            break;
        if (!feed(L, buf, (size_t)n, n == 0)) {
            more = false;
            break;
        }
        if (n == 0)
            break;
    }
    free(buf);
    return more;
}

void load_memory(const struct load_request *req, const char *data, size_t size,
                 struct load_result *result)
{
    struct loader L;
    if (begin(&L, req, result))
        feed_all(&L, data, size, true);
    finish(&L);
}

static void load_chunk(const struct load_request *req, struct load_result *result)
{
    const struct load_chunk *ch = req->chunk;
    struct loader L;
    int fd = -1;
    if (!ch->data) {
        fd = open(req->path, O_RDONLY | O_CLOEXEC);
        if (fd < 0 || lseek(fd, (off_t)ch->offset, SEEK_SET) < 0) {
            memset(result, 0, sizeof(*result));
            result->outcome = LOAD_IO_ERROR;
            snprintf(result->io_error, sizeof(result->io_error), "%s", strerror(errno));
            if (fd >= 0)
                close(fd);
            return;
        }
    }
    if (begin(&L, req, result) && (!ch->prefix || feed_all(&L, ch->prefix, strlen(ch->prefix), false))) {
        bool more = ch->data ? feed_all(&L, ch->data, ch->size, !ch->suffix) : feed_fd(&L, fd, !ch->suffix);
        if (more && ch->suffix)
            feed_all(&L, ch->suffix, strlen(ch->suffix), true);
    }
    if (fd >= 0)
        close(fd);
    finish(&L);
}

void load_file(const struct load_request *req, struct load_result *result)
{
    if (req->chunk) {
        load_chunk(req, result);
        return;
    }
    if (req->data) {
        load_memory(req, req->data, req->size, result);
        return;
    }
    struct loader L;
    int fd = open(req->path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        memset(result, 0, sizeof(*result));
        result->outcome = LOAD_IO_ERROR;
        snprintf(result->io_error, sizeof(result->io_error), "%s", strerror(errno));
        return;
    }
    if (begin(&L, req, result))
        feed_fd(&L, fd, true);
    close(fd);
    finish(&L);
}
