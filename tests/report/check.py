#!/usr/bin/env python3
"""Checks a rendered dealc report against the state document it was made from.

    check.py OUTDIR STATE.xml [--hostile HOSTILE_OUTDIR HOSTILE_STATE.xml]

Python standard library only. The figures expected on the pages are worked
out here from the state with xml.etree (amounts with decimal.Decimal, never
floats), independently of the stylesheet. See run.sh for how it is called.
"""

import decimal
import html
import html.parser
import os
import re
import subprocess
import sys
import tempfile
import urllib.parse
import xml.etree.ElementTree as ET

NS = "urn:dealc:state:1"
Q = "{%s}" % NS
HERE = os.path.dirname(os.path.abspath(__file__))
RENDER = os.path.join(HERE, "render-xsltproc.sh")

passed = 0
failed = 0


def ok(cond, what):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print("FAIL: " + what)
    return cond


# ---------------------------------------------------------------- HTML --

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
        "meta", "source", "track", "wbr"}


class Node:
    def __init__(self, tag, attrs, parent):
        self.tag = tag
        self.attrs = dict(attrs)
        self.attr_list = attrs
        self.parent = parent
        self.children = []

    def text(self):
        out = []
        for c in self.children:
            out.append(c if isinstance(c, str) else c.text())
        return "".join(out)

    def norm(self):
        return " ".join(self.text().replace("\xa0", " ").split())

    def iter(self):
        yield self
        for c in self.children:
            if isinstance(c, Node):
                yield from c.iter()

    def find_id(self, ident):
        for n in self.iter():
            if n.attrs.get("id") == ident:
                return n
        return None

    def find_all(self, tag):
        return [n for n in self.iter() if n.tag == tag]


class TreeBuilder(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", [], None)
        self.cur = self.root
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))
        n = Node(tag, attrs, self.cur)
        self.cur.children.append(n)
        if tag not in VOID:
            self.cur = n

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, attrs))
        self.cur.children.append(Node(tag, attrs, self.cur))

    def handle_endtag(self, tag):
        n = self.cur
        while n is not None and n.tag != tag:
            n = n.parent
        if n is not None and n.parent is not None:
            self.cur = n.parent

    def handle_data(self, data):
        self.cur.children.append(data)


class Page:
    def __init__(self, path):
        self.path = path
        with open(path, "rb") as f:
            self.raw = f.read()
        self.src = self.raw.decode("utf-8")
        tb = TreeBuilder()
        tb.feed(self.src)
        tb.close()
        self.root = tb.root
        self.tags = tb.tags

    def section(self, ident):
        return self.root.find_id(ident)

    def text(self):
        return self.root.norm()


_pages = {}


def page(path):
    if path not in _pages:
        _pages[path] = Page(path)
    return _pages[path]


# ------------------------------------------------------------- figures --

def money(value, currency=None):
    """The report's form of a decimal amount: thousands separators, the
    fraction only when it is not zero, then the currency code."""
    neg = value.startswith("-")
    if neg:
        value = value[1:]
    whole, _, frac = value.partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    out = ("−" if neg else "") + ",".join(groups)
    if frac.strip("0"):
        out += "." + frac
    if currency:
        out += " " + currency
    return out


def dec_text(d):
    """A Decimal sum as dealc writes amounts: at least two fraction digits,
    no trailing zero beyond them."""
    s = format(d, "f")
    whole, _, frac = s.partition(".")
    frac = (frac + "00")[: max(2, len(frac.rstrip("0")))]
    return whole + "." + frac


def sums(elements, field):
    out = {}
    for e in elements:
        c = e.get("currency")
        if e.get(field) is None:
            out[c] = None
        elif c not in out or out[c] is not None:
            out[c] = out.get(c, decimal.Decimal(0)) + decimal.Decimal(e.get(field))
    return out


def pct(value):
    if value is None:
        return "—"
    if value.endswith(".0"):
        value = value[:-2]
    return value + "%"


def days(value):
    if value is None:
        return "—"
    if value.endswith(".0"):
        value = value[:-2]
    return value + " days"


MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


def date(iso):
    return "%d %s %s" % (int(iso[8:10]), MONTHS[int(iso[5:7]) - 1], iso[:4])


def contains(hay, needle):
    return needle in hay


# --------------------------------------------------------------- state --

