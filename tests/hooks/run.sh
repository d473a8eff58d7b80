#!/bin/sh
# The Git recipes, for real, in temporary repositories built here:
#   1. the plain hook docs/hooks/pre-commit: a commit of a good change goes
#      through, a commit that breaks a deal is refused with the diagnostics
#      shown; it checks what is staged, not the working tree; it stays out of
#      commits without XML; warnings refuse too (--strict) unless configured;
#   2. .pre-commit-hooks.yaml through the pre-commit framework itself, when it
#      is installed (apt-get install pre-commit), with the default args and
#      with --changed-since HEAD;
#   3. the CI recipes docs/ci/*.yml and .pre-commit-hooks.yaml parsed with
#      PyYAML (tests/hooks/recipes.py), and the dealc commands they run,
#      run as written on the samples.
# Nothing is skipped silently: a missing tool is a SKIP line naming what was
# not tested.
# Usage: tests/hooks/run.sh path/to/dealc
set -eu

dealc=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0
failed=0
skipped=0
ok() { passed=$((passed + 1)); }
fail() {
    echo "FAIL hooks: $*"
    failed=$((failed + 1))
}
skip() {
    echo "SKIP hooks: $*"
    skipped=$((skipped + 1))
}
show() { sed 's/^/    /' "$1"; }

command -v git >/dev/null 2>&1 || { echo "FAIL hooks: git is missing"; exit 1; }

# Git and the hooks see only what is set up here: no user or system config,
# dealc found on the PATH as `dealc`, rotting measured to a fixed day.
: >"$work/gitconfig"
export GIT_CONFIG_GLOBAL="$work/gitconfig" GIT_CONFIG_NOSYSTEM=1
export HOME="$work/home" PRE_COMMIT_HOME="$work/pre-commit-cache"
mkdir "$HOME" "$work/bin"
ln -s "$dealc" "$work/bin/dealc"
PATH=$work/bin:$PATH
export PATH
export SOURCE_DATE_EPOCH=1796256000 # 2026-12-03
unset DEALC DEALC_ARGS DEALC_PATHS GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE || true

new_repo() { # DIR
    git init -q "$1"
    git -C "$1" config user.name "dealc tests"
    git -C "$1" config user.email "tests@dealc.invalid"
    git -C "$1" config commit.gpgsign false
    cp -r "$top/samples/team.xml" "$top/samples/processes" "$top/samples/deals" "$top/samples/exports" "$1/"
}

# commit LABEL WANT(ok|refused) GIT-COMMIT-ARGS...: runs git commit in $repo,
# output in $work/commit.out; checks HEAD moved (ok) or stayed (refused).
commit() {
    label=$1
    want=$2
    shift 2
    before=$(git -C "$repo" rev-parse --verify --quiet HEAD || echo none)
    status=0
    (cd "$repo" && git commit -q "$@") >"$work/commit.out" 2>&1 || status=$?
    after=$(git -C "$repo" rev-parse --verify --quiet HEAD || echo none)
    if [ "$want" = ok ] && [ "$status" = 0 ] && [ "$before" != "$after" ]; then
        ok
    elif [ "$want" = refused ] && [ "$status" != 0 ] && [ "$before" = "$after" ]; then
        ok
    else
        fail "$label: git commit exits $status (expected: $want); its output:"
        show "$work/commit.out"
    fi
}
# expect_output LABEL GREP-ERE: the last commit's output has a matching line.
expect_output() {
    if grep -Eq -- "$2" "$work/commit.out"; then
        ok
    else
        fail "$1: the commit's output has no line matching '$2':"
        show "$work/commit.out"
    fi
}

deal=deals/2026/amber-coast-hotels.xml
break_deal() { sed -i 's/by="tomasz" at="2026-11-25/by="zbigniew" at="2026-11-25/' "$repo/$deal"; }
good_change() { sed -i 's|<title>Amber Coast Hotels — group sales for conferences</title>|<title>Amber Coast Hotels — group sales for events</title>|' "$repo/$deal"; }

# ---- 1. the plain hook ----
repo=$work/plain
new_repo "$repo"
install -m 755 "$top/docs/hooks/pre-commit" "$repo/.git/hooks/pre-commit"
git -C "$repo" config core.hooksPath .git/hooks

git -C "$repo" add -A
commit "first commit of the samples" ok -m "the samples"
expect_output "first commit" '^dealc: 0 errors, 0 warnings in 55 files$'

