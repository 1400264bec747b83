"""The terminal file: the terminal's identity, its devices, its fleet agent and its kiosk app.

One file per terminal, read by both programs that run there (``zizhu agent`` and ``zizhu kiosk``)
and checked whole by ``zizhu config check``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

import msgspec
from msgspec import Meta

from drivers.devices import DevicesConfig
from ground.configbase import Identifier, Section
from ground.configfile import read_toml, validate
from terminal.pinhash import check_format as check_pin_hash
from wire.connection import MqttConfig
from wire.feedback import SealError, check_public_key


class AgentConfig(Section, frozen=True, kw_only=True):
    socket_path: Path = Path("/run/zizhu/agent.sock")
    spool_path: Path = Path("/var/lib/zizhu/agent-spool.sqlite3")
    spool_max_events: Annotated[int, Meta(ge=100, description="bound of the store-and-forward spool")] = 100_000
    heartbeat_s: Annotated[float, Meta(gt=0, le=3600, description=(
        "status republished at least this often; the hall takes two missed beats + 1 s as offline, so keep "
        "it at most half of [mqtt] keepalive_s to be seen within 1.5 × keepalive + 1 s"))] = 5.0
    app_frozen_after_s: Annotated[float, Meta(gt=0, description="a kiosk heartbeat older than this: frozen")] = 15.0
    poll_s: Annotated[float, Meta(gt=0, le=600, description="device and host-health poll interval")] = 2.0
    ups_name: Annotated[str | None, Meta(description="NUT UPS name for `upsc`, e.g. ups@localhost")] = None
    backend_url: Annotated[str | None, Meta(description="government service back end probed for reachability")] = None
    expect_app: Annotated[bool, Meta(
        description="false on a terminal without a kiosk app: no app.crashed fault")] = True
    reconnect_min_s: Annotated[float, Meta(gt=0, le=60, description="first MQTT reconnect delay (then doubles)")] = 0.5
    reconnect_max_s: Annotated[float, Meta(gt=0, le=600, description="longest MQTT reconnect delay")] = 30.0
    max_inflight: Annotated[int, Meta(ge=1, le=1000,
                                      description="spooled messages sent but not yet acknowledged")] = 100
    hall_ack_timeout_s: Annotated[float, Meta(gt=0, le=3600, description=(
        "sent messages the hall has not acknowledged as stored after this are sent again "
        "(the wait doubles while nothing moves, up to 32×)"))] = 10.0
    command_timeout_s: Annotated[float, Meta(gt=0, le=3600, description="how long a command waits for the app")] = 60.0
    restart_app_command: Annotated[list[str], Meta(
        description="what restart_app runs; empty: ask the app over the local channel to exit")] = msgspec.field(
        default_factory=lambda: ["systemctl", "restart", "zizhu-kiosk.service"])

    def __post_init__(self) -> None:
        if self.reconnect_max_s < self.reconnect_min_s:
            raise ValueError("reconnect_max_s must not be below reconnect_min_s")


class BackendConfig(Section, frozen=True, kw_only=True):
    """Where the kiosk's services get their data (docs/kiosk-backend.md)."""

    kind: Annotated[Literal["demo", "http"], Meta(
        description="demo: the bundled demo hall's data; http: a real platform at url")] = "demo"
    url: Annotated[str | None, Meta(description="the platform's base URL (kind = http)")] = None
    timeout_s: Annotated[float, Meta(gt=0, le=10, description=(
        "a whole call, retries included, is bounded by this: the citizen hears within 10 s"))] = 8.0
    retries: Annotated[int, Meta(ge=0, le=5, description="retries of an idempotent call that failed")] = 1
    token: Annotated[str | None, Meta(description="bearer token the platform expects, if any")] = None

    def __post_init__(self) -> None:
        if self.kind == "http" and not self.url:
            raise ValueError("backend kind http needs url")
        if self.url is not None and not self.url.startswith(("http://", "https://")):
            raise ValueError("backend url must start with http:// or https://")


class Technician(Section, frozen=True, kw_only=True):
    """One technician who may open the maintenance screen (维护模式): by PIN, by card, or both."""

    id: Annotated[str, Meta(pattern=r"^[A-Za-z0-9_-]{1,32}$", description=(
        "the technician's staff id: what the locker's journal records for a maintenance open"))]
    name: Annotated[str, Meta(max_length=32, description="shown on the maintenance screen")] = ""
    pin_hash: Annotated[str | None, Meta(description="`zizhu maintenance-pin` of the PIN (4-12 digits)")] = None
    card_hash: Annotated[str | None, Meta(description=(
        "`zizhu maintenance-pin --card` of the technician's ID number: the card opens the screen"))] = None

    def __post_init__(self) -> None:
        for key in ("pin_hash", "card_hash"):
            value = getattr(self, key)
            if value is not None:
                try:
                    check_pin_hash(value)
                except ValueError as exc:
                    raise ValueError(f"{key}: {exc}") from None
        if self.pin_hash is None and self.card_hash is None:
            raise ValueError("a technician needs pin_hash or card_hash")


