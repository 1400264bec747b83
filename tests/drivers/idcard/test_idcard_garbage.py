"""The driver fed garbage over a real pty: a typed error within the timeout, every time."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drivers.base import DeviceError
from drivers.idcard import codec
from drivers.idcard.config import IdCardConfig
from drivers.idcard.driver import IdCardReader
from drivers.ptysim import ScriptedReplies

TIMEOUT = 0.1
SLACK = 1.0


@pytest.fixture(scope="module")
def rig() -> Iterator[tuple[ScriptedReplies, IdCardReader]]:
    with ScriptedReplies() as sim:
        reader = IdCardReader(IdCardConfig(device=sim.path, timeout_s=TIMEOUT, command_timeout_s=TIMEOUT))
        reader.open()
        yield sim, reader
        reader.close()


def mutated_frames() -> st.SearchStrategy[bytes]:
    """Real replies with a few bytes changed, cut or added: closer to line noise than pure random."""
    frame = st.builds(codec.encode_reply, st.sampled_from([int(c) for c in codec.SW3]), st.binary(max_size=40))

    def mutate(f: bytes, data: st.DataObject) -> bytes:
        b = bytearray(f)
        for _ in range(data.draw(st.integers(0, 3))):
            b[data.draw(st.integers(0, len(b) - 1))] = data.draw(st.integers(0, 255))
        return bytes(b[: data.draw(st.integers(0, len(b)))]) + data.draw(st.binary(max_size=8))

    return st.tuples(frame, st.data()).map(lambda t: mutate(*t))


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(st.binary(min_size=1, max_size=64), mutated_frames()))
def test_garbage_replies_give_a_typed_error_within_the_timeout(rig: tuple[ScriptedReplies, IdCardReader],
                                                              reply: bytes) -> None:
    sim, reader = rig
    sim.reply = reply
    t0 = time.monotonic()
    try:
        reader.command("find")
    except DeviceError as exc:
        assert exc.reason
    assert time.monotonic() - t0 < TIMEOUT + SLACK


def test_whole_read_against_noise_ends_in_time(rig: tuple[ScriptedReplies, IdCardReader]) -> None:
    sim, reader = rig
    sim.reply = bytes(range(256)) * 4
    t0 = time.monotonic()
    with pytest.raises(DeviceError):
        reader.read_card(timeout_s=0.5)
    assert time.monotonic() - t0 < 0.5 + SLACK


def test_a_simulator_that_goes_away_is_offline_not_a_hang() -> None:
    sim = ScriptedReplies()
    sim.start()
    reader = IdCardReader(IdCardConfig(device=sim.path, timeout_s=0.5, command_timeout_s=0.5))
    reader.open()
    sim.stop()  # the USB cable is pulled: the pty's other end is gone
    t0 = time.monotonic()
    with pytest.raises(DeviceError):
        reader.command("sam_status")
    assert time.monotonic() - t0 < 0.5 + SLACK
    assert reader.status().state.value in ("offline", "no_device")
    reader.close()
