/*
 * Runs over a repository of files (SPEC §1, §2, §4): ids unique across all
 * inputs, unknown processes, byte order of paths, the directory walk, a team
 * spread over several documents, and the independence of meaning from the
 * order files sort in. Each test writes its documents to a fresh directory
 * under /tmp and removes it at the end.
 */
#include "fixture.h"

#include "repo.h"
#include "xsdtime.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- a temporary repository ---- */

/*
 * Every test's directory lives under one base directory that the (unchecked,
 * so parent-process) fixture makes before the tests and removes after them,
 * so a failing test, which ends before its own clean-up, leaves nothing in /tmp.
 */
static char base_dir[64];

static void remove_tree(const char *path);

static void base_make(void)
{
    snprintf(base_dir, sizeof(base_dir), "/tmp/dealc-unit-XXXXXX");
    if (!mkdtemp(base_dir)) {
        fprintf(stderr, "repo tests: mkdtemp: %s\n", strerror(errno));
        base_dir[0] = '\0';
    }
}

static void base_remove(void)
{
    if (base_dir[0])
        remove_tree(base_dir);
    base_dir[0] = '\0';
}

struct tmpdir {
    char path[96];
};

static void tmp_make(struct tmpdir *t)
{
    ck_assert_msg(base_dir[0] != '\0', "no base directory for the repo tests");
    snprintf(t->path, sizeof(t->path), "%s/t-XXXXXX", base_dir);
    ck_assert_msg(mkdtemp(t->path) != NULL, "mkdtemp: %s", strerror(errno));
}

static char *tmp_join(const struct tmpdir *t, const char *rel)
{
    size_t len = strlen(t->path) + 1 + strlen(rel) + 1;
    char *p = xmalloc(len);
    snprintf(p, len, "%s/%s", t->path, rel);
    return p;
}

/* Writes rel (creating its folders) with the given contents. */
static void tmp_put(const struct tmpdir *t, const char *rel, const char *contents)
{
    char *path = tmp_join(t, rel);
    for (char *slash = strchr(path + strlen(t->path) + 1, '/'); slash; slash = strchr(slash + 1, '/')) {
        *slash = '\0';
        ck_assert_msg(mkdir(path, 0700) == 0 || errno == EEXIST, "mkdir %s: %s", path, strerror(errno));
        *slash = '/';
    }
    FILE *f = fopen(path, "wb");
    ck_assert_msg(f != NULL, "cannot write %s: %s", path, strerror(errno));
    ck_assert_uint_eq(fwrite(contents, 1, strlen(contents), f), strlen(contents));
    ck_assert_int_eq(fclose(f), 0);
    free(path);
}

static void remove_tree(const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0)
        return;
    if (S_ISDIR(st.st_mode)) {
        DIR *d = opendir(path);
        if (d) {
            struct dirent *e;
            while ((e = readdir(d)) != NULL) {
                if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
                    continue;
                size_t len = strlen(path) + 1 + strlen(e->d_name) + 1;
                char *child = xmalloc(len);
                snprintf(child, len, "%s/%s", path, e->d_name);
                remove_tree(child);
                free(child);
            }
            closedir(d);
        }
        rmdir(path);
    } else {
        unlink(path);
    }
}

static void tmp_remove(struct tmpdir *t)
{
    remove_tree(t->path);
    struct stat st;
    ck_assert_msg(lstat(t->path, &st) != 0, "%s was not removed", t->path);
}

/* ---- a run ---- */

enum { MAX_SEEN = 16 };

struct seen {
    char id[32];
    char title[64];
    char path[128]; /* the input the deal came from, relative to the tmpdir */
    enum deal_status status;
    unsigned progress;
    size_t n_diags;
};

struct run {
    const struct tmpdir *tmp;
    struct input_list inputs;
    struct repo r;
    int walk_problems;
    struct seen seen[MAX_SEEN];
    size_t n_seen;
};

static const char *relative(const struct run *run, const char *path)
{
    size_t n = strlen(run->tmp->path);
    return strncmp(path, run->tmp->path, n) == 0 && path[n] == '/' ? path + n + 1 : path;
}

