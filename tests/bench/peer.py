#!/usr/bin/python3
"""The peers of cg-bench: the same computations with networkx or python-igraph.

    peer.py networkx|igraph PREFIX.tsv ANALYSIS [--dump PREFIX] [options]

ANALYSIS is one of
  load          read the TSV tables into the library's graph (each edge carries its input
                group as an attribute) and stop
  producible    what a virtual root over the nodes without inputs reaches (OR-only graphs:
                the least fixed point is plain reachability, a library call)
  criticality   OR-only graphs: the application weight in each node's dominator subtree
                (the library's dominator tree from a virtual root over the sources)
  resim         mixed AND/OR graphs, no built-in: per node x, the least fixed point again
                without x, restricted to x's descendants (the library computes them; only
                they can be lost), in plain Python; with --resim-sample K only K evenly spaced
                nodes, and the time projected to all nodes (labelled "projected_from")
  disrupt       the least fixed point (plain Python over the library's adjacency) with the
                nodes of --nodes FILE removed; the lost nodes
  risk          Monte Carlo over independent node failures with the per-node probabilities
                of --prob FILE (dumped by cg-bench), --samples N, --seed S: expected lost
                application weight with a 95% interval; pure Python (no numpy)
  complement    every ordered pair of regions at --level (city) with the score, overlap,
                trade-complementarity index and linking edges of docs/complementarity.md;
                gaps weigh 1 (uniform) or, with --crit FILE, 0.01 + max(crit(u), crit(v)…)
  betweenness   raw-material → application subset betweenness; with --bt-sources K only K
                evenly spaced sources, and the time projected to all of them

Prints the same JSON keys as cg-bench (the analysis time excludes loading, as there) so
run.py can compare answers and times; --dump writes the full answer as cg-bench does."""
import argparse
import heapq
import json
import math
import random
import resource
import sys
import time


