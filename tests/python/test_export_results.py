"""Exports with results (issue 15): `chaingraph export --with-results` and
Graph.export(results=True) write GraphML and node-link JSON whose nodes carry criticality,
failure_probability and chokepoint and whose edges carry link_risk, as numbers networkx reads
as numbers. Oracle: `chaingraph risk --json --top 0` (every node's probability and
criticality, every link's score) and the plain export (the chokepoint evidence); read back
by networkx, an independent reader."""
import json
import os
import subprocess

import pytest

import chaingraph

nx = pytest.importorskip("networkx", reason="python3-networkx is not installed")
CG = os.environ.get("CHAINGRAPH_BIN")


def cli(*args):
    if not CG:
        pytest.skip("CHAINGRAPH_BIN is not set (run through meson test)")
    return subprocess.run([CG, *args], check=True, capture_output=True).stdout


@pytest.fixture(scope="module")
def want():
    risk = json.loads(cli("risk", "--json", "--top", "0", "--samples", "64"))
    plain = json.loads(cli("export", "--format", "json"))
    return {
        "criticality": {x["id"]: x["criticality"] for x in risk["nodes"]},
        "failure_probability": {x["id"]: x["probability"] for x in risk["nodes"]},
        "chokepoint": {x["id"]: bool(x.get("chokepoints")) for x in plain["nodes"]},
        "link_risk": {(x["source"], x["target"]): x["score"] for x in risk["links"]},
    }


def number(x):
    """A JSON or GraphML number (JSON writes 0 as an integer), not a string or a bool."""
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def check_graph(G, want):
    assert G.number_of_nodes() == len(want["criticality"])
    for v, d in G.nodes(data=True):
        assert number(d["criticality"]) and number(d["failure_probability"])
        assert isinstance(d["chokepoint"], bool)
        assert d["criticality"] == pytest.approx(want["criticality"][v], abs=1e-12)
        assert d["failure_probability"] == pytest.approx(want["failure_probability"][v], abs=1e-12)
        assert d["chokepoint"] == want["chokepoint"][v]
    assert G.number_of_edges() == len(want["link_risk"])
    for u, v, d in G.edges(data=True):
        assert number(d["link_risk"])
        assert d["link_risk"] == pytest.approx(want["link_risk"][(u, v)], abs=1e-12)
    assert any(want["chokepoint"].values()) and any(x > 0 for x in want["link_risk"].values())


def test_cli_graphml_with_results(tmp_path, want):
    path = tmp_path / "r.graphml"
    cli("export", "--with-results", "-o", str(path))
    check_graph(nx.read_graphml(path), want)


def test_cli_json_with_results(tmp_path, want):
    data = json.loads(cli("export", "--with-results", "--format", "json"))
    check_graph(nx.node_link_graph(data), want)


def test_python_export_with_results(tmp_path, want):
    g = chaingraph.load()
    g.export(tmp_path / "p.graphml", results=True)
    check_graph(nx.read_graphml(tmp_path / "p.graphml"), want)
    g.export(tmp_path / "p.json", results=True)
    check_graph(nx.node_link_graph(json.loads((tmp_path / "p.json").read_text())), want)


def test_results_are_ignored_on_load(tmp_path):
    """An export with results loads back as the same graph (the results are not model data)."""
    path = tmp_path / "r.json"
    cli("export", "--with-results", "-o", str(path))
    assert cli("export", "--format", "json", str(path)) == cli("export", "--format", "json")
    path = tmp_path / "r.graphml"
    cli("export", "--with-results", "-o", str(path))
    assert cli("export", "--format", "json", str(path)) == cli("export", "--format", "json")


def test_with_results_refuses_other_formats(tmp_path):
    p = subprocess.run([CG or "false", "export", "--with-results", "--format", "dot"], capture_output=True)
    assert p.returncode == 2 and b"--with-results writes json or graphml" in p.stderr
    with pytest.raises(chaingraph.Error):
        chaingraph.load().export(tmp_path / "x.dot", results=True)


def test_to_networkx_with_results(want):
    """Graph.to_networkx(results=True) carries the same four results as the export."""
    check_graph(chaingraph.load().to_networkx(results=True), want)
