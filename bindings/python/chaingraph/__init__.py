"""chaingraph — industrial chains (产业链) as directed graphs, from Python.

A thin ctypes binding over libchaingraph: every analysis runs in C and comes back as
plain Python objects (dicts, lists, floats), decoded from the library's own JSON, so the
Python answers are the CLI's ``--json`` answers.

    import chaingraph
    g = chaingraph.load()                    # the bundled chains; or load("a.chain", "b.json")
    for b in g.bottlenecks(top=5):
        print(f"{b['criticality']:.0%}", b["why"])
    print(g.disrupt(nodes=["钕铁硼"])["impact"])

The library is found from ``$CHAINGRAPH_LIBRARY``, then the build tree of the source checkout
this package lies in (``build*/lib``), then the library of the prefix this package is installed
in (``PREFIX/lib*/``), then the system (``libchaingraph.so.0``). Errors
raise :class:`chaingraph.Error` carrying the C library's message.

Every argument is checked before the C library sees it: names (node ids, aliases, regions,
chains, formats, levels) are ``str``, file paths ``str``, ``bytes`` or ``os.PathLike``,
lists of names are lists or tuples (a bare ``str`` is not taken for a list), integers must
fit their C type and range (nothing wraps). A wrong type raises TypeError, a wrong value
ValueError. A :class:`Graph` may be shared by several threads (docs/conventions.md).
"""
import ctypes
import glob
import json
import math
import numbers
import os

__all__ = ["Error", "Graph", "Ranking", "RiskResult", "ComplementResult", "ImpactResult", "RegionResult",
           "load", "load_data", "from_edges",
           "from_networkx", "library_path", "library_version",
           "risk_profile", "__version__"]

# The library version this binding was written for: at load, the library's cg_version()
# must have the same major and minor version (the option structs below mirror its headers).
__version__ = "0.1.0"


class Error(Exception):
    """A chaingraph error: the C library's GError message (``file:line:column: …`` for
    data errors), with its code in ``code`` (see ``CgError`` in graph.h)."""

    def __init__(self, message, code=None):
        super().__init__(message)
        self.code = code


class _GError(ctypes.Structure):
    _fields_ = [("domain", ctypes.c_uint32), ("code", ctypes.c_int), ("message", ctypes.c_char_p)]


_GErrorP = ctypes.POINTER(_GError)


# CgProgressFunc: (fraction, phase, user data) -> go on.
_PROGRESS = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_double, ctypes.c_char_p, ctypes.c_void_p)


# The option structs, each as its CG_X_OPTIONS_VERSION declares it (``VERSION``). Their
# defaults are never written here: _options() has the library's cg_X_options_init() fill
# them, then sets only what the caller gave.
class _BottleneckOptions(ctypes.Structure):
    VERSION = 2
    INIT = "cg_bottleneck_options_init"
    _fields_ = [
        ("version", ctypes.c_uint),
        ("top", ctypes.c_size_t),
        ("chain", ctypes.c_char_p),
        ("betweenness", ctypes.c_int),
        ("threads", ctypes.c_uint),
        ("estimate", ctypes.c_int),
        ("samples", ctypes.c_size_t),
        ("seed", ctypes.c_uint64),
        ("progress", _PROGRESS),
        ("progress_data", ctypes.c_void_p),
    ]


class _RiskOptions(ctypes.Structure):
    VERSION = 2
    INIT = "cg_risk_options_init"
    _fields_ = [
        ("version", ctypes.c_uint),
        ("samples", ctypes.c_size_t),
        ("seed", ctypes.c_uint64),
        ("threads", ctypes.c_uint),
        ("top", ctypes.c_size_t),
        ("exact_max", ctypes.c_uint),
        ("profile", ctypes.c_void_p),
        ("invest", ctypes.c_size_t),
        ("invest_samples", ctypes.c_size_t),
        ("probabilities", ctypes.POINTER(ctypes.c_double)),
        ("precision", ctypes.c_double),
        ("progress", _PROGRESS),
        ("progress_data", ctypes.c_void_p),
    ]


_CALLBACK = object()  # stands for the progress callback in _interruptible()'s arguments


def _interruptible(opts, free, fn, *args, field="progress"):
    """_call(fn, *args) with Ctrl-C: the C call runs in a worker thread (ctypes releases
    the GIL), so the main thread keeps receiving signals; on KeyboardInterrupt it sets a flag
    that the progress callback (the options' @field, or the argument given as _CALLBACK when
    @opts is None; called by the library within its long loops, at most ten times a second)
    returns as "stop", waits for the call to end (cancelled, everything freed) and
    re-raises."""
    import threading
    stop = threading.Event()
    box = {}

    def progress(_fraction, _phase, _data):
        return 0 if stop.is_set() else 1

    cb = _PROGRESS(progress)
    if opts is not None:
        setattr(opts, field, cb)
    args = tuple(cb if a is _CALLBACK else a for a in args)

    def run():
        try:
            box["value"] = _call(fn, *args)
        except BaseException as e:  # handed to the main thread
            box["error"] = e

    t = threading.Thread(target=run, name="chaingraph-call", daemon=True)
    t.start()
    try:
        while t.is_alive():
            t.join(0.1)
    except KeyboardInterrupt:
        stop.set()
        t.join()
        if box.get("value"):  # finished before it saw the request
            free(box["value"])
        raise
    finally:
        del cb
    if "error" in box:
        raise box["error"]
    return box["value"]


class _ComplementOptions(ctypes.Structure):
    VERSION = 2
    INIT = "cg_complement_options_init"
    _fields_ = [
        ("version", ctypes.c_uint),
        ("level", ctypes.c_char_p),
        ("top", ctypes.c_size_t),
        ("threads", ctypes.c_uint),
        ("weighting", ctypes.c_int),
        ("progress", _PROGRESS),
        ("progress_data", ctypes.c_void_p),
    ]


class _ReportOptions(ctypes.Structure):
    VERSION = 3
    INIT = "cg_report_options_init"
    _fields_ = [
        ("version", ctypes.c_uint),
        ("top", ctypes.c_size_t),
        ("samples", ctypes.c_size_t),
        ("seed", ctypes.c_uint64),
        ("width", ctypes.c_uint),
        ("level", ctypes.c_char_p),
        ("progress", ctypes.c_void_p),
        ("progress_data", ctypes.c_void_p),
        ("lang", ctypes.c_char_p),
        ("csv_dir", ctypes.c_char_p),
        ("html_chains", ctypes.c_void_p),
        ("fraction", _PROGRESS),
        ("fraction_data", ctypes.c_void_p),
    ]


class _FootingOptions(ctypes.Structure):
    VERSION = 1
    INIT = "cg_footing_options_init"
    _fields_ = [
        ("version", ctypes.c_uint),
        ("horizon", ctypes.c_int),
        ("without_inferred", ctypes.c_int),
        ("weights", ctypes.c_int),
    ]


class _GraphHandle(ctypes.c_void_p):
    """A CgGraph * just returned by one of the library's graph constructors: the only
    thing :class:`Graph` accepts (so no user integer ever becomes a graph pointer)."""


_P = ctypes.c_void_p
_G = _GraphHandle
_S = ctypes.c_char_p
_E = ctypes.POINTER(_GErrorP)
_SZ = ctypes.c_size_t
_U32P = ctypes.POINTER(ctypes.c_uint32)
_NODE = ctypes.c_uint32  # CgNodeId
_STRV = ctypes.POINTER(ctypes.c_char_p)

