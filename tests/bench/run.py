#!/usr/bin/python3
"""Benchmarks: chaingraph against networkx and python-igraph on the same generated graphs.

    /usr/bin/python3 tests/bench/run.py --build build [--sizes 10000,100000,1000000]
        [--timeout 600] [--repeat 3] [--out table.md] [--json results.json]

For each size N it generates two graphs with `chaingraph generate` (seed 1, 5N edges, 1%
recycling edges): an OR-only one (--or-fraction 1) and a mixed AND/OR one (--or-fraction
0.5) with 3N/1000 cities (30 to a province). Then, for every analysis, it runs chaingraph
(build/tests/cg-bench), python-igraph and networkx (tests/bench/peer.py), each in its own
process per analysis, checks that the answers agree, and prints the times, each process's
peak resident memory and the ratio peer ÷ chaingraph (how many times faster chaingraph
is), all measured in this one run. chaingraph's figure is the median of --repeat runs;
the peers run once. A peer that runs out of --timeout is reported as `timeout`. Before
each process it waits until no other work competes for the CPUs (--quiet, quiet.py), and
the `contention` column gives, per row, the largest share of a process's wall time in
which some task waited for a CPU (0% = the machine was ours).

Analyses (graph; what the peers do):
  load             OR    read the TSV tables into the library's graph
  producible       OR    reachability from a virtual root (= least fixed point, OR-only)
  criticality      OR    dominator tree from a virtual root, subtree application weight
  criticality      AND/OR  no built-in: per-node re-simulation (Python fixed point over
                   each node's descendants); above --resim-max nodes only --resim-sample
                   evenly spaced nodes, whose time is projected to all nodes (printed ~T)
                   and whose values are compared
  disrupt          AND/OR  Python fixed point with a node set removed (N/1000 nodes, ≥ 10)
  risk MC          AND/OR  pure-Python Monte Carlo over the same per-node probabilities
                   (cg-bench dumps them); the peers draw few samples, so times are per sample
  complement       AND/OR  every ordered pair of cities, gaps weighed uniformly; and, up to
                   --resim-max, weighed by criticality (the peer's own re-simulated
                   criticality, whose time is added to the peer's)
  betweenness      OR    subset betweenness raw materials → applications (≤ --betweenness-max;
                   above --betweenness-exact-max chaingraph runs once and the peers search from
                   --bt-sources evenly spaced sources, their time projected, nothing compared)

Agreement: producible counts equal; criticality every node's value within 1e-9; disrupt
the same lost nodes; risk the two means within the 95% interval of their difference
(|Δ| ≤ 1.96·√(se₁² + se₂²)); complement the same ten best pairs (scores within 1e-9) and
the same sums of scores, links and filled gaps; betweenness the same sum and ten largest.
Not part of `meson test`."""
import argparse
import json
import math
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time

from quiet import Contention, wait_quiet

HERE = os.path.dirname(os.path.abspath(__file__))
PEERS = ("igraph", "networkx")


QUIET = [5.0, 600.0]  # wait for CPU pressure ≤ this %, at most this many seconds


def run(cmd, timeout):
    wait_quiet(*QUIET)
    t = time.perf_counter()
    with Contention() as ct:
        try:
            p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            p = None
    if p is None:
        return {"timeout": True, "wall_s": timeout, "contention": ct.share}
    if p.returncode != 0:
        return {"error": (p.stderr.strip() or p.stdout.strip())[-500:], "wall_s": time.perf_counter() - t,
                "contention": ct.share}
    out = json.loads(p.stdout)
    out["wall_s"] = time.perf_counter() - t
    out["contention"] = ct.share
    return out


def read_values(path):
    vals = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            k, v = line.rstrip("\n").split("\t")[:2]
            vals[k] = float(v)
    return vals


def read_lines(path):
    with open(path, encoding="utf-8") as f:
        return set(line.strip() for line in f if line.strip())


def agree_values(a, b, tol=1e-9, subset=False):
    """Every node's value (with @subset, every node b has): a and b are dump files."""
    try:
        va, vb = read_values(a), read_values(b)
    except OSError as e:
        return "NO (%s)" % e
    if (not vb.keys() <= va.keys()) if subset else va.keys() != vb.keys():
        return "NO (different nodes)"
    bad = [k for k in vb if abs(va[k] - vb[k]) > tol]
    if bad:
        k = sorted(bad)[0]
        return "NO (%d nodes differ, e.g. %s %.9g vs %.9g)" % (len(bad), k, va[k], vb[k])
    return "yes (%s %d)" % ("the" if subset else "all", len(vb))


