/*
 * Cutting a bulk `deals` file into pieces at deal boundaries, so that
 * several threads can parse and validate it at once. The scan is a light
 * lexer (comments, CDATA, processing instructions, quoted attribute values,
 * element depth): it only proposes cut points, at start tags of depth 1;
 * libxml2 still parses every byte of every piece, so a file the lexer
 * misjudges is malformed anyway and its parse fails where the sequential
 * one would. A file it cannot read cleanly up to its root (a DOCTYPE,
 * another encoding, another root) is left whole.
 */
#ifndef DEALC_SPLIT_H
#define DEALC_SPLIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

struct piece {
    char *data;         /* the bytes, owned by the piece; NULL: read the file from offset */
    size_t size;
    off_t offset;       /* where the piece starts in the file */
    char *prefix;       /* synthetic root start tag, NULL for the first piece */
    char *suffix;       /* synthetic root end tag, NULL for the last piece */
    uint32_t first_line;
    uint32_t root_line, root_col; /* of the real root start tag, which prefix stands for */
    int32_t col_shift;
    bool tags_checked; /* the scan saw every tag of data: none has more than MAX_ATTRIBUTES */
    bool last;
};

enum split_status { SPLIT_PIECE, SPLIT_END, SPLIT_WHOLE, SPLIT_ERROR };

struct splitter;
/* target: the size of piece to aim at. */
struct splitter *splitter_open(const char *path, size_t target);
/*
 * The next piece. SPLIT_WHOLE (only before any piece) says the file is to be
 * loaded whole; SPLIT_ERROR that it could not be read (errno is set).
 */
enum split_status splitter_next(struct splitter *s, struct piece *out);
void piece_free(struct piece *p);
void splitter_close(struct splitter *s);

#endif
