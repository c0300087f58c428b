#!/usr/bin/python3
"""The speed targets of issues 4, 5, 6 and 7, each measured --repeat times (median).

    /usr/bin/python3 tests/bench/targets.py --build build [--repeat 3] [--workdir DIR]
        [--only T1,T2,…] [--out targets.md] [--json targets.json]

Generates the graphs (seed 1, 5 edges per node, 1% recycling edges) and runs, for each
target, chaingraph's own command line end to end (loading included) and/or cg-bench (the
C call alone, loading timed apart), printing every run, the median, the peak resident
memory of the process (wait4's ru_maxrss), the CPU time (user + system, all threads: on a
shared machine it shows what the work cost when other load stretches the wall time) and
whether the target holds (judged on the median wall time). Before each run it waits until
no other work competes for the CPUs (quiet.py) and reports the contention during each run:
the share of its wall time in which some task waited for a CPU. chaingraph and
cg-bench must come from the same --build. Not part of `meson test`."""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time

from quiet import Contention, wait_quiet

def timed_rss(cmd, timeout=3600):
    """Wall time, peak RSS (MB), output and CPU time (user + system) of one process, via
    os.wait4."""
    t = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    out = b""
    deadline = t + timeout
    # read stdout while waiting (outputs are small: tables or one JSON line)
    while True:
        chunk = p.stdout.read(65536)
        if not chunk:
            break
        out += chunk
        if time.perf_counter() > deadline:
            p.kill()
            break
    _, status, ru = os.wait4(p.pid, 0)
    p.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - t
    if p.returncode != 0:
        return None, None, "error (exit %d)" % p.returncode, None
    return wall, ru.ru_maxrss / 1024.0, out.decode("utf-8", "replace"), ru.ru_utime + ru.ru_stime


