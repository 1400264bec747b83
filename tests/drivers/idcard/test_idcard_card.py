"""The 256-byte text block: four layouts, codes to names, dates, 长期, check digits, masking."""

from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drivers.base import DeviceUserError
from drivers.idcard import card as c
from drivers.idcard.card import CardDataError, CardKind, decode_text, encode_text
from drivers.idcard.synthetic import APPENDED_ADDRESSES, CARDS, make_number


def iso7064_recursive(first17: str) -> str:
    """ISO 7064 MOD 11-2 by its recursive (pure) method: an independent check of check_digit()."""
    p = 0
    for ch in first17:
        p = ((p + int(ch)) * 2) % 11
    return "0123456789X"[(12 - p) % 11]


@settings(max_examples=300)
@given(st.text(alphabet="0123456789", min_size=17, max_size=17))
def test_check_digit_agrees_with_the_recursive_method(first17: str) -> None:
    assert c.check_digit(first17) == iso7064_recursive(first17)
    full = first17 + c.check_digit(first17)
    assert c.id_number_valid(full)
    assert sum(c.id_number_valid(first17 + x) for x in "0123456789X") == 1


def test_check_digit_x_accepted_in_either_case() -> None:
    first17 = next(f"1506021990030700{i}" for i in range(10) if c.check_digit(f"1506021990030700{i}") == "X")
    assert c.id_number_valid(first17 + "X") and c.id_number_valid(first17 + "x")


def test_layouts_cover_the_block_exactly() -> None:
    for kind, fields in c.LAYOUTS.items():
        spans = sorted((f.offset, f.offset + f.length) for f in fields)
        assert spans[0][0] == 0 and spans[-1][1] == 256, kind
        assert all(a[1] == b[0] for a, b in itertools.pairwise(spans)), kind
        assert any(f.name == "flag" and f.offset == 248 for f in fields)


@pytest.mark.parametrize("key", [k for k in CARDS if k != "bad_check_digit"])
def test_synthetic_cards_round_trip(key: str) -> None:
    card = CARDS[key]
    block = encode_text(card)
    assert len(block) == 256
    assert decode_text(block, card.photo_wlt) == card


def test_resident_fields_decoded_to_names() -> None:
    card = decode_text(encode_text(CARDS["resident"]))
    assert card.kind is CardKind.RESIDENT and card.kind_name == "居民身份证"
    assert card.sex == "男" and card.nation == "蒙古"
    assert card.birth == date(1990, 3, 7) and card.valid_to == date(2040, 5, 1)
    assert card.valid_to_text == "2040.05.01"
    assert card.is_valid_on(date(2030, 1, 1)) and not card.is_valid_on(date(2041, 1, 1))


def test_long_term_validity() -> None:
    block = encode_text(CARDS["resident_long_term"])
    assert "长期".encode("utf-16-le") in block[204:220]
    card = decode_text(block)
    assert card.valid_to is None and card.valid_to_text == "长期" and card.sex == "女" and card.nation == "汉"
    assert card.is_valid_on(date(2090, 1, 1))


def test_resident_block_bytes_at_their_offsets() -> None:
    block = encode_text(CARDS["resident"])
    assert block[248:250] == b"\x20\x00"
    assert block[30:32] == "1".encode("utf-16-le")
    assert block[32:36] == "02".encode("utf-16-le")
    assert block[122:158] == CARDS["resident"].number.encode("utf-16-le")
    assert block[0:6] == "测试甲".encode("utf-16-le") and block[6:8] == b"\x20\x00"


def test_hmt_permit_fields() -> None:
    block = encode_text(CARDS["hmt_permit"])
    assert block[248:250] == "J".encode("utf-16-le")
    card = decode_text(block)
    assert card.kind is CardKind.HMT_PERMIT and card.number.startswith("81")
    assert card.pass_number == "H00000001" and card.issue_count == "01"


def test_hmt_permit_needs_81_82_83() -> None:
    wrong = replace(CARDS["hmt_permit"], number=make_number("150602", date(1985, 6, 1), 31))
    with pytest.raises(CardDataError, match="81/82/83"):
        decode_text(encode_text(wrong))


def test_foreign_2017_layout() -> None:
    block = encode_text(CARDS["foreign_pr_2017"])
    assert block[248:250] == b"I\x00"
    assert block[0:28] == "SAMPLE, TESTER".encode("utf-16-le")
    assert block[122:152] == "CAN150682093001".encode("utf-16-le")
    card = decode_text(block)
    assert card.name_en == "SAMPLE, TESTER" and card.name == "样例丁" and card.nationality == "CAN"
    assert card.birth == date(1982, 9, 30) and card.card_version == "01" and card.authority_code == "1500"


def test_foreign_2017_number_format_checked() -> None:
    with pytest.raises(CardDataError, match="3 letters and 12 digits"):
        decode_text(encode_text(replace(CARDS["foreign_pr_2017"], number="CA1150682093001")))