good_change
git -C "$repo" add "$deal"
commit "a good change to a deal" ok -m "a better title"

break_deal
git -C "$repo" add "$deal"
commit "a change that breaks a deal" refused -m "by someone unknown"
expect_output "the refused commit" "^\./$deal:9:5: error: user 'zbigniew' is not in the team \[unknown-user\]\$"
expect_output "the refused commit" '^pre-commit: dealc refused the commit'

# The staged version is what counts: mended in the working tree only, still refused...
git -C "$repo" show "HEAD:$deal" >"$repo/$deal"
commit "broken in the index, mended in the working tree" refused -m "still broken"
expect_output "broken in the index" '\[unknown-user\]$'
# ...and a good staged change goes through while the working tree is broken.
git -C "$repo" reset -q
good_change
sed -i 's/Krzysztof Piotrowski/Krzysztof P./' "$repo/$deal"
git -C "$repo" add "$deal"
break_deal
commit "good in the index, broken in the working tree" ok -m "a shorter name"
# commit -a stages the broken file (through a temporary index): refused.
commit "commit -a of the broken working tree" refused -a -m "everything"
git -C "$repo" checkout -q -- "$deal"

# Deleting a process breaks the deals that follow it.
git -C "$repo" rm -q processes/renewal.xml
commit "deleting a process" refused -m "no more renewals"
expect_output "deleting a process" "follows process 'renewal', which is not defined \[unknown-process\]\$"
git -C "$repo" reset -q --hard

# A commit without XML files does not run dealc at all (DEALC=false would fail).
echo "notes" >"$repo/NOTES.txt"
git -C "$repo" add NOTES.txt
export DEALC=false
commit "a commit without XML" ok -m "notes"
unset DEALC

# A warning refuses the commit (--strict), unless dealc.args says otherwise.
sed -i 's|</process>|  <stage id="later" name="Later"/>\n</process>|' "$repo/processes/pilot.xml"
git -C "$repo" add processes/pilot.xml
commit "a change that only warns" refused -m "an empty stage"
expect_output "a change that only warns" 'warning: stage .later. of process .pilot. has no steps \[empty-stage\]$'
git -C "$repo" config dealc.args ""
commit "a change that only warns, with dealc.args empty" ok -m "an empty stage"
git -C "$repo" config --unset dealc.args

# dealc missing: refused, with a message that says so.
git -C "$repo" show HEAD~1:processes/pilot.xml >"$repo/processes/pilot.xml"
git -C "$repo" add processes/pilot.xml
export DEALC=no-such-dealc
commit "dealc not installed" refused -m "back"
unset DEALC
expect_output "dealc not installed" "'no-such-dealc' not found"

# ---- 2. the pre-commit framework ----
if command -v pre-commit >/dev/null 2>&1; then
    hooks_repo=$work/hooks-repo
    git init -q "$hooks_repo"
    cp "$top/.pre-commit-hooks.yaml" "$hooks_repo/"
    git -C "$hooks_repo" add .pre-commit-hooks.yaml
    git -C "$hooks_repo" -c user.name=t -c user.email=t@dealc.invalid commit -qm hooks
    rev=$(git -C "$hooks_repo" rev-parse HEAD)

    repo=$work/framework
    new_repo "$repo"
    config() { # ARGS-LINE (empty: the hook's defaults)
        {
            echo "repos:"
            echo "  - repo: $hooks_repo"
            echo "    rev: $rev"
            echo "    hooks:"
            echo "      - id: dealc"
            [ -z "$1" ] || echo "        args: $1"
        } >"$repo/.pre-commit-config.yaml"
        git -C "$repo" add .pre-commit-config.yaml
    }
    config ""
    if (cd "$repo" && pre-commit install) >"$work/install.out" 2>&1; then
        ok
    else
        fail "pre-commit install:"
        show "$work/install.out"
    fi
    git -C "$repo" add -A
    commit "pre-commit: first commit of the samples" ok -m "the samples"
    expect_output "pre-commit: first commit" '^dealc check\.+Passed$'
    good_change
    git -C "$repo" add "$deal"
    commit "pre-commit: a good change" ok -m "a better title"
    break_deal
    git -C "$repo" add "$deal"
    commit "pre-commit: a change that breaks a deal" refused -m "by someone unknown"
    expect_output "pre-commit: the refused commit" '^dealc check\.+Failed$'
    expect_output "pre-commit: the refused commit" "^\./$deal:9:5: error: user 'zbigniew' is not in the team \[unknown-user\]\$"
    git -C "$repo" reset -q --hard

    # A deal elsewhere rots: the default args refuse any commit of XML;
    # with --changed-since HEAD only what the commit is answerable for counts.
    cp "$top/samples/broken/rotting.xml" "$repo/deals/"
    git -C "$repo" add deals/rotting.xml
    git -C "$repo" commit -q --no-verify -m "a deal left alone"
    good_change
    sed -i 's/Krzysztof Piotrowski/Krzysztof P./' "$repo/$deal"
    git -C "$repo" add "$deal"
    commit "pre-commit: a good change while a deal elsewhere rots" refused -m "a shorter name"
    expect_output "pre-commit: default args" '\[rotting\]$'
    config "[--strict, --changed-since, HEAD, .]"
    commit "pre-commit --changed-since HEAD: a good change while a deal elsewhere rots" ok -m "a shorter name"
    break_deal
    git -C "$repo" add "$deal"
    commit "pre-commit --changed-since HEAD: a change that breaks a deal" refused -m "by someone unknown"
    expect_output "pre-commit --changed-since HEAD" '\[unknown-user\]$'
    git -C "$repo" reset -q --hard
