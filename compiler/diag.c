/*
 * Diagnostic records: creation with formatted messages, merging of the lists
 * that workers fill, and the stable (file, line, column, creation) order of
 * SPEC §3.
 */
#include "diag.h"

#include <stdlib.h>
#include <string.h>

static const struct {
    const char *name;
    enum severity sev;
} code_table[D_CODE_COUNT] = {
    [D_XML_MALFORMED] = {"xml-malformed", SEV_ERROR},
    [D_XML_DOCTYPE] = {"xml-doctype", SEV_ERROR},
    [D_SCHEMA_INVALID] = {"schema-invalid", SEV_ERROR},
    [D_UNKNOWN_DOCUMENT] = {"unknown-document", SEV_ERROR},
    [D_DUPLICATE_ID] = {"duplicate-id", SEV_ERROR},
    [D_UNKNOWN_USER] = {"unknown-user", SEV_ERROR},
    [D_UNKNOWN_PROCESS] = {"unknown-process", SEV_ERROR},
    [D_UNKNOWN_STAGE] = {"unknown-stage", SEV_ERROR},
    [D_UNKNOWN_STEP] = {"unknown-step", SEV_ERROR},
    [D_ZERO_TOTAL] = {"zero-total", SEV_ERROR},
    [D_NOBODY_CAN_COMPLETE] = {"nobody-can-complete", SEV_ERROR},
    [D_MISSING_CURRENCY] = {"missing-currency", SEV_ERROR},
    [D_NOT_PERMITTED] = {"not-permitted", SEV_ERROR},
    [D_MISSING_NOTE] = {"missing-note", SEV_ERROR},
    [D_MISSING_FILE] = {"missing-file", SEV_ERROR},
    [D_GATE_BLOCKED] = {"gate-blocked", SEV_ERROR},
    [D_WIN_BLOCKED] = {"win-blocked", SEV_ERROR},
    [D_AFTER_CLOSE] = {"after-close", SEV_ERROR},
    [D_TIME_ORDER] = {"time-order", SEV_ERROR},
    [D_EMPTY_STAGE] = {"empty-stage", SEV_WARNING},
    [D_ALREADY_DONE] = {"already-done", SEV_WARNING},
    [D_NOT_DONE] = {"not-done", SEV_WARNING},
    [D_ROTTING] = {"rotting", SEV_WARNING},
};

const char *diag_code_name(enum diag_code code)
{
    return code < D_CODE_COUNT ? code_table[code].name : "unknown";
}

enum severity diag_code_severity(enum diag_code code)
{
    return code < D_CODE_COUNT ? code_table[code].sev : SEV_ERROR;
}

const char *severity_name(enum severity sev)
{
    switch (sev) {
    case SEV_ERROR:
        return "error";
    case SEV_WARNING:
        return "warning";
    case SEV_NOTE:
        return "note";
    }
    return "error";
}

size_t diag_add(struct diag_list *dl, struct place at, enum diag_code code, const char *fmt, ...)
{
    GROW(dl->items, dl->cap, dl->len + 1);
    struct diag *d = &dl->items[dl->len];
    memset(d, 0, sizeof(*d));
    d->at = at;
    d->code = code;
    d->sev = diag_code_severity(code);
    d->seq = dl->next_seq++;
    va_list ap;
    va_start(ap, fmt);
    d->message = arena_vprintf(&dl->text, fmt, ap);
    va_end(ap);
    dl->counts[d->sev]++;
    return dl->len++;
}

static void push_note(struct diag_list *dl, struct diag *d, struct place at, const char *message)
{
    GROW(d->notes, d->notes_cap, d->n_notes + 1);
    d->notes[d->n_notes].at = at;
    d->notes[d->n_notes].message = message;
    d->n_notes++;
    (void)dl;
}

void diag_add_note(struct diag_list *dl, size_t index, struct place at, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    const char *message = arena_vprintf(&dl->text, fmt, ap);
    va_end(ap);
    push_note(dl, &dl->items[index], at, message);
}

void diag_push_copy(struct diag_list *dst, const struct diag *s)
{
    GROW(dst->items, dst->cap, dst->len + 1);
    struct diag *d = &dst->items[dst->len++];
    *d = *s;
    d->message = arena_strdup(&dst->text, s->message);
    d->notes = NULL;
    d->n_notes = d->notes_cap = 0;
    d->seq = dst->next_seq++;
    for (size_t n = 0; n < s->n_notes; n++)
        push_note(dst, d, s->notes[n].at, arena_strdup(&dst->text, s->notes[n].message));
    dst->counts[d->sev]++;
}

void diag_append(struct diag_list *dst, const struct diag_list *src)
{
    for (size_t i = 0; i < src->len; i++)
        diag_push_copy(dst, &src->items[i]);
}

static int compare_diags(const void *a, const void *b)
{
    const struct diag *x = a, *y = b;
    if (x->at.file != y->at.file)
        return x->at.file < y->at.file ? -1 : 1;
    if (x->at.line != y->at.line)
        return x->at.line < y->at.line ? -1 : 1;
    if (x->at.col != y->at.col)
        return x->at.col < y->at.col ? -1 : 1;
    /*
     * At one place, by code (in the order of SPEC's table: the document's
     * own errors, then references, then rules) before the order of saying:
     * a deal's schema errors and its evaluation's are said in another order
     * when the deal is streamed than when a worker holds it.
     */
    if (x->code != y->code)
        return x->code < y->code ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

void diag_sort(struct diag_list *dl)
{
    if (dl->len > 1)
        qsort(dl->items, dl->len, sizeof(*dl->items), compare_diags);
}

size_t diag_remove_since(struct diag_list *dl, size_t mark, enum diag_code code)
{
    size_t out = mark, removed = 0;
    for (size_t i = mark; i < dl->len; i++) {
        if (dl->items[i].code == code) {
            dl->counts[dl->items[i].sev]--;
            free(dl->items[i].notes);
            removed++;
            continue;
        }
        dl->items[out++] = dl->items[i];
    }
    dl->len = out;
    return removed;
}

size_t diag_flush_below(struct diag_list *dl, uint32_t file, uint32_t line, diag_emit_fn *emit,
                        void *ctx)
{
    diag_sort(dl);
    size_t n = 0;
    while (n < dl->len &&
           (dl->items[n].at.file < file || (dl->items[n].at.file == file && dl->items[n].at.line < line)))
        n++;
    if (!n)
        return 0;
    for (size_t i = 0; i < n; i++) {
        emit(ctx, &dl->items[i]);
        free(dl->items[i].notes);
    }
    /* What stays moves into a fresh arena, so the texts of the flushed ones are freed. */
    struct arena text = {0};
    size_t keep = dl->len - n;
    for (size_t i = 0; i < keep; i++) {
        struct diag *d = &dl->items[i];
        *d = dl->items[n + i];
        d->message = arena_strdup(&text, d->message);
        for (size_t k = 0; k < d->n_notes; k++)
            d->notes[k].message = arena_strdup(&text, d->notes[k].message);
    }
    dl->len = keep;
    arena_free(&dl->text);
    dl->text = text;
    return n;
}

void diag_clear(struct diag_list *dl)
{
    for (size_t i = 0; i < dl->len; i++)
        free(dl->items[i].notes);
    dl->len = 0;
    memset(dl->counts, 0, sizeof(dl->counts));
    arena_reset(&dl->text);
}

void diag_free(struct diag_list *dl)
{
    diag_clear(dl);
    free(dl->items);
    dl->items = NULL;
    dl->cap = 0;
    arena_free(&dl->text);
}
