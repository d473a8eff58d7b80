/* Placeholder until the values tests land; replaced in the same change. */
#include "fixture.h"
Suite *values_suite(void) { return suite_create("values"); }
