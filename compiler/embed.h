/*
 * Files compiled into the binary (schemas, stylesheets), generated at build
 * time from the very files under schemas/ and reports/ by tools/embed.c.
 */
#ifndef DEALC_EMBED_H
#define DEALC_EMBED_H

#include <stddef.h>

struct embedded_file {
    const char *name; /* the path in the source tree, e.g. "schemas/team.xsd" */
    const unsigned char *data;
    size_t size;
};

extern const struct embedded_file embedded_files[];
extern const size_t embedded_file_count;

/* The embedded file of that name, or NULL. */
const struct embedded_file *embedded_find(const char *name);

#endif
