"""The README's Python example runs as written (issue 15): the first ```python block of the
"## Python" section is extracted from README.md and executed in a scratch directory, so the
example and the package cannot drift apart. The networkx part is checked further: the graph
it builds from a networkx DiGraph has the criticality its shape gives (1 → 2 → 3, all three
lost with the application)."""
import os
import re

import pytest

ROOT = os.environ.get("CHAINGRAPH_SOURCE") or os.path.join(os.path.dirname(__file__), "..", "..")


def readme_example():
    text = open(os.path.join(ROOT, "README.md"), encoding="utf-8").read()
    section = text.split("\n## Python\n", 1)
    assert len(section) == 2, "README.md has no '## Python' section"
    m = re.search(r"```python\n(.*?)```", section[1], re.S)
    assert m, "no ```python block in the README's Python section"
    return m.group(1)


def test_readme_python_example_runs(tmp_path, monkeypatch):
    pytest.importorskip("networkx", reason="python3-networkx is not installed")
    pytest.importorskip("pandas", reason="python3-pandas is not installed")
    code = readme_example()
    assert "from_networkx" in code and "to_networkx" in code
    monkeypatch.chdir(tmp_path)
    ns = {}
    exec(compile(code, "README.md (Python)", "exec"), ns)
    assert os.path.getsize(tmp_path / "report.html") > 0
    assert os.path.getsize(tmp_path / "magnet.svg") > 0
    # the networkx graph 1 → 2 → 3 (application): losing any node loses the application
    assert ns["g2"].criticality() == {"1": 1.0, "2": 1.0, "3": 1.0}
    H = ns["H"]
    assert H.number_of_nodes() == len(ns["g"])
    assert len(ns["df"]) == len(ns["g"].bottlenecks(top=0))
    assert set(ns["p"]) == {n for n in H.nodes}