class State:
    def __init__(self, path):
        self.tree = ET.parse(path)
        self.root = self.tree.getroot()
        r = self.root
        self.users = {u.get("id"): u for u in r.findall(Q + "team/" + Q + "user")}
        self.processes = r.findall(Q + "processes/" + Q + "process")
        self.deals = r.findall(Q + "deals/" + Q + "deal")
        self.stats = {p.get("ref"): p for p in r.find(Q + "statistics")}
        self.diags = r.findall(Q + "diagnostics/" + Q + "diagnostic")

    def name(self, ref):
        u = self.users.get(ref)
        return u.get("name") if u is not None else ref

    def step_def(self, proc_id, step_id):
        for p in self.processes:
            if p.get("id") == proc_id:
                for st in p.iter(Q + "step"):
                    if st.get("id") == step_id and st.find(Q + "responsible") is not None:
                        return st
        return None

    def stage_def(self, proc_id, stage_id):
        for p in self.processes:
            if p.get("id") == proc_id:
                for st in p.findall(Q + "stages/" + Q + "stage"):
                    if st.get("id") == stage_id:
                        return st
        return None


# ---------------------------------------------------------------- checks --

def check_files(out, state, deal_pages=True):
    ok(os.path.isfile(os.path.join(out, "index.html")), "index.html exists")
    ok(os.path.isfile(os.path.join(out, "report.css")), "report.css exists")
    for p in state.processes:
        ok(os.path.isfile(os.path.join(out, "processes", p.get("id") + ".html")),
           "page of process %s exists" % p.get("id"))
    if deal_pages:
        for d in state.deals:
            ok(os.path.isfile(os.path.join(out, "deals", d.get("id") + ".html")),
               "page of deal %s exists" % d.get("id"))


def check_index(out, state):
    idx = page(os.path.join(out, "index.html"))
    text = idx.text()
    ok(date(state.root.get("as-of")) in text, "index shows the as-of date")

    all_open = sum(int(s.get("open")) for s in state.stats.values())
    kpis = idx.root.find_id("processes")
    ok(kpis is not None, "index has the processes section")
    head = " ".join(n.norm() for n in idx.root.iter() if n.attrs.get("class", "").startswith("kpi kpi-open"))
    ok(("Open deals %d" % all_open) in head, "index summary shows %d open deals (got %r)" % (all_open, head[:80]))
    stage_sums = [s for st in state.stats.values() for s in st.iter(Q + "sum")
                  if s.get("weighted-amount") is not None or s.get("weighted-overflow") is not None]
    for cur, total in sorted(sums(stage_sums, "amount").items()):
        if total is not None:
            ok(money(dec_text(total), cur) in text, "index shows the open pipeline %s" % money(dec_text(total), cur))

    for p in state.processes:
        pid = p.get("id")
        st = state.stats[pid]
        card = idx.section("process-" + pid)
        if not ok(card is not None, "index has a card for process %s" % pid):
            continue
        ct = card.norm()
        ok(p.get("name") in ct, "card %s shows the process name" % pid)
        ok(("Open deals %s" % st.get("open")) in ct, "card %s: %s open deals" % (pid, st.get("open")))
        ok(("Win rate " + pct(st.get("win-rate"))) in ct, "card %s: win rate %s" % (pid, pct(st.get("win-rate"))))
        ok(("Avg. to win " + days(st.get("average-days-to-win"))) in ct,
           "card %s: average days to win %s" % (pid, days(st.get("average-days-to-win"))))
        stage_amounts = st.findall(Q + "stages/" + Q + "stage/" + Q + "open-amounts/" + Q + "sum")
        won_amounts = st.findall(Q + "owners/" + Q + "owner/" + Q + "won-amounts/" + Q + "sum")
        opened = sums(stage_amounts, "amount")
        weighted = sums(stage_amounts, "weighted-amount")
        won = sums(won_amounts, "amount")
        table = [t for t in card.find_all("table") if "money-table" in t.attrs.get("class", "")]
        rows = {}
        if table:
            for tr in table[0].find_all("tr"):
                cells = [c.norm() for c in tr.children if isinstance(c, Node)]
                if cells:
                    rows[cells[0]] = cells[1:]
        for cur in sorted(set(opened) | set(won)):
            want = [money(dec_text(x)) if x is not None else None
                    for x in (opened.get(cur), weighted.get(cur), won.get(cur))]
            want = ["—" if cur not in src else (w if w is not None else "too large to sum")
                    for w, src in zip(want, (opened, weighted, won))]
            ok(rows.get(cur) == want, "card %s, %s: open/weighted/won %s (got %s)" % (pid, cur, want, rows.get(cur)))

    # deals needing attention: blocked, rotting or with an error diagnostic
    att = idx.section("attention")
    ok(att is not None, "index has the attention section")
    listed = set()
    if att is not None:
        for a in att.find_all("a"):
            m = re.match(r"deals/(.+)\.html$", a.attrs.get("href", ""))
            if m:
                listed.add(urllib.parse.unquote(m.group(1)))
        for span in att.iter():
            if "sub mono" == span.attrs.get("class"):
                listed.add(span.norm())
    for d in state.deals:
        errors = [x for x in d.findall(Q + "diagnostics/" + Q + "diagnostic") if x.get("severity") == "error"]
        need = (d.get("status") == "open" and d.get("can-win") == "false") or d.get("rotting") == "true" or errors
        did = d.get("id")
        if need:
            ok(did in listed, "deal %s is listed as needing attention" % did)
        else:
            ok(did not in listed, "deal %s is not listed as needing attention" % did)

    diag = idx.section("diagnostics")
    if ok(diag is not None, "index has the diagnostics section"):
        dt = diag.norm()
        summ = state.root.find(Q + "summary")
        ok(("Errors %s" % summ.get("errors")) in dt and ("Warnings %s" % summ.get("warnings")) in dt,
           "index shows %s errors and %s warnings" % (summ.get("errors"), summ.get("warnings")))
        for x in state.diags:
            msg = " ".join(x.find(Q + "message").text.split())
            ok(msg in dt, "index lists the diagnostic %r" % msg[:70])