def read_tsv(prefix, with_regions=False):
    """nodes (ids), stage and weight per node, edges (source, target, group label)."""
    nodes, stage, weight = [], [], []
    with open(prefix + ".nodes.tsv", encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        ci = header.index("id")
        cs = header.index("stage") if "stage" in header else None
        cw = header.index("weight") if "weight" in header else None
        for line in f:
            p = line.rstrip("\n").split("\t")
            nodes.append(p[ci])
            stage.append(p[cs] if cs is not None and cs < len(p) else "")
            weight.append(float(p[cw]) if cw is not None and cw < len(p) and p[cw] else 1.0)
    edges = []
    with open(prefix + ".edges.tsv", encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        s, t = header.index("source"), header.index("target")
        gc = header.index("group") if "group" in header else None
        for line in f:
            p = line.rstrip("\n").split("\t")
            edges.append((p[s], p[t], p[gc] if gc is not None and gc < len(p) else ""))
    regions = None
    if with_regions:
        regions = {"level": {}, "parent": {}, "claims": []}
        try:
            with open(prefix + ".regions.tsv", encoding="utf-8") as f:
                header = f.readline().rstrip("\n").split("\t")
                cn = header.index("name")
                cl = header.index("level") if "level" in header else None
                cp = header.index("parent") if "parent" in header else None
                for line in f:
                    p = line.rstrip("\n").split("\t")
                    regions["level"][p[cn]] = p[cl] if cl is not None else ""
                    if cp is not None and cp < len(p) and p[cp]:
                        regions["parent"][p[cn]] = p[cp]
            with open(prefix + ".capabilities.tsv", encoding="utf-8") as f:
                header = f.readline().rstrip("\n").split("\t")
                cr, cv = header.index("region"), header.index("node")
                for line in f:
                    p = line.rstrip("\n").split("\t")
                    regions["claims"].append((p[cr], p[cv]))
        except FileNotFoundError:
            pass
    return nodes, stage, weight, edges, regions


def top(values, ids, k=10):
    order = sorted(range(len(ids)), key=lambda i: (-values[i], ids[i]))[:k]
    return [[ids[i], values[i]] for i in order]


class Graph:
    """The library's graph plus what every analysis needs: applications, sources, groups."""

    def __init__(self, lib, prefix, with_regions=False):
        self.lib = lib
        nodes, stage, weight, edges, self.regions = read_tsv(prefix, with_regions)
        self.ids = nodes
        index = {v: i for i, v in enumerate(nodes)}
        n = self.n = len(nodes)
        # input groups: (target, label) is one group; no label is a group of its own
        gid, src, dst, grp = {}, [], [], []
        ngroups = [0] * n
        ng = 0
        for a, b, label in edges:
            u, v = index[a], index[b]
            g = gid.get((v, label)) if label else None
            if g is None:
                g = ng
                ng += 1
                ngroups[v] += 1
                if label:
                    gid[(v, label)] = g
            src.append(u)
            dst.append(v)
            grp.append(g)
        self.n_groups_total = ng
        self.ngroups = ngroups
        self.m = len(src)
        if lib == "networkx":
            import networkx as nx
            G = nx.DiGraph()
            G.add_nodes_from(range(n))
            G.add_edges_from((u, v, {"g": g}) for u, v, g in zip(src, dst, grp))
        else:
            import igraph as ig
            G = ig.Graph(n=n, edges=list(zip(src, dst)), directed=True)
            G.es["g"] = grp
        self.G = G
        apps = [i for i in range(n) if stage[i] == "application"]
        if not apps:  # sinks, as chaingraph does when no node is marked
            outdeg = [0] * n
            for u in src:
                outdeg[u] += 1
            apps = [i for i in range(n) if outdeg[i] == 0]
        self.apps = apps
        self.appw = [0.0] * n
        for a in apps:
            self.appw[a] = weight[a]
        self.total = sum(self.appw)
        self.sources = [i for i in range(n) if ngroups[i] == 0]

    # ---- adjacency with groups, as each library gives it --------------------------------
    def out_lists(self):
        """per node, [(target, group)…]"""
        if self.lib == "networkx":
            succ = self.G.succ
            return [[(v, d["g"]) for v, d in succ[u].items()] for u in range(self.n)]
        G = self.G
        tgt = [e[1] for e in G.get_edgelist()]
        grp = G.es["g"]
        return [[(tgt[e], grp[e]) for e in inc] for inc in G.get_inclist(mode="out")]

    def in_lists(self):
        if self.lib == "networkx":
            pred = self.G.pred
            return [[(u, d["g"]) for u, d in pred[v].items()] for v in range(self.n)]
        G = self.G
        src = [e[0] for e in G.get_edgelist()]
        grp = G.es["g"]
        return [[(src[e], grp[e]) for e in inc] for inc in G.get_inclist(mode="in")]

    def descendants(self, x):
        if self.lib == "networkx":
            import networkx as nx
            d = nx.descendants(self.G, x)
            d.add(x)
            return d
        return set(self.G.subcomponent(x, mode="out"))


def fixed_point(n, ngroups, n_groups_total, out, removed):
    """The least fixed point: producible iff not removed and every input group has a
    producible member. A worklist from the nodes without inputs; O(V + E)."""
    need = list(ngroups)
    have = bytearray(n_groups_total)
    prod = bytearray(n)
    stack = [v for v in range(n) if need[v] == 0 and not removed[v]]
    for v in stack:
        prod[v] = 1
    while stack:
        u = stack.pop()
        for v, g in out[u]:
            if prod[v] or removed[v] or have[g]:
                continue
            have[g] = 1
            need[v] -= 1
            if need[v] == 0:
                prod[v] = 1
                stack.append(v)
    return prod


def resim(P, sample=0):
    """Criticality on AND/OR graphs by re-simulation: per node x, the least fixed point
    without x over x's descendants (everything else keeps its baseline state). With
    @sample > 0, only that many nodes, evenly spaced over the node list (the others are
    left None)."""
    n = P.n
    out, inn = P.out_lists(), P.in_lists()
    prod0 = fixed_point(n, P.ngroups, P.n_groups_total, out, bytearray(n))
    appw, ngroups = P.appw, P.ngroups
    crit = [0.0] * n
    todo = range(n)
    if sample and sample < n:
        crit = [None] * n
        todo = sorted(set(i * n // sample for i in range(sample)))
        for x in todo:
            crit[x] = 0.0
    for x in todo:
        if not prod0[x]:
            continue
        if not out[x]:
            crit[x] = appw[x] / P.total if P.total else 0.0
            continue
        D = P.descendants(x)
        need, have, stack = {}, set(), []
        for v in D:
            if v == x or not prod0[v]:
                continue
            sat = set()
            for u, g in inn[v]:
                if prod0[u] and u not in D:
                    sat.add(g)
            have |= sat
            k = ngroups[v] - len(sat)
            need[v] = k
            if k == 0:
                stack.append(v)
        prod = set(stack)
        while stack:
            u = stack.pop()
            for v, g in out[u]:
                if v in prod or g in have or v not in need:
                    continue
                have.add(g)
                need[v] -= 1
                if need[v] == 0:
                    prod.add(v)
                    stack.append(v)
        lost_w = 0.0
        for v in D:
            if prod0[v] and v not in prod:
                lost_w += appw[v]
        crit[x] = lost_w / P.total if P.total else 0.0
    return crit


def dominator_criticality(P):
    n, G, root = P.n, P.G, P.n
    sources, apps = P.sources, P.apps
    if P.lib == "networkx":
        import networkx as nx
        G.add_node(root)
        G.add_edges_from((root, s) for s in sources)
        idom = nx.immediate_dominators(G, root)
        G.remove_node(root)
        parent = [idom.get(v, -2) for v in range(n)]
    else:
        G.add_vertices(1)
        G.add_edges([(root, s) for s in sources])
        dom = G.dominator(root, mode="out")
        G.delete_vertices([root])
        parent = [d if d is not None and d >= 0 else -2 for d in dom[:n]]
    is_source = bytearray(n)
    for s in sources:
        is_source[s] = 1
    # subtree sums of application weight in reverse depth order
    weight = [0.0] * n
    for v in apps:
        if parent[v] != -2 or is_source[v]:
            weight[v] += P.appw[v]
    depth = [-1] * n
    for v in range(n):  # depth by walking up, memoised
        path = []
        x = v
        while x != root and x >= 0 and depth[x] < 0:
            path.append(x)
            x = parent[x]
        d = 0 if x == root or x < 0 else depth[x] + 1
        for y in reversed(path):
            depth[y] = d
            d += 1
    for v in sorted(range(n), key=lambda v: -depth[v]):
        p = parent[v]
        if 0 <= p < n:
            weight[p] += weight[v]
    total = P.total
    crit = [x / total if total else 0.0 for x in weight]
    for v in range(n):  # unreachable nodes lose nothing
        if parent[v] == -2 and not is_source[v]:
            crit[v] = 0.0
    return crit


def read_ids(path):
    with open(path, encoding="utf-8") as f:
        return [line.strip() for line in f if line.strip()]


def complement(P, level, crit):
    """docs/complementarity.md, every ordered pair at one level, by sparse accumulation:
    per receiver B, per gap u of B, per region A holding u."""
    R = P.regions
    index = {v: i for i, v in enumerate(P.ids)}
    names = sorted((r for r, lv in R["level"].items() if lv == level), key=lambda s: s.encode())
    sel = {r: i for i, r in enumerate(names)}
    caps = [set() for _ in names]
    for r, node in R["claims"]:
        a = r
        seen = 0
        while a is not None and seen < 64:  # a parent holds its children's capabilities
            if a in sel:
                caps[sel[a]].add(index[node])
            a = R["parent"].get(a)
            seen += 1
    holders = {}
    for a, cs in enumerate(caps):
        for v in cs:
            holders.setdefault(v, []).append(a)
    inn = P.in_lists()
    # group members per (target, group)
    nL = len(names)
    best = []  # the ten best (−score, from, to, overlap, tci, links) so far
    enames = [r.encode() for r in names]  # bytewise order, as chaingraph sorts names
    score_sum, link_sum, filled_sum = 0.0, 0, 0
    inv = [1.0 / len(c) if c else 0.0 for c in caps]
    for b in range(nL):
        cb = caps[b]
        gapw, cons, gedges = {}, {}, []
        for v in sorted(cb):
            groups = {}
            for u, g in inn[v]:
                groups.setdefault(g, []).append(u)
            for g, members in groups.items():
                unmet = not any(u in cb for u in members)
                for u in members:
                    if u in cb:
                        continue
                    if u not in cons:
                        cons[u] = 0.0
                    if unmet and crit is not None and crit[v] > cons[u]:
                        cons[u] = crit[v]
                    gedges.append((u, v))
        for u, c in cons.items():
            gapw[u] = 0.01 + max(crit[u], c) if crit is not None else 1.0
        W = sum(gapw.values())
        acc, cnt, mins, nl = {}, {}, {}, {}
        for u, w in gapw.items():
            m = w / W if W > 0 else 0.0
            for a in holders.get(u, ()):
                acc[a] = acc.get(a, 0.0) + w
                cnt[a] = cnt.get(a, 0) + 1
                mins[a] = mins.get(a, 0.0) + min(m, inv[a])
        for u, v in gedges:
            for a in holders.get(u, ()):
                nl[a] = nl.get(a, 0) + 1
        inter = {}
        for v in cb:
            for a in holders.get(v, ()):
                inter[a] = inter.get(a, 0) + 1
        rows = []
        for a in range(nL):
            if a == b:
                continue
            score = acc.get(a, 0.0) / W if W > 0 else 0.0
            uni = len(caps[a]) + len(cb) - inter.get(a, 0)
            overlap = inter.get(a, 0) / uni if uni else 0.0
            tci = 100.0 * mins.get(a, 0.0) if W > 0 and caps[a] else 0.0
            score_sum += score
            link_sum += nl.get(a, 0)
            filled_sum += cnt.get(a, 0)
            rows.append((-score, enames[a], enames[b], overlap, tci, nl.get(a, 0)))
        best = heapq.nsmallest(10, best + heapq.nsmallest(10, rows))
    pairs = [[f.decode(), t.decode(), -s, o, c, k] for s, f, t, o, c, k in best]
    npairs = nL * (nL - 1)
    return {"complement_regions": nL, "complement_pairs": npairs, "complement_sum": score_sum,
            "complement_links": link_sum, "complement_filled": filled_sum, "complement_top": pairs}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("lib", choices=["networkx", "igraph"])
    ap.add_argument("path")
    ap.add_argument("analysis", choices=["load", "producible", "criticality", "resim", "disrupt", "risk",
                                         "complement", "betweenness"])
    ap.add_argument("--dump")
    ap.add_argument("--nodes", help="disrupt: a file of node ids, one a line")
    ap.add_argument("--prob", help="risk: a file of 'id TAB probability' lines")
    ap.add_argument("--samples", type=int, default=10)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--level", default="city")
    ap.add_argument("--resim-sample", type=int, default=0,
                    help="resim: re-simulate only this many nodes, evenly spaced, and project the time")
    ap.add_argument("--bt-sources", type=int, default=0,
                    help="betweenness: search from only this many evenly spaced sources and project the time")
    ap.add_argument("--crit", help="complement: a file of 'id TAB criticality' lines (gap weights)")
    a = ap.parse_args()
    path = a.path
    prefix = path[:-4] if path.endswith(".tsv") else path
    for suffix in (".nodes", ".edges"):
        if prefix.endswith(suffix):
            prefix = prefix[: -len(suffix)]
    if a.lib == "networkx":  # importing the library is not part of loading a graph
        import networkx  # noqa: F401
    else:
        import igraph  # noqa: F401
    t0 = time.perf_counter()
    P = Graph(a.lib, prefix, with_regions=a.analysis == "complement")
    t1 = time.perf_counter()
    n, G = P.n, P.G
    out = {"nodes": n, "edges": P.m, "load_s": round(t1 - t0, 4)}
    w = a.analysis
    dump = None
    t = time.perf_counter()
    if w == "criticality":
        crit = dominator_criticality(P)
        out["criticality_s"] = round(time.perf_counter() - t, 4)
        out["criticality_sum"] = sum(crit)
        out["criticality_top"] = top(crit, P.ids)
        dump = ("criticality", crit)
    elif w == "resim":
        crit = resim(P, a.resim_sample)
        el = time.perf_counter() - t
        if a.resim_sample and a.resim_sample < n:
            # a projection: the time of the sampled nodes scaled to all of them
            done = sum(1 for x in crit if x is not None)
            out["criticality_s"] = round(el * n / done, 4)
            out["projected_from"] = done
            out["elapsed_s"] = round(el, 4)
        else:
            out["criticality_s"] = round(el, 4)
            out["criticality_sum"] = sum(crit)
            out["criticality_top"] = top(crit, P.ids)
        dump = ("criticality", crit)
    elif w == "betweenness":
        sources = P.sources
        if a.bt_sources and a.bt_sources < len(sources):
            # the cost is one search per source: time K evenly spaced sources and project
            step = len(sources) / a.bt_sources
            sources = [sources[int(i * step)] for i in range(a.bt_sources)]
        if a.lib == "networkx":
            import networkx as nx
            b = nx.betweenness_centrality_subset(G, sources, P.apps, normalized=False)
            vals = [b[v] for v in range(n)]
        else:
            try:
                vals = G.betweenness(directed=True, sources=sources, targets=P.apps)
            except TypeError:  # python-igraph 0.10.2 has no subset betweenness
                vals = None
        if vals is None:
            out["betweenness_s"] = "n/a"
        elif len(sources) < len(P.sources):
            el = time.perf_counter() - t
            out["betweenness_s"] = round(el * len(P.sources) / len(sources), 4)
            out["projected_from"] = len(sources)
            out["elapsed_s"] = round(el, 4)
        else:
            out["betweenness_s"] = round(time.perf_counter() - t, 4)
            out["betweenness_sum"] = sum(vals)
            out["betweenness_top"] = top(vals, P.ids)
    elif w == "producible":  # OR reading: reachable from the sources
        if any(k > 1 for k in P.ngroups):
            sys.exit("producible: the peers' library call is reachability, which is the least "
                     "fixed point on OR-only graphs only")
        root = n
        if a.lib == "networkx":
            import networkx as nx
            G.add_node(root)
            G.add_edges_from((root, s) for s in P.sources)
            k = len(nx.descendants(G, root))
            G.remove_node(root)
        else:
            G.add_vertices(1)
            G.add_edges([(root, s) for s in P.sources])
            k = len(G.subcomponent(root, mode="out")) - 1
            G.delete_vertices([root])
        out["producible_s"] = round(time.perf_counter() - t, 4)
        out["producible"] = k
    elif w == "disrupt":
        index = {v: i for i, v in enumerate(P.ids)}
        ids = read_ids(a.nodes)
        t = time.perf_counter()  # the node list is input, not work
        removed = bytearray(n)
        for x in ids:
            removed[index[x]] = 1
        adj = P.out_lists()
        prod0 = fixed_point(n, P.ngroups, P.n_groups_total, adj, bytearray(n))
        prod = fixed_point(n, P.ngroups, P.n_groups_total, adj, removed)
        lost = [v for v in range(n) if prod0[v] and not prod[v]]
        lw = sum(P.appw[v] for v in lost)
        out["disrupt_s"] = round(time.perf_counter() - t, 4)
        out["disrupt_set"] = len(ids)
        out["disrupt_lost"] = len(lost)
        out["disrupt_lost_weight"] = lw
        out["disrupt_impact"] = lw / P.total if P.total else 0.0
        dump = ("disrupt", lost)
    elif w == "risk":
        index = {v: i for i, v in enumerate(P.ids)}
        p = [0.0] * n
        with open(a.prob, encoding="utf-8") as f:
            for line in f:
                k, v = line.rstrip("\n").split("\t")
                p[index[k]] = float(v)
        t = time.perf_counter()
        adj = P.out_lists()
        prod0 = fixed_point(n, P.ngroups, P.n_groups_total, adj, bytearray(n))
        base_w = [P.appw[v] if prod0[v] else 0.0 for v in range(n)]
        unc = [(v, p[v]) for v in range(n) if p[v] > 0 and prod0[v]]
        t_setup = time.perf_counter() - t
        rng = random.Random(a.seed)
        rnd = rng.random
        losses = []
        t = time.perf_counter()
        for _ in range(a.samples):
            removed = bytearray(n)
            for v, pv in unc:
                if rnd() < pv:
                    removed[v] = 1
            prod = fixed_point(n, P.ngroups, P.n_groups_total, adj, removed)
            losses.append(sum(base_w[v] for v in P.apps if not prod[v]))
        mc = time.perf_counter() - t
        N = len(losses)
        mean = sum(losses) / N
        sd = math.sqrt(sum((x - mean) ** 2 for x in losses) / (N - 1)) if N > 1 else 0.0
        h = 1.959963984540054 * sd / math.sqrt(N)
        out["risk_s"] = round(mc + t_setup, 4)
        out["risk_setup_s"] = round(t_setup, 4)
        out["risk_samples"] = N
        out["risk_per_sample_s"] = mc / N
        out["expected_loss"] = mean
        out["ci95"] = [mean - h, mean + h]
        out["total_weight"] = P.total
    elif w == "complement":
        crit = None
        if a.crit:
            index = {v: i for i, v in enumerate(P.ids)}
            crit = [0.0] * n
            with open(a.crit, encoding="utf-8") as f:
                for line in f:
                    k, v = line.rstrip("\n").split("\t")
                    crit[index[k]] = float(v)
        t = time.perf_counter()
        out.update(complement(P, a.level, crit))
        out["complement_s"] = round(time.perf_counter() - t, 4)
        out["complement_weighting"] = "criticality" if crit else "uniform"
    out["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    if dump and a.dump:
        what, vals = dump
        with open(a.dump + "." + what, "w", encoding="utf-8") as f:
            if what == "disrupt":
                for v in vals:
                    f.write(P.ids[v] + "\n")
            else:
                for i, x in enumerate(vals):
                    if x is not None:
                        f.write("%s\t%.17g\n" % (P.ids[i], x))
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main()
