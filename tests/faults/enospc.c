/*
 * An LD_PRELOAD shim that simulates a full disk: every file opened for
 * writing under the folder FAULT_DISK (an absolute, canonical path) shares
 * a capacity of FAULT_DISK_BYTES bytes; once it is used up, writes to those
 * files fail with ENOSPC (a write that straddles the limit is cut short, as
 * on a real disk). Other files, and the standard streams, are untouched.
 *
 * Two routes lead to the disk and both are covered:
 *   - write(2), writev(2), pwrite(2) on a descriptor from open, openat,
 *     creat or mkstemp/mkostemp under FAULT_DISK;
 *   - stdio: glibc's fwrite and fflush call its internal write directly,
 *     past any LD_PRELOAD, so fopen/fopen64 (libxml2 and libxslt write
 *     through them) and fdopen (dealc's atomic output) return, for such a
 *     file, a fopencookie stream whose writes go through the same budget;
 *     fileno() on it gives the real descriptor (for fsync).
 *
 * FAULT_DISK_LOG, when set, names a file that gets one line per refused
 * write, so a test can show the fault was actually hit.
 *
 * Built by tests/faults/run.sh: cc -shared -fPIC -o enospc.so enospc.c -ldl
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>

enum { MAX_FD = 65536, MAX_STREAMS = 256 };

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static unsigned char on_disk[MAX_FD]; /* descriptors of files on the full disk */
static long long capacity = -1;       /* bytes; -1: not configured yet */
static long long used;
static const char *disk;
static size_t disk_len;

struct stream {
    FILE *fp;
    int fd;
};
static struct stream streams[MAX_STREAMS];

static ssize_t (*real_write)(int, const void *, size_t);
static ssize_t (*real_pwrite)(int, const void *, size_t, off_t);
static int (*real_close)(int);
static int (*real_open)(const char *, int, ...);
static int (*real_openat)(int, const char *, int, ...);
static int (*real_mkstemp)(char *);
static int (*real_mkostemp)(char *, int);
static FILE *(*real_fopen)(const char *, const char *);
static FILE *(*real_fopen64)(const char *, const char *);
static FILE *(*real_fdopen)(int, const char *);
static int (*real_fileno)(FILE *);

static void setup(void)
{
    if (capacity >= 0)
        return;
    real_write = dlsym(RTLD_NEXT, "write");
    real_pwrite = dlsym(RTLD_NEXT, "pwrite");
    real_close = dlsym(RTLD_NEXT, "close");
    real_open = dlsym(RTLD_NEXT, "open");
    real_openat = dlsym(RTLD_NEXT, "openat");
    real_mkstemp = dlsym(RTLD_NEXT, "mkstemp");
    real_mkostemp = dlsym(RTLD_NEXT, "mkostemp");
    real_fopen = dlsym(RTLD_NEXT, "fopen");
    real_fopen64 = dlsym(RTLD_NEXT, "fopen64");
    real_fdopen = dlsym(RTLD_NEXT, "fdopen");
    real_fileno = dlsym(RTLD_NEXT, "fileno");
    disk = getenv("FAULT_DISK");
    disk_len = disk ? strlen(disk) : 0;
    const char *bytes = getenv("FAULT_DISK_BYTES");
    capacity = bytes ? atoll(bytes) : 0;
}

__attribute__((constructor)) static void init(void)
{
    setup();
}

/* Is path (relative to dirfd) under FAULT_DISK? Only the folder prefix is compared. */
static int under_disk(int dirfd, const char *path)
{
    setup();
    if (!disk_len || !path)
        return 0;
    char full[PATH_MAX * 2];
    if (path[0] == '/') {
        snprintf(full, sizeof(full), "%s", path);
    } else {
        char base[PATH_MAX];
        if (dirfd == AT_FDCWD) {
            if (!getcwd(base, sizeof(base)))
                return 0;
        } else {
            char link[64];
            snprintf(link, sizeof(link), "/proc/self/fd/%d", dirfd);
            ssize_t n = readlink(link, base, sizeof(base) - 1);
            if (n < 0)
                return 0;
            base[n] = 0;
        }
        snprintf(full, sizeof(full), "%s/%s", base, path);
    }
    return strncmp(full, disk, disk_len) == 0 && (full[disk_len] == '/' || full[disk_len] == 0 ||
                                                  disk[disk_len - 1] == '/');
}

static void mark(int fd, int yes)
{
    if (fd >= 0 && fd < MAX_FD)
        on_disk[fd] = (unsigned char)(yes != 0);
}

