/*
 * The unit-test runner: every suite, run by Check, ending in Check's summary.
 * CK_FORK follows Check's default so one crashing test does not hide the rest.
 */
#include "fixture.h"

#include <libxml/parser.h>
#include <stdlib.h>

int main(void)
{
    xmlInitParser();
    SRunner *runner = srunner_create(events_suite());
    srunner_add_suite(runner, derived_suite());
    srunner_add_suite(runner, process_suite());
    srunner_add_suite(runner, loader_suite());
    srunner_add_suite(runner, values_suite());
    srunner_add_suite(runner, repo_suite());
    srunner_add_suite(runner, stats_suite());
    srunner_add_suite(runner, shortlist_suite());
    srunner_add_suite(runner, idset_suite());
    srunner_run_all(runner, CK_NORMAL);
    int failed = srunner_ntests_failed(runner);
    srunner_free(runner);
    xmlCleanupParser();
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
