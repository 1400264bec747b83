"""Configuration of the fleet agent (one per terminal)."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field

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
