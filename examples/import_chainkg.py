#!/usr/bin/python3
"""Import the ChainKnowledgeGraph industry files into chaingraph's node-link JSON.

    /usr/bin/python3 examples/import_chainkg.py ../shared/data/chainkg -o chainkg.json
    chaingraph bottlenecks --top 10 chainkg.json

The data (liuhuanyong/ChainKnowledgeGraph, built from A-share companies and the Shenwan
2021 classification) has three files, one JSON object per line:

- industry.json           {"code", "name"}: the 3-level classification
- industry_industry.json  {"from_code", "from_industry", "to_code", "to_industry"}:
                          child → parent industry
- industry_up.json        {"industry": X, "ups": {Y: n, ...}}: Y is an upstream industry
                          of X, mentioned n times

How it is read (the source says nothing about groups, stages or regions, so these are the
importer's choices, and the output says so in every edge's provenance):

- Nodes are the industries of industry_up.json; the id is `sw<code>` (or a slug of the
  name for the two industries without a code), the name the Chinese name, the domain the
  level-1 sector.
- Each upstream link Y → X is an edge. With `--reading or` (the default) all upstream
  industries of X form one OR group — X needs at least one of them; with `--reading and`
  each is its own group — X needs all of them. `--min-mentions N` keeps only links
  mentioned at least N times.
- Industries with no upstream link are raw (`stage: raw`); industries nothing uses are
  the applications (no stage is given, so the sinks count as applications). With
  `--every-industry` every industry is an application of weight 1, and a node's
  criticality becomes the share of industries that stop when it stops — the
  hypothetical-extraction reading of input–output analysis.
- The Shenwan hierarchy becomes the region tree: each level-1 sector is a region of level
  `province`, each level-2 sector a `city` under it, and a sector "produces" its level-3
  industries. Complementarity between regions then reads as complementarity between
  sectors.
"""

import argparse
import json
import os
import re
import sys


def read_lines(path):
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.strip()
            if not line:
                continue
            try:
                yield json.loads(line)
            except json.JSONDecodeError as e:
                sys.exit(f"{path}:{number}:{e.colno}: {e.msg}")


def slug(name, used):
    base = "ind-" + re.sub(r"[^a-z0-9]+", "-", name.encode("unicode_escape").decode("ascii").lower()).strip("-")
    s, k = base, 2
    while s in used:
        s, k = f"{base}-{k}", k + 1
    return s


def convert(folder, reading="or", min_mentions=1, every_industry=False):
    industries = list(read_lines(os.path.join(folder, "industry.json")))
    parents = list(read_lines(os.path.join(folder, "industry_industry.json")))
    ups = list(read_lines(os.path.join(folder, "industry_up.json")))

    code_of = {r["name"]: r["code"] for r in industries}
    name_of = {r["code"]: r["name"] for r in industries}
    parent_of = {r["from_code"]: r["to_code"] for r in parents}

    def level1(code):
        while code in parent_of:
            code = parent_of[code]
        return code

    names = []
    for r in ups:
        for n in [r["industry"], *r["ups"]]:
            if n not in names:
                names.append(n)
    ids, used = {}, set()
    for n in names:
        i = f"sw{code_of[n]}" if n in code_of else slug(n, used)
        used.add(i)
        ids[n] = i

    has_up = {r["industry"] for r in ups if any(c >= min_mentions for c in r["ups"].values())}
    nodes = []
    for n in names:
        node = {"id": ids[n], "name": n}
        if n in code_of:
            node["domains"] = [name_of[level1(code_of[n])]]
        if every_industry:
            node["stage"] = "application"
        elif n not in has_up:
            node["stage"] = "raw"
        nodes.append(node)

    edges = []
    for r in ups:
        for y, count in sorted(r["ups"].items(), key=lambda kv: (-kv[1], kv[0])):
            if count < min_mentions or y == r["industry"]:
                continue
            e = {"source": ids[y], "target": ids[r["industry"]], "mentions": count}
            if reading == "or":
                e["group"] = "up"
            edges.append(e)

    # Sectors as regions: level-1 → province, level-2 → city; each produces its industries.
    regions, caps = {}, {}
    for n in names:
        code = code_of.get(n)
        if not code or code not in parent_of:
            continue
        l2 = parent_of[code]
        l1 = parent_of.get(l2)
        if l1 is None:
            continue
        for c, level, parent in ((l1, "province", None), (l2, "city", l1)):
            if c not in regions:
                regions[c] = {"id": f"sector-{c}", "name": name_of[c], "level": level,
                              "parent": name_of[parent] if parent else None}
        caps.setdefault(l2, []).append({"node": ids[n], "inferred": "Shenwan classification: the sector's own industry"})
    region_list = []
    for c in sorted(regions):
        r = dict(regions[c])
        r["capabilities"] = caps.get(c, [])
        region_list.append(r)

    # networkx's default node-link shape, like `chaingraph export --format json`
    return {"directed": True, "multigraph": False, "graph": {},
            "nodes": nodes, "links": edges, "regions": region_list,
            "documents": [{"file": "ChainKnowledgeGraph industry_up.json", "key": "chainkg",
                           "title": "ChainKnowledgeGraph (liuhuanyong), Shenwan 2021 industries"}]}


def main():
    ap = argparse.ArgumentParser(description="Convert ChainKnowledgeGraph industry files to chaingraph JSON.")
    ap.add_argument("folder", help="the folder holding industry.json, industry_industry.json, industry_up.json")
    ap.add_argument("-o", "--output", default="-", help="output file (default: standard output)")
    ap.add_argument("--reading", choices=["or", "and"], default="or",
                    help="read a node's upstream industries as alternatives (or) or joint requirements (and)")
    ap.add_argument("--min-mentions", type=int, default=1, help="keep links mentioned at least this often")
    ap.add_argument("--every-industry", action="store_true",
                    help="count every industry as an application (weight 1), not only the sinks")
    a = ap.parse_args()
    for f in ("industry.json", "industry_industry.json", "industry_up.json"):
        if not os.path.exists(os.path.join(a.folder, f)):
            sys.exit(f"{a.folder}: no {f} here")
    doc = convert(a.folder, a.reading, a.min_mentions, a.every_industry)
    text = json.dumps(doc, ensure_ascii=False, indent=1)
    if a.output == "-":
        print(text)
    else:
        with open(a.output, "w", encoding="utf-8") as f:
            f.write(text + "\n")


if __name__ == "__main__":
    main()
