/*
 * The team and its builder. A user element that the schema accepts is added
 * even when another user of the same document is invalid, so one typo does
 * not turn every reference to the rest of the team into unknown-user.
 */
#include "team.h"

#include "text.h"

#include <stdlib.h>
#include <string.h>

void team_init(struct team *team)
{
    memset(team, 0, sizeof(*team));
}

void team_free(struct team *team)
{
    free(team->users);
    strmap_free(&team->by_id);
    arena_free(&team->mem);
    memset(team, 0, sizeof(*team));
}

bool team_add_user(struct team *team, struct diag_list *diags, const char *id, const char *name,
                   enum role role, struct place at)
{
    const struct user *first = strmap_get(&team->by_id, id);
    if (first) {
        size_t d = diag_add(diags, at, D_DUPLICATE_ID, "user id '%s' is already used", id);
        diag_add_note(diags, d, first->at, "user '%s' is first defined here", id);
        return false;
    }
    struct user *u = arena_zalloc(&team->mem, sizeof(*u));
    u->id = arena_strdup(&team->mem, id);
    u->name = arena_strdup(&team->mem, name ? name : id);
    u->role = role;
    u->at = at;
    u->index = (uint32_t)team->n_users;
    GROW(team->users, team->cap, team->n_users + 1);
    team->users[team->n_users++] = u;
    strmap_put(&team->by_id, u->id, u);
    return true;
}

struct team_builder {
    struct team *team;
    struct diag_list *diags;
    struct element_sink sink;
    size_t errors_before_user;
    struct arena scratch;
    const char *id, *name, *role;
    struct place at;
};

static void tb_start(void *ctx, struct loader *L, const char *name, const struct attr *attrs,
                     size_t n, int depth)
{
    struct team_builder *b = ctx;
    if (depth != 1 || strcmp(name, "user") != 0)
        return;
    arena_reset(&b->scratch);
    b->errors_before_user = loader_errors(L);
    b->id = collapse(&b->scratch, attr_get(attrs, n, "id"));
    b->name = arena_strdup(&b->scratch, attr_get(attrs, n, "name") ? attr_get(attrs, n, "name") : "");
    b->role = collapse(&b->scratch, attr_get(attrs, n, "role"));
    b->at = loader_place(L);
}

static void tb_end(void *ctx, struct loader *L, const char *name, int depth)
{
    struct team_builder *b = ctx;
    if (depth != 1 || strcmp(name, "user") != 0 || !b->id)
        return;
    if (loader_errors(L) != b->errors_before_user)
        return;
    enum role role = ROLE_USER;
    if (b->role && !strcmp(b->role, "administrator"))
        role = ROLE_ADMINISTRATOR;
    else if (b->role && !strcmp(b->role, "manager"))
        role = ROLE_MANAGER;
    team_add_user(b->team, b->diags, b->id, b->name, role, b->at);
}

struct team_builder *team_builder_new(struct team *team, struct diag_list *diags)
{
    struct team_builder *b = xcalloc(1, sizeof(*b));
    b->team = team;
    b->diags = diags;
    b->sink = (struct element_sink){.start = tb_start, .end = tb_end, .ctx = b};
    return b;
}

const struct element_sink *team_builder_sink(struct team_builder *b)
{
    return &b->sink;
}

void team_builder_free(struct team_builder *b)
{
    if (!b)
        return;
    arena_free(&b->scratch);
    free(b);
}