static void on_deal(void *ctx, const struct eval_input *in, const struct deal_state *state,
                    const struct diag_list *deal_diags)
{
    struct run *run = ctx;
    ck_assert_uint_lt(run->n_seen, MAX_SEEN);
    struct seen *s = &run->seen[run->n_seen++];
    snprintf(s->id, sizeof(s->id), "%s", in->deal->id);
    snprintf(s->title, sizeof(s->title), "%s", in->deal->title);
    snprintf(s->path, sizeof(s->path), "%s",
             relative(run, run->r.inputs[in->deal->at.file].path));
    s->status = state->status;
    s->progress = state->progress;
    s->n_diags = deal_diags->len;
}

/* Runs over the given paths (relative to the tmpdir; NULL: the tmpdir itself). */
static void run_paths(struct run *run, const struct tmpdir *t, const char *const *rel, size_t n)
{
    memset(run, 0, sizeof(*run));
    run->tmp = t;
    char **paths = xcalloc(n ? n : 1, sizeof(*paths));
    size_t n_paths = 0;
    if (!rel) {
        paths[n_paths++] = xstrdup(t->path);
    } else {
        for (size_t i = 0; i < n; i++)
            paths[n_paths++] = tmp_join(t, rel[i]);
    }
    run->walk_problems = walk_paths(&run->inputs, paths, n_paths);
    for (size_t i = 0; i < n_paths; i++)
        free(paths[i]);
    free(paths);
    int32_t as_of;
    ck_assert(parse_xsd_date("2026-01-10", &as_of));
    ck_assert(repo_init(&run->r, &run->inputs, as_of));
    struct repo_consumer consumer = {.deal = on_deal, .ctx = run};
    repo_run(&run->r, &consumer);
}

static void run_dir(struct run *run, const struct tmpdir *t)
{
    run_paths(run, t, NULL, 0);
}

static void run_free(struct run *run)
{
    repo_free(&run->r);
    input_list_free(&run->inputs);
}

static const char *input_path(const struct run *run, uint32_t file)
{
    ck_assert_uint_lt(file, run->r.n_inputs);
    return relative(run, run->r.inputs[file].path);
}

/* Diagnostics with code in the file at rel (NULL: any file), at line (0: any). */
static size_t count(const struct run *run, const char *code, const char *rel, unsigned line)
{
    size_t n = 0;
    for (size_t i = 0; i < run->r.diags.len; i++) {
        const struct diag *d = &run->r.diags.items[i];
        if (strcmp(diag_code_name(d->code), code) != 0)
            continue;
        if (rel && strcmp(input_path(run, d->at.file), rel) != 0)
            continue;
        if (line && d->at.line != line)
            continue;
        n++;
    }
    return n;
}

static const struct diag *first(const struct run *run, const char *code, const char *rel)
{
    for (size_t i = 0; i < run->r.diags.len; i++) {
        const struct diag *d = &run->r.diags.items[i];
        if (!strcmp(diag_code_name(d->code), code) &&
            (!rel || !strcmp(input_path(run, d->at.file), rel)))
            return d;
    }
    ck_abort_msg("no %s diagnostic in %s", code, rel ? rel : "any file");
    return NULL;
}

static void dump(const struct run *run)
{
    for (size_t i = 0; i < run->r.diags.len; i++) {
        const struct diag *d = &run->r.diags.items[i];
        fprintf(stderr, "%s:%u:%u: %s [%s]\n", input_path(run, d->at.file), d->at.line, d->at.col,
                d->message, diag_code_name(d->code));
    }
}

static void assert_mentions(const char *message, const char *what)
{
    ck_assert_msg(strstr(message, what) != NULL, "message '%s' does not name %s", message, what);
}

/* ---- documents ---- */

static const char TEAM[] =
    "<team xmlns=\"urn:dealc:1\">\n"
    "  <user id=\"ola\" name=\"Ola\"/>\n"
    "  <user id=\"marek\" name=\"Marek\" role=\"manager\"/>\n"
    "</team>\n";

