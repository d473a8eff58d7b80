/*
 * The in-memory model of the three kinds of document: the team, compiled
 * processes and deals. Loaders fill these; the evaluator only reads them.
 * Strings point into the arena of the object that owns them. Ids are looked
 * up through hash maps built once when a process or team is compiled, so the
 * per-event work of evaluation is a few array reads.
 */
#ifndef DEALC_MODEL_H
#define DEALC_MODEL_H

#include "diag.h"
#include "util.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum role { ROLE_USER, ROLE_MANAGER, ROLE_ADMINISTRATOR };

struct user {
    const char *id;
    const char *name;
    enum role role;
    uint32_t index; /* position in the team, the order people are listed in */
    struct place at;
};

struct team {
    struct user **users;
    size_t n_users;
    size_t cap;
    struct strmap by_id;
    struct arena mem;
};

/* The index of user id in the team, or -1. */
int32_t team_find(const struct team *team, const char *id);

enum audience_kind {
    AUD_EVERYONE,
    AUD_ADMINISTRATORS,
    AUD_MANAGERS,
    AUD_OWNER,
    AUD_ATTENDEES,
    AUD_USER
};

struct audience_item {
    enum audience_kind kind;
    const char *ref;    /* AUD_USER only */
    int32_t user_index; /* AUD_USER resolved against the team, -1 if unknown */
    struct place at;
};

/*
 * An audience as written plus its compiled form: the fixed part (roles and
 * named users) as a membership bitmap over the team, and whether the
 * deal-relative parts (owner, attendees, everyone) are included.
 */
struct audience {
    struct audience_item *items;
    size_t n_items;
    bool written;   /* false: the element was absent and the default applies */
    bool everyone;
    bool owner;
    bool attendees;
    uint8_t *fixed; /* bitmap, (n_users + 7) / 8 bytes */
};

enum requirement { REQUIRES_NOTE = 1, REQUIRES_FILE = 2 };

struct step {
    const char *id;
    const char *name;
    const char *description;
    uint32_t value;
    bool obligatory;
    unsigned requires; /* enum requirement bits */
    uint32_t stage;    /* index of its stage */
    uint32_t index;    /* position in the process, across stages */
    struct audience responsible;
    struct audience can_complete;
    struct audience notify;
    struct place at;
};

struct stage {
    const char *id;
    const char *name;
    const char *description;
    bool strict;
    uint32_t rotting_days; /* 0: never rots */
    uint32_t first_step;
    uint32_t n_steps;
    uint32_t index;
    struct place at;
};

struct process {
    const char *id;
    const char *name;
    const char *currency; /* NULL when none */
    const char *description;
    struct stage *stages;
    size_t n_stages;
    struct step *steps;
    size_t n_steps;
    uint64_t total_value;
    uint32_t index; /* among the run's processes */
    struct strmap stage_by_id;
    struct strmap step_by_id;
    struct place at;
    struct arena mem;
};

const struct step *process_find_step(const struct process *p, const char *id);
const struct stage *process_find_stage(const struct process *p, const char *id);

enum event_kind { EV_DONE, EV_UNDONE, EV_MOVED, EV_WON, EV_LOST };

struct file_ref {
    const char *href;
    const char *name; /* NULL when absent */
    struct place at;
};

struct event {
    enum event_kind kind;
    const char *ref; /* step (done, undone) or stage (moved) id */
    const char *by;
    const char *at_text;
    int64_t at_utc;   /* seconds since 1970-01-01T00:00:00Z */
    int32_t at_nanos; /* and the fraction of that second */
    int32_t at_day;   /* the calendar day as written (local), days since 1970-01-01 */
    int32_t utc_day;  /* the day in UTC */
    const char *note; /* NULL when there is no note element */
    struct file_ref *files;
    size_t n_files;
    const char *reason; /* lost only, NULL when absent */
    struct place at;
};

struct attendee {
    const char *ref;
    struct place at;
};

/* Money is held exactly, in units of 1/10000 of the currency. */
#define AMOUNT_SCALE 10000

struct deal {
    const char *id;
    const char *process_id;
    const char *owner;
    const char *created_text;
    int32_t created_day;
    bool has_amount;
    int64_t amount; /* AMOUNT_SCALE units */
    const char *currency; /* its own; NULL when absent */
    const char *title;
    struct attendee *attendees;
    size_t n_attendees;
    struct event *events;
    size_t n_events;
    struct place at;
};

#endif
