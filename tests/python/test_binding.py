"""The Python binding against the freshly built library: loading, the model, errors,
ownership, and the analyses checked against brute force written here in Python."""
import gc
import json
import os
import random

import pytest

import chaingraph

SOURCE = os.environ.get("CHAINGRAPH_SOURCE", os.path.join(os.path.dirname(__file__), "..", ".."))
MAGNET = os.path.join(SOURCE, "tests", "data", "magnet.chain")


@pytest.fixture
def magnet():
    with chaingraph.load(MAGNET) as g:
        yield g


def test_library_found():
    path = chaingraph.library_path()
    assert "libchaingraph" in path
    if os.environ.get("CHAINGRAPH_LIBRARY"):
        assert path == os.environ["CHAINGRAPH_LIBRARY"]


def test_model(magnet):
    assert len(magnet) == 6
    ids = {n["id"] for n in magnet.nodes}
    assert ids == {"ore", "ndfeb", "smco", "motor", "car", "phone"}
    by_id = {n["id"]: n for n in magnet.nodes}
    assert by_id["ndfeb"]["name"] == "钕铁硼"
    assert by_id["car"]["stage"] == "application"
    # 电机 <- 钕铁硼 | 钐钴: one OR group of two edges
    into_motor = [e for e in magnet.edges if e["target"] == "motor"]
    assert sorted(e["source"] for e in into_motor) == ["ndfeb", "smco"]
    assert len({json.dumps(e.get("group")) for e in into_motor}) == 1
    assert [c["id"] for c in magnet.chains] == ["magnet"]
    assert magnet.node_id("钕铁硼") == "ndfeb"
    assert magnet.node_id("NdFeB") == "ndfeb"
    assert "6 nodes" in repr(magnet)


def test_errors_carry_the_c_message(tmp_path):
    with pytest.raises(chaingraph.Error, match="no such file"):
        chaingraph.load(tmp_path / "missing.chain")
    bad = tmp_path / "bad.chain"
    bad.write_text("document d.txt\nnode a 甲 en=\"unterminated\n", encoding="utf-8")
    with pytest.raises(chaingraph.Error, match=r"bad\.chain:2:\d+: .*quote"):
        chaingraph.load(bad)
    unknown = tmp_path / "unknown.chain"
    unknown.write_text("document d.txt\nnode a 甲\nb -> a inferred=x\n", encoding="utf-8")
    with pytest.raises(chaingraph.Error, match=r"unknown\.chain:3:1: unknown node 'b'") as ei:
        chaingraph.load(unknown)
    assert ei.value.code == 2  # CG_ERROR_UNKNOWN
    with pytest.raises(chaingraph.Error, match="empty"):
        chaingraph.load_data("", name="e.chain")


def test_unknown_names_raise(magnet):
    with pytest.raises(chaingraph.Error, match="unknown node 'nothing'"):
        magnet.disrupt(nodes=["nothing"])
    with pytest.raises(chaingraph.Error, match="unknown region"):
        magnet.disrupt(regions=["Atlantis"])
    with pytest.raises(chaingraph.Error, match="unknown chain"):
        magnet.render("nothing", "/tmp/x.svg")


def test_closed_graph_raises_and_double_close_is_safe():
    g = chaingraph.load(MAGNET)
    g.close()
    g.close()
    with pytest.raises(chaingraph.Error, match="closed"):
        len(g)
    with pytest.raises(chaingraph.Error, match="closed"):
        g.bottlenecks()
    del g
    gc.collect()


def test_export_round_trip(magnet, tmp_path):
    for ext in ("json", "graphml"):
        p = tmp_path / f"m.{ext}"
        magnet.export(p)
        with chaingraph.load(p) as again:
            assert again.to_string("json") == magnet.to_string("json")
    magnet.export(tmp_path / "m.tsv")
    with chaingraph.load(tmp_path / "m.tsv") as again:
        assert {n["id"] for n in again.nodes} == {n["id"] for n in magnet.nodes}
        assert len(again.edges) == len(magnet.edges)


def test_disrupt(magnet):
    r = magnet.disrupt(nodes=["钕铁硼"])
    assert r["impact"] == 0.0  # 钐钴 is an alternative
    r = magnet.disrupt(nodes=["ndfeb", "smco"])
    assert r["impact"] == 1.0
    assert set(r["lost_applications"]) == {"car", "phone"}
    assert "loses 2 of 2 applications" in r["why"]
    r = magnet.disrupt(nodes=["ore"])
    assert set(r["lost"]) == {"ore", "ndfeb", "smco", "motor", "car", "phone"}


