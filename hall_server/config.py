"""Configuration of the hall server (the ``[server]``, ``[alerts]``, ``[inspections]``, ``[feedback]``,
``[recordings]`` and ``[reports]`` tables of a hall file)."""

from __future__ import annotations

import string
from pathlib import Path
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import msgspec
from msgspec import Meta

from ground.configbase import EXPECTED, Identifier, Section
from ground.configfile import read_toml, validate
from wire.connection import MqttConfig


class AlertsConfig(Section, frozen=True, kw_only=True):
    """Where alerts go: apprise URLs per role (dingtalk://, wecom://, mailto://, json://, …)."""

    admin: Annotated[list[str], Meta(description="大厅管理员: general faults, warnings")] = msgspec.field(
        default_factory=list)
    maintenance: Annotated[list[str], Meta(description="运维: communication/mechanical faults")] = msgspec.field(
        default_factory=list)
    centre: Annotated[list[str], Meta(description="中心: system faults")] = msgspec.field(default_factory=list)
    group_wait_s: Annotated[float, Meta(ge=0, le=600,
                                        description="alerts for one role within this are one message")] = 0.2
    rate_limit_per_minute: Annotated[int, Meta(
        ge=1, description="messages per role per minute; the rest wait, grouped")] = 20
    retries: Annotated[int, Meta(ge=0, le=20)] = 3
    backoff_s: Annotated[float, Meta(gt=0, le=600, description="first retry delay, doubled each time")] = 1.0
    notify_resolved: bool = True
    timeout_s: Annotated[float, Meta(gt=0, le=120, description="per delivery attempt")] = 10.0


# A slot's window, local time of the hall: "08:30-12:00".
SlotWindow = Annotated[str, Meta(
    pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]-([01][0-9]|2[0-3]):[0-5][0-9]\Z",
    extra={EXPECTED: "a window of local time, HH:MM-HH:MM (e.g. 08:30-12:00)"})]


def _minutes(hhmm: str) -> int:
    h, m = hhmm.split(":")
    return int(h) * 60 + int(m)


class InspectionsConfig(Section, frozen=True, kw_only=True):
    """The twice-daily inspection (每日上午、下午至少检查一次) and the day's readiness confirmation."""

    morning: Annotated[SlotWindow, Meta(description="上午巡检: the morning slot, local time")] = "08:30-12:00"
    afternoon: Annotated[SlotWindow, Meta(description="下午巡检: the afternoon slot, local time")] = "14:00-17:30"
    timezone: Annotated[str, Meta(min_length=1, description="the hall's time zone (IANA name)")] = "Asia/Shanghai"
    readiness_required: Annotated[bool, Meta(description=(
        "each terminal's readiness (确认设备能够投入正常运行) is confirmed every day before citizens use it; "
        "unconfirmed terminals are shown as such"))] = True

    def __post_init__(self) -> None:
        try:
            ZoneInfo(self.timezone)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"timezone: unknown time zone {self.timezone!r} (e.g. Asia/Shanghai)") from None
        bounds = []
        for name in ("morning", "afternoon"):
            start, end = (_minutes(x) for x in getattr(self, name).split("-"))
            if end <= start:
                raise ValueError(f"{name}: the slot must end after it starts ({getattr(self, name)})")
            bounds.append((start, end))
        if bounds[1][0] < bounds[0][1]:
            raise ValueError(f"afternoon: starts ({self.afternoon}) before the morning slot ends ({self.morning})")


# The departments a 东胜区 (Ordos) service hall hands complaint work orders to: the centre's own offices
# (seed 000: 受理科 for matters of several departments, 监控调度科 for conduct) and the departments
# with windows in the hall.
DEFAULT_DEPARTMENTS: tuple[str, ...] = (
    "区政务服务中心受理科", "区政务服务中心监控调度科", "区市场监督管理局", "区人力资源和社会保障局", "区医疗保障局",
    "区住房和城乡建设局", "区自然资源局（不动产登记中心）", "区税务局", "公安东胜分局（户籍、出入境）", "区民政局",
    "区卫生健康委员会", "区交通运输局", "住房公积金东胜区管理部")