static const char PROCESS_P[] =
    "<process xmlns=\"urn:dealc:1\" id=\"p\" name=\"First P\" currency=\"PLN\">\n"
    "  <stage id=\"s1\" name=\"One\">\n"
    "    <step id=\"a\" name=\"A\" value=\"10\" obligatory=\"true\"/>\n"
    "  </stage>\n"
    "</process>\n";

/* A deal of process, done a and won, at line lead+1 (after lead lines of XML declaration and comments). */
static char *deal_xml(const char *id, const char *process, const char *title, int lead)
{
    struct strbuf sb = {0};
    for (int i = 0; i < lead; i++)
        sb_adds(&sb, i == 0 ? "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" : "<!-- a comment -->\n");
    sb_addf(&sb,
            "<deal xmlns=\"urn:dealc:1\" id=\"%s\" process=\"%s\" owner=\"ola\" created=\"2026-01-01\">\n"
            "  <title>%s</title>\n"
            "  <log>\n"
            "    <done step=\"a\" by=\"ola\" at=\"2026-01-02T10:00:00Z\"/>\n"
            "    <won by=\"ola\" at=\"2026-01-03T10:00:00Z\"/>\n"
            "  </log>\n"
            "</deal>\n",
            id, process, title);
    char *xml = xstrdup(sb_str(&sb));
    sb_free(&sb);
    return xml;
}

static void put_deal(const struct tmpdir *t, const char *rel, const char *id, const char *process,
                     const char *title, int lead)
{
    char *xml = deal_xml(id, process, title, lead);
    tmp_put(t, rel, xml);
    free(xml);
}

/* ---- duplicate ids ---- */

START_TEST(duplicate_deal_id_across_files_is_reported_at_the_second)
{
    struct tmpdir t;
    tmp_make(&t);
    tmp_put(&t, "team.xml", TEAM);
    tmp_put(&t, "process.xml", PROCESS_P);
    /* the second (by path) is written first */
    put_deal(&t, "deals/b.xml", "acme", "p", "From b", 3);
    put_deal(&t, "deals/a.xml", "acme", "p", "From a", 1);
    struct run run;
    run_dir(&run, &t);
    ck_assert_int_eq(run.walk_problems, 0);
    ck_assert_uint_eq(count(&run, "duplicate-id", NULL, 0), 1);
    ck_assert_uint_eq(count(&run, "duplicate-id", "deals/b.xml", 4), 1);
    const struct diag *d = first(&run, "duplicate-id", NULL);
    ck_assert_int_eq(d->sev, SEV_ERROR);
    assert_mentions(d->message, "'acme'");
    ck_assert_uint_eq(d->n_notes, 1);
    ck_assert_str_eq(input_path(&run, d->notes[0].at.file), "deals/a.xml");
    ck_assert_uint_eq(d->notes[0].at.line, 2);
    ck_assert_uint_eq(run.r.diags.len, 1);
    /* the second is ignored: only the first is evaluated */
    ck_assert_uint_eq(run.r.deals_seen, 2);
    ck_assert_uint_eq(run.r.deals_evaluated, 1);
    ck_assert_uint_eq(run.n_seen, 1);
    ck_assert_str_eq(run.seen[0].title, "From a");
    ck_assert_str_eq(run.seen[0].path, "deals/a.xml");
    run_free(&run);
    tmp_remove(&t);
}
END_TEST

