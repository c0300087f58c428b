"""The bundled chains/ against the five source documents: every quote verbatim, every dash
chain of a document transcribed (found here independently, from the document's text), and
the merged graph one connected analysis space."""
import collections
import json
import os
import re
import subprocess

import pytest

SOURCE = os.environ.get("CHAINGRAPH_SOURCE", os.path.join(os.path.dirname(__file__), "..", ".."))
CHAINS = os.environ.get("CHAINGRAPH_CHAINS", os.path.join(SOURCE, "chains"))
# The five source documents: CHAINGRAPH_SOURCES (a directory), else ../shared/seeds beside
# the checkout. A user's clean clone has neither: the tests that read them skip, saying why.
SEEDS = os.environ.get("CHAINGRAPH_SOURCES") or os.path.join(SOURCE, "..", "shared", "seeds")
CLI = os.environ.get("CHAINGRAPH_BIN")
if os.environ.get("CHAINGRAPH_SOURCES") and not os.path.isdir(SEEDS):
    raise RuntimeError(f"CHAINGRAPH_SOURCES={SEEDS} is not a directory")
needs_sources = pytest.mark.skipif(
    not os.path.isdir(SEEDS),
    reason=f"the source documents are not at {os.path.abspath(SEEDS)}: set CHAINGRAPH_SOURCES "
           "to the directory that holds 000_…txt … 004_…txt")

DOCS = {
    "000_9e77dc8b20add14e.txt": "zhejiang.chain",
    "001_60cad28dcff2adce.txt": "lingang.chain",
    "002_c950721e19319e64.txt": "jiangxi.chain",
    "003_573d0bef02fb55f5.txt": "ningbo.chain",
    "004_ef17eb8ff52a8b39.txt": "guangdong.chain",
}

# Dash sequences in the documents that are not industrial chains, with the reason. The
# finder below is deliberately greedy; everything it finds is either a chain in chains/
# or listed here.
NOT_CHAINS = {
    "结构—功能一体化": "a compound adjective (structure–function integrated), not a stage sequence",
    "乙烯-四氟乙烯共聚物": "a chemical name (ethylene-tetrafluoroethylene copolymer, ETFE)",
}

QUOTE = re.compile(r'(?:^|\s)(quote)="((?:[^"\\]|\\.)*)"')
DOCUMENT = re.compile(r'^\s*document\s+(\S+)')
PATH = re.compile(r'^\s*path\s+(.*?)\s*(?:#.*)?$')


def unescape(s):
    return re.sub(r'\\(.)', lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), s)


def chain_files():
    return sorted(f for f in os.listdir(CHAINS) if f.endswith(".chain"))


def seed_text(name):
    with open(os.path.join(SEEDS, name), encoding="utf-8") as f:
        return f.read()


def statements():
    """(file, line number, current document, line) for every line of every chain file."""
    for name in chain_files():
        doc = None
        with open(os.path.join(CHAINS, name), encoding="utf-8") as f:
            for i, line in enumerate(f, 1):
                m = DOCUMENT.match(line)
                if m:
                    doc = m.group(1)
                yield name, i, doc, line


def test_every_document_has_its_file():
    files = chain_files()
    for doc, name in DOCS.items():
        assert name in files, f"{name} (for {doc}) is missing"
        assert not os.path.isdir(SEEDS) or os.path.exists(os.path.join(SEEDS, doc))
    assert "links.chain" in files


@needs_sources
def test_every_quote_is_verbatim():
    bad = []
    n = 0
    texts = {}
    for name, i, doc, line in statements():
        for m in QUOTE.finditer(line):
            q = unescape(m.group(2))
            n += 1
            if doc is None:
                bad.append(f"{name}:{i}: a quote before any document statement")
                continue
            if doc not in texts:
                texts[doc] = seed_text(doc)
            if q not in texts[doc]:
                bad.append(f"{name}:{i}: not in {doc}: {q[:60]}")
    assert n > 300, "too few quotes: the transcription looks incomplete"
    assert not bad, "\n".join(bad)


def dash_chains(text):
    """Dash chains as the document writes them: runs of at least two segments joined by
    dashes (— – － -), where a segment is a phrase without sentence punctuation. A dash
    between two digits (2021—2025, 3—5家), or a hyphen between two ASCII letters or digits
    (HFC-125, TFT-LED, R－410a), joins a range or a name, not stages."""
    text = re.sub(r'(?<=[0-9])[—–－-](?=[0-9])|(?<=[0-9A-Za-z])[–－-](?=[0-9A-Za-z])', '\u2053',
                  text)
    seg = r'[^\s。，；：:“”"《》\n—–－\-]+'
    return [m.group(0).replace('\u2053', '-')
            for m in re.finditer(rf'{seg}(?:(?:——|—|–|－|-){seg})+', text)]


