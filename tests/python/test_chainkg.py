"""The ChainKnowledgeGraph import (real data nobody here designed), analysed by the CLI
and checked against networkx and a brute-force fixed point written here."""
import json
import os
import random
import subprocess
import sys

import networkx as nx
import pytest

SOURCE = os.environ.get("CHAINGRAPH_SOURCE", os.path.join(os.path.dirname(__file__), "..", ".."))
DATA = os.environ.get("CHAINGRAPH_DATA", os.path.join(SOURCE, "..", "shared", "data"))
CHAINKG = os.path.join(DATA, "chainkg")
CLI = os.environ.get("CHAINGRAPH_BIN")

pytestmark = pytest.mark.skipif(not os.path.exists(os.path.join(CHAINKG, "industry_up.json")) or not CLI,
                                reason="needs ../shared/data/chainkg and CHAINGRAPH_BIN")


def run(*args):
    p = subprocess.run([CLI, *args], capture_output=True, text=True)
    assert p.returncode == 0, p.stderr
    return p.stdout


def imported(tmp_path, reading):
    out = tmp_path / f"chainkg-{reading}.json"
    subprocess.run([sys.executable, os.path.join(SOURCE, "examples", "import_chainkg.py"), CHAINKG,
                    "--reading", reading, "-o", str(out)], check=True)
    return out


def nx_graph(doc):
    G = nx.DiGraph()
    G.add_nodes_from(n["id"] for n in doc["nodes"])
    G.add_edges_from((e["source"], e["target"]) for e in doc["links"])
    return G


def test_import_counts(tmp_path):
    doc = json.loads(imported(tmp_path, "or").read_text())
    # the data's README: 335 industries, 5,256 weighted upstream links
    assert len(doc["nodes"]) == 335
    assert len(doc["links"]) == 5256
    info = json.loads(run("info", "--json", str(imported(tmp_path, "or"))))
    assert info["nodes"] == 335 and info["edges"] == 5256


def test_or_reading_matches_networkx_dominators(tmp_path):
    path = imported(tmp_path, "or")
    doc = json.loads(path.read_text())
    G = nx_graph(doc)
    sources = [v for v in G if G.in_degree(v) == 0]
    apps = [v for v in G if G.out_degree(v) == 0]
    G.add_node("ROOT")
    G.add_edges_from(("ROOT", s) for s in sources)
    reach = nx.descendants(G, "ROOT")
    idom = nx.immediate_dominators(G, "ROOT")
    want = {v: 0.0 for v in G if v != "ROOT"}
    for a in apps:
        if a not in reach:
            continue
        x = a
        while x != "ROOT":
            want[x] += 1.0 / len(apps)
            x = idom[x]
    got = json.loads(run("bottlenecks", "--json", "--top", "0", "--no-betweenness", str(path)))
    assert got["method"] == "dominator-tree"
    crit = {n["id"]: n["criticality"] for n in got["nodes"]}
    for v, w in want.items():
        if v in apps:  # applications are not ranked
            assert v not in crit, v
            continue
        assert crit.get(v, 0.0) == pytest.approx(w, abs=1e-12), v
    # same reachability
    info = json.loads(run("info", "--json", str(path)))
    assert info["producible"] == len(reach)


def least_fixed_point(nodes, groups, removed):
    """groups: node -> list of lists of inputs (AND over lists, OR within)."""
    prod = set()
    changed = True
    while changed:
        changed = False
        for v in nodes:
            if v in prod or v in removed:
                continue
            if all(any(u in prod for u in g) for g in groups.get(v, [])):
                prod.add(v)
                changed = True
    return prod


def test_and_reading_matches_brute_force(tmp_path):
    path = imported(tmp_path, "and")
    doc = json.loads(path.read_text())
    nodes = [n["id"] for n in doc["nodes"]]
    groups = {}
    for e in doc["links"]:
        groups.setdefault(e["target"], []).append([e["source"]])
    apps = [v for v in nodes if not any(e["source"] == v for e in doc["links"])]
    base = least_fixed_point(nodes, groups, set())
    got = json.loads(run("bottlenecks", "--json", "--top", "0", "--no-betweenness", str(path)))
    crit = {n["id"]: n["criticality"] for n in got["nodes"]}
    info = json.loads(run("info", "--json", str(path)))
    assert info["producible"] == len(base)
    rng = random.Random(1)
    for x in rng.sample(nodes, 25) + [n["id"] for n in got["nodes"][:5]]:
        if x in apps:  # applications are not ranked
            assert x not in crit, x
            continue
        now = least_fixed_point(nodes, groups, {x})
        lost = [a for a in apps if a in base and a not in now]
        assert crit.get(x, 0.0) == pytest.approx(len(lost) / len(apps), abs=1e-12), x


def test_risk_on_real_data(tmp_path):
    path = imported(tmp_path, "or")
    doc = json.loads(path.read_text())
    G = nx_graph(doc)
    r = json.loads(run("risk", "--json", "--samples", "2000", "--seed", "7", "--top", "50", str(path)))
    el = r["expected_loss"]
    total = el["total_weight"]
    assert 0 <= el["ci95"][0] <= el["mean"] <= el["ci95"][1] <= total
    assert len(r["links"]) == 50
    scores = [l["score"] for l in r["links"]]
    assert scores == sorted(scores, reverse=True)
    for l in r["links"]:
        assert G.has_edge(l["source"], l["target"]), l  # every ranked link is a real edge
        assert l["why"]
    # Applications are sinks in this reading: exactly networkx's sinks (that a root reaches).
    sinks = {v for v in G if G.out_degree(v) == 0}
    assert {a["id"] for a in r["applications"]} == sinks


def test_complement_on_real_data(tmp_path):
    path = imported(tmp_path, "or")
    doc = json.loads(path.read_text())
    G = nx_graph(doc)
    c = json.loads(run("complement", "--json", "--level", "province", str(path)))
    provinces = [r for r in doc["regions"] if r["level"] == "province"]
    R = len(provinces)
    assert R > 10
    assert len(c["pairs"]) == R * (R - 1)  # every ordered pair
    # A sector holds its sub-sectors' industries; check every linking edge against them.
    made = {p["name"]: set() for p in provinces}
    for r in doc["regions"]:
        if r["level"] == "city":
            made[r["parent"]] |= {cap["node"] for cap in r["capabilities"]}
    for p in c["pairs"][:40]:
        for l in p["links"]:
            assert G.has_edge(l["source"], l["target"])
            assert l["source"] in made[p["from"]] and l["target"] in made[p["to"]]
            assert l["source"] not in made[p["to"]]  # a gap of the receiver
        assert 0 <= p["score"] <= 1 and 0 <= p["overlap"] <= 1 and 0 <= p["tci"] <= 100