START_TEST(duplicate_deal_id_between_a_bulk_file_and_a_deal_file)
{
    struct tmpdir t;
    tmp_make(&t);
    tmp_put(&t, "team.xml", TEAM);
    tmp_put(&t, "process.xml", PROCESS_P);
    tmp_put(&t, "deals/2026.xml",
            "<deals xmlns=\"urn:dealc:1\">\n"                                                   /* 1 */
            "  <deal id=\"one\" process=\"p\" owner=\"ola\" created=\"2026-01-01\">\n"         /* 2 */
            "    <title>Bulk one</title><log/>\n"                                              /* 3 */
            "  </deal>\n"                                                                       /* 4 */
            "  <deal id=\"two\" process=\"p\" owner=\"ola\" created=\"2026-01-01\">\n"         /* 5 */
            "    <title>Bulk two</title><log/>\n"
            "  </deal>\n"
            "  <deal id=\"one\" process=\"p\" owner=\"ola\" created=\"2026-01-01\">\n"         /* 8 */
            "    <title>Bulk one again</title><log/>\n"
            "  </deal>\n"
            "</deals>\n");
    put_deal(&t, "deals/2027/two.xml", "two", "p", "Single two", 0);
    struct run run;
    run_dir(&run, &t);
    ck_assert_uint_eq(count(&run, "duplicate-id", NULL, 0), 2);
    ck_assert_uint_eq(count(&run, "duplicate-id", "deals/2026.xml", 8), 1);
    ck_assert_uint_eq(count(&run, "duplicate-id", "deals/2027/two.xml", 1), 1);
    const struct diag *d = first(&run, "duplicate-id", "deals/2027/two.xml");
    ck_assert_uint_eq(d->n_notes, 1);
    ck_assert_str_eq(input_path(&run, d->notes[0].at.file), "deals/2026.xml");
    ck_assert_uint_eq(d->notes[0].at.line, 5);
    ck_assert_uint_eq(run.r.deals_seen, 4);
    ck_assert_uint_eq(run.r.deals_evaluated, 2);
    run_free(&run);
    tmp_remove(&t);
}
END_TEST

START_TEST(duplicate_process_id_is_reported_at_the_second_and_the_first_kept)
{
    struct tmpdir t;
    tmp_make(&t);
    tmp_put(&t, "team.xml", TEAM);
    tmp_put(&t, "processes/two.xml",
            "<?xml version=\"1.0\"?>\n"                                                       /* 1 */
            "<process xmlns=\"urn:dealc:1\" id=\"p\" name=\"Second P\">\n"                    /* 2 */
            "  <stage id=\"z1\" name=\"Z\">\n"
            "    <step id=\"z\" name=\"Z\" value=\"10\"/>\n"
            "  </stage>\n"
            "</process>\n");
    tmp_put(&t, "processes/one.xml", PROCESS_P);
    put_deal(&t, "deal.xml", "d1", "p", "D", 0);
    struct run run;
    run_dir(&run, &t);
    ck_assert_uint_eq(count(&run, "duplicate-id", NULL, 0), 1);
    ck_assert_uint_eq(count(&run, "duplicate-id", "processes/two.xml", 2), 1);
    const struct diag *d = first(&run, "duplicate-id", NULL);
    assert_mentions(d->message, "'p'");
    ck_assert_uint_eq(d->n_notes, 1);
    ck_assert_str_eq(input_path(&run, d->notes[0].at.file), "processes/one.xml");
    ck_assert_uint_eq(d->notes[0].at.line, 1);
    ck_assert_uint_eq(run.r.n_processes, 1);
    ck_assert_str_eq(run.r.processes[0]->name, "First P");
    /* the deal is evaluated against the first: step a exists, the deal is won */
    ck_assert_uint_eq(count(&run, "unknown-step", NULL, 0), 0);
    ck_assert_uint_eq(run.n_seen, 1);
    ck_assert_int_eq(run.seen[0].status, DEAL_WON);
    ck_assert_uint_eq(run.seen[0].progress, 100);
    ck_assert_uint_eq(run.r.diags.len, 1);
    run_free(&run);
    tmp_remove(&t);
}
END_TEST

START_TEST(duplicate_user_id_across_team_documents)
{
    struct tmpdir t;
    tmp_make(&t);
    tmp_put(&t, "team/a.xml", TEAM);
    tmp_put(&t, "team/b.xml",
            "<team xmlns=\"urn:dealc:1\">\n"                                   /* 1 */
            "  <user id=\"piotr\" name=\"Piotr\"/>\n"                          /* 2 */
            "  <user id=\"marek\" name=\"Another Marek\"/>\n"                  /* 3 */
            "</team>\n");
    struct run run;
    run_dir(&run, &t);
    ck_assert_uint_eq(run.r.diags.len, 1);
    ck_assert_uint_eq(count(&run, "duplicate-id", "team/b.xml", 3), 1);
    const struct diag *d = first(&run, "duplicate-id", NULL);
    assert_mentions(d->message, "'marek'");
    ck_assert_uint_eq(d->n_notes, 1);
    ck_assert_str_eq(input_path(&run, d->notes[0].at.file), "team/a.xml");
    ck_assert_uint_eq(d->notes[0].at.line, 3);
    ck_assert_uint_eq(run.r.team.n_users, 3);
    int32_t m = team_find(&run.r.team, "marek");
    ck_assert_int_ge(m, 0);
    ck_assert_str_eq(run.r.team.users[m]->name, "Marek");
    ck_assert_int_eq(run.r.team.users[m]->role, ROLE_MANAGER);
    run_free(&run);
    tmp_remove(&t);
}
END_TEST

