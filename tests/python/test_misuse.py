"""Misuse of the Python binding (issue 16): every argument of every public function and
method is checked in Python before ctypes sees it. A wrong type raises TypeError, a value
out of range or out of its C type ValueError: never a GLib CRITICAL, a wrapped integer, a
pointer made of an int, or a crash.

The public API is introspected: every parameter of every public function and Graph method
must be listed in KINDS below (a new method or keyword without a kind fails
test_every_parameter_has_a_kind), and each kind's wrong values are tried on every
parameter of that kind with the C library replaced by a tripwire, so an argument that
reaches C before it is checked fails the test even when C would have caught it."""
import copy
import inspect
import math
import os
import pickle
import threading

import pytest

import chaingraph

SOURCE = os.environ.get("CHAINGRAPH_SOURCE", os.path.join(os.path.dirname(__file__), "..", ".."))
MAGNET = os.path.join(SOURCE, "tests", "data", "magnet.chain")
REGIONS = """
region 甲省 level=province
region 乙省 level=province
produces 甲省 ore,ndfeb quote="x"
produces 乙省 smco,motor quote="x"
"""

BIG = 2 ** 70
NUL = "a\0b"
# Wrong values by kind. Integer kinds name the C type's range; None is right for the
# integers whose default is None (the library's default) and wrong for the others.
WRONG = {
    "name": [None, 123, b"ndfeb", ["ndfeb"], 1.5, NUL],
    "opt_name": [123, b"json", ["json"], NUL],
    "path": [None, 123, ["x.json"], 1.5, NUL],
    "opt_path": [123, ["x.html"], NUL],
    "names": [None, "ndfeb", b"ndfeb", 123, [123], [None], ["ndfeb", None], [b"x"], [NUL],
              {"ndfeb"}],
    "names_or_str": [None, 123, [123], [None], ["甲省", None], b"x", NUL],
    "size": [-1, -5, BIG, 2 ** 64, 1.5, "10", True],
    "size1": [0, -1, BIG, 2 ** 64, 1.5, "10", True],
    "uint": [-1, 2 ** 32, BIG, 1.5, "2", True],
    "seed": [-1, 2 ** 64, BIG, 1.5, "1", True],
    "bool": [None, 1, 0, "yes"],
    "tristate": [1, 0, "yes"],
    "profile": [123, ["base_probability"], {"base_probability": None}, {1: 0.1},
                {"base_probability": [0.1]}, NUL],
    "probabilities": [123, "ndfeb", [0.5], {"ndfeb": "0.5"}, {"ndfeb": 1.5}, {"ndfeb": -0.1},
                      {"ndfeb": math.nan}, {None: 0.5}, {123: 0.5}, {"ndfeb": True}],
    "text": [None, 123, ["node a"], 1.5],
    "edges": [None, "ab", 123, [1], [("a",)], [("a", "b", "c", "d")], [("a", "b", 5)],
              [(None, "b")], [("a", NUL)]],
    "node_table": ["ab", 123, [None]],
    "attr": [123, b"stage", NUL],
    "networkx": [None, 123, [("a", "b")]],
    "real": [-1, -0.5, "0.1", True, math.nan, math.inf, [0.1]],
}
# Extra wrong values for one parameter of one function (its own range).
EXTRA_WRONG = {
    ("Graph.report", "width"): [39, 0],
    ("Graph.report", "top"): [0],
    ("Graph.region_view", "top"): [None],
    ("Graph.gaps", "top"): [None],
    ("Graph.partners", "top"): [None],
    ("Graph.render", "samples"): [None],
    ("Graph.complementarity", "weighting"): [123, b"uniform"],
}

