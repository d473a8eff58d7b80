/*
 * libFuzzer harness: a whole run over a small repository. The input is cut
 * on the separator "\n--8<--\n" into at most four documents, written to
 *   DIR/a.xml  DIR/b/c.xml  DIR/b/d.xml  DIR/e.xml
 * (the fourth takes the rest, separators and all) in a folder made once per
 * process with mkdtemp under $TMPDIR (removed at exit); the files are rewritten for every input and those
 * the input does not fill are removed. Then the real run, as `dealc eval`
 * does it: walk the folder, load the definitions, stream the deals to the
 * state writer (XML), hand out the diagnostics as they become final and
 * print them, free everything. The first input and every other one after
 * it also runs on two threads (the pipeline with workers; every other time
 * with deals files cut into tiny pieces), and its output must be
 * byte-identical to the one-thread run; the state document must be
 * well-formed XML.
 */
#include "common.h"

#include "diag_print.h"
#include "repo.h"
#include "state.h"
#include "walk.h"
#include "xsdtime.h"

#include <errno.h>
#include <limits.h>
#include <sys/stat.h>
#include <unistd.h>

#define SEPARATOR "\n--8<--\n"
enum { MAX_DOCS = 4 };
static const char *const doc_names[MAX_DOCS] = {"a.xml", "b/c.xml", "b/d.xml", "e.xml"};

static char dir[PATH_MAX];
static int32_t as_of_day;
static unsigned long inputs_seen;

static void remove_dir(void)
{
    char path[PATH_MAX + 16];
    for (size_t i = 0; i < MAX_DOCS; i++) {
        snprintf(path, sizeof(path), "%s/%s", dir, doc_names[i]);
        unlink(path);
    }
    snprintf(path, sizeof(path), "%s/b", dir);
    rmdir(path);
    rmdir(dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    xmlInitParser();
    if (!parse_xsd_date(FUZZ_AS_OF, &as_of_day))
        abort();
    /* make fuzz points TMPDIR into build/fuzz/, where a crash's leftover folder does no harm. */
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, sizeof(dir), "%s/dealc-fuzz-XXXXXX",
             tmp && *tmp && strlen(tmp) < sizeof(dir) - 20 ? tmp : "/tmp");
    if (!mkdtemp(dir)) {
        perror("fuzz: mkdtemp");
        abort();
    }
    char sub[PATH_MAX + 16];
    snprintf(sub, sizeof(sub), "%s/b", dir);
    if (mkdir(sub, 0700) != 0) {
        perror("fuzz: mkdir");
        abort();
    }
    atexit(remove_dir);
    return 0;
}

static void put(const char *rel, const uint8_t *data, size_t size)
{
    char path[PATH_MAX + 16];
    snprintf(path, sizeof(path), "%s/%s", dir, rel);
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0) {
        fprintf(stderr, "fuzz: cannot write %s: %s\n", path, strerror(errno));
        abort();
    }
}

static const uint8_t *find_separator(const uint8_t *p, const uint8_t *end)
{
    size_t n = strlen(SEPARATOR);
    for (; (size_t)(end - p) >= n; p++)
        if (*p == SEPARATOR[0] && memcmp(p, SEPARATOR, n) == 0)
            return p;
    return NULL;
}

/* ---- one run ---- */

struct run {
    struct repo *r;
    struct state_writer *sw;
    FILE *text;
};

static const char *path_of(const void *ctx, uint32_t file)
{
    return repo_input_path(ctx, file);
}

static void on_diag(void *ctx, const struct diag *d)
{
    struct run *run = ctx;
    state_note_diag(run->sw, d);
    diag_print_one(run->text, d, path_of, run->r, false);
}

/*
 * The whole run on jobs threads; out receives the state and then the
 * diagnostics. With tiny_pieces, every deals file is cut into pieces at
 * (nearly) every deal and nothing is kept from pass 1: the splitter and the
 * held pieces, which a run meets only in files of megabytes, meet inputs of
 * a few hundred bytes.
 */
static void run_repo(unsigned jobs, bool tiny_pieces, struct fuzz_out *state_out, struct fuzz_out *text_out)
{
    struct input_list list = {0};
    char *paths[] = {dir};
    walk_paths(&list, paths, 1);
    struct repo r;
    if (!repo_init(&r, &list, as_of_day))
        abort();
    r.jobs = jobs;
    if (tiny_pieces) {
        r.split_min = 1;
        r.piece_target = 1;
        r.keep_total = 0;
    }
    struct run run = {&r, state_writer_new(fuzz_out_open(state_out), EMIT_XML, &r),
                      fuzz_out_open(text_out)};
    repo_load_definitions(&r);
    state_write_head(run.sw);
    r.emit = on_diag;
    r.emit_ctx = &run;
    struct repo_consumer consumer = state_consumer(run.sw);
    repo_evaluate_deals(&r, &consumer);
    repo_flush_diags(&r);
    r.emit = NULL;
    if (!state_write_tail(run.sw))
        abort();
    fprintf(run.text, "%zu errors, %zu warnings, %zu deals, %zu evaluated, %d unreadable\n",
            r.diags.counts[SEV_ERROR], r.diags.counts[SEV_WARNING], r.deals_seen,
            r.deals_evaluated, r.io_failures);
    fuzz_out_close(state_out);
    fuzz_out_close(text_out);
    repo_free(&r);
    input_list_free(&list);
}

static void same(const char *what, const struct fuzz_out *a, const struct fuzz_out *b)
{
    if (a->len == b->len && memcmp(a->buf, b->buf, a->len) == 0)
        return;
    fprintf(stderr, "fuzz oracle: %s differs between -j1 and -j2\n--- -j1 ---\n", what);
    fwrite(a->buf, 1, a->len > 8192 ? 8192 : a->len, stderr);
    fputs("\n--- -j2 ---\n", stderr);
    fwrite(b->buf, 1, b->len > 8192 ? 8192 : b->len, stderr);
    fputs("\n---\n", stderr);
    abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *p = data, *end = data + size;
    size_t n = 0;
    while (n < MAX_DOCS) {
        const uint8_t *sep = n + 1 < MAX_DOCS ? find_separator(p, end) : NULL;
        const uint8_t *stop = sep ? sep : end;
        put(doc_names[n++], p, (size_t)(stop - p));
        if (!sep)
            break;
        p = sep + strlen(SEPARATOR);
    }
    for (size_t i = n; i < MAX_DOCS; i++) {
        char path[PATH_MAX + 16];
        snprintf(path, sizeof(path), "%s/%s", dir, doc_names[i]);
        unlink(path);
    }

    struct fuzz_out state1, text1;
    run_repo(1, false, &state1, &text1);
    fuzz_check_xml("state XML", state1.buf, state1.len);
    /* A replay of the findings (make fuzz-replay) runs each input both ways, whatever came before it. */
    bool every_way = getenv("DEALC_FUZZ_EVERY_WAY") != NULL;
    for (int tiny = 0; tiny < 2; tiny++) {
        /* Else every other input, alternately with tiny pieces and without. */
        bool this_way = inputs_seen % 2 == 0 && tiny == (inputs_seen % 4 == 0);
        if (!every_way && !this_way)
            continue;
        struct fuzz_out state2, text2;
        run_repo(2, tiny, &state2, &text2);
        same("the state document", &state1, &state2);
        same("the diagnostics", &text1, &text2);
        fuzz_out_free(&state2);
        fuzz_out_free(&text2);
    }
    inputs_seen++;
    fuzz_out_free(&state1);
    fuzz_out_free(&text1);
    return 0;
}