class FeedbackConfig(Section, frozen=True, kw_only=True):
    """Ratings (好差评) and complaints (办不成事 / 蜗牛办事) from the terminals (docs/feedback.md)."""

    private_key_file: Annotated[Path | None, Meta(description=(
        "the hall's private key (mode 0600, made by `zizhu hall keygen`): opens the call-back phone numbers "
        "the kiosks seal to its public half; without it complaints are stored with the number unreadable"))] = None
    rectification_days: Annotated[int, Meta(ge=1, le=90, description=(
        "a bad review (不满意, 非常不满意) opens a rectification case due this many days later "
        "(seed 002 第三十八条: 7 days)"))] = 7
    departments: Annotated[list[Annotated[str, Meta(min_length=1, max_length=100)]], Meta(min_length=1, description=(
        "the departments a complaint work order can be assigned to (交办, docs/workorders.md); "
        "any other is refused"))] = msgspec.field(default_factory=lambda: list(DEFAULT_DEPARTMENTS))

    def __post_init__(self) -> None:
        if len(set(self.departments)) != len(self.departments):
            raise ValueError("[feedback] departments: a department is named twice")


# ---- recordings access (issue 13, docs/recordings.md) ----
RETENTION_MIN_DAYS = 92  # seed 000 四(三): CCTV kept "不少于一个季度"; the longest quarter has 92 days
VIEWER_URL_FIELDS = ("request", "terminal", "area", "target", "start", "end", "start_utc", "end_utc",
                     "start_epoch", "end_epoch")


class RecordingsConfig(Section, frozen=True, kw_only=True):
    """Access to the CCTV recordings of the 24-hour area by approval, with its register (docs/recordings.md)."""

    retention_days: Annotated[int, Meta(le=3660, description=(
        "how long the hall's video recorder keeps recordings; at least 92 days (one quarter, seed 000 四(三)); "
        "a request for an older time range is refused"))] = RETENTION_MIN_DAYS
    areas: Annotated[list[Annotated[str, Meta(min_length=1, max_length=100)]], Meta(max_length=200, description=(
        "the hall's camera areas a request may name instead of a terminal"))] = msgspec.field(
        default_factory=lambda: ["24小时自助服务区", "自助区出入口", "智能文件柜区", "填单台"])
    grant_hours: Annotated[int, Meta(ge=1, le=168, description=(
        "an approved request lets its requester view the recordings this many hours after the approval"))] = 24
    max_span_hours: Annotated[int, Meta(ge=1, le=744, description=(
        "the longest time range one request may name"))] = 24
    viewer_url: Annotated[str | None, Meta(description=(
        "the video recorder's playback link, filled in for each viewing: {terminal} {area} {target} {start} {end} "
        "(hall-local, 2026-03-02T09:00:00) {start_utc} {end_utc} {start_epoch} {end_epoch} {request}; none: the "
        "page gives the details to tell the recorder's operator"))] = None

    def __post_init__(self) -> None:
        if self.retention_days < RETENTION_MIN_DAYS:
            raise ValueError(
                f"retention_days: {self.retention_days} is below {RETENTION_MIN_DAYS} — 监控录像保存时间不少于一个季度"
                f"（《24小时自助办理工作制度》四(三)），录像保存期限至少 {RETENTION_MIN_DAYS} 天")
        seen: set[str] = set()
        for area in self.areas:
            if area.strip() != area or not area:
                raise ValueError(f"areas: {area!r} has blanks around it")
            if area in seen:
                raise ValueError(f"areas: {area!r} is listed twice")
            seen.add(area)
        if self.viewer_url is not None:
            if not self.viewer_url.startswith(("http://", "https://")):
                raise ValueError("viewer_url: must start with http:// or https://")
            try:
                names = [f for _t, f, _s, _c in string.Formatter().parse(self.viewer_url) if f is not None]
            except ValueError as exc:
                raise ValueError(f"viewer_url: {exc} (write a literal brace as {{{{ or }}}})") from None
            unknown = sorted({n for n in names if n not in VIEWER_URL_FIELDS})
            if unknown:
                raise ValueError(f"viewer_url: unknown field {{{unknown[0]}}}; known: "
                                 + ", ".join(f"{{{n}}}" for n in VIEWER_URL_FIELDS))


# ---- reports (issue 13, docs/reports.md) ----
# When the weekly summary leaves: a weekday and the hall's local time, "mon 08:00"; "off" sends none.
WeeklyAt = Annotated[str, Meta(
    pattern=r"^((mon|tue|wed|thu|fri|sat|sun) ([01][0-9]|2[0-3]):[0-5][0-9]|off)\Z",
    extra={EXPECTED: "a weekday and a local time, e.g. mon 08:00 (mon tue wed thu fri sat sun), or off"})]


