#!/bin/sh
# The HTML report in headless Chromium (started here): the page as the browser built it
# (after its script ran) has every chain's diagram as inline SVG, a complementarity heatmap
# with one cell per ordered pair whose values match `chaingraph complement --json`, the
# supply-risk table whose rows match `chaingraph risk --json`, evidence on diagram nodes, no
# network reference, and no console error; a screenshot is taken (kept in
# $CHAINGRAPH_SCREENSHOT if set). Extra arguments are chain files (default: the bundled
# chains).
set -u
CG=${CHAINGRAPH_BIN:?}
CHROME=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$CHROME" ]; then
  echo "1..0 # SKIP chromium is not installed"
  exit 77
fi
PY=/usr/bin/python3
[ -x "$PY" ] || PY=$(command -v python3)
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
"$CG" report --html "$T/report.html" "$@" >"$T/report.txt" 2>&1 || { sed 's/^/# /' "$T/report.txt"; echo "not ok 1 - chaingraph report --html failed"; echo "1..1"; exit 1; }
# The independent answers the page is checked against.
level=$(grep -o 'id="heatmap" data-level="[a-z]*"' "$T/report.html" | sed 's/.*data-level="//; s/"$//')
"$CG" render "$@" >"$T/chains.txt" 2>/dev/null || : >"$T/chains.txt"
"$CG" complement --json --level "${level:-province}" "$@" >"$T/complement.json" 2>"$T/complement.err" || echo '{"n_regions":0,"pairs":[]}' >"$T/complement.json"
"$CG" risk --json --top 0 "$@" >"$T/risk.json" || { echo "not ok 1 - chaingraph risk --json failed"; echo "1..1"; exit 1; }
# The city level too (its heatmap is checked in the HTML as written: 37 regions on the
# bundled chains, 1,332 cells).
"$CG" report --level city --html "$T/city.html" "$@" >/dev/null 2>&1 || : >"$T/city.html"
"$CG" complement --json --level city "$@" >"$T/city.json" 2>/dev/null || echo '{"n_regions":0,"pairs":[]}' >"$T/city.json"

flags="--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync --user-data-dir=$T/profile"
# shellcheck disable=SC2086
timeout 180 "$CHROME" $flags --enable-logging=stderr --v=0 --virtual-time-budget=5000 --dump-dom "file://$T/report.html" >"$T/dom.html" 2>"$T/console.log"
# shellcheck disable=SC2086
timeout 180 "$CHROME" $flags --window-size=1400,2400 --hide-scrollbars --screenshot="$T/shot.png" "file://$T/report.html" >/dev/null 2>&1

"$PY" - "$T" "$CG" "$@" <<'EOF'
import html.parser, json, os, re, subprocess, sys

T, CG, FILES = sys.argv[1], sys.argv[2], sys.argv[3:]
n = 0
fails = 0


def check(ok, what, detail=""):
    global n, fails
    n += 1
    print(("ok" if ok else "not ok"), n, "-", what)
    if not ok:
        fails += 1
        for line in str(detail).splitlines()[:20]:
            print("#", line)


