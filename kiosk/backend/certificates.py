"""Certificates (证明) the platform issues to the citizen whose ID card was read, printed on A4 at
the terminal (证明打印, docs/a4-printing.md).

A separate protocol beside :class:`kiosk.backend.model.Backend`, like the photo's and the
locker's: a platform that issues no certificates at terminals need not serve it. The platform
decides what a certificate says and gives each its serial number and verification code; the kiosk
only lays it out (kiosk/a4docs.py) and prints it. The holder's name and ID number are personal
data: in memory for the session and in the CUPS job only, masked in ``repr``.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Protocol

import msgspec
from msgspec import Meta

KIND_CODE = r"^[a-z][a-z0-9_]{0,31}\Z"


class _Model(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    pass


class CertificateKind(_Model, frozen=True, kw_only=True):
    """One certificate a terminal can print: 社保参保证明, 户籍证明 …"""

    code: Annotated[str, Meta(pattern=KIND_CODE, description="social_insurance, household …")]
    name: Annotated[str, Meta(min_length=1, max_length=40, description="证明名称, as the citizen reads it")]
    issuer: Annotated[str, Meta(min_length=1, description="出具单位")]
    item_code: Annotated[str, Meta(min_length=1, description="the service item it is issued under (for the rating)")]
    note: Annotated[str, Meta(description="用途说明: what it is accepted for")] = ""


class CertificateField(_Model, frozen=True, kw_only=True):
    label: Annotated[str, Meta(min_length=1, max_length=20)]
    value: Annotated[str, Meta(max_length=200)]


class Certificate(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """One issued certificate. ``repr`` masks the holder."""

    kind: Annotated[str, Meta(pattern=KIND_CODE)]
    title: Annotated[str, Meta(min_length=1, max_length=40)]
    serial: Annotated[str, Meta(pattern=r"^[A-Z0-9-]{6,40}\Z", description="证明编号")]
    holder_name: str
    holder_id: str
    fields: Annotated[list[CertificateField], Meta(max_length=24)]
    body: Annotated[str, Meta(max_length=600, description="the certifying sentence(s)")]
    issuer: str
    issued_on: date
    valid_days: Annotated[int, Meta(ge=1, le=366, description="有效期 in days from issued_on")]
    verify_code: Annotated[str, Meta(pattern=r"^[A-Z0-9]{8,32}\Z", description="验证码")]
    verify_url: Annotated[str, Meta(min_length=8, description="where anyone checks it: the QR code")]

    def __repr__(self) -> str:
        from ground.logs import mask_id_number, mask_name

        who = f"{mask_name(self.holder_name)}, {mask_id_number(self.holder_id)}"
        return f"Certificate({self.kind}, {self.serial}, {who})"

    __str__ = __repr__


class CertificateBackend(Protocol):
    def certificate_kinds(self) -> list[CertificateKind]:
        """What the terminal offers to print."""
        ...

    def certificate(self, kind: str, id_number: str) -> Certificate:
        """Issue ``kind`` for the card's holder: :class:`~kiosk.backend.model.NotFound` when the
        platform has nothing to certify (not insured, registered elsewhere)."""
        ...