# (name, argtypes, restype): the C functions the binding calls. A missing symbol means
# the library and the binding come from different versions.
_FUNCTIONS = [
    ("cg_version", [], _S),
    ("cg_bottleneck_options_init", [ctypes.POINTER(_BottleneckOptions), ctypes.c_uint], ctypes.c_int),
    ("cg_risk_options_init", [ctypes.POINTER(_RiskOptions), ctypes.c_uint], ctypes.c_int),
    ("cg_complement_options_init", [ctypes.POINTER(_ComplementOptions), ctypes.c_uint], ctypes.c_int),
    ("cg_report_options_init", [ctypes.POINTER(_ReportOptions), ctypes.c_uint], ctypes.c_int),
    ("cg_footing_options_init", [ctypes.POINTER(_FootingOptions), ctypes.c_uint], ctypes.c_int),
    ("cg_graph_restrict", [_P, ctypes.POINTER(_FootingOptions), _E], _G),
    ("cg_graph_load", [_STRV, _S, _E], _G),
    ("cg_graph_load_with_progress", [_STRV, _S, _PROGRESS, _P, _E], _G),
    ("cg_graph_load_data", [_S, ctypes.c_ssize_t, _S, _S, _E], _G),
    ("cg_graph_load_default", [_E], _G),
    ("cg_graph_free", [_P], None),
    ("cg_graph_save", [_P, _S, _S, _E], ctypes.c_int),
    ("cg_graph_save_with_results", [_P, _S, _S, _E], ctypes.c_int),
    ("cg_graph_to_string_with_results", [_P, _S, _E], _P),
    ("cg_graph_to_string", [_P, _S, _E], _P),
    ("cg_graph_n_nodes", [_P], _SZ),
    ("cg_graph_n_edges", [_P], _SZ),
    ("cg_graph_n_regions", [_P], _SZ),
    ("cg_graph_n_chains", [_P], _SZ),
    ("cg_graph_find_node", [_P, _S], ctypes.c_ssize_t),
    ("cg_graph_lookup_node", [_P, _S, _E], ctypes.c_ssize_t),
    ("cg_graph_find_chain", [_P, _S], ctypes.c_ssize_t),
    ("cg_node_id", [_P, _NODE], _S),
    ("cg_free", [_P], None),
    ("cg_disrupt", [_P, _U32P, _SZ, _STRV, _E], _P),
    ("cg_impact_to_json", [_P, _P], _P),
    ("cg_impact_free", [_P], None),
    ("cg_bottlenecks", [_P, ctypes.POINTER(_BottleneckOptions), _E], _P),
    ("cg_bottlenecks_to_json", [_P, _P, ctypes.c_int, _E], _P),
    ("cg_bottlenecks_free", [_P], None),
    ("cg_single_points", [_P, _NODE, ctypes.POINTER(_SZ)], _U32P),
    ("cg_dominator_tree", [_P], _U32P),
    ("cg_chain_render_to_file", [_P, _SZ, _P, _S, _S, _E], ctypes.c_int),
    ("cg_render_style_new", [_P, _P], _P),
    ("cg_render_style_free", [_P], None),
    ("cg_risk_profile_new", [], _P),
    ("cg_risk_profile_free", [_P], None),
    ("cg_risk_profile_load", [_P, _S, _E], ctypes.c_int),
    ("cg_risk_profile_set", [_P, _S, _S, _E], ctypes.c_int),
    ("cg_risk_profile_to_text", [_P], _P),
    ("cg_risk", [_P, ctypes.POINTER(_RiskOptions), _E], _P),
    ("cg_risk_to_json", [_P, _P, _SZ, _E], _P),
    ("cg_risk_free", [_P], None),
    ("cg_risk_scenario", [_P, _P, _U32P, _SZ, _STRV, ctypes.c_int, ctypes.POINTER(_RiskOptions), _E], _P),
    ("cg_risk_scenario_to_json", [_P, _P, _E], _P),
    ("cg_risk_scenario_free", [_P], None),
    ("cg_complement", [_P, ctypes.POINTER(_ComplementOptions), _E], _P),
    ("cg_complement_to_json", [_P, _P, _E], _P),
    ("cg_complement_free", [_P], None),
    ("cg_region_view_to_json_at", [_P, _S, _S, _SZ, _E], _P),
    ("cg_completion_to_json", [_P, _STRV, _E], _P),
    ("cg_report_text", [_P, ctypes.POINTER(_ReportOptions), _E], _P),
    ("cg_report_html", [_P, ctypes.POINTER(_ReportOptions), _S, _E], ctypes.c_int),
    ("cg_stage_from_string", [_S, ctypes.POINTER(ctypes.c_int)], ctypes.c_int),
    ("cg_criticality", [_P, ctypes.c_uint, _P], ctypes.POINTER(ctypes.c_double)),
    ("cg_graph_builder_new", [_S], _P),
    ("cg_graph_builder_free", [_P], None),
    ("cg_graph_builder_finish", [_P, _E], _G),
    ("cg_graph_builder_add_node", [_P, _S], _NODE),
    ("cg_graph_builder_set_node_name", [_P, _NODE, _S, _E], ctypes.c_int),
    ("cg_graph_builder_set_node_name_en", [_P, _NODE, _S, _E], ctypes.c_int),
    ("cg_graph_builder_set_node_stage", [_P, _NODE, ctypes.c_int, _E], ctypes.c_int),
    ("cg_graph_builder_set_node_weight", [_P, _NODE, ctypes.c_double, _E], ctypes.c_int),
    ("cg_graph_builder_set_node_import_share", [_P, _NODE, ctypes.c_double, _E], ctypes.c_int),
    ("cg_graph_builder_set_node_substitutability", [_P, _NODE, ctypes.c_double, _E], ctypes.c_int),
    ("cg_graph_builder_set_node_recycling", [_P, _NODE, ctypes.c_double, _E], ctypes.c_int),
    ("cg_graph_builder_add_node_alias", [_P, _NODE, _S, _E], ctypes.c_int),
    ("cg_graph_builder_add_node_domain", [_P, _NODE, _S], None),
    ("cg_graph_builder_add_edge", [_P, _NODE, _NODE, _S, _P], None),
]

_lib = None
_lib_path = None


def _candidates():
    env = os.environ.get("CHAINGRAPH_LIBRARY")
    if env:
        yield env
        return
    here = os.path.dirname(os.path.abspath(__file__))
    # A source checkout: bindings/python/chaingraph -> the checkout, whose build*/lib holds it.
    root = os.path.dirname(os.path.dirname(os.path.dirname(here)))
    if os.path.basename(os.path.dirname(os.path.dirname(here))) == "bindings":
        for pattern in ("build/lib/libchaingraph.so.0", "build*/lib/libchaingraph.so.0"):
            yield from sorted(glob.glob(os.path.join(root, pattern)))
    # An installed package: PREFIX/lib/pythonX/…-packages/chaingraph -> PREFIX/lib*/…
    parts = here.split(os.sep)
    if "lib" in parts[:-1]:
        prefix = os.sep.join(parts[:len(parts) - 1 - parts[::-1].index("lib")]) or os.sep
        for pattern in ("lib/*/libchaingraph.so.0", "lib/libchaingraph.so.0",
                        "lib64/libchaingraph.so.0"):
            yield from sorted(glob.glob(os.path.join(prefix, pattern)))
    yield "libchaingraph.so.0"


