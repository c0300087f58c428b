#!/usr/bin/python3
"""Benchmark (not a test): the same analyses timed with two builds of the library, to show
that a restructuring made nothing slower (issue 13). Edit BUILDS and GRAPHS, then

    /usr/bin/python3 tests/bench/compare_builds.py

Each build's tests/bench/cg-bench runs every analysis in its own process, the builds
alternating so that the machine's drift hits both; the medians and now ÷ pre are printed.
The graphs come from `chaingraph generate` (docs/performance.md gives the commands)."""
import json
import subprocess
import statistics
builds = {"pre (28038ca)": "/tmp/pre/build/tests/cg-bench", "now": "/work/main/build/tests/cg-bench"}
graphs = [("/tmp/m/cmp/g100k.nodes.tsv", 5), ("/tmp/m/big.nodes.tsv", 3)]
ops = ["criticality", "risk:4096", "complement", "complement:city"]
keys = ["load_s", "criticality_s", "risk_s", "risk_samples", "complement_s"]
for path, rep in graphs:
    print(f"## {path}")
    res = {}
    for r in range(rep):
        for name, exe in builds.items():  # alternate builds so drift hits both
            for op in ops:
                out = subprocess.run([exe, path, op], capture_output=True, text=True)
                if out.returncode:
                    print(name, op, out.stderr[:200]); continue
                d = json.loads(out.stdout)
                for k, v in d.items():
                    if isinstance(v, (int, float)) and k.endswith("_s"):
                        res.setdefault((name, op, k), []).append(v)
                    if k == "risk_samples":
                        res.setdefault((name, op, k), []).append(v)
    rows = {}
    for (name, op, k), v in res.items():
        rows.setdefault((op, k), {})[name] = statistics.median(v)
    print(f"{'analysis':34s} {'pre':>10s} {'now':>10s} {'now/pre':>8s}")
    for (op, k), d in sorted(rows.items()):
        if "cpu" in k: continue
        a, b = d.get("pre (28038ca)"), d.get("now")
        if a and b:
            print(f"{op + ' ' + k:34s} {a:10.3f} {b:10.3f} {b / a:8.2f}")
