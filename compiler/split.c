/*
 * The bulk file splitter; see split.h. The file is read in blocks into a
 * buffer that holds the piece being gathered; scanning resumes where it
 * stopped when a construct runs past the end of what has been read.
 */
#define _GNU_SOURCE /* memmem */
#include "split.h"

#include "load.h"
#include "util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <fcntl.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

enum { BLOCK = 1 << 20, MAX_PIECE = 32 << 20 };

enum lex { LEX_TEXT, LEX_TAG, LEX_COMMENT, LEX_CDATA, LEX_PI };

struct splitter {
    int fd;
    size_t target;
    char *buf;         /* bytes from file offset buf_off */
    size_t len, cap;
    off_t buf_off;
    bool eof;
    size_t pos;        /* scanning position in buf */
    size_t piece;      /* start of the piece being gathered, in buf */
    uint32_t line;     /* line at pos */
    size_t line_start; /* start of the current line in buf, or 0 with line_carry */
    uint32_t line_carry; /* characters of the current line before buf */
    bool started;      /* the root start tag has been read */
    bool done;         /* the last piece was given */
    bool emitted;      /* a piece was given */
    int depth;
    enum lex lex;
    size_t construct;  /* where the construct being scanned starts */
    size_t resume;     /* where to go on looking inside it */
    char quote;        /* inside a quoted attribute value of a tag */
    uint32_t attributes; /* '=' seen outside quotes in the tag being scanned */
    /*
     * A comment, CDATA section or processing instruction is in the piece
     * being gathered: the loader's attribute guard, which takes any '<' in
     * them for a tag, must look at that piece as it does in a whole file.
     */
    bool other_markup;
    uint32_t tag_line, tag_col;   /* before the root: where the tag being scanned starts */
    uint32_t root_line, root_col; /* where the root start tag is */
    char *prefix, *suffix;
    uint32_t prefix_chars;
    /* where the piece being gathered starts in the file */
    uint32_t cut_line;
    uint32_t cut_col;
};


/* Reads another block; false at the end of the file or on an error (errno set). */
static bool read_more(struct splitter *s)
{
    if (s->eof)
        return false;
    GROW(s->buf, s->cap, s->len + BLOCK);
    for (;;) {
        ssize_t n = read(s->fd, s->buf + s->len, BLOCK);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            s->eof = true;
            if (n < 0)
                return false;
            errno = 0;
            return false;
        }
        s->len += (size_t)n;
        return true;
    }
}

struct splitter *splitter_open(const char *path, size_t target)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return NULL;
    struct splitter *s = xcalloc(1, sizeof(*s));
    s->fd = fd;
    s->target = target;
    s->line = 1;
    return s;
}

void splitter_close(struct splitter *s)
{
    if (!s)
        return;
    close(s->fd);
    free(s->buf);
    free(s->prefix);
    free(s->suffix);
    free(s);
}

void piece_free(struct piece *p)
{
    free(p->data);
    free(p->prefix);
    free(p->suffix);
    memset(p, 0, sizeof(*p));
}

static void count_lines(struct splitter *s, size_t from, size_t to)
{
    if (from >= to) /* nothing to count; s->buf may still be NULL */
        return;
    for (const char *p = memchr(s->buf + from, '\n', to - from); p;
         p = memchr(p + 1, '\n', (size_t)(s->buf + to - (p + 1)))) {
        s->line++;
        s->line_start = (size_t)(p + 1 - s->buf);
        s->line_carry = 0;
    }
}

/* Finds pattern in buf from s->resume on; advances resume so a retry never rescans. */
static const char *find(struct splitter *s, const char *pattern)
{
    size_t plen = strlen(pattern);
    const char *hit = NULL;
    if (s->len >= s->resume + plen)
        hit = memmem(s->buf + s->resume, s->len - s->resume, pattern, plen);
    if (!hit && s->len >= plen)
        s->resume = s->len - plen + 1 > s->resume ? s->len - plen + 1 : s->resume;
    return hit;
}

static bool starts(const struct splitter *s, size_t at, const char *pattern)
{
    size_t plen = strlen(pattern);
    return s->len - at >= plen && memcmp(s->buf + at, pattern, plen) == 0;
}

/*
 * The root start tag, read from the text of the tag: its name and its
 * namespace declarations, which every piece's synthetic root repeats.
 */