def _library():
    global _lib, _lib_path
    if _lib is not None:
        return _lib
    tried = []
    for path in _candidates():
        try:
            lib = ctypes.CDLL(path)
        except OSError as e:
            tried.append(f"{path}: {e}")
            continue
        for name, argtypes, restype in _FUNCTIONS:
            try:
                fn = getattr(lib, name)
            except AttributeError:
                raise Error(f"{path} lacks {name}: the library and the binding versions differ")
            fn.argtypes = argtypes
            fn.restype = restype
        have = lib.cg_version().decode()
        if not _version_matches(have):
            raise Error(f"{path} is libchaingraph {have}; this binding is for {__version__}: "
                        "the library and the binding versions differ")
        _lib, _lib_path = lib, path
        return lib
    raise Error("cannot load libchaingraph (set CHAINGRAPH_LIBRARY to its path); tried: "
                + "; ".join(tried))


def library_path():
    """The path of the libchaingraph the binding loaded."""
    _library()
    return _lib_path


def _version_matches(have):
    """Whether a library of version ``have`` ("MAJOR.MINOR.MICRO") has the option layouts
    this binding declares: the same major and minor version as ``__version__``."""
    return have.split(".")[:2] == __version__.split(".")[:2]


def library_version():
    """The version of the libchaingraph the binding loaded (its ``cg_version()``)."""
    return _library().cg_version().decode()


def _options(struct, **fields):
    """An option struct filled with the library's defaults (its cg_X_options_init()), then
    with every field of ``fields`` that is not None."""
    opts = struct()
    if getattr(_library(), struct.INIT)(ctypes.byref(opts), struct.VERSION) != 0:
        raise Error(f"{struct.INIT}: the library does not know version {struct.VERSION}: "
                    "the library and the binding versions differ")
    for name, value in fields.items():
        if value is not None:
            setattr(opts, name, value)
    return opts


def _optional(name, argtypes, restype):
    """A C function that only newer libraries have, or None."""
    lib = _library()
    fn = getattr(lib, name, None)
    if fn is not None:
        fn.argtypes = argtypes
        fn.restype = restype
    return fn


def _call(fn, *args):
    """Calls a C function whose last argument is GError **; raises Error on failure."""
    err = _GErrorP()
    res = fn(*args, ctypes.byref(err))
    if err:
        msg = err.contents.message.decode("utf-8", "replace")
        code = err.contents.code
        _glib_error_free(err)
        raise Error(msg, code)
    return res


def _glib_error_free(err):
    glib = getattr(_glib_error_free, "lib", None)
    if glib is None:
        glib = ctypes.CDLL("libglib-2.0.so.0")
        glib.g_error_free.argtypes = [_GErrorP]
        glib.g_error_free.restype = None
        _glib_error_free.lib = glib
    glib.g_error_free(err)


def _take_string(ptr):
    """Decodes a (transfer full) C string and frees it."""
    if not ptr:
        return None
    try:
        return ctypes.string_at(ptr).decode("utf-8")
    finally:
        _library().cg_free(ptr)


def _json(ptr):
    return json.loads(_take_string(ptr))


# -- results for data users: pandas tables and {node id: value} mappings ---------------------

def _frame(rows):
    """A pandas DataFrame of @rows (dicts), nested values kept as Python objects."""
    try:
        import pandas
    except ImportError as e:  # pragma: no cover - pandas is optional
        raise ImportError("to_pandas() needs pandas (Debian: apt-get install python3-pandas)") from e
    return pandas.DataFrame.from_records(list(rows))


class Ranking(list):
    """The bottleneck ranking: a list of dicts (id, name, criticality, lost, …, best first),
    with :meth:`to_pandas` (one row per ranked product) and :attr:`criticality`, every
    node's criticality as ``{node id: share}`` (applications and zeros included)."""

    def __init__(self, items, graph):
        super().__init__(items)
        self._graph = graph

    def to_pandas(self):
        """One row per ranked product (the list's dicts as columns)."""
        return _frame(self)

    @property
    def criticality(self):
        """``{node id: criticality}`` for every node of the graph (Graph.criticality())."""
        return self._graph.criticality()


class RiskResult(dict):
    """The supply-risk answer (a dict: "nodes", "links", "expected_loss", "applications",
    "invest", …) with :meth:`to_pandas` and the mappings :attr:`failure_probability`
    (``{node id: P(fails)}``, every node) and :attr:`link_score` (``{(source, target):
    score}``, the listed links)."""

    def to_pandas(self, what="nodes"):
        """One row per node (``what="nodes"``, the default), listed link ("links"),
        application ("applications") or investment ("invest")."""
        if what not in ("nodes", "links", "applications", "invest"):
            raise ValueError(f"what must be nodes, links, applications or invest, not {what!r}")
        return _frame(self[what])

    @property
    def failure_probability(self):
        return {x["id"]: x["probability"] for x in self["nodes"]}

    @property
    def link_score(self):
        return {(x["source"], x["target"]): x["score"] for x in self["links"]}


class ComplementResult(dict):
    """Complementarity (a dict: "level", "regions", "pairs", …) with :meth:`to_pandas` (one
    row per ordered region pair) and :attr:`score`, ``{(supplier, receiver): score}``."""

    def to_pandas(self):
        return _frame({k: v for k, v in p.items() if k != "links"} for p in self["pairs"])

    @property
    def score(self):
        return {(p["from"], p["to"]): p["score"] for p in self["pairs"]}


class ImpactResult(dict):
    """What a disruption loses (a dict: "lost", "lost_applications", "impact", "why", …;
    for a scenario also "expected_loss") with :meth:`to_pandas`: one row per lost node, with
    whether it was knocked out itself ("disrupted") and whether it is an application."""

    def to_pandas(self):
        apps, hit = set(self.get("lost_applications", [])), set(self.get("disrupted", []))
        return _frame({"id": v, "disrupted": v in hit, "application": v in apps}
                      for v in self.get("lost", []))

    @property
    def lost(self):
        """``{node id: True}`` for every lost node (a set as a mapping)."""
        return {v: True for v in self.get("lost", [])}


class RegionResult(dict):
    """One region's view (a dict: "gaps", "partners", "next", "completion", …) with
    :meth:`to_pandas`: one row per gap (``what="gaps"``, the default), partner step
    ("partners") or node to develop next ("next"); and :attr:`gap_weight`, ``{node id:
    weight}`` over its gaps."""

    def to_pandas(self, what="gaps"):
        if what not in ("gaps", "partners", "next"):
            raise ValueError(f"what must be gaps, partners or next, not {what!r}")
        return _frame(self[what])

    @property
    def gap_weight(self):
        return {x["id"]: x["weight"] for x in self["gaps"]}


def _strv(items):
    items = [s.encode("utf-8") if isinstance(s, str) else s for s in items]
    arr = (ctypes.c_char_p * (len(items) + 1))(*items, None)
    return arr


def _b(s):
    return None if s is None else os.fsencode(s) if isinstance(s, os.PathLike) else s.encode("utf-8")


_HORIZONS = {"planned": 0, "present": 1}
_WEIGHTS = {"data": 0, "uniform": 1}


def _check_footing(horizon, without_inferred, weights):
    """The footing keywords' types (their values are checked by Graph.restrict())."""
    for what, value in (("horizon", horizon), ("weights", weights)):
        if value is not None:
            _str(value, what)
    _bool(without_inferred, "without_inferred")


