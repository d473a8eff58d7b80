#!/usr/bin/env python3
"""Writes the generated hostile inputs of tests/hostile/run.sh into OUTDIR.

Usage: make-inputs.py OUTDIR

They are generated rather than kept in the repository because they are
large (a 10 MB attribute, a 50 MB note, 100 000 levels of nesting) or made
of bytes a text file should not hold (invalid UTF-8, UTF-16, NUL). The line
each one's diagnostic must carry is fixed by how it is written here; run.sh
states it.
"""
import os
import sys

out = sys.argv[1]
os.makedirs(out, exist_ok=True)

DEAL_OPEN = b'<deal xmlns="urn:dealc:1" id="%s" process="simple" owner="ola" created="2026-09-01">\n'
DONE = b'    <done step="qualify" by="ola" at="2026-09-02T10:15:00+02:00">\n'


def write(name, data):
    with open(os.path.join(out, name), "wb") as f:
        f.write(data)


def deal(ident, title=b"t", log=b"", head=b""):
    """A deal: the root on line 1 (after head), its title on line 2, its log from line 3."""
    return (head + DEAL_OPEN % ident + b"  <title>" + title + b"</title>\n"
            + b"  <log>\n" + log + b"  </log>\n</deal>\n")


# ---- entity expansion bombs (they need a DOCTYPE, refused before anything expands) ----
laughs = [b'<?xml version="1.0"?>\n<!DOCTYPE deal [\n  <!ENTITY lol0 "lol">\n']
for i in range(1, 10):
    laughs.append(b'  <!ENTITY lol%d "%s">\n' % (i, (b"&lol%d;" % (i - 1)) * 10))
laughs.append(b"]>\n")
laughs_doc = b"".join(laughs) + DEAL_OPEN % b"billion-laughs" + b"  <title>&lol9;</title>\n  <log/>\n</deal>\n"
write("billion-laughs.xml", laughs_doc)  # DOCTYPE on line 2
quad = (b'<?xml version="1.0"?>\n<!DOCTYPE deal [\n  <!ENTITY a "' + b"a" * 100000 + b'">\n]>\n'
        + DEAL_OPEN % b"quadratic" + b"  <title>" + b"&a;" * 100000 + b"</title>\n  <log/>\n</deal>\n")
write("quadratic-blowup.xml", quad)  # DOCTYPE on line 2

# ---- huge values ----
MB = 1024 * 1024
# a 10 MB value of an attribute the schema allows (file/@name), on line 4
write("huge-attribute.xml", deal(b"huge-attribute", log=b'    <done step="qualify" by="ola" at="2026-09-02T10:15:00+02:00">'
                                 b'<file href="a.pdf" name="' + b"N" * (10 * MB) + b'"/></done>\n'))
# a 10 MB value of an attribute the schema does not know, on the title (line 2)
write("huge-attribute-unknown.xml",
      DEAL_OPEN % b"huge-attribute-unknown" + b'  <title x="' + b"A" * (10 * MB) + b'">t</title>\n  <log/>\n</deal>\n')
# a 50 MB note: allowed, no diagnostic
write("huge-note.xml", deal(b"huge-note", log=DONE + b"      <note>" + b"N" * (50 * MB) + b"</note>\n    </done>\n"))

# ---- deep nesting: 100 000 levels ----
DEPTH = 100000
write("deep-log.xml", deal(b"deep-log", log=b"<x>" * DEPTH + b"\n" + b"</x>" * DEPTH + b"\n"))  # <x> on line 4
write("deep-events.xml", deal(b"deep-events", log=DONE.rstrip(b"\n") * DEPTH + b"\n" + b"</done>" * DEPTH + b"\n"))
write("deep-root.xml", b'<x xmlns="urn:dealc:1">' * DEPTH + b"</x>" * DEPTH + b"\n")

# ---- many attributes (or namespace declarations) in one start tag ----
N_ATTRS = 300000
write("many-attributes.xml", DEAL_OPEN % b"many-attributes" + b"  <title "
      + b" ".join(b'a%d="x"' % i for i in range(N_ATTRS)) + b">t</title>\n  <log/>\n</deal>\n")

