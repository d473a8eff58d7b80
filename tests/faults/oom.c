/*
 * Out-of-memory paths of the loader (issue 7, "Faults"). Allocation N is
 * made to fail (or, with --from, N and every later one) while a document is
 * loaded with load_memory(), for N = 1, 2, ... until a load completes
 * without reaching allocation N. Every allocation counts: libxml2's (its
 * default xmlMalloc, xmlRealloc and xmlMemStrdup end in malloc, and so
 * would any allocator dealc installs for it with xmlMemSetup), the C
 * library's and dealc's own.
 *
 * Each load runs in a child process, so that a crash is seen as such and
 * the next N still runs. The load must return (with an error or not): the
 * child then exits 0. dealc's own allocations (xmalloc) end the process
 * with "dealc: out of memory" and exit status 2 by design, which counts as
 * a clean exit (the message is checked). A signal (SIGSEGV from a NULL
 * libxml2 did not check, SIGABRT from an assertion or glibc's heap checks),
 * any other exit, or a child still running after 20 seconds is a failure;
 * its N is printed so that it can be replayed: --only N, with OOM_TRACE=1
 * in the environment for the stack of the refused allocation.
 *
 * The built-in schemas are compiled once, before failures are switched on;
 * --schemas fails the allocations of schema_set_new() instead.
 *
 * Usage: oom [--from] [--walked] [--only N] [--max N] [--schemas] FILE...
 * Prints "oom: FILE: P allocation points, F failed" for each file, and
 * exits 1 when any child failed.
 */
#include "deal.h"
#include "diag.h"
#include "load.h"
#include "process.h"
#include "team.h"

#include <libxml/parser.h>

#include <errno.h>
#include <execinfo.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* ---- the failing allocator ---- */

/*
 * malloc, calloc and realloc are replaced for the whole process (the
 * program's own definitions take precedence over the C library's for every
 * shared library too): libxml2's default xmlMalloc, xmlRealloc and
 * xmlMemStrdup are these, and so would be any allocator dealc installs for
 * libxml2 with xmlMemSetup that ends in malloc. Failing at this level, below
 * every wrapper, is what a real out-of-memory looks like; failing inside
 * xmlMemSetup hooks instead would bypass a dealc allocator that turns
 * libxml2's failures into "dealc: out of memory".
 */
extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t count, size_t size);
extern void *__libc_realloc(void *p, size_t size);
extern void __libc_free(void *p);

void *malloc(size_t size);
void *calloc(size_t count, size_t size);
void *realloc(void *p, size_t size);
void free(void *p);

static unsigned long alloc_count; /* allocations since arming */
static unsigned long fail_at;     /* 0: never fail */
static bool fail_from;            /* fail every allocation from fail_at on */
static bool failed_one;           /* an allocation was refused */
static bool in_trace;

static bool refuse(void)
{
    if (!fail_at || in_trace)
        return false;
    alloc_count++;
    if (alloc_count == fail_at || (fail_from && alloc_count > fail_at)) {
        if (!failed_one && getenv("OOM_TRACE")) {
            /* Where the refused allocation was asked for (with --only N): on standard output. */
            in_trace = true;
            void *frames[32];
            int n = backtrace(frames, 32);
            backtrace_symbols_fd(frames, n, STDOUT_FILENO);
            in_trace = false;
        }
        failed_one = true;
        errno = ENOMEM;
        return true;
    }
    return false;
}

void *malloc(size_t size)
{
    return refuse() ? NULL : __libc_malloc(size);
}

void *calloc(size_t count, size_t size)
{
    return refuse() ? NULL : __libc_calloc(count, size);
}

void *realloc(void *p, size_t size)
{
    return refuse() ? NULL : __libc_realloc(p, size);
}

void free(void *p)
{
    __libc_free(p);
}

static void arm(unsigned long n)
{
    alloc_count = 0;
    failed_one = false;
    fail_at = n;
}

static void disarm(void)
{
    fail_at = 0;
}

/* ---- one load, as dealc's passes make it ---- */

