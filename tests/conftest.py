"""Shared fixtures. Ports come from one place; brokers are real Mosquitto processes."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest

from tests import support
from zizhu.broker import MosquittoBroker, free_port

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# A run leaves no files behind: a private TMPDIR for the run, checked (with the tree) at the end.
pytest_plugins = ["tests.litter"]

ROOT = Path(__file__).resolve().parent.parent
T = TypeVar("T")


@pytest.fixture
def port() -> int:
    return free_port()


@pytest.fixture
def broker() -> Iterator[MosquittoBroker]:
    """A private Mosquitto on a free port, stopped after the test."""
    with MosquittoBroker() as b:
        yield b


@pytest.fixture
def repo_root() -> Path:
    return ROOT


@pytest.fixture
def wait_until() -> Callable[..., Any]:
    """``wait_until(lambda: cond, timeout=15, what="…")``: poll with a generous deadline, never sleep."""
    return support.wait_until


# ---- in parallel (pytest-xdist: -n auto in scripts/test.sh, --dist loadgroup in pyproject.toml) ----
# Tests go one by one to whichever worker is free, except where a fixture is made once for many
# tests: a module with a module-scoped fixture (a built wheel, a started hall or demo rig) stays on
# one worker, and so do the browser tests (tests/web: one hall and one Chromium for the run).
SHARED_SESSION_DIRS = ("tests/web/",)
WORKERS_PER_CPU = 1  # 2 workers a CPU were no faster on a loaded 2-CPU machine, and thin the timing margins
MAX_WORKERS = 4


@pytest.hookimpl(tryfirst=True)  # before xdist's own hook reads the groups into the test ids
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if item.get_closest_marker("xdist_group") is not None:
            continue
        rel = item.nodeid.split("::", 1)[0]
        shared = next((d for d in SHARED_SESSION_DIRS if rel.startswith(d)), None)
        info = getattr(item, "_fixtureinfo", None)
        if shared is None and info is not None and any(
                defs[-1].scope in ("package", "module", "class") for defs in info.name2fixturedefs.values()):
            shared = rel
        if shared is not None:
            item.add_marker(pytest.mark.xdist_group(shared))


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int | None:
    """``-n auto``: WORKERS_PER_CPU workers a CPU, at most MAX_WORKERS (PYTEST_XDIST_AUTO_NUM_WORKERS wins)."""
    if os.environ.get("PYTEST_XDIST_AUTO_NUM_WORKERS"):
        return None  # xdist's own hook reads it
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, min(MAX_WORKERS, WORKERS_PER_CPU * cpus))
