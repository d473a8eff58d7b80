/*
 * Outputs written whole or not at all (SPEC §5): a temporary file beside the
 * target, flushed and synced, then renamed over it; on any failure the
 * temporary file is removed and the target is left as it was. A target that
 * exists and is not a regular file (/dev/null, a pipe, a terminal) is written
 * to directly: renaming over it would replace the device with a file.
 */
#ifndef DEALC_OUTPUT_H
#define DEALC_OUTPUT_H

#include <stdbool.h>
#include <stdio.h>

struct atomic_file {
    char *path;
    char *tmp; /* NULL when writing to the target directly */
    FILE *fp;
};

/* Opens a temporary file for path; false (with a message on stderr) when it cannot. */
bool atomic_open(struct atomic_file *af, const char *path);
/* Flushes, syncs and renames; false (with a message) on failure, then nothing is left behind. */
bool atomic_commit(struct atomic_file *af);
/* Throws the temporary file away. */
void atomic_abort(struct atomic_file *af);

/*
 * Scratch space for data that would not fit in memory: a new file in
 * $TMPDIR (else /tmp), already removed, open for writing and reading back.
 * NULL with errno set when it cannot be made. (tmpfile() ignores TMPDIR.)
 */
FILE *scratch_file(void);
/* The folder scratch_file uses, for messages. */
const char *scratch_dir(void);

#endif
