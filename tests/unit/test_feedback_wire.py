"""The shared parts of ratings and complaints: phone numbers checked in one place, sealed to the
hall's key and opened only with its private half, work order numbers, the promised answer day on
China's published calendars (2025, 2026, with 调休) and the explicit state of an unpublished year."""

from __future__ import annotations

import base64
import json
from datetime import UTC, date, datetime, timedelta, timezone

import msgspec
import pytest

from ground.workdays import CalendarUnknown
from hall_server.domain.feedback import due_time
from wire.feedback import (
    PhoneError,
    SealError,
    answer_due,
    check_phone,
    make_keypair,
    new_id,
    open_phone,
    public_key_of,
    seal_phone,
    work_order_no,
)

CST = timezone(timedelta(hours=8))


@pytest.mark.parametrize("phone,kept", [
    ("13812345678", "13812345678"), ("199 1234 5678", "19912345678"), ("0471-1234567", "0471-1234567"),
    ("04771234567", "04771234567"), ("010-12345678", "010-12345678"), ("021 87654321", "02187654321"),
])
def test_mobile_and_landline_numbers_are_kept(phone: str, kept: str) -> None:
    assert check_phone(phone) == kept


@pytest.mark.parametrize("phone,words", [
    ("", "请输入联系电话"), ("   ", "请输入联系电话"), ("1381234567", "11位"), ("12812345678", "11位"),
    ("138123456789", "11位"), ("0471-123456", "区号"), ("0471--1234567", "区号"), ("4711234567", "手机号码"),
    ("138abc45678", "只能包含数字"), ("+8613812345678", "只能包含数字"),
])
def test_a_number_out_of_shape_is_refused_in_chinese_without_echoing_it(phone: str, words: str) -> None:
    with pytest.raises(PhoneError) as bad:
        check_phone(phone)
    assert words in bad.value.reason
    assert not phone.strip() or phone.replace(" ", "") not in str(bad.value)


def test_a_sealed_phone_opens_with_the_private_key_only() -> None:
    private, public = make_keypair()
    assert public_key_of(private) == public
    sealed = seal_phone(public, "138 1234 5678")
    assert "13812345678" not in sealed and "5678" not in base64.b64decode(sealed).decode("latin-1")
    assert seal_phone(public, "13812345678") != sealed  # a fresh ephemeral key each time: nothing to match on
    assert open_phone(private, sealed) == "13812345678"
    other, _ = make_keypair()
    with pytest.raises(SealError, match="cannot be opened"):
        open_phone(other, sealed)
    flipped = bytearray(base64.b64decode(sealed))
    flipped[-1] ^= 1
    with pytest.raises(SealError, match="cannot be opened"):
        open_phone(private, base64.b64encode(bytes(flipped)).decode())
    with pytest.raises(SealError, match="not base64"):
        open_phone(private, "not base64!")
    with pytest.raises(SealError, match="32 bytes"):
        seal_phone(base64.b64encode(b"short").decode(), "13812345678")
    with pytest.raises(PhoneError):
        seal_phone(public, "12345")


def test_work_order_number_is_the_terminal_the_local_day_and_the_id() -> None:
    cid = "3f2a9c1b-0000-4000-8000-000000000000"
    assert work_order_no("t01", datetime(2026, 12, 4, 0, 30, tzinfo=CST), cid) == "T01-20261204-3F2A9C"
    assert len({work_order_no("t01", datetime(2026, 12, 4, tzinfo=CST), new_id()) for _ in range(200)}) == 200


@pytest.mark.parametrize("filed,due", [
    ("2025-01-24", "2025-01-26"),  # Friday → Sunday 26 January 2025, a working day (春节调休)
    ("2025-01-27", "2025-02-05"),  # the day before 春节: 28 Jan – 4 Feb off
    ("2025-09-26", "2025-09-28"),  # Friday → Sunday 28 September 2025 (国庆调休)
    ("2025-09-30", "2025-10-09"),  # 国庆 + 中秋: 1–8 October off
    ("2025-05-09", "2025-05-12"),  # an ordinary Friday → Monday
    ("2026-02-13", "2026-02-14"),  # Friday → Saturday 14 February 2026 (春节调休)
    ("2026-02-14", "2026-02-24"),  # 春节 2026: 15–23 February off
    ("2026-02-27", "2026-02-28"),  # Friday → Saturday 28 February 2026 (春节调休)
    ("2026-09-30", "2026-10-08"),  # 国庆 2026: 1–7 October off
])
def test_the_answer_is_due_one_working_day_later_on_the_published_calendar(filed: str, due: str) -> None:
    assert answer_due(date.fromisoformat(filed)) == date.fromisoformat(due)
    at, basis, note = due_time(datetime.fromisoformat(filed + "T16:45:00+08:00"))
    assert basis == "official" and not note
    assert at == datetime.fromisoformat(due + "T00:00:00+08:00").astimezone(UTC) + timedelta(days=1)