def check_process(out, state, p):
    pid = p.get("id")
    st = state.stats[pid]
    pg = page(os.path.join(out, "processes", pid + ".html"))
    ok(p.get("name") in pg.text(), "process page %s shows its name" % pid)

    funnel = pg.section("funnel")
    if ok(funnel is not None, "process %s has a funnel" % pid):
        svgs = funnel.find_all("svg")
        ok(bool(svgs) and any(t.tag == "title" for t in svgs[0].iter()), "the funnel of %s is an SVG with a title" % pid)
        ft = funnel.norm()
        for s in st.findall(Q + "stages/" + Q + "stage"):
            ok(("%s reached · %s open" % (s.get("reached"), s.get("open"))) in ft,
               "funnel of %s: stage %s reached %s" % (pid, s.get("ref"), s.get("reached")))

    stages = pg.section("stages")
    if ok(stages is not None, "process %s has the stage table" % pid):
        rows = stages.find_all("tr")[1:]
        for s, tr in zip(st.findall(Q + "stages/" + Q + "stage"), rows):
            name = state.stage_def(pid, s.get("ref")).get("name")
            cells = [c for c in tr.children if isinstance(c, Node)]
            got = [c.norm() for c in cells]
            ok(got and got[0].startswith(name), "stage row %s/%s is %s" % (pid, s.get("ref"), name))
            ok(got[1:3] == [s.get("open"), s.get("reached")] and got[3].startswith(pct(s.get("conversion"))),
               "stage %s/%s: open %s, reached %s, conversion %s (got %s)" % (
                   pid, s.get("ref"), s.get("open"), s.get("reached"), pct(s.get("conversion")), got[1:4]))
            amounts = s.findall(Q + "open-amounts/" + Q + "sum")
            want_open = " ".join(money(a.get("amount"), a.get("currency")) for a in amounts) or "—"
            want_w = " ".join(money(a.get("weighted-amount"), a.get("currency")) for a in amounts) or "—"
            ok(len(got) > 5 and got[4] == want_open and got[5] == want_w,
               "stage %s/%s amounts %r / %r (got %s)" % (pid, s.get("ref"), want_open, want_w, got[4:6]))
            ok(len(got) > 6 and got[6] == days(s.get("average-days")),
               "stage %s/%s average days %s" % (pid, s.get("ref"), days(s.get("average-days"))))

    comp = pg.section("completion")
    if ok(comp is not None, "process %s has step completion" % pid):
        ct = comp.norm()
        for s in st.findall(Q + "steps/" + Q + "step"):
            name = state.step_def(pid, s.get("ref")).get("name")
            ok(("%s of %s" % (s.get("done"), s.get("reached"))) in ct and name in ct,
               "completion of %s/%s: %s of %s" % (pid, s.get("ref"), s.get("done"), s.get("reached")))

    blk = pg.section("blocking")
    if ok(blk is not None, "process %s has the blocking steps" % pid):
        bt = blk.norm()
        for b in st.findall(Q + "blockers/" + Q + "blocker"):
            name = state.step_def(pid, b.get("step")).get("name")
            stage_name = state.stage_def(pid, _stage_of(state, pid, b.get("step"))).get("name")
            ok(("%s %s %s of %s" % (name, stage_name, b.get("deals"), st.get("open"))) in bt,
               "blocking step %s/%s holds %s deals" % (pid, b.get("step"), b.get("deals")))

    own = pg.section("owners")
    if ok(own is not None, "process %s has the owners" % pid):
        rows = {}
        for tr in own.find_all("tr")[1:]:
            cells = [c.norm() for c in tr.children if isinstance(c, Node)]
            rows[cells[0]] = cells
        for o in st.findall(Q + "owners/" + Q + "owner"):
            r = rows.get(state.name(o.get("ref")))
            ok(r is not None and r[1:4] == [o.get("open"), o.get("won"), o.get("lost")],
               "owner %s of %s: %s/%s/%s (got %s)" % (o.get("ref"), pid, o.get("open"), o.get("won"), o.get("lost"), r))
            won = " ".join(money(a.get("amount"), a.get("currency")) for a in o.findall(Q + "won-amounts/" + Q + "sum")) or "—"
            ok(r is not None and r[5] == won, "owner %s of %s won %r (got %r)" % (o.get("ref"), pid, won, r and r[5]))

    rot = pg.section("rotting")
    if ok(rot is not None, "process %s has the rotting deals" % pid):
        rt = rot.norm()
        for d in state.deals:
            if d.get("process") == pid and d.get("rotting") == "true":
                ok(d.find(Q + "title").text.strip() in rt, "rotting deal %s is listed on %s" % (d.get("id"), pid))

    gov = pg.section("governance")
    if ok(gov is not None, "process %s has the governance table" % pid):
        rows = {}
        for tr in gov.find_all("tr"):
            ths = [c for c in tr.children if isinstance(c, Node) and c.tag == "th" and c.attrs.get("scope") == "row"]
            if ths:
                cells = [c.norm() for c in tr.children if isinstance(c, Node)]
                rows[ths[0].find_all("span")[0].norm() if ths[0].find_all("span") else cells[0]] = cells
        managers = [u.get("name") for u in state.users.values() if u.get("role") == "manager"]
        admins = [u.get("name") for u in state.users.values() if u.get("role") == "administrator"]
        for step in p.iter(Q + "step"):
            if step.find(Q + "responsible") is None:
                continue
            r = rows.get(step.get("id"))
            if not ok(r is not None, "governance row for step %s/%s" % (pid, step.get("id"))):
                continue
            ok(r[0].startswith(step.get("name")), "governance %s/%s name" % (pid, step.get("id")))
            ok(r[1].split(" ")[0] == step.get("value"), "governance %s/%s value %s" % (pid, step.get("id"), step.get("value")))
            ok(("obligatory" in r[2]) == (step.get("obligatory") == "true"), "governance %s/%s obligatory" % (pid, step.get("id")))
            for col, aud in ((4, "responsible"), (5, "can-complete"), (6, "notify")):
                a = step.find(Q + aud)
                for item in a.findall(Q + "items/" + Q + "item"):
                    kind = item.get("kind")
                    if kind == "managers":
                        want = "managers (%s)" % (", ".join(managers) or "nobody in the team")
                    elif kind == "administrators":
                        want = "administrators (%s)" % (", ".join(admins) or "nobody in the team")
                    elif kind == "user":
                        want = state.name(item.get("ref"))
                    else:
                        want = kind
                    ok(want in r[col], "governance %s/%s %s names %r (got %r)" % (pid, step.get("id"), aud, want, r[col]))


