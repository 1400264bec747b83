"""The leftover check (tests/litter.py) turns a run red, naming what was left, and leaves nothing itself."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

LEAVES_TEMP = '''
import tempfile, pathlib
def test_it():
    pathlib.Path(tempfile.gettempdir(), "left-in-temp.txt").write_text("x")
'''
LEAVES_TREE = '''
import pathlib
def test_it():
    pathlib.Path(__file__).with_name("left-in-tree.txt").write_text("x")
'''
CLEAN = '''
import tempfile, pathlib
def test_it(tmp_path):
    (tmp_path / "fine.txt").write_text("x")  # pytest's own tmp_path is not litter
    with tempfile.TemporaryDirectory() as d:
        pathlib.Path(d, "gone.txt").write_text("x")
'''


def _run(tmp_path: Path, body: str, *args: str) -> tuple[int, str]:
    project = tmp_path / "project"
    project.mkdir()
    subprocess.run(["git", "init", "-q", str(project)], check=True, timeout=60)
    (project / "pytest.ini").write_text("[pytest]\n")
    (project / "test_one.py").write_text(body)
    tmpdir = tmp_path / "tmp"
    tmpdir.mkdir()
    env = {**os.environ, "TMPDIR": str(tmpdir), "PYTHONPATH": str(ROOT)}
    env.pop("PYTEST_DEBUG_TEMPROOT", None)  # the inner tmp_path in tmpdir too, apart from the outer run's
    for k in [k for k in env if k.startswith("PYTEST_XDIST_")]:  # the outer run's worker is not the inner run's
        env.pop(k)
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "tests.litter", "-p", "no:cacheprovider",
                           *args, "test_one.py"], cwd=project, env=env, capture_output=True, text=True, timeout=120)
    # the inner run's private temporary directory is gone, with whatever was left in it
    assert [p.name for p in tmpdir.iterdir() if not p.name.startswith("pytest-of-")] == []
    return done.returncode, done.stdout + done.stderr


@pytest.mark.parametrize(("body", "named"), [(LEAVES_TEMP, "left-in-temp.txt"), (LEAVES_TREE, "left-in-tree.txt")])
def test_something_left_behind_fails_the_run(tmp_path: Path, body: str, named: str) -> None:
    rc, out = _run(tmp_path, body)
    assert rc == 1, out
    assert "1 passed" in out and "files left behind by this run" in out and named in out


def test_something_left_behind_by_an_xdist_worker_fails_the_run(tmp_path: Path) -> None:
    """Under pytest-xdist (as scripts/test.sh runs) the controller checks what its worker left, in both places."""
    rc, out = _run(tmp_path, LEAVES_TEMP + LEAVES_TREE.replace("test_it", "test_it_too"), "-n", "1")
    assert rc == 1, out
    assert "2 passed" in out and "files left behind by this run" in out, out
    assert "left-in-temp.txt" in out and "left-in-tree.txt" in out, out


def test_a_clean_run_stays_green(tmp_path: Path) -> None:
    rc, out = _run(tmp_path, CLEAN)
    assert rc == 0, out
    assert "left behind" not in out
