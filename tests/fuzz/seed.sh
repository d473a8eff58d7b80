#!/bin/sh
# Seeds the fuzz corpora from the documents the project already has:
#   OUT/corpus-document  every *.xml of samples/ and tests/cases/*/in (up to 16 KiB)
#   OUT/corpus-repo      small repositories: the XML files of each CLI case's in/
#                        (in path order, at most four), and the sample team and
#                        process with each file of samples/broken/ and a few deals,
#                        joined by the separator fuzz_repo.c cuts on
# Files are named by a hash of their content, so running it again adds nothing
# twice and keeps what the fuzzer found. The seeds are not committed: they are
# made from committed files (only findings are, under tests/fuzz/regressions/).
# Usage: tests/fuzz/seed.sh OUT [document|repo]...
set -eu

out=$1
shift
[ $# -gt 0 ] || set -- document repo
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
sep='\n--8<--\n'
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT

add() { # CORPUS FILE: copies FILE into the corpus under its hash
    sum=$(cksum <"$2" | tr ' ' '-')
    [ -f "$out/corpus-$1/seed-$sum" ] || cp "$2" "$out/corpus-$1/seed-$sum"
}

join() { # FILE...: the files joined by the separator, into $tmp
    : >"$tmp"
    first=1
    for f in "$@"; do
        [ $first = 1 ] || printf "$sep" >>"$tmp"
        cat "$f" >>"$tmp"
        first=0
    done
}

for corpus in "$@"; do
    mkdir -p "$out/corpus-$corpus"
    case $corpus in
    document)
        find samples tests/cases -name '*.xml' -size -17k -type f | LC_ALL=C sort | while read -r f; do
            add document "$f"
        done
        ;;
    repo)
        for d in tests/cases/*/in; do
            # shellcheck disable=SC2046
            set -- $(find "$d" -name '*.xml' -type f | LC_ALL=C sort | head -n 4)
            [ $# -gt 0 ] || continue
            join "$@"
            add repo "$tmp"
        done
        for f in samples/broken/*.xml; do
            join samples/team.xml samples/processes/standard.xml samples/processes/renewal.xml "$f"
            add repo "$tmp"
        done
        set -- $(find samples/deals -name '*.xml' | LC_ALL=C sort | head -n 6)
        while [ $# -ge 2 ]; do
            join samples/team.xml samples/processes/standard.xml "$1" "$2"
            add repo "$tmp"
            shift 2
        done
        ;;
    *)
        echo "seed.sh: unknown corpus '$corpus'" >&2
        exit 2
        ;;
    esac
done