class Projected(float):
    """A peer's time projected from a sample of the work (printed with a ~)."""


def agree_top(a, b, key):
    sa, sb = a.get(key + "_sum"), b.get(key + "_sum")
    if sa is None or sb is None:
        return "-"
    if abs(sa - sb) > 1e-6 * max(1.0, abs(sa)):
        return "NO (sum %.9g vs %.9g)" % (sa, sb)
    va = [x[1] for x in a.get(key + "_top", [])]
    vb = [x[1] for x in b.get(key + "_top", [])]
    same = len(va) == len(vb) and all(abs(x - y) <= 1e-9 * max(1.0, abs(x)) for x, y in zip(va, vb))
    return "yes" if same else "NO (top %s vs %s)" % (a[key + "_top"][:3], b[key + "_top"][:3])


def agree_complement(a, b):
    for k in ("complement_regions", "complement_pairs", "complement_links", "complement_filled"):
        if a.get(k) != b.get(k):
            return "NO (%s %s vs %s)" % (k[11:], a.get(k), b.get(k))
    if abs(a["complement_sum"] - b["complement_sum"]) > 1e-9 * max(1.0, a["complement_sum"]):
        return "NO (sum %.12g vs %.12g)" % (a["complement_sum"], b["complement_sum"])
    ta, tb = a["complement_top"], b["complement_top"]
    if len(ta) != len(tb):
        return "NO (top lengths)"
    for x, y in zip(ta, tb):
        # (from, to, score, overlap, tci, links): a different pair is fine only inside a tie
        if any(abs(x[i] - y[i]) > 1e-9 * max(1.0, abs(x[i])) for i in (2,)) or \
           ((x[0], x[1]) != (y[0], y[1]) and abs(x[2] - y[2]) > 1e-12):
            return "NO (top %s vs %s)" % (x[:3], y[:3])
        if (x[0], x[1]) == (y[0], y[1]) and (abs(x[3] - y[3]) > 1e-9 or abs(x[4] - y[4]) > 1e-7 or x[5] != y[5]):
            return "NO (pair %s→%s fields differ)" % (x[0], x[1])
    return "yes (top %d, all sums)" % len(ta)


def agree_risk(a, b):
    ma, mb = a["expected_loss"], b["expected_loss"]
    sa = (a["ci95"][1] - a["ci95"][0]) / (2 * 1.959963984540054)
    sb = (b["ci95"][1] - b["ci95"][0]) / (2 * 1.959963984540054)
    lim = 1.959963984540054 * math.sqrt(sa * sa + sb * sb)
    ok = abs(ma - mb) <= lim
    return "%s (%.1f vs %.1f ± %.1f)" % ("yes" if ok else "NO", mb, ma, lim)


def median_run(cmd, repeat, timeout, keys):
    """Runs chaingraph --repeat times; the median of each timed key, the last answer."""
    runs = []
    for _ in range(repeat):
        r = run(cmd, timeout)
        if r.get("timeout") or r.get("error"):
            return r
        runs.append(r)
    out = dict(runs[-1])
    for k in keys:
        if all(isinstance(r.get(k), (int, float)) for r in runs):
            out[k] = statistics.median(r[k] for r in runs)
    out["peak_rss_mb"] = max(r["peak_rss_mb"] for r in runs)
    cs = [r["contention"] for r in runs if r.get("contention") is not None]
    out["contention"] = max(cs) if cs else None
    out["runs"] = [{k: r.get(k) for k in keys} for r in runs]
    return out


def fmt_s(x):
    if isinstance(x, Projected):
        return "~" + fmt_s(float(x))
    if isinstance(x, (int, float)):
        if x >= 100:
            return "%.0f" % x
        if x >= 0.0995:
            return "%.2f" % x
        if x >= 0.000995:
            return "%.3f" % x
        return "%.2g" % x
    return str(x)


