# dealc: a compiler and validator for sales processes kept as files.
#   make          build build/dealc
#   make check    run every test (unit, CLI, schema)
#   make demo     check the samples and show what the broken examples report
#   make install  install under PREFIX (DESTDIR honoured)
# Missing Debian packages are installed on the fly when run as root with
# apt-get available; otherwise the exact apt-get line is printed.

CC ?= cc
CFLAGS ?= -O2 -g
LDFLAGS ?=
PKG_CONFIG ?= pkg-config
PREFIX ?= /usr/local
VERSION = 0.1.0
AS_OF ?= 2026-12-03

BUILD = build
# Recursive (=) so pkg-config runs only after the dependency check installed it.
DEP_CFLAGS = $(shell $(PKG_CONFIG) --cflags libxml-2.0 libxslt libexslt)
DEP_LIBS = $(shell $(PKG_CONFIG) --libs libxml-2.0 libxslt libexslt) -pthread
CHECK_CFLAGS = $(shell $(PKG_CONFIG) --cflags check)
CHECK_LIBS = $(shell $(PKG_CONFIG) --libs check)
DEALC_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Wall -Wextra -Werror \
	-Wshadow -Wstrict-prototypes -Wmissing-prototypes -DDEALC_VERSION='"$(VERSION)"' \
	-Icompiler -I$(BUILD)

EMBEDDED = schemas/team.xsd schemas/process.xsd schemas/deal.xsd schemas/state.xsd \
	$(wildcard reports/report.xsl reports/report.css)
CORE_SRC = compiler/util.c compiler/diag.c compiler/diag_print.c compiler/model.c \
	compiler/xsdtime.c compiler/money.c compiler/text.c compiler/load.c compiler/team.c \
	compiler/process.c compiler/deal.c compiler/audience.c compiler/eval.c compiler/walk.c \
	compiler/repo.c compiler/stats.c compiler/emit.c compiler/state.c compiler/output.c compiler/report.c compiler/pipeline.c compiler/split.c compiler/idset.c compiler/gitio.c compiler/changed.c
CLI_SRC_SHARED = compiler/run_state.c
CLI_SRC = $(CLI_SRC_SHARED) compiler/main.c compiler/cmd_check.c compiler/cmd_eval.c compiler/cmd_explain.c compiler/cmd_report.c compiler/cmd_diff.c compiler/cmd_schema.c
CORE_OBJ = $(CORE_SRC:compiler/%.c=$(BUILD)/obj/%.o) $(BUILD)/obj/embedded.o
CLI_OBJ = $(CLI_SRC:compiler/%.c=$(BUILD)/obj/%.o)
UNIT_SRC = $(wildcard tests/unit/*.c)
UNIT_OBJ = $(UNIT_SRC:tests/unit/%.c=$(BUILD)/obj/unit/%.o)

.PHONY: all deps check-deps demo-deps check unit-tests cli-tests schema-tests state-tests scale-tests git-tests memcheck bench demo install uninstall clean

all: deps
	@$(MAKE) --no-print-directory $(BUILD)/dealc

deps:
	@tools/ensure-deps.sh build
check-deps:
	@tools/ensure-deps.sh check
demo-deps:
	@tools/ensure-deps.sh demo

$(BUILD)/embed: tools/embed.c
	@mkdir -p $(BUILD)
	$(CC) $(CFLAGS) -std=c11 -Wall -Wextra -Werror -o $@ tools/embed.c

$(BUILD)/embedded.c: $(BUILD)/embed $(EMBEDDED)
	$(BUILD)/embed $@ $(EMBEDDED)

$(BUILD)/obj/embedded.o: $(BUILD)/embedded.c compiler/embed.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(DEALC_CFLAGS) -c -o $@ $<

$(BUILD)/obj/%.o: compiler/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(DEALC_CFLAGS) $(DEP_CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/libdealc.a: $(CORE_OBJ)
	$(AR) rcs $@ $^

$(BUILD)/dealc: $(CLI_OBJ) $(BUILD)/libdealc.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(CLI_OBJ) $(BUILD)/libdealc.a $(DEP_LIBS)

$(BUILD)/obj/unit/%.o: tests/unit/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(DEALC_CFLAGS) $(DEP_CFLAGS) $(CHECK_CFLAGS) -Itests/unit -MMD -MP -c -o $@ $<

$(BUILD)/unit-tests: $(UNIT_OBJ) $(BUILD)/libdealc.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(UNIT_OBJ) $(BUILD)/libdealc.a $(DEP_LIBS) $(CHECK_LIBS)

check: check-deps
	@$(MAKE) --no-print-directory $(BUILD)/dealc $(BUILD)/unit-tests
	@$(MAKE) --no-print-directory schema-tests cli-tests state-tests scale-tests git-tests unit-tests

schema-tests:
	@tests/schema/run.sh

cli-tests: $(BUILD)/dealc
	@tests/cli/run.sh $(BUILD)/dealc

state-tests: $(BUILD)/dealc
	@tests/state/run.sh $(BUILD)/dealc

scale-tests: $(BUILD)/dealc
	@tests/scale/run.sh $(BUILD)/dealc

git-tests: $(BUILD)/dealc
	@tests/git/run.sh $(BUILD)/dealc

unit-tests: $(BUILD)/unit-tests
	@$(BUILD)/unit-tests

# The unit and CLI suites under valgrind: any leak or invalid access fails.
VALGRIND = valgrind -q --leak-check=full --show-leak-kinds=definite,indirect,possible \
	--errors-for-leak-kinds=definite,indirect,possible --error-exitcode=99
memcheck: check-deps
	@command -v valgrind >/dev/null || { echo "memcheck needs valgrind: apt-get install -y valgrind"; exit 1; }
	@$(MAKE) --no-print-directory $(BUILD)/dealc $(BUILD)/unit-tests
	CK_FORK=no $(VALGRIND) $(BUILD)/unit-tests
	@printf '#!/bin/sh\nexec $(VALGRIND) "%s/$(BUILD)/dealc" "$$@"\n' "$$(pwd)" >$(BUILD)/dealc-valgrind
	@chmod +x $(BUILD)/dealc-valgrind
	@tests/cli/run.sh $(BUILD)/dealc-valgrind

# Speed and memory against xmllint on generated data (see tests/bench/run.py).
# BENCH_ARGS="--sizes 10000 --files 1000 --runs 1" for a quick look.
bench: check-deps
	@$(MAKE) --no-print-directory $(BUILD)/dealc
	@python3 tests/bench/run.py $(BENCH_ARGS)

demo: demo-deps
	@$(MAKE) --no-print-directory $(BUILD)/dealc
	@echo "== dealc check samples (must be clean)"
	$(BUILD)/dealc check --as-of $(AS_OF) samples/team.xml samples/processes samples/deals samples/exports
	@echo
	@echo "== dealc check samples/broken (EXPECTED errors: these files show problems on purpose)"
	-$(BUILD)/dealc check --as-of $(AS_OF) samples/team.xml samples/processes samples/broken
	@echo
	@echo "demo: the samples are clean; the errors above under samples/broken are the expected ones."

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/dealc/schemas
	install -m 755 $(BUILD)/dealc $(DESTDIR)$(PREFIX)/bin/dealc
	install -m 644 $(EMBEDDED) $(DESTDIR)$(PREFIX)/share/dealc/schemas/

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/dealc
	rm -rf $(DESTDIR)$(PREFIX)/share/dealc

clean:
	rm -rf $(BUILD)

-include $(wildcard $(BUILD)/obj/*.d $(BUILD)/obj/unit/*.d)