def estimate_check(est_path, exact_path):
    """How the sampled estimate compares with the exact values: the largest error, and the
    share of nodes whose exact value lies in their 95% interval."""
    if not (os.path.exists(est_path) and os.path.exists(exact_path)):
        return None
    exact = {}
    with open(exact_path) as f:
        for line in f:
            k, v = line.split("\t")
            exact[k] = float(v)
    n = inside = 0
    worst, worst_id, half = 0.0, None, 0.0
    with open(est_path) as f:
        for line in f:
            k, v, lo, hi = line.split("\t")
            v, lo, hi = float(v), float(lo), float(hi)
            e = exact[k]
            n += 1
            inside += lo - 1e-12 <= e <= hi + 1e-12
            half = max(half, (hi - lo) / 2)
            if abs(v - e) > worst:
                worst, worst_id = abs(v - e), k
    return {"nodes": n, "inside_ci": inside, "share_inside": inside / n if n else 0,
            "max_abs_error": worst, "at": worst_id, "max_halfwidth": half}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", default="build")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--workdir", default="/tmp/cg-targets")
    ap.add_argument("--only", help="comma-separated target ids")
    ap.add_argument("--quiet", type=float, default=5.0,
                    help="before each run, wait until CPU pressure (PSI some avg10) is at most this %%")
    ap.add_argument("--quiet-wait", type=float, default=600.0, help="but wait at most this many seconds")
    ap.add_argument("--out")
    ap.add_argument("--json")
    a = ap.parse_args()
    cli = os.path.abspath(os.path.join(a.build, "examples", "chaingraph"))
    bench = os.path.abspath(os.path.join(a.build, "tests", "cg-bench"))
    for f in (cli, bench):
        if not os.path.exists(f):
            sys.exit(f"{f} is missing: build first")
    os.makedirs(a.workdir, exist_ok=True)
    W = a.workdir

    graphs = {
        "or1m": (1_000_000, ["--or-fraction", "1"]),
        "mx100k": (100_000, ["--or-fraction", "0.5", "--regions", "300"]),
        "and20-100k": (100_000, ["--or-fraction", "0.2", "--regions", "300"]),
        "and0-100k": (100_000, ["--or-fraction", "0", "--regions", "300"]),
        "and20-1m": (1_000_000, ["--or-fraction", "0.2", "--regions", "3000"]),
        "and0-1m": (1_000_000, ["--or-fraction", "0", "--regions", "3000"]),
        "mx1m": (1_000_000, ["--or-fraction", "0.5", "--regions", "3000"]),
    }
    gen_cmds = {}

    def graph(name):
        n, extra = graphs[name]
        path = os.path.join(W, name + ".tsv")
        cmd = [cli, "generate", "--nodes", str(n), "--edges", str(5 * n), "--cycle-fraction", "0.01",
               "--seed", "1", *extra, "-o", path]
        gen_cmds[name] = "chaingraph " + " ".join(cmd[1:]).replace(W + "/", "/tmp/")
        if not os.path.exists(os.path.join(W, name + ".nodes.tsv")):
            subprocess.run(cmd, check=True)
        return path

    # (id, what, target text, limit s, limit MB, kind, argv builder, key)
    #   kind "cli": wall time of the command; "bench": cg-bench's own figure for key
    T = [
        ("T1a", "OR-only 1M/5M: criticality of every node (C call)", "≤ 5 s, ≤ 2 GiB", 5, 2048,
         "bench", lambda: [bench, graph("or1m"), "criticality"], "criticality_s"),
        ("T1b", "OR-only 1M/5M: `bottlenecks` end to end (load + criticality + top 10 with why)",
         "≤ 5 s, ≤ 2 GiB (issue 7: end to end)", 5, 2048,
         "cli", lambda: [cli, "bottlenecks", "--no-betweenness", "--top", "10", graph("or1m")], None),
        ("T2a", "AND/OR (or-fraction 0.5) 100k/500k: exact criticality (C call)", "≤ 60 s", 60, None,
         "bench", lambda: [bench, graph("mx100k"), "criticality"], "criticality_s"),
        ("T2b", "AND/OR (or-fraction 0.5) 100k/500k: `bottlenecks --exact` end to end", "≤ 60 s", 60, None,
         "cli", lambda: [cli, "bottlenecks", "--exact", "--no-betweenness", graph("mx100k")], None),
        ("T2c", "AND-heavy (or-fraction 0.2) 100k/500k: exact criticality (C call)", "≤ 60 s", 60, None,
         "bench", lambda: [bench, graph("and20-100k"), "criticality"], "criticality_s"),
        ("T2d", "AND-only (or-fraction 0) 100k/500k: exact criticality (C call)", "≤ 60 s", 60, None,
         "bench", lambda: [bench, graph("and0-100k"), "criticality"], "criticality_s"),
        ("T3a", "AND-heavy (or-fraction 0.2) 1M/5M: criticality estimate, 2000 applications (C call)",
         "an estimate with a stated bound", None, None,
         "bench", lambda: [bench, "--dump", os.path.join(W, "and20-1m"), graph("and20-1m"), "estimate:2000"],
         "estimate_s"),
        ("T3b", "AND-heavy 1M/5M: `bottlenecks` end to end (auto: pilot, then estimate or exact)",
         "an estimate with a stated bound", None, None,
         "cli", lambda: [cli, "bottlenecks", "--no-betweenness", graph("and20-1m")], None),
        ("T3c", "AND-heavy (or-fraction 0.2) 1M/5M: exact criticality (C call), to check the estimate against",
         "(no target)", None, None,
         "bench", lambda: [bench, "--dump", os.path.join(W, "and20-1m-exact"), graph("and20-1m"), "criticality"],
         "criticality_s"),
        ("T3d", "AND-only (or-fraction 0) 1M/5M: criticality estimate, 2000 applications (C call)",
         "an estimate with a stated bound", None, None,
         "bench", lambda: [bench, "--dump", os.path.join(W, "and0-1m"), graph("and0-1m"), "estimate:2000"],
         "estimate_s"),
        ("T3e", "AND-only 1M/5M: `bottlenecks` end to end (auto: pilot, then estimate or exact)",
         "an estimate with a stated bound", None, None,
         "cli", lambda: [cli, "bottlenecks", "--no-betweenness", graph("and0-1m")], None),
        ("T4a", "AND/OR 100k/500k: 10,000 Monte Carlo samples, 1 thread (cg_risk, incl. its criticality)",
         "≤ 30 s", 30, None,
         "bench", lambda: [bench, "--threads", "1", graph("mx100k"), "risk:10000"], "risk_s"),
        ("T4b", "AND/OR 100k/500k: 10,000 Monte Carlo samples, 2 threads (cg_risk, incl. its criticality)",
         "≤ 30 s", 30, None,
         "bench", lambda: [bench, "--threads", "2", graph("mx100k"), "risk:10000"], "risk_s"),
        ("T4c", "AND/OR 100k/500k: `risk --samples 10000 --threads 1` end to end (with where to invest)",
         "≤ 30 s", 30, None,
         "cli", lambda: [cli, "risk", "--samples", "10000", "--threads", "1", graph("mx100k")], None),
        ("T4d", "AND/OR 100k/500k: `risk --samples 10000 --threads 2` end to end (with where to invest)",
         "≤ 30 s", 30, None,
         "cli", lambda: [cli, "risk", "--samples", "10000", "--threads", "2", graph("mx100k")], None),
        ("T5a", "3,000 cities over 1M/5M: every ordered pair (C call, criticality-weighted)", "≤ 30 s", 30, None,
         "bench", lambda: [bench, graph("mx1m"), "complement:city"], "complement_s"),
        ("T5b", "3,000 cities over 1M/5M: `complement --level city --top 3` end to end", "≤ 30 s", 30, None,
         "cli", lambda: [cli, "complement", "--level", "city", "--top", "3", graph("mx1m")], None),
        ("T6a", "TSV load, OR-only 1M/5M (no regions)", "≤ 3 s, ≤ 1.5 GiB", 3, 1536,
         "bench", lambda: [bench, graph("or1m")], "load_s"),
        ("T6b", "TSV load, AND/OR 1M/5M with 3,000 cities (2M capability claims)", "≤ 3 s, ≤ 1.5 GiB", 3, 1536,
         "bench", lambda: [bench, graph("mx1m")], "load_s"),
        ("T6c", "TSV export of the 1M/5M graph with cities (C call, load excluded)", "-", None, None,
         "bench", lambda: [bench, graph("mx1m"), "save:" + os.path.join(W, "export.tsv")], "save_s"),
        ("T6d", "`export -o x.tsv` of the 1M/5M graph with cities end to end (load + write)", "-", None, None,
         "cli", lambda: [cli, "export", "-o", os.path.join(W, "export2.tsv"), graph("mx1m")], None),
        ("T7", "AND/OR 1M/5M, 3,000 cities: 10,000 Monte Carlo samples, 2 threads (cg_risk)", "(no target)",
         None, None, "bench", lambda: [bench, graph("mx1m"), "risk:10000"], "risk_s"),
        ("T8", "AND/OR (or-fraction 0.5) 1M/5M: exact criticality (C call)", "(no target)", None, None,
         "bench", lambda: [bench, graph("mx1m"), "criticality"], "criticality_s"),
    ]
    only = set(a.only.split(",")) if a.only else None
    results = []
    print("# load average at start: %s" % " ".join("%.2f" % x for x in os.getloadavg()), file=sys.stderr)
    for tid, what, target, lim_s, lim_mb, kind, argv, key in T:
        if only and tid not in only:
            continue
        cmd = argv()
        runs, peaks, cpus, extra = [], [], [], {}
        conts = []
        for _ in range(a.repeat if not target.startswith("(no target)") else 1):
            wait_quiet(a.quiet, a.quiet_wait)
            with Contention() as ct:
                wall, rss, out, cpu = timed_rss(cmd)
            conts.append(ct.share)
            if wall is None:
                runs.append(None)
                extra["error"] = out
                break
            if kind == "bench":
                d = json.loads(out)
                runs.append(d.get(key))
                cpus.append(d.get(key[:-2] + "_cpu_s"))
                peaks.append(d.get("peak_rss_mb"))
                extra.update({k: d[k] for k in ("load_s", "method", "estimate_max_halfwidth", "risk_criticality_s",
                                                 "expected_loss", "ci95", "complement_pairs", "complement_regions",
                                                 "risk_method") if k in d})
                extra.setdefault("load_runs", []).append(d.get("load_s"))
                extra.setdefault("wall_runs", []).append(round(wall, 3))
            else:
                runs.append(wall)
                cpus.append(cpu)
                peaks.append(rss)
                extra["says"] = out.splitlines()[0] if out else ""
            print("# %s run: %s s (cpu %s s), %s MB, load %.2f, contention %s" % (
                tid, runs[-1], cpus[-1] if cpus else None, peaks[-1] if peaks else None, os.getloadavg()[0],
                "%.0f%%" % (100 * conts[-1]) if conts[-1] is not None else "?"), file=sys.stderr)
        ok_runs = [r for r in runs if isinstance(r, (int, float))]
        med = statistics.median(ok_runs) if ok_runs else None
        ok_cpus = [c for c in cpus if isinstance(c, (int, float))]
        cpu_med = statistics.median(ok_cpus) if ok_cpus else None
        peak = max(p for p in peaks if p is not None) if peaks else None
        verdict = "-"
        if med is not None and (lim_s or lim_mb):
            good = (lim_s is None or med <= lim_s) and (lim_mb is None or (peak or 0) <= lim_mb)
            verdict = "met" if good else "MISSED"
        shown = " ".join(cmd).replace(W + "/", "/tmp/").replace(cli, "chaingraph").replace(bench, "build/tests/cg-bench")
        results.append({"id": tid, "what": what, "target": target, "command": shown, "runs": runs,
                        "median_s": med, "contention": conts, "cpu_runs": cpus, "cpu_median_s": cpu_med, "peak_mb": peak, "verdict": verdict, **extra})
        print("# %s: median %s s, peak %s MB: %s" % (tid, med, peak, verdict), file=sys.stderr)
    check = estimate_check(os.path.join(W, "and20-1m.estimate"), os.path.join(W, "and20-1m-exact.criticality"))
    if check:
        print("# estimate vs exact on and20-1m: %s" % check, file=sys.stderr)
    print("# load average at end: %s" % " ".join("%.2f" % x for x in os.getloadavg()), file=sys.stderr)
    lines = ["| id | what | command | runs s | median s | CPU s (median) | peak MB | contention | target | verdict |",
             "|---|---|---|---|---:|---:|---:|---|---|---|"]
    for r in results:
        cs = [c for c in r["contention"] if c is not None]
        lines.append("| %s | %s | `%s` | %s | %s | %s | %s | %s | %s | %s |" % (
            r["id"], r["what"], r["command"],
            " / ".join("%.2f" % x if isinstance(x, (int, float)) else str(x) for x in r["runs"]),
            "%.2f" % r["median_s"] if r["median_s"] is not None else r.get("error", "-"),
            "%.2f" % r["cpu_median_s"] if r["cpu_median_s"] is not None else "-",
            "%.0f" % r["peak_mb"] if r["peak_mb"] else "-",
            "≤ %.0f%%" % (100 * max(cs)) if cs else "?", r["target"], r["verdict"]))
    print("Graphs:")
    for k, c in gen_cmds.items():
        print("  %s: %s" % (k, c))
    print("\n".join(lines))
    if a.out:
        with open(a.out, "w") as f:
            f.write("\n".join(lines) + "\n")
    if a.json:
        with open(a.json, "w") as f:
            json.dump({"graphs": gen_cmds, "results": results, "estimate_check": check}, f, indent=1, ensure_ascii=False)


if __name__ == "__main__":
    main()