/* ---- unknown processes ---- */

START_TEST(a_deal_of_a_missing_process_is_unknown_process)
{
    struct tmpdir t;
    tmp_make(&t);
    tmp_put(&t, "team.xml", TEAM);
    tmp_put(&t, "process.xml", PROCESS_P);
    put_deal(&t, "deals/lost.xml", "orphan", "nope", "Orphan", 2);
    struct run run;
    run_dir(&run, &t);
    ck_assert_uint_eq(run.r.diags.len, 1);
    ck_assert_uint_eq(count(&run, "unknown-process", "deals/lost.xml", 3), 1);
    const struct diag *d = first(&run, "unknown-process", NULL);
    ck_assert_int_eq(d->sev, SEV_ERROR);
    assert_mentions(d->message, "'nope'");
    assert_mentions(d->message, "'orphan'");
    /* reported and not evaluated */
    ck_assert_uint_eq(run.r.deals_seen, 1);
    ck_assert_uint_eq(run.r.deals_evaluated, 0);
    ck_assert_uint_eq(run.n_seen, 0);
    run_free(&run);
    tmp_remove(&t);
}
END_TEST

START_TEST(no_unknown_process_for_a_process_whose_document_is_invalid)
{
    struct tmpdir t;
    tmp_make(&t);
    tmp_put(&t, "team.xml", TEAM);
    tmp_put(&t, "process-q.xml",
            "<process xmlns=\"urn:dealc:1\" id=\"q\" name=\"Q\">\n"                /* 1 */
            "  <stage id=\"s1\" name=\"One\">\n"                                  /* 2 */
            "    <step id=\"a\" name=\"A\"/>\n"                                   /* 3: no value */
            "  </stage>\n"
            "</process>\n");
    put_deal(&t, "deal-q.xml", "dq", "q", "Of the broken process", 0);
    put_deal(&t, "deal-nope.xml", "dn", "nope", "Of no process", 0);
    struct run run;
    run_dir(&run, &t);
    ck_assert_uint_eq(count(&run, "schema-invalid", "process-q.xml", 3), 1);
    ck_assert_uint_eq(count(&run, "unknown-process", "deal-q.xml", 0), 0);
    /* a truly missing process is still reported */
    ck_assert_uint_eq(count(&run, "unknown-process", "deal-nope.xml", 1), 1);
    ck_assert_uint_eq(run.r.diags.len, 2);
    ck_assert_uint_eq(run.r.n_processes, 0);
    ck_assert_uint_eq(run.r.deals_evaluated, 0);
    run_free(&run);
    tmp_remove(&t);
}
END_TEST

/* ---- input order ---- */

START_TEST(inputs_are_taken_in_byte_order_of_paths)
{
    struct tmpdir t;
    tmp_make(&t);
    /* written in the reverse of byte order; byte order is not any locale's collation */
    put_deal(&t, "a/x.xml", "d1", "p", "a/x", 0);
    put_deal(&t, "a.xml", "d1", "p", "a.", 0);
    put_deal(&t, "a-b.xml", "d1", "p", "a-b", 0);
    put_deal(&t, "B.xml", "d1", "p", "B", 0);
    tmp_put(&t, "team.xml", TEAM);
    tmp_put(&t, "process.xml", PROCESS_P);
    struct run run;
    run_dir(&run, &t);
    static const char *const order[] = {"B.xml", "a-b.xml", "a.xml", "a/x.xml", "process.xml",
                                        "team.xml"};
    ck_assert_uint_eq(run.r.n_inputs, 6);
    for (uint32_t i = 0; i < 6; i++)
        ck_assert_str_eq(input_path(&run, i), order[i]);
    /* "first" is the one whose path sorts first */
    ck_assert_uint_eq(count(&run, "duplicate-id", NULL, 0), 3);
    for (size_t i = 1; i <= 3; i++) {
        ck_assert_uint_eq(count(&run, "duplicate-id", order[i], 1), 1);
        const struct diag *d = first(&run, "duplicate-id", order[i]);
        ck_assert_uint_eq(d->n_notes, 1);
        ck_assert_str_eq(input_path(&run, d->notes[0].at.file), "B.xml");
    }
    ck_assert_uint_eq(run.n_seen, 1);
    ck_assert_str_eq(run.seen[0].title, "B");
    run_free(&run);
    tmp_remove(&t);
}
END_TEST

