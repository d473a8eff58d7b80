/*
 * --changed-since; see changed.h.
 */
#include "changed.h"

#include "gitio.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *diag_key(const struct repo *r, const struct diag *d)
{
    struct strbuf sb = {0};
    sb_addf(&sb, "%s|%u|%u|%s|%s", repo_input_path(r, d->at.file), d->at.line, d->at.col,
            diag_code_name(d->code), d->message);
    return sb.buf ? sb.buf : xstrdup("");
}

bool keep_changed_since(struct repo *r, const struct input_list *inputs, const char *rev)
{
    char *top = git_toplevel();
    if (!top)
        return false;
    char **changed = git_changed_since(top, rev);
    if (!changed) {
        free(top);
        return false;
    }
    struct strmap changed_set = {0};
    for (char **p = changed; *p; p++) {
        char *canon = canonical_path(*p);
        if (canon && !strmap_put(&changed_set, canon, canon)) {
            /* kept; freed below through the map */
        } else {
            free(canon);
        }
    }

    struct repo old;
    bool ok = repo_init(&old, inputs, r->as_of_day);
    bool *is_changed = xcalloc(r->n_inputs + 1, sizeof(*is_changed));
    char **old_data = xcalloc(r->n_inputs + 1, sizeof(*old_data));
    size_t top_len = strlen(top);
    for (size_t i = 0; ok && i < r->n_inputs; i++) {
        char *canon = canonical_path(r->inputs[i].path);
        if (canon && strmap_get(&changed_set, canon)) {
            is_changed[i] = true;
            size_t len = 0;
            char *data = NULL;
            if (!strncmp(canon, top, top_len) && canon[top_len] == '/') {
                struct strbuf spec = {0};
                sb_addf(&spec, "%s:%s", rev, canon + top_len + 1);
                char *argv[] = {"git", "show", spec.buf, NULL};
                if (!run_capture(argv, &data, &len))
                    data = NULL; /* added since rev: it was not there */
                sb_free(&spec);
            }
            old_data[i] = data ? data : xstrdup("");
            old.inputs[i].data = old_data[i];
            old.inputs[i].size = data ? len : 0;
        }
        free(canon);
    }
    if (ok) {
        old.jobs = r->jobs;
        repo_run(&old, NULL);
        repo_flush_diags(&old);
    }

    /* What was said before the change about files it did not touch. */
    struct strmap before = {0};
    struct arena keys = {0};
    for (size_t i = 0; ok && i < old.diags.len; i++) {
        const struct diag *d = &old.diags.items[i];
        if (d->at.file < old.n_inputs && is_changed[d->at.file])
            continue;
        char *key = diag_key(&old, d);
        const char *k = arena_strdup(&keys, key);
        free(key);
        strmap_put(&before, k, (void *)k);
    }
    struct diag_list kept = {0};
    repo_flush_diags(r);
    for (size_t i = 0; ok && i < r->diags.len; i++) {
        const struct diag *d = &r->diags.items[i];
        bool keep = d->at.file < r->n_inputs && is_changed[d->at.file];
        if (!keep) {
            char *key = diag_key(r, d);
            keep = !strmap_get(&before, key);
            free(key);
        }
        if (keep)
            diag_push_copy(&kept, d);
    }
    if (ok) {
        diag_free(&r->diags);
        r->diags = kept;
        repo_free(&old);
    } else {
        diag_free(&kept);
    }
    strmap_free(&before);
    arena_free(&keys);
    for (size_t i = 0; i < r->n_inputs; i++)
        free(old_data[i]);
    free(old_data);
    free(is_changed);
    for (size_t i = 0; i < changed_set.cap; i++)
        if (changed_set.slots[i].key)
            free((char *)changed_set.slots[i].key);
    strmap_free(&changed_set);
    free_string_list(changed);
    free(top);
    return ok;
}