def test_an_unpublished_year_is_an_explicit_provisional_due_time_never_a_silent_guess() -> None:
    with pytest.raises(CalendarUnknown) as unknown:
        answer_due(date(2026, 12, 31))  # the next day is in 2027
    assert "2027" in unknown.value.reason
    at, basis, note = due_time(datetime(2026, 12, 31, 10, 0, tzinfo=CST))
    assert basis == "provisional" and "2027" in note and "日历公布后重新计算" in note
    assert at == datetime(2027, 1, 2, 0, 0, tzinfo=CST)  # end of Friday 1 January, weekends only meanwhile
    at, basis, _ = due_time(datetime(2027, 3, 5, 10, 0, tzinfo=CST))  # a Friday of an unknown year
    assert basis == "provisional" and at == datetime(2027, 3, 9, 0, 0, tzinfo=CST)  # end of Monday


@pytest.mark.parametrize("change,where", [
    ({"rated_at": "0001-01-01T00:00:00+08:00"}, "rated_at"),  # a date the hall could not even convert
    ({"rated_at": "9999-12-31T23:00:00-08:00"}, "rated_at"),
    ({"item_name": "社保\u0000卡"}, "item_name"),  # PostgreSQL stores no NUL: never storable, re-sent for ever
    ({"tags": ["ok", "a\u0000"]}, "tags"),
    ({"level": 6}, "level"),
    ({"id": "not-a-uuid"}, "id"),
])
def test_a_rating_the_hall_could_never_store_is_refused_where_it_enters(change: dict[str, object], where: str) -> None:
    from wire import local
    from wire.contract import ContractError, Kind, decode

    base: dict[str, object] = {"id": new_id(), "item_code": "x", "item_name": "y", "level": 3,
                               "rated_at": "2026-12-04T10:00:00+08:00", **change}
    with pytest.raises(msgspec.ValidationError) as on_channel:
        local.APP_MESSAGE.decode(json.dumps({"type": "rating", **base}).encode())
    assert where in local.why_invalid(on_channel.value)
    with pytest.raises(ContractError, match=where):
        decode(Kind.RATING, json.dumps({"terminal": "t01", "seq": 1, "session": 1, **base}).encode())


# -- service requests: the personal fields sealed together (issue 14) ------------------------------

def test_a_sealed_record_opens_only_with_the_halls_key_and_checks_its_phone() -> None:
    from wire.feedback import MAX_RECORD_BYTES, open_record, seal_record

    private, public = make_keypair()
    other, _ = make_keypair()
    fields = {"recipient": "乌云其其格", "phone": "0477 8582599", "region": "内蒙古自治区 鄂尔多斯市 东胜区",
              "street": "鄂尔多斯西街108号"}
    sealed = seal_record(public, fields)
    assert "乌云" not in sealed and "8582599" not in sealed
    assert open_record(private, sealed) == {**fields, "phone": "04778582599"}  # the phone as it is kept
    assert seal_record(public, fields) != sealed  # a fresh box each time: equal records do not show
    with pytest.raises(SealError, match="cannot be opened"):
        open_record(other, sealed)
    with pytest.raises(SealError, match="not base64"):
        open_record(private, "not*base64")
    with pytest.raises(PhoneError):
        seal_record(public, {**fields, "phone": "12345"})
    for bad in ({"Street": "x"}, {"street": "a\x00b"}, {"1x": "y"}):
        with pytest.raises(ValueError, match="lower-case name"):
            seal_record(public, bad)
    with pytest.raises(ValueError, match=f"at most {MAX_RECORD_BYTES}"):
        seal_record(public, {"street": "街" * MAX_RECORD_BYTES})
    with pytest.raises(SealError):
        seal_record("short", fields)