def test_bottlenecks_and_dominators(magnet):
    b = magnet.bottlenecks(top=0)
    assert [x["id"] for x in b[:2]] == ["motor", "ore"] or [x["id"] for x in b[:2]] == ["ore", "motor"]
    assert all(x["criticality"] == 1.0 for x in b[:2])
    assert all(x["why"] for x in b)
    assert magnet.dominators("car") == ["ore", "motor"]
    tree = magnet.dominator_tree()
    assert tree["ore"] is None and tree["motor"] == "ore" and tree["car"] == "motor"
    whole = magnet.bottlenecks(applications=True)
    assert {a["id"] for a in whole["applications"]} == {"car", "phone"}
    assert whole["exact"] is True
    (waist,) = whole["waists"]  # 稀土原料——钕铁硼、钐钴——电机——汽车、消费电子
    assert waist["width"] == 1 and waist["why"].startswith("磁性材料产业链: its narrowest stage")


def test_estimate_brackets_the_exact_value():
    # A layered AND/OR graph where every criticality is known exactly; the sampled
    # estimate's 95% interval must hold the exact value for (nearly) every listed node.
    rng = random.Random(3)
    text, groups, apps = _random_chain(rng, 40, 0.12, 0.5)
    with chaingraph.load_data(text, name="e.chain") as g:
        exact = {b["id"]: b["criticality"] for b in g.bottlenecks(top=0, betweenness=False, estimate=False)}
        est = g.bottlenecks(applications=True, top=0, betweenness=False, estimate=True, samples=4000)
        assert est["exact"] is False and est["method"] == "sampled-applications"
        assert est["samples"] == 4000
        inside = 0
        for b in est["nodes"]:
            assert b["criticality"] == pytest.approx(exact[b["id"]])  # listed: recomputed exactly
            lo, hi = b["ci95"]
            inside += lo <= exact[b["id"]] <= hi
        assert inside >= 0.9 * len(est["nodes"])


def _random_chain(rng, n, p_edge, p_or):
    lines = ["document r.txt"]
    apps = set()
    for v in range(n):
        app = rng.random() < 0.3
        if app:
            apps.add(v)
        lines.append(f"node n{v} N{v}" + (" stage=application" if app else ""))
    groups = {}
    for v in range(n):
        gs = []
        for u in range(n):
            if u != v and rng.random() < p_edge:
                if gs and rng.random() < p_or:
                    gs[rng.randrange(len(gs))].append(u)
                else:
                    gs.append([u])
        groups[v] = gs
        if gs:
            lines.append(f"n{v} <- " + " & ".join(" | ".join(f"n{u}" for u in g) for g in gs)
                         + ' inferred="random"')
    return "\n".join(lines) + "\n", groups, apps


def _producible(n, groups, removed):
    prod = set()
    changed = True
    while changed:  # the least fixed point, naively
        changed = False
        for v in range(n):
            if v in prod or v in removed:
                continue
            if all(any(u in prod for u in g) for g in groups[v]):
                prod.add(v)
                changed = True
    return prod


def test_criticality_matches_python_brute_force():
    rng = random.Random(7)
    for case in range(60):
        n = rng.randint(3, 11)
        text, groups, apps = _random_chain(rng, n, rng.choice([0.15, 0.3, 0.45]), rng.choice([0, 0.5, 0.9]))
        if not apps:
            continue
        base = _producible(n, groups, set())
        with chaingraph.load_data(text, name=f"r{case}.chain") as g:
            got = {b["id"]: b["criticality"] for b in g.bottlenecks(top=0, betweenness=False)}
            for x in range(n):
                lost = base - _producible(n, groups, {x})
                want = len(lost & apps) / len(apps)
                if x in apps:  # applications are not ranked
                    assert f"n{x}" not in got, (case, x, text)
                    continue
                assert abs(got.get(f"n{x}", 0.0) - want) < 1e-12, (case, x, text)
                r = g.disrupt(nodes=[f"n{x}"])
                assert set(r["lost"]) == {f"n{v}" for v in lost}


