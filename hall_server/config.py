"""Configuration of the hall server (the ``[server]`` and ``[alerts]`` tables of a hall file)."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field

from zizhu.configbase import Section


class AlertsConfig(Section):
    """Where alerts go: apprise URLs per role (dingtalk://, wecom://, mailto://, json://, …)."""

    admin: list[str] = Field(default_factory=list, description="大厅管理员: general faults, warnings")
    maintenance: list[str] = Field(default_factory=list, description="运维: communication/mechanical faults")
    centre: list[str] = Field(default_factory=list, description="中心: system faults")
    group_wait_s: float = Field(0.2, ge=0, le=600, description="alerts for one role within this are one message")
    rate_limit_per_minute: int = Field(20, ge=1, description="messages per role per minute; the rest wait, grouped")
    retries: int = Field(3, ge=0, le=20)
    backoff_s: float = Field(1.0, gt=0, le=600, description="first retry delay, doubled each time")
    notify_resolved: bool = True
    timeout_s: float = Field(10.0, gt=0, le=120, description="per delivery attempt")


class HallServerConfig(Section):
    database_url: str = "sqlite:///zizhu-hall.sqlite3"
    http_host: str = "127.0.0.1"
    http_port: int = Field(8080, ge=0, le=65535)
    faults_file: Path | None = Field(None, description="overrides of the default fault table")
    registry_file: Path | None = Field(None, description="terminal registry (设备备案登记表), TOML or CSV")
    client_id: str | None = Field(None, description="MQTT client id; default zizhu-hall-<hall id>")
    # Each worker keeps its terminals' state in memory: a terminal's messages must all reach the same
    # worker, so the broker must share by client or topic (EMQX hash_clientid / hash_topic), not
    # round robin as Mosquitto does.
    share_group: str | None = Field(None, pattern=r"^[A-Za-z0-9_-]+$",
                                    description="MQTT v5 shared subscription group, to split ingest over workers")
    flap_window_s: float = Field(300, ge=0, description="a fault back within this reopens its incident")
    tick_s: float = Field(1.0, gt=0, le=60, description="how often deadlines, reminders and holds are checked")
    broker_grace_s: float = Field(30, ge=0, description="broker unreachable this long: a system incident")
    session_expiry_s: int = Field(86400, ge=0, description="the broker keeps unacknowledged messages this long")