static int marked(int fd)
{
    return fd >= 0 && fd < MAX_FD && on_disk[fd];
}

static void log_refusal(int fd, size_t n)
{
    const char *log = getenv("FAULT_DISK_LOG");
    if (!log)
        return;
    int lfd = real_open(log, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
    if (lfd < 0)
        return;
    char line[128];
    int len = snprintf(line, sizeof(line), "ENOSPC fd %d, %zu bytes refused, %lld used\n", fd, n, used);
    if (len > 0)
        real_write(lfd, line, (size_t)len);
    real_close(lfd);
}

/* How much of n bytes the disk takes now; 0 with errno ENOSPC when full. */
static size_t take(int fd, size_t n)
{
    pthread_mutex_lock(&mu);
    long long room = capacity - used;
    size_t ok = room <= 0 ? 0 : (long long)n > room ? (size_t)room : n;
    used += (long long)ok;
    pthread_mutex_unlock(&mu);
    if (ok == 0 && n > 0)
        log_refusal(fd, n);
    return ok;
}

static void give_back(size_t n)
{
    pthread_mutex_lock(&mu);
    used -= (long long)n;
    pthread_mutex_unlock(&mu);
}

static ssize_t disk_write(int fd, const void *buf, size_t n)
{
    size_t ok = take(fd, n);
    if (n > 0 && ok == 0) {
        errno = ENOSPC;
        return -1;
    }
    ssize_t w = real_write(fd, buf, ok);
    if (w < 0)
        give_back(ok);
    else if ((size_t)w < ok)
        give_back(ok - (size_t)w);
    return w;
}

/* ---- descriptors ---- */

ssize_t write(int fd, const void *buf, size_t n)
{
    setup();
    return marked(fd) ? disk_write(fd, buf, n) : real_write(fd, buf, n);
}

ssize_t pwrite(int fd, const void *buf, size_t n, off_t off)
{
    setup();
    if (!marked(fd))
        return real_pwrite(fd, buf, n, off);
    size_t ok = take(fd, n);
    if (n > 0 && ok == 0) {
        errno = ENOSPC;
        return -1;
    }
    return real_pwrite(fd, buf, ok, off);
}

ssize_t pwrite64(int fd, const void *buf, size_t n, off_t off)
{
    return pwrite(fd, buf, n, off);
}

ssize_t writev(int fd, const struct iovec *iov, int count)
{
    setup();
    ssize_t total = 0;
    for (int i = 0; i < count; i++) {
        ssize_t w = write(fd, iov[i].iov_base, iov[i].iov_len);
        if (w < 0)
            return total ? total : -1;
        total += w;
        if ((size_t)w < iov[i].iov_len)
            break;
    }
    return total;
}

static int wants_write(int flags)
{
    return (flags & O_ACCMODE) != O_RDONLY;
}

int open(const char *path, int flags, ...)
{
    setup();
    mode_t mode = 0;
    if (flags & (O_CREAT | O_TMPFILE)) {
        va_list ap;
        va_start(ap, flags);
        mode = (mode_t)va_arg(ap, int);
        va_end(ap);
    }
    int fd = real_open(path, flags, mode);
    if (fd >= 0)
        mark(fd, wants_write(flags) && under_disk(AT_FDCWD, path));
    return fd;
}

int open64(const char *path, int flags, ...)
{
    mode_t mode = 0;
    if (flags & (O_CREAT | O_TMPFILE)) {
        va_list ap;
        va_start(ap, flags);
        mode = (mode_t)va_arg(ap, int);
        va_end(ap);
    }
    return open(path, flags, mode);
}

int openat(int dirfd, const char *path, int flags, ...)
{
    setup();
    mode_t mode = 0;
    if (flags & (O_CREAT | O_TMPFILE)) {
        va_list ap;
        va_start(ap, flags);
        mode = (mode_t)va_arg(ap, int);
        va_end(ap);
    }
    int fd = real_openat(dirfd, path, flags, mode);
    if (fd >= 0)
        mark(fd, wants_write(flags) && under_disk(dirfd, path));
    return fd;
}

int openat64(int dirfd, const char *path, int flags, ...)
{
    mode_t mode = 0;
    if (flags & (O_CREAT | O_TMPFILE)) {
        va_list ap;
        va_start(ap, flags);
        mode = (mode_t)va_arg(ap, int);
        va_end(ap);
    }
    return openat(dirfd, path, flags, mode);
}

int creat(const char *path, mode_t mode)
{
    return open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
}

int creat64(const char *path, mode_t mode)
{
    return creat(path, mode);
}

int mkstemp(char *tmpl)
{
    setup();
    int fd = real_mkstemp(tmpl);
    if (fd >= 0)
        mark(fd, under_disk(AT_FDCWD, tmpl));
    return fd;
}

int mkstemp64(char *tmpl)
{
    return mkstemp(tmpl);
}

int mkostemp(char *tmpl, int flags)
{
    setup();
    int fd = real_mkostemp(tmpl, flags);
    if (fd >= 0)
        mark(fd, under_disk(AT_FDCWD, tmpl));
    return fd;
}

int close(int fd)
{
    setup();
    mark(fd, 0);
    return real_close(fd);
}

/* ---- streams ---- */

static ssize_t cookie_write(void *c, const char *buf, size_t n)
{
    int fd = (int)(intptr_t)c;
    size_t done = 0;
    while (done < n) {
        ssize_t w = disk_write(fd, buf + done, n - done);
        if (w < 0)
            return done ? (ssize_t)done : -1;
        done += (size_t)w;
    }
    return (ssize_t)done;
}

static ssize_t cookie_read(void *c, char *buf, size_t n)
{
    return read((int)(intptr_t)c, buf, n);
}

static int cookie_seek(void *c, off64_t *off, int whence)
{
    off_t r = lseek((int)(intptr_t)c, (off_t)*off, whence);
    if (r < 0)
        return -1;
    *off = r;
    return 0;
}

static int cookie_close(void *c)
{
    int fd = (int)(intptr_t)c;
    pthread_mutex_lock(&mu);
    for (int i = 0; i < MAX_STREAMS; i++)
        if (streams[i].fp && streams[i].fd == fd)
            streams[i].fp = NULL;
    pthread_mutex_unlock(&mu);
    return close(fd);
}

/* A stream on fd whose writes go through the disk's budget. */
static FILE *disk_stream(int fd, const char *mode)
{
    cookie_io_functions_t io = {cookie_read, cookie_write, cookie_seek, cookie_close};
    FILE *fp = fopencookie((void *)(intptr_t)fd, mode, io);
    if (!fp) {
        int e = errno;
        close(fd);
        errno = e;
        return NULL;
    }
    pthread_mutex_lock(&mu);
    for (int i = 0; i < MAX_STREAMS; i++)
        if (!streams[i].fp) {
            streams[i].fp = fp;
            streams[i].fd = fd;
            break;
        }
    pthread_mutex_unlock(&mu);
    return fp;
}

static int mode_writes(const char *mode)
{
    return mode && (strchr(mode, 'w') || strchr(mode, 'a') || strchr(mode, '+'));
}

static int open_flags(const char *mode)
{
    int flags = strchr(mode, '+') ? O_RDWR : O_WRONLY;
    if (mode[0] == 'w')
        flags |= O_CREAT | O_TRUNC;
    else if (mode[0] == 'a')
        flags |= O_CREAT | O_APPEND;
    if (strchr(mode, 'e'))
        flags |= O_CLOEXEC;
    if (strchr(mode, 'x'))
        flags |= O_EXCL;
    return flags;
}

static FILE *disk_fopen(const char *path, const char *mode, FILE *(*real)(const char *, const char *))
{
    setup();
    if (!mode_writes(mode) || mode[0] == 'r' || !under_disk(AT_FDCWD, path))
        return real(path, mode);
    int fd = real_open(path, open_flags(mode), 0666);
    if (fd < 0)
        return NULL;
    mark(fd, 1);
    return disk_stream(fd, mode);
}

FILE *fopen(const char *path, const char *mode)
{
    setup();
    return disk_fopen(path, mode, real_fopen);
}

FILE *fopen64(const char *path, const char *mode)
{
    setup();
    return disk_fopen(path, mode, real_fopen64);
}

FILE *fdopen(int fd, const char *mode)
{
    setup();
    if (!marked(fd) || !mode_writes(mode))
        return real_fdopen(fd, mode);
    return disk_stream(fd, mode);
}

int fileno(FILE *fp)
{
    setup();
    pthread_mutex_lock(&mu);
    for (int i = 0; i < MAX_STREAMS; i++)
        if (streams[i].fp == fp) {
            int fd = streams[i].fd;
            pthread_mutex_unlock(&mu);
            return fd;
        }
    pthread_mutex_unlock(&mu);
    return real_fileno(fp);
}