def ratio(p, c):
    if isinstance(p, (int, float)) and isinstance(c, (int, float)) and c > 0 and p > 0:
        r = p / c
        if isinstance(p, Projected):
            return "~%.0f×" % r if r >= 100 else "~%.1f×" % r
        return "%.0f×" % r if r >= 100 else "%.1f×" % r
    return "-"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", default="build")
    ap.add_argument("--sizes", default="10000,100000,1000000")
    ap.add_argument("--timeout", type=float, default=600, help="per peer process, seconds")
    ap.add_argument("--repeat", type=int, default=3, help="chaingraph runs per figure (median)")
    ap.add_argument("--threads", type=int, default=0, help="chaingraph's threads (0: one per core)")
    ap.add_argument("--only", help="comma-separated analyses to run (load, producible, crit-or, crit-mixed, "
                                   "disrupt, risk, complement, complement-crit, betweenness)")
    ap.add_argument("--peers", default="igraph,networkx")
    ap.add_argument("--resim-max", type=int, default=10000,
                    help="re-simulated AND/OR criticality in the peers up to this many nodes")
    ap.add_argument("--resim-sample", type=int, default=0,
                    help="above --resim-max, re-simulate this many evenly spaced nodes in the peers and "
                         "project their time to every node (0: 20,000,000 / N, at least 10; -1: skip)")
    ap.add_argument("--betweenness-max", type=int, default=100000,
                    help="betweenness up to this many nodes (one search per raw material)")
    ap.add_argument("--betweenness-exact-max", type=int, default=10000,
                    help="above this many nodes, chaingraph's betweenness runs once and the peers search "
                         "from --bt-sources sources only, their time projected")
    ap.add_argument("--bt-sources", type=int, default=100)
    ap.add_argument("--risk-samples", type=int, default=10000, help="chaingraph's Monte Carlo samples")
    ap.add_argument("--peer-samples", type=int, default=0,
                    help="the peers' Monte Carlo samples (0: 2,000,000 / N, between 5 and 200)")
    ap.add_argument("--workdir", help="keep the generated graphs and dumps here (default: a temporary "
                                      "directory, removed afterwards)")
    ap.add_argument("--quiet", type=float, default=5.0,
                    help="before each process, wait until CPU pressure (PSI some avg10) is at most this %%")
    ap.add_argument("--quiet-wait", type=float, default=600.0, help="but wait at most this many seconds")
    ap.add_argument("--out", help="also write the table (markdown) here")
    ap.add_argument("--json", help="also write every raw result here")
    a = ap.parse_args()
    cli = os.path.join(a.build, "examples", "chaingraph")
    bench = os.path.join(a.build, "tests", "cg-bench")
    for f in (cli, bench):
        if not os.path.exists(f):
            sys.exit(f"{f} is missing: build first (meson setup {a.build} && meson compile -C {a.build})")
    QUIET[:] = [a.quiet, a.quiet_wait]
    only = set(a.only.split(",")) if a.only else None
    peers = [p for p in a.peers.split(",") if p]
    py = "/usr/bin/python3"
    peer_py = os.path.join(HERE, "peer.py")
    rows, raw = [], []
    started = time.time()
    print("# load average at start: %s" % " ".join("%.2f" % x for x in os.getloadavg()), file=sys.stderr)

    def want(x):
        return only is None or x in only

    tmpctx = tempfile.TemporaryDirectory() if not a.workdir else None
    tmp = a.workdir or tmpctx.name
    os.makedirs(tmp, exist_ok=True)
    try:
        for n in [int(x) for x in a.sizes.split(",")]:
            regions = max(10, 3 * n // 1000)
            or_g = os.path.join(tmp, f"or{n}.tsv")
            mx_g = os.path.join(tmp, f"mixed{n}.tsv")
            for path, extra in ((or_g, ["--or-fraction", "1"]),
                                (mx_g, ["--or-fraction", "0.5", "--regions", str(regions)])):
                if not os.path.exists(path[:-4] + ".nodes.tsv"):
                    subprocess.run([cli, "generate", "--nodes", str(n), "--edges", str(5 * n),
                                    "--cycle-fraction", "0.01", "--seed", "1", *extra, "-o", path], check=True)
            k = max(10, n // 1000)
            span = 2 * n // 5  # the raw and material stages
            ids_file = os.path.join(tmp, f"disrupt{n}.txt")
            with open(ids_file, "w") as f:
                for i in range(k):
                    f.write("n%d\n" % (i * span // k))
            psamples = a.peer_samples or max(5, min(200, 2_000_000 // n))
            thr = ["--threads", str(a.threads)] if a.threads else []

            # (name, label, graph, cg measure, cg timed key, peer analysis, peer args, compare)
            plan = [
                ("load", "load TSV (OR-only)", or_g, [], "load_s", "load", []),
                ("producible", "producible (OR-only)", or_g, ["producible"], "producible_s", "producible", []),
                ("crit-or", "criticality, OR-only", or_g, ["criticality"], "criticality_s", "criticality", []),
                ("crit-mixed", "criticality, AND/OR", mx_g, ["criticality"], "criticality_s", "resim", []),
                ("disrupt", "disrupt %d nodes, AND/OR" % k, mx_g, ["disrupt:@" + ids_file], "disrupt_s",
                 "disrupt", ["--nodes", ids_file]),
                ("risk", "risk MC per sample, AND/OR", mx_g, ["risk:%d" % a.risk_samples], "risk_s", "risk",
                 ["--samples", str(psamples)]),
                ("complement", "complement %d cities, uniform" % regions, mx_g, ["complement:city:uniform"],
                 "complement_s", "complement", []),
                ("complement-crit", "complement %d cities, crit.-weighted" % regions, mx_g, ["complement:city"],
                 "complement_s", "complement", []),
                ("betweenness", "betweenness (OR-only)", or_g, ["betweenness"], "betweenness_s", "betweenness", []),
            ]
            peer_crit = {}  # the peers' own re-simulated criticality, for complement-crit
            for name, label, graph, measure, key, panalysis, pargs in plan:
                if not want(name):
                    continue
                if name == "betweenness" and n > a.betweenness_max:
                    continue
                bt_projected = name == "betweenness" and n > a.betweenness_exact_max
                dump = os.path.join(tmp, f"cg-{name}-{n}")
                keys = [key, "load_s"] + (["risk_criticality_s"] if name == "risk" else [])
                c = median_run([bench, *thr, "--dump", dump, graph, *measure],
                               1 if bt_projected else a.repeat, a.timeout * 2, keys)
                if c.get("error") or c.get("timeout"):
                    print(f"# chaingraph {name} failed at {n}: {c}", file=sys.stderr)
                row = {"nodes": n, "analysis": name, "label": label, "chaingraph": c.get(key, "error"),
                       "chaingraph_mb": c.get("peak_rss_mb"), "notes": "",
                       "contention": [c.get("contention")]}
                if name == "risk" and isinstance(c.get(key), (int, float)):
                    row["chaingraph"] = (c["risk_s"] - c["risk_criticality_s"]) / c["risk_samples"]
                    row["notes"] = "cg %d samples, peers %d" % (c["risk_samples"], psamples)
                if name == "crit-or" or name == "crit-mixed":
                    row["notes"] = c.get("method", "")
                raw.append({"nodes": n, "analysis": name, "tool": "chaingraph", **c})
                for peer in peers:
                    pd = os.path.join(tmp, f"{peer}-{name}-{n}")
                    args = list(pargs)
                    projected = (name == "crit-mixed" and n > a.resim_max) or bt_projected
                    if bt_projected:
                        args += ["--bt-sources", str(a.bt_sources)]
                    elif projected:
                        if a.resim_sample < 0:
                            row[peer], row[peer + "_mb"], row[peer + "_agree"] = "skipped", None, "-"
                            continue
                        args += ["--resim-sample", str(a.resim_sample or max(10, 20_000_000 // n))]
                    if name == "risk":
                        args += ["--prob", dump + ".probability"]
                    if name == "complement-crit":
                        if peer not in peer_crit:
                            row[peer], row[peer + "_mb"], row[peer + "_agree"] = "skipped", None, "-"
                            row["notes"] = "peers need their full re-simulated criticality"
                            continue
                        args += ["--crit", peer_crit[peer][0]]
                    r = run([py, peer_py, peer, graph, panalysis, "--dump", pd, *args], a.timeout)
                    raw.append({"nodes": n, "analysis": name, "tool": peer, **r})
                    row["contention"].append(r.get("contention"))
                    if r.get("timeout"):
                        row[peer], row[peer + "_mb"], row[peer + "_agree"] = "timeout", None, "-"
                        continue
                    if r.get("error"):
                        print(f"# {peer} {name} failed at {n}: {r['error']}", file=sys.stderr)
                        row[peer], row[peer + "_mb"], row[peer + "_agree"] = "error", None, "-"
                        continue
                    t = r.get(key, "-")
                    if name == "risk" and "risk_per_sample_s" in r:
                        t = r["risk_per_sample_s"]
                    if name == "crit-mixed" and isinstance(t, (int, float)) and not projected:
                        peer_crit[peer] = (pd + ".criticality", t)
                    if projected and isinstance(t, (int, float)):
                        t = Projected(t)
                        if bt_projected:
                            row["notes"] = "chaingraph once; peers projected from %d of the sources" % r.get(
                                "projected_from", 0)
                        else:
                            row["notes"] = "%s; peers projected from %d nodes" % (c.get("method", ""),
                                                                                r.get("projected_from", 0))
                    if name == "complement-crit" and isinstance(t, (int, float)):
                        t += peer_crit[peer][1]
                    row[peer] = t
                    row[peer + "_mb"] = r.get("peak_rss_mb")
                    if name == "load":
                        ag = "-"
                    elif name == "producible":
                        ag = "yes" if c.get("producible") == r.get("producible") else \
                            "NO (%s vs %s)" % (c.get("producible"), r.get("producible"))
                    elif name in ("crit-or", "crit-mixed"):
                        ag = agree_values(dump + ".criticality", pd + ".criticality", subset=projected)
                    elif name == "disrupt":
                        try:
                            sa, sb = read_lines(dump + ".disrupt"), read_lines(pd + ".disrupt")
                            ag = "yes (%d lost)" % len(sa) if sa == sb else "NO (%d vs %d lost)" % (len(sa), len(sb))
                        except OSError as e:
                            ag = "NO (%s)" % e
                    elif name == "risk":
                        ag = agree_risk(c, r) if "expected_loss" in c else "-"
                    elif name.startswith("complement"):
                        ag = agree_complement(c, r) if "complement_sum" in c else "-"
                    elif bt_projected:
                        ag = "- (projected)" if r.get(key) != "n/a" else "-"
                    else:
                        ag = agree_top(c, r, "betweenness") if r.get(key) != "n/a" else "-"
                    row[peer + "_agree"] = ag
                rows.append(row)
                print("# %d %s: cg %s, %s" % (n, name, fmt_s(row["chaingraph"]),
                      ", ".join("%s %s" % (p, fmt_s(row.get(p))) for p in peers)), file=sys.stderr)
            print(f"# {n} nodes done ({time.time() - started:.0f} s so far)", file=sys.stderr)
    finally:
        if tmpctx:
            tmpctx.cleanup()
    load = " ".join("%.2f" % x for x in os.getloadavg())
    print("# load average at end: %s; %.0f s in all" % (load, time.time() - started), file=sys.stderr)
    head = "| nodes | analysis | chaingraph s |"
    rule = "|---:|---|---:|"
    for p in peers:
        head += " %s s | %s/cg | agrees |" % (p, p)
        rule += "---:|---:|---|"
    head += " peak MB cg / %s | contention | notes |" % " / ".join(peers)
    rule += "---|---:|---|"
    lines = [head, rule]
    for r in rows:
        cells = "| %d | %s | %s |" % (r["nodes"], r["label"], fmt_s(r["chaingraph"]))
        for p in peers:
            cells += " %s | %s | %s |" % (fmt_s(r.get(p, "-")), ratio(r.get(p), r["chaingraph"]),
                                          r.get(p + "_agree", "-"))
        mbs = [r.get("chaingraph_mb")] + [r.get(p + "_mb") for p in peers]
        cs = [x for x in r["contention"] if x is not None]
        cells += " %s | %s | %s |" % (" / ".join("%.0f" % m if isinstance(m, (int, float)) else "-" for m in mbs),
                                      "%.0f%%" % (100 * max(cs)) if cs else "?", r["notes"])
        lines.append(cells)
    table = "\n".join(lines)
    uname = platform.uname()
    cpu = ""
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next((l.split(":", 1)[1].strip() for l in f if l.startswith("model name")), "")
    except OSError:
        pass
    print("%s, %d cores, %s %s; chaingraph median of %d, peers once; threads %s" % (
        cpu, os.cpu_count(), uname.system, uname.release, a.repeat, a.threads or "one per core"))
    print(table)
    if a.out:
        with open(a.out, "w") as f:
            f.write(table + "\n")
    if a.json:
        with open(a.json, "w") as f:
            json.dump({"rows": rows, "raw": raw}, f, indent=1, ensure_ascii=False)


if __name__ == "__main__":
    main()
