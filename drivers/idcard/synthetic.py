"""Synthetic identity cards for the simulator, the tests and the demo.

Every person here is invented: names are 测试/样例 words, numbers are built by
:func:`make_number` with a correct check digit (or a deliberately wrong one for the
``bad_check_digit`` card). No real person's data is in this repository.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from drivers.idcard.card import CardKind, IdCard, check_digit


def make_number(prefix6: str, birth: date, sequence: int) -> str:
    """An 18-digit number: 6-digit prefix, birth date, 3-digit sequence, GB 11643 check digit."""
    first17 = f"{prefix6}{birth:%Y%m%d}{sequence:03d}"
    return first17 + check_digit(first17)


def _photo(seed: int) -> bytes:
    # Opaque stand-in for the 1024-byte WLT block: deterministic bytes, not a real photo.
    return bytes((seed * 31 + i * 7) & 0xFF for i in range(1024))


def _wrong_check(number: str) -> str:
    right = number[17]
    wrong = next(c for c in "0123456789X" if c != right)
    return number[:17] + wrong


_R_BIRTH = date(1990, 3, 7)
_L_BIRTH = date(1958, 11, 23)
_H_BIRTH = date(1985, 6, 1)
_Y_BIRTH = date(1979, 2, 14)

CARDS: dict[str, IdCard] = {
    "resident": IdCard(
        kind=CardKind.RESIDENT, name="测试甲", sex_code="1", nation_code="02", birth=_R_BIRTH,
        address="内蒙古自治区鄂尔多斯市东胜区样例路1号", number=make_number("150602", _R_BIRTH, 11),
        authority="鄂尔多斯市公安局东胜分局", valid_from=date(2020, 5, 1), valid_to=date(2040, 5, 1),
        photo_wlt=_photo(1)),
    "resident_long_term": IdCard(
        kind=CardKind.RESIDENT, name="样例乙", sex_code="2", nation_code="01", birth=_L_BIRTH,
        address="内蒙古自治区呼和浩特市新城区测试街2号", number=make_number("150102", _L_BIRTH, 22),
        authority="呼和浩特市公安局新城区分局", valid_from=date(2016, 8, 9), valid_to=None,
        photo_wlt=_photo(2)),
    "hmt_permit": IdCard(
        kind=CardKind.HMT_PERMIT, name="测试丙", sex_code="1", birth=_H_BIRTH,
        address="内蒙古自治区鄂尔多斯市康巴什区示例大道3号", number=make_number("810000", _H_BIRTH, 31),
        authority="鄂尔多斯市公安局康巴什分局", valid_from=date(2021, 1, 15), valid_to=date(2026, 1, 15),
        pass_number="H00000001", issue_count="01", photo_wlt=_photo(3)),
    "foreign_pr_2017": IdCard(
        kind=CardKind.FOREIGN_PR_2017, name="样例丁", name_en="SAMPLE, TESTER", sex_code="2",
        birth=date(1982, 9, 30), number="CAN150682093001", nationality="CAN",
        valid_from=date(2018, 4, 1), valid_to=date(2028, 4, 1), card_version="01", authority_code="1500",
        photo_wlt=_photo(4)),
    "foreign_pr_2023": IdCard(
        kind=CardKind.FOREIGN_PR_2023, name="测试戊", name_en="EXAMPLE-PERSON, ALEXANDRA MAXIMILIANA TEST",
        sex_code="2", birth=_Y_BIRTH, number=make_number("915124", _Y_BIRTH, 5), nationality="124",
        valid_from=date(2024, 3, 1), valid_to=date(2034, 3, 1), authority="国家移民管理局",
        extra={"field_32": "00", "field_158": "国家移民管理局", "field_250": ""}, photo_wlt=_photo(5)),
}
CARDS["bad_check_digit"] = replace(CARDS["resident"], number=_wrong_check(CARDS["resident"].number))

# Newest address endorsed on the back (迁移签注), for cards that have one.
APPENDED_ADDRESSES: dict[str, str] = {"resident": "内蒙古自治区鄂尔多斯市东胜区新迁路8号"}
