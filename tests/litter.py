"""A test run leaves no files behind: not in the temporary directory, not in the repository's tree.

A pytest plugin (``pytest_plugins`` in ``tests/conftest.py``; ``-p tests.litter`` for any other run):

* **Temporary directory.** Before any test, the run gets a private, empty temporary directory
  (``TMPDIR`` and :data:`tempfile.tempdir`, inherited by every subprocess: agents, simulators,
  brokers). Whatever is still in it when the session ends was left behind by this run — another
  process sharing ``/tmp`` cannot make the check fail. pytest's own ``tmp_path`` stays where it
  always is (``PYTEST_DEBUG_TEMPROOT`` = the real temporary directory, ``pytest-of-<user>``, the last
  three runs kept for looking at failures), so it is not in the private directory. Mosquitto's and
  the tests' ``TemporaryDirectory`` folders are in it, and must be gone by the end.
* **Repository tree.** Untracked paths (``git ls-files --others --directory``, ignored ones
  included) are listed at the start and at the end; a new one fails the run, except the caches that
  the tools write (``__pycache__``, ``.pytest_cache``, ``.hypothesis``, …).

A failure is a red run (exit status 1) with a section naming every path left behind; the private
directory is removed either way. ``tests/drivers/printer/test_printer_litter.py`` proves both.

Under pytest-xdist the controller does all of it: its workers are started after ``pytest_configure``,
so they inherit ``TMPDIR`` (the one private directory of the run, shared by every worker), and the
controller's ``pytest_sessionfinish`` comes after every worker has finished its tests and fixtures.
A worker checks nothing itself: it would see the others' files, and its report would not be shown.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

CACHES = {"__pycache__", ".pytest_cache", ".hypothesis", ".mypy_cache", ".ruff_cache"}
ENV = ("TMPDIR", "PYTEST_DEBUG_TEMPROOT")


@dataclass
class _State:
    private: Path
    untracked: set[str] | None  # None: not in a git work tree
    old_env: dict[str, str | None]
    old_tempdir: str | None


_KEY = pytest.StashKey[_State]()


def _untracked(root: Path) -> set[str] | None:
    """Untracked paths under ``root`` (whole untracked folders as one ``dir/``), or None outside git."""
    try:
        out = subprocess.run(["git", "-C", str(root), "ls-files", "--others", "--directory", "-z"],
                             capture_output=True, timeout=60, check=True).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    paths = {p for p in out.decode("utf-8", "surrogateescape").split("\0") if p}
    return {p for p in paths if not (CACHES & set(p.rstrip("/").split("/")) or p.endswith(".pyc"))}


def _describe(path: Path) -> str:
    if path.is_dir() and not path.is_symlink():
        inside = sorted(p.name for p in path.iterdir())
        shown = ", ".join(inside[:5]) + (", …" if len(inside) > 5 else "")
        return f"{path}/ ({len(inside)} entries{': ' + shown if inside else ''})"
    return str(path)


def pytest_configure(config: pytest.Config) -> None:
    if hasattr(config, "workerinput"):  # an xdist worker: the controller's private TMPDIR and checks
        return
    real = tempfile.gettempdir()
    state = _State(private=Path(tempfile.mkdtemp(prefix="zizhu-tests-", dir=real)),
                   untracked=_untracked(config.rootpath), old_env={k: os.environ.get(k) for k in ENV},
                   old_tempdir=tempfile.tempdir)
    config.stash[_KEY] = state
    os.environ.setdefault("PYTEST_DEBUG_TEMPROOT", real)  # tmp_path where it always is, not in ours
    os.environ["TMPDIR"] = str(state.private)
    tempfile.tempdir = str(state.private)


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    state = session.config.stash.get(_KEY, None)
    if state is None:
        return
    left = [_describe(p) for p in sorted(state.private.iterdir())]
    after = _untracked(session.config.rootpath) if state.untracked is not None else None
    if state.untracked is not None and after is not None:
        left += [str(session.config.rootpath / p) for p in sorted(after - state.untracked)]
    if not left:
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:
        reporter.write_sep("=", "files left behind by this run", red=True, bold=True)
        for line in left:
            reporter.write_line(line)
        if any(not line.startswith(str(state.private)) for line in left):
            reporter.write_line("(a new untracked file in the tree may also be someone else's, made during the run)")
    if exitstatus in (pytest.ExitCode.OK, pytest.ExitCode.NO_TESTS_COLLECTED):
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_unconfigure(config: pytest.Config) -> None:
    state = config.stash.get(_KEY, None)
    if state is None:
        return
    del config.stash[_KEY]
    shutil.rmtree(state.private, ignore_errors=True)
    for k, v in state.old_env.items():
        if v is None:
            os.environ.pop(k, None)
        else:
            os.environ[k] = v
    tempfile.tempdir = state.old_tempdir
