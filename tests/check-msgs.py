#!/usr/bin/env python3
"""Every message the present layer translates (T("…") in lib/present/*.c, and the page's
ui_keys) has a Chinese entry in lib/present/msg.c's table, with the same printf conversions
(in order, or numbered %n$ ones covering the same arguments), and no entry is unused.

Usage: check-msgs.py SOURCE_ROOT [--missing]   (--missing prints the untranslated keys)"""
import re
import sys

ROOT = sys.argv[1]
MACROS = {"G_GUINT64_FORMAT": "lu", "G_GINT64_FORMAT": "li", "G_GSIZE_FORMAT": "lu"}
LIT = r'"(?:[^"\\]|\\.)*"'


def unescape(lit):
    body = lit[1:-1]
    return bytes(body, "utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8")


def join(seq):
    """A sequence of C string literals and format macros, joined."""
    out = ""
    for tok in re.findall(LIT + r"|[A-Z_][A-Z0-9_]*", seq):
        out += unescape(tok) if tok.startswith('"') else MACROS.get(tok, tok)
    return out


def keys_in_code():
    import glob
    keys = {}
    for path in sorted(glob.glob(ROOT + "/lib/present/*.c")):
        if path.endswith("/msg.c"):
            continue
        src = open(path, encoding="utf-8").read()
        for m in re.finditer(r"\bT\(\s*((?:" + LIT + r"|\s+|[A-Z_][A-Z0-9_]*)+)\)", src):
            keys.setdefault(join(m.group(1)), path)
        # the page's UI strings and the tables' column titles: arrays of literals
        for m in re.finditer(r"(?:ui_keys|cols)\[\]\s*=\s*\{(.*?)NULL\}", src, re.S):
            for lit in re.findall(LIT, m.group(1)):
                keys.setdefault(unescape(lit), path)
        # the tables' titles: tab_begin(&t, "id", "Title", …)
        for m in re.finditer(r"tab_begin\(&\w+,\s*" + LIT + r",\s*(" + LIT + ")", src):
            keys.setdefault(unescape(m.group(1)), path)
    return keys


def table():
    src = open(ROOT + "/lib/present/msg.c", encoding="utf-8").read()
    body = src[src.index("table[] = {"):src.index("};", src.index("table[] = {"))]
    entries = {}
    for m in re.finditer(r"\{\s*((?:" + LIT + r"|\s+|[A-Z_][A-Z0-9_]*)+?)\s*,\s*((?:" + LIT + r"|\s+|[A-Z_][A-Z0-9_]*)+?)\s*\}", body):
        en, zh = join(m.group(1)), join(m.group(2))
        if en in entries:
            print(f"msg.c: duplicate entry {en!r}")
            sys.exit(1)
        entries[en] = zh
    return entries


CONV = re.compile(r"%(?:(\d+)\$)?[-+ #0']*(?:\d+|\*)?(?:\.(?:\d+|\*))?(hh|h|ll|l|z|j|t|L)?([diouxXeEfFgGaAcspn%])")


def convs(fmt):
    """The argument types a format consumes, in argument order."""
    seq, numbered = [], {}
    for m in CONV.finditer(fmt):
        if m.group(3) == "%":
            continue
        t = (m.group(2) or "") + ("d" if m.group(3) in "diouxXc" else "f" if m.group(3) in "eEfFgGaA" else m.group(3))
        if m.group(1):
            numbered[int(m.group(1))] = t
        else:
            seq.append(t)
    if numbered:
        if seq:
            return None  # mixed: invalid
        return [numbered.get(i) for i in range(1, max(numbered) + 1)]
    return seq


code = keys_in_code()
tab = table()
bad = 0
missing = [k for k in code if k not in tab]
for k in missing:
    print(f"not translated ({code[k]}): {k!r}")
bad += len(missing)
for k in tab:
    if k not in code:
        print(f"msg.c: entry not used by the code: {k!r}")
        bad += 1
for k, zh in tab.items():
    a, b = convs(k), convs(zh)
    if a != b:
        print(f"msg.c: the Chinese of {k!r} consumes {b} but the English {a}")
        bad += 1
    if not zh.strip() and k.strip():
        print(f"msg.c: empty translation of {k!r}")
        bad += 1
print(f"{len(code)} messages, {len(tab)} translations, {bad} problems")
sys.exit(1 if bad else 0)