def _stage_of(state, pid, step_id):
    for p in state.processes:
        if p.get("id") == pid:
            for stg in p.findall(Q + "stages/" + Q + "stage"):
                for s in stg.findall(Q + "steps/" + Q + "step"):
                    if s.get("id") == step_id:
                        return stg.get("id")
    return None


def check_deals(out, state):
    for d in state.deals:
        did = d.get("id")
        pg = page(os.path.join(out, "deals", did + ".html"))
        title = " ".join(d.find(Q + "title").text.split())
        h1 = pg.root.find_all("h1")
        ok(h1 and h1[0].norm() == title, "deal page %s has its title as h1" % did)
        ok(("%s%%" % d.get("progress")) in pg.text(), "deal page %s shows progress %s%%" % (did, d.get("progress")))
        blockers = d.findall(Q + "blockers/" + Q + "blocker")
        sec = pg.section("blockers")
        if d.get("status") == "open" and d.get("can-win") == "false":
            if not ok(sec is not None and blockers, "blocked deal %s shows its blockers" % did):
                continue
            bt = sec.norm()
            for b in blockers:
                name = state.step_def(d.get("process"), b.get("step")).get("name")
                resp = ", ".join(state.name(x.get("ref")) for x in b.findall(Q + "responsible/" + Q + "person")) or "nobody"
                ok(name in bt, "blocked deal %s names blocker %s" % (did, name))
                ok(("Must act " + resp) in bt, "blocked deal %s: %s must act on %s" % (did, resp, name))
        for ev in d.findall(Q + "events/" + Q + "event"):
            note = ev.find(Q + "note")
            if note is not None and note.text and note.text.strip():
                ok(" ".join(note.text.split()) in pg.text(), "deal %s shows the note of event %s" % (did, ev.get("index")))
        for x in d.findall(Q + "diagnostics/" + Q + "diagnostic"):
            msg = " ".join(x.find(Q + "message").text.split())
            sec = pg.section("diagnostics")
            ok(sec is not None and msg in sec.norm(), "deal %s lists its diagnostic %r" % (did, msg[:60]))


