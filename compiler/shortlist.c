/*
 * The report's shortlists; see shortlist.h. Each list is a heap of at most
 * its length, the last of the kept deals at the root, so a deal that would
 * not be shown costs one comparison and no allocation.
 */
#include "shortlist.h"

#include "util.h"

#include <stdlib.h>
#include <string.h>

enum list_kind { LIST_OPEN, LIST_ROTTING, LIST_CLOSED, LIST_ATTENTION };
enum { LISTS_PER_PROCESS = 3 };

struct entry {
    uint64_t seq;
    int64_t key[3]; /* larger first */
    char *text;     /* then larger first (a timestamp as text; NULL as "") */
    char *id;       /* then smaller first */
};

struct list {
    enum list_kind kind;
    size_t len, cap;
    struct entry *items; /* a heap: items[0] is shown last of all kept */
};

struct place {
    uint32_t file, line;
    bool found;
};

struct shortlist {
    struct list *lists;
    size_t n_lists;
    uint64_t *chosen; /* ascending, after shortlist_finish */
    size_t n_chosen, next_chosen;
    struct place *places;
    size_t n_places, places_cap;
    uint32_t *files;
    size_t n_files, files_cap;
};

/* Negative when a is shown before b: the xsl:sort keys of report.xsl, in order. */
static int compare_entries(const struct entry *a, const struct entry *b)
{
    for (int i = 0; i < 3; i++)
        if (a->key[i] != b->key[i])
            return a->key[i] > b->key[i] ? -1 : 1;
    int c = strcmp(a->text ? a->text : "", b->text ? b->text : "");
    if (c)
        return c > 0 ? -1 : 1;
    c = strcmp(a->id, b->id);
    return c < 0 ? -1 : c > 0;
}

static void swap_entries(struct entry *a, struct entry *b)
{
    struct entry t = *a;
    *a = *b;
    *b = t;
}

static void sift_up(struct list *l, size_t i)
{
    while (i > 0) {
        size_t parent = (i - 1) / 2;
        if (compare_entries(&l->items[i], &l->items[parent]) <= 0)
            return;
        swap_entries(&l->items[i], &l->items[parent]);
        i = parent;
    }
}

static void sift_down(struct list *l, size_t i)
{
    for (;;) {
        size_t worst = i, left = 2 * i + 1, right = left + 1;
        if (left < l->len && compare_entries(&l->items[left], &l->items[worst]) > 0)
            worst = left;
        if (right < l->len && compare_entries(&l->items[right], &l->items[worst]) > 0)
            worst = right;
        if (worst == i)
            return;
        swap_entries(&l->items[i], &l->items[worst]);
        i = worst;
    }
}

static void keep(struct list *l, const struct entry *candidate)
{
    if (!l->cap)
        return;
    if (l->len == l->cap && compare_entries(candidate, &l->items[0]) >= 0)
        return;
    struct entry e = *candidate;
    e.id = xstrdup(candidate->id);
    e.text = candidate->text ? xstrdup(candidate->text) : NULL;
    if (l->len < l->cap) {
        l->items[l->len] = e;
        sift_up(l, l->len++);
        return;
    }
    free(l->items[0].id);
    free(l->items[0].text);
    l->items[0] = e;
    sift_down(l, 0);
}

struct shortlist *shortlist_new(size_t n_processes, size_t limit, size_t closed_limit)
{
    struct shortlist *sl = xcalloc(1, sizeof(*sl));
    sl->n_lists = n_processes * LISTS_PER_PROCESS + 1;
    sl->lists = xcalloc(sl->n_lists, sizeof(*sl->lists));
    for (size_t i = 0; i < sl->n_lists; i++) {
        struct list *l = &sl->lists[i];
        l->kind = i == sl->n_lists - 1 ? LIST_ATTENTION : (enum list_kind)(i % LISTS_PER_PROCESS);
        l->cap = l->kind == LIST_CLOSED ? closed_limit : limit;
        l->items = xcalloc(l->cap + 1, sizeof(*l->items));
    }
    return sl;
}

