/*
 * Diagnostics: the records every phase produces (loading, compiling a
 * process, evaluating a deal) and their ordering. Rendering lives at the edge
 * (diag_print.c); this module is pure so the evaluator can fill a list
 * without any I/O. Places are (file index, line, column) where the file index
 * points into the run's input list, which is in byte order of paths, so
 * sorting by index sorts by path.
 */
#ifndef DEALC_DIAG_H
#define DEALC_DIAG_H

#include "util.h"

#include <stddef.h>
#include <stdint.h>

enum severity { SEV_ERROR, SEV_WARNING, SEV_NOTE };

/* Keep in step with the names table in diag.c and SPEC §3. */
enum diag_code {
    D_XML_MALFORMED,
    D_XML_DOCTYPE,
    D_SCHEMA_INVALID,
    D_UNKNOWN_DOCUMENT,
    D_DUPLICATE_ID,
    D_UNKNOWN_USER,
    D_UNKNOWN_PROCESS,
    D_UNKNOWN_STAGE,
    D_UNKNOWN_STEP,
    D_ZERO_TOTAL,
    D_NOBODY_CAN_COMPLETE,
    D_MISSING_CURRENCY,
    D_NOT_PERMITTED,
    D_MISSING_NOTE,
    D_MISSING_FILE,
    D_GATE_BLOCKED,
    D_WIN_BLOCKED,
    D_AFTER_CLOSE,
    D_TIME_ORDER,
    D_EMPTY_STAGE,
    D_ALREADY_DONE,
    D_NOT_DONE,
    D_ROTTING,
    D_CODE_COUNT
};

const char *diag_code_name(enum diag_code code);
/* The severity SPEC §3 gives the code. */
enum severity diag_code_severity(enum diag_code code);
const char *severity_name(enum severity sev);

/* A place in an input; line and col are 1-based, 0 when unknown. */
struct place {
    uint32_t file;
    uint32_t line;
    uint32_t col;
};

struct diag_note {
    struct place at;
    const char *message;
};

struct diag {
    struct place at;
    enum severity sev;
    enum diag_code code;
    const char *message;
    struct diag_note *notes;
    size_t n_notes;
    size_t notes_cap;
    uint64_t seq; /* order of creation, the last sort key */
    bool in_deal; /* it belongs to the record of an evaluated deal */
};

struct diag_list {
    struct diag *items;
    size_t len;
    size_t cap;
    size_t counts[3]; /* by severity, notes not counted; flushed ones included */
    uint64_t next_seq;
    struct arena text;
};

/* Adds a diagnostic with the severity of its code; returns its index. */
size_t diag_add(struct diag_list *dl, struct place at, enum diag_code code, const char *fmt, ...)
    DEALC_PRINTF(4, 5);
void diag_add_note(struct diag_list *dl, size_t index, struct place at, const char *fmt, ...)
    DEALC_PRINTF(4, 5);
/* Copies d (with its notes) to the end of dst. */
void diag_push_copy(struct diag_list *dst, const struct diag *d);
/* Copies every diagnostic of src to the end of dst, keeping their order. */
void diag_append(struct diag_list *dst, const struct diag_list *src);
void diag_sort(struct diag_list *dl);

typedef void diag_emit_fn(void *ctx, const struct diag *d);
/*
 * Sorts the list, hands every diagnostic placed before (file, line) to emit
 * in order, and drops them, so that a caller who knows nothing more will be
 * said about those places can print them and forget them. counts keeps
 * counting them. Returns how many were handed over.
 */
size_t diag_flush_below(struct diag_list *dl, uint32_t file, uint32_t line, diag_emit_fn *emit,
                        void *ctx);
/* Removes the diagnostics of code added at index mark or later; returns how many. */
size_t diag_remove_since(struct diag_list *dl, size_t mark, enum diag_code code);
void diag_clear(struct diag_list *dl);
void diag_free(struct diag_list *dl);

#endif