class MaintenanceConfig(Section, frozen=True, kw_only=True):
    """The technician's maintenance screen on the kiosk (kiosk/flows_maintenance.py)."""

    technicians: Annotated[list[Technician], Meta(max_length=50)] = []
    idle_s: Annotated[float, Meta(ge=30, le=3600, description=(
        "the open screen without a touch this long: closed, the terminal back in service"))] = 300.0
    max_attempts: Annotated[int, Meta(ge=1, le=20, description="wrong PINs in a row before the entry locks")] = 5
    lockout_s: Annotated[float, Meta(ge=10, le=86_400, description="how long the entry stays locked")] = 300.0
    self_test_timeout_s: Annotated[float, Meta(gt=0, le=600, description=(
        "one device's self-test from the screen is given up after this long"))] = 120.0
    hall_url: Annotated[str | None, Meta(description=(
        "the hall server's base URL, for the terminal's open incidents (GET /api/incidents)"))] = None
    hall_token: Annotated[str | None, Meta(description=(
        "a hall API token (zz_…, a viewer account's is enough) for hall_url"))] = None

    def __post_init__(self) -> None:
        if self.hall_url is not None and not self.hall_url.startswith(("http://", "https://")):
            raise ValueError("hall_url must start with http:// or https://")


class KioskConfig(Section, frozen=True, kw_only=True):
    """The citizens' app (``zizhu kiosk``)."""

    idle_s: Annotated[float, Meta(ge=10, le=1800, description=(
        "no touch, key or card for this long: the countdown to the session's end starts"))] = 60.0
    countdown_s: Annotated[float, Meta(ge=20, le=300, description=(
        "the countdown shown before a session ends (WCAG 2.2.1: at least 20 s)"))] = 30.0
    max_extensions: Annotated[int, Meta(ge=10, le=10_000, description=(
        "how often 继续 may extend one session (WCAG 2.2.1: at least 10 times)"))] = 20
    language: Annotated[Literal["zh", "mn", "en"], Meta(description="the home screen's language")] = "zh"
    elderly: Annotated[bool, Meta(description="start in elderly mode (长辈模式)")] = False
    tts_engine: Annotated[str, Meta(description="QtTextToSpeech engine: speechd on a terminal, mock in tests")] = (
        "speechd")
    tts_voice: Annotated[str, Meta(description=(
        "the voice chosen by name (espeak-ng's Mandarin through speech-dispatcher); empty: the engine's own"))] = ""
    hotline: Annotated[str, Meta(description="the hall's hotline, shown when the terminal cannot help")] = "12345"
    staffed_window: Annotated[str, Meta(description="where the staffed windows are")] = "大厅人工服务窗口"
    heartbeat_s: Annotated[float, Meta(gt=0, le=60, description="heartbeat to the fleet agent from the UI")] = 2.0
    poll_s: Annotated[float, Meta(gt=0, le=60, description="device status poll interval")] = 2.0
    hall_public_key: Annotated[str | None, Meta(description=(
        "the hall's public key (base64, printed by `zizhu hall keygen`): complaints seal the call-back "
        "phone to it; without it the complaint page cannot take a phone number"))] = None
    backend: BackendConfig = BackendConfig()
    maintenance: MaintenanceConfig = MaintenanceConfig()

    def __post_init__(self) -> None:
        if self.hall_public_key is not None:
            try:
                check_public_key(self.hall_public_key)
            except SealError as exc:
                raise ValueError(f"hall_public_key: {exc}") from None


class TerminalInfo(Section, frozen=True, kw_only=True):
    id: Identifier
    hall: Identifier
    name: str = ""


class TerminalConfig(Section, frozen=True, kw_only=True):
    """One terminal: its identity, its devices, and how its agent reports."""

    kind: Literal["terminal"] = "terminal"
    terminal: TerminalInfo
    devices: DevicesConfig = DevicesConfig()
    mqtt: MqttConfig = MqttConfig()
    agent: AgentConfig = AgentConfig()
    kiosk: KioskConfig = KioskConfig()


def load_terminal(path: str | Path) -> TerminalConfig:
    return validate(path, read_toml(path), TerminalConfig)
