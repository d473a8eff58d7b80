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
	compiler/repo.c compiler/stats.c compiler/emit.c compiler/state.c compiler/output.c compiler/report.c compiler/shortlist.c compiler/pipeline.c compiler/split.c compiler/idset.c compiler/gitio.c compiler/changed.c
CLI_SRC_SHARED = compiler/run_state.c
CLI_SRC = $(CLI_SRC_SHARED) compiler/main.c compiler/cmd_check.c compiler/cmd_eval.c compiler/cmd_explain.c compiler/cmd_report.c compiler/cmd_diff.c compiler/cmd_schema.c
CORE_OBJ = $(CORE_SRC:compiler/%.c=$(BUILD)/obj/%.o) $(BUILD)/obj/embedded.o
CLI_OBJ = $(CLI_SRC:compiler/%.c=$(BUILD)/obj/%.o)
UNIT_SRC = $(wildcard tests/unit/*.c)
UNIT_OBJ = $(UNIT_SRC:tests/unit/%.c=$(BUILD)/obj/unit/%.o)

.PHONY: all deps check-deps demo-deps check unit-tests cli-tests schema-tests state-tests scale-tests git-tests report-tests doc-tests install-tests formats-tests hooks-tests hostile-tests fault-tests memcheck bench demo install uninstall clean

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
	@$(MAKE) --no-print-directory schema-tests cli-tests state-tests scale-tests git-tests report-tests doc-tests install-tests formats-tests hooks-tests hostile-tests fault-tests unit-tests

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

report-tests: $(BUILD)/dealc
	@tests/report/suite.sh $(BUILD)/dealc

# The man page (lint, and every option and code described), make install and
# uninstall, the machine formats read back by real consumers, the Git hooks
# and CI recipes.
doc-tests: $(BUILD)/dealc
	@tests/doc/run.sh $(BUILD)/dealc

install-tests: $(BUILD)/dealc
	@tests/install/run.sh

formats-tests: $(BUILD)/dealc
	@tests/formats/run.sh $(BUILD)/dealc

hooks-tests: $(BUILD)/dealc
	@tests/hooks/run.sh $(BUILD)/dealc

# Hostile input (entities, bombs, URLs, huge and broken files, walk traps) and
# faults (killed mid-write, full disk, out of memory in the loader).
hostile-tests: $(BUILD)/dealc
	@tests/hostile/run.sh $(BUILD)/dealc

fault-tests: $(BUILD)/dealc $(BUILD)/libdealc.a
	@tests/faults/run.sh $(BUILD)/dealc

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
	@echo "== dealc report samples"
	$(BUILD)/dealc report --as-of $(AS_OF) -o $(BUILD)/report samples/team.xml samples/processes samples/deals samples/exports
	@echo
	@echo "demo: the samples are clean; the errors above under samples/broken are the expected ones."
	@echo "demo: the report is at $(abspath $(BUILD)/report/index.html)"

# make install [PREFIX=/usr/local] [DESTDIR=/staging]: the binary to PREFIX/bin,
# dealc.1 to PREFIX/share/man/man1 (its FILES paths rewritten for PREFIX), and
# under PREFIX/share/dealc the schemas, the report stylesheet and CSS, and the
# plain Git pre-commit hook. dealc itself needs none of these: they are built in.
BINDIR = $(PREFIX)/bin
MAN1DIR = $(PREFIX)/share/man/man1
DATADIR = $(PREFIX)/share/dealc
INSTALL_SCHEMAS = $(filter schemas/%,$(EMBEDDED))
INSTALL_REPORTS = $(filter reports/%,$(EMBEDDED))
install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MAN1DIR) $(DESTDIR)$(DATADIR)/schemas $(DESTDIR)$(DATADIR)/hooks
	install -m 755 $(BUILD)/dealc $(DESTDIR)$(BINDIR)/dealc
	sed 's|/usr/local/share/dealc|$(DATADIR)|g' dealc.1 >$(BUILD)/dealc.1
	install -m 644 $(BUILD)/dealc.1 $(DESTDIR)$(MAN1DIR)/dealc.1
	install -m 644 $(INSTALL_SCHEMAS) $(DESTDIR)$(DATADIR)/schemas/
	$(if $(INSTALL_REPORTS),install -d $(DESTDIR)$(DATADIR)/reports)
	$(if $(INSTALL_REPORTS),install -m 644 $(INSTALL_REPORTS) $(DESTDIR)$(DATADIR)/reports/)
	install -m 755 docs/hooks/pre-commit $(DESTDIR)$(DATADIR)/hooks/pre-commit

# Removes exactly what install wrote, then the folders of share/dealc if empty.
uninstall:
	rm -f $(DESTDIR)$(BINDIR)/dealc $(DESTDIR)$(MAN1DIR)/dealc.1 $(DESTDIR)$(DATADIR)/hooks/pre-commit
	rm -f $(addprefix $(DESTDIR)$(DATADIR)/,$(INSTALL_SCHEMAS) $(INSTALL_REPORTS))
	rmdir $(DESTDIR)$(DATADIR)/schemas $(DESTDIR)$(DATADIR)/reports $(DESTDIR)$(DATADIR)/hooks $(DESTDIR)$(DATADIR) 2>/dev/null || true

clean:
	rm -rf $(BUILD)

-include $(wildcard $(BUILD)/obj/*.d $(BUILD)/obj/unit/*.d)

# ==== fuzzing and sanitizers (issue 7; tests/fuzz/, tests/sanitize/) ========
# make fuzz [FUZZ_SECONDS=N]  builds the libFuzzer harnesses tests/fuzz/fuzz_*.c
#     with clang into build/fuzz/ (the library compiled again there, with the
#     fuzzer and sanitizer flags), replays every input of tests/fuzz/regressions/,
#     then fuzzes each harness for N seconds (default 60; make -j2 runs both at
#     once) from corpora seeded by tests/fuzz/seed.sh. Fails on any finding; the
#     crashing input is left in build/fuzz/artifacts/.
# make sanitize  builds dealc and the unit tests with ASan and UBSan (clang,
#     whose UBSan honours log_path: SAN_CC to change) into build/sanitize/ and
#     runs the unit, CLI, state and scale tests against them
#     (tests/sanitize/run.sh: any sanitizer report fails it).
FUZZ_CC ?= clang
FUZZ_SECONDS ?= 60
FUZZ_DIR = $(BUILD)/fuzz
FUZZ_SAN = -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_CFLAGS = -g -O1 $(FUZZ_SAN) -fsanitize=fuzzer-no-link
FUZZ_HARNESSES = document repo
FUZZ_OBJ = $(CORE_SRC:compiler/%.c=$(FUZZ_DIR)/obj/%.o) $(FUZZ_DIR)/obj/embedded.o
FUZZ_FIXED = samples/team.xml samples/processes/pilot.xml samples/processes/renewal.xml \
	samples/processes/standard.xml samples/deals/2026/gdansk-port-crm.xml
FUZZ_RENAME = -Dembedded_files=fuzz_fixed_files -Dembedded_file_count=fuzz_fixed_count \
	-Dembedded_find=fuzz_fixed_find
FUZZ_MAX_LEN_document = 16384
FUZZ_MAX_LEN_repo = 32768
FUZZ_RUN_FLAGS = -timeout=30 -rss_limit_mb=2048 -print_final_stats=1 -dict=tests/fuzz/dealc.dict
FUZZ_ENV = ASAN_OPTIONS=detect_leaks=1:strict_string_checks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	TMPDIR=$(CURDIR)/$(FUZZ_DIR)/tmp

.PHONY: fuzz fuzz-deps fuzz-build fuzz-replay sanitize sanitize-deps \
	$(FUZZ_HARNESSES:%=fuzz-run-%)

fuzz-deps:
	@tools/ensure-deps.sh fuzz

fuzz: fuzz-deps
	@$(MAKE) --no-print-directory fuzz-build
	@$(MAKE) --no-print-directory fuzz-replay
	@$(MAKE) --no-print-directory $(FUZZ_HARNESSES:%=fuzz-run-%)

fuzz-build: $(FUZZ_HARNESSES:%=$(FUZZ_DIR)/fuzz_%)
.PRECIOUS: $(FUZZ_DIR)/obj/%.o $(FUZZ_DIR)/obj/fuzz_%.o $(FUZZ_DIR)/fixed.c

$(FUZZ_DIR)/obj/%.o: compiler/%.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) $(DEALC_CFLAGS) $(DEP_CFLAGS) -MMD -MP -c -o $@ $<

$(FUZZ_DIR)/obj/embedded.o: $(BUILD)/embedded.c compiler/embed.h
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) $(DEALC_CFLAGS) -c -o $@ $<

# The sample documents the harnesses evaluate against, compiled in under other names.
$(FUZZ_DIR)/fixed.c: $(BUILD)/embed $(FUZZ_FIXED)
	@mkdir -p $(dir $@)
	$(BUILD)/embed $@ $(FUZZ_FIXED)

$(FUZZ_DIR)/obj/fixed.o: $(FUZZ_DIR)/fixed.c compiler/embed.h
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) $(DEALC_CFLAGS) $(FUZZ_RENAME) -c -o $@ $<

$(FUZZ_DIR)/obj/fuzz_%.o: tests/fuzz/fuzz_%.c tests/fuzz/common.h
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) $(DEALC_CFLAGS) $(DEP_CFLAGS) -Itests/fuzz -MMD -MP -c -o $@ $<

# The oracles look at the harnesses' output: sanitized, but no coverage of theirs.
$(FUZZ_DIR)/obj/oracle.o: tests/fuzz/oracle.c tests/fuzz/common.h
	@mkdir -p $(dir $@)
	$(FUZZ_CC) -g -O2 $(FUZZ_SAN) $(DEALC_CFLAGS) $(DEP_CFLAGS) -Itests/fuzz -c -o $@ $<

$(FUZZ_DIR)/fuzz_%: $(FUZZ_DIR)/obj/fuzz_%.o $(FUZZ_DIR)/obj/fixed.o $(FUZZ_DIR)/obj/oracle.o $(FUZZ_OBJ)
	$(FUZZ_CC) -g $(FUZZ_SAN) -fsanitize=fuzzer -o $@ $^ $(DEP_LIBS)

# Every committed finding first: each must now pass.
fuzz-replay: fuzz-build
	@mkdir -p $(FUZZ_DIR)/tmp
	@for h in $(FUZZ_HARNESSES); do \
		set -- tests/fuzz/regressions/$$h/*; \
		[ -f "$$1" ] || continue; \
		echo "== fuzz_$$h: replaying $$# regression input(s)"; \
		DEALC_FUZZ_EVERY_WAY=1 $(FUZZ_ENV) $(FUZZ_DIR)/fuzz_$$h -runs=1 "$$@" >$(FUZZ_DIR)/replay-$$h.log 2>&1 || \
			{ tail -n 60 $(FUZZ_DIR)/replay-$$h.log; echo "fuzz_$$h: a regression input fails again"; exit 1; }; \
	done

$(FUZZ_HARNESSES:%=fuzz-run-%): fuzz-run-%: fuzz-build
	@tests/fuzz/seed.sh $(FUZZ_DIR) $*
	@mkdir -p $(FUZZ_DIR)/artifacts $(FUZZ_DIR)/tmp
	@echo "== fuzz_$*: $(FUZZ_SECONDS) s (log: $(FUZZ_DIR)/fuzz_$*.log)"
	@$(FUZZ_ENV) $(FUZZ_DIR)/fuzz_$* $(FUZZ_RUN_FLAGS) -max_len=$(FUZZ_MAX_LEN_$*) \
		-max_total_time=$(FUZZ_SECONDS) -artifact_prefix=$(FUZZ_DIR)/artifacts/$*- \
		$(FUZZ_DIR)/corpus-$* >$(FUZZ_DIR)/fuzz_$*.log 2>&1 || \
		{ tail -n 80 $(FUZZ_DIR)/fuzz_$*.log; \
		  echo "fuzz_$*: FINDING: the input is in $(FUZZ_DIR)/artifacts/ (keep it in tests/fuzz/regressions/$*/ once fixed)"; \
		  exit 1; }
	@grep -aE '^(#[0-9]+ +DONE|Done [0-9]+ runs|stat::number_of_executed_units|stat::peak_rss_mb)' $(FUZZ_DIR)/fuzz_$*.log | sed 's/^/fuzz_$*: /'

