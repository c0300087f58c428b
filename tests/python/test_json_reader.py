"""The streaming node-link JSON reader against networkx: what node_link_data() writes
(integer ids, "links" or "edges", sorted keys putting the edges before the nodes) loads
with the same nodes, edges and input groups, and the library's own export survives a round
trip through networkx (chains and the other graph-level arrays may be lost)."""
import json
import os
import random

import networkx as nx
import pytest

import chaingraph

SOURCE = os.environ.get("CHAINGRAPH_SOURCE", os.path.join(os.path.dirname(__file__), "..", ".."))
MAGNET = os.path.join(SOURCE, "tests", "data", "magnet.chain")


def random_digraph(seed, n=60, m=180):
    rng = random.Random(seed)
    G = nx.DiGraph()
    G.add_nodes_from(range(n))
    while G.number_of_edges() < m:
        u, v = rng.randrange(n), rng.randrange(n)
        if u < v:  # a DAG from low to high ids
            G.add_edge(u, v, group=rng.choice([None, 1, 2]) or None)
    for u, v, d in G.edges(data=True):
        if d["group"] is None:
            del d["group"]
    return G


def groups(edges):
    """{target: {frozenset of the sources of one input group}} from (source, target,
    group label or None) triples; labels matter only as equal or not."""
    out = {}
    for u, v, label in edges:
        out.setdefault(v, {}).setdefault(label if label is not None else ("own", u), set()).add(u)
    return {v: {frozenset(s) for s in gs.values()} for v, gs in out.items()}


def groups_of(g):
    data = json.loads(g.to_string("json"))
    return groups((e["source"], e["target"], e.get("group"))
                  for e in (data["links"] if "links" in data else data["edges"]))


@pytest.mark.parametrize("sort_keys", [False, True])
@pytest.mark.parametrize("link", ["links", "edges"])
def test_networkx_node_link_data_loads(sort_keys, link):
    G = random_digraph(7)
    data = nx.node_link_data(G)
    if link not in data:  # networkx before 3.4 writes "links"; 3.4 on, "edges"
        data[link] = data.pop("links" if link == "edges" else "edges")
    text = json.dumps(data, sort_keys=sort_keys)
    if sort_keys:
        assert text.index('"%s"' % link) < text.index('"nodes"')  # edges come first
    with chaingraph.load_data(text, name="nx.json") as g:
        assert len(g) == G.number_of_nodes()
        want = groups((str(u), str(v), d.get("group")) for u, v, d in G.edges(data=True))
        assert groups_of(g) == want


def test_unknown_node_still_refused_at_the_end():
    text = json.dumps({"links": [{"source": 0, "target": 9}], "nodes": [{"id": 0}, {"id": 1}]})
    with pytest.raises(chaingraph.Error) as e:
        chaingraph.load_data(text, name="bad.json")
    assert "links[0].target" in str(e.value) and "'9'" in str(e.value)


def test_round_trip_through_networkx():
    with chaingraph.load(MAGNET) as g:
        data = json.loads(g.to_string("json"))
        crit = g.criticality()
    key = "links" if "links" in data else "edges"
    G = nx.node_link_graph(data, directed=True, multigraph=False, **(
        {"link": key} if nx.__version__ < "3.4" else {"edges": key}))
    back = nx.node_link_data(G)
    back.pop("chains", None)
    with chaingraph.load_data(json.dumps(back, ensure_ascii=False), name="back.json") as h:
        assert h.criticality() == pytest.approx(crit)
