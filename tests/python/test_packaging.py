"""The Python package installs with pip, offline, and finds its library."""
import importlib.util
import os
import shutil
import subprocess
import sys

import pytest

import chaingraph

HERE = os.path.dirname(os.path.abspath(__file__))
PACKAGE = os.path.join(HERE, "..", "..", "bindings", "python")


@pytest.mark.skipif(importlib.util.find_spec("pip") is None or
                    importlib.util.find_spec("setuptools") is None,
                    reason="needs Debian's python3-pip and python3-setuptools")
def test_pip_installs_offline(tmp_path):
    # Build from a copy: setuptools writes build/ and *.egg-info beside the sources.
    src = tmp_path / "src"
    shutil.copytree(PACKAGE, src, ignore=shutil.ignore_patterns("__pycache__", "build", "*.egg-info"))
    target = tmp_path / "site"
    p = subprocess.run([sys.executable, "-m", "pip", "install", "--no-build-isolation", "--no-deps",
                        "--no-index", "--target", str(target), str(src)],
                       capture_output=True, text=True)
    assert p.returncode == 0, p.stdout + p.stderr
    env = dict(os.environ, PYTHONPATH=str(target))
    code = ("import chaingraph, sys; assert chaingraph.__file__.startswith(sys.argv[1]); "
            "print(chaingraph.__version__, chaingraph.library_version(), len(chaingraph.load()))")
    r = subprocess.run([sys.executable, "-c", code, str(target)], env=env, capture_output=True,
                       text=True, cwd=str(tmp_path))
    assert r.returncode == 0, r.stderr
    version, libversion, n = r.stdout.split()
    assert version == chaingraph.__version__
    assert libversion.split(".")[:2] == version.split(".")[:2]
    assert int(n) > 500
