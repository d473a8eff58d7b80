/*
 * Atomic output files; see output.h.
 */
#include "output.h"

#include "util.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

bool atomic_open(struct atomic_file *af, const char *path)
{
    memset(af, 0, sizeof(*af));
    struct stat st;
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        af->fp = fopen(path, "w");
        if (!af->fp) {
            fprintf(stderr, "dealc: cannot write %s: %s\n", path, strerror(errno));
            return false;
        }
        af->path = xstrdup(path);
        return true;
    }
    size_t len = strlen(path) + 16;
    af->tmp = xmalloc(len);
    snprintf(af->tmp, len, "%s.tmp.XXXXXX", path);
    int fd = mkstemp(af->tmp);
    if (fd >= 0) {
        /* mkstemp makes the file private; the output gets the usual mode, as with fopen. */
        mode_t mask = umask(0);
        umask(mask);
        fchmod(fd, 0666 & ~mask);
    }
    if (fd < 0) {
        fprintf(stderr, "dealc: cannot write %s: %s\n", path, strerror(errno));
        free(af->tmp);
        af->tmp = NULL;
        return false;
    }
    af->fp = fdopen(fd, "w");
    if (!af->fp) {
        fprintf(stderr, "dealc: cannot write %s: %s\n", path, strerror(errno));
        close(fd);
        unlink(af->tmp);
        free(af->tmp);
        af->tmp = NULL;
        return false;
    }
    af->path = xstrdup(path);
    return true;
}

static void release(struct atomic_file *af)
{
    free(af->path);
    free(af->tmp);
    memset(af, 0, sizeof(*af));
}

bool atomic_commit(struct atomic_file *af)
{
    int err = 0;
    if (fflush(af->fp) != 0 || ferror(af->fp))
        err = errno ? errno : EIO;
    if (!err && af->tmp && fsync(fileno(af->fp)) != 0)
        err = errno;
    if (fclose(af->fp) != 0 && !err)
        err = errno ? errno : EIO;
    af->fp = NULL;
    if (!err && af->tmp && rename(af->tmp, af->path) != 0)
        err = errno;
    if (err) {
        fprintf(stderr, "dealc: cannot write %s: %s\n", af->path, strerror(err));
        if (af->tmp)
            unlink(af->tmp);
    }
    release(af);
    return err == 0;
}

void atomic_abort(struct atomic_file *af)
{
    if (af->fp)
        fclose(af->fp);
    if (af->tmp)
        unlink(af->tmp);
    release(af);
}

const char *scratch_dir(void)
{
    const char *dir = getenv("TMPDIR");
    return dir && *dir ? dir : "/tmp";
}

FILE *scratch_file(void)
{
    char path[4096];
    if (snprintf(path, sizeof(path), "%s/dealc-XXXXXX", scratch_dir()) >= (int)sizeof(path)) {
        errno = ENAMETOOLONG;
        return NULL;
    }
    int fd = mkstemp(path);
    if (fd < 0)
        return NULL;
    unlink(path);
    FILE *f = fdopen(fd, "w+");
    if (!f) {
        int err = errno;
        close(fd);
        errno = err;
    }
    return f;
}
