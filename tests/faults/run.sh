#!/bin/sh
# Faults (issue 7; SPEC §4: exit 2 for an unwritable output; §5: outputs
# are written whole or not at all).
#   (a) A run killed with SIGKILL while it writes: `dealc eval -o out.xml`
#       on 20 000 generated deals, killed when its temporary file appears,
#       when it holds 1 MB, half, nearly all of the state; `dealc report -o
#       DIR` (with data/pages.xsl, which writes a page per deal) killed when
#       its staging folder appears, and with some, and most, of its pages
#       written. Afterwards out.xml (DIR) is byte for byte the previous
#       complete version, or, if the run got to the end first, the new
#       complete one. A killed process cannot remove its temporary file or
#       staging folder: those may remain (each is listed as a note), beside
#       the intact output; an uninterrupted run leaves none.
#   (b) A full disk: enospc.c, an LD_PRELOAD shim that makes writes under
#       one folder fail with ENOSPC after N bytes (descriptors and stdio
#       streams alike), and a real 64 KB tmpfs when it can be mounted:
#       `dealc eval -o FILE` and `dealc report -o DIR` exit 2 with a "cannot
#       write" message naming the output and the reason, and leave no
#       partial FILE (DIR) and no temporary file; the previous version stays.
#       The disk filling at each stage of a report (a page written by the
#       stylesheet, index.html, a deal page, report.css), and one byte short
#       of the whole state. Every command whose standard output is /dev/full
#       exits 2 with a message. A full TMPDIR: the built-in report (which
#       keeps the deals there) says so once and writes nothing; eval, whose
#       run-level diagnostics beyond 256 wait there, writes the same state.
#   (c) Out of memory in the loader: oom.c, built against libdealc.a, fails
#       allocation N for N = 1, 2, ... while a document loads with
#       load_memory (samples and broken documents, named and walked, and the
#       compilation of the built-in schemas); every load must return, or end
#       with dealc's own "dealc: out of memory" (exit 2), never crash.
# Prints "faults: N passed, N failed" last.
# Usage: tests/faults/run.sh path/to/dealc
set -u