START_TEST(named_files_are_sorted_whatever_the_command_line_order)
{
    struct tmpdir t;
    tmp_make(&t);
    tmp_put(&t, "team.xml", TEAM);
    tmp_put(&t, "process.xml", PROCESS_P);
    put_deal(&t, "m.xml", "d1", "p", "m", 0);
    put_deal(&t, "z.xml", "d1", "p", "z", 0);
    put_deal(&t, "k.xml", "d1", "p", "k", 0);
    static const char *const given[] = {"z.xml", "team.xml", "m.xml", "process.xml", "k.xml", "z.xml"};
    struct run run;
    run_paths(&run, &t, given, sizeof(given) / sizeof(given[0]));
    /* sorted, and the file named twice is one input */
    ck_assert_uint_eq(run.r.n_inputs, 5);
    ck_assert_str_eq(input_path(&run, 0), "k.xml");
    ck_assert_str_eq(input_path(&run, 1), "m.xml");
    ck_assert_str_eq(input_path(&run, 4), "z.xml");
    ck_assert(run.r.inputs[0].named);
    ck_assert_uint_eq(count(&run, "duplicate-id", "m.xml", 1), 1);
    ck_assert_uint_eq(count(&run, "duplicate-id", "z.xml", 1), 1);
    ck_assert_uint_eq(count(&run, "duplicate-id", NULL, 0), 2);
    ck_assert_str_eq(input_path(&run, first(&run, "duplicate-id", "z.xml")->notes[0].at.file), "k.xml");
    ck_assert_uint_eq(run.n_seen, 1);
    ck_assert_str_eq(run.seen[0].title, "k");
    run_free(&run);
    tmp_remove(&t);
}
END_TEST

/* ---- the walk ---- */

START_TEST(walk_skips_hidden_entries_and_other_files_and_passes_over_foreign_xml)
{
    struct tmpdir t;
    tmp_make(&t);
    tmp_put(&t, "team.xml", TEAM);
    tmp_put(&t, "process.xml", PROCESS_P);
    put_deal(&t, "deals/good.xml", "good", "p", "Good", 0);
    /* hidden: each would be an error if read */
    put_deal(&t, ".hidden.xml", "h1", "nope", "Hidden file", 0);
    put_deal(&t, ".git/objects/x.xml", "h2", "nope", "Hidden folder", 0);
    put_deal(&t, "deals/.drafts/d.xml", "h3", "nope", "Hidden sub-folder", 0);
    tmp_put(&t, "deals/.broken.xml", "<deal");
    /* not *.xml */
    tmp_put(&t, "notes.txt", "<not xml at all");
    tmp_put(&t, "deals/good.xml.bak", "<deal");
    tmp_put(&t, "README", "read me <");
    tmp_put(&t, "xml", "<");
    tmp_put(&t, "deals/.xml", "<");
    /* XML of other vocabularies */
    tmp_put(&t, "site/index.xml",
            "<?xml version=\"1.0\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\"><body/></html>\n");
    tmp_put(&t, "pom.xml", "<project><modelVersion>4.0.0</modelVersion></project>\n");
    struct run run;
    run_dir(&run, &t);
    if (run.r.diags.len)
        dump(&run);
    ck_assert_uint_eq(run.r.diags.len, 0);
    ck_assert_int_eq(run.walk_problems, 0);
    ck_assert_uint_eq(run.r.n_inputs, 5);
    for (uint32_t i = 0; i < run.r.n_inputs; i++) {
        ck_assert_msg(strstr(input_path(&run, i), "/.") == NULL && input_path(&run, i)[0] != '.',
                      "hidden input %s", input_path(&run, i));
        ck_assert(!run.r.inputs[i].named);
    }
    ck_assert_uint_eq(run.r.files_read, 3);
    ck_assert_uint_eq(run.n_seen, 1);
    ck_assert_str_eq(run.seen[0].id, "good");
    run_free(&run);

    /* named on the command line, a file of another vocabulary is an error */
    static const char *const named[] = {"pom.xml"};
    run_paths(&run, &t, named, 1);
    ck_assert_uint_eq(run.r.diags.len, 1);
    ck_assert_uint_eq(count(&run, "unknown-document", "pom.xml", 1), 1);
    run_free(&run);
    tmp_remove(&t);
}
END_TEST

