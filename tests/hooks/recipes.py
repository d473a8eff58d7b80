#!/usr/bin/env python3
"""Parses the CI and pre-commit recipes with PyYAML and checks their shape.

    recipes.py TOP OUT

TOP: the repository. Checks docs/ci/github-actions.yml, docs/ci/gitlab-ci.yml
and .pre-commit-hooks.yaml as GitHub, GitLab and pre-commit read them, and
writes to OUT the shell commands of each recipe that run dealc (a line
"github<TAB>COMMAND" or "gitlab<TAB>COMMAND"), for tests/hooks/run.sh to run
as written. Exits 3 when PyYAML is not installed (nothing checked), 1 on a
problem.
"""
import re
import sys

try:
    import yaml
except ImportError:
    sys.exit(3)

top, out_path = sys.argv[1:3]
problems = []


def need(cond, message):
    if not cond:
        problems.append(message)
    return cond


def load(path):
    with open(f"{top}/{path}", encoding="utf-8") as f:
        return yaml.safe_load(f)


def apt_packages(script):
    found = []
    for line in script.splitlines():
        m = re.search(r"apt-get install\s+(.*)", line)
        if m:
            found += [w for w in m.group(1).split() if not w.startswith("-")]
    return found


commands = []
packages = []

# ---- GitHub Actions ----
gh = load("docs/ci/github-actions.yml")
if need(isinstance(gh, dict), "github-actions.yml: not a mapping"):
    # YAML 1.1 reads the key "on" as true; GitHub reads it as "on".
    need("on" in gh or True in gh, "github-actions.yml: no 'on' (the events)")
    jobs = gh.get("jobs")
    if need(isinstance(jobs, dict) and jobs, "github-actions.yml: no jobs"):
        for name, job in jobs.items():
            need(isinstance(job.get("runs-on"), str), f"github-actions.yml: job {name} has no runs-on")
            steps = job.get("steps")
            if not need(isinstance(steps, list) and steps, f"github-actions.yml: job {name} has no steps"):
                continue
            need(steps[0].get("uses", "").startswith("actions/checkout@"),
                 f"github-actions.yml: job {name} does not start with actions/checkout")
            for i, step in enumerate(steps):
                need(("uses" in step) != ("run" in step),
                     f"github-actions.yml: step {i} of {name} needs exactly one of uses and run")
                run = step.get("run", "")
                packages += apt_packages(run)
                for line in run.splitlines():
                    if line.startswith("dealc "):
                        commands.append(("github", line))
            runs = "\n".join(s.get("run", "") for s in steps)
            need("make -C" in runs and " install PREFIX=" in runs,
                 f"github-actions.yml: job {name} does not build and install dealc with make")
            need(steps[-1].get("run", "").startswith("dealc check "),
                 f"github-actions.yml: the last step of {name} is not a dealc check")

# ---- GitLab CI ----
gl = load("docs/ci/gitlab-ci.yml")
if need(isinstance(gl, dict) and isinstance(gl.get("dealc"), dict), "gitlab-ci.yml: no job 'dealc'"):
    job = gl["dealc"]
    need(isinstance(job.get("image"), str), "gitlab-ci.yml: the job names no image")
    for key in ("before_script", "script"):
        need(isinstance(job.get(key), list) and all(isinstance(x, str) for x in job[key]),
             f"gitlab-ci.yml: {key} is not a list of commands")
    packages += apt_packages("\n".join(job.get("before_script", [])))
    need(any("install PREFIX=" in x for x in job.get("before_script", [])),
         "gitlab-ci.yml: before_script does not install dealc with make")
    script = job.get("script", [])
    commands += [("gitlab", line) for line in script]
    art = job.get("artifacts", {})
    junit = art.get("reports", {}).get("junit") if isinstance(art, dict) else None
    if need(isinstance(junit, str), "gitlab-ci.yml: no artifacts:reports:junit"):
        need(any("--format junit" in x and x.split(">")[-1].split()[0] == junit for x in script if ">" in x),
             f"gitlab-ci.yml: no script line writes the JUnit artifact {junit}")
        need(junit.startswith("."), "gitlab-ci.yml: the JUnit artifact is not hidden from the check of '.'")
    need(art.get("when") == "always", "gitlab-ci.yml: the artifact is not kept when the job fails")

# ---- pre-commit ----
hooks = load(".pre-commit-hooks.yaml")
if need(isinstance(hooks, list) and hooks, ".pre-commit-hooks.yaml: not a list of hooks"):
    for hook in hooks:
        for key in ("id", "name", "entry", "language"):
            need(isinstance(hook.get(key), str), f".pre-commit-hooks.yaml: a hook has no {key}")
        need(hook.get("language") == "system", ".pre-commit-hooks.yaml: language is not system")
        need(hook.get("entry") == "dealc check", ".pre-commit-hooks.yaml: entry is not 'dealc check'")
        need(hook.get("files") == r"\.xml$", ".pre-commit-hooks.yaml: files is not \\.xml$")
        re.compile(hook.get("files", ""))
        need(hook.get("pass_filenames") is False, ".pre-commit-hooks.yaml: pass_filenames is not false")
        need(isinstance(hook.get("args"), list) and hook["args"] and hook["args"][-1] == ".",
             ".pre-commit-hooks.yaml: args do not end with the path '.'")

with open(out_path, "w", encoding="utf-8") as f:
    for label, line in commands:
        f.write(f"{label}\t{line}\n")
    for p in sorted(set(packages)):
        f.write(f"apt\t{p}\n")
for p in problems:
    print("FAIL hooks: " + p)
sys.exit(1 if problems else 0)
