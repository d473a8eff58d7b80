/*
 * What the two fuzz harnesses share: the fixed sample documents (compiled
 * into the harness from samples/ by tools/embed.c under other symbol names,
 * see the fuzz block of the Makefile), an in-memory output stream, and the
 * oracles that turn a wrong output into a crash libFuzzer keeps: a state
 * document in XML must be well-formed, one in JSON must be valid JSON.
 */
#ifndef DEALC_FUZZ_COMMON_H
#define DEALC_FUZZ_COMMON_H

#include "embed.h"

#include <libxml/parser.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The samples compiled in (fuzz_fixed.c, generated), e.g. "samples/team.xml". */
extern const struct embedded_file fuzz_fixed_files[];
extern const size_t fuzz_fixed_count;
const struct embedded_file *fuzz_fixed_find(const char *name);

static inline const struct embedded_file *fuzz_fixed(const char *name)
{
    const struct embedded_file *f = fuzz_fixed_find(name);
    if (!f) {
        fprintf(stderr, "fuzz: %s is not compiled in\n", name);
        abort();
    }
    return f;
}

#define FUZZ_AS_OF "2026-12-03"

/* An output stream into memory; fuzz_out_take closes it and hands the bytes over. */
struct fuzz_out {
    char *buf;
    size_t len;
    FILE *fp;
};

static inline FILE *fuzz_out_open(struct fuzz_out *o)
{
    o->buf = NULL;
    o->len = 0;
    o->fp = open_memstream(&o->buf, &o->len);
    if (!o->fp)
        abort();
    return o->fp;
}

static inline void fuzz_out_close(struct fuzz_out *o)
{
    if (o->fp)
        fclose(o->fp);
    o->fp = NULL;
}

static inline void fuzz_out_free(struct fuzz_out *o)
{
    fuzz_out_close(o);
    free(o->buf);
    o->buf = NULL;
    o->len = 0;
}

/* ---- oracles (oracle.c, built without coverage so they add no features) ---- */

/* Prints what and the output, then aborts: libFuzzer keeps the input. */
void fuzz_fail(const char *what, const char *text, size_t len);
/* The document must be well-formed XML (no network, no DTD, nothing loaded). */
void fuzz_check_xml(const char *what, const char *text, size_t len);
/* The document must be one JSON value (RFC 8259), nothing after it. */
void fuzz_check_json(const char *what, const char *text, size_t len);

#endif
