#!/usr/bin/env python3
"""Generates a realistic synthetic dealc repository for benchmarks and scale tests.

usage: gen.py OUTDIR DEALS [--layout bulk|files|both] [--seed N] [--breaks PERCENT]
                       [--invalid PERCENT]

Writes OUTDIR/team.xml, OUTDIR/processes/*.xml and the deals: OUTDIR/bulk/deals.xml
(one <deals> file) and/or OUTDIR/files/NNN/ID.xml (one file per deal). Deals have
full histories (completions with notes and files, moves, undos, wins and losses);
about --breaks per cent of them break a rule (not permitted, missing note, time
order, win blocked, after close) and --invalid per cent are schema-invalid.
The output depends only on the arguments.
"""
import argparse
import os
import random

USERS = [("anna", "Anna Nowak", "administrator"), ("marek", "Marek Wójcik", "manager"),
         ("kasia", "Katarzyna Lewandowska", "manager"), ("ola", "Ola Zielińska", "user"),
         ("piotr", "Piotr Kowalczyk", "user"), ("tomasz", "Tomasz Wiśniewski", "user"),
         ("magda", "Magdalena Kamińska", "user"), ("jakub", "Jakub Dąbrowski", "user")]
SELLERS = ["ola", "piotr", "tomasz", "magda"]

# (stage id, strict, rotting-days, [(step id, value, obligatory, requires, can-complete)])
STANDARD = [
    ("collect", False, 14, [("decision-makers", 10, True, "note", "<owner/><managers/>"),
                            ("contact-details", 5, False, "", None),
                            ("company-profile", 5, False, "", None)]),
    ("contact", False, 30, [("first-meeting", 10, True, "note", None),
                            ("intro-deck", 5, False, "file", None),
                            ("follow-up", 5, False, "", None)]),
    ("identify-needs", False, None, [("needs-workshop", 15, True, "note file", None),
                                     ("budget", 10, True, "note", None)]),
    ("tendering", True, None, [("send-offer", 20, True, "note file", None),
                               ("contract-signed", 15, True, "file", "<managers/><administrators/>")]),
]


def process_xml(pid, name, currency, stages):
    out = [f'<process xmlns="urn:dealc:1" id="{pid}" name="{name}" currency="{currency}">',
           f'  <description>{name}: generated for benchmarks.</description>']
    for sid, strict, rot, steps in stages:
        attrs = f' strict="true"' if strict else ""
        attrs += f' rotting-days="{rot}"' if rot else ""
        out.append(f'  <stage id="{sid}" name="Stage {sid}"{attrs}>')
        for step, value, oblig, req, cc in steps:
            a = f' obligatory="true"' if oblig else ""
            a += f' requires="{req}"' if req else ""
            out.append(f'    <step id="{step}" name="Step {step}" value="{value}"{a}>')
            if cc:
                out.append(f'      <can-complete>{cc}</can-complete>')
            out.append('      <notify><managers/><attendees/></notify>')
            out.append('    </step>')
        out.append('  </stage>')
    out.append('</process>')
    return "\n".join(out) + "\n"


def ts(day, minute):
    # day: days since 2025-01-01; a +01:00 offset keeps local and UTC dates apart at night
    import datetime
    t = datetime.datetime(2025, 1, 1) + datetime.timedelta(days=day, minutes=minute)
    return t.strftime("%Y-%m-%dT%H:%M:00+01:00")