def _footed(method):
    """Adds ``horizon`` ("planned" or "present"), ``without_inferred`` and ``weights``
    ("data" or "uniform") to an analysis: it then runs on :meth:`Graph.restrict`'s graph."""
    import functools

    @functools.wraps(method)
    def run(self, *args, horizon=None, without_inferred=False, weights=None, **kwargs):
        _check_footing(horizon, without_inferred, weights)
        if horizon is None and not without_inferred and weights is None:
            return method(self, *args, **kwargs)
        with self.restrict(horizon=horizon, without_inferred=without_inferred,
                           weights=weights) as g:
            return method(g, *args, **kwargs)
    return run


# -- argument checks ------------------------------------------------------------------------
# Every public function and method checks all its arguments with these before any C call
# (tests/python/test_misuse.py drives each with wrong ones): a wrong type is a TypeError, a
# value out of range (or out of its C type: no wrapping) a ValueError. Names (node ids,
# regions, chains, formats, levels) are str; file paths are str, bytes or os.PathLike.

def _typename(value):
    return type(value).__name__


def _str(value, what):
    """@value as a str without NUL (C strings end at the first NUL)."""
    if not isinstance(value, str):
        raise TypeError(f"{what} must be a str, not {_typename(value)}")
    if "\0" in value:
        raise ValueError(f"{what} contains a NUL character: {value!r}")
    return value


def _name(value, what):
    """A required name (str) as UTF-8 bytes for C."""
    return _str(value, what).encode("utf-8")


def _opt_name(value, what):
    """An optional name: None (the default) or a str; as bytes for C."""
    return None if value is None else _name(value, what)


def _path(value, what):
    """A file path (str, bytes or os.PathLike) as bytes for C."""
    if not isinstance(value, (str, bytes, os.PathLike)):
        raise TypeError(f"{what} must be a path (str, bytes or os.PathLike), not {_typename(value)}")
    raw = os.fsencode(value)
    if b"\0" in raw:
        raise ValueError(f"{what} contains a NUL character: {value!r}")
    return raw


def _names(value, what, single=False):
    """A list or tuple of str (a bare str is refused unless @single, where it is a list of
    one); as a list of bytes."""
    if single and isinstance(value, str):
        value = [value]
    if not isinstance(value, (list, tuple)):
        raise TypeError(f"{what} must be a list or tuple of str, not {_typename(value)}")
    return [_name(x, f"{what}[{i}]") for i, x in enumerate(value)]


def _int(value, what, ctype=ctypes.c_size_t, low=0, none=True):
    """An integer for a C field of type @ctype, at least @low and within the type (never
    wrapped); None (the library's default) when @none."""
    if value is None:
        if none:
            return None
        raise TypeError(f"{what} must be an int, not None")
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{what} must be an int, not {_typename(value)}")
    value = int(value)
    high = (1 << (8 * ctypes.sizeof(ctype))) - 1
    if not low <= value <= high:
        raise ValueError(f"{what} must be between {low} and {high}, not {value}")
    return value


def _real(value, what, none=True):
    """A finite number at least 0 (None: the library's default when @none)."""
    if value is None and none:
        return None
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{what} must be a number, not {_typename(value)}")
    if not 0 <= float(value) < math.inf:
        raise ValueError(f"{what} must be a finite number at least 0, not {value}")
    return float(value)


def _bool(value, what, none=False):
    """True or False (None too when @none: the library decides)."""
    if value is None and none:
        return None
    if not isinstance(value, bool):
        raise TypeError(f"{what} must be True or False{' or None' if none else ''}, "
                        f"not {_typename(value)}")
    return value


def _profile(value, what="profile"):
    """A risk profile: None, a dict {constant: number, bool or str}, or a file path."""
    if value is None:
        return None
    if isinstance(value, dict):
        for k, v in value.items():
            _str(k, f"{what} key")
            if isinstance(v, str):
                _str(v, f"{what}[{k!r}]")
            elif not isinstance(v, (bool, numbers.Real)):
                raise TypeError(f"{what}[{k!r}] must be a number, bool or str, not {_typename(v)}")
        return value
    _path(value, what)
    return value


def _probabilities(value, what="probabilities"):
    """None or a mapping {node name: probability in [0, 1]}."""
    if value is None:
        return None
    if not hasattr(value, "items") or isinstance(value, (str, bytes)):
        raise TypeError(f"{what} must be a dict {{node: probability}}, not {_typename(value)}")
    out = {}
    for k, p in value.items():
        _str(k, f"{what} key")
        if isinstance(p, bool) or not isinstance(p, numbers.Real):
            raise TypeError(f"{what}[{k!r}] must be a number, not {_typename(p)}")
        if not 0 <= float(p) <= 1:  # NaN fails too
            raise ValueError(f"{what}[{k!r}] must be in [0, 1], not {p}")
        out[k] = float(p)
    return out


