"""Results for data users (issue 15): every result has to_pandas() (one row per node, link or
region pair) and {node id: value} mappings. Oracle: the command line's --json output on the
same bundled chains (a second reading of the same answers, through the CLI)."""
import json
import os
import subprocess

import pytest

import chaingraph

pandas = pytest.importorskip("pandas", reason="python3-pandas is not installed")
CG = os.environ.get("CHAINGRAPH_BIN")


def cli(*args):
    if not CG:
        pytest.skip("CHAINGRAPH_BIN is not set (run through meson test)")
    return json.loads(subprocess.run([CG, *args, "--json"], check=True, capture_output=True).stdout)


@pytest.fixture(scope="module")
def g():
    return chaingraph.load()


def test_bottlenecks_table_and_mapping(g):
    r = g.bottlenecks(top=10)
    want = cli("bottlenecks", "--top", "10")["nodes"]
    df = r.to_pandas()
    assert len(df) == len(want) == len(r)
    assert list(df["id"]) == [x["id"] for x in want]
    assert list(df["criticality"]) == pytest.approx([x["criticality"] for x in want], abs=1e-12)
    crit = r.criticality
    assert len(crit) == len(g)  # every node, applications and zeros included
    for x in want:
        assert crit[x["id"]] == pytest.approx(x["criticality"], abs=1e-12)
    assert sum(v > 0 for v in crit.values()) >= len(want)


def test_risk_tables_and_mappings(g):
    r = g.risk(samples=2000, seed=3, top=5)
    want = cli("risk", "--samples", "2000", "--seed", "3", "--top", "5")
    p = r.failure_probability
    assert len(p) == len(g) == len(want["nodes"])
    for x in want["nodes"]:
        assert p[x["id"]] == pytest.approx(x["probability"], abs=1e-12)
    links = r.to_pandas("links")
    assert len(links) == len(want["links"]) == 5
    assert list(links["score"]) == pytest.approx([x["score"] for x in want["links"]], abs=1e-12)
    assert r.link_score == {(x["source"], x["target"]): pytest.approx(x["score"], abs=1e-12)
                            for x in want["links"]}
    apps = r.to_pandas("applications")
    assert list(apps["failure_probability"]) == pytest.approx(
        [x["failure_probability"] for x in want["applications"]], abs=1e-12)
    assert len(r.to_pandas()) == len(g)  # nodes by default
    with pytest.raises(ValueError):
        r.to_pandas("regions")


def test_complement_table_and_mapping(g):
    r = g.complementarity(level="province")
    want = cli("complement", "--level", "province")
    df = r.to_pandas()
    assert len(df) == len(want["pairs"]) > 0
    assert "links" not in df.columns  # one row per pair, its linking edges left out
    assert list(zip(df["from"], df["to"])) == [(x["from"], x["to"]) for x in want["pairs"]]
    assert r.score == {(x["from"], x["to"]): pytest.approx(x["score"], abs=1e-12) for x in want["pairs"]}


def test_results_are_still_plain_containers(g):
    """The new classes subclass list and dict: code written for the old results works."""
    assert isinstance(g.bottlenecks(), list)
    assert isinstance(g.risk(samples=200), dict)
    assert isinstance(g.complementarity(), dict)
    json.dumps(g.complementarity())


def test_risk_json_written_in_chunks(tmp_path):
    """risk --json writes "nodes" a few thousand records at a time (a million would not fit
    a document tree): on 9,000 nodes (three chunks) the text still parses, holds every node
    once, ordered by probability descending."""
    prefix = str(tmp_path / "g.tsv")
    subprocess.run([CG or "false", "generate", "--nodes", "9000", "--regions", "60", "-o", prefix],
                   check=True, capture_output=True)
    d = cli("risk", "--top", "3", "--samples", "256", prefix)
    g = chaingraph.load(prefix)
    ids = [x["id"] for x in d["nodes"]]
    assert len(ids) == len(g) == 9000 and len(set(ids)) == 9000
    p = [x["probability"] for x in d["nodes"]]
    assert all(a >= b for a, b in zip(p, p[1:]))
    assert len(d["links"]) == 3 and d["expected_loss"]["mean"] >= 0


def test_disrupt_and_scenario_tables(g):
    want = cli("disrupt", "--node", "电子特气")
    r = g.disrupt(nodes=["电子特气"])
    df = r.to_pandas()
    assert list(df["id"]) == want["lost"] and len(df) >= 3
    assert set(df[df["application"]]["id"]) == set(want["lost_applications"])
    assert list(df[df["disrupted"]]["id"]) == want["disrupted"]
    assert set(r.lost) == set(want["lost"])
    sc = g.scenario(nodes=["电子特气"], samples=500)
    assert list(sc.to_pandas()["id"]) == sc["lost"] == want["lost"]


def test_region_tables(g):
    want = cli("complement", "--region", "赣州", "--top", "5")
    r = g.region_view("赣州", top=5)
    assert list(r.to_pandas()["id"]) == [x["id"] for x in want["gaps"]]
    assert list(r.to_pandas("partners")["region"]) == [x["region"] for x in want["partners"]]
    assert r.gap_weight == {x["id"]: pytest.approx(x["weight"], abs=1e-12) for x in want["gaps"]}
    with pytest.raises(ValueError):
        r.to_pandas("pairs")
