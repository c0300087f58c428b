#!/usr/bin/python3
"""The peers of cg-bench: the same computations with networkx or python-igraph.

    peer.py networkx|igraph PREFIX.tsv criticality [betweenness] [producible]

Prints the same JSON keys as cg-bench so run.py can compare answers and times.
Criticality here is the OR-only reading that chaingraph computes exactly on OR-only graphs:
the application weight in each node's dominator subtree (virtual root over the nodes
without inputs), divided by the total application weight."""
import json
import resource
import sys
import time


def read_tsv(prefix):
    nodes, stage = [], {}
    with open(prefix + ".nodes.tsv", encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        ci, cs = header.index("id"), header.index("stage") if "stage" in header else None
        for line in f:
            p = line.rstrip("\n").split("\t")
            nodes.append(p[ci])
            if cs is not None:
                stage[p[ci]] = p[cs]
    edges = []
    with open(prefix + ".edges.tsv", encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        s, t = header.index("source"), header.index("target")
        for line in f:
            p = line.rstrip("\n").split("\t")
            edges.append((p[s], p[t]))
    return nodes, stage, edges


def top(values, ids, k=10):
    order = sorted(range(len(ids)), key=lambda i: (-values[i], ids[i]))[:k]
    return [[ids[i], values[i]] for i in order]


def main():
    lib, path, *what = sys.argv[1:]
    prefix = path[:-4] if path.endswith(".tsv") else path
    for suffix in (".nodes", ".edges"):
        if prefix.endswith(suffix):
            prefix = prefix[: -len(suffix)]
    t0 = time.perf_counter()
    nodes, stage, edges = read_tsv(prefix)
    index = {v: i for i, v in enumerate(nodes)}
    n = len(nodes)
    if lib == "networkx":
        import networkx as nx
        G = nx.DiGraph()
        G.add_nodes_from(range(n))
        G.add_edges_from((index[a], index[b]) for a, b in edges)
    else:
        import igraph as ig
        G = ig.Graph(n=n, edges=[(index[a], index[b]) for a, b in edges], directed=True)
    t1 = time.perf_counter()
    out = {"nodes": n, "edges": len(edges), "load_s": round(t1 - t0, 4)}
    apps = [i for i, v in enumerate(nodes) if stage.get(v) == "application"]
    if not apps:  # sinks, as chaingraph does when no node is marked
        outdeg = [0] * n
        for a, _ in edges:
            outdeg[index[a]] += 1
        apps = [i for i in range(n) if outdeg[i] == 0]
    indeg = [0] * n
    for _, b in edges:
        indeg[index[b]] += 1
    sources = [i for i in range(n) if indeg[i] == 0]
    for w in what:
        a = time.perf_counter()
        if w == "criticality":
            root = n
            if lib == "networkx":
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
            # subtree sums of application weight (weight 1 each) in reverse depth order
            weight = [0.0] * n
            for v in apps:
                if parent[v] != -2 or v in sources:
                    weight[v] += 1.0
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
            total = float(len(apps))
            crit = [x / total for x in weight]
            for v in range(n):  # unreachable nodes lose nothing
                if parent[v] == -2 and v not in sources:
                    crit[v] = 0.0
            out["criticality_s"] = round(time.perf_counter() - a, 4)
            out["criticality_sum"] = sum(crit)
            out["criticality_top"] = top(crit, nodes)
        elif w == "betweenness":
            if lib == "networkx":
                b = nx.betweenness_centrality_subset(G, sources, apps, normalized=False)
                vals = [b[v] for v in range(n)]
            else:
                try:
                    vals = G.betweenness(directed=True, sources=sources, targets=apps)
                except TypeError:  # python-igraph 0.10.2 has no subset betweenness
                    out["betweenness_s"] = "n/a"
                    continue
            out["betweenness_s"] = round(time.perf_counter() - a, 4)
            out["betweenness_sum"] = sum(vals)
            out["betweenness_top"] = top(vals, nodes)
        elif w == "producible":  # OR reading: reachable from the sources
            root = n
            if lib == "networkx":
                G.add_node(root)
                G.add_edges_from((root, s) for s in sources)
                k = len(nx.descendants(G, root))
                G.remove_node(root)
            else:
                G.add_vertices(1)
                G.add_edges([(root, s) for s in sources])
                k = len(G.subcomponent(root, mode="out")) - 1
                G.delete_vertices([root])
            out["producible_s"] = round(time.perf_counter() - a, 4)
            out["producible"] = k
    out["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main()