class Graph:
    """A loaded chain graph. Immutable; free it with :meth:`close` (or a ``with`` block);
    a method on a closed graph raises :class:`Error`.

    Graphs come from :func:`load`, :func:`load_data`, :func:`from_edges` and
    :func:`from_networkx`; ``Graph(...)`` itself takes only a handle the library just
    returned, never a user's integer. A graph cannot be copied or pickled
    (``copy.copy``, ``copy.deepcopy`` and ``pickle`` raise TypeError): it is immutable, so
    share it (also between threads), or load it again. Every argument of every method is
    checked before the C library sees it: a wrong type raises TypeError, a value out of
    range (or out of its C type) ValueError."""

    def __init__(self, handle):
        if not isinstance(handle, _GraphHandle) or not handle.value:
            raise TypeError("chaingraph.Graph objects come from load(), load_data(), "
                            f"from_edges() or from_networkx(), not from a {_typename(handle)}")
        self._as_parameter_ = ctypes.c_void_p(handle.value)
        handle.value = None  # taken: one handle makes one Graph, which frees it
        self._lib = _library()
        self._cache = None

    def __copy__(self):
        raise TypeError("a chaingraph.Graph cannot be copied: it is immutable, so share it "
                        "(or load it again)")

    def __deepcopy__(self, memo):
        self.__copy__()

    def __reduce_ex__(self, protocol):
        raise TypeError("a chaingraph.Graph cannot be pickled: export() it and load() the file")

    # -- life cycle ---------------------------------------------------------------------
    def close(self):
        """Frees the C graph. Idempotent: closing twice frees once."""
        h = getattr(self, "_as_parameter_", None)
        if h is not None and h.value:
            self._lib.cg_graph_free(h)
        self._as_parameter_ = ctypes.c_void_p(None)

    def __del__(self):
        try:
            self.close()
        except Exception:
            pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def _h(self):
        h = self._as_parameter_
        if not h.value:
            raise Error("the graph is closed")
        return h

    # -- the model ------------------------------------------------------------------------
    def __len__(self):
        return self._lib.cg_graph_n_nodes(self._h())

    def __repr__(self):
        if not self._as_parameter_.value:
            return "<chaingraph.Graph (closed)>"
        return (f"<chaingraph.Graph {len(self)} nodes, {self._lib.cg_graph_n_edges(self._h())} "
                f"edges, {self._lib.cg_graph_n_regions(self._h())} regions>")

    def _model(self):
        if self._cache is None:
            self._cache = json.loads(self.to_string("json"))
        return self._cache

    @property
    def nodes(self):
        """Every node as a dict (the node-link JSON's ``nodes``: id, name, name_en, stage,
        aliases, domains, provenance, chokepoints …)."""
        return self._model()["nodes"]

    @property
    def edges(self):
        """Every edge as a dict: source, target, group (edges into one target with the same
        group are alternatives), provenance."""
        m = self._model()
        return m["links"] if "links" in m else m["edges"]

    @property
    def regions(self):
        """Every region as a dict: id, name, level, parent, capabilities."""
        return self._model().get("regions", [])

    @property
    def chains(self):
        """Every chain as a dict: id, name, path, stages, provenance."""
        return self._model().get("chains", [])

    @property
    def documents(self):
        return self._model().get("documents", [])

    def node_index(self, key):
        """The index of the node with this id, alias, Chinese or English name."""
        key = _name(key, "key")
        return _call(self._lib.cg_graph_lookup_node, self._h(), key)

    def node_id(self, key):
        """The id of the node with this id, alias, Chinese or English name."""
        _str(key, "key")
        return self._lib.cg_node_id(self._h(), self.node_index(key)).decode("utf-8")

    # -- formats --------------------------------------------------------------------------
    def to_string(self, format="json"):
        """The graph as text: "json", "graphml" or "dot"."""
        format = _name(format, "format")
        return _take_string(_call(self._lib.cg_graph_to_string, self._h(), format))

    def to_networkx(self, results=False):
        """The graph as a networkx DiGraph (u → v: u is an input of v) with every node and
        edge attribute of the node-link JSON (an edge's ``group`` names its OR group; an
        edge without one is a group of its own), ``graph.graph`` holding documents, regions
        and chains. With ``results=True`` every node also carries its ``criticality``,
        ``failure_probability`` and ``chokepoint`` flag and every edge its ``link_risk``, as
        :meth:`export` with ``results=True`` writes them. :func:`from_networkx` reads it back."""
        _bool(results, "results")
        import networkx as nx

        m = (json.loads(_take_string(_call(self._lib.cg_graph_to_string_with_results, self._h(), b"json")))
             if results else self._model())
        G = nx.DiGraph()
        G.graph.update({k: m[k] for k in ("documents", "regions", "chains") if k in m})
        for n in m["nodes"]:
            G.add_node(n["id"], **{k: v for k, v in n.items() if k != "id"})
        for e in (m["links"] if "links" in m else m["edges"]):
            G.add_edge(e["source"], e["target"],
                       **{k: v for k, v in e.items() if k not in ("source", "target")})
        return G

    def export(self, path, format=None, results=False):
        """Writes the graph; the format comes from the extension (.json, .graphml, .tsv,
        .dot) unless given. With ``results=True`` (json or graphml) every node also carries
        its criticality, failure_probability and chokepoint flag and every edge its
        link_risk, as numeric attributes (cg_graph_save_with_results())."""
        path, format = _path(path, "path"), _opt_name(format, "format")
        if _bool(results, "results"):
            _call(self._lib.cg_graph_save_with_results, self._h(), path, format)
        else:
            _call(self._lib.cg_graph_save, self._h(), path, format)

    # -- bottlenecks ----------------------------------------------------------------------
    def restrict(self, horizon=None, without_inferred=False, weights=None):
        """The graph an analysis at this footing runs on (cg_graph_restrict()): ``horizon``
        "present" keeps only present capability claims (default "planned": present and
        planned); ``without_inferred`` leaves out every statement marked inferred (edges,
        claims, chokepoint evidence); ``weights`` "uniform" makes every application weigh 1
        (default "data"). Every analysis method takes the same three keywords."""
        _check_footing(horizon, without_inferred, weights)
        if horizon is not None and horizon not in _HORIZONS:
            raise Error(f"horizon must be 'present' or 'planned', not {horizon!r}")
        if weights is not None and weights not in _WEIGHTS:
            raise Error(f"weights must be 'data' or 'uniform', not {weights!r}")
        opts = _options(_FootingOptions, horizon=_HORIZONS.get(horizon),
                        without_inferred=1 if without_inferred else 0,
                        weights=_WEIGHTS.get(weights))
        return Graph(_call(self._lib.cg_graph_restrict, self._h(), ctypes.byref(opts)))

    @_footed
    def criticality(self, threads=0):
        """Every node's exact criticality, ``{node id: share of application weight lost with
        it}``, applications and zeros included (the ranking of :meth:`bottlenecks` lists
        only the products whose loss costs something)."""
        threads = _int(threads, "threads", ctypes.c_uint, none=False)
        h = self._h()
        n = self._lib.cg_graph_n_nodes(h)
        arr = self._lib.cg_criticality(h, threads, None)
        try:
            return {self._lib.cg_node_id(h, v).decode(): arr[v] for v in range(n)}
        finally:
            self._lib.cg_free(arr)

    @_footed
    def bottlenecks(self, top=None, chain=None, betweenness=None, threads=None,
                    applications=False, estimate=None, samples=None, seed=None):
        """Exact criticality: the products (not the applications, whose loss is only their
        own weight) whose loss costs the most application weight, sorted by criticality
        descending, each a dict with id, name, criticality, lost,
        lost_applications, betweenness, why and evidence. ``top=0`` lists every node whose
        loss costs something. With ``applications=True`` returns the whole answer (dict
        with "method", "exact", "nodes", "applications" (single points, redundancy),
        "waists", "regional_single_points").

        ``estimate``: None (exact unless a pilot predicts minutes of work on a large AND/OR
        graph), False (always exact) or True (always estimate from ``samples`` applications
        drawn by weight; the ranking is then an estimate, each listed node gets "estimate"
        and "ci95", its "criticality" is recomputed exactly). ``betweenness``: None (computed
        on graphs of at most 50,000 nodes), True or False.

        Every argument left None takes the library's default (cg_bottleneck_options_init():
        the top 10, 2000 samples, seed 1, one thread per core). Ctrl-C interrupts the
        criticality within about a second and raises KeyboardInterrupt."""
        top, chain = _int(top, "top"), _opt_name(chain, "chain")
        betweenness, estimate = _bool(betweenness, "betweenness", True), _bool(estimate, "estimate", True)
        threads, applications = _int(threads, "threads", ctypes.c_uint), _bool(applications, "applications")
        samples, seed = _int(samples, "samples", low=1), _int(seed, "seed", ctypes.c_uint64)
        # CgEstimate and CgBetweenness: AUTO 0, NEVER 1, ALWAYS 2
        opts = _options(_BottleneckOptions, top=top, chain=chain, threads=threads,
                        samples=samples, seed=seed,
                        estimate=None if estimate is None else 2 if estimate else 1,
                        betweenness=None if betweenness is None else 2 if betweenness else 1)
        # Ctrl-C stops the criticality and raises KeyboardInterrupt
        r = _interruptible(opts, self._lib.cg_bottlenecks_free, self._lib.cg_bottlenecks,
                           self._h(), ctypes.byref(opts))
        try:
            out = _json(_call(self._lib.cg_bottlenecks_to_json, self._h(), r, 1 if applications else 0))
        finally:
            self._lib.cg_bottlenecks_free(r)
        return out if applications else Ranking(out["nodes"], self)

    @_footed
    def dominators(self, application):
        """The single points of failure of an application: the nodes (ids, upstream
        first) whose loss alone makes it unproducible."""
        _str(application, "application")
        v = self.node_index(application)
        n = _SZ()
        arr = self._lib.cg_single_points(self._h(), v, ctypes.byref(n))
        try:
            return [self._lib.cg_node_id(self._h(), arr[i]).decode("utf-8") for i in range(n.value)]
        finally:
            self._lib.cg_free(ctypes.cast(arr, _P))

    def dominator_tree(self):
        """The dominator tree from a virtual root over the raw materials: {node id: parent
        id, or None for the root's children}; unreachable nodes are left out."""
        arr = self._lib.cg_dominator_tree(self._h())
        try:
            out = {}
            n = len(self)
            for v in range(n):
                p = arr[v]
                if p > n:  # CG_NODE_NONE: no source reaches it
                    continue
                out[self._lib.cg_node_id(self._h(), v).decode("utf-8")] = (
                    None if p == n else self._lib.cg_node_id(self._h(), p).decode("utf-8"))
            return out
        finally:
            self._lib.cg_free(ctypes.cast(arr, _P))

    @_footed
    def disrupt(self, nodes=(), regions=()):
        """Knocks out nodes (ids, aliases or names) and regions (a region outage removes
        the nodes whose every producing region is out). Returns {"impact", "lost",
        "lost_applications", "disrupted", "lost_weight", "total_weight", "why"}."""
        _names(nodes, "nodes")
        regions = _names(regions, "regions")
        idx = [self.node_index(n) for n in nodes]
        arr = (ctypes.c_uint32 * max(1, len(idx)))(*idx)
        im = _call(self._lib.cg_disrupt, self._h(), arr, len(idx), _strv(regions))
        try:
            return ImpactResult(_json(self._lib.cg_impact_to_json(self._h(), im)))
        finally:
            self._lib.cg_impact_free(im)

    # -- supply risk ----------------------------------------------------------------------
    @staticmethod
    def _check_risk_args(samples, seed, threads, top, exact_max, profile, invest,
                         invest_samples, probabilities):
        """The risk options' arguments checked (and the ints range-checked), in order."""
        return (_int(samples, "samples", low=1), _int(seed, "seed", ctypes.c_uint64),
                _int(threads, "threads", ctypes.c_uint), _int(top, "top"),
                _int(exact_max, "exact_max", ctypes.c_uint), _profile(profile),
                _int(invest, "invest"), _int(invest_samples, "invest_samples"),
                _probabilities(probabilities))

    def _risk_options(self, samples, seed, threads, top, exact_max, profile, invest,
                      invest_samples, probabilities):
        prof = _RiskProfile(profile) if profile is not None else None
        probs = None
        if probabilities is not None:
            # NaN keeps the model's probability (CgRiskOptions.probabilities): a partial
            # override changes only the nodes it names.
            arr = [float("nan")] * len(self)
            for key, p in probabilities.items():
                arr[self.node_index(key)] = p
            probs = (ctypes.c_double * len(arr))(*arr)
        opts = _options(_RiskOptions, samples=samples, seed=seed, threads=threads, top=top,
                        exact_max=exact_max, profile=prof._as_parameter_ if prof else None,
                        invest=invest, invest_samples=invest_samples, probabilities=probs)
        return opts, (prof, probs)  # keep both alive while C reads them

    @_footed
    def risk(self, samples=None, seed=None, profile=None, top=None, threads=None, exact_max=None,
             invest=None, invest_samples=None, probabilities=None, precision=None):
        """The supply-risk model (docs/risk-model.md): per-node failure probabilities with
        their factors, links ranked by score with a ``why`` citing the document evidence,
        the expected lost application weight with its 95% interval (Monte Carlo, seeded,
        or exact when at most ``exact_max`` nodes are uncertain), each application's
        failure probability, and where to invest.

        ``profile``: the model's constants — a dict ({"base_probability": 0.1, …}), or the
        path of a profile file; ``probabilities``: {node: p} overriding the model's
        probability of each node it names (ids, aliases or names; p in [0, 1]), the other
        nodes keeping the model's (what-if studies). ``top`` limits only the listed links (0: all).
        Returns a dict with "nodes", "links", "expected_loss" {"mean", "ci95", …},
        "applications", "invest" and "profile".

        ``precision``: sequential sampling stops once the 95% interval's half-width is at
        most this share of the expected loss, with ``samples`` as the cap (0: every sample).
        Ctrl-C interrupts the call within about a second and raises KeyboardInterrupt.

        Every argument left None takes the library's default (cg_risk_options_init(): 10,000
        samples at most, precision 0.01, seed 1, the top 10 links, exact up to 16 uncertain
        nodes, 10 investments measured on every sample)."""
        args = self._check_risk_args(samples, seed, threads, top, exact_max, profile, invest,
                                     invest_samples, probabilities)
        precision = _real(precision, "precision")
        opts, keep = self._risk_options(*args)
        opts.precision = opts.precision if precision is None else precision
        r = _interruptible(opts, self._lib.cg_risk_free, self._lib.cg_risk, self._h(),
                           ctypes.byref(opts))
        try:
            return RiskResult(_json(_call(self._lib.cg_risk_to_json, self._h(), r, opts.top)))
        finally:
            self._lib.cg_risk_free(r)
            del keep

    @_footed
    def scenario(self, nodes=(), regions=(), embargo=False, samples=None, seed=None,
                 profile=None, threads=None, exact_max=None):
        """A disruption scenario under the risk model: knock out ``nodes``, the nodes of
        outaged ``regions``, and with ``embargo=True`` the outage of the foreign region (国外);
        returns what is lost and how the expected loss changes ("change", "change_ci95":
        the same random draws with and without the scenario), with a ``why``. Arguments left
        None take the risk model's defaults (cg_risk_options_init())."""
        _names(nodes, "nodes")
        regions = _names(regions, "regions")
        _bool(embargo, "embargo")
        args = self._check_risk_args(samples, seed, threads, 0, exact_max, profile, 0, 0, None)
        idx = [self.node_index(n) for n in nodes]
        arr = (ctypes.c_uint32 * max(1, len(idx)))(*idx)
        opts, keep = self._risk_options(*args)
        sc = _interruptible(opts, self._lib.cg_risk_scenario_free, self._lib.cg_risk_scenario,
                            self._h(), None, arr, len(idx), _strv(regions),
                            1 if embargo else 0, ctypes.byref(opts))
        try:
            return ImpactResult(_json(_call(self._lib.cg_risk_scenario_to_json, self._h(), sc)))
        finally:
            self._lib.cg_risk_scenario_free(sc)
            del keep

    # -- complementarity ------------------------------------------------------------------
    @_footed
    def complementarity(self, level=None, top=None, weighting=None, threads=None):
        """Every ordered pair of regions at ``level`` ("province", "city", "district",
        "zone", "cluster", "country" or "any"): how much of the receiver's gaps the
        supplier fills ("score", weighted by criticality, or ``weighting="uniform"``),
        "symmetric", "overlap" (Jaccard of capabilities), "tci" (trade-complementarity
        index, 0–100) and the linking edges with their evidence, best first. ``top``
        keeps only the best pairs (0: all). Returns a dict with "level", "regions" and
        "pairs" [{"from", "to", "score", …, "links", "why"}]. Arguments left None take the
        library's defaults (cg_complement_options_init(): province, every pair, by
        criticality). Ctrl-C interrupts the comparison within about a second and raises
        KeyboardInterrupt."""
        level, top = _opt_name(level, "level"), _int(top, "top")
        threads = _int(threads, "threads", ctypes.c_uint)
        if weighting is not None:
            _str(weighting, "weighting")
        if weighting not in (None, "criticality", "uniform"):
            raise Error(f"unknown weighting '{weighting}' (criticality or uniform)")
        opts = _options(_ComplementOptions, level=level, top=top, threads=threads,
                        weighting=None if weighting is None else 0 if weighting == "criticality" else 1)
        # Ctrl-C stops the comparison and raises KeyboardInterrupt
        r = _interruptible(opts, self._lib.cg_complement_free, self._lib.cg_complement,
                           self._h(), ctypes.byref(opts))
        try:
            return ComplementResult(_json(_call(self._lib.cg_complement_to_json, self._h(), r)))
        finally:
            self._lib.cg_complement_free(r)

    @_footed
    def region_view(self, region, level=None, top=10):
        """One region: its capabilities, its gaps (inputs of what it makes that it does not
        make, weighted, with who makes them), greedy partners (the regions at ``level``,
        default its own, that raise its chain completion most, with each step's gain) and
        the nodes to develop next (by density)."""
        region, level = _name(region, "region"), _opt_name(level, "level")
        top = _int(top, "top", none=False)
        return RegionResult(_json(_call(self._lib.cg_region_view_to_json_at, self._h(), region, level, top)))

    @_footed
    def gaps(self, region, top=0):
        """The region's gaps: [{"id", "name", "weight", "consumers", "producers", …}]."""
        return self.region_view(region, top=top)["gaps"]

    @_footed
    def partners(self, region, level=None, top=10):
        """The partners that raise the region's completion most, greedily:
        [{"region", "gain", "completion", "supplies", "why"}]."""
        return self.region_view(region, level=level, top=top)["partners"]

    @_footed
    def completion(self, regions):
        """The share of application weight a coalition of regions can make from its own
        capabilities: {"regions", "completion", "producible_applications", "missing"}.
        ``regions``: a list or tuple of regions, or one region as a str."""
        regions = _names(regions, "regions", single=True)
        return _json(_call(self._lib.cg_completion_to_json, self._h(), _strv(regions)))

    # -- pictures and the report ----------------------------------------------------------
    def render(self, chain, path, format=None, plain=False, samples=1000, seed=None):
        """Draws one chain (by id) to an SVG, PNG or DOT file (format from the extension),
        styled as in the HTML report — nodes filled by criticality, links weighted by their
        supply risk, each link's reason in its tooltip — or ``plain``. ``samples``: 1000, as
        ``chaingraph render`` (the link colours do not depend on them); ``seed``: the risk
        model's."""
        chain_b, path, format = _name(chain, "chain"), _path(path, "path"), _opt_name(format, "format")
        _bool(plain, "plain")
        samples, seed = _int(samples, "samples", low=1, none=False), _int(seed, "seed", ctypes.c_uint64)
        c = self._lib.cg_graph_find_chain(self._h(), chain_b)
        if c < 0:
            raise Error(f"unknown chain '{chain}'")
        risk = style = None
        try:
            if not plain:
                opts = _options(_RiskOptions, samples=samples, seed=seed, top=1, invest=0)
                risk = _call(self._lib.cg_risk, self._h(), ctypes.byref(opts))
                style = self._lib.cg_render_style_new(self._h(), risk)
            _call(self._lib.cg_chain_render_to_file, self._h(), c, style, path, format)
        finally:
            if style:
                self._lib.cg_render_style_free(style)
            if risk:
                self._lib.cg_risk_free(risk)

    @_footed
    def report(self, html=None, top=None, samples=None, seed=None, width=None, level=None,
               lang=None, csv=None):
        """The report — top bottlenecks, supply-risk links with the expected loss, the most
        complementary region pairs (at ``level``; default province) — as terminal text, or
        written as a self-contained HTML page to explore (search, sortable tables, a
        zoomable diagram per chain) to ``html`` (the path is returned). ``lang``: "zh" or
        "en" (default: from the locale); ``csv``: a directory to also write every table of
        the page into as CSV. Arguments left None take the library's defaults
        (cg_report_options_init(): 10 rows, 10,000 samples, seed 1, 80 columns). As on the
        command line, ``top`` and ``samples`` are at least 1 and ``width`` at least 40. Ctrl-C
        during the analyses (criticality, the supply-risk Monte Carlo, complementarity) stops
        the report and raises KeyboardInterrupt."""
        html_b = None if html is None else _path(html, "html")
        top, samples = _int(top, "top", low=1), _int(samples, "samples", low=1)
        seed, width = _int(seed, "seed", ctypes.c_uint64), _int(width, "width", ctypes.c_uint, low=40)
        opts = _options(_ReportOptions, top=top, samples=samples, seed=seed, width=width,
                        level=_opt_name(level, "level"), lang=_opt_name(lang, "lang"),
                        csv_dir=None if csv is None else _path(csv, "csv"))
        # Ctrl-C stops the analyses (CgReportOptions.fraction) and raises KeyboardInterrupt
        if html is not None:
            _interruptible(opts, lambda _ok: None, self._lib.cg_report_html, self._h(),
                           ctypes.byref(opts), html_b, field="fraction")
            return os.fspath(html)
        return _take_string(_interruptible(opts, self._lib.cg_free, self._lib.cg_report_text,
                                           self._h(), ctypes.byref(opts), field="fraction"))


