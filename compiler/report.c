/*
 * The report renderer; see report.h.
 */
#define _GNU_SOURCE /* renameat2 */
#include "report.h"

#include "embed.h"
#include "shortlist.h"
#include "state.h"
#include "util.h"

#include <libexslt/exslt.h>
#include <libxml/parser.h>
#include <libxslt/security.h>
#include <libxslt/transform.h>
#include <libxslt/xsltInternals.h>
#include <libxslt/xsltutils.h>

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct render {
    char *staging; /* absolute path of the folder being written */
    struct strbuf errors;
};

static void collect_error(void *ctx, const char *fmt, ...)
{
    struct render *rd = ctx;
    va_list ap;
    va_start(ap, fmt);
    sb_vaddf(&rd->errors, fmt, ap);
    va_end(ap);
}

/* dealc's own message, on a line of its own even after a piece libxml2 left open. */
static void add_error(struct render *rd, const char *fmt, ...) DEALC_PRINTF(2, 3);
static void add_error(struct render *rd, const char *fmt, ...)
{
    if (rd->errors.len && rd->errors.buf[rd->errors.len - 1] != '\n')
        sb_addc(&rd->errors, '\n');
    va_list ap;
    va_start(ap, fmt);
    sb_vaddf(&rd->errors, fmt, ap);
    va_end(ap);
}

/* Writes are allowed only to plain paths inside the staging folder. */
static int inside_staging(xsltSecurityPrefsPtr sec, xsltTransformContextPtr ctxt, const char *value)
{
    (void)sec;
    const struct render *rd = ctxt ? ctxt->_private : NULL;
    if (!rd || !value)
        return 0;
    const char *path = value;
    if (!strncmp(path, "file://", 7))
        path += 7;
    size_t n = strlen(rd->staging);
    if (strncmp(path, rd->staging, n) != 0 || path[n] != '/')
        return 0;
    if (strstr(path, "/../") || strstr(path, "/./") || strstr(path, "//"))
        return 0;
    size_t len = strlen(path);
    if (len >= 3 && !strcmp(path + len - 3, "/.."))
        return 0;
    return 1;
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(path);
}

static void remove_tree(const char *path)
{
    nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

static bool write_file(const char *dir, const char *name, const unsigned char *data, size_t size)
{
    char path[4096];
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (!f)
        return false;
    bool ok = fwrite(data, 1, size, f) == size;
    return fclose(f) == 0 && ok;
}

static xsltStylesheetPtr load_stylesheet(const struct report_options *opt, struct render *rd)
{
    xmlDocPtr doc;
    if (opt->stylesheet) {
        doc = xmlReadFile(opt->stylesheet, NULL, XML_PARSE_NONET | XML_PARSE_NOCDATA);
    } else {
        const struct embedded_file *f = embedded_find("reports/report.xsl");
        if (!f) {
            add_error(rd, "%s", "the built-in stylesheet is missing from this build\n");
            return NULL;
        }
        doc = xmlReadMemory((const char *)f->data, (int)f->size, "reports/report.xsl", NULL,
                            XML_PARSE_NONET | XML_PARSE_NOCDATA);
    }
    if (!doc) {
        add_error(rd, "cannot read the stylesheet %s\n", opt->stylesheet ? opt->stylesheet : "");
        return NULL;
    }
    if (doc->intSubset || doc->extSubset) {
        add_error(rd, "%s", "the stylesheet carries a DOCTYPE, which dealc refuses\n");
        xmlFreeDoc(doc);
        return NULL;
    }
    xsltStylesheetPtr style = xsltParseStylesheetDoc(doc);
    if (!style) {
        xmlFreeDoc(doc);
        add_error(rd, "%s", "the stylesheet is not valid XSLT\n");
    }
    return style;
}

/* Puts staging in place of dir: an atomic exchange when dir exists. */
static bool swap_into_place(const char *staging, const char *dir)
{
    struct stat st;
    if (lstat(dir, &st) != 0)
        return rename(staging, dir) == 0;
    if (!S_ISDIR(st.st_mode)) {
        errno = ENOTDIR;
        return false;
    }
    if (renameat2(AT_FDCWD, staging, AT_FDCWD, dir, RENAME_EXCHANGE) != 0)
        return false;
    remove_tree(staging); /* now the old report */
    return true;
}

static xmlNodePtr deals_element(xmlDocPtr doc)
{
    xmlNodePtr root = xmlDocGetRootElement(doc);
    for (xmlNodePtr n = root ? root->children : NULL; n; n = n->next)
        if (n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, "deals"))
            return n;
    return NULL;
}