static bool take_root(struct splitter *s, size_t from, size_t to)
{
    const char *p = s->buf + from + 1, *end = s->buf + to; /* to: at '>' */
    const char *name = p;
    while (p < end && *p != ' ' && *p != '\t' && *p != '\n' && *p != '\r' && *p != '/' && *p != '>')
        p++;
    size_t name_len = (size_t)(p - name);
    const char *local = memchr(name, ':', name_len);
    local = local ? local + 1 : name;
    if ((size_t)(name + name_len - local) != 5 || memcmp(local, "deals", 5) != 0 || end[-1] == '/')
        return false;
    struct strbuf pre = {0};
    sb_addc(&pre, '<');
    sb_add(&pre, name, name_len);
    while (p < end) {
        while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
            p++;
        const char *an = p;
        while (p < end && *p != '=' && *p != ' ' && *p != '\t' && *p != '\n' && *p != '\r')
            p++;
        size_t an_len = (size_t)(p - an);
        while (p < end && *p != '"' && *p != '\'')
            p++;
        if (p >= end)
            break;
        char q = *p;
        const char *vend = memchr(p + 1, q, (size_t)(end - p - 1));
        if (!vend)
            break;
        if (an_len >= 5 && memcmp(an, "xmlns", 5) == 0 && (an_len == 5 || an[5] == ':')) {
            sb_addc(&pre, ' ');
            sb_add(&pre, an, (size_t)(vend + 1 - an));
        }
        p = vend + 1;
    }
    sb_addc(&pre, '>');
    s->prefix = xstrdup(sb_str(&pre));
    s->prefix_chars = utf8_count(s->prefix, s->prefix + pre.len);
    sb_free(&pre);
    size_t slen = name_len + 4;
    s->suffix = xmalloc(slen);
    snprintf(s->suffix, slen, "</%.*s>", (int)name_len, name);
    return true;
}

static void make_piece(struct splitter *s, struct piece *out, size_t end, bool last)
{
    memset(out, 0, sizeof(*out));
    out->size = end - s->piece;
    out->data = xmalloc(out->size + 1);
    memcpy(out->data, s->buf + s->piece, out->size);
    out->offset = s->buf_off + (off_t)s->piece;
    out->last = last;
    out->tags_checked = !s->other_markup;
    if (s->emitted) {
        out->prefix = xstrdup(s->prefix);
        out->first_line = s->cut_line;
        out->root_line = s->root_line;
        out->root_col = s->root_col;
        out->col_shift = (int32_t)(s->cut_col - 1) - (int32_t)s->prefix_chars;
    } else {
        out->first_line = 1;
    }
    if (!last)
        out->suffix = xstrdup(s->suffix);
    s->emitted = true;
}

/* Drops what was given, so the buffer holds only the piece being gathered. */
static void compact(struct splitter *s, size_t keep_from)
{
    if (s->line_start < keep_from) {
        s->line_carry += utf8_count(s->buf + s->line_start, s->buf + keep_from);
        s->line_start = keep_from;
    }
    memmove(s->buf, s->buf + keep_from, s->len - keep_from);
    s->len -= keep_from;
    s->buf_off += (off_t)keep_from;
    s->pos -= keep_from;
    s->construct -= s->construct >= keep_from ? keep_from : s->construct;
    s->resume -= s->resume >= keep_from ? keep_from : s->resume;
    s->line_start -= keep_from;
    s->piece = 0;
}

/* The rest of the file, from the piece start, read from disk by the loader. */
static void rest_piece(struct splitter *s, struct piece *out)
{
    memset(out, 0, sizeof(*out));
    out->offset = s->buf_off + (off_t)s->piece;
    out->last = true;
    if (s->emitted) {
        out->prefix = xstrdup(s->prefix);
        out->first_line = s->cut_line;
        out->root_line = s->root_line;
        out->root_col = s->root_col;
        out->col_shift = (int32_t)(s->cut_col - 1) - (int32_t)s->prefix_chars;
    } else {
        out->first_line = 1;
    }
    s->done = true;
}

enum step { STEP_ON, STEP_MORE, STEP_PIECE, STEP_WHOLE };

/* Gives the rest of the file as the last piece, or the file whole when no cut was possible. */
static enum step give_rest(struct splitter *s, struct piece *out)
{
    if (!s->started)
        return STEP_WHOLE;
    rest_piece(s, out);
    return STEP_PIECE;
}

static void new_line(struct splitter *s, const char *newline)
{
    s->line++;
    s->line_start = (size_t)(newline + 1 - s->buf);
    s->line_carry = 0;
}

/*
 * In text: on to the next '<', and what it opens; a depth-1 start tag may
 * end the piece. This scan and tag_end's run on the one thread that feeds
 * all the others, over every byte of the file: both go from one byte that
 * matters to the next with a table look-up, counting lines on the way.
 */