def paths_by_document():
    out = collections.defaultdict(list)
    for name, i, doc, line in statements():
        m = PATH.match(line)
        if m:
            out[doc].append((f"{name}:{i}", m.group(1)))
    return out


def core(path):
    """A path without its surrounding “ ” (the parser strips them too)."""
    return path.strip("“”\"")


@needs_sources
@pytest.mark.parametrize("doc", sorted(DOCS))
def test_every_dash_chain_is_transcribed(doc):
    text = seed_text(doc)
    paths = paths_by_document().get(doc, [])
    found = [c for c in dash_chains(text) if not any(x in c for x in NOT_CHAINS)]
    unmatched = [c for c in found if not any(core(p) in c for _, p in paths)]
    assert not unmatched, f"dash chains of {doc} with no path in chains/: {unmatched}"
    stray = [(w, p) for w, p in paths if not any(core(p) in c for c in found)]
    assert not stray, f"paths not found as a dash chain in {doc}: {stray}"
    assert len(paths) == len(found), f"{doc}: {len(found)} dash chains, {len(paths)} paths"


@needs_sources
def test_known_chain_counts():
    # What the documents announce: Zhejiang 专栏4 has 12 core chains, Jiangxi 专栏2 eleven;
    # a check on the finder above.
    text = seed_text("000_9e77dc8b20add14e.txt")
    assert len(dash_chains(text[text.index("专栏4"):text.index("专栏5")])) == 12
    text = seed_text("002_c950721e19319e64.txt")
    assert len(dash_chains(text[text.index("专栏2  新材料产业链优化提升工程"):text.index("专栏3")])) == 11


def run(*args):
    p = subprocess.run([CLI, *args], capture_output=True, text=True)
    assert p.returncode == 0, p.stderr
    return p.stdout


@pytest.mark.skipif(not CLI, reason="needs CHAINGRAPH_BIN")
def test_validate_and_one_analysis_space():
    assert run("validate").startswith("ok:")
    doc = json.loads(run("export", "--format", "json"))
    # Weakly connected: the links file joins the documents into one space.
    adj = collections.defaultdict(set)
    for e in doc["links"]:
        adj[e["source"]].add(e["target"])
        adj[e["target"]].add(e["source"])
    nodes = {n["id"] for n in doc["nodes"]}
    # Nodes no chain or link touches (listed products, cluster focus words) are allowed, and
    # so are a few small islands a document wires on its own (a named product and its one
    # use); but the wired graph must be one analysis space: one component holding nodes of
    # every document and nearly every wired node.
    wired = {v for v in nodes if adj[v]}
    comps, seen = [], set()
    for s in sorted(wired):
        if s in seen:
            continue
        comp, stack = {s}, [s]
        seen.add(s)
        while stack:
            for w in adj[stack.pop()]:
                if w not in seen:
                    seen.add(w)
                    comp.add(w)
                    stack.append(w)
        comps.append(comp)
    main = max(comps, key=len)
    by_id = {n["id"]: n for n in doc["nodes"]}
    docs_in_main = {p.get("document") for v in main for p in by_id[v].get("provenance", [])}
    assert docs_in_main >= set(DOCS), f"documents outside the main component: {set(DOCS) - docs_in_main}"
    # The islands are each a document's own small wiring (a named product and its uses),
    # listed in chains/README.md; none may grow into a second analysis space.
    islands = sorted((c for c in comps if c is not main), key=len, reverse=True)
    assert all(len(c) <= 25 for c in islands), \
        f"a second analysis space of {len(islands[0])} nodes: {sorted(islands[0])[:10]}"
    assert len(main) >= 0.75 * len(wired), \
        f"only {len(main)} of {len(wired)} wired nodes are in the main component"
    # Every node has an English name; every document contributes.
    assert all(n.get("name_en") for n in doc["nodes"]), [n["id"] for n in doc["nodes"] if not n.get("name_en")][:10]
    assert {d["file"] for d in doc["documents"]} >= set(DOCS)


@pytest.mark.skipif(not CLI, reason="needs CHAINGRAPH_BIN")
def test_info_counts_per_document():
    info = json.loads(run("info", "--json"))
    per = {d["file"]: d for d in info["documents"]}
    for doc in DOCS:
        d = per[doc]
        assert d["chains"] > 0 and d["nodes"] > 0 and d["regions"] > 0, d
    assert per["000_9e77dc8b20add14e.txt"]["chains"] >= 12
    assert per["002_c950721e19319e64.txt"]["chains"] >= 11


