#!/usr/bin/python3
"""The HTML report driven in a real Chromium (chromium-driver + python3-selenium, Debian):
search, sort, the node panel with its lost set on the diagram, the language switch, the
phone width, the CSV downloads. Every expectation comes from the CLI's own answers
(export --format json, bottlenecks --json, disrupt --json, report --csv), not from the page.

Usage: test-page.py [FILES…]   (CHAINGRAPH_BIN: the chaingraph binary; FILES as for report)
With CG_SCREENSHOTS=DIR it also writes DIR/report-desktop.png (the top), report-node.png (a
node's panel and its lost set on the diagram) and report-phone.png (390 px) — docs/."""
import csv
import re
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

CG = os.environ["CHAINGRAPH_BIN"]
FILES = sys.argv[1:]
n = 0
fails = 0


def skip(why):
    print(f"1..0 # SKIP {why}")
    sys.exit(77)


CHROME = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver") or ("/usr/bin/chromedriver" if os.path.exists("/usr/bin/chromedriver") else None)
if not CHROME:
    skip("chromium is not installed (apt-get install chromium)")
if not DRIVER:
    skip("chromedriver is not installed (apt-get install chromium-driver)")
try:
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
except ImportError:
    skip("python3-selenium is not installed (apt-get install python3-selenium)")


def check(ok, what, detail=""):
    global n, fails
    n += 1
    print(("ok" if ok else "not ok"), n, "-", what)
    if not ok:
        fails += 1
        for line in str(detail).splitlines()[:20]:
            print("#", line)


def label(x):
    """A node's label as the CLI shows it: its name, else its id."""
    return x.get("name") or x["id"]


def cg(*args, env=None):
    e = dict(os.environ, LC_ALL="C.UTF-8")
    e.update(env or {})
    return subprocess.run([CG, *args, *FILES], check=True, capture_output=True, env=e).stdout


