/*
 * The secure streaming loader (SPEC §1, §3, §5): malformed and empty
 * documents, DOCTYPE refusal without expanding anything, schema errors at the
 * start tag of the element they concern, documents of other vocabularies
 * (named or found by walking), bulk deal files streamed deal by deal, and the
 * UTF-8-only rule.
 */
#include "fixture.h"

#include "deal.h"
#include "team.h"

#include <stdio.h>
#include <string.h>

/* ---- a loader harness: own request, own chooser ---- */

enum { KEPT_DEALS = 16 };

struct seen_deal {
    char id[32];
    char title[64];
    uint32_t line, col;
};

struct harness {
    struct schema_set *schemas;
    struct diag_list diags;
    struct team team;
    struct team_builder *team_b;
    struct deal_builder *deal_b;
    struct seen_deal deals[KEPT_DEALS]; /* the first ones delivered */
    size_t n_deals;                     /* all delivered */
    struct seen_deal last;              /* the last one delivered */
    int chooser_calls;
    enum doc_kind chosen;
    struct load_result res;
};

static const struct element_sink *h_choose(void *ctx, enum doc_kind kind, struct loader *L)
{
    (void)L;
    struct harness *h = ctx;
    h->chooser_calls++;
    h->chosen = kind;
    if (kind == DOC_TEAM)
        return team_builder_sink(h->team_b);
    if (kind == DOC_DEAL || kind == DOC_DEALS)
        return deal_builder_sink(h->deal_b, kind);
    return NULL; /* processes are not this harness's business: stop */
}

static void h_on_deal(void *ctx, const struct deal *d)
{
    struct harness *h = ctx;
    struct seen_deal *s = &h->last;
    snprintf(s->id, sizeof(s->id), "%s", d->id);
    snprintf(s->title, sizeof(s->title), "%s", d->title ? d->title : "");
    s->line = d->at.line;
    s->col = d->at.col;
    if (h->n_deals < KEPT_DEALS)
        h->deals[h->n_deals] = *s;
    h->n_deals++;
}

static void h_init(struct harness *h)
{
    memset(h, 0, sizeof(*h));
    h->schemas = schema_set_new();
    ck_assert_ptr_nonnull(h->schemas);
    team_init(&h->team);
    h->team_b = team_builder_new(&h->team, &h->diags);
    h->deal_b = deal_builder_new(h_on_deal, h);
}

static void h_free(struct harness *h)
{
    team_builder_free(h->team_b);
    deal_builder_free(h->deal_b);
    team_free(&h->team);
    diag_free(&h->diags);
    schema_set_free(h->schemas);
}

static enum load_outcome h_load_n(struct harness *h, const char *data, size_t size, bool named)
{
    struct load_request req = {
        .path = "input.xml",
        .file = 3,
        .named = named,
        .schemas = h->schemas,
        .diags = &h->diags,
        .choose = h_choose,
        .choose_ctx = h,
    };
    load_memory(&req, data, size, &h->res);
    return h->res.outcome;
}

static enum load_outcome h_load(struct harness *h, const char *xml, bool named)
{
    return h_load_n(h, xml, strlen(xml), named);
}

static size_t h_count(const struct harness *h, enum diag_code code, unsigned line)
{
    size_t n = 0;
    for (size_t i = 0; i < h->diags.len; i++)
        if (h->diags.items[i].code == code && (line == 0 || h->diags.items[i].at.line == line))
            n++;
    return n;
}

static const struct diag *h_first(const struct harness *h, enum diag_code code)
{
    for (size_t i = 0; i < h->diags.len; i++)
        if (h->diags.items[i].code == code)
            return &h->diags.items[i];
    ck_abort_msg("no %s diagnostic", diag_code_name(code));
    return NULL;
}

static bool any_message_contains(const struct harness *h, const char *text)
{
    for (size_t i = 0; i < h->diags.len; i++)
        if (strstr(h->diags.items[i].message, text))
            return true;
    return false;
}

/* The 1-based column of the n-th (1-based) occurrence of needle on its line in xml. */
static uint32_t column_of(const char *xml, const char *needle, int nth)
{
    const char *p = xml;
    for (int i = 0; i < nth; i++) {
        p = strstr(i ? p + 1 : p, needle);
        ck_assert_ptr_nonnull(p);
    }
    const char *bol = p;
    while (bol > xml && bol[-1] != '\n')
        bol--;
    return (uint32_t)(p - bol) + 1;
}

/* ---- malformed ---- */

START_TEST(malformed_document_gets_libxml2s_message_and_line)
{
    struct harness h;
    h_init(&h);
    ck_assert_int_eq(h_load(&h,
                            "<team xmlns=\"urn:dealc:1\">\n"           /* 1 */
                            "  <user id=\"ola\" name=\"Ola\">\n"       /* 2 */
                            "  <user id=\"ewa\" name=\"Ewa\"/>\n"      /* 3 */
                            "</team>\n",                               /* 4 */
                            true),
                     LOAD_FAILED);
    ck_assert_uint_eq(h_count(&h, D_XML_MALFORMED, 0), 1);
    const struct diag *d = h_first(&h, D_XML_MALFORMED);
    ck_assert_int_eq(d->sev, SEV_ERROR);
    ck_assert_uint_eq(d->at.file, 3);
    ck_assert_uint_eq(d->at.line, 4);
    /* libxml2's own words, trimmed of its trailing newline */
    ck_assert_msg(strstr(d->message, "Opening and ending tag mismatch") != NULL, "message: %s",
                  d->message);
    ck_assert_int_ne(d->message[strlen(d->message) - 1], '\n');
    ck_assert_uint_ge(h.res.errors, 1);
    /* the valid user before the malformation is not taken from a broken file */
    h_free(&h);
}
END_TEST

