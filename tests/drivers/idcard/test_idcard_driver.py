"""The production ID card driver against its simulator over a real pseudo-terminal."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator

import pytest
import serial

from drivers.base import DeviceHardwareError, DeviceOffline, DeviceTimeout, DeviceUserError
from drivers.idcard import codec
from drivers.idcard.card import CardDataError
from drivers.idcard.config import IdCardConfig
from drivers.idcard.driver import CardAlreadyRead, IdCardReader
from drivers.idcard.photo import BMP_LEN, NoWltDecoder, PhotoUnavailable, load_decoder
from drivers.idcard.sim import IdCardSimulator
from drivers.idcard.synthetic import APPENDED_ADDRESSES, CARDS
from wire.status import DeviceState

READ_TIMEOUT = 1.5  # reads that should succeed
FAIL_TIMEOUT = 0.8  # reads that should fail: they take their whole timeout
# A read must end within its timeout; this much slack absorbs a loaded 2-core CI machine.
SLACK = 1.0


@pytest.fixture
def sim() -> Iterator[IdCardSimulator]:
    with IdCardSimulator() as s:
        yield s


@pytest.fixture
def reader(sim: IdCardSimulator) -> Iterator[IdCardReader]:
    r = IdCardReader(IdCardConfig(device=sim.path, timeout_s=READ_TIMEOUT, command_timeout_s=0.5))
    r.open()
    yield r
    r.close()


def timed_error(reader: IdCardReader, timeout: float = FAIL_TIMEOUT) -> tuple[Exception, float]:
    t0 = time.monotonic()
    with pytest.raises(Exception) as exc:
        reader.read_card(timeout_s=timeout)
    return exc.value, time.monotonic() - t0


@pytest.mark.parametrize("key", ["resident", "resident_long_term", "hmt_permit", "foreign_pr_2017", "foreign_pr_2023"])
def test_reads_every_kind_of_synthetic_card(sim: IdCardSimulator, reader: IdCardReader, key: str) -> None:
    sim.place(key)
    card = reader.read_card()
    expected = CARDS[key]
    assert card.number == expected.number and card.name == expected.name and card.kind == expected.kind
    assert card.valid_to == expected.valid_to and card.birth == expected.birth
    assert card.photo_wlt == expected.photo_wlt and len(card.photo_wlt) == 1024
    assert card.appended_address == APPENDED_ADDRESSES.get(key)
    assert sim.requests[-4:] == ["find", "select", "read_base", "read_address"]
    assert reader.status().last_read == "ok"


def test_no_card_is_a_clear_reason_within_the_timeout(reader: IdCardReader) -> None:
    err, took = timed_error(reader)
    assert isinstance(err, codec.NoCard) and isinstance(err, DeviceUserError)
    assert err.reason == "请将身份证放在感应区"
    assert FAIL_TIMEOUT - 0.05 <= took < FAIL_TIMEOUT + SLACK
    assert reader.status().last_read == "no_card"


def test_waits_for_a_card_placed_during_the_read(sim: IdCardSimulator, reader: IdCardReader) -> None:
    sim.apply_event("fault", {"kind": "silence", "command": "find", "count": 1})
    sim.place("resident")  # the first find is lost, the next poll finds the card
    assert reader.read_card(timeout_s=3).number == CARDS["resident"].number


def test_bad_check_digit_is_reported_not_accepted(sim: IdCardSimulator, reader: IdCardReader) -> None:
    sim.place("bad_check_digit", latch=False)
    err, took = timed_error(reader)
    assert isinstance(err, CardDataError) and "check digit" in str(err)
    assert err.reason == "证件信息校验失败，请到人工窗口办理"
    assert took < FAIL_TIMEOUT / 2  # not retried: the card's data is wrong, not the read
    assert not reader.session.seen


@pytest.mark.parametrize(("fault", "sw3"), [
    ("select_failure", 0x81), ("read_failure", 0x41), ("auth_failure", 0x32),
])
def test_read_failures_say_place_again(sim: IdCardSimulator, reader: IdCardReader, fault: str, sw3: int) -> None:
    sim.place("resident")
    sim.set_fault(fault)
    err, took = timed_error(reader)
    assert isinstance(err, codec.CardReadFailed) and err.sw3 == sw3
    assert err.reason == "读卡失败，请重新放置"
    assert took < FAIL_TIMEOUT + SLACK
    assert reader.status().last_read == "failed"


def test_unknown_card_type(sim: IdCardSimulator, reader: IdCardReader) -> None:
    sim.place("resident")
    sim.set_fault("unknown_card")
    err, _ = timed_error(reader)
    assert isinstance(err, codec.UnknownCardType) and "无法识别" in err.reason


def test_a_transient_failure_is_retried_within_the_read(sim: IdCardSimulator, reader: IdCardReader) -> None:
    sim.place("resident")
    sim.set_fault("read_failure", count=1)
    assert reader.read_card().number == CARDS["resident"].number
    assert sim.requests.count("read_base") == 2


def test_sam_failure_is_a_hardware_error_at_once(sim: IdCardSimulator, reader: IdCardReader) -> None:
    sim.place("resident")
    sim.apply_event("sam", {"ok": False})
    err, took = timed_error(reader)
    assert isinstance(err, codec.SamError) and isinstance(err, DeviceHardwareError)
    assert err.reason == "读卡器安全模块故障" and err.sw3 == 0x60
    assert took < FAIL_TIMEOUT / 2
    st = reader.status()
    assert st.state == DeviceState.HARDWARE_ERROR and st.sam == "error" and st.reason == "读卡器安全模块故障"
    assert "idcard.sam_error" in st.faults()
    sim.apply_event("sam", {"ok": True})
    assert reader.status().state == DeviceState.ONLINE


def test_corrupted_checksum(sim: IdCardSimulator, reader: IdCardReader) -> None:
    sim.place("resident")
    sim.apply_event("fault", {"kind": "corrupt_checksum", "command": "read_base"})
    err, took = timed_error(reader)
    assert isinstance(err, codec.BadChecksum) and err.reason == "读卡器通信故障"
    assert took < FAIL_TIMEOUT + SLACK


def test_one_corrupted_reply_is_survived(sim: IdCardSimulator, reader: IdCardReader) -> None:
    sim.place("resident")
    sim.apply_event("fault", {"kind": "corrupt_checksum", "command": "select", "count": 1})
    assert reader.read_card().number == CARDS["resident"].number


def test_truncated_frame(sim: IdCardSimulator, reader: IdCardReader) -> None:
    sim.place("resident")
    sim.apply_event("fault", {"kind": "truncated", "command": "read_base"})
    err, took = timed_error(reader)
    assert isinstance(err, codec.TruncatedFrame) and "of 1295 bytes" in str(err)
    assert took < FAIL_TIMEOUT + SLACK


def test_silence_is_a_timeout_and_the_reader_shows_offline(sim: IdCardSimulator, reader: IdCardReader) -> None:
    sim.place("resident")
    sim.set_fault("silence")
    err, took = timed_error(reader)
    assert isinstance(err, DeviceTimeout) and err.reason == "读卡器无响应"
    assert took < FAIL_TIMEOUT + SLACK
    st = reader.status()
    assert st.state == DeviceState.OFFLINE and st.reason == "读卡器无响应" and "idcard.offline" in st.faults()


def test_a_card_left_on_the_reader_is_not_read_twice_in_a_session(sim: IdCardSimulator,
                                                                   reader: IdCardReader) -> None:
    sim.place("resident", latch=False)  # a reader that would happily read it again
    reader.new_session("s1")
    assert reader.read_card().kind.value == "resident"
    err, took = timed_error(reader)
    assert isinstance(err, CardAlreadyRead) and err.reason == "本次业务已读取该证件，请取走身份证"
    assert took < FAIL_TIMEOUT / 2
    reader.new_session("s2")
    assert reader.read_card().number == CARDS["resident"].number


def test_a_latching_reader_needs_the_card_to_leave(sim: IdCardSimulator, reader: IdCardReader) -> None:
    sim.place("hmt_permit")
    reader.read_card()
    err, _ = timed_error(reader, 0.6)
    assert isinstance(err, codec.NoCard)  # the reader itself will not find it again
    sim.remove()
    sim.place("hmt_permit")
    err, _ = timed_error(reader, 0.6)
    assert isinstance(err, CardAlreadyRead)  # same session: still not a second read
    reader.end_session()
    sim.remove()
    sim.place("hmt_permit")
    assert reader.read_card().kind.value == "hmt_permit"


def test_logs_never_show_card_data(sim: IdCardSimulator, reader: IdCardReader,
                                   caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    sim.place("resident", latch=False)
    reader.read_card()
    timed_error(reader)
    sim.place("bad_check_digit")
    timed_error(reader)
    text = "\n".join(r.getMessage() for r in caplog.records)
    assert "card read: IdCard(kind=resident, name=测**" in text
    for card in (CARDS["resident"], CARDS["bad_check_digit"]):
        assert card.number not in text and card.number[6:14] not in text
        assert card.name not in text and card.address not in text


def test_status_and_self_test(sim: IdCardSimulator, reader: IdCardReader) -> None:
    st = reader.status()
    assert st.state == DeviceState.ONLINE and st.sam == "ok" and st.faults() == []
    sim.place("foreign_pr_2023")
    result = reader.self_test()
    assert result.ok, result.summary
    assert result.details["sam_id"] == "05-01-20260101-0000000001-1500000001"
    assert result.details["card"]["kind"] == "foreign_pr_2023"
    assert CARDS["foreign_pr_2023"].number not in str(result.to_dict())
    assert result.status is not None and result.status.sam_id == result.details["sam_id"]
    # The card is on the reader but already read: a second self-test must say so, not pass.
    again = reader.self_test()
    assert not again.ok and "请将身份证放在感应区" in again.summary


def test_self_test_reports_sam_failure(sim: IdCardSimulator, reader: IdCardReader) -> None:
    sim.apply_event("sam", {"ok": False})
    result = reader.self_test()
    assert not result.ok and result.summary == "安全模块失败：读卡器安全模块故障"
    assert result.details["error_type"] == "SamError"


def test_missing_port_is_no_device(tmp_path: object) -> None:
    r = IdCardReader(IdCardConfig(device="/nonexistent/zizhu-idcard"))
    with pytest.raises(DeviceOffline) as exc:
        r.open()
    assert exc.value.reason == "读卡器未连接"
    st = r.status()
    assert st.state == DeviceState.NO_DEVICE and "idcard.missing" in st.faults()
    result = r.self_test()
    assert not result.ok and "读卡器未连接" in result.summary


def test_wire_timing_of_a_base_read(sim: IdCardSimulator, reader: IdCardReader) -> None:
    sim.apply_event("wire_timing", {"on": True})
    sim.place("resident")
    reader.read_card()
    assert reader.timings["read_base"] >= codec.wire_time_s(1295, 115200)


def test_simulator_answers_a_corrupted_request_with_sw3_10(sim: IdCardSimulator) -> None:
    with serial.Serial(sim.path, 115200, timeout=2) as port:
        bad = bytearray(codec.request("find"))
        bad[-1] ^= 0xFF
        port.write(bytes(bad))
        reply = codec.decode_reply(port.read(11))
    assert reply.sw3 == 0x10
    assert isinstance(codec.sw3_error(reply.sw3), codec.ReaderRejected)


class FakeVendorDecoder:
    """Stands in for a licensed vendor library: returns a BMP of the right size."""

    def decode(self, wlt: bytes) -> bytes:
        return b"BM" + bytes(BMP_LEN - 2)


def test_photo_goes_through_the_vendor_adapter(sim: IdCardSimulator) -> None:
    sim.place("resident")
    r = IdCardReader(IdCardConfig(device=sim.path), photo_decoder=FakeVendorDecoder())
    with r:
        card = r.read_card()
        assert len(r.photo_bmp(card)) == BMP_LEN
    plain = IdCardReader(IdCardConfig(device=sim.path))
    assert isinstance(plain.photo_decoder, NoWltDecoder)
    with pytest.raises(PhotoUnavailable) as exc:
        plain.photo_bmp(card)
    assert "厂商授权" in exc.value.reason
    with pytest.raises(PhotoUnavailable, match="cannot load"):
        load_decoder("no_such_vendor.wlt:Decoder")
    loaded = load_decoder(f"{__name__}:FakeVendorDecoder")
    assert loaded.decode(bytes(1024))[:2] == b"BM"


def test_a_port_held_by_another_program_says_so(sim: IdCardSimulator, reader: IdCardReader) -> None:
    second = IdCardReader(IdCardConfig(device=sim.path))
    with pytest.raises(DeviceOffline) as exc:
        second.open()
    assert "被其他程序占用" in exc.value.reason


def test_a_card_found_at_the_end_of_the_window_is_read_to_its_end(sim: IdCardSimulator, reader: IdCardReader) -> None:
    """The read's window bounds the wait for a card, not the reading of one found: cut mid-way, the reader
    latches the card and finds none until it is lifted (the kiosk's 1 s polls lost a card placed late)."""
    sim.apply_event("wire_timing", {"on": True})  # the base read's 1295 bytes take 112 ms at 115 200 baud
    sim.place("resident")
    card = reader.read_card(timeout_s=0.05)  # found within the window, read past it
    assert card.number == CARDS["resident"].number