T = tempfile.mkdtemp(prefix="cg-page-")
try:
    page = os.path.join(T, "report.html")
    cg("report", "--lang", "zh", "--html", page, "--csv", os.path.join(T, "csv-zh"))
    cg("report", "--lang", "en", "--csv", os.path.join(T, "csv-en"))
    graph = json.loads(cg("export", "--format", "json"))
    bott = json.loads(cg("bottlenecks", "--json", "--top", "10"))

    o = Options()
    for a in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
              "--window-size=1280,800", f"--user-data-dir={T}/profile"]:
        o.add_argument(a)
    o.binary_location = CHROME
    dl = os.path.join(T, "downloads")
    os.makedirs(dl)
    o.add_experimental_option("prefs", {"download.default_directory": dl,
                                        "download.prompt_for_download": False})
    o.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    d = webdriver.Chrome(service=Service(DRIVER), options=o)
    try:
        d.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": dl})
    except Exception:
        pass
    d.set_page_load_timeout(120)
    d.get("file://" + page)
    for _ in range(100):
        if d.execute_script("return document.body.getAttribute('data-ready')") == "1":
            break
        time.sleep(0.1)
    check(d.execute_script("return document.body.getAttribute('data-ready')") == "1",
          "the page's script ran to its end")
    errors = [l for l in d.get_log("browser") if l.get("level") == "SEVERE"]
    check(not errors, "no script errors in the console", "\n".join(l["message"] for l in errors))
    check(d.execute_script("return document.documentElement.lang") == "zh-CN"
          and d.find_element(By.CSS_SELECTOR, "#bottlenecks h2").text == "瓶颈",
          "--lang zh: the page opens in Chinese")
    D = d.execute_script("return JSON.parse(document.getElementById('cg-data').textContent)")
    shots = os.environ.get("CG_SCREENSHOTS")
    if shots:
        d.save_screenshot(os.path.join(shots, "report-desktop.png"))

    # -- search: by Chinese name, English name, id and alias, each finding that node
    def search(q):
        box = d.find_element(By.ID, "search")
        box.clear()
        box.send_keys(q)
        time.sleep(0.1)
        return [(li.get_attribute("data-kind"), li.get_attribute("data-i"))
                for li in d.find_elements(By.CSS_SELECTOR, "#results li[data-kind]")]

    nodes = graph["nodes"]
    top_id = bott["nodes"][0]["id"]
    target = next(x for x in nodes if x["id"] == top_id)
    with_alias = next((x for x in nodes if x.get("aliases")), None)
    queries = [("Chinese name", label(target), target["id"]), ("id", target["id"], target["id"])]
    if target.get("name_en"):
        queries.append(("English name", target["name_en"].upper(), target["id"]))
    if with_alias:
        queries.append(("alias", with_alias["aliases"][0], with_alias["id"]))
    for what, q, want in queries:
        found = search(q)
        ids = [D["nodes"][i]["id"] for k, i in found if k == "node"]
        check(want in ids[:5], f"search by {what} {q!r} finds node {want}", f"results: {ids[:10]}")
    regions = graph.get("regions", [])
    picks = [next((x for x in regions if x.get("name_en")), None),
             next((x for x in regions if x.get("level") == "city" and x.get("name_en")), None)]
    for r in [x for x in picks if x][:2] if regions else []:
        found = search(r.get("name_en") or r["name"])
        rid = [D["regions"][i]["id"] for k, i in found if k == "region"]
        check(r["id"] in rid, f"search by a region's name {r.get('name_en') or r['name']!r} finds it", rid[:10])
        # its panel: the heaviest gaps of complement --region, in that order
        box = d.find_element(By.CSS_SELECTOR, "#results li[data-kind=region]")
        box.click()
        time.sleep(0.2)
        cli = json.loads(cg("complement", "--json", "--region", r["id"]))
        want_gaps = [g["name"] for g in cli["gaps"]][:10]
        got_gaps = [tr.find_elements(By.TAG_NAME, "td")[1].text
                    for tr in d.find_elements(By.CSS_SELECTOR, "#panel #table-gaps tbody tr")]
        check(got_gaps == want_gaps, f"the panel of region {r['id']} lists complement --region's heaviest gaps in order",
              f"page {got_gaps}\ncli {want_gaps}")
        d.find_element(By.CSS_SELECTOR, "#panel .close").click()
    found = search("zzzz-no-such-thing")
    check(found == [] and d.find_elements(By.CSS_SELECTOR, "#results li.none"),
          "a search that matches nothing says so")
    d.find_element(By.ID, "search").clear()

    # -- sort: a click on the criticality header orders the rows by it (both directions)
    def column(table, j):
        return [row.find_elements(By.TAG_NAME, "td")[j].text
                for row in d.find_elements(By.CSS_SELECTOR, f"#table-{table} tbody tr")]

    want = sorted(round(100 * x["criticality"], 1) for x in bott["nodes"])
    for direction in ("descending", "ascending"):
        th = d.find_elements(By.CSS_SELECTOR, "#table-bottlenecks thead th")[2]
        th.click()
        got = [float(x.rstrip("%")) for x in column("bottlenecks", 2)]
        exp = want[::-1] if direction == "descending" else want
        th = d.find_elements(By.CSS_SELECTOR, "#table-bottlenecks thead th")[2]
        check(got == exp and th.get_attribute("aria-sort") == direction,
              f"clicking the criticality header sorts {direction}", f"got {got}\nwant {exp}")
    # filter: the rows left are those holding the text
    f = d.find_element(By.CSS_SELECTOR, "[data-table=bottlenecks] input.filter")
    f.send_keys(label(target))
    rows = column("bottlenecks", 1)
    check(rows and all(label(target) in r for r in rows), f"filtering by {label(target)!r} keeps its rows", rows)
    f.clear()
    f.send_keys(" ")
    f.clear()
    d.execute_script("arguments[0].dispatchEvent(new Event('input'))", f)

    # -- the node panel and its lost set on the diagram, against disrupt --json
    row = next(r for r in d.find_elements(By.CSS_SELECTOR, "#table-bottlenecks tbody tr")
               if r.find_elements(By.TAG_NAME, "td")[1].text.startswith(label(target)))
    d.execute_script("arguments[0].scrollIntoView()", row)
    row.click()
    time.sleep(0.2)
    panel = d.find_element(By.ID, "panel")
    check(panel.is_displayed() and D["nodes"][panel.get_attribute("data-node")]["id"] == target["id"],
          f"clicking the first bottleneck opens the panel of {target['id']}")
    lost = set(json.loads(cg("disrupt", "--json", "--node", target["id"]))["lost"])
    drawn = d.execute_script("""
      var out = {lost: [], all: []};
      document.querySelectorAll('#viewer g.node').forEach(function (g) {
        var m = /^n(\\d+)$/.exec(g.querySelector('title').textContent.trim());
        if (!m) return; out.all.push(m[1]); if (g.classList.contains('lost')) out.lost.push(m[1]); });
      return out;""")
    embedded = {(D["nodes"][str(i)]["id"] if str(i) in D["nodes"] else D["refs"][str(i)][0]) for i in D["nodes"][panel.get_attribute("data-node")].get("lost", [])}
    check(embedded == lost, f"the page's lost set of {target['id']} is disrupt --json's ({len(lost)} nodes)",
          f"page {sorted(embedded)[:20]}\ncli {sorted(lost)[:20]}")
    if not drawn["all"]:
        print("# no chain diagram holds it (a graph without chains): the highlight is not checked")
        drawn["all"] = None
    on_diagram = {D["nodes"][i]["id"] for i in drawn["all"] or []}
    marked = {D["nodes"][i]["id"] for i in drawn["lost"]}
    expect = (lost & on_diagram) - {target["id"]}
    if drawn["all"] is not None:
        check(drawn["all"] and marked == expect and expect,
              f"its lost set is highlighted on its chain diagram ({len(expect)} nodes)",
              f"marked {sorted(marked)}\nwant {sorted(expect)}")
    if shots and drawn["all"]:
        d.execute_script("document.getElementById('chains').scrollIntoView()")
        time.sleep(0.2)
        d.save_screenshot(os.path.join(shots, "report-node.png"))
    vbox = "return document.querySelector('#viewer svg').getAttribute('viewBox')"
    if drawn["all"]:
        vb0 = d.execute_script(vbox)
        d.find_element(By.CSS_SELECTOR, ".zoom button").click()
        vb1 = d.execute_script(vbox)
        w0, w1 = float(vb0.split()[2]), float(vb1.split()[2])
        check(abs(w1 - w0 / 1.25) < 1e-3 * w0, "the zoom button narrows the diagram's view 1.25×", f"{vb0} → {vb1}")
    d.find_element(By.CSS_SELECTOR, "#panel .close").click()

    # -- CSV downloads, byte for byte the CLI's --csv in the page's language
    buttons = d.find_elements(By.CSS_SELECTOR, "button.csv")
    ids = [b.get_attribute("data-csv") for b in buttons]
    for b in buttons:
        d.execute_script("arguments[0].click()", b)
    for _ in range(100):
        if all(os.path.exists(os.path.join(dl, i + ".csv")) for i in ids):
            break
        time.sleep(0.1)
    time.sleep(0.3)
    bad = []
    for i in ids:
        got = open(os.path.join(dl, i + ".csv"), "rb").read() if os.path.exists(os.path.join(dl, i + ".csv")) else None
        want_b = open(os.path.join(T, "csv-zh", i + ".csv"), "rb").read()
        if got != want_b:
            bad.append(i)
    check(ids and not bad, f"{len(ids)} CSV downloads equal report --csv byte for byte ({', '.join(ids)})", f"differ: {bad}")
    rows = list(csv.reader(io.StringIO(open(os.path.join(T, "csv-en", "bottlenecks.csv"), encoding="utf-8-sig").read())))
    check([r[1].split(" (")[0] for r in rows[1:]] == [label(x) for x in bott["nodes"]]
          and [abs(float(r[2]) - x["criticality"]) < 1e-5 for r, x in zip(rows[1:], bott["nodes"])] == [True] * len(bott["nodes"]),
          "bottlenecks.csv holds bottlenecks --json's ranking with its criticality")

    # -- what the answers rest on: the marks against bottlenecks --json, the gaps' closure
    #    against the text report's last section
    marks = dict(zip(column("bottlenecks", 1), column("bottlenecks", 5)))
    bad = []
    for x in bott["nodes"]:
        got = next((m for nm, m in marks.items() if nm.startswith(label(x))), None)
        noinf = x.get("criticality_without_inferred", x["criticality"])
        want_mark = f"{100 * noinf:.1f}%" if noinf != x["criticality"] else ""
        if got is None or (want_mark and want_mark not in got) or (not want_mark and got):
            bad.append((x["id"], got, want_mark))
    check(marks and not bad and any(marks.values()) == any(
              x.get("criticality_without_inferred", x["criticality"]) != x["criticality"] for x in bott["nodes"]),
          "each bottleneck's 'rests on' cell gives its criticality without the inferred statements "
          "(bottlenecks --json), empty where it does not change", bad)
    text = cg("report", "--lang", "en", "--width", "400").decode()
    want_cl = {m.group(1): [float(v) for v in m.groups()[3:]] for m in re.finditer(
        r"^ +(\S+) \((\d+) gaps, weight ([0-9.e+-]+)\): own plan (\d+)%, made now elsewhere (\d+)%, "
        r"another's plan (\d+)%, only foreign (\d+)%, none (\d+)%$", text, re.M)}
    if os.path.exists(os.path.join(T, "csv-en", "closure.csv")):
        rows = list(csv.reader(io.StringIO(open(os.path.join(T, "csv-en", "closure.csv"), encoding="utf-8-sig").read())))[1:]
        got_cl = {r[0]: [100 * float(v) for v in r[3:8]] for r in rows}
        dom = column("closure", 0)
        check(want_cl and set(got_cl) == set(want_cl) and set(dom) == set(want_cl)
              and all(abs(a - b) <= 0.5 for k in want_cl for a, b in zip(got_cl[k], want_cl[k])),
              f"the page's gaps by what closes them are the text report's ({len(want_cl)} regions)",
              f"page {got_cl}\ntext {want_cl}")
        first = d.find_element(By.CSS_SELECTOR, "#table-closure tbody tr")
        name = first.find_elements(By.TAG_NAME, "td")[0].text
        d.execute_script("arguments[0].scrollIntoView()", first)
        first.click()
        time.sleep(0.2)
        inpanel = [tr.find_elements(By.TAG_NAME, "td")[0].text
                   for tr in d.find_elements(By.CSS_SELECTOR, "#panel #table-closure tbody tr")]
        check(inpanel == [name], f"the panel of {name} shows what closes its gaps", inpanel)
        d.find_element(By.CSS_SELECTOR, "#panel .close").click()
    else:
        check(not want_cl, "no present-horizon reading: no closure table and no such lines", want_cl)

    # -- the language switch: English labels, and the English why of bottlenecks --json
    d.find_element(By.ID, "lang").click()
    time.sleep(0.2)
    names, whys = column("bottlenecks", 1), column("bottlenecks", 4)
    why = next((w for nm, w in zip(names, whys) if nm.startswith(label(target))), None)
    want_why = bott["nodes"][0]["why"].split(": ", 1)[1]
    check(d.execute_script("return document.documentElement.lang") == "en"
          and d.find_element(By.CSS_SELECTOR, "#bottlenecks h2").text == "Bottlenecks" and why == want_why,
          "the language switch turns the page English, with the library's English why",
          f"why {why!r}\nwant {want_why!r}")
    d.find_element(By.ID, "lang").click()
    time.sleep(0.2)
    check(d.find_element(By.CSS_SELECTOR, "#bottlenecks h2").text == "瓶颈", "and back to Chinese")

    # -- a 390-px phone: nothing wider than the viewport; tables as cards
    d.set_window_size(390, 844)
    time.sleep(0.3)
    inner = d.execute_script("return window.innerWidth")
    widths = d.execute_script("""return [document.documentElement.scrollWidth, document.body.scrollWidth,
      Math.max.apply(null, Array.prototype.map.call(document.querySelectorAll('main *'), function (e) {
        var r = e.getBoundingClientRect(); return r.width ? r.right : 0; }))]""")
    check(widths[0] <= inner and widths[1] <= inner and widths[2] <= inner + 0.5,
          f"at {inner} px the document is no wider than the viewport", f"scrollWidth {widths}, viewport {inner}")
    disp = d.execute_script("return getComputedStyle(document.querySelector('#table-bottlenecks td')).display")
    check(disp == "block", "at 390 px table rows reflow into cards", disp)
    svgw = d.execute_script("var s = document.querySelector('#viewer svg'); return s ? s.getBoundingClientRect().width : -1")
    if svgw >= 0:
        check(0 < svgw <= inner, f"the diagram fits the width ({svgw:.0f} px)")
    if shots:
        d.execute_script("window.scrollTo(0, document.getElementById('bottlenecks').offsetTop)")
        d.save_screenshot(os.path.join(shots, "report-phone.png"))
    d.quit()
finally:
    shutil.rmtree(T, ignore_errors=True)

print(f"1..{n}")
sys.exit(1 if fails else 0)
