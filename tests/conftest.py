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