/* One transformation under the render's security preferences; false on an error. */
static bool transform(xsltStylesheetPtr style, xmlDocPtr doc, const char **params,
                      xsltSecurityPrefsPtr prefs, struct render *rd, const char *index)
{
    xsltTransformContextPtr ctxt = xsltNewTransformContext(style, doc);
    if (!ctxt)
        return false;
    ctxt->_private = rd;
    xsltSetCtxtSecurityPrefs(prefs, ctxt);
    xsltSetTransformErrorFunc(ctxt, rd, collect_error);
    xmlDocPtr result = xsltApplyStylesheetUser(style, doc, params, index, NULL, ctxt);
    bool ok = result && ctxt->state != XSLT_STATE_ERROR && ctxt->state != XSLT_STATE_STOPPED;
    /* The built-in stylesheet writes every page itself; one that returns a page gets it as index.html. */
    if (ok && result->children && xsltSaveResultToFilename(index, result, style, 0) < 0) {
        add_error(rd, "cannot write %s\n", index);
        ok = false;
    }
    if (result)
        xmlFreeDoc(result);
    xsltFreeTransformContext(ctxt);
    return ok;
}

/* A copy of the state without its deals (copied without them, so never twice the size). */
static xmlDocPtr base_for_deals(xmlDocPtr state)
{
    xmlNodePtr deals = deals_element(state);
    if (!deals)
        return NULL;
    xmlNodePtr children = deals->children, last = deals->last;
    deals->children = deals->last = NULL;
    xmlDocPtr base = xmlCopyDoc(state, 1);
    deals->children = children;
    deals->last = last;
    return base;
}

/* A spooled record as a node of doc (not yet linked), or NULL. */
static xmlNodePtr read_record(xmlDocPtr doc, const char *text, size_t len, struct render *rd)
{
    xmlDocPtr one = xmlReadMemory(text, (int)len, "deal.xml", NULL, XML_PARSE_NONET | XML_PARSE_HUGE);
    xmlNodePtr root = one ? xmlDocGetRootElement(one) : NULL;
    xmlNodePtr copy = root ? xmlDocCopyNode(root, doc, 1) : NULL;
    if (one)
        xmlFreeDoc(one);
    if (!copy)
        add_error(rd, "%s", "internal error: a spooled deal record does not parse\n");
    return copy;
}

/* The next NUL-ended record of spool into *buf; its length, 0 at the end. */
static size_t next_record(char **buf, size_t *cap, FILE *spool)
{
    ssize_t len = getdelim(buf, cap, '\0', spool);
    if (len <= 0)
        return 0;
    return (size_t)len - ((*buf)[len - 1] == '\0');
}

static bool spool_read_back(FILE *spool, struct render *rd)
{
    if (!ferror(spool))
        return true;
    add_error(rd, "%s", "cannot read back the deal records\n");
    return false;
}

/* The summaries the overview pages show join the state's deals, in order. */
static bool add_wanted_summaries(xmlDocPtr state, struct report_parts *parts, struct render *rd)
{
    xmlNodePtr deals = deals_element(state);
    if (!deals)
        return false;
    char *record = NULL;
    size_t cap = 0, len;
    bool ok = true;
    for (uint64_t seq = 0; ok && (len = next_record(&record, &cap, parts->summaries)) > 0; seq++) {
        unsigned file, line;
        char *xml = memchr(record, '\n', len);
        if (!xml || sscanf(record, "%u %u", &file, &line) != 2) {
            add_error(rd, "%s", "internal error: a spooled deal summary has no place\n");
            ok = false;
            break;
        }
        xml++;
        if (!shortlist_wants(parts->wanted, seq, file, line))
            continue;
        xmlNodePtr summary = read_record(state, xml, len - (size_t)(xml - record), rd);
        ok = summary != NULL;
        if (summary)
            xmlAddChild(deals, summary);
    }
    free(record);
    return ok && spool_read_back(parts->summaries, rd);
}

/* A page per deal: each spooled record joins the base, alone, for one transformation. */
static bool render_deal_pages(xsltStylesheetPtr style, xmlDocPtr base, FILE *spool, const char **params,
                              xsltSecurityPrefsPtr prefs, struct render *rd, const char *index)
{
    xmlNodePtr deals = deals_element(base);
    if (!deals)
        return false;
    char *record = NULL;
    size_t cap = 0, len;
    bool ok = true;
    while (ok && (len = next_record(&record, &cap, spool)) > 0) {
        xmlNodePtr copy = read_record(base, record, len, rd);
        ok = copy != NULL;
        if (copy) {
            xmlAddChild(deals, copy);
            ok = transform(style, base, params, prefs, rd, index);
            xmlUnlinkNode(copy);
            xmlFreeNode(copy);
        }
    }
    free(record);
    return ok && spool_read_back(spool, rd);
}

bool report_render(const struct report_options *opt, char *state_xml, size_t size,
                   struct report_parts *parts)
{
    struct render rd = {0};
    bool ok = false;
    xmlDocPtr state = NULL;
    xsltStylesheetPtr style = NULL;
    xsltSecurityPrefsPtr prefs = NULL;