def test_report_and_render(magnet, tmp_path):
    text = magnet.report(lang="en")
    assert "BOTTLENECKS" in text
    zh = magnet.report(lang="zh", csv=tmp_path / "csv")
    assert "瓶颈" in zh and "BOTTLENECKS" not in zh
    # the CSV's ranking is the text's: the first bottleneck of both is the same node
    rows = (tmp_path / "csv" / "bottlenecks.csv").read_text(encoding="utf-8-sig").splitlines()
    first = rows[1].split(",")[1].split(" (")[0]
    assert " 1. " in zh and first in zh.split(" 1. ", 1)[1].splitlines()[0]
    with pytest.raises(chaingraph.Error):
        magnet.report(lang="fr")
    html = magnet.report(html=tmp_path / "r.html")
    page = open(html, encoding="utf-8").read()
    assert "<svg" in page and "钕铁硼" in page
    magnet.render("magnet", tmp_path / "m.svg")
    assert (tmp_path / "m.svg").read_text(encoding="utf-8").lstrip().startswith("<")
    magnet.render("magnet", tmp_path / "m.dot")
    dot = (tmp_path / "m.dot").read_text(encoding="utf-8")
    assert "digraph" in dot
    magnet.render("magnet", tmp_path / "p.dot", plain=True)
    assert (tmp_path / "p.dot").read_text(encoding="utf-8") != dot  # styled ≠ plain


RISKY = """document d.txt key=d
node ore 矿 en=ore stage=raw
node alt 替代料 en=alternative stage=raw
node mat 材料 en=material stage=material
node comp 部件 en=component stage=component
node app1 应用一 en=app1 stage=application
node app2 应用二 en=app2 stage=application weight=2
mat <- ore | alt inferred="t"
comp <- mat inferred="t"
app1 <- comp inferred="t"
app2 <- comp & mat inferred="t"
region 甲省 level=province
region 甲市 level=city parent=甲省
region 乙省 level=province
produces 甲市 ore,mat quote="x"
produces 乙省 alt,comp quote="x"
chokepoint ore kind=chokepoint quote="x"
"""


def _expected_loss_brute(probs, groups, apps, weights):
    """E[lost application weight] over every failure combination, written plainly."""
    import itertools
    uncertain = [v for v, p in probs.items() if 0 < p < 1]
    n = len(groups)
    base = _producible(n, groups, set())
    total = 0.0
    for bits in itertools.product([0, 1], repeat=len(uncertain)):
        failed = {v for v, b in zip(uncertain, bits) if b} | {v for v, p in probs.items() if p >= 1}
        pr = 1.0
        for v, b in zip(uncertain, bits):
            pr *= probs[v] if b else 1 - probs[v]
        lost = base - _producible(n, groups, failed)
        total += pr * sum(weights[a] for a in lost & apps)
    return total


def test_risk_exact_matches_brute_force_and_monte_carlo_brackets_it():
    rng = random.Random(11)
    for case in range(25):
        n = rng.randint(4, 9)
        text, groups, apps = _random_chain(rng, n, 0.3, 0.5)
        if not apps:
            continue
        probs = {v: rng.choice([0.0, 0.1, 0.3, 0.5]) for v in range(n)}
        with chaingraph.load_data(text, name=f"k{case}.chain") as g:
            given = {f"n{v}": p for v, p in probs.items()}
            exact = g.risk(probabilities=given, exact_max=16, invest=0)
            assert exact["expected_loss"]["method"] == "exact"
            want = _expected_loss_brute(probs, groups, apps, {a: 1.0 for a in apps})
            assert exact["expected_loss"]["mean"] == pytest.approx(want, abs=1e-9), (case, text)
            mc = g.risk(probabilities=given, exact_max=0, samples=4000, seed=case, invest=0)
            assert mc["expected_loss"]["method"] == "monte-carlo"
            lo, hi = mc["expected_loss"]["ci95"]
            assert lo - 0.05 <= want <= hi + 0.05  # the interval, with slack for its 5%