# Every parameter's kind: by (qualified function name, parameter), else by parameter name.
KINDS_BY_FUNCTION = {
    ("from_edges", "nodes"): "node_table",
    ("from_edges", "name"): "name",
    ("from_networkx", "name"): "name",
    ("load_data", "name"): "name",
    ("Graph.to_string", "format"): "name",
    ("Graph.report", "top"): "size1",
    ("Graph.report", "samples"): "size1",
    ("Graph.report", "width"): "uint",
    ("Graph.report", "html"): "opt_path",
    ("Graph.report", "csv"): "opt_path",
    ("Graph.report", "lang"): "opt_name",
    ("Graph.completion", "regions"): "names_or_str",
    ("Graph.bottlenecks", "samples"): "size1",
    ("Graph.risk", "samples"): "size1",
    ("Graph.scenario", "samples"): "size1",
    ("Graph.render", "samples"): "size1",
    ("Graph.render", "chain"): "name",
    ("Graph.bottlenecks", "chain"): "opt_name",
    ("Graph.criticality", "threads"): "uint",
}
KINDS = {
    "key": "name", "application": "name", "region": "name",
    "format": "opt_name", "level": "opt_name", "weighting": "opt_name",
    "path": "path", "paths": "path",
    "nodes": "names", "regions": "names",
    "top": "size", "invest": "size", "invest_samples": "size",
    "samples": "size1", "seed": "seed", "threads": "uint", "exact_max": "uint", "width": "uint",
    "applications": "bool", "results": "bool", "embargo": "bool", "plain": "bool",
    "estimate": "tristate", "betweenness": "tristate",
    "profile": "profile", "probabilities": "probabilities", "precision": "real",
    "text": "text", "edges": "edges", "G": "networkx",
    "stage": "attr", "group": "attr", "name": "name",
    # the footing keywords (cg_graph_restrict()), wherever a method takes them
    "horizon": "opt_name", "weights": "opt_name", "without_inferred": "bool",
}


def public_callables():
    """(qualified name, function, is_method) for every public function and Graph method."""
    out = []
    for name in chaingraph.__all__:
        obj = getattr(chaingraph, name)
        if inspect.isfunction(obj):
            out.append((name, obj, False))
    for name, obj in inspect.getmembers(chaingraph.Graph):
        if name.startswith("_") or not callable(obj) or isinstance(obj, property):
            continue
        out.append((f"Graph.{name}", obj, True))
    return out


def parameters(fn):
    """The parameters a caller can pass: the wrapped function's and the wrapper's (a
    decorator adding keywords keeps both), without self, *args and **kwargs."""
    seen = {}
    for follow in (True, False):
        for p in inspect.signature(fn, follow_wrapped=follow).parameters.values():
            if p.name == "self" or p.kind == p.VAR_KEYWORD:
                continue
            if p.kind == p.VAR_POSITIONAL and p.name == "args" and not follow:
                continue
            seen.setdefault(p.name, p)
    return list(seen.values())


def kind_of(qualname, param):
    return KINDS_BY_FUNCTION.get((qualname, param), KINDS.get(param))


def test_every_parameter_has_a_kind():
    missing = [f"{q}({p.name})" for q, fn, _ in public_callables() for p in parameters(fn)
               if kind_of(q, p.name) is None]
    assert not missing, ("parameters without a kind in test_misuse.py (add each, and check it "
                         "in the binding): " + ", ".join(missing))


@pytest.fixture(scope="module")
def graph():
    with open(MAGNET, encoding="utf-8") as f:
        text = f.read() + REGIONS
    g = chaingraph.load_data(text, "magnet.chain")
    yield g
    g.close()


def valid_args(qualname, fn, graph, tmp):
    """Arguments that make the call succeed: the required parameters only."""
    good = {
        "key": "ndfeb", "application": "car", "region": "甲省", "regions": ["甲省"],
        "chain": "magnet", "text": "node a stage=raw\n", "edges": [("a", "b")],
        "paths": MAGNET, "format": "json",
    }
    if qualname == "Graph.render":
        good["path"] = os.path.join(tmp, "x.svg")
    else:
        good["path"] = os.path.join(tmp, "x.json")
    if qualname == "from_networkx":
        nx = pytest.importorskip("networkx")
        G = nx.DiGraph()
        G.add_edge("a", "b")
        good["G"] = G
    args, kwargs = [], {}
    for p in parameters(fn):
        if p.kind == p.VAR_POSITIONAL:
            args.append(good["paths"])
        elif p.default is p.empty:
            kwargs[p.name] = good[p.name]
    return args, kwargs


class Tripwire:
    """Stands in for the C library: any use of it means an argument reached C unchecked."""

    def __getattr__(self, name):
        raise AssertionError(f"{name} was reached before the arguments were checked")


def cases():
    for qualname, fn, is_method in public_callables():
        for p in parameters(fn):
            kind = kind_of(qualname, p.name)
            if kind is None:
                continue
            wrong = list(WRONG[kind]) + EXTRA_WRONG.get((qualname, p.name), [])
            if kind in ("size", "size1", "uint", "seed") and p.default is not None \
                    and p.kind != p.VAR_POSITIONAL:
                wrong.append(None)
            for i, value in enumerate(wrong):
                yield pytest.param(qualname, fn, is_method, p, value,
                                   id=f"{qualname}-{p.name}-{i}")