def check_links_and_safety(out, text_may_mention=False):
    files = []
    for base, _, names in os.walk(out):
        for n in names:
            if n.endswith(".html"):
                files.append(os.path.join(base, n))
    bad_links = 0
    for path in sorted(files):
        pg = page(path)
        low = pg.src.lower()
        rel = os.path.relpath(path, out)
        ok("<script" not in low, "%s has no <script" % rel)
        if not text_may_mention:
            ok("javascript:" not in low, "%s has no javascript:" % rel)
        for tag, attrs in pg.tags:
            for name, value in attrs:
                if value and "javascript:" in value.lower():
                    ok(False, "%s: javascript: in the %s attribute of <%s>" % (rel, name, tag))
                if name.startswith("on"):
                    ok(False, "%s: event handler attribute %s on <%s>" % (rel, name, tag))
                if name in ("src", "srcset", "formaction", "action", "xlink:href", "background", "poster"):
                    ok(False, "%s: <%s %s=...> loads something" % (rel, tag, name))
            if tag == "a" or tag == "link":
                href = dict(attrs).get("href")
                if href is None:
                    continue
                if href.startswith("https://"):
                    if tag == "link":
                        ok(False, "%s: external stylesheet %s" % (rel, href))
                    relv = set((dict(attrs).get("rel") or "").split())
                    if not {"noopener", "noreferrer"} <= relv:
                        ok(False, "%s: https link without rel=noopener noreferrer: %s" % (rel, href))
                    continue
                if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", href) or href.startswith("//"):
                    ok(False, "%s: link that is neither relative nor https: %s" % (rel, href))
                    continue
                target, _, frag = href.partition("#")
                tpath = os.path.normpath(os.path.join(os.path.dirname(path), urllib.parse.unquote(target))) if target else path
                if not os.path.isfile(tpath) or not os.path.realpath(tpath).startswith(os.path.realpath(out)):
                    bad_links += 1
                    ok(False, "%s: link to %s does not resolve to a file of the report" % (rel, href))
                elif frag and tpath.endswith(".html") and page(tpath).root.find_id(frag) is None:
                    ok(False, "%s: link to %s: no element with id %s" % (rel, href, frag))
        # charts come with a title for screen readers
        for svg in pg.root.find_all("svg"):
            if svg.attrs.get("role") == "img":
                if not (svg.attrs.get("aria-label") or any(n.tag == "title" for n in svg.iter())):
                    ok(False, "%s: an SVG chart without a title" % rel)
    ok(bad_links == 0, "every relative link resolves (%d pages)" % len(files))
    ok(True, "links and safety checked in %d pages" % len(files))


