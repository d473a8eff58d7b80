#!/bin/sh
# Makes sure the libraries and tools dealc builds and tests with are present.
# On a Debian machine where we are root, missing packages are installed with
# apt-get; elsewhere the exact command to run is printed and we stop.
# Usage: tools/ensure-deps.sh build|check|demo|sanitize|fuzz
set -eu

purpose=${1:-build}
missing=""

need_pkgconfig() { # MODULE PACKAGE
    if ! command -v pkg-config >/dev/null 2>&1 || ! pkg-config --exists "$1" 2>/dev/null; then
        missing="$missing $2"
    fi
}
need_command() { # COMMAND PACKAGE
    command -v "$1" >/dev/null 2>&1 || missing="$missing $2"
}

need_command cc gcc
need_command pkg-config pkg-config
need_pkgconfig libxml-2.0 libxml2-dev
need_pkgconfig libxslt libxslt1-dev
need_pkgconfig libexslt libxslt1-dev
case "$purpose" in
check | demo | sanitize)
    need_pkgconfig check "check libsubunit-dev"
    need_command xmllint libxml2-utils
    need_command xsltproc xsltproc
    need_command python3 python3
    need_command git git
    if [ "$purpose" = check ]; then
        # The man page's linters and reader; PyYAML and the pre-commit
        # framework for the recipes' test (tests/hooks).
        need_command mandoc mandoc
        need_command groff groff-base
        need_command man man-db
        # (Debian's python3-yaml serves /usr/bin/python3; another python3 on
        # the PATH without PyYAML only makes that test say what it skipped.)
        python3 -c 'import yaml' >/dev/null 2>&1 || /usr/bin/python3 -c 'import yaml' >/dev/null 2>&1 ||
            missing="$missing python3-yaml"
        need_command pre-commit pre-commit
        # tests/hostile: shows that nothing but the inputs is opened.
        need_command strace strace
    fi
    # The report's browser test wants Chromium; without it that test skips
    # with a message, so failing to install it stops nothing.
    if ! command -v chromium >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "dealc: installing chromium for the report's browser test" >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null 2>&1 ||
            echo "dealc: chromium could not be installed; the browser test will skip" >&2
    fi
    ;;
esac
case "$purpose" in
sanitize | fuzz)
    # clang with libFuzzer and the sanitizer runtimes; llvm-symbolizer for stacks.
    need_command clang clang
    need_command llvm-symbolizer llvm
    if command -v clang >/dev/null 2>&1; then
        probe=$(mktemp -d)
        printf 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n) { return d && n; }\n' >"$probe/p.c"
        clang -fsanitize=fuzzer,address,undefined -o "$probe/p" "$probe/p.c" >/dev/null 2>&1 ||
            missing="$missing libclang-rt-dev"
        rm -rf "$probe"
    else
        missing="$missing libclang-rt-dev"
    fi
    ;;
esac

[ -z "$missing" ] && exit 0
# Each package once, in a stable order.
missing=$(printf '%s\n' $missing | sort -u | tr '\n' ' ')

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "dealc: installing missing packages: $missing" >&2
    export DEBIAN_FRONTEND=noninteractive
    # shellcheck disable=SC2086
    apt-get update -qq && apt-get install -y -qq --no-install-recommends $missing >&2
    exit 0
fi
echo "dealc: missing packages for '$purpose': $missing" >&2
echo "dealc: install them with:  sudo apt-get install -y $missing" >&2
exit 1