START_TEST(a_malformed_document_gets_only_the_parsers_message)
{
    /*
     * SPEC §3: a file that is not well-formed gets its parser's message under
     * xml-malformed. A missing "/" is one mistake: the validator's view of the
     * broken tree ("content type is empty") is not a second and third one.
     */
    struct harness h;
    h_init(&h);
    h_load(&h,
           "<team xmlns=\"urn:dealc:1\">\n"           /* 1 */
           "  <user id=\"ola\" name=\"Ola\">\n"       /* 2 */
           "  <user id=\"ewa\" name=\"Ewa\"/>\n"      /* 3 */
           "</team>\n",                               /* 4 */
           true);
    for (size_t i = 0; i < h.diags.len; i++)
        ck_assert_msg(h.diags.items[i].code == D_XML_MALFORMED, "line %u: %s [%s]",
                      h.diags.items[i].at.line, h.diags.items[i].message,
                      diag_code_name(h.diags.items[i].code));
    ck_assert_uint_eq(h.diags.len, 1);
    ck_assert_uint_eq(h.res.errors, 1);
    h_free(&h);
}
END_TEST

START_TEST(malformed_ampersand_is_reported_on_its_line)
{
    struct harness h;
    h_init(&h);
    ck_assert_int_eq(h_load(&h,
                            "<team xmlns=\"urn:dealc:1\">\n"                  /* 1 */
                            "  <user id=\"ola\" name=\"Ola\"/>\n"             /* 2 */
                            "  <user id=\"ab\" name=\"Smith & Sons\"/>\n"     /* 3 */
                            "</team>\n",
                            true),
                     LOAD_FAILED);
    ck_assert_uint_eq(h_count(&h, D_XML_MALFORMED, 3), 1);
    ck_assert_uint_eq(h.diags.len, 1);
    ck_assert_uint_gt(strlen(h_first(&h, D_XML_MALFORMED)->message), 0);
    h_free(&h);
}
END_TEST

START_TEST(truncated_document_is_malformed)
{
    struct harness h;
    h_init(&h);
    ck_assert_int_eq(h_load(&h,
                            "<team xmlns=\"urn:dealc:1\">\n"
                            "  <user id=\"ola\" name=\"Ola\"/>\n",
                            true),
                     LOAD_FAILED);
    ck_assert_uint_eq(h_count(&h, D_XML_MALFORMED, 0), 1);
    ck_assert_uint_eq(h.diags.len, 1);
    ck_assert_uint_ge(h_first(&h, D_XML_MALFORMED)->at.line, 2);
    h_free(&h);
}
END_TEST

static const char *const empty_documents[] = {
    "",
    "\n\n   \n",
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
    "<!-- nothing but a comment -->\n",
};

START_TEST(an_empty_document_is_malformed)
{
    struct harness h;
    h_init(&h);
    enum load_outcome out = h_load(&h, empty_documents[_i], true);
    ck_assert_msg(out == LOAD_FAILED, "outcome %d for document %d", out, _i);
    ck_assert_uint_eq(h.diags.len, 1);
    ck_assert_uint_eq(h_count(&h, D_XML_MALFORMED, 0), 1);
    ck_assert_uint_ge(h_first(&h, D_XML_MALFORMED)->at.line, 1);
    ck_assert_int_eq(h.chooser_calls, 0);
    ck_assert_uint_eq(h.res.errors, 1);
    h_free(&h);
}
END_TEST

/* ---- DOCTYPE ---- */

START_TEST(doctype_with_an_internal_entity_is_refused_unexpanded)
{
    struct harness h;
    h_init(&h);
    ck_assert_int_eq(h_load(&h,
                            "<?xml version=\"1.0\"?>\n"                                        /* 1 */
                            "<!DOCTYPE team [\n"                                               /* 2 */
                            "  <!ENTITY boom \"EXPANDED-ENTITY-TEXT\">\n"                      /* 3 */
                            "]>\n"                                                             /* 4 */
                            "<team xmlns=\"urn:dealc:1\"><user id=\"ola\" name=\"&boom;\"/></team>\n",
                            true),
                     LOAD_FAILED);
    ck_assert_uint_eq(h.diags.len, 1);
    ck_assert_uint_eq(h_count(&h, D_XML_DOCTYPE, 2), 1);
    ck_assert_int_eq(h_first(&h, D_XML_DOCTYPE)->sev, SEV_ERROR);
    ck_assert(!any_message_contains(&h, "EXPANDED-ENTITY-TEXT"));
    /* the document never reached a builder */
    ck_assert_int_eq(h.chooser_calls, 0);
    ck_assert_uint_eq(h.team.n_users, 0);
    h_free(&h);
}
END_TEST