class _RiskProfile:
    """A risk profile built from a dict of constants or a profile file (owned here)."""

    def __init__(self, spec):
        _profile(spec)
        self._lib = _library()
        self._as_parameter_ = ctypes.c_void_p(self._lib.cg_risk_profile_new())
        if isinstance(spec, dict):
            for key, value in spec.items():
                if isinstance(value, bool):
                    value = "true" if value else "false"
                _call(self._lib.cg_risk_profile_set, self, _name(key, "profile key"),
                      _name(str(value), f"profile[{key!r}]"))
        else:
            _call(self._lib.cg_risk_profile_load, self, _path(spec, "profile"))

    def __del__(self):
        h = getattr(self, "_as_parameter_", None)
        if h is not None and h.value:
            self._lib.cg_risk_profile_free(h)
            self._as_parameter_ = ctypes.c_void_p(None)


def risk_profile(profile=None):
    """The risk model's constants as a dict: the documented defaults, overridden by
    ``profile`` (a dict, or the path of a profile file)."""
    prof = _RiskProfile(_profile(profile) if profile is not None else {})
    text = _take_string(_library().cg_risk_profile_to_text(prof))
    out = {}
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if "=" in line:
            k, v = (x.strip() for x in line.split("=", 1))
            out[k] = v == "true" if v in ("true", "false") else float(v)
    return out


