"""The 256-byte text block of a Chinese identity card, decoded and checked: pure, no I/O.

Four layouts share the block, told apart by the type flag at byte 248: the resident identity card
(居民身份证, flag ``' '``), the Hong Kong/Macao/Taiwan residence permit (港澳台居民居住证, ``J``),
the foreign permanent residence card of 2017 (外国人永久居留身份证, ``I``) and of 2023 (``Y``).
Text is UCS-2 little-endian, space padded; dates are ``YYYYMMDD``; a valid-to date may be the text
长期 (long-term). The layouts: docs/protocols/idcard.md §Text block.

An 18-digit number is accepted only with a correct check digit (GB 11643, ISO 7064 MOD 11-2).
:class:`IdCard` never shows personal data in ``repr``/``str``: a card that reaches a log is masked.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import TypedDict

from drivers.base import DeviceUserError
from drivers.idcard.codec import ADDRESS_LEN, TEXT_LEN, IdCardError
from ground.logs import mask_id_number, mask_name

LONG_TERM = "长期"
CARD_DATA_REASON = "证件信息校验失败，请到人工窗口办理"


class CardDataError(IdCardError, DeviceUserError):
    """The reader delivered a block that is not a valid card: bad check digit, date, flag, text."""


class CardKind(StrEnum):
    RESIDENT = "resident"  # 居民身份证
    HMT_PERMIT = "hmt_permit"  # 港澳台居民居住证 (J)
    FOREIGN_PR_2017 = "foreign_pr_2017"  # 外国人永久居留身份证, 2017 (I)
    FOREIGN_PR_2023 = "foreign_pr_2023"  # 外国人永久居留身份证, 2023 (Y)


FLAGS: dict[str, CardKind] = {" ": CardKind.RESIDENT, "J": CardKind.HMT_PERMIT,
                              "I": CardKind.FOREIGN_PR_2017, "Y": CardKind.FOREIGN_PR_2023}
FLAG_OF: dict[CardKind, str] = {k: f for f, k in FLAGS.items()}
KIND_NAMES: dict[CardKind, str] = {
    CardKind.RESIDENT: "居民身份证",
    CardKind.HMT_PERMIT: "港澳台居民居住证",
    CardKind.FOREIGN_PR_2017: "外国人永久居留身份证(2017版)",
    CardKind.FOREIGN_PR_2023: "外国人永久居留身份证(2023版)",
}

# GB/T 2261.1
SEXES: dict[str, str] = {"0": "未知", "1": "男", "2": "女", "9": "未说明"}

# GB 3304 (docs/protocols/idcard.md §Text block)
NATIONS: dict[str, str] = {f"{i:02d}": n for i, n in enumerate((
    "汉", "蒙古", "回", "藏", "维吾尔", "苗", "彝", "壮", "布依", "朝鲜", "满", "侗", "瑶", "白", "土家",
    "哈尼", "哈萨克", "傣", "黎", "傈僳", "佤", "畲", "高山", "拉祜", "水", "东乡", "纳西", "景颇",
    "柯尔克孜", "土", "达斡尔", "仫佬", "羌", "布朗", "撒拉", "毛南", "仡佬", "锡伯", "阿昌", "普米",
    "塔吉克", "怒", "乌孜别克", "俄罗斯", "鄂温克", "德昂", "保安", "裕固", "京", "塔塔尔", "独龙",
    "鄂伦春", "赫哲", "门巴", "珞巴", "基诺"), start=1)}
NATIONS.update({"97": "其他", "98": "外国血统中国籍人士"})

# ISO 7064 MOD 11-2 over 17 digits: weights 2^(17-i) mod 11.
_WEIGHTS = tuple(pow(2, 17 - i, 11) for i in range(17))
_CHECK = "10X98765432"


def check_digit(first17: str) -> str:
    """GB 11643 check character of the first 17 digits."""
    if len(first17) != 17 or not first17.isdigit() or not first17.isascii():
        raise ValueError(f"expected 17 digits, got {len(first17)} characters")
    return _CHECK[sum(int(c) * w for c, w in zip(first17, _WEIGHTS, strict=True)) % 11]


def id_number_valid(number: str) -> bool:
    """18 characters, 17 digits and the right check character (``X`` upper or lower case)."""
    if len(number) != 18 or not number[:17].isdigit() or not number[:17].isascii():
        return False
    return check_digit(number[:17]) == number[17].upper()


@dataclass(frozen=True)
class Field:
    name: str
    offset: int
    length: int  # bytes


# Offsets in bytes; each layout covers 0..256 (checked in tests).
LAYOUTS: dict[CardKind, tuple[Field, ...]] = {
    CardKind.RESIDENT: (
        Field("name", 0, 30), Field("sex", 30, 2), Field("nation", 32, 4), Field("birth", 36, 16),
        Field("address", 52, 70), Field("number", 122, 36), Field("authority", 158, 30),
        Field("valid_from", 188, 16), Field("valid_to", 204, 16), Field("reserved", 220, 28),
        Field("flag", 248, 2), Field("reserved2", 250, 6)),
    CardKind.HMT_PERMIT: (
        Field("name", 0, 30), Field("sex", 30, 2), Field("reserved", 32, 4), Field("birth", 36, 16),
        Field("address", 52, 70), Field("number", 122, 36), Field("authority", 158, 30),
        Field("valid_from", 188, 16), Field("valid_to", 204, 16), Field("pass_number", 220, 18),
        Field("issue_count", 238, 4), Field("reserved2", 242, 6), Field("flag", 248, 2), Field("reserved3", 250, 6)),
    CardKind.FOREIGN_PR_2017: (
        Field("name_en", 0, 120), Field("sex", 120, 2), Field("number", 122, 30), Field("nationality", 152, 6),
        Field("name", 158, 30), Field("valid_from", 188, 16), Field("valid_to", 204, 16), Field("birth", 220, 16),
        Field("card_version", 236, 4), Field("authority_code", 240, 8), Field("flag", 248, 2),
        Field("reserved", 250, 6)),
    # STRUCT23 and YZF agree on offsets, not on names of bytes 32-35, 158-187 and 250-255
    # (docs/protocols/idcard.md §Open questions):
    # those three are kept as raw text under neutral names.
    CardKind.FOREIGN_PR_2023: (
        Field("name", 0, 30), Field("sex", 30, 2), Field("field_32", 32, 4), Field("birth", 36, 16),
        Field("name_en_1", 52, 70), Field("number", 122, 36), Field("field_158", 158, 30),
        Field("valid_from", 188, 16), Field("valid_to", 204, 16), Field("name_en_2", 220, 22),
        Field("nationality", 242, 6), Field("flag", 248, 2), Field("field_250", 250, 6)),
}


@dataclass(frozen=True, repr=False)
class IdCard:
    """One card as read. ``repr``/``str`` are masked; use the fields to show data on purpose."""

    kind: CardKind
    name: str
    sex_code: str
    birth: date
    number: str
    valid_from: date
    valid_to: date | None  # None: 长期 (long-term)
    address: str = ""
    authority: str = ""
    nation_code: str = ""  # resident cards only
    name_en: str = ""  # foreign cards
    nationality: str = ""  # foreign cards: GB/T 2659 code as printed
    pass_number: str = ""  # J: 通行证号码
    issue_count: str = ""  # J: 签发次数
    card_version: str = ""  # I
    authority_code: str = ""  # I
    extra: dict[str, str] = field(default_factory=dict)  # fields whose meaning sources dispute
    photo_wlt: bytes = b""  # 1024 bytes of WLT, opaque (see drivers.idcard.photo)
    appended_address: str | None = None  # newest address endorsed on the back (30 03)

    @property
    def sex(self) -> str:
        return SEXES.get(self.sex_code, "未知")

    @property
    def nation(self) -> str:
        return NATIONS.get(self.nation_code, "")

    @property
    def kind_name(self) -> str:
        return KIND_NAMES[self.kind]

    @property
    def valid_to_text(self) -> str:
        return LONG_TERM if self.valid_to is None else self.valid_to.strftime("%Y.%m.%d")

    @property
    def current_address(self) -> str:
        return self.appended_address or self.address

    def is_valid_on(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    def masked(self) -> dict[str, str]:
        """What a log or a diagnostic may show of this card."""
        return {"kind": self.kind.value, "name": mask_name(self.name or self.name_en),
                "number": mask_id_number(self.number)}

    def __repr__(self) -> str:
        m = self.masked()
        return f"IdCard(kind={m['kind']}, name={m['name']}, number={m['number']})"

    __str__ = __repr__


# ---- decoding ----------------------------------------------------------------------------------


def _bad(message: str) -> CardDataError:
    return CardDataError(message, CARD_DATA_REASON)


def _text(block: bytes, f: Field) -> str:
    raw = block[f.offset: f.offset + f.length]
    try:
        s = raw.decode("utf-16-le")
    except UnicodeDecodeError:
        raise _bad(f"field {f.name}: not UCS-2 text") from None
    # Vendors pad with spaces; some with NULs.
    return s.rstrip(" \x00")


def _date(value: str, what: str) -> date:
    if len(value) != 8 or not value.isdigit() or not value.isascii():
        raise _bad(f"field {what}: {len(value)}-character value is not a YYYYMMDD date")
    try:
        return date(int(value[:4]), int(value[4:6]), int(value[6:]))
    except ValueError:
        raise _bad(f"field {what}: not a calendar date") from None


def _check_number18(number: str, kind: CardKind, first: tuple[str, ...] = ()) -> None:
    if len(number) != 18 or not number[:17].isdigit() or not number[:17].isascii():
        raise _bad(f"{kind.value}: number is not 17 digits and a check character")
    if first and not number.startswith(first):
        raise _bad(f"{kind.value}: number does not start with {'/'.join(first)}")
    if not id_number_valid(number):
        raise _bad(f"{kind.value}: number fails its GB 11643 check digit")


class _Common(TypedDict):
    sex_code: str
    birth: date
    valid_from: date
    valid_to: date | None
    photo_wlt: bytes


def decode_text(block: bytes, photo: bytes = b"") -> IdCard:
    """Decode and check a 256-byte text block; raises :class:`CardDataError` on anything invalid."""
    if len(block) != TEXT_LEN:
        raise _bad(f"text block of {len(block)} bytes, expected {TEXT_LEN}")
    flag = _text(block, Field("flag", 248, 2)) or " "
    kind = FLAGS.get(flag)
    if kind is None:
        raise _bad(f"unknown card type flag {flag!r}")
    v = {f.name: _text(block, f) for f in LAYOUTS[kind]}
    sex = v["sex"]
    if sex not in SEXES:
        raise _bad(f"sex code {sex!r} is not one of {', '.join(SEXES)}")
    birth = _date(v["birth"], "birth")
    valid_from = _date(v["valid_from"], "valid_from")
    valid_to = None if v["valid_to"] == LONG_TERM else _date(v["valid_to"], "valid_to")
    if valid_to is not None and valid_to < valid_from:
        raise _bad("valid_to is before valid_from")
    number = v["number"]
    common = _Common(sex_code=sex, birth=birth, valid_from=valid_from, valid_to=valid_to, photo_wlt=photo)
    match kind:
        case CardKind.RESIDENT:
            _check_number18(number, kind)
            _check_birth_in_number(number, birth, kind)
            if v["nation"] not in NATIONS:
                raise _bad(f"nation code {v['nation']!r} is not a GB 3304 code")
            return IdCard(kind=kind, name=v["name"], number=number.upper(), address=v["address"],
                          authority=v["authority"], nation_code=v["nation"], **common)
        case CardKind.HMT_PERMIT:
            _check_number18(number, kind, ("81", "82", "83"))
            _check_birth_in_number(number, birth, kind)
            return IdCard(kind=kind, name=v["name"], number=number.upper(), address=v["address"],
                          authority=v["authority"], pass_number=v["pass_number"],
                          issue_count=v["issue_count"], **common)
        case CardKind.FOREIGN_PR_2017:
            # 3 letters (country) + 12 digits; no public check-digit rule for this number.
            if not (len(number) == 15 and number[:3].isalpha() and number[:3].isascii()
                    and number[3:].isdigit() and number[3:].isascii()):
                raise _bad("foreign_pr_2017: number is not 3 letters and 12 digits")
            return IdCard(kind=kind, name=v["name"], name_en=v["name_en"], number=number.upper(),
                          nationality=v["nationality"], card_version=v["card_version"],
                          authority_code=v["authority_code"], **common)
        case CardKind.FOREIGN_PR_2023:
            _check_number18(number, kind, ("9",))
            name_en = (v["name_en_1"].ljust(35) + v["name_en_2"]).rstrip() if v["name_en_2"] else v["name_en_1"]
            return IdCard(kind=kind, name=v["name"], name_en=name_en, number=number.upper(),
                          nationality=v["nationality"], authority=v["field_158"],
                          extra={"field_32": v["field_32"], "field_158": v["field_158"],
                                 "field_250": v["field_250"]}, **common)
    raise AssertionError(kind)  # pragma: no cover - FLAGS maps only to the kinds above


def _check_birth_in_number(number: str, birth: date, kind: CardKind) -> None:
    if number[6:14] != birth.strftime("%Y%m%d"):
        raise _bad(f"{kind.value}: birth date does not match the one in the number")


def decode_address(data: bytes) -> str:
    """The 70-byte appended address of 30 03."""
    if len(data) != ADDRESS_LEN:
        raise _bad(f"address of {len(data)} bytes, expected {ADDRESS_LEN}")
    return _text(data, Field("appended_address", 0, ADDRESS_LEN))


# ---- encoding (the simulator's synthetic cards, and round-trip tests) -------------------------


def _put(block: bytearray, f: Field, value: str) -> None:
    raw = value.encode("utf-16-le")
    if len(raw) > f.length:
        raise ValueError(f"field {f.name}: {value!r} needs {len(raw)} bytes, has {f.length}")
    block[f.offset: f.offset + f.length] = raw + " ".encode("utf-16-le") * ((f.length - len(raw)) // 2)


def encode_text(card: IdCard) -> bytes:
    """The text block a reader would deliver for ``card`` (used to build synthetic cards)."""
    block = bytearray(" ".encode("utf-16-le") * (TEXT_LEN // 2))
    fields = {f.name: f for f in LAYOUTS[card.kind]}
    d = {
        "name": card.name, "sex": card.sex_code, "birth": card.birth.strftime("%Y%m%d"),
        "number": card.number, "valid_from": card.valid_from.strftime("%Y%m%d"),
        "valid_to": LONG_TERM if card.valid_to is None else card.valid_to.strftime("%Y%m%d"),
        "flag": FLAG_OF[card.kind],
    }
    match card.kind:
        case CardKind.RESIDENT:
            d |= {"nation": card.nation_code, "address": card.address, "authority": card.authority}
        case CardKind.HMT_PERMIT:
            d |= {"address": card.address, "authority": card.authority, "pass_number": card.pass_number,
                  "issue_count": card.issue_count}
        case CardKind.FOREIGN_PR_2017:
            d |= {"name_en": card.name_en, "nationality": card.nationality, "card_version": card.card_version,
                  "authority_code": card.authority_code}
        case CardKind.FOREIGN_PR_2023:
            d |= {"name_en_1": card.name_en[:35].rstrip(), "name_en_2": card.name_en[35:].rstrip(),
                  "nationality": card.nationality, "field_158": card.authority,
                  "field_32": card.extra.get("field_32", ""), "field_250": card.extra.get("field_250", "")}
    for key, value in d.items():
        _put(block, fields[key], value)
    return bytes(block)


def encode_address(address: str) -> bytes:
    block = bytearray(ADDRESS_LEN)
    _put(block, Field("appended_address", 0, ADDRESS_LEN), address)
    return bytes(block)