/* ---- the team ---- */

START_TEST(team_users_spread_over_two_documents_form_one_team)
{
    struct tmpdir t;
    tmp_make(&t);
    /* the process sorts before both team documents and names users of each */
    tmp_put(&t, "0-process.xml",
            "<process xmlns=\"urn:dealc:1\" id=\"p\" name=\"P\">\n"
            "  <stage id=\"s1\" name=\"One\">\n"
            "    <step id=\"a\" name=\"A\" value=\"10\" obligatory=\"true\">\n"
            "      <can-complete><administrators/></can-complete>\n"
            "    </step>\n"
            "    <step id=\"review\" name=\"Review\" value=\"10\" obligatory=\"true\">\n"
            "      <can-complete><user ref=\"marek\"/></can-complete>\n"
            "      <notify><user ref=\"ola\"/></notify>\n"
            "    </step>\n"
            "  </stage>\n"
            "</process>\n");
    tmp_put(&t, "team/people.xml",
            "<team xmlns=\"urn:dealc:1\">\n"
            "  <user id=\"ola\" name=\"Ola\"/>\n"
            "</team>\n");
    tmp_put(&t, "team/staff.xml",
            "<team xmlns=\"urn:dealc:1\">\n"
            "  <user id=\"marek\" name=\"Marek\" role=\"manager\"/>\n"
            "  <user id=\"anna\" name=\"Anna\" role=\"administrator\"/>\n"
            "</team>\n");
    tmp_put(&t, "deal.xml",
            "<deal xmlns=\"urn:dealc:1\" id=\"d1\" process=\"p\" owner=\"ola\" created=\"2026-01-01\">\n"
            "  <title>T</title>\n"
            "  <attendee ref=\"marek\"/>\n"
            "  <log>\n"
            "    <done step=\"a\" by=\"anna\" at=\"2026-01-02T10:00:00Z\"/>\n"
            "    <done step=\"review\" by=\"marek\" at=\"2026-01-02T11:00:00Z\"/>\n"
            "    <won by=\"ola\" at=\"2026-01-03T10:00:00Z\"/>\n"
            "  </log>\n"
            "</deal>\n");
    struct run run;
    run_dir(&run, &t);
    if (run.r.diags.len)
        dump(&run);
    ck_assert_uint_eq(run.r.diags.len, 0);
    ck_assert_uint_eq(run.r.team.n_users, 3);
    ck_assert_uint_eq(run.n_seen, 1);
    ck_assert_int_eq(run.seen[0].status, DEAL_WON);
    ck_assert_uint_eq(run.seen[0].progress, 100);
    run_free(&run);
    tmp_remove(&t);
}
END_TEST