SAN_CC ?= clang
SAN_DIR = $(BUILD)/sanitize
SAN_CFLAGS = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
SAN_OBJ = $(CORE_SRC:compiler/%.c=$(SAN_DIR)/obj/%.o) $(SAN_DIR)/obj/embedded.o
SAN_CLI_OBJ = $(CLI_SRC:compiler/%.c=$(SAN_DIR)/obj/%.o)
SAN_UNIT_OBJ = $(UNIT_SRC:tests/unit/%.c=$(SAN_DIR)/obj/unit/%.o)

sanitize-deps:
	@tools/ensure-deps.sh sanitize

sanitize: sanitize-deps
	@$(MAKE) --no-print-directory $(SAN_DIR)/dealc $(SAN_DIR)/unit-tests
	@tests/sanitize/run.sh $(SAN_DIR)

$(SAN_DIR)/obj/%.o: compiler/%.c
	@mkdir -p $(dir $@)
	$(SAN_CC) $(SAN_CFLAGS) $(DEALC_CFLAGS) $(DEP_CFLAGS) -MMD -MP -c -o $@ $<

$(SAN_DIR)/obj/embedded.o: $(BUILD)/embedded.c compiler/embed.h
	@mkdir -p $(dir $@)
	$(SAN_CC) $(SAN_CFLAGS) $(DEALC_CFLAGS) -c -o $@ $<

$(SAN_DIR)/obj/unit/%.o: tests/unit/%.c
	@mkdir -p $(dir $@)
	$(SAN_CC) $(SAN_CFLAGS) $(DEALC_CFLAGS) $(DEP_CFLAGS) $(CHECK_CFLAGS) -Itests/unit -MMD -MP -c -o $@ $<

$(SAN_DIR)/dealc: $(SAN_CLI_OBJ) $(SAN_OBJ)
	$(SAN_CC) $(SAN_CFLAGS) -o $@ $^ $(DEP_LIBS)

$(SAN_DIR)/unit-tests: $(SAN_UNIT_OBJ) $(SAN_OBJ)
	$(SAN_CC) $(SAN_CFLAGS) -o $@ $^ $(DEP_LIBS) $(CHECK_LIBS)

-include $(wildcard $(FUZZ_DIR)/obj/*.d $(SAN_DIR)/obj/*.d $(SAN_DIR)/obj/unit/*.d)
# ==== end of fuzzing and sanitizers ===========================================
