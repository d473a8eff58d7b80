/*
 * The two back ends of emit.h.
 */
#include "emit.h"

#include "util.h"

#include <libxml/xmlwriter.h>

#include <string.h>

enum frame { FRAME_OBJECT, FRAME_ARRAY };

struct emitter {
    enum emit_format format;
    FILE *out;
    bool failed;
    const char *ns;
    int depth;
    /* XML */
    xmlTextWriterPtr writer;
    /* JSON: per open level, its kind and whether it has a member yet */
    enum frame *frames;
    bool *nonempty;
    size_t cap;
};

struct emitter *emitter_new(FILE *out, enum emit_format format, const char *ns)
{
    struct emitter *em = xcalloc(1, sizeof(*em));
    em->format = format;
    em->out = out;
    em->ns = ns;
    if (format == EMIT_XML) {
        xmlOutputBufferPtr buf = xmlOutputBufferCreateFile(out, NULL);
        em->writer = buf ? xmlNewTextWriter(buf) : NULL;
        if (!em->writer) {
            if (buf)
                xmlOutputBufferClose(buf);
            em->failed = true;
            return em;
        }
        xmlTextWriterSetIndent(em->writer, 1);
        xmlTextWriterSetIndentString(em->writer, BAD_CAST "  ");
        if (xmlTextWriterStartDocument(em->writer, "1.0", "UTF-8", NULL) < 0)
            em->failed = true;
    }
    return em;
}

static void check(struct emitter *em, int rc)
{
    if (rc < 0)
        em->failed = true;
}

/* ---- JSON ---- */

static void json_indent(struct emitter *em)
{
    fputc('\n', em->out);
    for (int i = 0; i < em->depth; i++)
        fputs("  ", em->out);
}

static void json_string(struct emitter *em, const char *s)
{
    fputc('"', em->out);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '"':
            fputs("\\\"", em->out);
            break;
        case '\\':
            fputs("\\\\", em->out);
            break;
        case '\n':
            fputs("\\n", em->out);
            break;
        case '\r':
            fputs("\\r", em->out);
            break;
        case '\t':
            fputs("\\t", em->out);
            break;
        default:
            if (*p < 0x20)
                fprintf(em->out, "\\u%04x", *p);
            else
                fputc(*p, em->out);
        }
    }
    fputc('"', em->out);
}

/* Starts a member (in an object) or an item (in an array). */
static void json_member(struct emitter *em, const char *name)
{
    if (em->depth == 0)
        return;
    size_t level = (size_t)em->depth - 1;
    if (em->nonempty[level])
        fputc(',', em->out);
    em->nonempty[level] = true;
    json_indent(em);
    if (em->frames[level] == FRAME_OBJECT) {
        json_string(em, name);
        fputs(": ", em->out);
    }
}

static void json_push(struct emitter *em, enum frame kind)
{
    GROW(em->frames, em->cap, (size_t)em->depth + 1);
    em->nonempty = xrealloc(em->nonempty, em->cap * sizeof(*em->nonempty));
    em->frames[em->depth] = kind;
    em->nonempty[em->depth] = false;
    em->depth++;
    fputc(kind == FRAME_OBJECT ? '{' : '[', em->out);
}

/* ---- the interface ---- */

void em_open(struct emitter *em, const char *name)
{
    if (em->format == EMIT_XML) {
        if (em->depth == 0 && em->ns)
            check(em, xmlTextWriterStartElementNS(em->writer, NULL, BAD_CAST name, BAD_CAST em->ns));
        else
            check(em, xmlTextWriterStartElement(em->writer, BAD_CAST name));
        em->depth++;
        return;
    }
    json_member(em, name);
    json_push(em, FRAME_OBJECT);
}

void em_list(struct emitter *em, const char *name)
{
    if (em->format == EMIT_XML) {
        check(em, xmlTextWriterStartElement(em->writer, BAD_CAST name));
        em->depth++;
        return;
    }
    json_member(em, name);
    json_push(em, FRAME_ARRAY);
}

void em_close(struct emitter *em)
{
    if (em->depth == 0)
        return;
    if (em->format == EMIT_XML) {
        check(em, xmlTextWriterEndElement(em->writer));
        em->depth--;
        return;
    }
    em->depth--;
    if (em->nonempty[em->depth])
        json_indent(em);
    fputc(em->frames[em->depth] == FRAME_OBJECT ? '}' : ']', em->out);
}

void em_str(struct emitter *em, const char *name, const char *value)
{
    if (!value)
        return;
    if (em->format == EMIT_XML) {
        check(em, xmlTextWriterWriteAttribute(em->writer, BAD_CAST name, BAD_CAST value));
        return;
    }
    json_member(em, name);
    json_string(em, value);
}

void em_int(struct emitter *em, const char *name, int64_t value)
{
    char buf[32];
    snprintf(buf, sizeof(buf), "%lld", (long long)value);
    em_num(em, name, buf);
}

void em_bool(struct emitter *em, const char *name, bool value)
{
    if (em->format == EMIT_XML) {
        check(em, xmlTextWriterWriteAttribute(em->writer, BAD_CAST name,
                                              BAD_CAST(value ? "true" : "false")));
        return;
    }
    json_member(em, name);
    fputs(value ? "true" : "false", em->out);
}

void em_num(struct emitter *em, const char *name, const char *decimal)
{
    if (!decimal)
        return;
    if (em->format == EMIT_XML) {
        check(em, xmlTextWriterWriteAttribute(em->writer, BAD_CAST name, BAD_CAST decimal));
        return;
    }
    json_member(em, name);
    fputs(decimal, em->out);
}

void em_text(struct emitter *em, const char *name, const char *text)
{
    if (!text)
        return;
    if (em->format == EMIT_XML) {
        check(em, xmlTextWriterWriteElement(em->writer, BAD_CAST name, BAD_CAST text));
        return;
    }
    json_member(em, name);
    json_string(em, text);
}

bool emitter_finish(struct emitter *em)
{
    while (em->depth > 0)
        em_close(em);
    bool ok = !em->failed;
    if (em->format == EMIT_XML) {
        if (em->writer) {
            check(em, xmlTextWriterEndDocument(em->writer));
            ok = !em->failed;
            xmlFreeTextWriter(em->writer); /* flushes into out */
        }
    } else {
        fputc('\n', em->out);
    }
    if (fflush(em->out) != 0 || ferror(em->out))
        ok = false;
    free(em->frames);
    free(em->nonempty);
    free(em);
    return ok;
}