class ReportsConfig(Section, frozen=True, kw_only=True):
    """The reports (绩效考核, docs/reports.md) and the weekly summary sent to the centre."""

    weekly_summary: Annotated[WeeklyAt, Meta(description=(
        "when the last week's key figures go to the centre through its alert channels: a weekday and the "
        "hall's local time ([inspections] timezone), e.g. \"mon 08:00\"; \"off\": never"))] = "mon 08:00"


class HallServerConfig(Section, frozen=True, kw_only=True):
    database_url: str = "sqlite:///zizhu-hall.sqlite3"
    http_host: str = "127.0.0.1"
    http_port: Annotated[int, Meta(ge=0, le=65535)] = 8080
    faults_file: Annotated[Path | None, Meta(description="overrides of the default fault table")] = None
    registry_file: Annotated[Path | None, Meta(description="terminal registry (设备备案登记表), TOML or CSV")] = None
    client_id: Annotated[str | None, Meta(description="MQTT client id; default zizhu-hall-<hall id>")] = None
    # Each worker keeps its terminals' state in memory: a terminal's messages must all reach the same
    # worker, so the broker must share by client or topic (EMQX hash_clientid / hash_topic), not
    # round robin as Mosquitto does.
    share_group: Annotated[str, Meta(
        pattern=r"^[A-Za-z0-9_-]+\Z", description="MQTT v5 shared subscription group, to split ingest over workers")] \
        | None = None
    flap_window_s: Annotated[float, Meta(ge=0, description="a fault back within this reopens its incident")] = 300
    tick_s: Annotated[float, Meta(gt=0, le=60,
                                  description="how often deadlines, reminders and holds are checked")] = 1.0
    broker_grace_s: Annotated[float, Meta(ge=0, description="broker unreachable this long: a system incident")] = 30
    session_expiry_s: Annotated[int, Meta(
        ge=0, description="the broker keeps unacknowledged messages this long")] = 86400
    mqtt_reconnect_min_s: Annotated[float, Meta(gt=0, le=60, description=(
        "first MQTT reconnect delay of the hall server (then doubles): short, since a broker without "
        "persistence keeps nothing for the hall while it is away"))] = 0.2
    mqtt_reconnect_max_s: Annotated[float, Meta(gt=0, le=600, description="longest MQTT reconnect delay")] = 2.0
    mqtt_process: Annotated[bool, Meta(
        description="receive MQTT in a process of its own (paho's share of the work off the hall's GIL: "
                    "about 1.5× the messages on two cores); false: a thread of the hall server")] = True
    secret_file: Annotated[Path | None, Meta(description=(
        "the key that signs the dashboard's session cookies; made with mode 0600 on first start when missing; "
        "default: zizhu-hall-session.key next to the SQLite database"))] = None
    session_idle_minutes: Annotated[float, Meta(
        gt=0, le=24 * 60, description="a dashboard session ends after this long without a request")] = 30


class BrokerConfig(Section, frozen=True, kw_only=True):
    """The hall broker's accounts: ``zizhu hall broker-config`` makes them from the registry (docs/broker.md)."""

    secret_file: Annotated[Path | None, Meta(description=(
        "the hall's broker secret (at least 16 bytes, e.g. `openssl rand -hex 32`); every account's "
        "password is derived from it, so nothing per terminal is stored"))] = None
    terminal_host: Annotated[str | None, Meta(
        description="the broker's address as terminals reach it; default: mqtt.host")] = None
    terminal_port: Annotated[int, Meta(ge=1, le=65535, description="the broker's port for terminals")] = 8883
    terminal_tls: Annotated[bool, Meta(description="terminals connect with TLS (off only for the demo)")] = True
    terminal_ca_file: Annotated[Path | None, Meta(
        description="where each terminal keeps the hall's CA certificate")] = Path("/etc/zizhu/hall-ca.pem")


class HallInfo(Section, frozen=True, kw_only=True):
    id: Identifier
    name: str = ""


class HallConfig(Section, frozen=True, kw_only=True):
    """One hall server."""

    kind: Literal["hall"] = "hall"
    hall: HallInfo
    mqtt: MqttConfig = MqttConfig()
    server: HallServerConfig = HallServerConfig()
    alerts: AlertsConfig = AlertsConfig()
    broker: BrokerConfig = BrokerConfig()
    inspections: InspectionsConfig = InspectionsConfig()
    feedback: FeedbackConfig = FeedbackConfig()
    recordings: RecordingsConfig = RecordingsConfig()
    reports: ReportsConfig = ReportsConfig()


def load_hall(path: str | Path) -> HallConfig:
    return validate(path, read_toml(path), HallConfig)