# ---- checks that would have caught the audit's classes of misreading ------------------------

# A sentence that names markets or opportunities, not what a product is made from:
# "以…为契机", "紧抓…机遇", "瞄准…需求".
MARKET = re.compile(r"契机|机遇|需求")
# A sentence that reports a foreign monopoly as broken is no evidence of one.
BREAKTHROUGH = re.compile(r"突破了|打破了|研发成功|成功研发|实现了国产")
FOREIGN_KINDS = {"chokepoint", "foreign", "monopoly"}


def exported():
    return json.loads(run("export", "--format", "json"))


@pytest.mark.skipif(not CLI, reason="needs CHAINGRAPH_BIN")
def test_no_and_group_of_an_application_rests_on_a_market_sentence():
    doc = exported()
    apps = {n["id"] for n in doc["nodes"] if n.get("stage") == "application"}
    groups = collections.defaultdict(list)
    for e in doc["links"]:
        if e["target"] in apps:
            groups[(e["target"], e.get("group", "own:" + e["source"]))].append(e)
    bad = []
    for (t, _), edges in sorted(groups.items()):
        if len(edges) > 1:
            continue  # an OR over the products a sentence pairs with a market: no requirement
        provs = [p for e in edges for p in e.get("provenance", [])]
        if provs and all(p.get("quote") and not p.get("inferred") and MARKET.search(p["quote"])
                         for p in provs):
            bad.append(f"{t} <- {' | '.join(e['source'] for e in edges)}: "
                       f"{provs[0]['quote'][:50]}")
    assert not bad, "AND groups of applications whose only source names a market:\n" + \
        "\n".join(bad)


@pytest.mark.skipif(not CLI, reason="needs CHAINGRAPH_BIN")
def test_no_foreign_evidence_reports_a_breakthrough():
    bad = [f"{n['id']} {c.get('kind')}: {c.get('quote')}"
           for n in exported()["nodes"] for c in n.get("chokepoints", [])
           if c.get("kind", "chokepoint") in FOREIGN_KINDS and c.get("quote")
           and BREAKTHROUGH.search(c["quote"])]
    assert not bad, "foreign-supply evidence whose quote says the dependence was overcome:\n" + \
        "\n".join(bad)


@pytest.mark.skipif(not CLI, reason="needs CHAINGRAPH_BIN")
def test_every_claim_names_its_product_or_chain():
    doc = exported()
    by_id = {n["id"]: n for n in doc["nodes"]}
    chains_of = collections.defaultdict(list)
    for c in doc["chains"]:
        for v in c.get("nodes", []):
            chains_of[v].append(c)

    def names(v):
        n = by_id[v]
        return [x for x in [n.get("name"), *n.get("aliases", [])] if x]

    def named(v, q):
        if any(x in q for x in names(v)):
            return True
        for c in chains_of[v]:
            cq, path = c.get("quote") or "", core(c.get("path") or "")
            if (cq and (q in cq or cq in q)) or (path and path in q):
                return True
        return False

    bad = []
    for r in doc["regions"]:
        for cap in r.get("capabilities", []):
            q = cap.get("quote")
            # a claim whose quote names the product otherwise says why (inferred=)
            if q and not cap.get("inferred") and not named(cap["node"], q):
                bad.append(f"{r['name']} {by_id[cap['node']].get('name', cap['node'])}: {q[:50]}")
    assert not bad, f"{len(bad)} claims whose quote names neither the product nor a chain " \
        "holding it, and that give no reason (inferred=):\n" + "\n".join(bad[:40])


def test_every_claim_says_present_or_planned():
    bad = [f"{name}:{i}" for name, i, doc, line in statements()
           if re.match(r"\s*produces\s", line) and not re.search(r"\srole=(produce|develop)\b", line)]
    assert not bad, "produces lines without role=produce (present) or role=develop (planned): " + \
        ", ".join(bad[:20])


def test_weights_only_in_weights_chain():
    bad = [f"{name}:{i}" for name, i, doc, line in statements()
           if name != "weights.chain" and re.search(r"\sweight=", line.split("#")[0])]
    assert not bad, "application weights belong in weights.chain (chains/weights.py): " + \
        ", ".join(bad)


@needs_sources
@pytest.mark.skipif(not CLI, reason="needs CHAINGRAPH_BIN")
def test_weights_follow_the_rule():
    p = subprocess.run(["/usr/bin/python3", os.path.join(CHAINS, "weights.py"), "--bin", CLI,
                        "--chains", CHAINS, "--check"], capture_output=True, text=True,
                       env={**os.environ, "CHAINGRAPH_SOURCES": SEEDS})
    assert p.returncode == 0, p.stderr