START_TEST(doctype_system_etc_passwd_is_refused_and_never_read)
{
    struct harness h;
    h_init(&h);
    ck_assert_int_eq(h_load(&h,
                            "<!DOCTYPE team SYSTEM \"/etc/passwd\">\n"
                            "<team xmlns=\"urn:dealc:1\"><user id=\"ola\" name=\"Ola\"/></team>\n",
                            true),
                     LOAD_FAILED);
    ck_assert_uint_eq(h.diags.len, 1);
    ck_assert_uint_eq(h_count(&h, D_XML_DOCTYPE, 1), 1);
    ck_assert(!any_message_contains(&h, "root:"));
    ck_assert_int_eq(h.chooser_calls, 0);
    ck_assert_uint_eq(h.team.n_users, 0);
    h_free(&h);
}
END_TEST

START_TEST(doctype_external_entity_is_refused_and_never_expanded)
{
    struct harness h;
    h_init(&h);
    ck_assert_int_eq(h_load(&h,
                            "<!DOCTYPE team [<!ENTITY pw SYSTEM \"file:///etc/passwd\">]>\n"
                            "<team xmlns=\"urn:dealc:1\"><user id=\"ola\" name=\"&pw;\"/></team>\n",
                            false),
                     LOAD_FAILED);
    /* found by walking and still ours (root team): refused, not passed over */
    ck_assert_uint_eq(h.diags.len, 1);
    ck_assert_uint_eq(h_count(&h, D_XML_DOCTYPE, 1), 1);
    ck_assert(!any_message_contains(&h, "root:"));
    ck_assert_uint_eq(h.team.n_users, 0);
    h_free(&h);
}
END_TEST

/* ---- schema-invalid ---- */

START_TEST(schema_error_is_at_the_start_tag_of_the_offending_element)
{
    static const char xml[] =
        "<team xmlns=\"urn:dealc:1\">\n"                          /* 1 */
        "  <user id=\"ola\" name=\"Ola\"/>\n"                     /* 2 */
        "  <user id=\"boss\" name=\"Boss\" role=\"boss\"/>\n"     /* 3 */
        "  <user id=\"ewa\" name=\"Ewa\" role=\"manager\"/>\n"    /* 4 */
        "</team>\n";
    struct harness h;
    h_init(&h);
    ck_assert_int_eq(h_load(&h, xml, true), LOAD_DONE);
    ck_assert_uint_eq(h.diags.len, 1);
    const struct diag *d = h_first(&h, D_SCHEMA_INVALID);
    ck_assert_uint_eq(d->at.line, 3);
    ck_assert_uint_eq(d->at.col, 3);
    ck_assert_uint_eq(d->at.file, 3);
    /* the validator's own message, which names the bad value */
    ck_assert_msg(strstr(d->message, "boss") != NULL, "message: %s", d->message);
    ck_assert_uint_eq(h.res.errors, 1);
    /* the invalid user is left out; the valid ones are kept */
    ck_assert_uint_eq(h.team.n_users, 2);
    ck_assert_int_ge(team_find(&h.team, "ola"), 0);
    ck_assert_int_ge(team_find(&h.team, "ewa"), 0);
    ck_assert_int_lt(team_find(&h.team, "boss"), 0);
    h_free(&h);
}
END_TEST

START_TEST(schema_error_in_a_multi_line_start_tag_is_at_its_first_line)
{
    static const char xml[] =
        "<team xmlns=\"urn:dealc:1\">\n"          /* 1 */
        "  <user id=\"ola\" name=\"Ola\"/>\n"     /* 2 */
        "      <user\n"                           /* 3: '<' at column 7 */
        "        id=\"x\"\n"                      /* 4 */
        "        name=\"X\"\n"                    /* 5 */
        "        role=\"chief\"/>\n"              /* 6 */
        "</team>\n";
    struct harness h;
    h_init(&h);
    h_load(&h, xml, true);
    ck_assert_uint_eq(h.diags.len, 1);
    const struct diag *d = h_first(&h, D_SCHEMA_INVALID);
    ck_assert_uint_eq(d->at.line, 3);
    ck_assert_uint_eq(d->at.col, 7);
    ck_assert_uint_eq(h.team.n_users, 1);
    h_free(&h);
}
END_TEST

START_TEST(schema_error_column_is_that_of_the_lt_on_a_crowded_line)
{
    static const char xml[] =
        "<team xmlns=\"urn:dealc:1\"><user id=\"ola\" name=\"Ola\"/><user id=\"1bad\" name=\"B\"/></team>\n";
    struct harness h;
    h_init(&h);
    h_load(&h, xml, true);
    ck_assert_uint_eq(h.diags.len, 1);
    const struct diag *d = h_first(&h, D_SCHEMA_INVALID);
    ck_assert_uint_eq(d->at.line, 1);
    ck_assert_uint_eq(d->at.col, column_of(xml, "<user", 2));
    h_free(&h);
}
END_TEST

START_TEST(schema_error_column_counts_characters_not_bytes)
{
    /* "Wójcik" and "Zielińska" hold two-byte characters before the second <user */
    static const char xml[] =
        "<team xmlns=\"urn:dealc:1\">\n"
        "  <user id=\"m\" name=\"Wójcik Zielińska\"/><user id=\"n\" name=\"N\" role=\"x\"/>\n"
        "</team>\n";
    struct harness h;
    h_init(&h);
    h_load(&h, xml, true);
    ck_assert_uint_eq(h.diags.len, 1);
    const struct diag *d = h_first(&h, D_SCHEMA_INVALID);
    ck_assert_uint_eq(d->at.line, 2);
    ck_assert_uint_eq(d->at.col, column_of(xml, "<user", 2) - 2);
    h_free(&h);
}
END_TEST