# ---- encodings ----
write("invalid-utf8-text.xml", deal(b"invalid-utf8-text", title=b"caf\xc3\x28 \xff\xfe"))  # line 2
write("invalid-utf8-attribute.xml", DEAL_OPEN % b"bad\xe9" + b"  <title>t</title>\n  <log/>\n</deal>\n")  # line 1
write("invalid-utf8-overlong.xml", deal(b"overlong", title=b"\xc0\xaf"))  # line 2
write("invalid-utf8-surrogate.xml", deal(b"surrogate", title=b"\xed\xa0\x80"))  # line 2
cut = deal(b"cut", title=b"caf\xc3\xa9")
write("invalid-utf8-cut.xml", cut[:cut.index(b"\xa9")])  # the file ends inside a character, on line 2
write("bom.xml", b"\xef\xbb\xbf" + deal(b"bom", title="Zażółć gęślą jaźń".encode()))
write("bom-declaration.xml", b"\xef\xbb\xbf" + deal(b"bom-declaration", head=b'<?xml version="1.0" encoding="UTF-8"?>\n'))
text = deal(b"utf16").decode()
write("utf16le-bom.xml", "\ufeff".encode("utf-16-le") + text.encode("utf-16-le"))
write("utf16be-bom.xml", "\ufeff".encode("utf-16-be") + text.encode("utf-16-be"))
write("utf16-declared.xml", ('<?xml version="1.0" encoding="UTF-16"?>\n' + text).encode("utf-16-le"))
write("latin1-declared.xml", b'<?xml version="1.0" encoding="ISO-8859-1"?>\n' + deal(b"latin1", title=b"caf\xe9"))

# ---- NUL bytes ----
write("nul-in-text.xml", deal(b"nul-in-text", title=b"a\x00b"))  # line 2
write("nul-first.xml", b"\x00" + deal(b"nul-first"))  # line 1
write("nul-after-root.xml", deal(b"nul-after-root") + b"\x00\x00")  # after the last line (6)
write("nul-only.xml", b"\x00" * 4096)  # line 1

# ---- truncated, empty ----
whole = deal(b"truncated")
write("truncated-in-attribute.xml", whole[:whole.index(b"created=") + 12])  # line 1
write("truncated-in-element.xml", whole[:whole.index(b"</log>") + 3])  # line 4
write("empty.xml", b"")
write("whitespace-only.xml", b"  \n\n")
write("bom-only.xml", b"\xef\xbb\xbf")

# ---- a bulk file large enough to be cut into pieces, full of fake deal boundaries ----
parts = [b'<?xml version="1.0" encoding="UTF-8"?>\n<deals xmlns="urn:dealc:1">\n']
for i in range(30000):
    k = i % 7
    if k == 0:
        parts.append(b'  <!-- </deal>\n  <deal id="fake-c%d" process="simple" owner="nobody" created="2026-09-01"> -->\n' % i)
    if k == 1:
        parts.append(b'  <?pi </deal><deal id="fake-p%d"> ?>\n' % i)
    title = b"t"
    if k == 2:
        title = b'<![CDATA[</title></deal><deal id="fake-d%d" process="x" owner="y" created="2026-09-01"><title>]]>' % i
    if k == 3:
        title = b'&lt;/deal>&lt;deal id="fake-e%d">' % i
    attr = b' currency="PL&gt;N"' if k == 4 else b""
    by = b"ola" if i % 1000 else b"nobody"
    parts.append(b'  <deal id="d%d" process="simple" owner="ola" created="2026-09-01"%s>\n    <title>%s</title>\n'
                 b'    <log>\n      <done step="qualify" by="%s" at="2026-09-02T10:15:00+02:00"/>\n    </log>\n  </deal>\n'
                 % (i, attr, title, by))
parts.append(b"</deals>\n")
write("split-bait.xml", b"".join(parts))
