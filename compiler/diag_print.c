/*
 * Diagnostic output formats. Text: "FILE:LINE:COL: severity: message [code]",
 * a note right after the diagnostic it explains, wherever it points, the
 * way compilers print them. The machine formats carry the same records.
 */
#include "diag_print.h"

#include "emit.h"

#include <libxml/xmlwriter.h>

#include <stdlib.h>
#include <string.h>

static const char *color_of(enum severity sev)
{
    switch (sev) {
    case SEV_ERROR:
        return "\033[1;31m";
    case SEV_WARNING:
        return "\033[1;35m";
    case SEV_NOTE:
        return "\033[1;36m";
    }
    return "";
}

/* A path on one line: a file name with a line break cannot forge a diagnostic. */
static void print_path(FILE *out, const char *path)
{
    for (const char *p = path ? path : "?"; *p; p++) {
        if (*p == '\n')
            fputs("\\n", out);
        else if (*p == '\r')
            fputs("\\r", out);
        else if (*p == '\t')
            fputs("\\t", out);
        else
            fputc(*p, out);
    }
}

static void print_line(FILE *out, const char *path, struct place at, enum severity sev,
                       const char *message, enum diag_code code, bool color)
{
    if (color)
        fputs("\033[1m", out);
    print_path(out, path);
    if (at.line) {
        fprintf(out, ":%u", at.line);
        if (at.col)
            fprintf(out, ":%u", at.col);
    }
    if (color)
        fprintf(out, ":\033[0m %s%s:\033[0m %s [%s]\n", color_of(sev), severity_name(sev), message,
                diag_code_name(code));
    else
        fprintf(out, ": %s: %s [%s]\n", severity_name(sev), message, diag_code_name(code));
}

void diag_print_one(FILE *out, const struct diag *d, path_of_fn *path_of, const void *ctx, bool color)
{
    print_line(out, path_of(ctx, d->at.file), d->at, d->sev, d->message, d->code, color);
    for (size_t n = 0; n < d->n_notes; n++)
        print_line(out, path_of(ctx, d->notes[n].at.file), d->notes[n].at, SEV_NOTE,
                   d->notes[n].message, d->code, color);
}

char *diag_format_one(const struct diag *d, path_of_fn *path_of, const void *ctx)
{
    char *text = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&text, &len);
    if (!mem)
        die_oom();
    diag_print_one(mem, d, path_of, ctx, false);
    if (fclose(mem) != 0 || !text)
        die_oom();
    return text;
}

void diag_print_text(FILE *out, const struct diag_list *dl, path_of_fn *path_of, const void *ctx)
{
    for (size_t i = 0; i < dl->len; i++)
        diag_print_one(out, &dl->items[i], path_of, ctx, false);
}

/* ---- JSON ---- */

static void json_place(struct emitter *em, const struct repo *r, struct place at)
{
    em_str(em, "file", repo_input_path(r, at.file));
    if (at.line)
        em_int(em, "line", at.line);
    if (at.col)
        em_int(em, "column", at.col);
}

struct emitter *diag_json_begin(FILE *out)
{
    struct emitter *em = emitter_new(out, EMIT_JSON, NULL);
    em_open(em, "check");
    em_str(em, "version", "1");
    em_list(em, "diagnostics");
    return em;
}

void diag_json_add(struct emitter *em, const struct repo *r, const struct diag *d)
{
    em_open(em, "diagnostic");
    json_place(em, r, d->at);
    em_str(em, "severity", severity_name(d->sev));
    em_str(em, "code", diag_code_name(d->code));
    em_str(em, "message", d->message);
    em_list(em, "notes");
    for (size_t n = 0; n < d->n_notes; n++) {
        em_open(em, "note");
        json_place(em, r, d->notes[n].at);
        em_str(em, "message", d->notes[n].message);
        em_close(em);
    }
    em_close(em);
    em_close(em);
}

bool diag_json_end(struct emitter *em, const struct repo *r)
{
    em_close(em);
    em_open(em, "summary");
    em_int(em, "errors", (int64_t)r->diags.counts[SEV_ERROR]);
    em_int(em, "warnings", (int64_t)r->diags.counts[SEV_WARNING]);
    em_int(em, "files", (int64_t)r->files_read);
    em_int(em, "deals", (int64_t)r->deals_seen);
    em_close(em);
    return emitter_finish(em);
}

/* ---- JUnit ---- */

static const char *repo_path_of_input(const void *ctx, uint32_t file)
{
    return repo_input_path(ctx, file);
}

/* A file passed over (someone else's XML) is no test case of dealc's. */
static bool junit_case(const struct repo_input *in)
{
    return in->kind != DOC_NONE || in->failed;
}

static const char *junit_kind(enum doc_kind kind)
{
    switch (kind) {
    case DOC_TEAM:
        return "team";
    case DOC_PROCESS:
        return "process";
    case DOC_DEAL:
    case DOC_DEALS:
        return "deals";
    case DOC_NONE:
        break;
    }
    return "other";
}

/* The diagnostic and its notes as the text format prints them, for a JUnit body. */
static void junit_line(struct strbuf *sb, const struct repo *r, const struct diag *d)
{
    char *text = diag_format_one(d, repo_path_of_input, r);
    sb_adds(sb, text);
    free(text);
}

