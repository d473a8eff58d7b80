/* Placeholder until the loader tests land; replaced in the same change. */
#include "fixture.h"
Suite *loader_suite(void) { return suite_create("loader"); }
