/*
 * Finding the inputs: files named on the command line, and *.xml files found
 * by walking named directories (hidden entries skipped, symbolic links
 * followed once, loops refused), sorted in byte order of their paths.
 */
#ifndef DEALC_WALK_H
#define DEALC_WALK_H

#include <stdbool.h>
#include <stddef.h>

#include <sys/types.h>

struct input {
    char *path;
    bool named; /* given on the command line itself */
    dev_t dev;  /* the file itself, so two spellings of one path are one input */
    ino_t ino;
    off_t size; /* as the walk found it */
    bool regular; /* a regular file when walked: it can be read more than once */
};

struct input_list {
    struct input *items;
    size_t len;
    size_t cap;
};

/*
 * Adds the inputs under each path. Problems (a path that does not exist, an
 * unreadable directory) are printed to stderr as "dealc: ..." lines and
 * counted in the return value; the other paths are still walked.
 */
int walk_paths(struct input_list *list, char *const *paths, size_t n_paths);
/* Adds path (not read from disk, so no file identity) at its place in byte order. */
void input_list_insert(struct input_list *list, const char *path);
void input_list_free(struct input_list *list);

#endif