START_TEST(schema_error_found_at_an_end_tag_is_at_the_start_tag)
{
    /* a process without stages: the validator knows only at </process> */
    struct fixture fx;
    fx_setup(&fx, NULL,
             "<?xml version=\"1.0\"?>\n"                                      /* 1 */
             "  <process xmlns=\"urn:dealc:1\" id=\"p\" name=\"P\">\n"        /* 2 */
             "  <description>Nothing else.</description>\n"                   /* 3 */
             "</process>\n");                                                 /* 4 */
    ck_assert_ptr_null(fx.process);
    ck_assert_uint_eq(fx_count(&fx, "schema-invalid", 0), 1);
    ck_assert_uint_eq(fx_count(&fx, "schema-invalid", 2), 1);
    ck_assert_uint_eq(fx.diags.items[0].at.col, 3);
    fx_teardown(&fx);
}
END_TEST

START_TEST(unexpected_child_element_is_at_its_own_start_tag)
{
    static const char xml[] =
        "<team xmlns=\"urn:dealc:1\">\n"                                   /* 1 */
        "  <user id=\"ola\" name=\"Ola\"><phone>123</phone></user>\n"    /* 2 */
        "  <user id=\"ewa\" name=\"Ewa\"/>\n"                            /* 3 */
        "  <member id=\"x\"/>\n"                                           /* 4 */
        "</team>\n";
    struct harness h;
    h_init(&h);
    h_load(&h, xml, true);
    ck_assert_uint_eq(h_count(&h, D_SCHEMA_INVALID, 0), h.diags.len);
    ck_assert_uint_ge(h_count(&h, D_SCHEMA_INVALID, 2), 1);
    ck_assert_uint_eq(h_count(&h, D_SCHEMA_INVALID, 4), 1);
    ck_assert_uint_eq(h_count(&h, D_SCHEMA_INVALID, 1) + h_count(&h, D_SCHEMA_INVALID, 3), 0);
    /* on line 2 the message may concern <user> (its content) or <phone> (not expected) */
    for (size_t i = 0; i < h.diags.len; i++)
        if (h.diags.items[i].at.line == 2)
            ck_assert(h.diags.items[i].at.col == 3 ||
                      h.diags.items[i].at.col == column_of(xml, "<phone", 1));
        else
            ck_assert_uint_eq(h.diags.items[i].at.col, 3);
    ck_assert_msg(strstr(h_first(&h, D_SCHEMA_INVALID)->message, "phone") != NULL ||
                      strstr(h_first(&h, D_SCHEMA_INVALID)->message, "content") != NULL,
                  "message: %s", h_first(&h, D_SCHEMA_INVALID)->message);
    /* ola is invalid and left out; ewa is kept */
    ck_assert_uint_eq(h.team.n_users, 1);
    ck_assert_str_eq(h.team.users[0]->id, "ewa");
    h_free(&h);
}
END_TEST

/* ---- documents that are not ours ---- */

START_TEST(foreign_root_named_is_unknown_document)
{
    struct harness h;
    h_init(&h);
    ck_assert_int_eq(h_load(&h,
                            "<?xml version=\"1.0\"?>\n"
                            "<project xmlns=\"http://maven.apache.org/POM/4.0.0\">\n"
                            "  <modelVersion>4.0.0</modelVersion>\n"
                            "</project>\n",
                            true),
                     LOAD_FAILED);
    ck_assert_uint_eq(h.diags.len, 1);
    ck_assert_uint_eq(h_count(&h, D_UNKNOWN_DOCUMENT, 2), 1);
    ck_assert_int_eq(h_first(&h, D_UNKNOWN_DOCUMENT)->sev, SEV_ERROR);
    ck_assert_msg(strstr(h_first(&h, D_UNKNOWN_DOCUMENT)->message, "project") != NULL, "message: %s",
                  h_first(&h, D_UNKNOWN_DOCUMENT)->message);
    ck_assert_int_eq(h.chooser_calls, 0);
    h_free(&h);
}
END_TEST

START_TEST(foreign_root_found_by_walking_is_passed_over_silently)
{
    static const char *const foreign[] = {
        "<project xmlns=\"http://maven.apache.org/POM/4.0.0\"><x/></project>\n",
        "<config><team/></config>\n",
        /* our root names, but not in our namespace */
        "<team><user id=\"ola\" name=\"Ola\"/></team>\n",
        "<deal xmlns=\"urn:dealc:2\" id=\"d\"/>\n",
    };
    for (size_t i = 0; i < sizeof(foreign) / sizeof(foreign[0]); i++) {
        struct harness h;
        h_init(&h);
        ck_assert_msg(h_load(&h, foreign[i], false) == LOAD_FOREIGN, "document %zu", i);
        ck_assert_msg(h.diags.len == 0, "document %zu got a diagnostic", i);
        ck_assert_int_eq(h.chooser_calls, 0);
        ck_assert_uint_eq(h.team.n_users, 0);
        /* named, the same documents are errors */
        ck_assert_int_eq(h_load(&h, foreign[i], true), LOAD_FAILED);
        ck_assert_uint_eq(h_count(&h, D_UNKNOWN_DOCUMENT, 1), 1);
        h_free(&h);
    }
}
END_TEST