static enum step scan_text(struct splitter *s, struct piece *out)
{
    if (s->pos >= s->len)
        return STEP_MORE; /* nothing read yet: s->buf may be NULL */
    const char *p = s->buf + s->pos, *end = s->buf + s->len;
    while ((p = next_markup_byte(p, end)) < end && *p != '<') {
        if (*p == '\n')
            new_line(s, p);
        p++;
    }
    if (p == end) {
        s->pos = s->len;
        return STEP_MORE;
    }
    size_t at = (size_t)(p - s->buf);
    s->pos = at;
    if (s->len - at < 9 && !s->eof)
        return STEP_MORE; /* room to tell "<!--" and "<![CDATA[" apart */
    s->construct = at;
    if (starts(s, at, "<!--")) {
        s->lex = LEX_COMMENT;
        s->other_markup = true;
        s->resume = at + 4;
    } else if (starts(s, at, "<![CDATA[")) {
        s->lex = LEX_CDATA;
        s->other_markup = true;
        s->resume = at + 9;
    } else if (starts(s, at, "<?")) {
        s->lex = LEX_PI;
        s->other_markup = true;
        s->resume = at + 2;
    } else if (starts(s, at, "<!")) {
        /* A DOCTYPE, or no XML at all in content: not for cutting. */
        return give_rest(s, out);
    } else {
        if (s->started && s->depth == 1 && at + 1 < s->len && s->buf[at + 1] != '/' &&
            at - s->piece >= s->target) {
            make_piece(s, out, at, false);
            s->other_markup = false;
            s->cut_line = s->line;
            s->cut_col = s->line_carry + utf8_count(s->buf + s->line_start, s->buf + at) + 1;
            compact(s, at);
            return STEP_PIECE;
        }
        s->lex = LEX_TAG;
        if (!s->started) {
            s->tag_line = s->line;
            s->tag_col = s->line_carry + utf8_count(s->buf + s->line_start, s->buf + at) + 1;
        }
        s->resume = at + 1;
        s->quote = 0;
        s->attributes = 0;
    }
    return STEP_ON;
}

/* Inside a tag: the '>' that ends it, outside quoted values; the tag's lines are counted on the way. */
static const char *tag_end(struct splitter *s, bool *broken)
{
    const char *end = s->buf + s->len;
    for (const char *p = s->buf + s->resume; (p = next_markup_byte(p, end)) < end; p++) {
        char ch = *p;
        if (ch == '\n') {
            new_line(s, p);
        } else if (s->quote) {
            if (ch == s->quote)
                s->quote = 0;
        } else if (ch == '"' || ch == '\'') {
            s->quote = ch;
        } else if (ch == '>') {
            return p;
        } else if (ch == '<') {
            *broken = true; /* no '<' inside a tag: malformed, for the parser to say */
            return NULL;
        } else if (ch == '=' && ++s->attributes > MAX_ATTRIBUTES) {
            *broken = true; /* the loader's own guard refuses the tag, where it is */
            return NULL;
        }
    }
    s->resume = s->len;
    return NULL;
}

/* An XML declaration naming an encoding other than UTF-8 is for the parser to refuse, whole. */
static bool other_encoding(const struct splitter *s, size_t from, const char *end)
{
    const char *enc = memmem(s->buf + from, (size_t)(end - (s->buf + from)), "encoding", 8);
    if (!enc)
        return false;
    const char *q = enc + 8;
    while (q < end && *q != '"' && *q != '\'')
        q++;
    return q >= end || (strncasecmp(q + 1, "utf-8", 5) != 0 && strncasecmp(q + 1, "utf8", 4) != 0);
}

static enum step scan_construct(struct splitter *s, struct piece *out)
{
    const char *end;
    size_t end_len = 1;
    bool broken = false;
    switch (s->lex) {
    case LEX_COMMENT:
        end = find(s, "-->");
        end_len = 3;
        break;
    case LEX_CDATA:
        end = find(s, "]]>");
        end_len = 3;
        break;
    case LEX_PI:
        end = find(s, "?>");
        end_len = 2;
        break;
    default:
        end = tag_end(s, &broken);
        break;
    }
    if (broken)
        return give_rest(s, out);
    if (!end)
        return STEP_MORE;
    size_t after = (size_t)(end - s->buf) + end_len;
    if (s->lex == LEX_PI && !s->started && other_encoding(s, s->construct, end))
        return STEP_WHOLE;
    if (s->lex == LEX_TAG) {
        bool closing = s->buf[s->construct + 1] == '/';
        bool empty = end[-1] == '/';
        if (!s->started) {
            if (closing || !take_root(s, s->construct, (size_t)(end - s->buf)))
                return STEP_WHOLE;
            s->started = true;
            s->depth = 1;
            s->root_line = s->tag_line;
            s->root_col = s->tag_col;
        } else if (closing) {
            if (--s->depth <= 0)
                return give_rest(s, out); /* the root ended: the epilogue joins the last piece */
        } else if (!empty) {
            s->depth++;
        }
    }
    if (s->lex != LEX_TAG)
        count_lines(s, s->construct, after); /* tag_end counted a tag's */
    s->pos = after;
    s->lex = LEX_TEXT;
    return STEP_ON;
}

enum split_status splitter_next(struct splitter *s, struct piece *out)
{
    if (s->done)
        return SPLIT_END;
    for (;;) {
        enum step step;
        if (s->len - s->piece > MAX_PIECE)
            step = give_rest(s, out); /* a deal this large: stream the rest of the file */
        else
            step = s->lex == LEX_TEXT ? scan_text(s, out) : scan_construct(s, out);
        if (step == STEP_MORE) {
            if (read_more(s))
                continue;
            if (errno)
                return SPLIT_ERROR;
            step = give_rest(s, out);
        }
        if (step == STEP_PIECE)
            return SPLIT_PIECE;
        if (step == STEP_WHOLE) {
            s->done = true;
            return s->emitted ? SPLIT_END : SPLIT_WHOLE;
        }
    }
}