START_TEST(a_deal_sorting_before_its_process_and_team_is_evaluated)
{
    struct tmpdir t;
    tmp_make(&t);
    tmp_put(&t, "c-team.xml", TEAM);
    tmp_put(&t, "b-process.xml", PROCESS_P);
    put_deal(&t, "a-deal.xml", "d1", "p", "Early", 0);
    struct run run;
    run_dir(&run, &t);
    ck_assert_str_eq(input_path(&run, 0), "a-deal.xml");
    ck_assert_int_eq(run.r.inputs[0].kind, DOC_DEAL);
    ck_assert_int_eq(run.r.inputs[1].kind, DOC_PROCESS);
    ck_assert_int_eq(run.r.inputs[2].kind, DOC_TEAM);
    if (run.r.diags.len)
        dump(&run);
    ck_assert_uint_eq(run.r.diags.len, 0);
    ck_assert_uint_eq(run.r.files_read, 3);
    ck_assert_uint_eq(run.r.deals_evaluated, 1);
    ck_assert_uint_eq(run.n_seen, 1);
    ck_assert_str_eq(run.seen[0].id, "d1");
    ck_assert_int_eq(run.seen[0].status, DEAL_WON);
    ck_assert_uint_eq(run.seen[0].progress, 100);
    ck_assert_uint_eq(run.seen[0].n_diags, 0);
    run_free(&run);
    tmp_remove(&t);
}
END_TEST

START_TEST(a_broken_file_does_not_stop_the_others)
{
    struct tmpdir t;
    tmp_make(&t);
    tmp_put(&t, "team.xml", TEAM);
    tmp_put(&t, "process.xml", PROCESS_P);
    tmp_put(&t, "a-broken.xml",
            "<deal xmlns=\"urn:dealc:1\" id=\"broken\" process=\"p\" owner=\"ola\" created=\"2026-01-01\">\n"
            "  <title>T</titel><log/>\n"
            "</deal>\n");
    tmp_put(&t, "b-invalid.xml",
            "<deal xmlns=\"urn:dealc:1\" id=\"inv\" process=\"p\" owner=\"ola\">\n"
            "  <title>T</title><log/>\n"
            "</deal>\n");
    put_deal(&t, "c-deal.xml", "d1", "p", "Fine", 0);
    put_deal(&t, "d-orphan.xml", "d2", "nope", "Orphan", 0);
    struct run run;
    run_dir(&run, &t);
    ck_assert_uint_eq(count(&run, "xml-malformed", "a-broken.xml", 2), 1);
    ck_assert_uint_eq(count(&run, "schema-invalid", "b-invalid.xml", 1), 1);
    ck_assert_uint_eq(count(&run, "unknown-process", "d-orphan.xml", 1), 1);
    ck_assert_uint_eq(run.r.diags.len, 3);
    ck_assert_uint_eq(run.n_seen, 1);
    ck_assert_str_eq(run.seen[0].id, "d1");
    ck_assert_int_eq(run.seen[0].status, DEAL_WON);
    run_free(&run);
    tmp_remove(&t);
}
END_TEST

Suite *repo_suite(void)
{
    Suite *s = suite_create("repo");
    TCase *ids = tcase_create("ids");
    tcase_add_unchecked_fixture(ids, base_make, base_remove);
    tcase_add_test(ids, duplicate_deal_id_across_files_is_reported_at_the_second);
    tcase_add_test(ids, duplicate_deal_id_between_a_bulk_file_and_a_deal_file);
    tcase_add_test(ids, duplicate_process_id_is_reported_at_the_second_and_the_first_kept);
    tcase_add_test(ids, duplicate_user_id_across_team_documents);
    tcase_add_test(ids, a_deal_of_a_missing_process_is_unknown_process);
    tcase_add_test(ids, no_unknown_process_for_a_process_whose_document_is_invalid);
    suite_add_tcase(s, ids);

    TCase *inputs = tcase_create("inputs");
    tcase_add_unchecked_fixture(inputs, base_make, base_remove);
    tcase_add_test(inputs, inputs_are_taken_in_byte_order_of_paths);
    tcase_add_test(inputs, named_files_are_sorted_whatever_the_command_line_order);
    tcase_add_test(inputs, walk_skips_hidden_entries_and_other_files_and_passes_over_foreign_xml);
    tcase_add_test(inputs, team_users_spread_over_two_documents_form_one_team);
    tcase_add_test(inputs, a_deal_sorting_before_its_process_and_team_is_evaluated);
    tcase_add_test(inputs, a_broken_file_does_not_stop_the_others);
    suite_add_tcase(s, inputs);
    return s;
}
