/*
 * The deal builder: streams deal elements (a `deal` document, or each deal of
 * a bulk `deals` document) into the model one at a time. Each deal lives in
 * the builder's arena only until the callback returns, so memory does not
 * grow with the number of deals in a file.
 */
#ifndef DEALC_DEAL_H
#define DEALC_DEAL_H

#include "load.h"
#include "model.h"

/* Called for each deal that the schema accepted; d lives in the builder's arena (see below). */
typedef void deal_callback(void *ctx, const struct deal *d);

struct deal_builder;
struct deal_builder *deal_builder_new(deal_callback *callback, void *ctx);
/* Prepares for a document of kind DOC_DEAL or DOC_DEALS. */
const struct element_sink *deal_builder_sink(struct deal_builder *b, enum doc_kind kind);
/*
 * Keeps every deal in mem (until the caller frees it) instead of in the
 * builder's own arena, reset for each deal; NULL goes back to that.
 */
void deal_builder_use_arena(struct deal_builder *b, struct arena *mem);
/* Deals seen in the documents so far, valid or not. */
size_t deal_builder_count(const struct deal_builder *b);
void deal_builder_free(struct deal_builder *b);

#endif