class Dom(html.parser.HTMLParser):
    """Collects the elements the checks need from the page the browser built."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []  # (tag, attrs)
        self.body = {}
        self.chain_svgs = {}  # chain id -> number of <svg> inside its div
        self.heat = None
        self.heat_rows = []  # [row header, [(class, text, attrs)]]
        self.risk_rows = []
        self.cards = {}  # region -> {"gap": [[cells]], "partner": [[cells]]}
        self.node_titles = []
        self.text = []
        self.cur_cell = None
        self.cur_row = None
        self.in_title = False

    def inside(self, pred):
        for tag, a in reversed(self.stack):
            if pred(tag, a):
                return (tag, a)
        return None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "body":
            self.body = a
        void = tag in ("br", "img", "meta", "link", "input", "hr", "path", "polygon",
                       "ellipse", "line", "polyline", "rect", "circle", "image")
        if tag == "svg":
            div = self.inside(lambda t, x: t == "div" and "chain" in x.get("class", "").split())
            if div:
                cid = div[1].get("id", "")[len("chain-"):]
                self.chain_svgs[cid] = self.chain_svgs.get(cid, 0) + 1
        if tag == "table" and a.get("id") == "heatmap":
            self.heat = a
        if tag == "tr":
            if self.inside(lambda t, x: t == "table" and x.get("id") == "heatmap"):
                self.cur_row = ["", []]
                self.heat_rows.append(self.cur_row)
            elif self.inside(lambda t, x: t == "table" and x.get("id") == "risk-links") and a.get("class") == "link":
                self.cur_row = ["risk", []]
                self.risk_rows.append(self.cur_row)
            elif a.get("class") in ("gap", "partner") and self.inside(
                    lambda t, x: t == "div" and "data-region" in x):
                reg = self.inside(lambda t, x: t == "div" and "data-region" in x)[1]["data-region"]
                self.cur_row = [a["class"], []]
                self.cards.setdefault(reg, {"gap": [], "partner": []})[a["class"]].append(self.cur_row)
            else:
                self.cur_row = None
        if tag in ("td", "th") and self.cur_row is not None:
            self.cur_cell = [a.get("class", ""), "", a]
            self.cur_row[1].append(self.cur_cell)
        if tag == "title" and self.inside(lambda t, x: t == "g" and "node" in x.get("class", "").split()):
            self.in_title = True
            self.node_titles.append("")
        if tag == "a" and self.inside(lambda t, x: t == "g" and "node" in x.get("class", "").split()):
            t = a.get("xlink:title") or a.get("title")
            if t:
                self.node_titles.append(t)
        if not void:
            self.stack.append((tag, a))

    def handle_endtag(self, tag):
        if tag in ("td", "th"):
            self.cur_cell = None
        if tag == "title":
            self.in_title = False
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data):
        if self.cur_cell is not None:
            self.cur_cell[1] += data
        if self.in_title:
            self.node_titles[-1] += data
        self.text.append(data)


dom_text = open(os.path.join(T, "dom.html"), encoding="utf-8").read()
page = open(os.path.join(T, "report.html"), encoding="utf-8").read()
d = Dom()
d.feed(dom_text)

check(d.body.get("data-ready") == "1", "the page's script ran to its end in Chromium")

# Every chain's diagram, as inline SVG.
chains = [l.split()[0] for l in open(os.path.join(T, "chains.txt"), encoding="utf-8")
          if l.startswith("  ") and l.strip()]
missing = [c for c in chains if d.chain_svgs.get(c, 0) != 1]
check(not missing and len(d.chain_svgs) == len(chains),
      f"{len(chains)} chains, {sum(d.chain_svgs.values())} SVG diagrams, one per chain",
      f"missing or doubled: {missing[:10]}; extra: {sorted(set(d.chain_svgs) - set(chains))[:10]}")
if chains:
    quoted = sum(1 for t in d.node_titles if "“" in t)
    check(quoted > 0, f"diagram nodes carry their document quotes ({quoted} node tooltips quote)")

# The heatmap: one cell per ordered pair, each the pair's score.
def check_heatmap(d, comp, what):
    check(d.heat is not None, f"{what}: the complementarity heatmap is present")
    if d.heat is None:
        return
    shown = int(d.heat.get("data-shown", "-1"))
    nreg = comp.get("n_regions", 0)
    want_shown = nreg if nreg >= 2 and nreg <= 60 else (60 if nreg > 60 else 0)
    check(shown == want_shown and int(d.heat.get("data-regions", "-1")) == nreg,
          f"{what}: heatmap at level {d.heat.get('data-level')}, {shown} regions shown of {nreg}",
          f"data-shown {shown}, data-regions {d.heat.get('data-regions')}, complement says {nreg}")
    header = [c[1] for c in d.heat_rows[0][1][1:]] if d.heat_rows else []
    cells = [(r[1][0][1], header[j - 1] if j - 1 < len(header) else "?", c)
             for r in d.heat_rows[1:] for j, c in enumerate(r[1]) if j > 0]
    pairs = [x for x in cells if "pair" in x[2][0].split()]
    selfs = [x for x in cells if "self" in x[2][0].split()]
    check(len(pairs) == shown * (shown - 1) and len(selfs) == shown
          and len({(a, b) for a, b, _ in pairs}) == len(pairs),
          f"{what}: {len(pairs)} pair cells = {shown}·{max(shown - 1, 0)} ordered pairs, "
          f"{len(selfs)} diagonal cells")
    score = {(p["from"], p["to"]): p["score"] for p in comp.get("pairs", [])}
    wrong = [(a, b, c[1]) for a, b, c in pairs
             if (a, b) not in score or not c[1].strip().isdigit()
             or abs(int(c[1]) - round(100 * score[(a, b)])) > 1]
    check(not wrong, f"{what}: every cell shows its pair's score from chaingraph complement --json",
          wrong[:10])
    bad_tip = [(a, b) for a, b, c in pairs if f"{a} → {b}" not in c[2].get("data-ev", "")]
    check(not bad_tip, f"{what}: every cell's hover text names its pair and gives the reason",
          bad_tip[:10])


check_heatmap(d, json.load(open(os.path.join(T, "complement.json"), encoding="utf-8")),
              "rendered page")
city = Dom()
city.feed(open(os.path.join(T, "city.html"), encoding="utf-8").read())
check_heatmap(city, json.load(open(os.path.join(T, "city.json"), encoding="utf-8")),
              "report --level city")

# The risk table: the riskiest links in order, with why and source.
risk = json.load(open(os.path.join(T, "risk.json"), encoding="utf-8"))
links = [l for l in risk["links"] if l["score"] > 0][:10]
check("risk-links" in dom_text and "Expected loss: " in dom_text,
      "the supply-risk section has its expected loss and its table")
got = [r[1][1][1] if len(r[1]) > 1 else "" for r in d.risk_rows]
want = [f"{l['source_name'] or l['source']} → {l['target_name'] or l['target']}" for l in links]
check(got == want, f"{len(got)} risk rows, the riskiest links of chaingraph risk --json in order",
      f"got {got}\nwant {want}")
nowhy = [r for r in d.risk_rows if len(r[1]) < 9 or not r[1][7][1].strip()]
check(not nowhy, "every risk row has its why")

# Region cards: gaps and partners as chaingraph complement --region NAME --json says.
level = d.heat.get("data-level") if d.heat is not None else None
nreg = json.load(open(os.path.join(T, "complement.json"), encoding="utf-8")).get("n_regions", 0)
check(len(d.cards) == (min(nreg, 40) if nreg >= 2 else 0),
      f"{len(d.cards)} region cards for the {nreg} regions at level {level}")
for reg in sorted(d.cards)[:6]:
    card = d.cards[reg]
    out = subprocess.run([CG, "complement", "--region", reg, "--level", level, "--json", "--top", "10",
                          *FILES], capture_output=True, text=True)
    view = json.loads(out.stdout) if out.returncode == 0 else {"gaps": [], "partners": []}
    got_gaps = [(r[1][0][1], r[1][1][1]) for r in card["gap"]]
    want_gaps = [(g["name"] or g["id"], f"{g['weight']:.3f}") for g in view["gaps"][:10]]
    check(got_gaps == want_gaps, f"{reg}: {len(got_gaps)} gaps, heaviest first, as complement --region says",
          f"got {got_gaps}\nwant {want_gaps}")
    got_p = [r[1][1][1] for r in card["partner"]]
    want_p = [p["region"] for p in view["partners"][:5]]
    check(got_p == want_p, f"{reg}: partners {got_p} as complement --region says", f"want {want_p}")

# Self-contained: nothing fetched from the network.
ext = re.findall(r'(?:src|href)\s*=\s*"(?:https?:)?//[^"]*"|@import|url\(\s*["\']?https?:', page)
check(not ext, "no network reference in the page", ext[:5])

# No console errors.
log = open(os.path.join(T, "console.log"), encoding="utf-8", errors="replace").read().splitlines()
errors = [l for l in log if re.search(r"CONSOLE|Uncaught|SyntaxError|TypeError|ReferenceError", l)]
check(not errors, "no console errors", "\n".join(errors))

shot = os.path.join(T, "shot.png")
ok = os.path.exists(shot) and os.path.getsize(shot) > 20000 and open(shot, "rb").read(8) == b"\x89PNG\r\n\x1a\n"
check(ok, "screenshot taken")

print(f"1..{n}")
print(f"{n - fails} passed, {fails} failed")
sys.exit(1 if fails else 0)
EOF
rc=$?
[ -n "${CHAINGRAPH_SCREENSHOT:-}" ] && [ -s "$T/shot.png" ] && cp "$T/shot.png" "$CHAINGRAPH_SCREENSHOT"
exit $rc
