#!/bin/sh
# Hostile input (issue 7; SPEC §3 diagnostics, §4 exit codes, §5 safety).
# Every case runs dealc under a time bound (timeout 20) and a memory bound
# (ulimit -v, 1 GB) with a good deal and a broken one beside the hostile
# input (base/), and must end with the right diagnostic (code and line) and
# exit status, the broken deal's error still reported and nothing said about
# the good one. What is checked:
#   - external entities (a general entity SYSTEM to a local file whose
#     content must never appear in any output, a parameter entity, an
#     external DTD), named on the command line and found by walking;
#   - entity expansion bombs (billion laughs, quadratic blowup);
#   - XInclude of /etc/passwd (not processed);
#   - xsi:schemaLocation, xml-model, xml-stylesheet, a DOCTYPE and an
#     XInclude pointing at http://127.0.0.1:PORT: a listener on that
#     loopback port, proved to be listening by a probe, sees no connection
#     from check, eval or report;
#   - huge attribute values (10 MB), a huge note (50 MB), deep nesting
#     (100 000 levels), 300 000 attributes in one start tag;
#   - invalid UTF-8, a byte order mark (accepted), UTF-16 and Latin-1
#     (refused: UTF-8 only), NUL bytes, truncated files, empty files;
#   - a newline or carriage return in an attribute value, which must not
#     start a line of output (no forged diagnostic);
#   - a bulk file large enough to be cut into pieces, full of fake deal
#     boundaries in comments, CDATA and processing instructions (-j1 = -j2);
#   - the walk: a directory loop through a symbolic link (the walk ends and
#     the other files are checked), a dangling symbolic link and a FIFO
#     named *.xml in a walked folder (skipped, no hang), a directory named
#     x.xml (walked), and on the command line a dangling symbolic link, a
#     FIFO, a pipe (/dev/stdin) and unreadable files (/proc/self/mem gives
#     EIO; chmod 000, made effective for root by dropping CAP_DAC_OVERRIDE
#     with setpriv): exit 2 with a clear message, the other inputs checked.
# When strace works, the entity and network cases also run under it: no
# file other than the inputs is opened, no socket is made.
# Prints "hostile: N passed, N failed" last.
# Usage: tests/hostile/run.sh path/to/dealc
# HOSTILE_TIME_LIMIT (seconds, default 20) and HOSTILE_MEMORY_KB (for
# ulimit -v, default 1048576; "unlimited" for an AddressSanitizer build)
# change the bounds.
set -u

