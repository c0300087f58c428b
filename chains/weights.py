#!/usr/bin/python3
"""Application weights of the bundled chains, by one rule (chains/README.md, "Application
weights"): an application weighs as many of the five plans as name it as a sector they serve.
A plan names an application when its text contains the application's Chinese name or one of
its aliases, as a word of its own (every node name is matched longest first, so 新能源汽车
counts for new-energy vehicles and not also for 汽车, and 电子信息材料, a material, not for the
sector 电子信息; a few compounds that contain a name but mean something else, NOT_SECTORS
below, are masked too), or when a quote of the plan is on the application itself. A sector that all five plans name weighs 5, one that one plan names weighs 1;
no plan can raise a sector above 1 by naming many others.

    /usr/bin/python3 chains/weights.py --bin build/examples/chaingraph          # rewrite weights.chain
    /usr/bin/python3 chains/weights.py --bin build/examples/chaingraph --check  # exit 1 if stale

It needs the source documents (CHAINGRAPH_SOURCES, else ../shared/seeds beside the checkout).
The weights go to chains/weights.chain, which only adds `weight=` to nodes the other files
declare; no other file may set a weight (tests/python/test_chains.py refuses one)."""
import argparse
import glob
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = "weights.chain"


def export(cli, chains_dir):
    files = sorted(f for f in glob.glob(os.path.join(chains_dir, "*.chain"))
                   if os.path.basename(f) != OUT)
    p = subprocess.run([cli, "export", "--format", "json", *files], capture_output=True,
                       text=True)
    if p.returncode != 0:
        sys.exit(f"weights.py: {cli} export failed:\n{p.stderr}")
    return json.loads(p.stdout)


def documents_dir(chains_dir):
    d = os.environ.get("CHAINGRAPH_SOURCES") or os.path.join(chains_dir, "..", "..", "shared",
                                                             "seeds")
    if not os.path.isdir(d):
        sys.exit(f"weights.py: the source documents are not at {d}: set CHAINGRAPH_SOURCES")
    return d


# Compounds that contain an application's name but mean something else: masked first.
NOT_SECTORS = {
    "显示度": "visibility (001: 提升…显示度), not displays",
    "环保型": "environment-friendly, an adjective, not the environmental-protection sector",
    "安全环保": "safety and environmental protection as a duty of firms, not a sector",
    "储能保温": "heat storage and insulation of buildings, not energy storage",
}


def naming_documents(graph, sources):
    """{application id: sorted document files whose text names it}."""
    local = {v for c in graph["chains"] for v in c.get("local_nodes", [])}
    apps = {n["id"] for n in graph["nodes"] if n.get("stage") == "application"}
    names = {}  # name -> node id; global names first, a chain-local application's own after
    for n in sorted(graph["nodes"], key=lambda n: n["id"] in local):
        if n["id"] in local and n["id"] not in apps:
            continue
        for x in [n.get("name"), *n.get("aliases", [])]:
            if x and len(x) > 1:
                names.setdefault(x, n["id"])
    for x in NOT_SECTORS:
        names[x] = None
    order = sorted(names, key=lambda x: (-len(x), x))  # longest first; ties in a fixed order
    found = {a: [] for a in apps}
    for doc in sorted(d["file"] for d in graph["documents"]):
        text = open(os.path.join(sources, doc), encoding="utf-8").read()
        hits = set()
        for x in order:
            if x in text:
                if names[x]:
                    hits.add(names[x])
                text = text.replace(x, "\0")
        for a in hits & apps:
            found[a].append(doc)
    # A name that stands only inside a longer one (生物医药制备 in 生物医药制备过程相关耗材) is
    # still named by the document its own quote comes from.
    for n in graph["nodes"]:
        if n["id"] in apps:
            for p in n.get("provenance", []):
                if p.get("quote") and p.get("document") and p["document"] not in found[n["id"]]:
                    found[n["id"]] = sorted(found[n["id"]] + [p["document"]])
    return found


def weights(graph, sources):
    docs = naming_documents(graph, sources)
    unnamed = sorted(a for a, d in docs.items() if not d)
    if unnamed:
        sys.exit(f"weights.py: applications no document names: {unnamed}")
    return {a: len(d) for a, d in docs.items()}, docs


def render(w, docs):
    lines = ["# weights.chain — application weights, written by chains/weights.py; do not edit.",
             "# Rule (chains/README.md): an application weighs as many of the five plans as name",
             "# it (its Chinese name or an alias in the document's text, longest names first).",
             ""]
    for a in sorted(w):
        names = " ".join(d.split("_")[0] for d in docs[a])
        lines.append(f"node {a} weight={w[a]}   # named by {names}")
    return "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bin", default=os.environ.get("CHAINGRAPH_BIN"),
                    help="the chaingraph executable (default: $CHAINGRAPH_BIN)")
    ap.add_argument("--chains", default=HERE, help="the chains directory (default: this one)")
    ap.add_argument("--check", action="store_true",
                    help="do not write: exit 1 if weights.chain differs from the rule")
    a = ap.parse_args()
    if not a.bin:
        ap.error("give --bin PATH/TO/chaingraph (or set CHAINGRAPH_BIN)")
    text = render(*weights(export(a.bin, a.chains), documents_dir(a.chains)))
    path = os.path.join(a.chains, OUT)
    if a.check:
        old = open(path, encoding="utf-8").read() if os.path.exists(path) else ""
        if old != text:
            sys.exit(f"{path} is stale: run /usr/bin/python3 chains/weights.py --bin {a.bin}")
        return
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    print(f"wrote {path}: {text.count(chr(10) + 'node ')} applications")


if __name__ == "__main__":
    main()