def load(*paths, format=None):
    """Loads and merges chain files (.chain, .json, .graphml, .tsv, .csv) or directories of
    .chain files; with no paths, the bundled chains. Ctrl-C interrupts a long load within
    about a second and raises KeyboardInterrupt."""
    raw = [_path(p, f"paths[{i}]") for i, p in enumerate(paths)]
    format = _opt_name(format, "format")
    lib = _library()
    if not paths:
        return Graph(_call(lib.cg_graph_load_default))
    return Graph(_interruptible(None, lib.cg_graph_free, lib.cg_graph_load_with_progress,
                                _strv(raw), format, _CALLBACK, None))


# Node attributes the model has, by the name a networkx graph or a node table uses, and the
# builder call that sets each; every other attribute is left out.
_NODE_SETTERS = {
    "name": "cg_graph_builder_set_node_name",
    "name_en": "cg_graph_builder_set_node_name_en",
    "weight": "cg_graph_builder_set_node_weight",
    "import": "cg_graph_builder_set_node_import_share",
    "subst": "cg_graph_builder_set_node_substitutability",
    "recycle": "cg_graph_builder_set_node_recycling",
}


def _node_id(n):
    """A node key of any hashable type as the model's id: strings as they are, anything
    else (integers, tuples) by str(); None is refused."""
    if n is None:
        raise TypeError("a node id cannot be None")
    return _str(n if isinstance(n, str) else str(n), "a node id")