dealc=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
here=$(cd "$(dirname "$0")" && pwd)
data=$here/data
work=$(mktemp -d)
listener=
cleanup() {
    [ -n "$listener" ] && kill "$listener" 2>/dev/null
    chmod -R u+rwx "$work" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
cd "$work" || exit 2

# The bounds; a slower build (sanitizers, valgrind) may raise them.
TIME_LIMIT=${HOSTILE_TIME_LIMIT:-20}
MEMORY_KB=${HOSTILE_MEMORY_KB:-1048576}
AS_OF=2026-12-03
passed=0
failed=0

# ---- the inputs ----
mkdir -p base h walk
cp "$data/team.xml" "$data/process.xml" "$data/good.xml" "$data/broken.xml" base/
# A secret the entity cases point at: it must never appear in any output.
marker="SECRET-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
printf '%s\n' "$marker" >"$work/secret.txt"
subst() { # TEMPLATE OUT
    sed -e "s|@SECRET@|$work/secret.txt|g" -e "s|@EVIL_DTD@|$work/evil.dtd|g" -e "s|@PORT@|${port:-9}|g" "$1" >"$2"
}
subst "$data/in/evil.dtd.in" "$work/evil.dtd"
for t in xxe-general xxe-parameter xxe-external-dtd foreign-parameter; do
    subst "$data/in/$t.xml.in" "h/$t.xml"
done
cp "$data/in/xinclude.xml" "$data/in/xinclude-root.xml" "$data/in/no-doctype-entity.xml" \
    "$data/in/injection.xml" h/
python3 "$here/make-inputs.py" h || { echo "hostile: cannot generate the inputs"; exit 2; }

# ---- the case machinery ----
case_name=
case_begin() {
    case_name=$1
    : >"$work/problems"
}
problem() {
    printf '    %s\n' "$*" >>"$work/problems"
}
case_end() {
    if [ -s "$work/problems" ]; then
        failed=$((failed + 1))
        echo "FAIL $case_name"
        cat "$work/problems"
        if [ -s "$work/out" ]; then
            echo "    standard output (first lines):"
            head -c 2000 "$work/out" | head -8 | cut -c1-300 | sed 's/^/      | /'
        fi
        if [ -s "$work/err" ]; then
            echo "    standard error (first lines):"
            head -c 2000 "$work/err" | head -5 | cut -c1-300 | sed 's/^/      | /'
        fi
    else
        passed=$((passed + 1))
    fi
}
# Runs dealc ARGS... bounded; PREFIX (a command such as setpriv ...) may be set.
PREFIX=
run() {
    # shellcheck disable=SC2086
    (ulimit -v "$MEMORY_KB" 2>/dev/null; exec timeout -k 5 "$TIME_LIMIT" $PREFIX "$dealc" "$@") \
        >"$work/out" 2>"$work/err" </dev/null
    rc=$?
    check_ending
}
# Same, with FILE fed through a pipe on standard input.
run_stdin() { # FILE ARGS...
    input=$1
    shift
    cat "$input" | (ulimit -v "$MEMORY_KB" 2>/dev/null; exec timeout -k 5 "$TIME_LIMIT" "$dealc" "$@") \
        >"$work/out" 2>"$work/err"
    rc=$?
    check_ending
}
check_ending() {
    if [ "$rc" = 124 ] || [ "$rc" = 137 ]; then
        problem "did not finish within ${TIME_LIMIT} s (exit $rc): a hang or a blowup"
    elif [ "$rc" -gt 128 ]; then
        problem "killed by signal $((rc - 128))"
    fi
    if grep -q 'out of memory' "$work/err"; then
        problem "ran out of memory under the ${MEMORY_KB} KB bound"
    fi
}
check() { # ARGS...: the usual check run, with the companions in base/
    run check --as-of "$AS_OF" -j2 base "$@"
}
expect_status() { # N...
    for _s in "$@"; do
        [ "$rc" = "$_s" ] && return 0
    done
    problem "exit status $rc, expected $*"
}
regex_of() { # a path as a regular expression
    printf '%s' "$1" | sed 's/[].[^$*+?(){}|\\]/\\&/g'
}
# A diagnostic of CODE at FILE:LINE (LINE '*': any line), error or warning.
expect_diag() { # FILE LINE CODE
    _f=$(regex_of "$1")
    _l=$2
    [ "$_l" = '*' ] && _l='[0-9]+'
    grep -Eq "^$_f:$_l(:[0-9]+)?: (error|warning): .* \\[$3\\]\$" "$work/out" ||
        problem "no '$3' diagnostic at $1:$2"
}
# No diagnostic of any kind about FILE.
expect_no_diag() { # FILE
    _f=$(regex_of "$1")
    if grep -Eq "^$_f:" "$work/out"; then
        problem "unexpected diagnostic about $1: $(grep -E "^$_f:" "$work/out" | head -1 | cut -c1-200)"
    fi
}
# Exactly N diagnostics (error or warning lines) about FILE.
expect_diag_count() { # FILE N
    _f=$(regex_of "$1")
    _n=$(grep -Ec "^$_f:[0-9]+(:[0-9]+)?: (error|warning): " "$work/out")
    [ "$_n" = "$2" ] || problem "$_n diagnostics about $1, expected $2"
}
# The message of the diagnostic of CODE about FILE matches REGEX.
expect_message() { # FILE CODE REGEX
    _f=$(regex_of "$1")
    grep -E "^$_f:" "$work/out" | grep -F "[$2]" | grep -Eq "$3" ||
        problem "the '$2' message about $1 does not match /$3/"
}
# The broken companion's error is reported; the good one draws nothing.
expect_companions() {
    expect_diag base/broken.xml 4 unknown-step
    expect_no_diag base/good.xml
    expect_no_diag base/team.xml
    expect_no_diag base/process.xml
}
# Every line of standard output is one whole diagnostic (SPEC §3: one line
# each), with no control character in it.
expect_diagnostic_lines() {
    _bad=$(LC_ALL=C grep -Evc '^[^:]+:[0-9]+(:[0-9]+)?: (error|warning|note): [^[:cntrl:]]+ \[[a-z-]+\]$' "$work/out")
    if [ "$_bad" != 0 ]; then
        problem "$_bad line(s) of standard output are not whole diagnostics, e.g.: $(LC_ALL=C grep -Evn '^[^:]+:[0-9]+(:[0-9]+)?: (error|warning|note): [^[:cntrl:]]+ \[[a-z-]+\]$' "$work/out" | head -1 | cut -c1-160 | tr '\r' '^')"
    fi
}
expect_stderr() { # REGEX
    grep -Eq "$1" "$work/err" || problem "standard error does not match /$1/"
}
# STRING appears in no output (standard output, standard error, FILE...).
expect_absent() { # STRING [FILE...]
    _s=$1
    shift
    for _o in "$work/out" "$work/err" "$@"; do
        if [ -e "$_o" ] && grep -rqF -- "$_s" "$_o"; then
            problem "'$_s' leaked into $(basename "$_o")"
        fi
    done
}
# The run's summary counts FILES files.
expect_files() { # N
    grep -Eq "in $1 files?\$" "$work/err" || problem "the summary does not count $1 files: $(tail -1 "$work/err")"
}

# ---- external entities, DTDs, bombs: refused before anything is read or expanded ----
for f in xxe-general xxe-parameter xxe-external-dtd billion-laughs quadratic-blowup; do
    case_begin "$f (named)"
    check "h/$f.xml"
    expect_status 1
    expect_diag "h/$f.xml" 2 xml-doctype
    expect_diag_count "h/$f.xml" 1
    expect_companions
    expect_diagnostic_lines
    expect_absent "$marker"
    case_end
    # Found by walking a folder, the file is read to its root to see whose it is.
    rm -rf walk/*
    cp "h/$f.xml" walk/
    case_begin "$f (walked)"
    check walk
    expect_status 1
    expect_diag "walk/$f.xml" 2 xml-doctype
    expect_diag_count "walk/$f.xml" 1
    expect_companions
    expect_diagnostic_lines
    expect_absent "$marker"
    case_end
done

case_begin "xxe-general: eval never puts the entity's target into the state"
run eval --as-of "$AS_OF" -j2 base h/xxe-general.xml h/xxe-parameter.xml h/xxe-external-dtd.xml
expect_status 1
expect_absent "$marker"
grep -q '<deal id="good"' "$work/out" || problem "the good deal is missing from the state"
case_end

# A document that is not ours, found by walking, with a parameter entity in
# its internal subset: passed over like any other foreign document.
rm -rf walk/*
cp h/foreign-parameter.xml walk/
case_begin "foreign document with a parameter entity (walked): passed over"
check walk
expect_status 1
expect_no_diag walk/foreign-parameter.xml
expect_companions
expect_absent "$marker"
case_end

case_begin "entity reference without a DOCTYPE"
check h/no-doctype-entity.xml
expect_status 1
expect_diag h/no-doctype-entity.xml 2 xml-malformed
expect_companions
expect_diagnostic_lines
case_end

# ---- XInclude: not processed ----
case_begin "xi:include of /etc/passwd"
check h/xinclude.xml
expect_status 1
expect_diag h/xinclude.xml 5 schema-invalid
expect_companions
expect_diagnostic_lines
expect_absent "root:x:0:0"
case_end

case_begin "xi:include of /etc/passwd: eval"
run eval --as-of "$AS_OF" -j2 base h/xinclude.xml
expect_status 1
expect_absent "root:x:0:0"
case_end

case_begin "xi:include as the root element"
check h/xinclude-root.xml
expect_status 1
expect_diag h/xinclude-root.xml 1 unknown-document
expect_companions
expect_absent "root:x:0:0"
case_end

# ---- URLs: a listener on a loopback port must see no connection ----
python3 "$here/listen.py" "$work/port" "$work/listen.log" "$work/listen.stop" 300 &
listener=$!
i=0
while [ ! -s "$work/port" ] && [ $i -lt 100 ]; do
    sleep 0.1
    i=$((i + 1))
done
port=$(cat "$work/port" 2>/dev/null)
if [ -z "$port" ]; then
    case_begin "network: the loopback listener"
    problem "the listener did not start"
    case_end
else
    mkdir -p net walknet
    for t in net-schema-location net-dtd net-xinclude; do
        subst "$data/in/$t.xml.in" "net/$t.xml"
        cp "net/$t.xml" walknet/
    done
    # The probe proves the listener hears connections.
    python3 -c 'import socket,sys; s=socket.create_connection(("127.0.0.1", int(sys.argv[1])), 5); s.sendall(b"PROBE\n"); s.close()' "$port"
    i=0
    while ! grep -q PROBE "$work/listen.log" 2>/dev/null && [ $i -lt 50 ]; do
        sleep 0.1
        i=$((i + 1))
    done

    case_begin "network: schemaLocation, xml-model, DOCTYPE, XInclude on a URL (named)"
    check net/net-schema-location.xml net/net-dtd.xml net/net-xinclude.xml
    expect_status 1
    expect_no_diag net/net-schema-location.xml
    expect_diag net/net-dtd.xml 2 xml-doctype
    expect_diag net/net-xinclude.xml 5 schema-invalid
    expect_companions
    case_end

    case_begin "network: the same found by walking"
    check walknet
    expect_status 1
    expect_no_diag walknet/net-schema-location.xml
    expect_diag walknet/net-dtd.xml 2 xml-doctype
    expect_diag walknet/net-xinclude.xml 5 schema-invalid
    expect_companions
    case_end

    case_begin "network: eval"
    run eval --as-of "$AS_OF" -j2 base net walknet
    expect_status 1
    case_end

    case_begin "network, entities, XInclude: report (built-in stylesheet)"
    run report --as-of "$AS_OF" -j2 -q -o "$work/report" base net h/xxe-general.xml h/xxe-parameter.xml \
        h/xxe-external-dtd.xml h/xinclude.xml
    expect_status 1
    [ -f "$work/report/index.html" ] || problem "no report was written"
    expect_absent "$marker" "$work/report"
    expect_absent "root:x:0:0" "$work/report"
    case_end

    touch "$work/listen.stop"
    wait "$listener" 2>/dev/null
    listener=
    case_begin "network: the listener on 127.0.0.1:$port saw no connection from dealc"
    grep -q '^PROBE$' "$work/listen.log" || problem "the listener never heard the probe: the test proves nothing"
    if grep -q '^CONNECTION' "$work/listen.log"; then
        problem "dealc connected to the listener: $(grep '^CONNECTION' "$work/listen.log" | head -3 | tr '\n' ' ')"
    fi
    : >"$work/out"
    : >"$work/err"
    case_end
fi

# ---- under strace: nothing read but the inputs, never a socket ----
if command -v strace >/dev/null 2>&1 && strace -f -o /dev/null true 2>/dev/null; then
    case_begin "strace: no file but the inputs opened, no socket"
    rm -rf walk/*
    cp h/xxe-general.xml h/xxe-parameter.xml h/xxe-external-dtd.xml h/xinclude.xml h/foreign-parameter.xml walk/
    (ulimit -v "$MEMORY_KB" 2>/dev/null
        exec timeout -k 5 "$TIME_LIMIT" strace -f -qq -o "$work/strace.log" -e trace=%file,%network \
            "$dealc" check --as-of "$AS_OF" -j2 base h/xxe-general.xml h/xxe-parameter.xml \
            h/xxe-external-dtd.xml h/xinclude.xml walk ${port:+net walknet}) >"$work/out" 2>"$work/err"
    rc=$?
    check_ending
    expect_status 1
    if grep -E 'secret\.txt|evil\.dtd|/etc/passwd' "$work/strace.log" | grep -q .; then
        problem "a file outside the inputs was touched: $(grep -E 'secret\.txt|evil\.dtd|/etc/passwd' "$work/strace.log" | head -2 | tr '\n' ' ')"
    fi
    if grep -Eq '(^|[^a-z_])(socket|connect)\(' "$work/strace.log"; then
        problem "a socket was made: $(grep -E '(^|[^a-z_])(socket|connect)\(' "$work/strace.log" | head -2 | tr '\n' ' ')"
    fi
    case_end
else
    echo "SKIP strace: not installed or not allowed to trace here"
fi

# ---- huge values, deep nesting ----
case_begin "a 10 MB attribute value (file/@name)"
check h/huge-attribute.xml
expect_status 1
expect_diag h/huge-attribute.xml 4 xml-malformed
expect_diag_count h/huge-attribute.xml 1
expect_companions
expect_diagnostic_lines
case_end

case_begin "a 10 MB value of an unknown attribute"
check h/huge-attribute-unknown.xml
expect_status 1
expect_diag h/huge-attribute-unknown.xml 2 xml-malformed
expect_diag_count h/huge-attribute-unknown.xml 1
expect_companions
case_end

case_begin "a 50 MB note (allowed)"
check h/huge-note.xml
expect_status 1
expect_no_diag h/huge-note.xml
expect_companions
expect_files 5
case_end

case_begin "100 000 levels of nesting in the log"
check h/deep-log.xml
expect_status 1
expect_diag h/deep-log.xml 4 schema-invalid
expect_companions
expect_diagnostic_lines
case_end

case_begin "100 000 nested events"
check h/deep-events.xml
expect_status 1
expect_diag h/deep-events.xml 4 schema-invalid
expect_companions
case_end

case_begin "100 000 levels of nesting from the root"
check h/deep-root.xml
expect_status 1
expect_diag h/deep-root.xml 1 unknown-document
expect_companions
case_end

# Parsing a start tag is quadratic in its attributes in libxml2 2.9 (each
# is compared with every one before it): 300 000 of them (3.5 MB, about 45 s
# of CPU) must not hold a run for long; no dealc element has more than ten.
case_begin "300 000 attributes in one start tag"
check h/many-attributes.xml
expect_status 1
expect_diag h/many-attributes.xml 2 schema-invalid
expect_companions
case_end

# ---- encodings ----
for f in invalid-utf8-text:2 invalid-utf8-attribute:1 invalid-utf8-overlong:2 invalid-utf8-surrogate:2 \
    invalid-utf8-cut:2 nul-in-text:2 nul-first:1 nul-after-root:'*' nul-only:1 \
    truncated-in-attribute:1 truncated-in-element:4 empty:1; do
    name=${f%%:*}
    line=${f#*:}
    case_begin "$name"
    check "h/$name.xml"
    expect_status 1
    expect_diag "h/$name.xml" "$line" xml-malformed
    expect_diag_count "h/$name.xml" 1
    expect_companions
    expect_diagnostic_lines
    case_end
done

for f in whitespace-only bom-only; do
    case_begin "$f: malformed, and said to be empty"
    check "h/$f.xml"
    expect_status 1
    expect_diag "h/$f.xml" '*' xml-malformed
    expect_message "h/$f.xml" xml-malformed 'empty|no root element'
    expect_companions
    case_end
done

for f in utf16le-bom utf16be-bom utf16-declared latin1-declared; do
    case_begin "$f: refused, UTF-8 only"
    check "h/$f.xml"
    expect_status 1
    expect_diag "h/$f.xml" 1 xml-malformed
    expect_message "h/$f.xml" xml-malformed 'UTF-8 only'
    expect_diag_count "h/$f.xml" 1
    expect_companions
    case_end
done

for f in bom bom-declaration; do
    case_begin "$f: a UTF-8 byte order mark is accepted"
    check "h/$f.xml"
    expect_status 1
    expect_no_diag "h/$f.xml"
    expect_companions
    expect_files 5
    case_end
done

case_begin "a newline or carriage return in an attribute value forges no diagnostic"
check h/injection.xml
expect_status 1
expect_diag h/injection.xml 1 schema-invalid
expect_diagnostic_lines
if tr '\r' '\n' <"$work/out" | grep -q '^base/good\.xml:[12]:1: error: forged'; then
    problem "a forged diagnostic line about base/good.xml appears in the output"
fi
case_end

# ---- a bulk file cut into pieces at fake boundaries: the same as read whole ----
case_begin "a bulk file full of fake deal boundaries: -j1 and -j2 agree"
run check --as-of "$AS_OF" -j1 base h/split-bait.xml
cp "$work/out" "$work/out.j1"
expect_status 1
run check --as-of "$AS_OF" -j2 base h/split-bait.xml
expect_status 1
cmp -s "$work/out.j1" "$work/out" || problem "-j1 and -j2 give different diagnostics"
n=$(grep -c 'unknown-user\]$' "$work/out")
[ "$n" = 26 ] || problem "$n unknown-user errors, expected 26 (one per deal by 'nobody')"
n=$(grep -c 'schema-invalid\]$' "$work/out")
[ "$n" = 4286 ] || problem "$n schema-invalid errors, expected 4286 (one per currency 'PL>N')"
grep -q fake "$work/out" && problem "a fake deal boundary was taken for a deal"
expect_companions
case_end

# ---- the walk ----
mkdir -p tree/a/b tree/a/dir.xml tree/c
cp base/good.xml tree/a/good.xml
cp base/broken.xml tree/a/b/broken.xml
sed 's/id="good"/id="in-dir-xml"/' base/good.xml >tree/a/dir.xml/inner.xml
sed 's/id="broken"/id="in-c"/' base/broken.xml >tree/c/broken-c.xml
ln -s ../.. tree/a/b/up            # a loop: back to tree/
ln -s ../../c tree/a/b/to-c        # not a loop: c is reached twice, checked once
ln -s ../a tree/c/back-to-a        # c -> a -> b -> c ...: a loop through two links
ln -s /nonexistent/vanished.xml tree/a/dangling.xml
mkfifo tree/a/fifo.xml

case_begin "walk: directory loops through symbolic links, a dangling link, a FIFO, a folder named dir.xml"
run check --as-of "$AS_OF" -j2 base/team.xml base/process.xml tree
expect_status 1
expect_diag tree/a/b/broken.xml 4 unknown-step
# tree/c is reached twice (directly and through tree/a/b/to-c): one file, one spelling.
grep -Eq '^tree/(a/b/to-)?c/broken-c\.xml:4:5: error: .*\[unknown-step\]$' "$work/out" ||
    problem "no unknown-step error for broken-c.xml (tree/c or tree/a/b/to-c)"
expect_no_diag tree/a/good.xml
expect_no_diag tree/a/dir.xml/inner.xml
expect_no_diag tree/a/dangling.xml
expect_no_diag tree/a/fifo.xml
expect_stderr 'directory loop'
expect_files 6
[ "$(grep -c 'unknown-step' "$work/out")" = 2 ] || problem "a file was checked more than once"
case_end

case_begin "command line: a directory named x.xml is walked"
run check --as-of "$AS_OF" -j2 base tree/a/dir.xml
expect_status 1
expect_no_diag tree/a/dir.xml/inner.xml
expect_companions
expect_files 5
case_end

case_begin "command line: a dangling symbolic link"
check tree/a/dangling.xml
expect_status 2
expect_stderr 'tree/a/dangling\.xml.*(No such file|not found|does not exist)'
expect_companions
case_end

case_begin "command line: an unreadable file (/proc/self/mem: EIO)"
check /proc/self/mem
expect_status 2
expect_stderr '/proc/self/mem.*Input/output error'
expect_companions
case_end

# chmod 000 stops everyone but root; as root, drop the capabilities that let it read anyway.
chmod 000 tree/a/good.xml
if [ "$(id -u)" != 0 ]; then
    PREFIX=
    unreadable_ok=yes
elif command -v setpriv >/dev/null 2>&1 &&
    setpriv --bounding-set=-dac_override,-dac_read_search -- sh -c '! cat tree/a/good.xml' >/dev/null 2>&1; then
    PREFIX="setpriv --bounding-set=-dac_override,-dac_read_search --"
    unreadable_ok=yes
else
    unreadable_ok=
fi
if [ -n "$unreadable_ok" ]; then
    case_begin "command line: a file without read permission"
    check tree/a/good.xml
    expect_status 2
    expect_stderr 'tree/a/good\.xml.*Permission denied'
    expect_companions
    case_end

    case_begin "walk: a file without read permission"
    run check --as-of "$AS_OF" -j2 base/team.xml base/process.xml tree
    expect_status 2
    expect_stderr 'tree/a/good\.xml.*Permission denied'
    expect_diag tree/a/b/broken.xml 4 unknown-step
    case_end

    chmod 644 tree/a/good.xml
    chmod 000 tree/c
    case_begin "walk: a folder without read permission"
    run check --as-of "$AS_OF" -j2 base/team.xml base/process.xml tree/a
    expect_status 2
    expect_stderr 'tree/a/b/to-c.*Permission denied'
    expect_diag tree/a/b/broken.xml 4 unknown-step
    expect_no_diag tree/a/good.xml
    case_end
    chmod 755 tree/c
else
    echo "SKIP unreadable files: running as root and setpriv cannot drop CAP_DAC_OVERRIDE here"
fi
PREFIX=
chmod 644 tree/a/good.xml

# A FIFO or pipe named on the command line: read once, or refused; never a hang,
# never "the file is empty" for a pipe that carried a document.
case_begin "command line: a FIFO with a writer"
(timeout 25 sh -c 'cat base/broken.xml >tree/a/fifo.xml' 2>/dev/null &)
run check --as-of "$AS_OF" -j2 base/team.xml base/process.xml base/good.xml tree/a/fifo.xml
expect_status 1 2
if [ "$rc" = 1 ]; then
    expect_diag tree/a/fifo.xml 4 unknown-step
elif [ "$rc" = 2 ]; then
    expect_stderr 'tree/a/fifo\.xml'
fi
expect_no_diag base/good.xml
# Whatever happened, let the writer go.
timeout 2 cat tree/a/fifo.xml >/dev/null 2>&1
case_end

case_begin "command line: a pipe (/dev/stdin)"
run_stdin base/broken.xml check --as-of "$AS_OF" -j2 base/team.xml base/process.xml base/good.xml /dev/stdin
expect_status 1 2
if [ "$rc" = 1 ]; then
    expect_diag /dev/stdin 4 unknown-step
elif [ "$rc" = 2 ]; then
    expect_stderr '/dev/stdin'
fi
grep -q 'the file is empty' "$work/out" && problem "the pipe was read as an empty file"
case_end

echo "hostile: $passed passed, $failed failed"
[ "$failed" = 0 ]