    /* The staging folder sits beside the target, on the same file system. */
    size_t dlen = strlen(opt->dir);
    while (dlen > 1 && opt->dir[dlen - 1] == '/')
        dlen--;
    char dir[4096];
    snprintf(dir, sizeof(dir), "%.*s", (int)dlen, opt->dir);
    char pattern[4200];
    snprintf(pattern, sizeof(pattern), "%s.tmp-XXXXXX", dir);
    if (!mkdtemp(pattern)) {
        fprintf(stderr, "dealc: cannot write the report to %s: %s\n", dir, strerror(errno));
        return false;
    }
    rd.staging = realpath(pattern, NULL);
    if (!rd.staging) {
        fprintf(stderr, "dealc: cannot write the report to %s: %s\n", dir, strerror(errno));
        rmdir(pattern);
        return false;
    }
    chmod(rd.staging, 0755);
    char sub[4200];
    snprintf(sub, sizeof(sub), "%s/processes", rd.staging);
    mkdir(sub, 0755);
    snprintf(sub, sizeof(sub), "%s/deals", rd.staging);
    mkdir(sub, 0755);

    xsltSetGenericErrorFunc(&rd, collect_error);
    xmlSetGenericErrorFunc(&rd, collect_error);
    exsltRegisterAll();

    /* Reads the stylesheet's own includes may need happen before the transform; no network. */
    prefs = xsltNewSecurityPrefs();
    xsltSetSecurityPrefs(prefs, XSLT_SECPREF_READ_FILE, xsltSecurityForbid);
    xsltSetSecurityPrefs(prefs, XSLT_SECPREF_READ_NETWORK, xsltSecurityForbid);
    xsltSetSecurityPrefs(prefs, XSLT_SECPREF_WRITE_NETWORK, xsltSecurityForbid);
    xsltSetSecurityPrefs(prefs, XSLT_SECPREF_WRITE_FILE, inside_staging);
    xsltSetSecurityPrefs(prefs, XSLT_SECPREF_CREATE_DIRECTORY, inside_staging);

    /* The same rules while the stylesheet loads: an xsl:include may read nothing either. */
    xsltSetDefaultSecurityPrefs(prefs);
    style = load_stylesheet(opt, &rd);
    xsltSetDefaultSecurityPrefs(NULL);
    if (!style)
        goto done;
    state = xmlReadMemory(state_xml, (int)size, "state.xml", NULL, XML_PARSE_NONET | XML_PARSE_HUGE | XML_PARSE_COMPACT);
    free(state_xml);
    state_xml = NULL;
    if (!state) {
        add_error(&rd, "%s", "internal error: the state document does not parse\n");
        goto done;
    }
    if (parts && !add_wanted_summaries(state, parts, &rd))
        goto done;
    char limit[32], closed_limit[32];
    snprintf(limit, sizeof(limit), "%zu", opt->list_limit);
    snprintf(closed_limit, sizeof(closed_limit), "%d", REPORT_CLOSED_LIMIT);
    const char *params[] = {"pages", parts ? "'summary'" : "'all'",
                            "deal-pages", opt->deal_pages ? "'yes'" : "'no'",
                            "list-limit", limit, "closed-limit", closed_limit, NULL};
    char index[4200];
    snprintf(index, sizeof(index), "%s/index.html", rd.staging);
    if (!transform(style, state, params, prefs, &rd, index))
        goto done;
    if (parts && parts->records && opt->deal_pages) {
        xmlDocPtr base = base_for_deals(state);
        /* The summaries are done with: only the base is needed for the deal pages. */
        xmlFreeDoc(state);
        state = NULL;
        params[1] = "'deal'";
        bool rendered = base && render_deal_pages(style, base, parts->records, params, prefs, &rd, index);
        if (base)
            xmlFreeDoc(base);
        if (!rendered)
            goto done;
    }
    const struct embedded_file *css = embedded_find("reports/report.css");
    if (css && !write_file(rd.staging, "report.css", css->data, css->size)) {
        add_error(&rd, "cannot write report.css: %s\n", strerror(errno));
        goto done;
    }
    if (!swap_into_place(rd.staging, dir)) {
        add_error(&rd, "cannot put the report in place at %s: %s\n", dir, strerror(errno));
        goto done;
    }
    ok = true;
done:
    if (!ok) {
        fprintf(stderr, "dealc: the report was not written%s\n", rd.errors.len ? ":" : "");
        if (rd.errors.len)
            fputs(sb_str(&rd.errors), stderr);
        remove_tree(rd.staging);
    }
    xsltSetGenericErrorFunc(NULL, NULL);
    xmlSetGenericErrorFunc(NULL, NULL);
    if (state)
        xmlFreeDoc(state);
    if (style)
        xsltFreeStylesheet(style);
    if (prefs)
        xsltFreeSecurityPrefs(prefs);
    free(state_xml);
    free(rd.staging);
    sb_free(&rd.errors);
    return ok;
}