dealc=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
build=$(dirname "$dealc")
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
work=$(mktemp -d)
mounted=
cleanup() {
    [ -n "$mounted" ] && umount "$mounted" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
cd "$work" || exit 2

AS_OF=2026-12-03
STYLE=$here/data/pages.xsl
passed=0
failed=0

case_name=
case_begin() {
    case_name=$1
    : >"$work/problems"
}
problem() {
    printf '    %s\n' "$*" >>"$work/problems"
}
note() {
    printf 'note: %s\n' "$*"
}
case_end() {
    if [ -s "$work/problems" ]; then
        failed=$((failed + 1))
        echo "FAIL $case_name"
        cat "$work/problems"
        if [ -s "$work/err" ]; then
            echo "    standard error (first lines):"
            head -5 "$work/err" | cut -c1-300 | sed 's/^/      | /'
        fi
    else
        passed=$((passed + 1))
    fi
}
expect_status() { # N...
    for _s in "$@"; do
        [ "$rc" = "$_s" ] && return 0
    done
    problem "exit status $rc, expected $*"
}
expect_stderr() { # REGEX
    grep -Eq "$1" "$work/err" || problem "standard error does not match /$1/"
}
size_of() {
    wc -c <"$1" | tr -d ' '
}
# Files in DIR other than NAME (temporary files, staging folders).
others() { # DIR NAME
    ls -A "$1" 2>/dev/null | grep -vx "$2"
}

# ---- helpers, built here ----
"${CC:-cc}" -shared -fPIC -O2 -Wall -Wextra -o "$work/enospc.so" "$here/enospc.c" -ldl || {
    echo "faults: cannot build the ENOSPC shim"
    exit 2
}
if [ ! -f "$build/libdealc.a" ]; then
    echo "faults: $build/libdealc.a is missing: run make first"
    exit 2
fi
# The flags the Makefile builds dealc with (DEALC_CFLAGS, DEP_CFLAGS, DEP_LIBS).
# shellcheck disable=SC2046
"${CC:-cc}" -O1 -g -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Wall -Wextra -Werror -Wshadow \
    -Wstrict-prototypes -Wmissing-prototypes -I"$top/compiler" -I"$build" \
    $(pkg-config --cflags libxml-2.0 libxslt libexslt) -rdynamic -o "$work/oom" "$here/oom.c" \
    "$build/libdealc.a" $(pkg-config --libs libxml-2.0 libxslt libexslt) -pthread || {
    echo "faults: cannot build the out-of-memory harness"
    exit 2
}

# ---- inputs and reference outputs ----
python3 "$top/tests/bench/gen.py" big 20000 --layout bulk >/dev/null &&
    python3 "$top/tests/bench/gen.py" mid 5000 --layout bulk --seed 5 >/dev/null &&
    python3 "$top/tests/bench/gen.py" small 30 --layout bulk --seed 3 >/dev/null &&
    python3 "$top/tests/bench/gen.py" tiny 5 --layout bulk --seed 4 >/dev/null || {
    echo "faults: cannot generate the inputs"
    exit 2
}
mkdir -p ref
"$dealc" eval -q --as-of "$AS_OF" -o ref/new.xml big
"$dealc" eval -q --as-of "$AS_OF" -o ref/old.xml small
"$dealc" report -q --as-of "$AS_OF" --stylesheet "$STYLE" -o ref/new-report mid
"$dealc" report -q --as-of "$AS_OF" --stylesheet "$STYLE" -o ref/old-report small
# Smaller ones for the full disk: the run stops at the first write refused.
"$dealc" report -q --as-of "$AS_OF" --stylesheet "$STYLE" -o ref/disk-new-report small
"$dealc" report -q --as-of "$AS_OF" --stylesheet "$STYLE" -o ref/disk-old-report tiny
if ! [ -s ref/new.xml ] || ! [ -s ref/old.xml ] || ! [ -s ref/new-report/index.html ] ||
    ! [ -s ref/old-report/index.html ] || ! [ -s ref/disk-old-report/index.html ] ||
    cmp -s ref/new.xml ref/old.xml; then
    echo "faults: the reference outputs could not be made"
    exit 2
fi
new_size=$(size_of ref/new.xml)

# ---- (a) killed mid-write ----

# Starts CMD... in the background, waits until CONDITION (a shell test run
# every 5 ms) holds or the process ends, then kills it with SIGKILL.
# Sets killed=yes when the process was still running.
kill_when() { # CONDITION CMD...
    _cond=$1
    shift
    "$@" >/dev/null 2>"$work/err" &
    _pid=$!
    _i=0
    while kill -0 "$_pid" 2>/dev/null && ! eval "$_cond" && [ $_i -lt 12000 ]; do
        sleep 0.005
        _i=$((_i + 1))
    done
    killed=
    if kill -0 "$_pid" 2>/dev/null; then
        kill -9 "$_pid" 2>/dev/null
        killed=yes
    fi
    wait "$_pid" 2>/dev/null
    rc=$?
}
# The size of the temporary file beside out.xml (0 if none yet).
temp_size() {
    _t=$(others a out.xml | head -1)
    if [ -n "$_t" ] && [ -f "a/$_t" ]; then size_of "a/$_t"; else echo 0; fi
}

for when in appears 1mb half most; do
    case $when in
    appears) cond='[ -n "$(others a out.xml)" ]' ;;
    1mb) cond='[ "$(temp_size)" -ge 1048576 ]' ;;
    half) cond='[ "$(temp_size)" -ge $((new_size / 2)) ]' ;;
    most) cond='[ "$(temp_size)" -ge $((new_size - 262144)) ]' ;;
    esac
    case_begin "eval -o killed with SIGKILL when its temporary file $when"
    rm -rf a
    mkdir a
    cp ref/old.xml a/out.xml
    kill_when "$cond" "$dealc" eval -q -j2 --as-of "$AS_OF" -o "$work/a/out.xml" big
    if [ -z "$killed" ] && [ "$when" != most ]; then
        problem "the run ended before it could be killed: nothing was tested"
    fi
    if cmp -s a/out.xml ref/old.xml; then
        :
    elif cmp -s a/out.xml ref/new.xml; then
        [ -n "$killed" ] && problem "out.xml is the new version, yet the run was killed before its end"
    elif [ -e a/out.xml ]; then
        problem "out.xml is neither the previous version nor the complete new one ($(size_of a/out.xml) bytes)"
    else
        problem "out.xml is gone: the previous version should have stayed"
    fi
    for t in $(others a out.xml); do
        note "killed eval left its temporary file a/$t ($(size_of "a/$t") bytes) beside the intact out.xml"
    done
    case_end
done

case_begin "eval -o not interrupted: the new version, no temporary file left"
rm -rf a
mkdir a
cp ref/old.xml a/out.xml
"$dealc" eval -q -j2 --as-of "$AS_OF" -o "$work/a/out.xml" big 2>"$work/err"
rc=$?
expect_status 1
cmp -s a/out.xml ref/new.xml || problem "out.xml is not the complete new version"
[ -z "$(others a out.xml)" ] || problem "left behind: $(others a out.xml | tr '\n' ' ')"
case_end