def deal_xml(rng, i, breaks, invalid, indent):
    owner = rng.choice(SELLERS)
    did = f"deal-{i:07d}"
    start = rng.randrange(0, 600)
    created_day = start
    import datetime
    created = (datetime.date(2025, 1, 1) + datetime.timedelta(days=created_day)).isoformat()
    amount = f"{rng.randrange(1000, 500000)}.{rng.randrange(0, 100):02d}"
    currency = rng.choice(["PLN", "PLN", "PLN", "EUR", "USD"])
    p = indent
    lines = [f'{p}<deal id="{did}" process="standard" owner="{owner}" created="{created}" '
             f'amount="{amount}" currency="{currency}">',
             f'{p}  <title>Deal {i}: CRM rollout for customer number {i % 9973} — {rng.randrange(5, 500)} seats</title>',
             f'{p}  <attendee ref="{rng.choice(["marek", "kasia"])}"/>',
             f'{p}  <log>']
    day, minute = created_day, 9 * 60
    broken = rng.random() * 100 < breaks
    kind = rng.choice(["permit", "note", "order", "win", "after"]) if broken else None

    def event(text):
        lines.append(f"{p}    {text}")

    def done(step, req, by=None, note=True):
        nonlocal day, minute
        # Time only moves forward: a few hours or days after the event before.
        minute += rng.randrange(30, 3 * 24 * 60)
        day += minute // (24 * 60)
        minute %= 24 * 60
        who = by or owner
        body = []
        if "note" in req and note:
            body.append(f"{p}      <note>Done by {who}: agreed with the customer, details in the CRM (deal {i}).</note>")
        if "file" in req:
            body.append(f'{p}      <file href="attachments/{did}-{step}.pdf" name="{step} document"/>')
        if body:
            event(f'<done step="{step}" by="{who}" at="{ts(day, minute)}">')
            lines.extend(body)
            event("</done>")
        else:
            event(f'<done step="{step}" by="{who}" at="{ts(day, minute)}"/>')

    reach = rng.randrange(0, 5)  # stages worked through
    for si, (sid, strict, rot, steps) in enumerate(STANDARD[:reach] if reach < 4 else STANDARD):
        if si > 0:
            day += rng.randrange(1, 10)
            minute = 600
            event(f'<moved stage="{sid}" by="{owner}" at="{ts(day, minute)}"/>')
        for step, value, oblig, req, cc in steps:
            if not oblig and rng.random() < 0.3:
                continue
            by = "marek" if cc and "owner" not in cc else None
            if kind == "permit" and step == "contact-details":
                by = "jakub" if cc else by
            if kind == "note" and "note" in req:
                done(step, req, by, note=False)
                kind = None
                continue
            done(step, req, by)
            if rng.random() < 0.03:
                day += 1
                minute = 700
                event(f'<undone step="{step}" by="{by or owner}" at="{ts(day, minute)}"/>')
                done(step, req, by)
    if kind == "permit":
        day += 1
        minute = 720
        event(f'<done step="decision-makers" by="jakub" at="{ts(day, minute)}"><note>x</note></done>')
    if kind == "order":
        event(f'<done step="contact-details" by="{owner}" at="{ts(created_day - 3, 600)}"/>')
    outcome = rng.random()
    if reach == 4 and outcome < 0.6 or kind == "win":
        day += rng.randrange(1, 20)
        event(f'<won by="{owner}" at="{ts(day, 1300)}"/>')
    elif outcome < 0.8 and reach < 4:
        day += rng.randrange(1, 20)
        event(f'<lost by="{owner}" at="{ts(day, 1300)}"><reason>Chose a competitor.</reason></lost>')
    if kind == "after":
        event(f'<lost by="{owner}" at="{ts(day + 30, 900)}"/>')
        event(f'<done step="company-profile" by="{owner}" at="{ts(day + 31, 900)}"/>')
    if rng.random() * 100 < invalid:
        event(f'<done step="bad step id" by="{owner}" at="{ts(day + 40, 900)}"/>')
    lines.append(f"{p}  </log>")
    lines.append(f"{p}</deal>")
    return did, "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("outdir")
    ap.add_argument("deals", type=int)
    ap.add_argument("--layout", choices=["bulk", "files", "both"], default="both")
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--breaks", type=float, default=3.0)
    ap.add_argument("--invalid", type=float, default=0.5)
    a = ap.parse_args()
    os.makedirs(os.path.join(a.outdir, "processes"), exist_ok=True)
    with open(os.path.join(a.outdir, "team.xml"), "w", encoding="utf-8") as f:
        f.write('<team xmlns="urn:dealc:1">\n')
        for uid, name, role in USERS:
            f.write(f'  <user id="{uid}" name="{name}" role="{role}"/>\n')
        f.write('</team>\n')
    with open(os.path.join(a.outdir, "processes", "standard.xml"), "w", encoding="utf-8") as f:
        f.write(process_xml("standard", "Standard B2B sale", "PLN", STANDARD))
    rng = random.Random(a.seed)
    bulk = None
    if a.layout in ("bulk", "both"):
        os.makedirs(os.path.join(a.outdir, "bulk"), exist_ok=True)
        bulk = open(os.path.join(a.outdir, "bulk", "deals.xml"), "w", encoding="utf-8")
        bulk.write('<?xml version="1.0" encoding="UTF-8"?>\n<deals xmlns="urn:dealc:1">\n')
    for i in range(a.deals):
        did, xml = deal_xml(rng, i, a.breaks, a.invalid, "  " if bulk else "")
        if bulk:
            bulk.write(xml)
        if a.layout in ("files", "both"):
            d = os.path.join(a.outdir, "files", f"{i // 1000:03d}")
            os.makedirs(d, exist_ok=True)
            body = xml if not bulk else deal_xml(random.Random(a.seed * 1000003 + i), i, a.breaks, a.invalid, "")[1]
            with open(os.path.join(d, did + ".xml"), "w", encoding="utf-8") as f:
                f.write(body.replace("<deal ", '<deal xmlns="urn:dealc:1" ', 1))
    if bulk:
        bulk.write("</deals>\n")
        bulk.close()


if __name__ == "__main__":
    main()
