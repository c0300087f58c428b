"""Option structs and versions from Python (issue 13, items 5 and 8): the binding's ctypes
layouts are the C structs', its defaults are the C _init() functions' (none copied by
hand), and it checks the library's version at load."""
import ctypes
import inspect
import os
import re
import subprocess

import pytest

import chaingraph

SOURCE = os.environ.get("CHAINGRAPH_SOURCE", os.path.join(os.path.dirname(__file__), "..", ".."))
MAGNET = os.path.join(SOURCE, "tests", "data", "magnet.chain")
STRUCTS = {
    "bottleneck": chaingraph._BottleneckOptions,
    "risk": chaingraph._RiskOptions,
    "complement": chaingraph._ComplementOptions,
    "report": chaingraph._ReportOptions,
}


@pytest.fixture(scope="module")
def c_defaults():
    """{struct: {"sizeof": n, field: (offset, value)}} from tests/cg-defaults.c."""
    exe = os.environ.get("CG_DEFAULTS")
    if not exe:
        pytest.skip("CG_DEFAULTS (the cg-defaults test program) is not set")
    out = {}
    for line in subprocess.run([exe], check=True, capture_output=True, text=True).stdout.splitlines():
        key, a, b = line.split()
        if a == "sizeof":
            out.setdefault(key, {})["sizeof"] = int(b)
        else:
            struct, field = key.split(".")
            out.setdefault(struct, {})[field] = (int(a), b)
    return out


@pytest.mark.parametrize("name", sorted(STRUCTS))
def test_layout_matches_c(c_defaults, name):
    struct, c = STRUCTS[name], c_defaults[name]
    assert ctypes.sizeof(struct) == c["sizeof"]
    fields = [f[0] for f in struct._fields_]
    assert fields == [f for f in c if f != "sizeof"]  # same fields, same order
    for f in fields:
        assert getattr(struct, f).offset == c[f][0], f
    assert fields[0] == "version"


@pytest.mark.parametrize("name", sorted(STRUCTS))
def test_defaults_come_from_c(c_defaults, name):
    opts = chaingraph._options(STRUCTS[name])
    for field, (_, want) in ((f, v) for f, v in c_defaults[name].items() if f != "sizeof"):
        got = getattr(opts, field)
        if want == "null":
            assert not got, field
        elif isinstance(got, bytes):
            assert got.decode() == want, field
        else:
            assert float(got) == float(want), field


def test_no_hand_copied_defaults():
    """Every option a method passes to an options struct defaults to None: the library's
    _init() decides (render's samples=1000 is the drawing's own count, as in the CLI)."""
    g = chaingraph.Graph
    option_args = {
        g.bottlenecks: ["top", "chain", "betweenness", "threads", "estimate", "samples", "seed"],
        g.risk: ["samples", "seed", "profile", "top", "threads", "exact_max", "invest",
                 "invest_samples", "probabilities"],
        g.scenario: ["samples", "seed", "profile", "threads", "exact_max"],
        g.complementarity: ["level", "top", "weighting", "threads"],
        g.report: ["top", "samples", "seed", "width", "level"],
        g.render: ["seed"],
    }
    for fn, names in option_args.items():
        params = inspect.signature(fn).parameters
        for n in names:
            assert params[n].default is None, f"{fn.__name__}({n}={params[n].default!r})"


def test_default_top_is_c_default(c_defaults):
    """top: 10 as in C and the CLI (it was 20 in Python before the defaults were unified)."""
    with chaingraph.load() as g:
        want = int(c_defaults["bottleneck"]["top"][1])
        assert len(g.bottlenecks()) == want
        assert len(g.risk(samples=200, invest=0)["links"]) == int(c_defaults["risk"]["top"][1])


def test_betweenness_policy_in_c():
    with chaingraph.load(MAGNET) as g:
        auto = g.bottlenecks(top=0)
        assert all(b["betweenness"] is not None for b in auto)  # small graph: computed
        never = g.bottlenecks(top=0, betweenness=False)
        assert all(b.get("betweenness") is None for b in never)
        assert g.bottlenecks(top=0, betweenness=True) == auto


def test_version():
    have = chaingraph.library_version()
    assert re.fullmatch(r"\d+\.\d+\.\d+", have)
    assert chaingraph._version_matches(have)
    assert chaingraph.__version__.split(".")[:2] == have.split(".")[:2]
    with open(os.path.join(SOURCE, "meson.build"), encoding="utf-8") as f:
        project = re.search(r"version:\s*'([^']+)'", f.read()).group(1)
    assert have == project and chaingraph.__version__ == project
    major, minor = (int(x) for x in have.split(".")[:2])
    assert not chaingraph._version_matches(f"{major}.{minor + 1}.0")
    assert not chaingraph._version_matches(f"{major + 1}.{minor}.0")
