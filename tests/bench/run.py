#!/usr/bin/python3
"""Benchmarks: chaingraph against networkx and python-igraph on the same generated graphs.

    /usr/bin/python3 tests/bench/run.py [--build build] [--sizes 10000,100000,1000000]
                                        [--timeout 600] [--out table.md]

For each size it generates an OR-only layered graph (5 edges per node, 1% recycling
edges) with `chaingraph generate`, then runs each analysis in chaingraph (cg-bench, one
process), in networkx and in python-igraph (tests/bench/peer.py, one process each), checks
that the answers agree, and prints times, peak memory and the ratio peer/chaingraph
(how many times faster chaingraph is) measured in this one run. A peer that exceeds the
timeout is reported as such. Not part of `meson test`."""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ANALYSES = ["load", "producible", "criticality", "betweenness"]


def run(cmd, timeout):
    t = time.perf_counter()
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"timeout": True, "wall_s": timeout}
    if p.returncode != 0:
        return {"error": p.stderr.strip()[-500:], "wall_s": time.perf_counter() - t}
    out = json.loads(p.stdout)
    out["wall_s"] = time.perf_counter() - t
    return out


def agree(a, b, key):
    if key + "_sum" in a and key + "_sum" in b:
        sa, sb = a[key + "_sum"], b[key + "_sum"]
        if abs(sa - sb) > 1e-6 * max(1.0, abs(sa)):
            return "NO (sum %.6g vs %.6g)" % (sa, sb)
        ta = [x[0] for x in a.get(key + "_top", [])]
        tb = [x[0] for x in b.get(key + "_top", [])]
        va = [x[1] for x in a.get(key + "_top", [])]
        vb = [x[1] for x in b.get(key + "_top", [])]
        same = len(va) == len(vb) and all(abs(x - y) <= 1e-9 * max(1.0, abs(x)) for x, y in zip(va, vb))
        return "yes" if same else "NO (top %s vs %s)" % (ta[:3], tb[:3])
    if key in a and key in b:
        return "yes" if a[key] == b[key] else "NO (%s vs %s)" % (a[key], b[key])
    return "-"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", default="build")
    ap.add_argument("--sizes", default="10000,100000,1000000")
    ap.add_argument("--timeout", type=float, default=600)
    ap.add_argument("--betweenness-max", type=int, default=10000,
                    help="skip betweenness above this many nodes (it costs a search per raw material)")
    ap.add_argument("--out", help="also write the table (markdown) here")
    a = ap.parse_args()
    cli = os.path.join(a.build, "examples", "chaingraph")
    bench = os.path.join(a.build, "tests", "cg-bench")
    for f in (cli, bench):
        if not os.path.exists(f):
            sys.exit(f"{f} is missing: build first (meson setup {a.build} && meson compile -C {a.build})")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in [int(x) for x in a.sizes.split(",")]:
            prefix = os.path.join(tmp, f"g{n}.tsv")
            subprocess.run([cli, "generate", "--nodes", str(n), "--edges", str(5 * n), "--or-fraction", "1",
                            "--cycle-fraction", "0.01", "--seed", "1", "-o", prefix], check=True)
            what = ["producible", "criticality"] + (["betweenness"] if n <= a.betweenness_max else [])
            res = {"chaingraph": run([bench, prefix[:-4] + ".nodes.tsv", *what], a.timeout)}
            for peer in ("igraph", "networkx"):
                # one process per analysis, so that one slow analysis cannot hide the others
                res[peer] = {}
                for an in what:
                    r = run(["/usr/bin/python3", os.path.join(HERE, "peer.py"), peer, prefix, an], a.timeout)
                    if r.get("timeout"):
                        r = {an + "_s": "timeout"}
                    elif r.get("error"):
                        print(f"# {peer} {an} failed at {n}: {r['error']}", file=sys.stderr)
                        r = {an + "_s": "error"}
                    for k, v in r.items():
                        if k == "peak_rss_mb":
                            res[peer][k] = max(v, res[peer].get(k, 0))
                        elif k not in res[peer]:
                            res[peer][k] = v
            for an in ["load"] + what:
                key = an + "_s"
                row = {"nodes": n, "analysis": an}
                c = res["chaingraph"].get(key)
                row["chaingraph"] = c
                row["chaingraph_mb"] = res["chaingraph"].get("peak_rss_mb")
                for peer in ("igraph", "networkx"):
                    r = res[peer]
                    row[peer] = r.get(key, "-")
                    row[peer + "_mb"] = r.get("peak_rss_mb")
                    row[peer + "_agree"] = agree(res["chaingraph"], r, an) if an != "load" else "-"
                rows.append(row)
            print(f"# {n} nodes done", file=sys.stderr)
    lines = ["| nodes | analysis | chaingraph s | igraph s | igraph/cg | agrees | networkx s | networkx/cg | agrees | peak MB cg / igraph / nx |",
             "|---:|---|---:|---:|---:|---|---:|---:|---|---|"]
    def fmt(x):
        return "%.3f" % x if isinstance(x, (int, float)) else str(x)
    def ratio(p, c):
        return "%.1f×" % (p / c) if isinstance(p, (int, float)) and isinstance(c, (int, float)) and c > 0 else "-"
    for r in rows:
        lines.append("| %d | %s | %s | %s | %s | %s | %s | %s | %s | %s / %s / %s |" % (
            r["nodes"], r["analysis"], fmt(r["chaingraph"]), fmt(r["igraph"]), ratio(r["igraph"], r["chaingraph"]),
            r["igraph_agree"], fmt(r["networkx"]), ratio(r["networkx"], r["chaingraph"]), r["networkx_agree"],
            r["chaingraph_mb"], r["igraph_mb"], r["networkx_mb"]))
    table = "\n".join(lines)
    print(table)
    if a.out:
        with open(a.out, "w") as f:
            f.write(table + "\n")


if __name__ == "__main__":
    main()