def tree_bytes(out):
    got = {}
    for base, _, names in os.walk(out):
        for n in names:
            p = os.path.join(base, n)
            with open(p, "rb") as f:
                got[os.path.relpath(p, out)] = f.read()
    return got


def render(state_path, out, *params):
    subprocess.run([RENDER, state_path, out] + list(params), check=True)


def strip_deals(state_path, dest):
    """The summary-only view of a state: every deal keeps its attributes and
    title, nothing else."""
    ET.register_namespace("", NS)
    tree = ET.parse(state_path)
    for d in tree.getroot().findall(Q + "deals/" + Q + "deal"):
        for c in list(d):
            if c.tag != Q + "title":
                d.remove(c)
    tree.write(dest, encoding="UTF-8", xml_declaration=True)


def one_deal(state_path, deal_id, dest):
    """The view a deal page needs: the root, team, processes, statistics and
    that one deal."""
    ET.register_namespace("", NS)
    tree = ET.parse(state_path)
    r = tree.getroot()
    for c in list(r):
        if c.tag not in (Q + "team", Q + "processes", Q + "statistics", Q + "deals"):
            r.remove(c)
    deals = r.find(Q + "deals")
    for d in list(deals):
        if d.get("id") != deal_id:
            deals.remove(d)
    tree.write(dest, encoding="UTF-8", xml_declaration=True)


def check_rerender(out, state_path, state):
    """Same state, same bytes; the pages from partial views match; the
    parameters do what they say."""
    full = tree_bytes(out)
    with tempfile.TemporaryDirectory() as tmp:
        again = os.path.join(tmp, "again")
        render(state_path, again)
        ok(tree_bytes(again) == full, "rendering the state again with xsltproc gives the same bytes")

        summary_state = os.path.join(tmp, "summary.xml")
        strip_deals(state_path, summary_state)
        summ = os.path.join(tmp, "summary")
        render(summary_state, summ, "--stringparam", "pages", "summary")
        got = tree_bytes(summ)
        ok(not any(k.startswith("deals" + os.sep) for k in got), "pages=summary writes no deal page")
        for k, v in got.items():
            ok(full.get(k) == v, "%s from deal attributes and titles only is byte-identical" % k)

        seen_kinds = []
        picked = []
        for d in state.deals:
            kind = (d.get("status"), d.get("can-win"), d.find(Q + "diagnostics/" + Q + "diagnostic") is not None,
                    d.get("rotting"))
            if kind not in seen_kinds:
                seen_kinds.append(kind)
                picked.append(d.get("id"))
        for did in picked[:12]:
            one = os.path.join(tmp, "deal.xml")
            one_deal(state_path, did, one)
            dout = os.path.join(tmp, "d-" + did)
            render(one, dout, "--stringparam", "pages", "deal")
            got = tree_bytes(dout)
            name = os.path.join("deals", did + ".html")
            ok(got.get(name) is not None and got.get(name) == full.get(name),
               "page of deal %s from a one-deal state is byte-identical" % did)
            ok(not os.path.exists(os.path.join(dout, "index.html")), "pages=deal writes no index")

        nod = os.path.join(tmp, "nodeals")
        render(state_path, nod, "--stringparam", "deal-pages", "no")
        got = tree_bytes(nod)
        ok(not any(k.startswith("deals" + os.sep) for k in got), "deal-pages=no writes no deal page")
        ok(all(b"deals/" not in v for k, v in got.items() if k.endswith(".html")),
           "deal-pages=no leaves no link to a deal page")