START_TEST(unknown_root_in_our_namespace_is_an_error_even_found_by_walking)
{
    /* only roots outside urn:dealc:1 are passed over */
    struct harness h;
    h_init(&h);
    ck_assert_int_eq(h_load(&h, "<teams xmlns=\"urn:dealc:1\"/>\n", false), LOAD_FAILED);
    ck_assert_uint_eq(h.diags.len, 1);
    ck_assert_uint_eq(h_count(&h, D_UNKNOWN_DOCUMENT, 1), 1);
    h_free(&h);
}
END_TEST

START_TEST(an_xhtml_page_with_a_doctype_found_by_walking_is_passed_over)
{
    struct harness h;
    h_init(&h);
    ck_assert_int_eq(h_load(&h,
                            "<!DOCTYPE html>\n"
                            "<html xmlns=\"http://www.w3.org/1999/xhtml\"><body/></html>\n",
                            false),
                     LOAD_FOREIGN);
    ck_assert_uint_eq(h.diags.len, 0);
    /* named, the DOCTYPE is refused */
    ck_assert_int_eq(h_load(&h,
                            "<!DOCTYPE html>\n"
                            "<html xmlns=\"http://www.w3.org/1999/xhtml\"><body/></html>\n",
                            true),
                     LOAD_FAILED);
    ck_assert_uint_eq(h.diags.len, 1);
    ck_assert_uint_eq(h_count(&h, D_XML_DOCTYPE, 1) + h_count(&h, D_UNKNOWN_DOCUMENT, 0), 1);
    h_free(&h);
}
END_TEST

/* ---- bulk deals ---- */

static const char BULK[] =
    "<deals xmlns=\"urn:dealc:1\">\n"                                                          /* 1 */
    "  <deal id=\"one\" process=\"p\" owner=\"ola\" created=\"2026-01-01\">\n"                /* 2 */
    "    <title>One</title>\n"                                                                 /* 3 */
    "    <log/>\n"                                                                             /* 4 */
    "  </deal>\n"                                                                              /* 5 */
    "  <deal id=\"two\" process=\"p\" owner=\"ola\"\n"                                         /* 6 */
    "        created=\"2026-02-20\" currency=\"pln\">\n"                                       /* 7 */
    "    <title>Two</title>\n"                                                                 /* 8 */
    "    <log/>\n"                                                                             /* 9 */
    "  </deal>\n"                                                                              /* 10 */
    "    <deal id=\"three\" process=\"p\" owner=\"ola\" created=\"2026-03-01\" amount=\"5.5\">\n" /* 11 */
    "    <title>Three</title>\n"                                                               /* 12 */
    "    <log>\n"                                                                              /* 13 */
    "      <done step=\"a\" by=\"ola\" at=\"2026-03-02T10:00:00+02:00\"/>\n"                   /* 14 */
    "    </log>\n"                                                                             /* 15 */
    "  </deal>\n"                                                                              /* 16 */
    "</deals>\n";

START_TEST(bulk_file_delivers_valid_deals_around_an_invalid_one)
{
    struct harness h;
    h_init(&h);
    ck_assert_int_eq(h_load(&h, BULK, true), LOAD_DONE);
    ck_assert_int_eq(h.chosen, DOC_DEALS);
    ck_assert_uint_eq(deal_builder_count(h.deal_b), 3);
    ck_assert_uint_eq(h.n_deals, 2);
    ck_assert_str_eq(h.deals[0].id, "one");
    ck_assert_str_eq(h.deals[0].title, "One");
    ck_assert_str_eq(h.deals[1].id, "three");
    ck_assert_str_eq(h.deals[1].title, "Three");
    /* the error is deal two's, at its start tag */
    ck_assert_uint_eq(h.diags.len, 1);
    ck_assert_uint_eq(h_count(&h, D_SCHEMA_INVALID, 6), 1);
    ck_assert_msg(strstr(h.diags.items[0].message, "pln") != NULL, "message: %s",
                  h.diags.items[0].message);
    h_free(&h);
}
END_TEST

START_TEST(bulk_file_deals_carry_their_own_positions)
{
    struct harness h;
    h_init(&h);
    /* make deal two valid: every deal is then delivered */
    char xml[sizeof(BULK)];
    memcpy(xml, BULK, sizeof(BULK));
    char *bad = strstr(xml, "\"pln\"");
    ck_assert_ptr_nonnull(bad);
    memcpy(bad, "\"PLN\"", 5);
    ck_assert_int_eq(h_load(&h, xml, true), LOAD_DONE);
    ck_assert_uint_eq(h.diags.len, 0);
    ck_assert_uint_eq(h.n_deals, 3);
    ck_assert_str_eq(h.deals[1].id, "two");
    ck_assert_uint_eq(h.deals[0].line, 2);
    ck_assert_uint_eq(h.deals[0].col, 3);
    ck_assert_uint_eq(h.deals[1].line, 6);
    ck_assert_uint_eq(h.deals[1].col, 3);
    ck_assert_uint_eq(h.deals[2].line, 11);
    ck_assert_uint_eq(h.deals[2].col, 5);
    h_free(&h);
}
END_TEST