# The report: r/rep is the previous report; a staging folder appears beside it.
staged_pages() {
    _s=$(others r rep | head -1)
    if [ -n "$_s" ] && [ -d "r/$_s/deals" ]; then ls "r/$_s/deals" | wc -l | tr -d ' '; else echo 0; fi
}
for when in appears some most; do
    case $when in
    appears) cond='[ -n "$(others r rep)" ]' ;;
    some) cond='[ "$(staged_pages)" -ge 200 ]' ;;
    most) cond='[ "$(staged_pages)" -ge 4500 ]' ;;
    esac
    case_begin "report -o killed with SIGKILL when its staging folder $when"
    rm -rf r
    mkdir r
    cp -a ref/old-report r/rep
    kill_when "$cond" "$dealc" report -q -j2 --as-of "$AS_OF" --stylesheet "$STYLE" -o "$work/r/rep" mid
    if [ -z "$killed" ] && [ "$when" != most ]; then
        problem "the run ended before it could be killed: nothing was tested"
    fi
    if diff -r r/rep ref/old-report >/dev/null 2>&1; then
        :
    elif diff -r r/rep ref/new-report >/dev/null 2>&1; then
        [ -n "$killed" ] && problem "the report is the new one, yet the run was killed before its end"
    else
        problem "the report folder is neither the previous report nor the complete new one: $(diff -rq r/rep ref/old-report 2>&1 | head -3 | tr '\n' ' ')"
    fi
    for t in $(others r rep); do
        note "killed report left its staging folder r/$t ($(find "r/$t" -type f | wc -l | tr -d ' ') files) beside the intact report"
    done
    case_end
done

case_begin "report -o not interrupted: the new report, no staging folder left"
rm -rf r
mkdir r
cp -a ref/old-report r/rep
"$dealc" report -q -j2 --as-of "$AS_OF" --stylesheet "$STYLE" -o "$work/r/rep" mid 2>"$work/err"
rc=$?
expect_status 1
diff -r r/rep ref/new-report >/dev/null 2>&1 || problem "the report is not the complete new one"
[ -z "$(others r rep)" ] || problem "left behind: $(others r rep | tr '\n' ' ')"
case_end

# ---- (b) a full disk ----

# Runs CMD... with the shim: writes under $work/disk fail once BYTES are used.
on_full_disk() { # BYTES CMD...
    _bytes=$1
    shift
    : >"$work/disk.log"
    FAULT_DISK=$work/disk FAULT_DISK_BYTES=$_bytes FAULT_DISK_LOG=$work/disk.log \
        LD_PRELOAD=$work/enospc.so "$@" >/dev/null 2>"$work/err"
    rc=$?
}
expect_fault_hit() {
    [ -s "$work/disk.log" ] || problem "the disk never filled: the shim did not see the writes"
}
cannot_write='cannot write.*No space left on device|No space left on device.*cannot write'

for fmt in xml json; do
    for old in none previous; do
        case_begin "full disk (shim): eval --format $fmt -o FILE, $old version"
        rm -rf disk
        mkdir disk
        [ $old = previous ] && cp ref/old.xml disk/out.xml
        on_full_disk 65536 "$dealc" eval -q -j2 --as-of "$AS_OF" --format $fmt -o "$work/disk/out.xml" big
        expect_status 2
        expect_fault_hit
        expect_stderr "$cannot_write"
        expect_stderr 'disk/out\.xml'
        if [ $old = previous ]; then
            cmp -s disk/out.xml ref/old.xml || problem "the previous out.xml was changed"
        else
            [ -e disk/out.xml ] && problem "a partial out.xml was left ($(size_of disk/out.xml) bytes)"
        fi
        [ -z "$(others disk out.xml)" ] || problem "left behind: $(others disk out.xml | tr '\n' ' ')"
        case_end
    done
done

case_begin "full disk (shim): eval -o FILE one byte short of the whole state"
rm -rf disk
mkdir disk
cp ref/old.xml disk/out.xml
on_full_disk $((new_size - 1)) "$dealc" eval -q -j2 --as-of "$AS_OF" -o "$work/disk/out.xml" big
expect_status 2
expect_fault_hit
expect_stderr "$cannot_write"
cmp -s disk/out.xml ref/old.xml || problem "the previous out.xml was changed"
[ -z "$(others disk out.xml)" ] || problem "left behind: $(others disk out.xml | tr '\n' ' ')"
case_end

