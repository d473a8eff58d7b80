/*
 * Input discovery; see walk.h. Directory entries are collected, then the
 * whole list is sorted, so the order never depends on the file system.
 */
#include "walk.h"

#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

struct dir_id {
    dev_t dev;
    ino_t ino;
};

struct walker {
    struct input_list *list;
    struct dir_id *open_dirs; /* the directories on the current path, to refuse loops */
    size_t depth, cap;
    int problems;
};

static void add_input(struct input_list *list, const char *path, bool named, const struct stat *st)
{
    GROW(list->items, list->cap, list->len + 1);
    struct input *in = &list->items[list->len++];
    in->path = xstrdup(path);
    in->named = named;
    in->dev = st->st_dev;
    in->ino = st->st_ino;
    in->size = st->st_size;
    in->regular = S_ISREG(st->st_mode);
}

static bool ends_with_xml(const char *name)
{
    size_t len = strlen(name);
    return len > 4 && strcmp(name + len - 4, ".xml") == 0;
}

static char *join(const char *dir, const char *name)
{
    size_t dlen = strlen(dir);
    bool slash = dlen > 0 && dir[dlen - 1] == '/';
    size_t len = dlen + !slash + strlen(name) + 1;
    char *p = xmalloc(len);
    snprintf(p, len, "%s%s%s", dir, slash ? "" : "/", name);
    return p;
}

struct entry {
    char *name;
    struct stat st;
    int err; /* of the lookup, 0 when st is set */
};

static int compare_names(const void *a, const void *b)
{
    return strcmp(((const struct entry *)a)->name, ((const struct entry *)b)->name);
}

static void walk_dir(struct walker *w, const char *dir, const struct stat *st)
{
    for (size_t i = 0; i < w->depth; i++)
        if (w->open_dirs[i].dev == st->st_dev && w->open_dirs[i].ino == st->st_ino) {
            fprintf(stderr, "dealc: %s: directory loop (a link back to a folder above it), not followed\n",
                    dir);
            return;
        }
    DIR *d = opendir(dir);
    if (!d) {
        fprintf(stderr, "dealc: cannot read directory %s: %s\n", dir, strerror(errno));
        w->problems++;
        return;
    }
    GROW(w->open_dirs, w->cap, w->depth + 1);
    w->open_dirs[w->depth++] = (struct dir_id){st->st_dev, st->st_ino};

    struct entry *entries = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        GROW(entries, cap, n + 1);
        entries[n++].name = xstrdup(e->d_name);
    }
    if (n) /* an empty folder: entries is NULL, and qsort's base may not be */
        qsort(entries, n, sizeof(*entries), compare_names);
    /*
     * Every entry is looked up relative to the open folder, before it is
     * closed: a lookup by full path walks every component again, which is
     * most of the cost of a walk over many small files.
     */
    for (size_t i = 0; i < n; i++)
        entries[i].err = fstatat(dirfd(d), entries[i].name, &entries[i].st, 0) == 0 ? 0 : errno;
    closedir(d); /* before going down: deep trees must not hold a descriptor per level */
    for (size_t i = 0; i < n; i++) {
        struct entry *en = &entries[i];
        char *path = join(dir, en->name);
        /* A file that vanished since readdir is simply no longer an input. */
        if (en->err == 0) {
            if (S_ISDIR(en->st.st_mode))
                walk_dir(w, path, &en->st);
            else if (S_ISREG(en->st.st_mode) && ends_with_xml(en->name))
                add_input(w->list, path, false, &en->st);
        } else if (en->err != ENOENT) {
            fprintf(stderr, "dealc: cannot read %s: %s\n", path, strerror(en->err));
            w->problems++;
        }
        free(path);
        free(en->name);
    }
    free(entries);
    w->depth--;
}

static int compare_inputs(const void *a, const void *b)
{
    const struct input *x = a, *y = b;
    return strcmp(x->path, y->path);
}

static const struct input *sort_base;

/* By file identity, then by path, so the first of a group is the spelling kept. */
static int compare_identity(const void *a, const void *b)
{
    const struct input *x = &sort_base[*(const size_t *)a], *y = &sort_base[*(const size_t *)b];
    if (x->dev != y->dev)
        return x->dev < y->dev ? -1 : 1;
    if (x->ino != y->ino)
        return x->ino < y->ino ? -1 : 1;
    return strcmp(x->path, y->path);
}

int walk_paths(struct input_list *list, char *const *paths, size_t n_paths)
{
    struct walker w = {list, NULL, 0, 0, 0};
    for (size_t i = 0; i < n_paths; i++) {
        struct stat st;
        if (stat(paths[i], &st) != 0) {
            fprintf(stderr, "dealc: cannot read %s: %s\n", paths[i], strerror(errno));
            w.problems++;
        } else if (S_ISDIR(st.st_mode)) {
            walk_dir(&w, paths[i], &st);
        } else {
            add_input(list, paths[i], true, &st);
        }
    }
    free(w.open_dirs);
    if (list->len) /* nothing found: items is NULL */
        qsort(list->items, list->len, sizeof(*list->items), compare_inputs);
    /*
     * The same file reached twice ("in/a.xml" and "./in/a.xml", a folder and
     * a file in it) is one input, under the spelling that sorts first;
     * being named wins over being found.
     */
    size_t *order = xcalloc(list->len + 1, sizeof(*order));
    for (size_t i = 0; i < list->len; i++)
        order[i] = i;
    sort_base = list->items;
    qsort(order, list->len, sizeof(*order), compare_identity);
    size_t group = 0;
    for (size_t i = 1; i < list->len; i++) {
        struct input *keep = &list->items[order[group]], *again = &list->items[order[i]];
        if (keep->dev == again->dev && keep->ino == again->ino) {
            keep->named |= again->named;
            free(again->path);
            again->path = NULL;
        } else {
            group = i;
        }
    }
    free(order);
    size_t out = 0;
    for (size_t i = 0; i < list->len; i++)
        if (list->items[i].path)
            list->items[out++] = list->items[i];
    list->len = out;
    return w.problems;
}

void input_list_insert(struct input_list *list, const char *path)
{
    size_t at = 0;
    while (at < list->len && strcmp(list->items[at].path, path) < 0)
        at++;
    GROW(list->items, list->cap, list->len + 1);
    memmove(&list->items[at + 1], &list->items[at], (list->len - at) * sizeof(*list->items));
    list->items[at] = (struct input){.path = xstrdup(path), .named = true};
    list->len++;
}

void input_list_free(struct input_list *list)
{
    for (size_t i = 0; i < list->len; i++)
        free(list->items[i].path);
    free(list->items);
    list->items = NULL;
    list->len = list->cap = 0;
}
