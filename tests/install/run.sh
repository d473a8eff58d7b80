#!/bin/sh
# make install and make uninstall, into a temporary DESTDIR:
#   - the files land under PREFIX (bin, share/man/man1, share/dealc);
#   - the installed binary, run from a folder holding only copies of the
#     samples (not the repository) with a bare environment, checks them clean
#     and prints its built-in schemas, the same bytes as the installed ones;
#   - man finds and renders the installed page, whose FILES name PREFIX;
#   - make uninstall leaves no file behind.
# Usage: tests/install/run.sh (from anywhere; runs make in the repository)
set -eu

top=$(cd "$(dirname "$0")/../.." && pwd)
make=${MAKE:-make}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0
failed=0
ok() { passed=$((passed + 1)); }
fail() {
    echo "FAIL install: $*"
    failed=$((failed + 1))
}

install_into() { # DESTDIR PREFIX
    if ! "$make" --no-print-directory -C "$top" install DESTDIR="$1" PREFIX="$2" >"$work/make.log" 2>&1; then
        echo "FAIL install: make install DESTDIR=$1 PREFIX=$2 failed:"
        sed 's/^/    /' "$work/make.log"
        exit 1
    fi
}

dest=$work/dest
install_into "$dest" /usr
usr=$dest/usr

# ---- what was installed ----
expect="bin/dealc share/man/man1/dealc.1 share/dealc/hooks/pre-commit"
for kind in team process deal state; do
    expect="$expect share/dealc/schemas/$kind.xsd"
done
for f in report.xsl report.css; do
    [ -f "$top/reports/$f" ] && expect="$expect share/dealc/reports/$f"
done
for f in $expect; do
    if [ -f "$usr/$f" ]; then ok; else fail "make install did not write PREFIX/$f"; fi
done
(cd "$dest" && find . -type f -o -type l | sed 's|^\./usr/||' | sort) >"$work/installed"
printf '%s\n' $expect | sort >"$work/expected"
if diff -u "$work/expected" "$work/installed" >"$work/diff"; then
    ok
else
    fail "make install wrote other files than expected (- expected, + installed):"
    sed 's/^/    /' "$work/diff"
fi
[ -x "$usr/bin/dealc" ] && [ -x "$usr/share/dealc/hooks/pre-commit" ] && ok ||
    fail "the binary or the hook is not executable"
for f in share/man/man1/dealc.1 share/dealc/schemas/deal.xsd; do
    mode=$(stat -c %a "$usr/$f")
    [ "$mode" = 644 ] && ok || fail "PREFIX/$f has mode $mode, not 644"
done
for f in report.xsl report.css; do
    if [ -f "$top/reports/$f" ]; then
        cmp -s "$top/reports/$f" "$usr/share/dealc/reports/$f" && ok || fail "PREFIX/share/dealc/reports/$f differs from reports/$f"
    fi
done

# ---- the installed binary, away from the repository ----
run=$work/run
mkdir "$run"
cp -r "$top/samples/team.xml" "$top/samples/processes" "$top/samples/deals" "$top/samples/exports" \
    "$top/samples/broken" "$run/"
# A bare environment: no PATH into the repository, nothing of the caller's.
bare() { (cd "$run" && env -i HOME="$work" PATH=/usr/bin:/bin LC_ALL=C.UTF-8 "$@"); }
status=0
bare "$usr/bin/dealc" check --as-of 2026-12-03 team.xml processes deals exports >"$work/out" 2>"$work/err" ||
    status=$?
if [ "$status" = 0 ] && [ ! -s "$work/out" ] && grep -q '^dealc: 0 errors, 0 warnings in 55 files$' "$work/err"; then
    ok
else
    fail "the installed dealc does not check the samples clean: status $status, stderr: $(cat "$work/err")"
    sed 's/^/    /' "$work/out"
fi
status=0
bare "$usr/bin/dealc" check -q --as-of 2026-12-03 team.xml processes broken >"$work/out" 2>&1 || status=$?
if [ "$status" = 1 ] && grep -q '\[gate-blocked\]$' "$work/out"; then ok; else fail "the installed dealc on samples/broken: status $status"; fi
for kind in team process deal state; do
    status=0
    bare "$usr/bin/dealc" schema "$kind" >"$work/schema" 2>"$work/err" || status=$?
    if [ "$status" = 0 ] && cmp -s "$work/schema" "$usr/share/dealc/schemas/$kind.xsd" &&
        cmp -s "$work/schema" "$top/schemas/$kind.xsd"; then
        ok
    else
        fail "installed 'dealc schema $kind': status $status, or not the bytes of schemas/$kind.xsd; $(cat "$work/err")"
    fi
done
if bare "$usr/bin/dealc" check -q --as-of 2026-12-03 --format junit team.xml processes >"$work/junit" &&
    xmllint --noout --nonet --schema "$top/tests/formats/junit.xsd" "$work/junit" 2>/dev/null; then
    ok
else
    fail "the installed dealc does not write a valid JUnit report"
fi

# ---- the manual page ----
page=$usr/share/man/man1/dealc.1
if LC_ALL=C.UTF-8 MANWIDTH=80 MANPAGER=cat man -l "$page" >"$work/man" 2>"$work/man.err" &&
    [ ! -s "$work/man.err" ] && grep -q '^DEALC(1)' "$work/man"; then
    ok
else
    fail "man -l does not render the installed page: $(cat "$work/man.err")"
fi
# Found by name under the installed MANPATH, as 'man dealc' finds it.
if LC_ALL=C.UTF-8 MANWIDTH=80 MANPAGER=cat man -M "$usr/share/man" dealc >"$work/man2" 2>"$work/man.err" &&
    cmp -s "$work/man" "$work/man2"; then
    ok
else
    fail "man -M PREFIX/share/man dealc does not find the page: $(cat "$work/man.err")"
fi
if grep -q '/usr/share/dealc/schemas/' "$work/man" && ! grep -q '/usr/local/' "$work/man"; then
    ok
else
    fail "the installed page does not name PREFIX/share/dealc (PREFIX=/usr)"
fi

# ---- uninstall ----
if "$make" --no-print-directory -C "$top" uninstall DESTDIR="$dest" PREFIX=/usr >"$work/make.log" 2>&1; then
    ok
else
    fail "make uninstall failed:"
    sed 's/^/    /' "$work/make.log"
fi
left=$(cd "$dest" && find . -type f -o -type l)
if [ -z "$left" ]; then ok; else fail "make uninstall left files: $left"; fi
if [ ! -e "$usr/share/dealc" ]; then ok; else fail "make uninstall left the folder PREFIX/share/dealc"; fi

# ---- another PREFIX ----
install_into "$work/dest2" /opt/dealc
if [ -x "$work/dest2/opt/dealc/bin/dealc" ] && [ -f "$work/dest2/opt/dealc/share/man/man1/dealc.1" ] &&
    grep -q '/opt/dealc/share/dealc/schemas/' "$work/dest2/opt/dealc/share/man/man1/dealc.1"; then
    ok
else
    fail "make install PREFIX=/opt/dealc did not install under /opt/dealc"
fi
"$make" --no-print-directory -C "$top" uninstall DESTDIR="$work/dest2" PREFIX=/opt/dealc >/dev/null 2>&1 || true
left=$(cd "$work/dest2" && find . -type f -o -type l)
if [ -z "$left" ]; then ok; else fail "make uninstall PREFIX=/opt/dealc left files: $left"; fi

echo "install: $passed passed, $failed failed"
[ "$failed" = 0 ]