START_TEST(bulk_file_larger_than_a_read_chunk_keeps_positions)
{
    /* ~300 KB of deals, four lines each: the parse crosses the loader's chunk boundary */
    enum { N = 1200 };
    struct strbuf sb = {0};
    sb_adds(&sb, "<deals xmlns=\"urn:dealc:1\">\n");
    for (int i = 0; i < N; i++) {
        sb_addf(&sb, "  <deal id=\"d%d\" process=\"p\" owner=\"ola\" created=\"2026-01-01\">\n", i);
        sb_addf(&sb, "    <title>Deal %d %0200d</title>\n", i, 0);
        sb_adds(&sb, "    <log/>\n  </deal>\n");
    }
    sb_adds(&sb, "</deals>\n");
    ck_assert_uint_gt(sb.len, 256 * 1024);
    struct harness h;
    h_init(&h);
    ck_assert_int_eq(h_load_n(&h, sb_str(&sb), sb.len, true), LOAD_DONE);
    ck_assert_uint_eq(h.diags.len, 0);
    ck_assert_uint_eq(deal_builder_count(h.deal_b), N);
    ck_assert_uint_eq(h.n_deals, N);
    ck_assert_str_eq(h.deals[KEPT_DEALS - 1].id, "d15");
    ck_assert_uint_eq(h.deals[KEPT_DEALS - 1].line, 2 + 4 * (KEPT_DEALS - 1));
    ck_assert_str_eq(h.last.id, "d1199");
    ck_assert_uint_eq(h.last.line, 2 + 4 * (N - 1));
    ck_assert_uint_eq(h.last.col, 3);
    sb_free(&sb);
    h_free(&h);
}
END_TEST

/* ---- the attribute guard ---- */

/*
 * A start tag of many attributes, after `lines` lines of padding whose
 * length puts the tag's '<' `before_boundary` bytes before the loader's
 * first chunk boundary (256 KB): the 257th attribute falls in the same
 * chunk as the '<' or in the next one, and the diagnostic must give the
 * tag's line either way.
 */
static void many_attributes_after(size_t before_boundary, uint32_t *line_of_tag, struct harness *h)
{
    enum { CHUNK = 256 * 1024, LINES = 2000 };
    struct strbuf sb = {0};
    sb_adds(&sb, "<deal xmlns=\"urn:dealc:1\" id=\"d\" process=\"p\" owner=\"ola\" created=\"2026-01-01\">\n");
    sb_adds(&sb, "  <title>");
    size_t line_len = (CHUNK - before_boundary - sb.len) / LINES;
    for (int i = 0; i < LINES; i++) {
        for (size_t k = 1; k < line_len; k++)
            sb_addc(&sb, 'x');
        sb_addc(&sb, '\n');
    }
    while (sb.len < CHUNK - before_boundary - 8)
        sb_addc(&sb, 'y');
    sb_adds(&sb, "</title>");
    ck_assert_uint_eq(sb.len, CHUNK - before_boundary);
    sb_adds(&sb, "<log a0=\"=\"");
    for (int i = 1; i < 400; i++)
        sb_addf(&sb, " a%d='>'", i);
    sb_adds(&sb, "/>\n</deal>\n");
    *line_of_tag = 2 + LINES;
    h_init(h);
    ck_assert_int_eq(h_load_n(h, sb_str(&sb), sb.len, true), LOAD_FAILED);
    sb_free(&sb);
}

START_TEST(a_tag_of_too_many_attributes_is_refused_at_its_line)
{
    /* _i: the '<' far from the boundary, just before it, and at its last byte */
    static const size_t before[] = {60000, 40, 1};
    struct harness h;
    uint32_t line;
    many_attributes_after(before[_i], &line, &h);
    ck_assert_uint_eq(h.diags.len, 1);
    ck_assert_uint_eq(h_count(&h, D_SCHEMA_INVALID, line), 1);
    ck_assert(any_message_contains(&h, "more than 256 attributes"));
    h_free(&h);
}
END_TEST

START_TEST(deals_before_a_refused_tag_in_the_same_chunk_stand)
{
    /* The guard refuses the chunk's bytes from the tag on, not the whole chunk. */
    struct strbuf sb = {0};
    const char *three = strstr(BULK, "    <deal id=\"three\"");
    sb_add(&sb, BULK, (size_t)(three - BULK));
    sb_adds(&sb, "  <deal id=\"three\" process=\"p\" owner=\"ola\" created=\"2026-03-01\"");
    for (int i = 0; i < 300; i++)
        sb_addf(&sb, " a%d=\"v\"", i);
    sb_adds(&sb, ">\n    <title>Three</title>\n    <log/>\n  </deal>\n</deals>\n");
    struct harness h;
    h_init(&h);
    ck_assert_int_eq(h_load_n(&h, sb_str(&sb), sb.len, true), LOAD_FAILED);
    ck_assert_uint_eq(h.n_deals, 1); /* one; two is schema-invalid, so it is not delivered */
    ck_assert_str_eq(h.deals[0].id, "one");
    ck_assert_uint_eq(h_count(&h, D_SCHEMA_INVALID, 11), 1); /* the refused tag */
    ck_assert_uint_eq(h_count(&h, D_SCHEMA_INVALID, 6), 1);  /* deal two's currency: it was validated */
    sb_free(&sb);
    h_free(&h);
}
END_TEST