@pytest.mark.parametrize("qualname,fn,is_method,param,value", list(cases()))
def test_wrong_argument_is_refused_before_c(qualname, fn, is_method, param, value, graph,
                                            tmp_path, monkeypatch):
    args, kwargs = valid_args(qualname, fn, graph, str(tmp_path))
    if param.kind == param.VAR_POSITIONAL:
        args = [value]
    elif param.kind == param.POSITIONAL_ONLY:
        pytest.fail(f"{qualname}: positional-only parameter {param.name}")
    else:
        kwargs[param.name] = value
    monkeypatch.setattr(chaingraph, "_lib", Tripwire())
    monkeypatch.setattr(graph, "_lib", Tripwire())
    with pytest.raises((TypeError, ValueError)) as info:
        if is_method:
            fn(graph, *args, **kwargs)
        else:
            fn(*args, **kwargs)
    assert not isinstance(info.value, AssertionError)
    assert str(info.value)


@pytest.mark.parametrize("qualname,fn,is_method", [c for c in public_callables()],
                         ids=[c[0] for c in public_callables()])
def test_valid_arguments_work(qualname, fn, is_method, graph, tmp_path):
    """The control: with the valid values the wrong-argument test starts from, each call
    succeeds (so a refusal there is the wrong argument's)."""
    args, kwargs = valid_args(qualname, fn, graph, str(tmp_path))
    if qualname in ("Graph.close",):
        return
    if qualname in ("Graph.risk", "Graph.scenario", "Graph.report", "Graph.bottlenecks"):
        kwargs.setdefault("samples", 200)
    out = fn(graph, *args, **kwargs) if is_method else fn(*args, **kwargs)
    if isinstance(out, chaingraph.Graph) and out is not graph:
        out.close()


def test_int_region_is_not_a_pointer(graph):
    with pytest.raises(TypeError, match=r"regions\[0\] must be a str, not int"):
        graph.disrupt(regions=[123])
    with pytest.raises(TypeError, match=r"nodes must be a list or tuple of str, not str"):
        graph.disrupt(nodes="ndfeb")
    with pytest.raises(ValueError, match=r"samples must be between 1 and \d+, not 1180591620717411303424"):
        graph.risk(samples=2 ** 70)
    with pytest.raises(ValueError, match=r"top must be between 0 and \d+, not -5"):
        graph.bottlenecks(top=-5)
    with pytest.raises(TypeError, match="key must be a str, not NoneType"):
        graph.node_index(None)
    with pytest.raises(ValueError, match="NUL"):
        graph.node_index("nd\0feb")


def test_graph_is_not_made_from_an_integer(graph):
    for handle in (12345, 0, None, "x", graph._as_parameter_, graph._as_parameter_.value):
        with pytest.raises(TypeError, match="come from load"):
            chaingraph.Graph(handle)
    assert len(graph) == 6  # the failed constructions freed nothing


def test_graph_is_not_copied_or_pickled(graph):
    for op in (copy.copy, copy.deepcopy, pickle.dumps):
        with pytest.raises(TypeError, match="cannot be"):
            op(graph)
    with pytest.raises(TypeError):
        copy.deepcopy({"g": graph})
    assert len(graph) == 6


def test_partial_probability_override(graph):
    """{node: p} changes only that node: the same answer as the full dict holding the model's
    probability for every other node (exact enumeration, so the answers are exact)."""
    model = {n["id"]: n["probability"] for n in graph.risk(exact_max=24)["nodes"]}
    full = dict(model, ndfeb=0.75)
    partial = graph.risk(exact_max=24, probabilities={"钕铁硼": 0.75})
    whole = graph.risk(exact_max=24, probabilities=full)
    assert {n["id"]: n["probability"] for n in partial["nodes"]}["ndfeb"] == 0.75
    assert partial["expected_loss"] == whole["expected_loss"]
    assert partial["nodes"] == whole["nodes"]
    base = graph.risk(exact_max=24)
    assert partial["expected_loss"] != base["expected_loss"]
    with pytest.raises(chaingraph.Error, match="nosuch"):
        graph.risk(probabilities={"nosuch": 0.5})


def test_one_graph_shared_by_threads(graph):
    """Read-only analyses on one graph from several Python threads give the sequential
    answers (docs/conventions.md, Thread safety)."""
    def work():
        return (graph.bottlenecks(top=0), graph.risk(samples=500, threads=2),
                graph.complementarity(level="any"), graph.disrupt(regions=["甲省"]))

    expected = work()
    out = [None] * 4

    def run(i):
        out[i] = work()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(out))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(o == expected for o in out)
