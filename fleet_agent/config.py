"""Configuration of the fleet agent (one per terminal)."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, model_validator

from zizhu.configbase import Section


class AgentConfig(Section):
    socket_path: Path = Path("/run/zizhu/agent.sock")
    spool_path: Path = Path("/var/lib/zizhu/agent-spool.sqlite3")
    spool_max_events: int = Field(100_000, ge=100, description="bound of the store-and-forward spool")
    heartbeat_s: float = Field(5.0, gt=0, le=3600, description="status republished at least this often")
    app_frozen_after_s: float = Field(15.0, gt=0, description="a kiosk heartbeat older than this: frozen")
    poll_s: float = Field(2.0, gt=0, le=600, description="device and host-health poll interval")
    ups_name: str | None = Field(None, description="NUT UPS name for `upsc`, e.g. ups@localhost")
    backend_url: str | None = Field(None, description="government service back end probed for reachability")
    expect_app: bool = Field(True, description="false on a terminal without a kiosk app: no app.crashed fault")
    reconnect_min_s: float = Field(0.5, gt=0, le=60, description="first MQTT reconnect delay (then doubles)")
    reconnect_max_s: float = Field(30.0, gt=0, le=600, description="longest MQTT reconnect delay")
    max_inflight: int = Field(100, ge=1, le=1000, description="spooled messages sent but not yet acknowledged")
    command_timeout_s: float = Field(60.0, gt=0, le=3600, description="how long a command waits for the app")
    restart_app_command: list[str] = Field(
        default_factory=lambda: ["systemctl", "restart", "zizhu-kiosk.service"],
        description="what restart_app runs; empty: ask the app over the local channel to exit")

    @model_validator(mode="after")
    def _backoff_order(self) -> AgentConfig:
        if self.reconnect_max_s < self.reconnect_min_s:
            raise ValueError("reconnect_max_s must not be below reconnect_min_s")
        return self
