/*
 * One writer, two notations: the state document is described once, as
 * nested records with typed fields, and written either as XML (through
 * libxml2's xmlTextWriter, which owns escaping and well-formedness) or as
 * JSON by the documented mapping:
 *   - a record (em_open) is a JSON object; in XML an element of that name;
 *   - a field (em_str/em_int/em_bool/em_num) is a member; in XML an attribute;
 *     numbers and booleans are JSON numbers and booleans, amounts are strings;
 *   - a text field (em_text) is a string member; in XML a child element
 *     holding the text;
 *   - a list (em_list) is a JSON array of the records opened in it; in XML a
 *     container element of that name.
 * Fields come before the records, texts and lists inside a record.
 */
#ifndef DEALC_EMIT_H
#define DEALC_EMIT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

enum emit_format { EMIT_XML, EMIT_JSON };

struct emitter;
/* Writes to out; the XML root gets namespace ns. */
struct emitter *emitter_new(FILE *out, enum emit_format format, const char *ns);
void em_open(struct emitter *em, const char *name);
void em_list(struct emitter *em, const char *name);
void em_close(struct emitter *em);
/* A NULL value writes nothing, so optional fields need no test at the call. */
void em_str(struct emitter *em, const char *name, const char *value);
void em_int(struct emitter *em, const char *name, int64_t value);
void em_bool(struct emitter *em, const char *name, bool value);
/* A decimal number already formatted ("12.5"): a JSON number, an XML attribute. */
void em_num(struct emitter *em, const char *name, const char *decimal);
void em_text(struct emitter *em, const char *name, const char *text);
/* Ends the document; false when anything could not be written. Frees em. */
bool emitter_finish(struct emitter *em);

#endif
