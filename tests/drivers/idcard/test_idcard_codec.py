"""GA 467 frames: the vectors of docs/protocols/idcard.md §Byte vectors byte for byte, and garbage handled."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drivers.base import DeviceHardwareError, DeviceProtocolError, DeviceUserError
from drivers.idcard import codec
from drivers.idcard.codec import SW3, FrameBuffer, decode_reply, encode_reply, request


def h(text: str) -> bytes:
    return bytes.fromhex(text)


PRE = "AA AA AA 96 69"


@pytest.mark.parametrize(("name", "frame"), [
    ("find", f"{PRE} 00 03 20 01 22"),  # T1
    ("select", f"{PRE} 00 03 20 02 21"),  # T4
    ("read_base", f"{PRE} 00 03 30 01 32"),  # T6
    ("reset", f"{PRE} 00 03 10 FF EC"),  # T8
    ("sam_id", f"{PRE} 00 03 12 FF EE"),  # T9
    ("sam_status", f"{PRE} 00 03 11 FF ED"),
    ("read_address", f"{PRE} 00 03 30 03 30"),
    ("read_fingerprint", f"{PRE} 00 03 30 10 23"),
])
def test_request_vectors(name: str, frame: str) -> None:
    assert request(name) == h(frame)
    req = codec.decode_request(h(frame))
    assert req.name == name and req.data == b""


def test_max_rf_and_baud_vectors() -> None:
    assert codec.encode_request(codec.Command.MAX_RF, 0xFF, b"\x50") == h(f"{PRE} 00 04 61 FF 50 CA")  # T9
    expected = {115200: "63", 57600: "62", 38400: "61", 19200: "60", 9600: "67"}
    for baud, chk in expected.items():
        assert codec.encode_request(codec.Command.BAUD, codec.BAUD_PARA[baud]) == h(
            f"{PRE} 00 03 60 {codec.BAUD_PARA[baud]:02X} {chk}")


@pytest.mark.parametrize(("frame", "sw3", "data"), [
    (f"{PRE} 00 08 00 00 9F 00 00 00 00 97", 0x9F, bytes(4)),  # T2
    (f"{PRE} 00 04 00 00 80 84", 0x80, b""),  # T3
    (f"{PRE} 00 0C 00 00 90 {'00 ' * 8} 9C", 0x90, bytes(8)),  # T4
    (f"{PRE} 00 04 00 00 81 85", 0x81, b""),  # T5
    (f"{PRE} 00 04 00 00 41 45", 0x41, b""),  # T7
    (f"{PRE} 00 04 00 00 32 36", 0x32, b""),  # T7
    (f"{PRE} 00 04 00 00 90 94", 0x90, b""),  # T8
])
def test_reply_vectors(frame: str, sw3: int, data: bytes) -> None:
    reply = decode_reply(h(frame))
    assert (reply.sw1, reply.sw2, reply.sw3, reply.data) == (0, 0, sw3, data)
    assert encode_reply(sw3, data) == h(frame)


def test_read_base_reply_is_1295_bytes_with_the_public_header() -> None:  # T6
    text, photo = bytes(range(256)), bytes(1024)
    frame = encode_reply(SW3.OK, codec.encode_base_data(text, photo))
    assert len(frame) == 1295
    assert frame[:14] == h(f"{PRE} 05 08 00 00 90 01 00 04 00")
    assert frame[14:270] == text and frame[270:1294] == photo
    base = codec.decode_base_data(decode_reply(frame).data)
    assert base.text == text and base.photo == photo


def test_fingerprint_reply_sizes() -> None:
    for fp_len, total in ((1024, 2321), (512, 1809), (0, 1297)):
        frame = encode_reply(SW3.OK, codec.encode_base_data(bytes(256), bytes(1024), bytes(fp_len)))
        assert len(frame) == total
        assert codec.decode_base_data(decode_reply(frame).data, with_fingerprint=True).fingerprint == bytes(fp_len)


@pytest.mark.parametrize(("sw3", "kind", "reason"), [
    (0x80, DeviceUserError, "请将身份证放在感应区"),
    (0x81, DeviceUserError, "读卡失败，请重新放置"),
    (0x41, DeviceUserError, "读卡失败，请重新放置"),
    (0x31, DeviceUserError, "读卡失败，请重新放置"),
    (0x32, DeviceUserError, "读卡失败，请重新放置"),
    (0x33, DeviceUserError, "读卡失败，请重新放置"),
    (0x47, DeviceUserError, "读卡失败，请重新放置"),
    (0x40, DeviceUserError, "无法识别"),
    (0x91, DeviceUserError, "无内容"),
    (0x60, DeviceHardwareError, "读卡器安全模块故障"),
    (0x66, DeviceHardwareError, "读卡器安全模块故障"),
    (0x23, DeviceHardwareError, "读卡器安全模块故障"),
    (0x10, DeviceProtocolError, "通信"),
    (0x11, DeviceProtocolError, "通信"),
    (0x21, DeviceProtocolError, "通信"),
    (0x24, DeviceProtocolError, "通信"),
    (0x55, DeviceProtocolError, "通信"),  # not in the table at all
])
def test_every_sw3_is_a_typed_error_with_a_reason(sw3: int, kind: type[Exception], reason: str) -> None:
    err = codec.sw3_error(sw3, "find")
    assert isinstance(err, kind) and isinstance(err, codec.IdCardError)
    assert reason in err.reason and err.sw3 == sw3
    assert f"0x{sw3:02X}" in str(err)


def test_ok_codes_are_not_errors() -> None:
    assert codec.sw3_error(0x90) is None and codec.sw3_error(0x9F) is None
    assert all(codec.sw3_error(int(c)) is not None for c in SW3 if c not in (SW3.OK, SW3.FIND_OK))


def test_corrupt_frames_raise_typed_errors() -> None:
    good = h(f"{PRE} 00 04 00 00 90 94")
    with pytest.raises(codec.BadChecksum):
        decode_reply(good[:-1] + b"\x95")
    with pytest.raises(codec.TruncatedFrame):
        decode_reply(good[:-2])
    with pytest.raises(codec.BadLength):
        decode_reply(good + b"\x00")
    with pytest.raises(codec.FrameError, match="preamble"):
        decode_reply(b"\xab" + good[1:])
    with pytest.raises(codec.BadLength):
        decode_reply(h(f"{PRE} 00 03 00 00 03"))  # valid checksum, but no SW3


def test_sam_id_round_trip() -> None:
    raw = codec.encode_sam_id(5, 1, 20230101, 1, 4294967295)
    assert codec.decode_sam_id(raw) == "05-01-20230101-0000000001-4294967295"


def test_frame_buffer_resynchronises_after_garbage_and_split_reads() -> None:
    f1, f2 = encode_reply(0x90), encode_reply(0x9F, bytes(4))
    fb = FrameBuffer()
    stream = b"\x00\xaa\x13" + f1 + b"\xaa\xaa" + f2
    out: list[bytes] = []
    for i in range(0, len(stream), 3):
        out += fb.feed(stream[i:i + 3])
    assert out == [f1, f2]
    assert fb.discarded == 5 and fb.pending() == 0


def test_frame_buffer_skips_an_impossible_length() -> None:
    fb = FrameBuffer()
    good = encode_reply(0x90)
    assert fb.feed(codec.PREAMBLE + b"\xff\xff" + good) == [good]


def test_wire_time_of_a_base_read() -> None:
    assert codec.wire_time_s(1295, 115200) == pytest.approx(0.1124, abs=1e-4)


# ---- property tests: garbage in, typed error out, never a crash ------------------------------

@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2400))
def test_random_bytes_never_crash_decode(data: bytes) -> None:
    try:
        reply = decode_reply(data)
    except codec.FrameError:
        return
    assert codec.PREAMBLE == data[:5]  # only a real frame can decode
    assert isinstance(reply.sw3, int)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from([int(c) for c in SW3]), st.binary(max_size=64), st.data())
def test_any_single_byte_corruption_is_caught(sw3: int, payload: bytes, data: st.DataObject) -> None:
    frame = bytearray(encode_reply(sw3, payload))
    i = data.draw(st.integers(5, len(frame) - 1), label="index")
    flip = data.draw(st.integers(1, 255), label="xor")
    frame[i] ^= flip
    with pytest.raises(codec.FrameError):
        decode_reply(bytes(frame))


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200), st.integers(0, 1294))
def test_truncated_frames_are_truncated(payload: bytes, cut: int) -> None:
    frame = encode_reply(0x90, codec.encode_base_data(bytes(256), payload.ljust(1024, b"\x00")[:1024]))
    with pytest.raises(codec.TruncatedFrame):
        decode_reply(frame[:cut])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.binary(max_size=40), max_size=20))
def test_frame_buffer_never_crashes_and_only_emits_well_framed(chunks: list[bytes]) -> None:
    fb = FrameBuffer()
    for chunk in chunks:
        for frame in fb.feed(chunk):
            assert frame.startswith(codec.PREAMBLE)
            assert len(frame) == codec.HEADER_LEN + int.from_bytes(frame[5:7], "big")


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=1400))
def test_base_data_decoder_gives_typed_errors(data: bytes) -> None:
    try:
        codec.decode_base_data(data)
    except codec.FrameError:
        return
    assert len(data) == 4 + 256 + 1024