def check_hostile(out, state_path):
    check_links_and_safety(out, text_may_mention=True)
    allowed = {"html", "head", "meta", "title", "link", "body", "header", "footer", "main", "nav", "section",
               "article", "div", "span", "p", "a", "h1", "h2", "h3", "dl", "dt", "dd", "ul", "ol", "li",
               "table", "caption", "thead", "tbody", "tr", "th", "td", "svg", "rect", "path", "text", "desc",
               "time", "strong", "blockquote", "code", "q"}
    texts = {}
    for base, _, names in os.walk(out):
        for n in names:
            if not n.endswith(".html"):
                continue
            path = os.path.join(base, n)
            pg = page(path)
            rel = os.path.relpath(path, out)
            tags = {t for t, _ in pg.tags}
            ok(tags <= allowed, "%s: only the report's own elements (extra: %s)" % (rel, sorted(tags - allowed)))
            low = pg.src.lower()
            for needle in ("<img", "<iframe", "<style", "<svg/", "<svg onload", "<b>", "<i>", "<u>", "<textarea"):
                ok(needle not in low, "%s: no raw %s" % (rel, needle))
            texts[rel] = pg.root.text()

    def shown(rel, s, what):
        ok(s in texts.get(rel, ""), "%s shows %s as text" % (rel, what))

    idx = "index.html"
    d1 = os.path.join("deals", "hostile-script.html")
    d2 = os.path.join("deals", "hostile-quote.html")
    pr = os.path.join("processes", "hostile.html")
    shown(idx, "<script>alert(1)</script>", "the <script> title")
    shown(d1, "<script>alert(1)</script>", "the <script> title")
    shown(idx, "\"'><img src=x onerror=alert(1)>", "the quote-and-angle-bracket title")
    shown(d2, "\"'><img src=x onerror=alert(1)>", "the quote-and-angle-bracket title")
    shown(d1, "</textarea><script>alert(2)</script>", "the </textarea> note")
    shown(d1, "Eve <b>bold</b> Mallory", "the user name with <b>")
    shown(pr, "Step <img src=x onerror=alert(3)>", "the step name with <img>")
    shown(os.path.join("deals", "hostile-lost.html"), "<iframe src=\"https://evil.example/\"></iframe>",
          "the lost reason with <iframe>")
    shown(d1, "attachments/\"><svg/onload=alert(5)>", "the relative file href")
    for rel in (pr, idx):
        shown(rel, "Process <i>italic</i> & \"quotes\"", "the process name with & and quotes")
    shown(d1, "Sam \"Q\" O'Neil & <i>Co</i>", "the user name with & and quotes")
    odd = "zażółć.gęślą_jaźń"
    ok(os.path.isfile(os.path.join(out, "deals", odd + ".html")), "a non-ASCII deal id gets its page")
    idx_links = [dict(a).get("href") or "" for t, a in page(os.path.join(out, idx)).tags if t == "a"]
    ok("deals/" + urllib.parse.quote(odd) + ".html" in idx_links or "deals/" + odd + ".html" in idx_links,
       "the index links the non-ASCII deal id")
    pg = page(os.path.join(out, d1))
    links = [dict(a) for t, a in pg.tags if t == "a" and (dict(a).get("href") or "").startswith("https://example.com/")]
    want = 'https://example.com/"><script>alert(4)</script>'
    ok(any(l["href"] in (want, want.replace('"', "%22")) for l in links),
       "the hostile https href is one <a href> attribute (got %s)" % [l["href"] for l in links])
    ok(all("noopener" in (l.get("rel") or "") for l in links), "https file links carry rel=noopener noreferrer")
    ok(not any("svg/onload" in (dict(a).get("href") or "") for t, a in pg.tags if t == "a"),
       "a relative file href is never a link")


def main(argv):
    args = argv[1:]
    hostile = None
    if "--hostile" in args:
        i = args.index("--hostile")
        hostile = args[i + 1:i + 3]
        args = args[:i]
    out, state_path = args[0], args[1]
    steps = []
    try:
        state = State(state_path)
        steps = [lambda: check_files(out, state),
                 lambda: check_index(out, state)]
        steps += [(lambda p=p: check_process(out, state, p)) for p in state.processes]
        steps += [lambda: check_deals(out, state),
                  lambda: check_links_and_safety(out),
                  lambda: check_rerender(out, state_path, state)]
    except Exception as e:  # an unreadable state is one failure, not a traceback
        ok(False, "cannot read the state %s: %s" % (state_path, e))
    if hostile:
        steps.append(lambda: check_hostile(*hostile))
    for step in steps:
        try:
            step()
        except Exception as e:
            ok(False, "check stopped: %s: %s" % (type(e).__name__, e))
    print("report: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