bool diag_print_junit(FILE *out, const struct repo *r)
{
    static const char *const kinds[] = {"team", "process", "deals", "other"};
    xmlOutputBufferPtr buf = xmlOutputBufferCreateFile(out, NULL);
    xmlTextWriterPtr w = buf ? xmlNewTextWriter(buf) : NULL;
    if (!w) {
        if (buf)
            xmlOutputBufferClose(buf);
        return false;
    }
    int rc = 0;
#define W(call) (rc |= (call) < 0)
    xmlTextWriterSetIndent(w, 1);
    xmlTextWriterSetIndentString(w, BAD_CAST "  ");
    W(xmlTextWriterStartDocument(w, "1.0", "UTF-8", NULL));
    W(xmlTextWriterStartElement(w, BAD_CAST "testsuites"));
    W(xmlTextWriterWriteAttribute(w, BAD_CAST "name", BAD_CAST "dealc"));
    struct strbuf sb = {0};
    for (size_t k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
        size_t tests = 0, failures = 0;
        for (size_t i = 0; i < r->n_inputs; i++) {
            if (!junit_case(&r->inputs[i]) || strcmp(junit_kind(r->inputs[i].kind), kinds[k]) != 0)
                continue;
            tests++;
            for (size_t j = 0; j < r->diags.len; j++)
                failures += r->diags.items[j].at.file == i && r->diags.items[j].sev == SEV_ERROR;
        }
        if (!tests)
            continue;
        char num[32];
        W(xmlTextWriterStartElement(w, BAD_CAST "testsuite"));
        W(xmlTextWriterWriteAttribute(w, BAD_CAST "name", BAD_CAST kinds[k]));
        snprintf(num, sizeof(num), "%zu", tests);
        W(xmlTextWriterWriteAttribute(w, BAD_CAST "tests", BAD_CAST num));
        snprintf(num, sizeof(num), "%zu", failures);
        W(xmlTextWriterWriteAttribute(w, BAD_CAST "failures", BAD_CAST num));
        W(xmlTextWriterWriteAttribute(w, BAD_CAST "errors", BAD_CAST "0"));
        for (size_t i = 0; i < r->n_inputs; i++) {
            if (!junit_case(&r->inputs[i]) || strcmp(junit_kind(r->inputs[i].kind), kinds[k]) != 0)
                continue;
            W(xmlTextWriterStartElement(w, BAD_CAST "testcase"));
            W(xmlTextWriterWriteAttribute(w, BAD_CAST "classname", BAD_CAST kinds[k]));
            W(xmlTextWriterWriteAttribute(w, BAD_CAST "name", BAD_CAST r->inputs[i].path));
            sb_reset(&sb);
            for (size_t j = 0; j < r->diags.len; j++) {
                const struct diag *d = &r->diags.items[j];
                if (d->at.file != i)
                    continue;
                if (d->sev == SEV_ERROR) {
                    struct strbuf body = {0};
                    junit_line(&body, r, d);
                    W(xmlTextWriterStartElement(w, BAD_CAST "failure"));
                    W(xmlTextWriterWriteAttribute(w, BAD_CAST "type", BAD_CAST diag_code_name(d->code)));
                    W(xmlTextWriterWriteAttribute(w, BAD_CAST "message", BAD_CAST d->message));
                    W(xmlTextWriterWriteString(w, BAD_CAST sb_str(&body)));
                    W(xmlTextWriterEndElement(w));
                    sb_free(&body);
                } else {
                    junit_line(&sb, r, d);
                }
            }
            if (sb.len)
                W(xmlTextWriterWriteElement(w, BAD_CAST "system-out", BAD_CAST sb_str(&sb)));
            W(xmlTextWriterEndElement(w));
        }
        W(xmlTextWriterEndElement(w));
    }
    sb_free(&sb);
    W(xmlTextWriterEndElement(w));
    W(xmlTextWriterEndDocument(w));
#undef W
    xmlFreeTextWriter(w);
    return rc == 0 && fflush(out) == 0 && !ferror(out);
}

/* ---- GitHub Actions ---- */

/* Workflow command escaping: data escapes % CR LF; properties also : and ,. */
static void github_escape(FILE *out, const char *s, bool property)
{
    for (; *s; s++) {
        switch (*s) {
        case '%':
            fputs("%25", out);
            break;
        case '\r':
            fputs("%0D", out);
            break;
        case '\n':
            fputs("%0A", out);
            break;
        case ':':
            fputs(property ? "%3A" : ":", out);
            break;
        case ',':
            fputs(property ? "%2C" : ",", out);
            break;
        default:
            fputc(*s, out);
        }
    }
}

static void github_command(FILE *out, const char *level, const char *path, struct place at,
                           const char *title, const char *message)
{
    fprintf(out, "::%s file=", level);
    github_escape(out, path, true);
    if (at.line)
        fprintf(out, ",line=%u", at.line);
    if (at.col)
        fprintf(out, ",col=%u", at.col);
    fputs(",title=", out);
    github_escape(out, title, true);
    fputs("::", out);
    github_escape(out, message, false);
    fputc('\n', out);
}

void diag_print_github(FILE *out, const struct repo *r, const struct diag *d)
{
    github_command(out, d->sev == SEV_ERROR ? "error" : "warning", repo_input_path(r, d->at.file), d->at,
                   diag_code_name(d->code), d->message);
    for (size_t n = 0; n < d->n_notes; n++)
        github_command(out, "notice", repo_input_path(r, d->notes[n].at.file), d->notes[n].at,
                       diag_code_name(d->code), d->notes[n].message);
}
