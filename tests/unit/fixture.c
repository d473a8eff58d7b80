/*
 * The unit-test fixture; see fixture.h.
 */
#include "fixture.h"

#include "process.h"
#include "team.h"
#include "xsdtime.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char FX_TEAM[] =
    "<team xmlns=\"urn:dealc:1\">\n"
    "  <user id=\"anna\" name=\"Anna Nowak\" role=\"administrator\"/>\n"
    "  <user id=\"marek\" name=\"Marek Wójcik\" role=\"manager\"/>\n"
    "  <user id=\"ewa\" name=\"Ewa Lis\" role=\"manager\"/>\n"
    "  <user id=\"ola\" name=\"Ola Zielińska\"/>\n"
    "  <user id=\"piotr\" name=\"Piotr Nowicki\"/>\n"
    "  <user id=\"dora\" name=\"Dora Kowal\" role=\"user\"/>\n"
    "</team>\n";

const char FX_PROCESS[] =
    "<process xmlns=\"urn:dealc:1\" id=\"p\" name=\"Test process\" currency=\"PLN\">\n"
    "  <stage id=\"s1\" name=\"First\" rotting-days=\"14\">\n"
    "    <step id=\"a\" name=\"Step A\" value=\"10\" obligatory=\"true\" requires=\"note\">\n"
    "      <can-complete><owner/><managers/></can-complete>\n"
    "      <notify><managers/><attendees/></notify>\n"
    "    </step>\n"
    "    <step id=\"b\" name=\"Step B\" value=\"5\"/>\n"
    "  </stage>\n"
    "  <stage id=\"s2\" name=\"Second\" strict=\"true\">\n"
    "    <step id=\"c\" name=\"Step C\" value=\"25\" obligatory=\"true\" requires=\"note file\">\n"
    "      <responsible><user ref=\"marek\"/></responsible>\n"
    "    </step>\n"
    "  </stage>\n"
    "  <stage id=\"s3\" name=\"Third\">\n"
    "    <step id=\"d\" name=\"Step D\" value=\"60\"/>\n"
    "  </stage>\n"
    "</process>\n";

static struct team_builder *team_b;
static struct process_builder *process_b;
static struct deal_builder *deal_b;

static const struct element_sink *choose(void *ctx, enum doc_kind kind, struct loader *L)
{
    (void)ctx;
    (void)L;
    if (kind == DOC_TEAM)
        return team_b ? team_builder_sink(team_b) : NULL;
    if (kind == DOC_PROCESS)
        return process_b ? process_builder_sink(process_b) : NULL;
    if (kind == DOC_DEAL || kind == DOC_DEALS)
        return deal_b ? deal_builder_sink(deal_b, kind) : NULL;
    return NULL;
}

static void load_string(struct fixture *fx, const char *xml, uint32_t file, struct load_result *res)
{
    struct load_request req = {
        .path = "test.xml",
        .file = file,
        .named = true,
        .schemas = fx->schemas,
        .diags = &fx->diags,
        .choose = choose,
    };
    load_memory(&req, xml, strlen(xml), res);
}

void fx_setup(struct fixture *fx, const char *team_xml, const char *process_xml)
{
    memset(fx, 0, sizeof(*fx));
    fx->schemas = schema_set_new();
    ck_assert_ptr_nonnull(fx->schemas);
    team_init(&fx->team);
    struct load_result res;

    team_b = team_builder_new(&fx->team, &fx->diags);
    load_string(fx, team_xml ? team_xml : FX_TEAM, 0, &res);
    team_builder_free(team_b);
    team_b = NULL;

    process_b = process_builder_new();
    load_string(fx, process_xml ? process_xml : FX_PROCESS, 1, &res);
    if (res.outcome == LOAD_DONE && res.errors == 0)
        fx->process = process_builder_take(process_b);
    process_builder_free(process_b);
    process_b = NULL;
    if (fx->process)
        process_compile(fx->process, &fx->team, &fx->diags);
}

static void on_deal(void *ctx, const struct deal *d)
{
    struct fixture *fx = ctx;
    ck_assert_msg(fx->process != NULL, "the fixture's process did not load");
    ck_assert_str_eq(d->process_id, fx->process->id);
    fx->deal = *d;
    fx->have_deal = true;
    struct eval_input in = {&fx->team, fx->process, &fx->deal, fx->as_of_day};
    eval_deal(&in, &fx->mem, &fx->state, &fx->diags);
}

size_t fx_eval(struct fixture *fx, const char *deal_xml, const char *as_of)
{
    ck_assert_msg(parse_xsd_date(as_of, &fx->as_of_day), "bad as-of %s", as_of);
    if (!fx->deals)
        fx->deals = deal_builder_new(on_deal, fx);
    deal_b = fx->deals;
    size_t before = deal_builder_count(fx->deals);
    struct load_result res;
    load_string(fx, deal_xml, 2, &res);
    deal_b = NULL;
    return deal_builder_count(fx->deals) - before;
}

size_t fx_eval_log(struct fixture *fx, const char *log_xml, const char *as_of)
{
    static const char head[] =
        "<deal xmlns=\"urn:dealc:1\" id=\"d1\" process=\"p\" owner=\"ola\" created=\"2026-01-01\""
        " amount=\"1000.00\">\n"
        "  <title>Deal one</title>\n"
        "  <attendee ref=\"piotr\"/>\n"
        "  <log>\n";
    static const char tail[] = "  </log>\n</deal>\n";
    size_t len = strlen(head) + strlen(log_xml) + strlen(tail) + 1;
    char *xml = xmalloc(len);
    snprintf(xml, len, "%s%s%s", head, log_xml, tail);
    size_t n = fx_eval(fx, xml, as_of);
    free(xml);
    return n;
}

void fx_teardown(struct fixture *fx)
{
    deal_builder_free(fx->deals);
    process_free(fx->process);
    team_free(&fx->team);
    diag_free(&fx->diags);
    arena_free(&fx->mem);
    schema_set_free(fx->schemas);
    memset(fx, 0, sizeof(*fx));
}

size_t fx_count(const struct fixture *fx, const char *code, unsigned line)
{
    size_t n = 0;
    for (size_t i = 0; i < fx->diags.len; i++) {
        const struct diag *d = &fx->diags.items[i];
        if (!strcmp(diag_code_name(d->code), code) && (line == 0 || d->at.line == line))
            n++;
    }
    return n;
}

const char *fx_message(const struct fixture *fx, const char *code)
{
    for (size_t i = 0; i < fx->diags.len; i++)
        if (!strcmp(diag_code_name(fx->diags.items[i].code), code))
            return fx->diags.items[i].message;
    return "";
}

uint32_t fx_step(const struct fixture *fx, const char *id)
{
    const struct step *s = process_find_step(fx->process, id);
    ck_assert_msg(s != NULL, "no step %s", id);
    return s->index;
}

void fx_dump(const struct fixture *fx)
{
    for (size_t i = 0; i < fx->diags.len; i++) {
        const struct diag *d = &fx->diags.items[i];
        fprintf(stderr, "file %u line %u col %u: %s: %s [%s]\n", d->at.file, d->at.line, d->at.col,
                severity_name(d->sev), d->message, diag_code_name(d->code));
    }
}