struct sinks {
    struct team team;
    struct diag_list diags;
    struct team_builder *team_b;
    struct process_builder *process_b;
    struct deal_builder *deal_b;
    size_t deals;
};

static void on_deal(void *ctx, const struct deal *d)
{
    struct sinks *s = ctx;
    (void)d;
    s->deals++;
}

static const struct element_sink *choose(void *ctx, enum doc_kind kind, struct loader *L)
{
    (void)L;
    struct sinks *s = ctx;
    switch (kind) {
    case DOC_TEAM:
        s->team_b = team_builder_new(&s->team, &s->diags);
        return team_builder_sink(s->team_b);
    case DOC_PROCESS:
        s->process_b = process_builder_new();
        return process_builder_sink(s->process_b);
    case DOC_DEAL:
    case DOC_DEALS:
        s->deal_b = deal_builder_new(on_deal, s);
        return deal_builder_sink(s->deal_b, kind);
    case DOC_NONE:
        break;
    }
    return NULL;
}

static struct schema_set *schemas;

/* Loads the document; returns normally whatever happens inside. */
static void load_once(const char *path, const char *data, size_t size, bool named)
{
    struct sinks s;
    memset(&s, 0, sizeof(s));
    team_init(&s.team);
    struct load_request req = {
        .path = path,
        .file = 0,
        .named = named,
        .schemas = schemas,
        .diags = &s.diags,
        .choose = choose,
        .choose_ctx = &s,
    };
    struct load_result res;
    load_memory(&req, data, size, &res);
    /* What the loader said must be printable: walk every message. */
    size_t chars = 0;
    for (size_t i = 0; i < s.diags.len; i++)
        chars += strlen(s.diags.items[i].message);
    if (s.process_b) {
        struct process *p = res.outcome == LOAD_DONE && res.errors == 0 ? process_builder_take(s.process_b) : NULL;
        if (p)
            process_free(p);
        process_builder_free(s.process_b);
    }
    if (s.team_b)
        team_builder_free(s.team_b);
    if (s.deal_b)
        deal_builder_free(s.deal_b);
    team_free(&s.team);
    diag_free(&s.diags);
    (void)chars;
}

static char *slurp(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "oom: cannot read %s: %s\n", path, strerror(errno));
        exit(2);
    }
    size_t cap = 1 << 16, len = 0;
    char *buf = malloc(cap);
    size_t n;
    while (buf && (n = fread(buf + len, 1, cap - len, f)) > 0) {
        len += n;
        if (len == cap) {
            cap *= 2;
            buf = realloc(buf, cap);
        }
    }
    fclose(f);
    if (!buf) {
        fprintf(stderr, "oom: out of memory reading %s\n", path);
        exit(2);
    }
    *size = len;
    return buf;
}

/* ---- the driver ---- */

enum { CHILD_HIT = 0, CHILD_COMPLETE = 3, CHILD_SECONDS = 20 };

static int child_err = -1; /* the child's standard error, read back for exit status 2 */

/* Runs one load with allocation n failing; returns the child's wait status. */
static int run_child(const char *path, const char *data, size_t size, bool named, bool schema_mode,
                     unsigned long n)
{
    fflush(stdout);
    fflush(stderr);
    if (ftruncate(child_err, 0) != 0 || lseek(child_err, 0, SEEK_SET) != 0) {
        perror("oom: scratch file");
        exit(2);
    }
    pid_t pid = fork();
    if (pid < 0) {
        perror("oom: fork");
        exit(2);
    }
    if (pid == 0) {
        alarm(CHILD_SECONDS);
        /* libxml2's own complaints about the refused allocation land here. */
        if (dup2(child_err, STDERR_FILENO) < 0)
            _exit(4);
        arm(n);
        if (schema_mode) {
            struct schema_set *set = schema_set_new();
            disarm();
            if (set)
                schema_set_free(set);
        } else {
            load_once(path, data, size, named);
            disarm();
        }
        _exit(failed_one ? CHILD_HIT : CHILD_COMPLETE);
    }
    int status;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR) {
            perror("oom: waitpid");
            exit(2);
        }
    return status;
}

