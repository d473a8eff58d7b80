/*
 * Text rendering of diagnostics: "FILE:LINE:COL: severity: message [code]".
 * A note follows the diagnostic it explains, wherever it points, the way
 * compilers print them, so a reader never has to match them up.
 */
#include "diag_print.h"

static void print_line(FILE *out, const char *path, struct place at, enum severity sev,
                       const char *message, enum diag_code code)
{
    fputs(path, out);
    if (at.line) {
        fprintf(out, ":%u", at.line);
        if (at.col)
            fprintf(out, ":%u", at.col);
    }
    fprintf(out, ": %s: %s [%s]\n", severity_name(sev), message, diag_code_name(code));
}

void diag_print_text(FILE *out, const struct diag_list *dl, path_of_fn *path_of, const void *ctx)
{
    for (size_t i = 0; i < dl->len; i++) {
        const struct diag *d = &dl->items[i];
        print_line(out, path_of(ctx, d->at.file), d->at, d->sev, d->message, d->code);
        for (size_t n = 0; n < d->n_notes; n++)
            print_line(out, path_of(ctx, d->notes[n].at.file), d->notes[n].at, SEV_NOTE,
                       d->notes[n].message, d->code);
    }
}