def test_foreign_2023_long_english_name_spans_two_fields() -> None:
    card = CARDS["foreign_pr_2023"]
    assert len(card.name_en) > 35
    block = encode_text(card)
    assert block[248:250] == b"Y\x00"
    assert block[52:122].decode("utf-16-le") == card.name_en[:35]
    assert block[220:242].decode("utf-16-le").rstrip() == card.name_en[35:]
    got = decode_text(block)
    assert got.name_en == card.name_en and got.number.startswith("9") and got.nationality == "124"


def test_foreign_2023_number_must_start_with_9() -> None:
    with pytest.raises(CardDataError, match="start with 9"):
        decode_text(encode_text(replace(CARDS["foreign_pr_2023"],
                                        number=make_number("815124", date(1979, 2, 14), 5))))


def test_bad_check_digit_is_reported_not_accepted() -> None:
    with pytest.raises(CardDataError, match="check digit") as exc:
        decode_text(encode_text(CARDS["bad_check_digit"]))
    assert isinstance(exc.value, DeviceUserError)
    assert exc.value.reason == "证件信息校验失败，请到人工窗口办理"
    assert CARDS["resident"].number[-4:] not in str(exc.value)  # no personal data in the message


@pytest.mark.parametrize(("offset", "raw", "match"), [
    (248, "Q", "unknown card type"),
    (30, "7", "sex code"),
    (32, "77", "nation code"),
    (36, "19901340", "birth: not a calendar date"),
    (36, "1990030", "birth"),
    (188, "2041010", "valid_from"),
    (204, "20100101", "valid_to is before valid_from"),
    (122 + 7 * 2, "0", "check digit"),
])
def test_invalid_fields_are_rejected(offset: int, raw: str, match: str) -> None:
    block = bytearray(encode_text(CARDS["resident"]))
    enc = raw.encode("utf-16-le")
    block[offset:offset + len(enc)] = enc
    if raw in {"1990030", "2041010"}:  # a short date: pad the field with a space
        block[offset + len(enc):offset + len(enc) + 2] = b" \x00"
    with pytest.raises(CardDataError, match=match):
        decode_text(bytes(block))


def test_birth_in_number_must_match_the_birth_field() -> None:
    card = replace(CARDS["resident"], birth=date(1990, 3, 8))
    with pytest.raises(CardDataError, match="birth date does not match"):
        decode_text(encode_text(card))


def test_not_ucs2_text_is_rejected() -> None:
    block = bytearray(encode_text(CARDS["resident"]))
    block[0:2] = b"\x00\xd8"  # a lone high surrogate
    with pytest.raises(CardDataError, match="not UCS-2"):
        decode_text(bytes(block))


def test_appended_address() -> None:
    raw = c.encode_address(APPENDED_ADDRESSES["resident"])
    assert len(raw) == 70 and c.decode_address(raw) == APPENDED_ADDRESSES["resident"]
    card = replace(CARDS["resident"], appended_address=c.decode_address(raw))
    assert card.current_address == APPENDED_ADDRESSES["resident"]
    with pytest.raises(CardDataError):
        c.decode_address(raw[:-2])


def test_repr_and_str_are_masked() -> None:
    for card in CARDS.values():
        for text in (repr(card), str(card), f"{card}", repr([card])):
            assert card.number not in text
            assert card.number[4:14] not in text
            assert (card.name or card.name_en) not in text
            assert card.address == "" or card.address not in text
    assert repr(CARDS["resident"]).startswith("IdCard(kind=resident, name=测**, number=1506**")


def test_every_nation_code_has_a_name() -> None:
    assert len(c.NATIONS) == 58 and c.NATIONS["01"] == "汉" and c.NATIONS["56"] == "基诺"
    assert c.NATIONS["46"] == "德昂" and c.NATIONS["98"] == "外国血统中国籍人士"


@settings(max_examples=300, deadline=None)
@given(st.binary(min_size=256, max_size=256))
def test_random_blocks_give_a_card_or_a_typed_error(block: bytes) -> None:
    try:
        card = decode_text(block)
    except CardDataError as exc:
        assert exc.reason
        return
    assert card.kind in CardKind


@settings(max_examples=300, deadline=None)
@given(st.sampled_from([k for k in CARDS if k != "bad_check_digit"]), st.data())
def test_corrupting_a_valid_block_gives_a_card_or_a_typed_error(key: str, data: st.DataObject) -> None:
    block = bytearray(encode_text(CARDS[key]))
    i = data.draw(st.integers(0, 255))
    block[i] ^= data.draw(st.integers(1, 255))
    try:
        decode_text(bytes(block))
    except CardDataError:
        pass


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=300))
def test_wrong_sized_blocks_rejected(block: bytes) -> None:
    if len(block) == 256:
        return
    with pytest.raises(CardDataError, match="text block"):
        decode_text(block)
