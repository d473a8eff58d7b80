/* Placeholder until the repo tests land; replaced in the same change. */
#include "fixture.h"
Suite *repo_suite(void) { return suite_create("repo"); }