START_TEST(an_element_that_is_not_a_deal_ends_a_bulk_file)
{
    /* libxml2 validates no deal after it: deal three must not be read unchecked */
    struct strbuf sb = {0};
    const char *three = strstr(BULK, "    <deal id=\"three\"");
    sb_add(&sb, BULK, (size_t)(three - BULK));
    sb_adds(&sb, "  <user id=\"x\"/>\n");
    sb_adds(&sb, three);
    struct harness h;
    h_init(&h);
    ck_assert_int_eq(h_load_n(&h, sb_str(&sb), sb.len, true), LOAD_FAILED);
    ck_assert_uint_eq(h.n_deals, 1);
    ck_assert_str_eq(h.deals[0].id, "one");
    ck_assert_uint_eq(h_count(&h, D_SCHEMA_INVALID, 11), 1);
    const struct diag *d = &h.diags.items[h.diags.len - 1];
    ck_assert_uint_eq(d->at.line, 11);
    ck_assert_uint_eq(d->n_notes, 1);
    ck_assert(strstr(d->notes[0].message, "the rest of the file is not read") != NULL);
    sb_free(&sb);
    h_free(&h);
}
END_TEST

START_TEST(quoted_bytes_of_bad_utf8_stop_at_a_lt)
{
    /* past a '<' the bytes may be a piece's copy of the root end tag: the message must not depend on them */
    struct harness h;
    h_init(&h);
    h_load(&h, "<deals xmlns=\"urn:dealc:1\">\n  <deal id=\"a\"><title>caf\xa0 </title></deal>\n</deals>\n", true);
    const struct diag *d = h_first(&h, D_XML_MALFORMED);
    ck_assert_str_eq(d->message, "Input is not proper UTF-8, indicate encoding ! Bytes: 0xA0 0x20 0x3C");
    h_free(&h);
}
END_TEST

START_TEST(text_between_deals_is_reported_though_the_xml_breaks_next)
{
    /* said of the root, not of a deal being read: no echo of the break to drop */
    struct harness h;
    h_init(&h);
    h_load(&h,
           "<deals xmlns=\"urn:dealc:1\">\n"
           "  <deal id=\"one\" process=\"p\" owner=\"ola\" created=\"2026-01-01\"><title>One</title><log/></deal>\n"
           "0 <deal id=\"two\" process=\"p\" owner=\"ola\" created=\"2026-01-01\" =\"x\"/>\n"
           "</deals>\n",
           true);
    ck_assert_uint_eq(h.n_deals, 1);
    ck_assert_uint_eq(h_count(&h, D_XML_MALFORMED, 3), 1);
    ck_assert_uint_eq(h_count(&h, D_SCHEMA_INVALID, 1), 1);
    ck_assert(any_message_contains(&h, "Character content other than whitespace"));
    h_free(&h);
}
END_TEST

START_TEST(a_tag_of_256_attributes_is_parsed)
{
    struct strbuf sb = {0};
    sb_adds(&sb, "<team xmlns=\"urn:dealc:1\"><user id=\"ola\" name=\"Ola\"");
    for (int i = 0; i < 254; i++)
        sb_addf(&sb, " x%d=\"v\"", i);
    sb_adds(&sb, "/></team>\n");
    struct harness h;
    h_init(&h);
    h_load_n(&h, sb_str(&sb), sb.len, true);
    /* the schema refuses the unknown attributes, but the guard lets the tag through */
    ck_assert(!any_message_contains(&h, "more than 256 attributes"));
    ck_assert_uint_gt(h_count(&h, D_SCHEMA_INVALID, 1), 0);
    sb_free(&sb);
    h_free(&h);
}
END_TEST

/* ---- encoding ---- */

START_TEST(a_latin1_document_is_refused_as_malformed)
{
    struct harness h;
    h_init(&h);
    ck_assert_int_eq(h_load(&h,
                            "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n"
                            "<team xmlns=\"urn:dealc:1\"><user id=\"ola\" name=\"Ola Zieli\xf1ska\"/></team>\n",
                            true),
                     LOAD_FAILED);
    ck_assert_uint_eq(h.diags.len, 1);
    ck_assert_uint_eq(h_count(&h, D_XML_MALFORMED, 0), 1);
    ck_assert_uint_le(h_first(&h, D_XML_MALFORMED)->at.line, 2);
    ck_assert_uint_eq(h.team.n_users, 0);
    ck_assert_int_eq(h.chooser_calls, 0);
    /* refused for what it declares, even when every byte is ASCII */
    ck_assert_int_eq(h_load(&h,
                            "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n"
                            "<team xmlns=\"urn:dealc:1\"><user id=\"ola\" name=\"Ola\"/></team>\n",
                            true),
                     LOAD_FAILED);
    ck_assert_uint_eq(h_count(&h, D_XML_MALFORMED, 0), 2);
    ck_assert_uint_eq(h.team.n_users, 0);
    h_free(&h);
}
END_TEST

