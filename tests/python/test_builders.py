"""from_networkx and from_edges build through the library's builder: the graph they make
answers as the same graph loaded from text does."""
import random

import networkx as nx
import pytest

import chaingraph


def random_graph(rng, n):
    """A random AND/OR DAG as (networkx DiGraph, the same graph as chain text)."""
    G = nx.DiGraph()
    lines = ["document r.txt"]
    for v in range(n):
        stage = "application" if v >= n - 2 else "material"
        G.add_node(v, name=f"名{v}", stage=stage, weight=rng.choice([1, 2, 3]))
        lines.append(f"node n{v} 名{v} en=n{v} stage={stage}"
                     + (f" weight={G.nodes[v]['weight']}" if stage == "application" else ""))
        if stage != "application":
            del G.nodes[v]["weight"]
    for v in range(1, n):
        srcs = rng.sample(range(v), rng.randint(0, min(3, v)))
        if not srcs:
            continue
        if len(srcs) > 1 and rng.random() < 0.5:
            for u in srcs:
                G.add_edge(u, v, group="or")
            lines.append(f"n{v} <- " + " | ".join(f"n{u}" for u in srcs) + ' inferred="r"')
        else:
            for u in srcs:
                G.add_edge(u, v)
                lines.append(f"n{u} -> n{v} inferred=\"r\"")
    return G, "\n".join(lines) + "\n"


def criticality(g, prefix=""):
    return {b["id"].removeprefix(prefix): round(b["criticality"], 12)
            for b in g.bottlenecks(top=0, betweenness=False)}


def test_from_networkx_answers_as_the_text_does():
    rng = random.Random(3)
    for case in range(40):
        G, text = random_graph(rng, rng.randint(3, 12))
        with chaingraph.from_networkx(G) as a, chaingraph.load_data(text, name=f"r{case}.chain") as b:
            assert len(a) == len(b)
            assert criticality(a) == criticality(b, "n"), (case, text)
            # the {node: value} view covers every node, applications and zeros included
            full = a.criticality()
            assert len(full) == len(a)
            assert {k: round(x, 12) for k, x in full.items() if x and G.nodes[int(k)].get("stage") != "application"} \
                == criticality(a)
            total = sum(G.nodes[v].get("weight", 1) for v in G if G.nodes[v]["stage"] == "application")
            for v in G:
                if G.nodes[v]["stage"] == "application":
                    assert full[str(v)] >= G.nodes[v]["weight"] / total - 1e-12


def test_from_edges_tuples_and_integer_ids():
    g = chaingraph.from_edges([(1, 2), (2, 3, {"group": None})],
                              nodes=[(3, {"stage": "application", "name": "应用"})])
    import json
    doc = json.loads(g.to_string("json"))
    by_id = {n["id"]: n for n in doc["nodes"]}
    assert sorted(by_id) == ["1", "2", "3"]
    assert by_id["3"]["name"] == "应用" and by_id["3"]["stage"] == "application"
    assert {b["id"] for b in g.bottlenecks(top=0)} == {"1", "2"}


def test_from_edges_dataframes():
    pd = pytest.importorskip("pandas")
    edges = pd.DataFrame({"source": ["ore", "ndfeb", "smco"], "target": ["ndfeb", "motor", "motor"],
                          "group": [None, "magnet", "magnet"]})
    nodes = pd.DataFrame({"id": ["motor", "smco"], "stage": ["application", "material"],
                          "weight": [2.0, float("nan")]})
    g = chaingraph.from_edges(edges, nodes=nodes)
    crit = criticality(g)
    # smco (a source) is the other member of the motor's OR group: nothing is critical
    assert crit == {}
    assert chaingraph.from_edges(edges.iloc[:2], nodes=nodes).bottlenecks(top=0)[0]["id"] == "ndfeb"


def test_bad_input_is_refused():
    with pytest.raises(TypeError):
        chaingraph.from_networkx(nx.Graph([(1, 2)]))
    with pytest.raises(chaingraph.Error, match="stage"):
        chaingraph.from_edges([(1, 2)], nodes={2: {"stage": "mineral"}})
    with pytest.raises(TypeError):
        chaingraph.from_edges([(None, 2)])


def test_to_networkx_round_trip():
    with chaingraph.load() as g:
        G = g.to_networkx(results=True)
        assert G.number_of_nodes() == len(g)
        assert G.nodes["photoresist"]["name"] == "光刻胶"
        assert G.nodes["photoresist"]["criticality"] == g.criticality()["photoresist"]
        assert "chains" in G.graph
        with chaingraph.from_networkx(G) as back:
            assert criticality(back) == criticality(g)