void shortlist_free(struct shortlist *sl)
{
    if (!sl)
        return;
    for (size_t i = 0; i < sl->n_lists; i++) {
        for (size_t k = 0; k < sl->lists[i].len; k++) {
            free(sl->lists[i].items[k].id);
            free(sl->lists[i].items[k].text);
        }
        free(sl->lists[i].items);
    }
    free(sl->lists);
    free(sl->chosen);
    free(sl->places);
    free(sl->files);
    free(sl);
}

void shortlist_offer(struct shortlist *sl, uint64_t seq, const struct deal_facts *f)
{
    struct list *mine = &sl->lists[(size_t)f->process * LISTS_PER_PROCESS];
    struct entry e = {.seq = seq, .id = (char *)f->id};
    if (f->open) {
        e.key[0] = f->stage;
        e.key[1] = f->progress;
        keep(&mine[LIST_OPEN], &e);
    } else {
        e.text = (char *)f->closed;
        keep(&mine[LIST_CLOSED], &e);
        e.text = NULL;
    }
    if (f->rotting) {
        e.key[0] = f->idle_days;
        e.key[1] = 0;
        keep(&mine[LIST_ROTTING], &e);
    }
    bool blocked = f->open && !f->can_win;
    if (blocked || f->rotting || f->errors > 0) {
        e.key[0] = f->errors > 0;
        e.key[1] = f->rotting;
        e.key[2] = f->idle_days;
        keep(&sl->lists[sl->n_lists - 1], &e);
    }
}

void shortlist_want_place(struct shortlist *sl, uint32_t file, uint32_t line)
{
    GROW(sl->places, sl->places_cap, sl->n_places + 1);
    sl->places[sl->n_places++] = (struct place){file, line, false};
}

void shortlist_want_file(struct shortlist *sl, uint32_t file)
{
    GROW(sl->files, sl->files_cap, sl->n_files + 1);
    sl->files[sl->n_files++] = file;
}

static int compare_seqs(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

static int compare_places(const void *a, const void *b)
{
    const struct place *x = a, *y = b;
    if (x->file != y->file)
        return x->file < y->file ? -1 : 1;
    return x->line < y->line ? -1 : x->line > y->line;
}

static int compare_files(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

/* Sorts and drops repeats of n items of size bytes; returns the count left. */
static size_t sort_unique(void *items, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
    if (!n)
        return 0;
    qsort(items, n, size, cmp);
    char *base = items;
    size_t kept = 1;
    for (size_t i = 1; i < n; i++)
        if (cmp(base + (kept - 1) * size, base + i * size) != 0)
            memmove(base + kept++ * size, base + i * size, size);
    return kept;
}

void shortlist_finish(struct shortlist *sl)
{
    size_t total = 0;
    for (size_t i = 0; i < sl->n_lists; i++)
        total += sl->lists[i].len;
    sl->chosen = xcalloc(total + 1, sizeof(*sl->chosen));
    for (size_t i = 0; i < sl->n_lists; i++)
        for (size_t k = 0; k < sl->lists[i].len; k++)
            sl->chosen[sl->n_chosen++] = sl->lists[i].items[k].seq;
    sl->n_chosen = sort_unique(sl->chosen, sl->n_chosen, sizeof(*sl->chosen), compare_seqs);
    sl->n_places = sort_unique(sl->places, sl->n_places, sizeof(*sl->places), compare_places);
    sl->n_files = sort_unique(sl->files, sl->n_files, sizeof(*sl->files), compare_files);
}

size_t shortlist_chosen(const struct shortlist *sl)
{
    return sl->n_chosen;
}

bool shortlist_wants(struct shortlist *sl, uint64_t seq, uint32_t file, uint32_t line)
{
    bool wanted = false;
    while (sl->next_chosen < sl->n_chosen && sl->chosen[sl->next_chosen] < seq)
        sl->next_chosen++;
    if (sl->next_chosen < sl->n_chosen && sl->chosen[sl->next_chosen] == seq)
        wanted = true;
    struct place key = {file, line, false};
    struct place *p = sl->n_places ? bsearch(&key, sl->places, sl->n_places, sizeof(key), compare_places) : NULL;
    /* Only the first deal there: report.xsl links a diagnostic to the first deal on its line. */
    if (p && !p->found) {
        p->found = true;
        wanted = true;
    }
    if (sl->n_files && bsearch(&file, sl->files, sl->n_files, sizeof(file), compare_files))
        wanted = true;
    return wanted;
}
