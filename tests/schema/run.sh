#!/bin/bash
# Schema test cases: every file under valid/ must be accepted and every file
# under invalid/ rejected by the schema of its kind, chosen by the root
# element (team -> team.xsd, process -> process.xsd, deal|deals -> deal.xsd).
# A file whose root is none of these must be rejected by all three schemas.
# "Rejected" means xmllint's validation error (exit status 3): a file that is
# not well-formed, or a schema that does not compile, counts as a failure.
#
# Usage: tests/schema/run.sh [SCHEMA_DIR]   (default: schemas/ of this repo)
set -eu

here=$(cd "$(dirname "$0")" && pwd)
schemas=${1:-$here/../../schemas}
passed=0
failed=0

# The schema kinds to try for FILE, from its root element.
kinds() {
    root=$(xmllint --nonet --xpath 'local-name(/*)' "$1" 2>/dev/null) || root=
    case $root in
        team) echo team ;;
        process) echo process ;;
        deal | deals) echo deal ;;
        *) echo team process deal ;;
    esac
}

# Exit status of validating FILE against KIND.
validate() {
    rc=0
    xmllint --noout --nonet --schema "$schemas/$2.xsd" "$1" >/dev/null 2>&1 || rc=$?
    echo "$rc"
}

ok() { passed=$((passed + 1)); }
ko() { failed=$((failed + 1)); echo "FAIL: $1: $2"; }

for f in "$here"/valid/*.xml; do
    name=valid/${f##*/}
    accepted=no
    for k in $(kinds "$f"); do
        if [ "$(validate "$f" "$k")" = 0 ]; then accepted=yes; fi
    done
    if [ "$accepted" = yes ]; then ok; else
        ko "$name" "rejected: $(xmllint --noout --nonet --schema "$schemas/$(kinds "$f" | cut -d' ' -f1).xsd" "$f" 2>&1 | head -n 1)"
    fi
done

for f in "$here"/invalid/*.xml; do
    name=invalid/${f##*/}
    verdict=rejected
    for k in $(kinds "$f"); do
        rc=$(validate "$f" "$k")
        case $rc in
            3) ;;
            0) verdict="accepted by $k.xsd" ;;
            *) verdict="xmllint exit status $rc with $k.xsd (not a validation error)" ;;
        esac
    done
    if [ "$verdict" = rejected ]; then ok; else ko "$name" "$verdict"; fi
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