/* Exit status 2 is clean only as dealc's deliberate "dealc: out of memory", its last words. */
static bool said_out_of_memory(void)
{
    char buf[4096];
    off_t end = lseek(child_err, 0, SEEK_END);
    off_t from = end > (off_t)sizeof(buf) - 1 ? end - (off_t)sizeof(buf) + 1 : 0;
    ssize_t len = end > 0 ? pread(child_err, buf, sizeof(buf) - 1, from) : 0;
    if (len <= 0)
        return false;
    buf[len] = 0;
    return strstr(buf, "dealc: out of memory\n") != NULL;
}

static void describe(int status, char *buf, size_t len)
{
    if (WIFSIGNALED(status))
        snprintf(buf, len, "killed by signal %d (%s)%s", WTERMSIG(status), strsignal(WTERMSIG(status)),
                 WTERMSIG(status) == SIGALRM ? ": took longer than 20 s" : "");
    else
        snprintf(buf, len, "exit status %d%s", WEXITSTATUS(status),
                 WEXITSTATUS(status) == 2 ? " without \"dealc: out of memory\"" : "");
}

/* Returns the number of failing children for this file (or the schema set). */
static unsigned long sweep(const char *path, bool named, bool schema_mode, unsigned long only,
                           unsigned long max)
{
    size_t size = 0;
    char *data = schema_mode ? NULL : slurp(path, &size);
    unsigned long points = 0, bad = 0;
    for (unsigned long n = only ? only : 1; !max || n <= max; n++) {
        int status = run_child(path, data, size, named, schema_mode, n);
        if (WIFEXITED(status) && WEXITSTATUS(status) == CHILD_COMPLETE)
            break; /* fewer than n allocations: every point was tried */
        points++;
        /* 0: returned after the refusal; 2: "dealc: out of memory", by design. */
        bool clean = WIFEXITED(status) &&
                     (WEXITSTATUS(status) == CHILD_HIT || (WEXITSTATUS(status) == 2 && said_out_of_memory()));
        if (!clean) {
            char what[160];
            describe(status, what, sizeof(what));
            if (bad < 20)
                printf("oom: %s: allocation %lu failing%s: %s (replay: --only %lu%s)\n",
                       schema_mode ? "schema_set_new" : path, n, fail_from ? " and every later one" : "",
                       what, n, fail_from ? " --from" : "");
            bad++;
        }
        if (only)
            break;
    }
    printf("oom: %s%s: %lu allocation points, %lu failed\n", schema_mode ? "schema_set_new" : path,
           named ? "" : " (walked)", points, bad);
    free(data);
    return bad;
}

int main(int argc, char **argv)
{
    unsigned long only = 0, max = 0;
    bool schema_mode = false, walked = false;
    int i = 1;
    for (; i < argc && argv[i][0] == '-'; i++) {
        if (!strcmp(argv[i], "--from"))
            fail_from = true;
        else if (!strcmp(argv[i], "--walked"))
            walked = true;
        else if (!strcmp(argv[i], "--schemas"))
            schema_mode = true;
        else if (!strcmp(argv[i], "--only") && i + 1 < argc)
            only = strtoul(argv[++i], NULL, 10);
        else if (!strcmp(argv[i], "--max") && i + 1 < argc)
            max = strtoul(argv[++i], NULL, 10);
        else {
            fprintf(stderr, "usage: oom [--from] [--walked] [--only N] [--max N] [--schemas] FILE...\n");
            return 2;
        }
    }
    char scratch[] = "/tmp/dealc-oom-XXXXXX";
    child_err = mkstemp(scratch);
    if (child_err < 0) {
        perror("oom: mkstemp");
        return 2;
    }
    unlink(scratch);
    xmlInitParser();
    unsigned long bad = 0;
    if (schema_mode) {
        bad += sweep("schemas", true, true, only, max);
    } else {
        schemas = schema_set_new();
        if (!schemas) {
            fprintf(stderr, "oom: the built-in schemas do not compile\n");
            return 2;
        }
        for (; i < argc; i++)
            bad += sweep(argv[i], !walked, false, only, max);
        schema_set_free(schemas);
    }
    xmlCleanupParser();
    return bad ? 1 : 0;
}
