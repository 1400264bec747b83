"""Ratings (好差评) and complaints (办不成事 / 蜗牛办事): the parts the kiosk and the hall share.

- **Phone numbers** are checked here, once (:func:`check_phone`): a mainland mobile number
  (``1[3-9]`` and nine digits) or a landline with its area code (``0`` + 2–3 digits, an optional
  ``-``, 7–8 digits). A refusal is a :class:`PhoneError` whose ``reason`` the citizen reads.
- **Sealing**: the kiosk seals the call-back number to the hall's public key (a libsodium sealed box,
  X25519 + XSalsa20-Poly1305, through PyNaCl) with :func:`seal_phone`; only the hall, holding the
  private key, opens it (:func:`open_phone`). The agent, its spool, the broker and every log see
  ciphertext only. Keys travel as standard base64 of their 32 bytes (:func:`make_keypair`).
- **Work order numbers** (:func:`work_order_no`) are derived from what the kiosk chose, so the slip
  it prints and the hall's record carry the same number without a round trip.
- **The promised answer** (:func:`answer_due`): one working day on China's official calendar
  (:mod:`ground.workdays`), the day of filing not counted; a year whose calendar is not published
  raises :class:`~ground.workdays.CalendarUnknown` — never a guess.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
import uuid
from collections.abc import Mapping
from datetime import date, datetime
from typing import Final, Literal, get_args

from nacl.exceptions import CryptoError
from nacl.public import PrivateKey, PublicKey, SealedBox

from ground.workdays import add_workdays

Category = Literal["办不成事", "蜗牛办事", "投诉", "建议", "其他"]
CATEGORIES: Final[tuple[str, ...]] = get_args(Category)
LEVELS: Final[dict[int, str]] = {5: "非常满意", 4: "满意", 3: "基本满意", 2: "不满意", 1: "非常不满意"}
ANSWER_WORKDAYS: Final = 1  # seed 000: answered within 1 working day of acceptance

_MOBILE = re.compile(r"1[3-9]\d{9}")
_LANDLINE = re.compile(r"0\d{2,3}-?\d{7,8}")
UUID_PATTERN: Final = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\Z"
# a sealed box of a phone number: 48 bytes of overhead + at most 13 characters, in base64
SEALED_PATTERN: Final = r"^[A-Za-z0-9+/]{40,200}={0,2}\Z"


class PhoneError(ValueError):
    """A phone number that is neither a mainland mobile nor a landline with area code.

    ``reason`` is what the citizen reads; ``str(error)`` (for logs) never contains the number.
    """

    def __init__(self, reason: str, why: str) -> None:
        super().__init__(why)
        self.reason = reason


class SealError(ValueError):
    """A key or a sealed value that cannot be used: wrong length, not base64, or not sealed to this key."""


def check_phone(phone: str) -> str:
    """The number as it is kept (spaces dropped), or :class:`PhoneError` with the reason in Chinese."""
    p = re.sub(r"\s", "", phone)
    if not p:
        raise PhoneError("请输入联系电话", "empty phone number")
    if _MOBILE.fullmatch(p) or _LANDLINE.fullmatch(p):
        return p
    if not re.fullmatch(r"[\d-]+", p):
        raise PhoneError("电话号码只能包含数字", "phone number with characters other than digits and '-'")
    if p.startswith("1"):
        raise PhoneError("手机号码应为以13–19开头的11位数字", f"not a mainland mobile number ({len(p)} characters)")
    if p.startswith("0"):
        raise PhoneError("固定电话请带区号，如 0471-1234567",
                         f"not a landline number with area code ({len(p)} characters)")
    raise PhoneError("请输入手机号码，或带区号的固定电话", f"neither mobile nor landline ({len(p)} characters)")


def _key(b64: str, what: str) -> bytes:
    try:
        raw = base64.b64decode(b64.strip(), validate=True)
    except (binascii.Error, ValueError):
        raise SealError(f"the {what} is not base64") from None
    if len(raw) != 32:
        raise SealError(f"the {what} must be 32 bytes, this one is {len(raw)}")
    return raw


def make_keypair() -> tuple[str, str]:
    """A new hall key pair, ``(private_b64, public_b64)``: what ``zizhu hall keygen`` writes."""
    sk = PrivateKey.generate()
    return (base64.b64encode(bytes(sk)).decode("ascii"),
            base64.b64encode(bytes(sk.public_key)).decode("ascii"))


def public_key_of(private_key_b64: str) -> str:
    """The public half of a private key (both base64)."""
    sk = PrivateKey(_key(private_key_b64, "private key"))
    return base64.b64encode(bytes(sk.public_key)).decode("ascii")


def check_public_key(public_key_b64: str) -> str:
    """The key unchanged if it can seal, else :class:`SealError` (used by the terminal config)."""
    _key(public_key_b64, "public key")
    return public_key_b64


def seal_phone(public_key_b64: str, phone: str) -> str:
    """The number checked (:func:`check_phone`) and sealed to the hall's public key, as base64.

    Raises :class:`PhoneError` for a number out of shape and :class:`SealError` for a bad key.
    """
    p = check_phone(phone)
    box = SealedBox(PublicKey(_key(public_key_b64, "public key")))
    return base64.b64encode(box.encrypt(p.encode("ascii"))).decode("ascii")


def open_phone(private_key_b64: str, sealed_b64: str) -> str:
    """The hall's side: the number inside a sealed box, checked again; :class:`SealError` if it cannot be."""
    box = SealedBox(PrivateKey(_key(private_key_b64, "private key")))
    try:
        raw = base64.b64decode(sealed_b64, validate=True)
    except (binascii.Error, ValueError):
        raise SealError("the sealed phone number is not base64") from None
    try:
        plain = box.decrypt(raw).decode("ascii")
    except (CryptoError, UnicodeDecodeError):
        raise SealError("the sealed phone number cannot be opened with this hall's key") from None
    try:
        return check_phone(plain)
    except PhoneError as exc:
        raise SealError(f"the sealed value is not a phone number: {exc}") from None