case_begin "full disk (shim): eval -o FILE with exactly enough room succeeds"
rm -rf disk
mkdir disk
on_full_disk "$new_size" "$dealc" eval -q -j2 --as-of "$AS_OF" -o "$work/disk/out.xml" big
expect_status 1
cmp -s disk/out.xml ref/new.xml || problem "out.xml is not the complete state"
[ -s "$work/disk.log" ] && problem "the shim refused a write that fitted: $(head -1 "$work/disk.log")"
case_end

# A report fills the disk in this order: the pages the stylesheet writes
# (page.html, then the deal pages), index.html (the page it returns, saved
# after the transformation), report.css.
page=$(size_of ref/disk-new-report/page.html)
index=$(size_of ref/disk-new-report/index.html)
deals=$(cat ref/disk-new-report/deals/* | wc -c | tr -d ' ')
css=0
[ -f ref/disk-new-report/report.css ] && css=$(size_of ref/disk-new-report/report.css)
for stage in page deal index css; do
    case $stage in
    page) room=$((page / 2)) ;;
    deal) room=$((page + deals / 2)) ;;
    index) room=$((page + deals + index / 2)) ;;
    css) room=$((page + deals + index + css / 2)) ;;
    esac
    if [ $stage = css ] && [ "$css" = 0 ]; then
        echo "SKIP full disk at report.css: this build has no report.css"
        continue
    fi
    case_begin "full disk (shim): report -o DIR, the disk full after $room bytes (at the $stage)"
    rm -rf disk
    mkdir disk
    cp -a ref/disk-old-report disk/rep
    on_full_disk "$room" "$dealc" report -q -j2 --as-of "$AS_OF" --stylesheet "$STYLE" -o "$work/disk/rep" small
    expect_status 2
    expect_fault_hit
    expect_stderr 'report was not written'
    expect_stderr 'No space left on device'
    diff -r disk/rep ref/disk-old-report >/dev/null 2>&1 || problem "the previous report was changed"
    [ -z "$(others disk rep)" ] || problem "left behind: $(others disk rep | tr '\n' ' ')"
    case_end
done

# The temporary folder full (TMPDIR): the built-in report spools every deal
# there. One message says so, once (no message per deal), the report is not
# written and the previous one stays.
case_begin "full temporary folder (shim, TMPDIR): report -o DIR with the built-in stylesheet"
rm -rf disk out-rep
mkdir disk
cp -a ref/disk-old-report out-rep
on_full_disk 100000 env TMPDIR="$work/disk" "$dealc" report -q -j2 --as-of "$AS_OF" -o "$work/out-rep" mid
expect_status 2
expect_fault_hit
expect_stderr 'cannot write a temporary file in .*disk: No space left on device'
expect_stderr 'report was not written'
[ "$(grep -c 'temporary file' "$work/err")" = 1 ] || problem "the temporary file's failure is said $(grep -c 'temporary file' "$work/err") times"
[ "$(wc -l <"$work/err")" -lt 20 ] || problem "$(wc -l <"$work/err") lines of errors for one full disk"
diff -r out-rep ref/disk-old-report >/dev/null 2>&1 || problem "the previous report was changed"
case_end

# eval keeps the run-level diagnostics beyond 256 in a temporary file; when
# it fills, they come back to memory: the same state, byte for byte.
python3 "$top/tests/bench/gen.py" invalid 1200 --layout bulk --invalid 40 --seed 6 >/dev/null
"$dealc" eval -q --as-of "$AS_OF" -o "$work/ref/invalid.xml" invalid 2>/dev/null
for room in 0 2000 20000; do
    case_begin "full temporary folder (shim, TMPDIR) after $room bytes: eval with 400 run-level diagnostics"
    rm -rf disk
    mkdir disk
    on_full_disk "$room" env TMPDIR="$work/disk" "$dealc" eval -q --as-of "$AS_OF" -o "$work/invalid.xml" invalid
    expect_status 1
    expect_fault_hit
    [ -s "$work/err" ] && problem "it said: $(head -2 "$work/err")"
    cmp -s invalid.xml ref/invalid.xml || problem "the state differs from the one written with room"
    case_end
done

# The same on a real, small file system, when one can be mounted here.
mkdir -p tmpfs
if [ "$(id -u)" = 0 ] && mount -t tmpfs -o size=256k,mode=0755 tmpfs "$work/tmpfs" 2>/dev/null; then
    mounted=$work/tmpfs
    case_begin "full disk (256 KB tmpfs): eval -o FILE"
    cp ref/old.xml tmpfs/out.xml
    "$dealc" eval -q -j2 --as-of "$AS_OF" -o "$work/tmpfs/out.xml" big >/dev/null 2>"$work/err"
    rc=$?
    expect_status 2
    expect_stderr "$cannot_write"
    expect_stderr 'tmpfs/out\.xml'
    cmp -s tmpfs/out.xml ref/old.xml || problem "the previous out.xml was changed"
    [ -z "$(others tmpfs out.xml)" ] || problem "left behind: $(others tmpfs out.xml | tr '\n' ' ')"
    case_end

    case_begin "full disk (256 KB tmpfs): report -o DIR"
    rm -f tmpfs/out.xml
    cp -a ref/old-report tmpfs/rep
    "$dealc" report -q -j2 --as-of "$AS_OF" --stylesheet "$STYLE" -o "$work/tmpfs/rep" mid >/dev/null 2>"$work/err"
    rc=$?
    expect_status 2
    expect_stderr 'report was not written'
    expect_stderr 'No space left on device'
    diff -r tmpfs/rep ref/old-report >/dev/null 2>&1 || problem "the previous report was changed"
    [ -z "$(others tmpfs rep)" ] || problem "left behind: $(others tmpfs rep | tr '\n' ' ')"
    case_end
    umount "$work/tmpfs" && mounted=
else
    echo "SKIP full disk on a tmpfs: cannot mount one here (the shim cases stand in)"
fi

# Standard output on a full device: exit 2 and say so.
mkdir -p hd && cp "$top/tests/hostile/data/"*.xml hd/
for args in "check --as-of $AS_OF hd" \
    "check --as-of $AS_OF --format json hd" \
    "check --as-of $AS_OF --format junit hd" \
    "check --as-of $AS_OF --format github hd" \
    "eval --as-of $AS_OF hd" \
    "eval --as-of $AS_OF --format json hd" \
    "explain --as-of $AS_OF broken hd" \
    "schema deal" \
    "--version" \
    "check --help"; do
    case_begin "dealc $args >/dev/full"
    # shellcheck disable=SC2086
    "$dealc" $args >/dev/full 2>"$work/err"
    rc=$?
    expect_status 2
    expect_stderr 'No space left on device|cannot write|standard output'
    case_end
done

case_begin "dealc eval -o /dev/full"
"$dealc" eval -q --as-of "$AS_OF" -o /dev/full hd >/dev/null 2>"$work/err"
rc=$?
expect_status 2
expect_stderr 'cannot write /dev/full: No space left on device'
case_end

# ---- (c) out of memory in the loader ----
mkdir -p oomdata
cp "$here/data/"*.xml oomdata/ 2>/dev/null
oom_sweep() { # NAME ARGS...
    _name=$1
    shift
    case_begin "out of memory: $_name"
    timeout 600 "$work/oom" "$@" >"$work/oom.out" 2>"$work/err"
    rc=$?
    if [ "$rc" -gt 1 ]; then
        problem "the harness itself failed (exit $rc)"
    fi
    sed -n 's/^oom: .*: allocation \([0-9]*\) failing/allocation \1 failing/p' "$work/oom.out" | head -5 |
        while IFS= read -r line; do problem "$line"; done
    grep ' failed$' "$work/oom.out" | grep -v ' 0 failed$' | while IFS= read -r line; do problem "$line"; done
    grep -q ' 0 allocation points' "$work/oom.out" && problem "no allocation was failed: the harness is not wired in"
    grep -q 'allocation points' "$work/oom.out" || problem "the harness printed no result"
    case_end
}
oom_sweep "a team" "$top/samples/team.xml"
oom_sweep "a process" "$top/samples/processes/standard.xml"
oom_sweep "a deal" "$top/samples/deals/2026/gdansk-port-crm.xml"
oom_sweep "a bulk deals file" "$top/samples/exports/2025-archive.xml"
oom_sweep "broken documents" oomdata/malformed.xml oomdata/schema-invalid.xml oomdata/doctype.xml
oom_sweep "documents found by walking (DOCTYPE, foreign)" --walked oomdata/doctype.xml oomdata/foreign.xml
oom_sweep "a deal, every allocation failing from N on" --from "$top/samples/deals/2026/gdansk-port-crm.xml"
oom_sweep "compiling the built-in schemas" --schemas

echo "faults: $passed passed, $failed failed"
[ "$failed" = 0 ]
