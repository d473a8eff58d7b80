/*
 * The little dealc asks of Git, by running the git command (never a shell):
 * the content of a file at a revision, and the files changed since one.
 */
#ifndef DEALC_GITIO_H
#define DEALC_GITIO_H

#include <stdbool.h>
#include <stddef.h>

/* Runs argv (argv[0] found on PATH), capturing standard output; false unless it exits 0. */
bool run_capture(char *const argv[], char **out, size_t *len);

/* "REV:PATH" as `git show` reads it; false (with a message on stderr) when Git cannot. */
bool git_show(const char *spec, char **data, size_t *len);

/* The top of the working tree the current folder is in, or NULL with a message. */
char *git_toplevel(void);
/*
 * The absolute paths (under top) of the files that differ between REV and
 * the working tree, untracked ones included, NULL-terminated; NULL with a
 * message when Git cannot say.
 */
char **git_changed_since(const char *top, const char *rev);
void free_string_list(char **list);

/* An absolute, canonical form of path (the file must exist), or NULL. */
char *canonical_path(const char *path);

#endif