def _build(nodes, edges, name, stage, group):
    """Builds a graph through the library's CgGraphBuilder. @nodes: (key, attrs) pairs;
    @edges: (source key, target key, attrs) triples."""
    name = _str(name, "name")
    if stage is not None:
        _str(stage, "stage")
    if group is not None:
        _str(group, "group")
    for key, attrs in nodes:
        _node_id(key)
        if attrs is not None and not isinstance(attrs, dict):
            raise TypeError(f"node {key!r}: attrs must be a dict, not {_typename(attrs)}")
    for u, v, attrs in edges:
        _node_id(u)
        _node_id(v)
    lib = _library()
    b = lib.cg_graph_builder_new(_b(name))
    try:
        index = {}

        def node(key):
            k = _node_id(key)
            if k not in index:
                index[k] = lib.cg_graph_builder_add_node(b, _b(k))
            return index[k]

        for key, attrs in nodes:
            v = node(key)
            for attr, value in (attrs or {}).items():
                if value is None:
                    continue
                if attr == stage:
                    st = ctypes.c_int()
                    if not lib.cg_stage_from_string(_name(str(value), stage), ctypes.byref(st)):
                        raise Error(f"{name}: node {_node_id(key)!r}: unknown stage {value!r}")
                    _call(lib.cg_graph_builder_set_node_stage, b, v, st.value)
                elif attr in ("aliases", "domains"):
                    items = [value] if isinstance(value, str) else list(value)
                    for item in items:
                        if attr == "aliases":
                            _call(lib.cg_graph_builder_add_node_alias, b, v, _name(str(item), attr))
                        else:
                            lib.cg_graph_builder_add_node_domain(b, v, _name(str(item), attr))
                elif attr in _NODE_SETTERS:
                    fn = getattr(lib, _NODE_SETTERS[attr])
                    arg = _name(str(value), attr) if attr in ("name", "name_en") else float(value)
                    _call(fn, b, v, arg)
        for u, v, attrs in edges:
            label = (attrs or {}).get(group) if group else None
            lib.cg_graph_builder_add_edge(b, node(u), node(v),
                                          None if label is None else _name(str(label), group), None)
        handle = _call(lib.cg_graph_builder_finish, b)
    finally:
        lib.cg_graph_builder_free(b)
    return Graph(handle)


def from_edges(edges, nodes=None, name="edges", stage="stage", group="group"):
    """Builds a graph from an edge list, through the library's builder (no text round trip).

    ``edges``: an iterable of ``(source, target)`` or ``(source, target, attrs)`` tuples,
    ``source`` an input of ``target``, or a pandas DataFrame with ``source`` and ``target``
    columns (other columns are edge attributes). ``nodes``: optional, an iterable of node
    keys or ``(key, attrs)`` pairs, a ``{key: attrs}`` mapping, or a DataFrame with an ``id``
    column. Node keys may be any hashable (integers become their decimal ids). Recognised
    node attributes: ``name``, ``name_en``, ``stage`` (the ``stage`` argument names it),
    ``weight``, ``import``, ``subst``, ``recycle``, ``aliases``, ``domains``; an edge's
    ``group`` attribute (the ``group`` argument names it) puts edges into one OR group: the
    target needs one member of each of its groups, and an edge without a group is a group
    of its own. Other attributes are left out. Node keys must not be None; ``name``,
    ``stage`` and ``group`` are str (``stage``/``group`` None: no such attribute)."""
    _str(name, "name")
    for what, attr in (("stage", stage), ("group", group)):
        if attr is not None:
            _str(attr, what)
    if edges is None or isinstance(edges, (str, bytes)) or not hasattr(edges, "__iter__"):
        raise TypeError(f"edges must be an iterable of (source, target[, attrs]) tuples or a "
                        f"DataFrame, not {_typename(edges)}")
    if nodes is not None and (isinstance(nodes, (str, bytes)) or not hasattr(nodes, "__iter__")):
        raise TypeError(f"nodes must be an iterable of node keys, a dict or a DataFrame, not "
                        f"{_typename(nodes)}")

    def rows(table, key):
        for rec in table.to_dict("records"):
            k = rec.pop(key)
            yield k, {a: x for a, x in rec.items() if x == x}  # drop NaN cells

    if hasattr(edges, "to_dict") and hasattr(edges, "columns"):
        triples = ((u, v, a) for (u, v), a in
                   (((r.pop("source"), r.pop("target")), r) for r in edges.to_dict("records")))
    else:
        triples = (_edge(e) for e in edges)
    if nodes is None:
        pairs = []
    elif hasattr(nodes, "to_dict") and hasattr(nodes, "columns"):
        pairs = rows(nodes, "id")
    elif isinstance(nodes, dict):
        pairs = nodes.items()
    else:
        pairs = (n if isinstance(n, tuple) and len(n) == 2 and isinstance(n[1], dict)
                 else (n, {}) for n in nodes)
    return _build(list(pairs), list(triples), name, stage, group)


def _edge(e):
    """One edge of from_edges(): (source, target) or (source, target, attrs)."""
    if not isinstance(e, (tuple, list)) or len(e) not in (2, 3):
        raise TypeError(f"an edge must be a (source, target) or (source, target, attrs) tuple, "
                        f"not {e!r}")
    if len(e) == 3 and e[2] is not None and not isinstance(e[2], dict):
        raise TypeError(f"an edge's attrs must be a dict, not {_typename(e[2])}")
    return e[0], e[1], e[2] if len(e) > 2 else {}


def from_networkx(G, stage="stage", group="group", name="networkx"):
    """Builds a graph from a networkx DiGraph (an edge u → v: u is an input of v) through
    the library's builder, with the node and edge attributes :func:`from_edges` reads."""
    if not callable(getattr(G, "is_directed", None)) or not hasattr(G, "edges"):
        raise TypeError(f"from_networkx needs a networkx DiGraph, not {_typename(G)}")
    _str(name, "name")
    for what, attr in (("stage", stage), ("group", group)):
        if attr is not None:
            _str(attr, what)
    if not G.is_directed():
        raise TypeError("from_networkx needs a directed graph (u → v: u is an input of v)")
    return _build(list(G.nodes(data=True)), list(G.edges(data=True)), name, stage, group)


def load_data(text, name="data.chain", format=None):
    """Loads a graph from text (chain, json or graphml; the format from ``name``'s
    extension unless given). ``text``: a str or bytes."""
    if isinstance(text, str):
        data = text.encode("utf-8")
    elif isinstance(text, (bytes, bytearray)):
        data = bytes(text)
    else:
        raise TypeError(f"text must be a str or bytes, not {_typename(text)}")
    name, format = _name(name, "name"), _opt_name(format, "format")
    return Graph(_call(_library().cg_graph_load_data, data, len(data), name, format))
