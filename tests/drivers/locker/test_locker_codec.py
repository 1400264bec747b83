"""Lock-control board frames: docs/protocols/locker.md §Byte vectors (L1–L5, K1) byte for byte; garbage gives typed
errors."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drivers.base import DeviceProtocolError
from drivers.locker import codec as lc
from drivers.locker.codec import Dialect, Polarity


def h(text: str) -> bytes:
    return bytes.fromhex(text)


def test_l1_open_lock_1_board_1() -> None:
    assert lc.encode_open(1, 1) == h("8A 01 01 11 9B")
    assert lc.encode_feedback_reply(lc.HDR_OPEN, 1, 1, active=False) == h("8A 01 01 00 8A")
    assert lc.encode_feedback_reply(lc.HDR_OPEN, 1, 1, active=True) == h("8A 01 01 11 9B")  # the echo form
    assert lc.decode_feedback_reply(h("8A 01 01 00 8A"), lc.HDR_OPEN, 1, 1) is False
    assert lc.decode_feedback_reply(h("8A 01 01 11 9B"), lc.HDR_OPEN, 1, 1) is True
    assert lc.encode_open(1, 2) == h("8A 01 02 11 98")


def test_l2_open_all() -> None:
    assert lc.encode_open_all(1) == h("8A 01 00 11 9A")
    assert lc.encode_open_all(2) == h("8A 02 00 11 99")


def test_l3_query_one() -> None:
    assert lc.encode_query(1, 1) == h("80 01 01 33 B3")
    assert lc.decode_feedback_reply(h("80 01 01 00 80"), lc.HDR_QUERY, 1, 1) is False
    assert lc.decode_feedback_reply(h("80 01 01 11 91"), lc.HDR_QUERY, 1, 1) is True


def test_l4_query_all_24_channels_locks_1_9_17() -> None:
    assert lc.encode_query_all(1) == h("80 01 00 33 B2")
    frame = h("80 01 01 01 01 33 B3")
    bits = lc.decode_query_all_reply(frame, 1, 24)
    assert [i + 1 for i, b in enumerate(bits) if b] == [1, 9, 17]
    assert lc.encode_query_all_reply(1, bits) == frame


def test_query_all_byte_order_is_highest_locks_first() -> None:
    bits = [False] * 24
    bits[23] = True  # lock 24: bit 7 of S1
    bits[1] = True  # lock 2: bit 1 of S3
    frame = lc.encode_query_all_reply(1, bits)
    assert frame[2:5] == h("80 00 02")


def test_query_all_32_channels() -> None:
    bits = [False] * 32
    bits[31] = bits[0] = True  # locks 32 and 1
    frame = lc.encode_query_all_reply(3, bits)
    assert len(frame) == 8 and frame[2:6] == h("80 00 00 01") and frame[-2] == 0x33
    assert frame[-1] == lc.bcc(frame[:-1])
    assert lc.decode_query_all_reply(frame, 3, 32) == bits
    assert lc.query_all_reply_len(32) == 8 and lc.query_all_reply_len(24) == 7 and lc.query_all_reply_len(12) == 7


def test_l5_open_codes_locks_1_to_12() -> None:
    want = "9B 98 99 9E 9F 9C 9D 92 93 90 91 96".split()
    for lock, x in enumerate(want, 1):
        assert lc.encode_open(1, lock) == h(f"8A 01 {lock:02X} 11 {x}")


def test_k1_kerong_vectors() -> None:
    assert lc.kr_unlock(0, 1) == h("02 00 31 03 36")
    assert lc.kr_status(0) == h("02 00 30 03 35")
    assert lc.kr_unlock_all(0) == h("02 00 33 03 38")
    assert lc.kr_bus_query() == h("02 F0 32 03 27")


def test_kerong_addressing_and_status_reply() -> None:
    assert lc.kr_unlock(2, 16) == h("02 2F 31 03") + bytes([(2 + 0x2F + 0x31 + 3) & 0xFF])
    req = lc.kr_decode_request(lc.kr_unlock(2, 16))
    assert (req.board, req.lock, req.cmd) == (2, 16, lc.KR_UNLOCK)
    hooks = [i % 2 == 0 for i in range(16)]  # locks 1, 3, 5 … locked
    ir = [i == 15 for i in range(16)]  # item in lock 16
    frame = lc.kr_encode_status_reply(0x20, lc.KR_STATUS, hooks, ir)
    assert frame[:3] == h("02 20 30") and frame[3:7] == h("55 55 00 80") and frame[7] == 3
    assert frame[8] == sum(frame[:8]) & 0xFF
    state = lc.kr_decode_status_reply(frame, 0x20)
    assert list(state.hooks) == hooks and list(state.infrared) == ir
    with pytest.raises(lc.WrongReply):
        lc.kr_decode_status_reply(frame, 0x10)
    with pytest.raises(lc.WrongReply):
        lc.kr_decode_status_reply(frame, 0x20, (lc.KR_UNLOCK,))


def test_polarity_both_ways() -> None:
    assert Polarity.CLOSED_IS_11.is_closed(True) and not Polarity.CLOSED_IS_11.is_closed(False)
    assert Polarity.CLOSED_IS_00.is_closed(False) and not Polarity.CLOSED_IS_00.is_closed(True)
    for p in Polarity:
        for closed in (True, False):
            assert p.is_closed(p.raw_for(closed)) is closed


@pytest.mark.parametrize(("frame", "error"), [
    ("8A 01 01 00 8B", lc.BadChecksum),
    ("8A 01 01 00", lc.BadLength),
    ("8A 02 01 00 89", lc.WrongReply),  # another board answered
    ("8A 01 02 00 89", lc.WrongReply),  # another lock
    ("80 01 01 00 80", lc.WrongReply),  # a query reply to an open
    ("8A 01 01 22 A8", lc.WrongReply),  # feedback neither 00 nor 11
])
def test_generic_bad_replies(frame: str, error: type[Exception]) -> None:
    with pytest.raises(error) as exc:
        lc.decode_feedback_reply(h(frame), lc.HDR_OPEN, 1, 1)
    assert isinstance(exc.value, DeviceProtocolError) and exc.value.reason == "锁控板通信故障"


def test_take_frame_and_split_requests_resynchronise() -> None:
    buf = bytearray(h("00 FF 8A 01 01 11 9B 80 01"))
    assert lc.take_frame(buf, lc.GENERIC_HEADERS, 5) == h("8A 01 01 11 9B")
    assert lc.take_frame(buf, lc.GENERIC_HEADERS, 5) is None and bytes(buf) == h("80 01")
    stream = bytearray(h("8A 01 01 11 00") + lc.encode_query(1, 2) + b"\x02" + lc.kr_status(1))
    assert lc.split_requests(stream, Dialect.GENERIC) == [lc.encode_query(1, 2)]
    kr = bytearray(h("02 02") + lc.kr_status(1))
    assert lc.split_requests(kr, Dialect.KERONG) == [lc.kr_status(1)]


def test_addresses_out_of_range_rejected() -> None:
    with pytest.raises(ValueError, match="lock 33"):
        lc.encode_open(1, 33)
    with pytest.raises(ValueError, match="board 16"):
        lc.kr_unlock(16, 1)
    with pytest.raises(ValueError, match="lock 17"):
        lc.kr_unlock(1, 17)


# ---- property tests ---------------------------------------------------------------------------

@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=12), st.integers(1, 32), st.sampled_from([12, 16, 24, 32]))
def test_random_generic_replies_decode_or_raise_typed(frame: bytes, lock: int, channels: int) -> None:
    for header in lc.GENERIC_HEADERS:
        try:
            lc.decode_feedback_reply(frame, header, 1, lock)
        except lc.LockerFrameError:
            pass
    try:
        bits = lc.decode_query_all_reply(frame, 1, channels)
    except lc.LockerFrameError:
        return
    assert len(bits) == channels


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=12), st.integers(0, 255))
def test_random_kerong_frames_decode_or_raise_typed(frame: bytes, addr: int) -> None:
    try:
        state = lc.kr_decode_status_reply(frame, addr)
        assert len(state.hooks) == 16
    except lc.LockerFrameError:
        pass
    try:
        lc.kr_decode_request(frame)
    except lc.LockerFrameError:
        pass


@settings(max_examples=300, deadline=None)
@given(st.lists(st.booleans(), min_size=24, max_size=24), st.data())
def test_single_byte_corruption_of_query_all_is_caught(bits: list[bool], data: st.DataObject) -> None:
    frame = bytearray(lc.encode_query_all_reply(1, bits))
    i = data.draw(st.integers(0, len(frame) - 1))
    frame[i] ^= data.draw(st.integers(1, 255))
    with pytest.raises(lc.LockerFrameError):
        lc.decode_query_all_reply(bytes(frame), 1, 24)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.booleans(), min_size=16, max_size=16), st.lists(st.booleans(), min_size=16, max_size=16),
       st.data())
def test_single_byte_corruption_of_kerong_status_is_caught(hooks: list[bool], ir: list[bool],
                                                           data: st.DataObject) -> None:
    frame = bytearray(lc.kr_encode_status_reply(0x10, lc.KR_STATUS, hooks, ir))
    i = data.draw(st.integers(0, len(frame) - 1))
    frame[i] ^= data.draw(st.integers(1, 255))
    with pytest.raises(lc.LockerFrameError):
        lc.kr_decode_status_reply(bytes(frame), 0x10)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.binary(max_size=9), max_size=12), st.sampled_from(list(Dialect)))
def test_split_requests_only_yields_checksummed_frames(chunks: list[bytes], dialect: Dialect) -> None:
    buf = bytearray()
    check = lc.bcc if dialect is Dialect.GENERIC else lc.sum8
    for chunk in chunks:
        buf += chunk
        for frame in lc.split_requests(buf, dialect):
            assert len(frame) == 5 and check(frame[:4]) == frame[4]
            assert frame[0] in lc.request_headers(dialect)
