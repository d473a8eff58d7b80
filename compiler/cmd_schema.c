/*
 * dealc schema: prints a built-in schema, byte for byte the file under
 * schemas/, so `dealc schema process > process.xsd` serves an editor.
 */
#include "cli.h"

#include "embed.h"

#include <stdio.h>
#include <string.h>

int cmd_schema(int argc, char **argv)
{
    static const char *const kinds[] = {"team", "process", "deal", "state"};
    if (argc == 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
        return print_help("usage: dealc schema team|process|deal|state\n"
                          "Prints the built-in XSD schema of that kind of document.\n");
    }
    if (argc != 2)
        return usage_error("schema", "name one schema: team, process, deal or state");
    for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
        if (strcmp(argv[1], kinds[i]) != 0)
            continue;
        char name[64];
        snprintf(name, sizeof(name), "schemas/%s.xsd", kinds[i]);
        const struct embedded_file *f = embedded_find(name);
        if (!f)
            break;
        if (fwrite(f->data, 1, f->size, stdout) != f->size || fflush(stdout) != 0) {
            perror("dealc: standard output");
            return EXIT_FAILURE_TO_RUN;
        }
        return EXIT_CLEAN;
    }
    return usage_error("schema", "no built-in schema '%s' (known: team, process, deal%s)", argv[1],
                       embedded_find("schemas/state.xsd") ? ", state" : "");
}
