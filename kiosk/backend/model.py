"""What the kiosk's services know of the government platform: service items, guides, cases.

One model for every back end (the demo's data files, the HTTP adapter of a real platform): the
flows and the screens read these types and nothing else. Field names follow the elements of a
service guide in seed 002 第九条/第十条 (docs/kiosk-backend.md is the JSON a platform serves).

Personal data: a :class:`Case` carries the applicant's name and ID number because the platform
sends them; the kiosk shows them masked (:mod:`ground.logs`) and drops every case when the
session ends. ``repr`` of a case never shows them.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Protocol

import msgspec
from msgspec import Meta


class BackendError(Exception):
    """The back end could not answer. ``reason`` is what the citizen reads (Chinese)."""

    def __init__(self, message: str, reason: str = "业务系统暂时无法访问，请稍后再试或到人工窗口办理") -> None:
        super().__init__(message)
        self.reason = reason


class BackendTimeout(BackendError):
    """No answer within the bound (the citizen hears within 10 s)."""


class NotFound(BackendError):
    """The platform answered: no such item or case."""

    def __init__(self, message: str, reason: str = "未查询到相关信息，请核对后重试") -> None:
        super().__init__(message, reason)


class _Model(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    pass


class Material(_Model, frozen=True, kw_only=True):
    """One required material (所需材料), seed 002 第十条: never a catch-all 其他 item."""

    name: str
    kind: Annotated[str, Meta(description="原件 / 复印件 / 原件及复印件")] = "原件"
    copies: Annotated[int, Meta(ge=0, le=99)] = 1
    format: Annotated[str, Meta(description="纸质 / 电子 / 纸质或电子, with the size: A4")] = "纸质"
    electronic: bool = False  # 是否需要电子材料
    sample: Annotated[str, Meta(description="空表和样本: where the blank form and the sample are")] = ""
    source: Annotated[str, Meta(description="来源渠道: who issues it or where to obtain it")] = "申请人自备"
    note: str = ""


class ServiceItem(_Model, frozen=True, kw_only=True):
    """One service item (政务服务事项) with its whole guide (办事指南)."""

    code: Annotated[str, Meta(min_length=1, max_length=64, description="事项编码")]
    name: Annotated[str, Meta(min_length=1, description="事项名称")]
    subitem: Annotated[str, Meta(description="子项名称; empty when the item has none")] = ""
    type: Annotated[str, Meta(description="事项类型: 行政许可, 行政确认, 行政给付, 公共服务 …")]
    department: Annotated[str, Meta(min_length=1, description="the department that runs it")]
    themes: Annotated[list[str], Meta(description="主题: 社保, 医保, 户籍 … for browsing")] = msgspec.field(
        default_factory=list)
    conditions: Annotated[str, Meta(description="受理条件")]
    authority: Annotated[str, Meta(description="实施主体")]
    legal_basis: Annotated[str, Meta(description="设定依据")]
    legal_limit_days: Annotated[int, Meta(ge=0, description="法定办结时限, working days; 0: 即办")]
    promised_limit_days: Annotated[int, Meta(ge=0, description="承诺办结时限, working days; 0: 即办")]
    fees: Annotated[str, Meta(description="收费标准及依据; 不收费 with its basis")]
    materials: list[Material]
    procedure: Annotated[list[str], Meta(min_length=1, description="办理流程, one step a line")]
    forms: Annotated[list[str], Meta(min_length=1, description="办理形式: 窗口办理, 网上办理, 自助终端办理 …")]
    place: Annotated[str, Meta(description="办理地点")]
    hours: Annotated[str, Meta(description="办理时间")]
    result: Annotated[str, Meta(description="办理结果 (the document issued)")]
    result_sample: Annotated[str, Meta(description="结果样本: where the sample is shown")] = ""
    consult: Annotated[str, Meta(description="咨询方式")]
    supervise: Annotated[str, Meta(description="监督投诉方式")]
    guide_url: Annotated[str, Meta(description="the online guide (same source), for the QR code")]
    self_service: Annotated[bool, Meta(description="can be finished at the terminal")] = False


class CaseStatus(StrEnum):
    """Where a case stands. The Chinese words are the labels the citizen reads."""

    SUBMITTED = "submitted"  # 已申请，待受理
    ACCEPTED = "accepted"  # 已受理
    IN_REVIEW = "in_review"  # 审查中
    CORRECTION = "correction"  # 需补正材料
    APPROVED = "approved"  # 已办结，待领取
    COLLECTED = "collected"  # 已办结，已领取
    REFUSED = "refused"  # 不予受理 / 不予许可
    WITHDRAWN = "withdrawn"  # 已撤回


CASE_STATUS_LABELS: dict[CaseStatus, str] = {
    CaseStatus.SUBMITTED: "已申请，待受理",
    CaseStatus.ACCEPTED: "已受理",
    CaseStatus.IN_REVIEW: "审查中",
    CaseStatus.CORRECTION: "需补正材料",
    CaseStatus.APPROVED: "已办结，待领取",
    CaseStatus.COLLECTED: "已办结，已领取",
    CaseStatus.REFUSED: "不予受理",
    CaseStatus.WITHDRAWN: "已撤回",
}
OPEN_STATUSES = frozenset({CaseStatus.SUBMITTED, CaseStatus.ACCEPTED, CaseStatus.IN_REVIEW, CaseStatus.CORRECTION})


class CaseStep(_Model, frozen=True, kw_only=True):
    time: datetime  # local time of the hall, naive
    step: Annotated[str, Meta(description="受理, 审查, 决定, 送达 …")]
    result: str
    by: str = ""  # the window or department


class MissingMaterial(_Model, frozen=True, kw_only=True):
    name: str
    problem: str


class Case(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True, repr_omit_defaults=True):
    """One case (办件). Personal fields are masked in ``repr``."""

    case_no: Annotated[str, Meta(pattern=r"^[0-9]{6,24}\Z", description="办件编号, digits only")]
    item_code: str
    matter: str  # 事项名称 as the case was applied for
    applicant_name: str
    applicant_id: str  # the ID card's number: the citizen's cases are found by it
    status: CaseStatus
    accepted_on: date | None = None  # the day the promised time limit counts from
    steps: list[CaseStep] = msgspec.field(default_factory=list)
    missing: list[MissingMaterial] = msgspec.field(default_factory=list)
    refusal: str = ""
    pickup: Annotated[str, Meta(description="where the result is collected: 文件柜 A03, 3号窗口 …")] = ""
    progress_url: str = ""

    def __repr__(self) -> str:  # personal data never reaches a log through repr
        from ground.logs import mask_id_number, mask_name

        return (f"Case({self.case_no}, {self.status.value}, {mask_name(self.applicant_name)}, "
                f"{mask_id_number(self.applicant_id)})")

    __str__ = __repr__


class HallInfo(_Model, frozen=True, kw_only=True):
    """What the kiosk tells a citizen when it cannot help: where people are."""

    name: str
    hotline: str  # 咨询电话
    complaint_phone: str = "12345"
    address: str = ""
    staffed_hours: str = ""  # 人工窗口时间
    guide_url: str = ""  # the online platform's front page


class Backend(Protocol):
    """The one interface the services use. Every call may block: call it off the UI thread.

    Each raises :class:`BackendTimeout` when the platform does not answer within the adapter's
    bound, :class:`NotFound` for an unknown item or case and :class:`BackendError` otherwise.
    """

    def hall(self) -> HallInfo: ...

    def items(self) -> list[ServiceItem]:
        """The whole catalogue of the hall (a few hundred items at most): browsing and search."""
        ...

    def item(self, code: str) -> ServiceItem: ...

    def case(self, case_no: str) -> Case: ...

    def cases_of(self, id_number: str) -> list[Case]:
        """The cases of the citizen whose ID card was read, newest first; [] when none."""
        ...
