"""CSV tables beside TSV (issue 15): `export -o PREFIX.csv` writes the TSV tables' rows as
RFC 4180 CSV and reading PREFIX.csv gives the same graph. Oracle: Python's csv module, an
independent reader, on both sets of tables (the CSV rows must be the TSV rows), and the
JSON export of the graph read back."""
import csv
import glob
import io
import os
import re
import subprocess

import pytest

CG = os.environ.get("CHAINGRAPH_BIN")


def cg(*args, check=True):
    if not CG:
        pytest.skip("CHAINGRAPH_BIN is not set (run through meson test)")
    return subprocess.run([CG, *args], check=check, capture_output=True)


def rows(path, **kw):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f, **kw))


def test_csv_tables_are_the_tsv_rows(tmp_path):
    cg("export", "-o", str(tmp_path / "g.tsv"))
    cg("export", "-o", str(tmp_path / "g.csv"))
    tsvs = sorted(glob.glob(str(tmp_path / "g.*.tsv")))
    assert len(tsvs) >= 5
    quoted = 0
    for t in tsvs:
        c = t[:-4] + ".csv"
        want = rows(t, delimiter="\t", quoting=csv.QUOTE_NONE)
        got = rows(c)
        assert got == want, os.path.basename(c)
        quoted += open(c, encoding="utf-8").read().count('"')
    assert quoted > 0  # the bundled chains have commas and quotes in their text


def test_csv_reads_back_the_same_graph(tmp_path):
    cg("export", "-o", str(tmp_path / "g.csv"))
    assert cg("export", "--format", "json", str(tmp_path / "g.csv")).stdout == cg("export", "--format", "json").stdout
    # and a CSV written by Python's csv module (quoting every field, CR LF) reads the same
    for c in glob.glob(str(tmp_path / "g.*.csv")):
        data = rows(c)
        with open(c, "w", encoding="utf-8", newline="") as f:
            csv.writer(f, quoting=csv.QUOTE_ALL, lineterminator="\r\n").writerows(data)
    assert cg("export", "--format", "json", str(tmp_path / "g.csv")).stdout == cg("export", "--format", "json").stdout


def test_spreadsheet_csv(tmp_path):
    """A byte-order mark, CR LF, quoted commas and quotes, trailing empty fields left out."""
    (tmp_path / "s.nodes.csv").write_bytes(
        '\ufeffid,name,name_en,stage,weight\r\n"a,1","名称 ""甲""",alpha,raw\r\nb,乙,,application,2\r\n'.encode())
    (tmp_path / "s.edges.csv").write_bytes(b'source,target\r\n"a,1",b\r\n')
    import json
    g = json.loads(cg("export", "--format", "json", str(tmp_path / "s.csv")).stdout)
    assert [(n["id"], n.get("name")) for n in g["nodes"]] == [("a,1", '名称 "甲"'), ("b", "乙")]
    assert [(e["source"], e["target"]) for e in g["links"]] == [("a,1", "b")]


@pytest.mark.parametrize("text, where, what", [
    ('id,name\na,"unclosed\n', "x.nodes.csv:2", "line break inside a quoted field"),
    ('id,name\na,"unclosed', "x.nodes.csv:2", "not closed"),
    ('id,name\na,"x"y\n', "x.nodes.csv:2", "after a quoted field"),
    ('id,name\na,x"y\n', "x.nodes.csv:2", "quote inside an unquoted field"),
    ('id,name,weight\na,A,1\nb,B,heavy\n', "x.nodes.csv:3", "weight"),
])
def test_csv_errors_are_located(tmp_path, text, where, what):
    (tmp_path / "x.nodes.csv").write_text(text, encoding="utf-8")
    p = cg("info", str(tmp_path / "x.csv"), check=False)
    err = p.stderr.decode()
    assert p.returncode == 1 and where + ":" in err and what in err, err
    # the line only: a column would be the converted text's, not the file's
    assert not re.search(re.escape(where) + r":\d", err), err


def test_format_and_name_must_agree(tmp_path):
    p = cg("export", "--format", "csv", "-o", str(tmp_path / "g.tsv"), check=False)
    assert p.returncode == 2 and b"CSV tables are named PREFIX.csv" in p.stderr
    p = cg("export", "--format", "csv", check=False)
    assert p.returncode == 2 and b"sets of files" in p.stderr