else
    skip "the pre-commit framework is not installed (apt-get install pre-commit): .pre-commit-hooks.yaml was not run through it"
fi

# ---- 3. the CI recipes ----
status=0
python3 "$here/recipes.py" "$top" "$work/recipes" || status=$?
case $status in
0) ok ;;
3) skip "PyYAML is missing (apt-get install python3-yaml): the YAML recipes were not parsed, nor their commands run" ;;
*) failed=$((failed + 1)) ;;
esac
if [ "$status" = 0 ]; then
    # The dealc commands of each recipe, run as written (GitLab runs a job's
    # lines in one shell and stops at the first that fails).
    for dir in clean broken; do
        rm -rf "$work/ci"
        mkdir "$work/ci"
        cp -r "$top/samples/team.xml" "$top/samples/processes" "$top/samples/deals" "$top/samples/exports" "$work/ci/"
        [ "$dir" = clean ] || cp -r "$top/samples/broken" "$work/ci/"
        for recipe in github gitlab; do
            script=$(sed -n "s/^$recipe	//p" "$work/recipes")
            if [ -z "$script" ]; then
                fail "the $recipe recipe runs no dealc command"
                continue
            fi
            status=0
            (cd "$work/ci" && sh -ec "$script") >"$work/ci.out" 2>&1 || status=$?
            want=0
            [ "$dir" = clean ] || want=1
            if [ "$status" = "$want" ]; then
                ok
            else
                fail "the $recipe recipe's commands on the $dir samples exit $status, not $want:"
                show "$work/ci.out"
            fi
            if [ "$recipe" = github ] && [ "$dir" = broken ]; then
                grep -q '^::error file=\./broken/' "$work/ci.out" && ok ||
                    fail "the github recipe prints no workflow command for the broken samples"
            fi
        done
        # GitLab's JUnit artifact is there, valid, and did not check itself.
        if xmllint --noout --nonet --schema "$top/tests/formats/junit.xsd" "$work/ci/.dealc-junit.xml" 2>"$work/xmllint" &&
            ! grep -q 'dealc-junit' "$work/ci/.dealc-junit.xml"; then
            ok
        else
            fail "the gitlab recipe's JUnit artifact on the $dir samples is missing or wrong"
            show "$work/xmllint"
        fi
        if [ "$dir" = clean ]; then
            grep -q '<failure' "$work/ci/.dealc-junit.xml" && fail "the gitlab recipe's JUnit artifact has failures for the clean samples" || ok
        else
            grep -q '<failure type="gate-blocked"' "$work/ci/.dealc-junit.xml" && ok || fail "the gitlab recipe's JUnit artifact lacks the broken samples' failures"
        fi
    done
    # The packages the recipes install exist (where apt knows any package).
    if command -v apt-cache >/dev/null 2>&1 && apt-cache show gcc >/dev/null 2>&1; then
        for p in $(sed -n 's/^apt	//p' "$work/recipes"); do
            apt-cache show "$p" >/dev/null 2>&1 && ok || fail "the recipes install '$p', which apt does not know"
        done
    else
        skip "apt-cache has no package lists: the package names of the recipes were not checked"
    fi
fi

echo "hooks: $passed passed, $failed failed, $skipped skipped"
[ "$failed" = 0 ]
