#!/bin/sh
# The manual page: dealc.1 must be clean under mandoc -Tlint and groff -ww,
# render with man -l, and describe everything the binary offers:
#   - every command that 'dealc --help' lists has its subsection;
#   - every option that 'dealc CMD --help' prints, and every long option of
#     the option table in compiler/cmd_CMD.c (with the shared ones of cli.h),
#     appears in that command's subsection (the global options in "Global
#     options");
#   - every schema that 'dealc schema --help' names appears in its subsection;
#   - every diagnostic code of compiler/diag.c's table is a tag of the
#     DIAGNOSTICS section, under Errors or Warnings as its severity says,
#     and no other code is;
#   - the version in .TH is the binary's.
# Any warning of any of the tools fails the test.
# Usage: tests/doc/run.sh path/to/dealc
set -eu

dealc=$1
root=$(cd "$(dirname "$0")/../.." && pwd)
page=$root/dealc.1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

failed=0
passed=0
fail() {
    echo "FAIL doc: $*"
    failed=$((failed + 1))
}
pass() {
    passed=$((passed + 1))
}

for tool in mandoc groff man; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "FAIL doc: '$tool' is missing (apt-get install -y mandoc groff-base man-db)"
        exit 1
    fi
done

# 1. Linters: no message at all, whatever the exit status.
if mandoc -Tlint -W all "$page" >"$work/lint" 2>&1 && [ ! -s "$work/lint" ]; then
    pass
else
    fail "mandoc -Tlint -W all reports:"
    sed 's/^/    /' "$work/lint"
fi
if groff -ww -man -Tutf8 "$page" >/dev/null 2>"$work/groff" && [ ! -s "$work/groff" ]; then
    pass
else
    fail "groff -ww -man -Tutf8 reports:"
    sed 's/^/    /' "$work/groff"
fi
# man -l as a reader runs it; LC_ALL=C.UTF-8 so that the UTF-8 device is used.
if LC_ALL=C.UTF-8 MANWIDTH=80 MANPAGER=cat man -l "$page" >"$work/man" 2>"$work/man-err" &&
    [ ! -s "$work/man-err" ] && grep -q '^DEALC(1)' "$work/man" && grep -q '^NAME' "$work/man"; then
    pass
else
    fail "man -l does not render the page cleanly:"
    sed 's/^/    /' "$work/man-err"
fi

# The page as plain text, wide enough that no line is broken (mandoc does not
# hyphenate), overstrike removed.
bs=$(printf '\b')
mandoc -Tascii -Owidth=400 "$page" | sed "s/.$bs//g" >"$work/text"

# Prints the lines of subsection TITLE (up to the next subsection or section).
subsection() {
    awk -v title="$1" '
        /^   [^ ]/ || /^[^ ]/ { on = (substr($0, 4) == title) ; next }
        on { print }
    ' "$work/text"
}

# Options of a --help text: the tokens -x and --long of its option lines.
options_of() {
    grep -E '^  +-' | sed -E 's/^ +//; s/  .*//' | tr ',' '\n' |
        sed -E 's/^ +//; s/ .*//; s/=.*//' | grep -E '^--?[A-Za-z]' | sort -u
}

# Each token must appear as a whole word (not as part of a longer option).
check_options() { # SUBSECTION-TITLE OPTIONS-FILE WHAT
    subsection "$1" >"$work/section"
    if [ ! -s "$work/section" ]; then
        fail "no subsection '$1' in dealc.1"
        return
    fi
    while IFS= read -r opt; do
        if grep -Eq -- "(^|[^A-Za-z0-9-])$opt([^A-Za-z0-9-]|$)" "$work/section"; then
            pass
        else
            fail "$3 prints option $opt, but subsection '$1' of dealc.1 does not describe it"
        fi
    done <"$2"
}

# 2. Commands and their options.
"$dealc" --help >"$work/help"
sed -n '/^commands:/,/^$/p' "$work/help" | sed -n 's/^  \([a-z][a-z-]*\) .*/\1/p' >"$work/commands"
[ -s "$work/commands" ] || fail "'dealc --help' lists no commands"
sed '/^commands:/,/^$/d' "$work/help" | options_of >"$work/opts"
[ -s "$work/opts" ] || fail "'dealc --help' lists no options"
check_options "Global options" "$work/opts" "'dealc --help'"

