#!/usr/bin/env python3
"""Every public symbol of chaingraph has a doc comment that gtk-doc reads.

The public symbols are what include/chaingraph/*.h declare: CG_API functions, typedefs
(opaque types, structs, enums, callbacks) and CG_* macros. A doc comment is a gtk-doc block,
`/**` then ` * name:`, in a source file under lib/ or in a public header. It is complete
when it has a description (gtk-doc counts a block of only @entries as undocumented), names
every parameter of a function or callback (`@param:`), has a `Returns:`
section for a function that returns a value, names every value of an enum and every field
of a transparent struct, and, for a function of lib/analysis/ that takes the graph (an
analysis), states its time complexity (`Complexity:`).

Runs in the normal test suite (tests/meson.build), without gtk-doc, so CI need not build the
reference. Prints each problem and the count; exits 1 if there is any.
    tests/check-docs.py [SOURCE_ROOT]         (--list: print the public symbols)
"""
import os
import re
import sys

root = next((a for a in sys.argv[1:] if not a.startswith("--")),
            os.environ.get("CHAINGRAPH_SOURCE", os.path.join(os.path.dirname(__file__), "..")))
inc = os.path.join(root, "include", "chaingraph")
headers = sorted(os.path.join(inc, f) for f in os.listdir(inc) if f.endswith((".h", ".h.in")))
sources = sorted(os.path.join(d, f) for d, _, fs in os.walk(os.path.join(root, "lib"))
                 for f in fs if f.endswith(".c"))

NOT_SYMBOLS = set()


def strip_comments(text):
    return re.sub(r"/\*.*?\*/", lambda m: "\n" * m.group(0).count("\n"), text, flags=re.S)


def param_names(params):
    names = []
    for p in split_top(params):
        p = p.strip()
        if p in ("void", ""):
            continue
        if p == "...":
            names.append("...")
            continue
        m = re.search(r"\(\s*\*\s*(\w+)\s*\)", p) or re.search(r"(\w+)\s*(\[[^\]]*\])?$", p)
        names.append(m.group(1))
    return names


def split_top(s):
    out, depth, cur = [], 0, ""
    for c in s:
        if c == "," and depth == 0:
            out.append(cur)
            cur = ""
            continue
        depth += c == "("
        depth -= c == ")"
        cur += c
    out.append(cur)
    return out


# symbol -> dict(kind, params, returns, members, header)
symbols = {}
for h in headers:
    raw = open(h, encoding="utf-8").read()
    # gtk-doc's markers: fields between /*< private >*/ and /*< public >*/ (or the end of
    # the struct) are not part of the documented API.
    raw = re.sub(r"/\*<\s*private\s*>\*/.*?(/\*<\s*public\s*>\*/|(?=\}))", "", raw, flags=re.S)
    code = strip_comments(raw)
    for m in re.finditer(r"^#define\s+(CG_\w+)", code, re.M):
        if m.group(1) not in NOT_SYMBOLS:
            symbols[m.group(1)] = dict(kind="macro", header=h)
    code = re.sub(r"^#.*$", "", code, flags=re.M)
    for m in re.finditer(r"\b(?:CG_API|CG_AVAILABLE_IN_\d+_\d+)\s+([^;{]*?)\b(\w+)\s*\(([^;]*?)\)\s*(?:G_\w+\s*)*;", code, re.S):
        ret = " ".join(m.group(1).split())
        symbols[m.group(2)] = dict(kind="function", params=param_names(m.group(3)),
                                   returns=ret not in ("void", "static void"), header=h)
    for m in re.finditer(r"typedef\s+struct\s+_?\w*\s+(\w+)\s*;", code):
        symbols.setdefault(m.group(1), dict(kind="opaque", header=h))
    for m in re.finditer(r"typedef\s+(struct|enum|union)\s*\w*\s*\{(.*?)\}\s*(\w+)\s*;", code, re.S):
        body, name = m.group(2), m.group(3)
        if m.group(1) == "enum":
            members = re.findall(r"^\s*(CG_\w+)", body, re.M)
        else:
            members = []
            for decl in body.split(";"):
                decl = " ".join(decl.split())
                if not decl:
                    continue
                fp = re.search(r"\(\s*\*\s*(\w+)\s*\)", decl)
                if fp:
                    members.append(fp.group(1))
                    continue
                head, _, rest = decl.partition(",")
                first = re.search(r"(\w+)\s*(\[[^\]]*\])?\s*(:\s*\d+)?$", head)
                members.append(first.group(1))
                members += [re.sub(r"[^\w]", "", r.split("[")[0]) for r in rest.split(",") if rest]
        symbols[name] = dict(kind=m.group(1), members=members, header=h)
    for m in re.finditer(r"typedef\s+[^;()]*?\(\s*\*\s*(\w+)\s*\)\s*\(([^;]*?)\)\s*;", code, re.S):
        symbols[m.group(1)] = dict(kind="callback", params=param_names(m.group(2)), returns=False,
                                   header=h)

# name -> (file, params/members named, has Returns:, has Complexity:)
blocks = {}
for f in headers + sources:
    text = open(f, encoding="utf-8").read()
    for m in re.finditer(r"/\*\*\s*\n(.*?)\*/", text, re.S):
        lines = [re.sub(r"^\s*\* ?", "", l) for l in m.group(1).split("\n")]
        head = re.match(r"\s*([\w:.-]+?):(\s|$)", lines[0] if lines else "")
        if not head:
            continue
        name = head.group(1)
        body = "\n".join(lines[1:])
        named = set(re.findall(r"^@(\w+|\.\.\.):", body, re.M))
        # gtk-doc counts a block with entries but no description as undocumented.
        prose = [l for l in re.sub(r"^(@(\w+|\.\.\.)|Returns|Since|Stability):.*?(?=^\s*$|^@|\Z)", "",
                                   body, flags=re.M | re.S).split("\n") if l.strip()]
        blocks[name] = dict(file=f, named=named, described=bool(prose),
                            returns=bool(re.search(r"^(Returns|Return value):", body, re.M)),
                            complexity="Complexity:" in body or "complexity:" in body)

defined_in = {}
for f in sources:
    code = strip_comments(open(f, encoding="utf-8").read())
    for m in re.finditer(r"^(\w+)\s*\(", code, re.M):
        defined_in.setdefault(m.group(1), f)

if "--list" in sys.argv:
    for name in sorted(symbols):
        print(symbols[name]["kind"], name)
    sys.exit(0)

problems = []
for name in sorted(symbols):
    s = symbols[name]
    b = blocks.get(name)
    where = os.path.relpath(s["header"], root)
    if not b:
        problems.append(f"{where}: {name}: no doc comment")
        continue
    if not b["described"]:
        problems.append(f"{where}: {name}: no description (only @entries and Returns:)")
    missing = [p for p in s.get("params", []) + s.get("members", []) if p not in b["named"]]
    if missing:
        problems.append(f"{where}: {name}: undocumented " + ", ".join("@" + p for p in missing))
    if s.get("returns") and not b["returns"]:
        problems.append(f"{where}: {name}: no Returns: section")
    src = defined_in.get(name, "")
    if (s["kind"] == "function" and os.sep + "analysis" + os.sep in src and "graph" in s["params"]
            and not b["complexity"]):
        problems.append(f"{where}: {name}: no Complexity: (an analysis, {os.path.relpath(src, root)})")

for p in problems:
    print(p)
undocumented = len({p.split(": ")[1] for p in problems})
print(f"{len(symbols)} public symbols, {undocumented} not fully documented, {len(problems)} problems")
sys.exit(1 if problems else 0)
