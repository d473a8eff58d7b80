/*
 * Running git; see gitio.h.
 */
#include "gitio.h"

#include "util.h"

#include <errno.h>
#include <limits.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

bool run_capture(char *const argv[], char **out, size_t *len)
{
    int fds[2];
    if (pipe(fds) != 0)
        return false;
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, fds[0]);
    posix_spawn_file_actions_addclose(&actions, fds[1]);
    pid_t pid;
    int rc = posix_spawnp(&pid, argv[0], &actions, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    close(fds[1]);
    if (rc != 0) {
        close(fds[0]);
        errno = rc;
        return false;
    }
    struct strbuf sb = {0};
    char buf[65536];
    for (;;) {
        ssize_t n = read(fds[0], buf, sizeof(buf));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        sb_add(&sb, buf, (size_t)n);
    }
    close(fds[0]);
    int status;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        sb_free(&sb);
        return false;
    }
    *len = sb.len;
    *out = sb.buf ? sb.buf : xstrdup("");
    return true;
}

bool git_show(const char *spec, char **data, size_t *len)
{
    char *argv[] = {"git", "show", (char *)spec, NULL};
    if (run_capture(argv, data, len))
        return true;
    fprintf(stderr, "dealc: git cannot show %s\n", spec);
    return false;
}

void free_string_list(char **list)
{
    if (!list)
        return;
    for (char **p = list; *p; p++)
        free(*p);
    free(list);
}

char *canonical_path(const char *path)
{
    return realpath(path, NULL);
}

/* Splits NUL-separated names and prefixes each with top. */
static void add_names(char ***list, size_t *n, size_t *cap, const char *top, const char *names,
                      size_t len)
{
    for (const char *p = names; p < names + len; p += strlen(p) + 1) {
        if (!*p)
            continue;
        size_t size = strlen(top) + strlen(p) + 2;
        char *full = xmalloc(size);
        snprintf(full, size, "%s/%s", top, p);
        GROW(*list, *cap, *n + 2);
        (*list)[(*n)++] = full;
        (*list)[*n] = NULL;
    }
}

char *git_toplevel(void)
{
    char *top;
    size_t len;
    char *argv[] = {"git", "rev-parse", "--show-toplevel", NULL};
    if (!run_capture(argv, &top, &len)) {
        fputs("dealc: not in a Git working tree (git rev-parse failed)\n", stderr);
        return NULL;
    }
    while (len && (top[len - 1] == '\n' || top[len - 1] == '\r'))
        top[--len] = '\0';
    char *canonical = canonical_path(top);
    free(top);
    return canonical;
}

char **git_changed_since(const char *top, const char *rev)
{
    char *diff = NULL, *untracked = NULL;
    size_t diff_len, untracked_len;
    char *diff_argv[] = {"git", "diff", "--name-only", "-z", "--no-renames", (char *)rev, "--", NULL};
    char *untracked_argv[] = {"git", "ls-files", "-z", "--others", "--exclude-standard", "--full-name",
                              NULL};
    char **list = NULL;
    size_t n = 0, cap = 0;
    /* git diff names paths from the top of the tree, whatever the current folder. */
    if (!run_capture(diff_argv, &diff, &diff_len)) {
        fprintf(stderr, "dealc: git cannot compare the working tree with '%s'\n", rev);
        return NULL;
    }
    /* ls-files lists relative to the current folder unless --full-name; run it from the top. */
    char cwd[PATH_MAX];
    bool have_cwd = getcwd(cwd, sizeof(cwd)) != NULL;
    if (have_cwd && chdir(top) == 0) {
        run_capture(untracked_argv, &untracked, &untracked_len);
        if (chdir(cwd) != 0)
            perror("dealc: cannot return to the current folder");
    }
    GROW(list, cap, 1);
    list[0] = NULL;
    add_names(&list, &n, &cap, top, diff, diff_len);
    if (untracked)
        add_names(&list, &n, &cap, top, untracked, untracked_len);
    free(diff);
    free(untracked);
    return list;
}