while IFS= read -r cmd; do
    title=$(grep -E "^   dealc $cmd( |\$)" "$work/text" | head -n 1 | sed 's/^   //')
    if [ -z "$title" ]; then
        fail "command '$cmd' has no subsection 'dealc $cmd ...' in dealc.1"
        continue
    fi
    pass
    "$dealc" "$cmd" --help >"$work/cmd-help" || fail "'dealc $cmd --help' exits $?"
    options_of <"$work/cmd-help" >"$work/opts"
    if [ "$cmd" = schema ]; then
        # Its help names the schemas rather than options; -h and --help work too.
        sed -n 's/^usage: dealc schema //p' "$work/cmd-help" | tr '|' '\n' >"$work/kinds"
        [ -s "$work/kinds" ] || fail "'dealc schema --help' names no schema"
        check_options "$title" "$work/kinds" "'dealc schema --help'"
        printf '%s\n' -h --help >>"$work/opts"
    fi
    if [ "$cmd" != schema ] && [ ! -s "$work/opts" ]; then
        fail "'dealc $cmd --help' lists no options"
    fi
    check_options "$title" "$work/opts" "'dealc $cmd --help'"
    # The long options the code accepts, whether --help lists them or not.
    src=$root/compiler/cmd_$cmd.c
    if [ -f "$src" ]; then
        {
            sed -n 's/.*{"\([a-z][a-z-]*\)", *\(no\|required\|optional\)_argument.*/--\1/p' "$src"
            if grep -q 'COMMON_OPTIONS' "$src"; then
                sed -n '/#define COMMON_OPTIONS/,/^[^ ]/p' "$root/compiler/cli.h" |
                    grep -o '{"[a-z][a-z-]*", *[a-z]*_argument' | sed 's/{"\([^"]*\)".*/--\1/'
            fi
        } | sort -u >"$work/code-opts"
        check_options "$title" "$work/code-opts" "compiler/cmd_$cmd.c"
    else
        fail "no compiler/cmd_$cmd.c for command '$cmd'"
    fi
done <"$work/commands"

# 3. Diagnostic codes: the tags (.TP then .B CODE) of the Errors and Warnings
# subsections of DIAGNOSTICS, against compiler/diag.c's table.
sed -n 's/.*{"\([a-z-]*\)", SEV_ERROR}.*/\1/p' "$root/compiler/diag.c" | sort >"$work/code-errors"
sed -n 's/.*{"\([a-z-]*\)", SEV_WARNING}.*/\1/p' "$root/compiler/diag.c" | sort >"$work/code-warnings"
[ -s "$work/code-errors" ] && [ -s "$work/code-warnings" ] ||
    fail "no code table found in compiler/diag.c"
page_tags() { # SUBSECTION
    awk -v want="$1" '
        /^\.SH/ { sh = $2 }
        /^\.SS/ { ss = $2 }
        /^\.TP/ { tp = 1; next }
        tp && sh == "DIAGNOSTICS" && ss == want && /^\.B / { print $2 }
        { tp = 0 }
    ' "$page" | sed 's/\\-/-/g' | sort
}
page_tags Errors >"$work/page-errors"
page_tags Warnings >"$work/page-warnings"
for sev in errors warnings; do
    if diff -u "$work/code-$sev" "$work/page-$sev" >"$work/diff"; then
        pass
    else
        fail "the $sev of DIAGNOSTICS differ from compiler/diag.c (- diag.c, + dealc.1):"
        sed 's/^/    /' "$work/diff"
    fi
done
# Each one line (a tag and one paragraph of text), and the text says something.
for code in $(cat "$work/code-errors" "$work/code-warnings"); do
    if grep -Eq "^       $code\$" "$work/text" || grep -Eq "^       $code  " "$work/text"; then
        pass
    else
        fail "code $code is not a tag of the rendered page"
    fi
done

# 4. Exit statuses, environment, files, examples, version.
subsection_of_section() { # SECTION
    awk -v title="$1" '/^[^ ]/ { on = ($0 == title); next } on { print }' "$work/text"
}
subsection_of_section "EXIT STATUS" >"$work/exit"
for status in 0 1 2; do
    grep -Eq "^       $status( |\$)" "$work/exit" || fail "EXIT STATUS does not describe status $status"
done
subsection_of_section ENVIRONMENT >"$work/env"
for var in SOURCE_DATE_EPOCH NO_COLOR; do
    grep -q "^       $var" "$work/env" || fail "ENVIRONMENT does not describe $var"
done
for section in FILES EXAMPLES "SEE ALSO" "OUTPUT FORMATS"; do
    grep -qx "$section" "$work/text" || fail "dealc.1 has no $section section"
done
for format in text json junit github; do
    subsection "$format" | grep -q . || fail "OUTPUT FORMATS does not describe '$format'"
done
version=$("$dealc" --version | sed -n 's/^dealc \([^ ]*\).*/\1/p')
if grep -q "^\.TH DEALC 1 [^ ]* \"dealc $version\"" "$page"; then
    pass
else
    fail ".TH does not name version $version (what 'dealc --version' says)"
fi

echo "doc: $passed passed, $failed failed"
[ "$failed" = 0 ]
