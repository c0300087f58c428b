"""The node-link JSON export is networkx's default shape: networkx.node_link_graph(data)
reads it with no arguments, and what networkx writes back loads again to the same answers."""
import glob
import json
import os

import networkx as nx
import pytest

import chaingraph

SOURCE = os.environ.get("CHAINGRAPH_SOURCE", os.path.join(os.path.dirname(__file__), "..", ".."))
CHAINS = os.environ.get("CHAINGRAPH_CHAINS", os.path.join(SOURCE, "chains"))


@pytest.fixture(scope="module")
def graph():
    paths = sorted(glob.glob(os.path.join(CHAINS, "*.chain")))
    if not paths:
        pytest.skip(f"no chains at {CHAINS}")
    return chaingraph.load(*paths)


def test_networkx_reads_the_export_with_no_arguments(graph):
    doc = json.loads(graph.to_string("json"))
    G = nx.node_link_graph(doc)
    assert G.is_directed() and not G.is_multigraph()
    assert G.number_of_nodes() == len(graph.nodes) == len(doc["nodes"])
    assert G.number_of_edges() == len(graph.edges)
    # Every model field kept, node and edge, as networkx holds it.
    for n in doc["nodes"]:
        assert G.nodes[n["id"]] == {k: v for k, v in n.items() if k != "id"}
    for e in doc["links"]:
        assert G.edges[e["source"], e["target"]] == {
            k: v for k, v in e.items() if k not in ("source", "target")}


def test_what_networkx_writes_back_loads_to_the_same_answers(graph):
    G = nx.node_link_graph(json.loads(graph.to_string("json")))
    back = json.dumps(nx.node_link_data(G), ensure_ascii=False)
    again = chaingraph.load_data(back, name="back.json", format="json")
    assert again.criticality() == graph.criticality()
    assert {(e["source"], e["target"]) for e in again.edges} == set(G.edges)
