/*
 * Secure, streaming loading of one input file. The file is read in chunks
 * through libxml2's push parser with every dangerous feature off (no network,
 * no DTD, no entity expansion, no XInclude; a DOCTYPE stops the parse with
 * xml-doctype). At the root element the document's kind is known, and the
 * matching built-in XSD is plugged into the SAX stream, so validation, the
 * model builders and the parser all run in one pass and a bulk file of deals
 * never exists in memory as a whole. Parser and validator messages become
 * diagnostics at the start tag of the element they concern.
 */
#ifndef DEALC_LOAD_H
#define DEALC_LOAD_H

#include "diag.h"

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum doc_kind { DOC_NONE, DOC_TEAM, DOC_PROCESS, DOC_DEAL, DOC_DEALS };

/*
 * The most attributes a start tag may have (no dealc element has more than
 * a dozen): libxml2 2.9 compares each attribute with every one before it,
 * so the bytes are looked at before libxml2 parses them and a tag of more
 * is refused at once.
 */
enum { MAX_ATTRIBUTES = 256 };
const char *doc_kind_name(enum doc_kind kind);

/*
 * Makes libxml2 allocate through dealc's checked allocator: libxml2 2.9 does
 * not survive every failed allocation, so running out of memory ends dealc
 * with "dealc: out of memory" (exit 2) instead. Called before any parse.
 */
void loader_init(void);

/*
 * The kind of document the first bytes of data plainly start: a root
 * element in the dealc namespace after nothing but a UTF-8 XML declaration,
 * comments, processing instructions and white space. DOC_NONE when it is
 * anything else or not plain (a DOCTYPE, another encoding, a root not yet
 * in data): then the parser must say.
 */
enum doc_kind sniff_kind(const char *data, size_t size);

/* The compiled built-in schemas; read-only once built, shared by threads. */
struct schema_set;
struct schema_set *schema_set_new(void);
void schema_set_free(struct schema_set *set);

struct loader; /* the state of one file's parse */

/* One attribute as the builders see it: value copied and NUL-terminated. */
struct attr {
    const char *name;
    const char *value;
};

/*
 * What a builder receives. Elements are those of the dealc namespace only
 * after validation, but builders see events before the validator's verdict on
 * the enclosing element, so they must tolerate anything and ask
 * loader_errors() before trusting what they built.
 */
struct element_sink {
    void (*start)(void *ctx, struct loader *L, const char *name, const struct attr *attrs,
                  size_t n_attrs, int depth);
    void (*end)(void *ctx, struct loader *L, const char *name, int depth);
    void (*text)(void *ctx, const char *chars, size_t len);
    void *ctx;
};

enum load_outcome {
    LOAD_DONE,      /* parsed to the end (it may still have had errors) */
    LOAD_STOPPED,   /* the sink chooser declined the document at its root */
    LOAD_FOREIGN,   /* not a dealc document, passed over */
    LOAD_FAILED,    /* malformed, DOCTYPE, unknown document: diagnosed */
    LOAD_IO_ERROR   /* could not be read; message in io_error */
};

/*
 * A piece of a bulk deals file, cut at deal boundaries (split.h), parsed on
 * its own: the synthetic prefix and suffix re-open and close the root with
 * its namespace declarations, and lines and columns are those of the file.
 */
struct load_chunk {
    const char *data;   /* NULL: read the file at path from offset to its end */
    size_t size;
    long long offset;
    const char *prefix; /* NULL: the piece starts at the beginning of the file */
    const char *suffix; /* NULL: the piece runs to the end of the file */
    uint32_t first_line;
    uint32_t root_line, root_col; /* with a prefix: where the real root start tag it stands for is */
    int32_t col_shift;  /* added to columns on first_line */
    bool tags_checked;  /* every tag of data was seen by the splitter, none of too many attributes */
};

struct load_request {
    const char *path;
    const struct load_chunk *chunk; /* NULL: the whole file at path */
    const char *data;               /* when set (and no chunk), the document itself, read from here */
    size_t size;
    atomic_size_t *bytes_read;      /* when set, bytes handed to the parser are added here */
    uint32_t file;      /* index for places */
    bool named;         /* named on the command line (not found by walking) */
    const struct schema_set *schemas;
    struct diag_list *diags;
    /* Called at the root; returns the sink to stream the document into, or NULL to stop. */
    const struct element_sink *(*choose)(void *ctx, enum doc_kind kind, struct loader *L);
    void *choose_ctx;
};

struct load_result {
    enum load_outcome outcome;
    enum doc_kind kind;
    size_t errors; /* malformed and schema-invalid diagnostics given for the file */
    char io_error[256];
};

/* Loads req->chunk when given, else the file at req->path. */
void load_file(const struct load_request *req, struct load_result *result);

/* Parse from memory instead of a file (tests, fuzzing). */
void load_memory(const struct load_request *req, const char *data, size_t size,
                 struct load_result *result);

/* The start tag of the element being handled. */
struct place loader_place(const struct loader *L);
/* Errors (malformed or schema-invalid) reported in this file so far. */
size_t loader_errors(const struct loader *L);
/* The value of attribute name, or NULL. */
const char *attr_get(const struct attr *attrs, size_t n, const char *name);

#endif
