"""The locker driver fed garbage over a real pty: a reading or a typed error, in time, every time."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drivers.base import DeviceError
from drivers.locker import codec as lc
from drivers.locker.config import LockerBoard, LockerConfig
from drivers.locker.driver import Locker
from drivers.ptysim import ScriptedReplies

TIMEOUT = 0.1
SLACK = 1.0


@pytest.fixture(scope="module", params=["generic", "kerong"])
def rig(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[ScriptedReplies,
                                                                                                     Locker]]:
    dialect = request.param
    with ScriptedReplies() as sim:
        cfg = LockerConfig(device=sim.path, dialect=dialect, timeout_s=TIMEOUT, open_confirm_s=0.3,
                           boards=[LockerBoard(address=1, slots=16)],
                           record_path=Path(tmp_path_factory.mktemp("locker")) / "o.sqlite3")
        with Locker(cfg) as locker:
            yield sim, locker


def near_misses() -> st.SearchStrategy[bytes]:
    frames = st.one_of(
        st.builds(lc.encode_feedback_reply, st.sampled_from(lc.GENERIC_HEADERS), st.just(1), st.integers(1, 16),
                  st.booleans()),
        st.builds(lc.encode_query_all_reply, st.just(1), st.lists(st.booleans(), min_size=16, max_size=16)),
        st.builds(lc.kr_encode_status_reply, st.sampled_from([0x10, 0x11]), st.sampled_from([0x30, 0x31]),
                  st.lists(st.booleans(), min_size=16, max_size=16), st.lists(st.booleans(), min_size=16,
                                                                                  max_size=16)),
    )
    return st.tuples(frames, st.integers(0, 8), st.integers(0, 255)).map(
        lambda t: t[0][: t[1]] + bytes([t[2]]) + t[0][t[1] + 1:])


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(st.binary(min_size=1, max_size=20), near_misses()))
def test_garbage_gives_a_reading_or_a_typed_error_in_time(rig: tuple[ScriptedReplies, Locker], reply: bytes) -> None:
    sim, locker = rig
    sim.reply = reply
    t0 = time.monotonic()
    try:
        locker.query_slot(1)
    except DeviceError as exc:
        assert exc.reason
    # two attempts of TIMEOUT each, at most
    assert time.monotonic() - t0 < 2 * TIMEOUT + SLACK


def test_an_open_against_garbage_is_recorded_and_ends_in_time(rig: tuple[ScriptedReplies, Locker]) -> None:
    sim, locker = rig
    sim.reply = b"\x8a\x01\x01\x00\x00" * 3
    t0 = time.monotonic()
    with pytest.raises(DeviceError):
        locker.open_slot(1, why="pickup:garbage", session="s", once=False)
    assert time.monotonic() - t0 < 0.3 + 2 * TIMEOUT + SLACK
    assert locker.journal.records(why="pickup:garbage")[0].outcome in ("unconfirmed", "jammed")
