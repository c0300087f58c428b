#!/usr/bin/python3
"""Benchmark (not a test) of the report at scale (issue 17):

    /usr/bin/python3 tests/bench/report_scale.py --build build [--nodes 1000000]
        [--regions 3000] [--repeat 1] [--timeout 900] [--quiet-pct 5]

Generates a graph with `chaingraph generate --nodes N --regions R` (5N edges, seed 1), then
times, each in its own process and after waiting for the machine to be quiet:

  load       `chaingraph info`: reading the TSV tables (the reference of this run)
  report     `chaingraph report` (the terminal text)
  html       `chaingraph report --html PAGE` (the text and the page)

and prints the wall time, the CPU time (user + system), the peak resident memory, the share
of the wall time in which another task waited for a CPU (contention: 0% = the machine was
ours), the ratio to the load of the same run, and the issue's targets (report ≤ 15 s, html ≤
30 s and ≤ 2 GB on a 2-core machine, for the default 1M nodes and 3,000 cities) with whether
this run met them. The page's size is
printed too. Every figure is measured in this run."""
import argparse
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from json_scale import median_of  # noqa: E402
from quiet import Contention, wait_quiet  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", default="build")
    ap.add_argument("--nodes", type=int, default=1000000)
    ap.add_argument("--regions", type=int, default=3000)
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--timeout", type=float, default=900)
    ap.add_argument("--quiet-pct", type=float, default=5.0,
                    help="wait before each run until CPU pressure is at most this (%%)")
    a = ap.parse_args()
    cg = os.path.join(a.build, "examples", "chaingraph")
    if not os.access(cg, os.X_OK):
        sys.exit("no %s: build first (meson compile -C %s)" % (cg, a.build))
    with tempfile.TemporaryDirectory(prefix="cg-report-bench-") as tmp:
        prefix = os.path.join(tmp, "g.tsv")
        subprocess.run([cg, "generate", "--nodes", str(a.nodes), "--edges", str(5 * a.nodes),
                        "--regions", str(a.regions), "--seed", "1", "-o", prefix],
                       check=True, stdout=subprocess.DEVNULL)
        print("graph: chaingraph generate --nodes %d --edges %d --regions %d --seed 1"
              % (a.nodes, 5 * a.nodes, a.regions))
        page = os.path.join(tmp, "report.html")
        rows = [("load", [cg, "info", prefix], None, None),
                ("report", [cg, "report", prefix], 15.0, None),
                ("html", [cg, "report", "--html", page, prefix], 30.0, 2048.0)]
        print("%-8s %9s %9s %9s %11s %8s  %s" % ("run", "wall s", "cpu s", "peak MB", "contention",
                                               "÷ load", "target"))
        ref = None
        for name, cmd, t_max, mb_max in rows:
            wait_quiet(a.quiet_pct)
            with Contention() as c:
                r = median_of(cmd, a.repeat, a.timeout)
            if r is None:
                print("%-8s timeout after %.0f s" % (name, a.timeout))
                continue
            wall, cpu, mb = r
            ref = ref or wall
            verdict = ""
            if t_max and a.nodes == 1000000 and a.regions == 3000:  # the graph
                ok = wall <= t_max and (mb_max is None or mb <= mb_max)
                verdict = "≤ %.0f s%s: %s" % (t_max, " and ≤ %.0f MB" % mb_max if mb_max else "",
                                             "met" if ok else "NOT met")
            print("%-8s %9.2f %9.2f %9.0f %10s %8.2f  %s" % (
                name, wall, cpu, mb, "%.0f%%" % (100 * c.share) if c.share is not None else "n/a",
                wall / ref, verdict))
        if os.path.exists(page):
            print("page: %d bytes" % os.path.getsize(page))


if __name__ == "__main__":
    main()
