"""Jinja2 for every page: autoescape on, ``StrictUndefined`` (a missing name is an error, not a blank),
one base template (``templates/base.html``) and the filters the pages share. No HTML is built in Python.

A router renders with :func:`page` (a whole page, or the fragment htmx asked for) and passes what the
template names; the base template finds the logged-in user in ``principal`` (``None``: nobody).
"""

from __future__ import annotations

from datetime import datetime, tzinfo
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from hall_server.accounts import Permission, allowed
from hall_server.faults import Tier
from hall_server.web import catalogue

TIER_LABELS = {Tier.SYSTEM.value: "系统故障", Tier.COMMS_MECHANICAL.value: "通讯/机械故障",
               Tier.GENERAL.value: "一般故障", Tier.WARNING.value: "预警"}
STATE_WORDS = {"open": "未确认", "acknowledged": "已确认，处理中", "resolved": "已解决"}
SHUTDOWN_WORDS = {"requested": "待审批", "approved": "已批准", "rejected": "已驳回", "cancelled": "已取消"}
ROLE_LABELS = {"admin": "大厅管理员", "maintenance": "运维", "centre": "中心", "viewer": "查看"}
# How the status model's values read on a page.
WORDS: dict[str, dict[str, str]] = {
    "device_state": {"online": "正常", "offline": "离线", "hardware_error": "硬件故障", "user_error": "需人工处理",
                     "busy": "忙", "no_device": "未连接", "power_off": "已断电", "unknown": "未知"},
    "paper": {"full": "充足", "low": "将尽", "out": "用完", "jammed": "卡纸", "unknown": "未知"},
    "door": {"open": "开", "closed": "关", "jammed": "卡住", "unknown": "未知"},
    "sam": {"ok": "正常", "error": "故障", "unknown": "未知"},
    "last_read": {"ok": "成功", "no_card": "无卡", "failed": "失败", "none": "尚未读卡"},
    "station": {"receipt": "客户凭条", "journal": "流水"},
    "kind": {"printer": "打印机", "idcard": "身份证阅读器", "camera": "摄像头", "locker": "智能柜"},
    "power": {"ac": "市电", "battery": "电池", "ups": "UPS", "unknown": "未知"},
    "app": {"running": "运行中", "frozen": "无响应", "down": "未运行", "unknown": "未知"},
    "log_action": {"opened": "发生", "acknowledged": "确认", "resolved": "解决", "escalated": "升级",
                   "reminded": "提醒", "reopened": "重新发生", "grouped": "归入系统故障", "ungrouped": "移出系统故障",
                   "cleared": "消除", "raised": "再次发生"},
    "alert_kind": {"opened": "发生", "escalated": "升级", "reminder": "提醒", "resolved": "解决",
                   "overdue": "整改逾期"},
    "alert_status": {"pending": "待发送", "sent": "已发送", "failed": "发送失败", "suppressed": "已合并",
                     "no_route": "未配置接收人"},
}


def span(seconds: float) -> str:
    """``1439 分钟`` reads badly: ``23 小时 59 分钟``."""
    hours, minutes = divmod(int(seconds // 60), 60)
    return f"{hours} 小时 {minutes} 分钟" if hours else f"{minutes} 分钟"


def log_detail(action: str, detail: str) -> str:
    """A line of an incident's history as people read it (the log keeps the core's own words)."""
    if action == "opened":
        tier, _, rest = detail.partition(";")
        return "；".join(p for p in (TIER_LABELS.get(tier.strip(), tier.strip()), rest.strip()) if p)
    if action == "resolved":
        how, sep, note = detail.partition(": ")
        if sep and how == "manual":
            return note
        if sep and how == "auto":
            return f"设备恢复正常，自动解决{('：' + note) if note else ''}"
    return detail


def actor_name(actor: str) -> str:
    return "系统" if actor == "system" else actor


@cache
def environment() -> Environment:
    env = Environment(loader=PackageLoader("hall_server", "templates"), autoescape=select_autoescape(default=True),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["span"] = span
    env.filters["tier"] = lambda v: TIER_LABELS.get(str(v), str(v))
    env.filters["role"] = lambda v: ROLE_LABELS.get(str(v), str(v))
    env.filters["incident_state"] = lambda v: STATE_WORDS.get(str(v), str(v))
    env.filters["shutdown_state"] = lambda v: SHUTDOWN_WORDS.get(str(v), str(v))
    env.filters["actor"] = actor_name
    env.globals["log_detail"] = log_detail
    env.filters["iso"] = lambda v: v.isoformat() if v else ""
    env.globals["words"] = WORDS
    env.globals["mn"] = catalogue.MONGOLIAN
    env.globals["zh"] = catalogue.CHINESE
    return env


class Clock:
    """Times as the hall reads them: its own time zone (``[inspections] timezone``)."""

    def __init__(self, tz: tzinfo) -> None:
        self.tz = tz

    def t(self, value: datetime | None, fmt: str = "%m-%d %H:%M:%S") -> str:
        return value.astimezone(self.tz).strftime(fmt) if value else ""

    def day(self, value: datetime | None) -> str:
        return self.t(value, "%Y-%m-%d %H:%M")

    def local_input(self, value: datetime | None) -> str:
        """For ``<input type=datetime-local>``."""
        return self.t(value, "%Y-%m-%dT%H:%M")


def hall_clock(request: Request) -> Clock:
    svc = request.app.state.runtime
    return Clock(ZoneInfo(svc.cfg.inspections.timezone))


def page(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """``template`` rendered with ``context``, the request, the logged-in user, the hall and its clock."""
    svc = request.app.state.runtime
    principal = context.pop("principal", None)

    def can(permission: str) -> bool:
        return principal is not None and allowed(principal.role, Permission(permission))

    ctx: dict[str, Any] = {
        "nav": "", "request": request, "principal": principal, "can": can,
        "csrf_token": getattr(principal, "csrf_token", None) or "",
        "hall_name": svc.cfg.hall.name or svc.core.hall, "hall_id": svc.core.hall,
        "clock": hall_clock(request), "now": svc.core.clock.now(), "htmx": request.headers.get("HX-Request") == "true",
        "fault_title": lambda code: svc.table.classify(code).title or code,
        "has_inspections": getattr(request.app.state, "has_inspections", False),
        "has_page": getattr(request.app.state, "page_paths", frozenset()).__contains__,
        **context,
    }
    html = environment().get_template(template).render(ctx)
    return HTMLResponse(html, status_code=status_code)
