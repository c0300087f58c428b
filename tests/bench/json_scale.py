#!/usr/bin/python3
"""Benchmarks (not tests) of the machine interfaces at scale (issue 15):

    /usr/bin/python3 tests/bench/json_scale.py --build build [--load-nodes 200000]
        [--cli-nodes 1000000] [--repeat 3] [--timeout 600] [--only load,cli]

load: generates a graph of N nodes and 5N edges (seed 1, N/333 cities) with `chaingraph
    generate`, exports it as node-link JSON, then times, each in its own process, the
    library's load of the JSON (tests/bench/cg-bench FILE: cg_graph_load() alone), the same
    load of the TSV tables, and Python's json.load() of the same JSON file (only parsing,
    no graph). Prints the wall time, the CPU time (user + system, which other work on a
    shared machine disturbs less) and the peak resident memory of each, the median of
    --repeat runs, and the ratios json.load ÷ our JSON load (above 1: we are faster) and
    our JSON ÷ our TSV memory.

cli: generates a graph of N nodes (5N edges, N/333 cities) and runs `chaingraph CMD`
    with and without --json for bottlenecks --top 3, risk --top 3 --samples 1000 and
    complement --top 3 (report has no --json), once each, output to /dev/null,
    and prints the times and the ratio --json ÷ text (the target: at most 2).

Every figure is measured in this run; nothing is compared with stored numbers."""
import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time


def run(cmd, timeout):
    """Runs @cmd; returns (wall s, cpu s, peak RSS MB, exit code), or None on a timeout."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = t0 + timeout
    while True:
        pid, status, ru = os.wait4(p.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            p.kill()
            os.wait4(p.pid, 0)
            return None
        time.sleep(0.01)
    wall = time.perf_counter() - t0
    err = p.stderr.read().decode(errors="replace")
    p.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        sys.exit("failed (%d): %s\n%s" % (code, " ".join(cmd), err))
    return wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024.0, code


def median_of(cmd, repeat, timeout):
    runs = [run(cmd, timeout) for _ in range(repeat)]
    if any(r is None for r in runs):
        return None
    return tuple(statistics.median(r[k] for r in runs) for k in range(3))


def generate(cg, nodes, out, tmp):
    prefix = os.path.join(tmp, "g%d.tsv" % nodes)
    subprocess.run([cg, "generate", "--nodes", str(nodes), "--edges", str(5 * nodes),
                    "--regions", str(max(30, nodes // 333)), "--seed", "1", "-o", prefix],
                   check=True, stdout=subprocess.DEVNULL)
    out.write("generated: chaingraph generate --nodes %d --edges %d --regions %d --seed 1\n"
              % (nodes, 5 * nodes, max(30, nodes // 333)))
    return prefix


def bench_load(a, cg, tmp, out):
    tsv = generate(cg, a.load_nodes, out, tmp)
    js = tsv[:-4] + ".json"
    subprocess.run([cg, "export", "-o", js, tsv], check=True)
    out.write("JSON file: %.1f MB\n\n" % (os.path.getsize(js) / 1e6))
    bench = os.path.join(a.build, "tests", "cg-bench")
    rows = [
        ("chaingraph load JSON (yajl, streamed)", [bench, js]),
        ("chaingraph load TSV", [bench, tsv]),
        ("Python json.load (parse only)",
         ["/usr/bin/python3", "-c", "import json, sys; json.load(open(sys.argv[1], 'rb'))", js]),
    ]
    res = {}
    out.write("| what | wall s | cpu s | peak RSS MB |\n|---|---:|---:|---:|\n")
    for name, cmd in rows:
        r = median_of(cmd, a.repeat, a.timeout)
        res[name] = r
        out.write("| %s | %s |\n" % (name, " | ".join("%.2f" % x for x in r) if r else "timeout | | "))
        out.flush()
    j, t, p = (res[n] for n, _ in rows)
    if j and t and p:
        out.write("\njson.load ÷ our JSON load: wall %.2f×, cpu %.2f× (above 1: ours is faster)\n"
                  % (p[0] / j[0], p[1] / j[1]))
        out.write("our JSON ÷ our TSV load: wall %.2f×, peak memory %.2f× (target ≤ 2)\n"
                  % (j[0] / t[0], j[2] / t[2]))


def bench_cli(a, cg, tmp, out):
    g = generate(cg, a.cli_nodes, out, tmp)
    cmds = [
        ("bottlenecks", ["bottlenecks", "--top", "3"]),
        ("risk", ["risk", "--top", "3", "--samples", "1000"]),
        ("complement", ["complement", "--top", "3"]),
    ]  # report has no --json
    out.write("\n| command (%d nodes) | text s | --json s | --json ÷ text | text MB | --json MB |\n"
              "|---|---:|---:|---:|---:|---:|\n" % a.cli_nodes)
    for name, args in cmds:
        t = run([cg] + args + [g], a.timeout)
        j = run([cg] + args + ["--json", g], a.timeout)
        fmt = lambda r, k: "%.1f" % r[k] if r else "timeout"
        ratio = "%.2f" % (j[0] / t[0]) if t and j else "–"
        out.write("| %s | %s | %s | %s | %s | %s |\n" % (" ".join([name] + args[1:]), fmt(t, 0),
                  fmt(j, 0), ratio, fmt(t, 2), fmt(j, 2)))
        out.flush()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--build", default="build")
    ap.add_argument("--load-nodes", type=int, default=200000)
    ap.add_argument("--cli-nodes", type=int, default=1000000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--timeout", type=float, default=600)
    ap.add_argument("--only", default="load,cli")
    a = ap.parse_args()
    cg = os.path.join(a.build, "examples", "chaingraph")
    with tempfile.TemporaryDirectory() as tmp:
        if "load" in a.only:
            bench_load(a, cg, tmp, sys.stdout)
        if "cli" in a.only:
            bench_cli(a, cg, tmp, sys.stdout)


if __name__ == "__main__":
    main()
