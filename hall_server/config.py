"""Configuration of the hall server."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field

from zizhu.configbase import Section


class HallServerConfig(Section):
    database_url: str = "sqlite:///zizhu-hall.sqlite3"
    http_host: str = "127.0.0.1"
    http_port: int = Field(8080, ge=0, le=65535)
    faults_file: Path | None = Field(None, description="overrides of the default fault table")
    registry_file: Path | None = Field(None, description="terminal registry (设备备案登记表), TOML or CSV")