# -- service requests (延时服务预约, 政务专递): the personal fields travel sealed, together ---------------
Service = Literal["appointment", "appointment_cancel", "mailing"]
SERVICES: Final[tuple[str, ...]] = get_args(Service)
# a sealed record: 48 bytes of overhead + at most MAX_RECORD_BYTES of JSON, in base64
MAX_RECORD_BYTES: Final = 3000
SEALED_RECORD_PATTERN: Final = r"^[A-Za-z0-9+/]{40,4200}={0,2}\Z"
RECORD_FIELD: Final = re.compile(r"[a-z][a-z_]{0,31}")


def seal_record(public_key_b64: str, fields: Mapping[str, str]) -> str:
    """The personal fields of a service request (name, phone, address …) sealed together to the hall's key.

    Field names are lower-case words; values are strings. A phone under ``phone`` is checked
    (:class:`PhoneError` for the citizen); :class:`ValueError` for a record too long or a bad name,
    :class:`SealError` for a bad key. Only the hall opens it (:func:`open_record`).
    """
    record: dict[str, str] = {}
    for name, value in fields.items():
        if not RECORD_FIELD.fullmatch(name) or not isinstance(value, str) or "\x00" in value:
            raise ValueError(f"sealed record: the field {name!r} is not a lower-case name with a text value")
        record[name] = check_phone(value) if name == "phone" else value
    plain = json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    if len(plain) > MAX_RECORD_BYTES:
        raise ValueError(f"sealed record: {len(plain)} bytes, at most {MAX_RECORD_BYTES}")
    box = SealedBox(PublicKey(_key(public_key_b64, "public key")))
    return base64.b64encode(box.encrypt(plain)).decode("ascii")


def open_record(private_key_b64: str, sealed_b64: str) -> dict[str, str]:
    """The hall's side of :func:`seal_record`; :class:`SealError` when it cannot be opened or read."""
    box = SealedBox(PrivateKey(_key(private_key_b64, "private key")))
    try:
        raw = base64.b64decode(sealed_b64, validate=True)
    except (binascii.Error, ValueError):
        raise SealError("the sealed record is not base64") from None
    try:
        data = json.loads(box.decrypt(raw).decode("utf-8"))
    except (CryptoError, UnicodeDecodeError, ValueError):
        raise SealError("the sealed record cannot be opened with this hall's key") from None
    if not isinstance(data, dict) or not all(isinstance(k, str) and RECORD_FIELD.fullmatch(k) and isinstance(v, str)
                                             for k, v in data.items()):
        raise SealError("the sealed record is not a set of named texts")
    return data


YEARS: Final = (1970, 2999)  # a terminal's clock outside these is broken; at the ends dates overflow


def check_time(what: str, at: datetime) -> None:
    """A rating's or complaint's time the hall can store and count from: ``ValueError`` otherwise."""
    if not YEARS[0] <= at.year <= YEARS[1]:
        raise ValueError(f"{what}: a time between the years {YEARS[0]} and {YEARS[1]}")


def check_texts(**fields: str | list[str] | None) -> None:
    """No NUL character in what the hall stores (PostgreSQL's text refuses it: a message it could never store
    would be sent again for ever): ``ValueError`` naming the field, never its content."""
    for name, value in fields.items():
        values = value if isinstance(value, list) else [value or ""]
        if any("\x00" in v for v in values):
            raise ValueError(f"{name}: holds a NUL character")


def new_id() -> str:
    """The idempotency key of one rating or complaint, chosen by the kiosk (a UUID 4, lower case)."""
    return str(uuid.uuid4())


def work_order_no(terminal: str, filed_at: datetime, complaint_id: str) -> str:
    """``T01-20261204-3F2A9C``: the terminal, the local filing date, six hex digits of the id."""
    return f"{terminal.upper()}-{filed_at:%Y%m%d}-{complaint_id.replace('-', '')[:6].upper()}"


def answer_due(filed_at: datetime | date) -> date:
    """The day by which a complaint filed at ``filed_at`` (terminal-local) is answered: the end of the
    first working day after it. Raises :class:`~ground.workdays.CalendarUnknown` for an unknown year."""
    return add_workdays(filed_at, ANSWER_WORKDAYS)