START_TEST(bytes_that_are_not_utf8_are_malformed)
{
    struct harness h;
    h_init(&h);
    ck_assert_int_eq(h_load(&h,
                            "<team xmlns=\"urn:dealc:1\">\n"
                            "  <user id=\"ola\" name=\"Ola Zieli\xf1ska\"/>\n"
                            "</team>\n",
                            true),
                     LOAD_FAILED);
    ck_assert_uint_eq(h_count(&h, D_XML_MALFORMED, 2), 1);
    ck_assert_uint_eq(h.diags.len, 1);
    h_free(&h);
}
END_TEST

START_TEST(a_utf8_declaration_and_utf8_text_are_accepted)
{
    struct harness h;
    h_init(&h);
    ck_assert_int_eq(h_load(&h,
                            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                            "<team xmlns=\"urn:dealc:1\"><user id=\"ola\" name=\"Ola Zielińska\"/></team>\n",
                            true),
                     LOAD_DONE);
    ck_assert_uint_eq(h.diags.len, 0);
    ck_assert_uint_eq(h.team.n_users, 1);
    ck_assert_str_eq(h.team.users[0]->name, "Ola Zielińska");
    h_free(&h);
}
END_TEST

START_TEST(xinclude_is_not_processed)
{
    struct harness h;
    h_init(&h);
    h_load(&h,
           "<team xmlns=\"urn:dealc:1\" xmlns:xi=\"http://www.w3.org/2001/XInclude\">\n"
           "  <user id=\"ola\" name=\"Ola\"/>\n"
           "  <xi:include href=\"/etc/passwd\" parse=\"text\"/>\n"
           "</team>\n",
           true);
    ck_assert_uint_eq(h_count(&h, D_SCHEMA_INVALID, 3), 1);
    ck_assert(!any_message_contains(&h, "root:"));
    h_free(&h);
}
END_TEST

Suite *loader_suite(void)
{
    Suite *s = suite_create("loader");
    TCase *wf = tcase_create("well-formedness");
    tcase_add_test(wf, malformed_document_gets_libxml2s_message_and_line);
    tcase_add_test(wf, a_malformed_document_gets_only_the_parsers_message);
    tcase_add_test(wf, malformed_ampersand_is_reported_on_its_line);
    tcase_add_test(wf, truncated_document_is_malformed);
    tcase_add_loop_test(wf, an_empty_document_is_malformed, 0,
                        (int)(sizeof(empty_documents) / sizeof(empty_documents[0])));
    tcase_add_test(wf, a_latin1_document_is_refused_as_malformed);
    tcase_add_test(wf, bytes_that_are_not_utf8_are_malformed);
    tcase_add_test(wf, a_utf8_declaration_and_utf8_text_are_accepted);
    suite_add_tcase(s, wf);

    TCase *safety = tcase_create("safety");
    tcase_add_test(safety, doctype_with_an_internal_entity_is_refused_unexpanded);
    tcase_add_test(safety, doctype_system_etc_passwd_is_refused_and_never_read);
    tcase_add_test(safety, doctype_external_entity_is_refused_and_never_expanded);
    tcase_add_test(safety, xinclude_is_not_processed);
    suite_add_tcase(s, safety);

    TCase *schema = tcase_create("schema");
    tcase_add_test(schema, schema_error_is_at_the_start_tag_of_the_offending_element);
    tcase_add_test(schema, schema_error_in_a_multi_line_start_tag_is_at_its_first_line);
    tcase_add_test(schema, schema_error_column_is_that_of_the_lt_on_a_crowded_line);
    tcase_add_test(schema, schema_error_column_counts_characters_not_bytes);
    tcase_add_test(schema, schema_error_found_at_an_end_tag_is_at_the_start_tag);
    tcase_add_test(schema, unexpected_child_element_is_at_its_own_start_tag);
    suite_add_tcase(s, schema);

    TCase *kinds = tcase_create("kinds");
    tcase_add_test(kinds, foreign_root_named_is_unknown_document);
    tcase_add_test(kinds, foreign_root_found_by_walking_is_passed_over_silently);
    tcase_add_test(kinds, unknown_root_in_our_namespace_is_an_error_even_found_by_walking);
    tcase_add_test(kinds, an_xhtml_page_with_a_doctype_found_by_walking_is_passed_over);
    suite_add_tcase(s, kinds);

    TCase *bulk = tcase_create("bulk");
    tcase_set_timeout(bulk, 60);
    tcase_add_test(bulk, bulk_file_delivers_valid_deals_around_an_invalid_one);
    tcase_add_test(bulk, bulk_file_deals_carry_their_own_positions);
    tcase_add_test(bulk, bulk_file_larger_than_a_read_chunk_keeps_positions);
    tcase_add_loop_test(bulk, a_tag_of_too_many_attributes_is_refused_at_its_line, 0, 3);
    tcase_add_test(bulk, a_tag_of_256_attributes_is_parsed);
    tcase_add_test(bulk, deals_before_a_refused_tag_in_the_same_chunk_stand);
    tcase_add_test(bulk, an_element_that_is_not_a_deal_ends_a_bulk_file);
    tcase_add_test(bulk, quoted_bytes_of_bad_utf8_stop_at_a_lt);
    tcase_add_test(bulk, text_between_deals_is_reported_though_the_xml_breaks_next);
    suite_add_tcase(s, bulk);
    return s;
}