def test_risk_profile_and_output():
    with chaingraph.load_data(RISKY, name="r.chain") as g:
        r = g.risk(samples=2000, seed=3)
        assert set(r) >= {"nodes", "links", "expected_loss", "applications", "invest"}
        p = {x["id"]: x["probability"] for x in r["nodes"]}
        assert p["ore"] > p["alt"]  # chokepoint evidence raises the probability
        assert all(x["why"] for x in r["links"])
        assert r["links"] == sorted(r["links"], key=lambda x: -x["score"])
        top = [x for x in r["links"] if x["source"] == "ore"][0]
        assert "chokepoint (d “x”)" in top["why"]  # the evidence, cited
        assert "one of 2 alternatives" in top["why"]
        again = g.risk(samples=2000, seed=3)
        assert again["expected_loss"] == r["expected_loss"]  # seeded: reproducible
        hot = g.risk(samples=2000, seed=3, profile={"base_probability": 0.2})
        assert hot["expected_loss"]["mean"] > r["expected_loss"]["mean"]
        assert chaingraph.risk_profile({"base_probability": 0.2})["base_probability"] == 0.2
        with pytest.raises(chaingraph.Error, match="no.such.key"):
            g.risk(profile={"no.such.key": 1})
        assert len(g.risk(top=1)["links"]) == 1
        # An embargo is the outage of the foreign region (issue 14): 国外 also makes ore (made
        # at home too: it survives) and alone makes imp, the input of 替代料.
        foreign = ('region 国外 id=foreign level=country inferred="t"\n'
                   'node imp 进口料 en=imported stage=raw\nalt <- imp inferred="t"\n'
                   'produces 国外 ore,imp inferred="t"\n')
        with chaingraph.load_data(RISKY + foreign, name="f.chain") as gf:
            emb = gf.scenario(embargo=True, samples=2000)
        assert emb["disrupted"] == ["imp"] and emb["impact"] == 0.0  # 矿 stands in for 替代料
        change = emb["expected_loss"]["change"]["mean"]
        assert change > 0 and emb["why"].startswith("embargo")
        out = g.scenario(regions=["甲省"], samples=2000)
        assert set(out["disrupted"]) == {"ore", "mat"}
        assert set(out["lost_applications"]) == {"app1", "app2"}


def test_regional_single_points():
    with chaingraph.load_data(RISKY, name="p.chain") as g:
        pts = {p["id"]: p for p in g.bottlenecks(applications=True)["regional_single_points"]}
        assert set(pts) == {"ore", "mat", "alt", "comp"}
        assert pts["comp"]["region"] == "乙省"
        assert set(pts["comp"]["applications"]) == {"app1", "app2"}  # 部件 feeds both
        assert pts["ore"]["applications"] == []  # 替代料 stands in for 矿
        assert pts["comp"]["why"].startswith("部件: produced only in 乙省")


def test_complementarity_and_regions():
    with chaingraph.load_data(RISKY, name="c.chain") as g:
        c = g.complementarity(level="province")
        pairs = {(p["from"], p["to"]): p for p in c["pairs"]}
        assert set(pairs) == {("甲省", "乙省"), ("乙省", "甲省")}  # every ordered pair
        # 乙省 makes comp from mat, which only 甲省 (through 甲市) makes: 甲 fills 乙's gap.
        assert pairs[("甲省", "乙省")]["score"] > 0
        assert any(l["source"] == "mat" and l["target"] == "comp"
                   for l in pairs[("甲省", "乙省")]["links"])
        assert all(p["why"] for p in c["pairs"])
        assert c["pairs"] == sorted(c["pairs"], key=lambda p: -p["score"])
        gaps = g.gaps("乙省")
        assert "mat" in {x["id"] for x in gaps}
        assert g.partners("乙省")[0]["region"] == "甲省"
        both = g.completion(["甲省", "乙省"])
        assert both["completion"] == pytest.approx(1.0)
        alone = g.completion("乙省")
        assert alone["completion"] == 0.0 and "mat" in alone["missing"]
        with pytest.raises(chaingraph.Error, match="Atlantis"):
            g.completion(["Atlantis"])
        with pytest.raises(chaingraph.Error, match="level"):
            g.complementarity(level="planet")


def test_finds_the_build_tree_library_without_the_environment():
    """From a source checkout, the package finds build*/lib of that checkout by itself."""
    import subprocess, sys
    env = {k: v for k, v in os.environ.items() if k not in ("CHAINGRAPH_LIBRARY", "LD_LIBRARY_PATH")}
    pkg = os.path.dirname(os.path.dirname(os.path.abspath(chaingraph.__file__)))
    env["PYTHONPATH"] = pkg
    checkout = os.path.dirname(os.path.dirname(pkg))
    p = subprocess.run([sys.executable, "-c", "import chaingraph; print(chaingraph.library_path())"],
                       env=env, capture_output=True, text=True, cwd="/")
    assert p.returncode == 0, p.stderr
    path = p.stdout.strip()
    assert path.startswith(os.path.join(checkout, "build")), path
