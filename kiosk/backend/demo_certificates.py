"""The demo back end's certificates (kiosk.backend.certificates), from ``data/certificates.toml``.

The holders are the invented people of cases.toml (the reader simulator's cards and [people]);
their names, numbers and addresses come from there. Each certificate issued gets a new serial
number and verification code; the demo platform keeps only those two (for checking a printed
certificate), never the holder.
"""

from __future__ import annotations

import secrets
import threading
from collections.abc import Callable
from datetime import date
from importlib.resources.abc import Traversable
from typing import Annotated, Any

import msgspec
from msgspec import Meta

from drivers.idcard.synthetic import CARDS
from kiosk.backend.certificates import Certificate, CertificateField, CertificateKind
from kiosk.backend.model import NotFound

CERTIFICATES_FILE = "certificates.toml"


class _File(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    pass


class _Insured(_File, frozen=True, kw_only=True):
    person: str
    unit: str
    types: Annotated[list[str], Meta(min_length=1)]
    since: str
    months: Annotated[int, Meta(ge=0, le=900)]
    status: str


class _Household(_File, frozen=True, kw_only=True):
    person: Annotated[str, Meta(description="a card of CARDS: the address is the card's")]
    relation: str
    registered: str


class _CertificatesFile(_File, frozen=True, kw_only=True):
    verify_url: Annotated[str, Meta(pattern=r"\{code\}")]
    kind: Annotated[list[CertificateKind], Meta(min_length=1)]
    social_insurance: list[_Insured] = msgspec.field(default_factory=list)
    household: list[_Household] = msgspec.field(default_factory=list)


class DemoCertificates:
    """The certificates part of :class:`kiosk.backend.demo.DemoBackend`."""

    def __init__(self, root: Traversable, people: dict[str, tuple[str, str]], today: Callable[[], date], *,
                 read: Callable[[Traversable, str], tuple[str, dict[str, Any]]],
                 convert: Callable[[str, dict[str, Any], type[Any]], Any], error: type[Exception]) -> None:
        self.people = people
        self.today = today
        self._lock = threading.Lock()
        self._count = 0
        self.issued: dict[str, str] = {}  # verification code → serial: what the platform keeps
        self.kinds: dict[str, CertificateKind] = {}
        if not (root / CERTIFICATES_FILE).is_file():  # a data folder without certificates issues none
            return
        where, data = read(root, CERTIFICATES_FILE)
        self.file: _CertificatesFile = convert(where, data, _CertificatesFile)
        bad = [f"{where}: social_insurance person {e.person!r} is nobody of cases.toml"
               for e in self.file.social_insurance if e.person not in people]
        bad += [f"{where}: household person {e.person!r} is not a card of drivers.idcard.synthetic.CARDS"
                for e in self.file.household if e.person not in CARDS or e.person not in people]
        codes = [k.code for k in self.file.kind]
        if len(set(codes)) != len(codes) or not set(codes) <= {"social_insurance", "household"}:
            bad.append(f"{where}: kinds must be social_insurance and household, each once (got {codes})")
        if bad:
            raise error("\n".join(bad))
        self.kinds = {k.code: k for k in self.file.kind}

    def person_of(self, id_number: str) -> str | None:
        wanted = id_number.strip().upper()
        return next((key for key, (_name, number) in self.people.items() if number.upper() == wanted), None)

    def issue(self, kind: str, id_number: str) -> Certificate:
        k = self.kinds.get(kind)
        if k is None:
            raise NotFound(f"demo back end: no certificate kind {kind!r}", reason="终端不提供该证明，请到人工窗口办理")
        person = self.person_of(id_number)
        name, number = self.people[person] if person is not None else ("", "")
        today = self.today()
        if kind == "social_insurance":
            ins = next((e for e in self.file.social_insurance if e.person == person), None)
            if ins is None:
                raise NotFound("demo back end: no insurance record for this card",
                               reason="未查询到您的社会保险参保记录，请到社保窗口咨询")
            fields = [("姓名", name), ("公民身份号码", number), ("参保单位", ins.unit),
                      ("参保险种", "、".join(ins.types)), ("首次参保时间", ins.since),
                      ("累计缴费月数", f"{ins.months}个月"), ("参保状态", ins.status)]
            body = (f"兹证明{name}（公民身份号码：{number}）在我中心参加社会保险，截至{today:%Y年%m月%d日}"
                    "参保缴费情况如下。特此证明。")
            issuer = k.issuer
        else:
            hh = next((e for e in self.file.household if e.person == person), None)
            if hh is None or person is None:
                raise NotFound("demo back end: no household record for this card",
                               reason="未查询到您在本地的户籍登记，请到户籍窗口或户籍所在地派出所咨询")
            card = CARDS[person]
            fields = [("姓名", name), ("性别", card.sex), ("民族", card.nation),
                      ("出生日期", f"{card.birth:%Y年%m月%d日}"), ("公民身份号码", number),
                      ("户籍地址", card.address), ("与户主关系", hh.relation), ("户籍登记时间", hh.registered)]
            body = f"兹证明{name}（公民身份号码：{number}），户籍登记在{card.address}。特此证明。"
            issuer = card.authority or k.issuer
        code = secrets.token_hex(8).upper()
        with self._lock:
            self._count += 1
            serial = f"{'SB' if kind == 'social_insurance' else 'HJ'}-{today:%Y%m%d}-{self._count:06d}"
            self.issued[code] = serial
        return Certificate(kind=kind, title=k.name, serial=serial, holder_name=name, holder_id=number,
                           fields=[CertificateField(label=a, value=b) for a, b in fields], body=body, issuer=issuer,
                           issued_on=today, valid_days=30, verify_code=code,
                           verify_url=self.file.verify_url.replace("{code}", code))
