"""The device status model — the single definition the kiosk, the fleet agent and the hall server use.

After XFS4IoT's ``Common.Status``: every device reports a :class:`DeviceState` plus fields of its
class. Each status knows the dotted fault codes it implies (``printer.receipt.paper_out``,
``locker.slot.07.jammed``); which tier a code belongs to is the hall server's fault table, not
this module's business. Everything round-trips through JSON (:func:`status_from_json`).
"""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import Annotated, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter


def utcnow() -> datetime:
    return datetime.now(UTC)


class DeviceState(StrEnum):
    """XFS4IoT Common.Status device states."""

    ONLINE = "online"
    OFFLINE = "offline"
    HARDWARE_ERROR = "hardware_error"
    USER_ERROR = "user_error"
    BUSY = "busy"
    NO_DEVICE = "no_device"
    POWER_OFF = "power_off"
    UNKNOWN = "unknown"


class PaperLevel(StrEnum):
    FULL = "full"
    LOW = "low"  # near end (将尽)
    OUT = "out"
    JAMMED = "jammed"
    UNKNOWN = "unknown"


class DoorState(StrEnum):
    OPEN = "open"
    CLOSED = "closed"
    JAMMED = "jammed"
    UNKNOWN = "unknown"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _DeviceBase(_Model):
    name: str = Field(description="device name in the terminal config (printer, idcard, …)")
    state: DeviceState = DeviceState.UNKNOWN
    reason: str = Field("", description="why the device is not online, for people (Chinese first)")
    ts: datetime = Field(default_factory=utcnow)

    def faults(self) -> list[str]:
        """Dotted fault codes this status implies, sorted; empty when all is well."""
        return sorted(set(self._faults()))

    def _faults(self) -> list[str]:
        prefix = self.name
        match self.state:
            case DeviceState.NO_DEVICE:
                return [f"{prefix}.missing"]
            case DeviceState.OFFLINE | DeviceState.POWER_OFF:
                return [f"{prefix}.offline"]
            case DeviceState.HARDWARE_ERROR:
                return [f"{prefix}.hardware_error"]
            case _:
                return []


class PrinterStation(_Model):
    """One paper station: receipt paper (凭条纸) or journal paper (流水纸)."""

    paper: PaperLevel = PaperLevel.UNKNOWN
    online: bool | None = None


class PrinterStatus(_DeviceBase):
    kind: Literal["printer"] = "printer"
    stations: dict[Literal["receipt", "journal"], PrinterStation] = Field(default_factory=dict)
    cover_open: bool | None = None
    cutter_error: bool = False
    unrecoverable_error: bool = False
    recoverable_error: bool = False

    def _faults(self) -> list[str]:
        out = super()._faults()
        p = self.name
        if self.state == DeviceState.HARDWARE_ERROR:
            out = []  # named precisely below
            if not (self.cutter_error or self.unrecoverable_error):
                out.append(f"{p}.unrecoverable_error")
        if self.cover_open:
            out.append(f"{p}.cover_open")
        if self.cutter_error:
            out.append(f"{p}.cutter_error")
        if self.unrecoverable_error:
            out.append(f"{p}.unrecoverable_error")
        for station, st in self.stations.items():
            if st.paper == PaperLevel.OUT:
                out.append(f"{p}.{station}.paper_out")
            elif st.paper == PaperLevel.LOW:
                out.append(f"{p}.{station}.paper_near_end")
            elif st.paper == PaperLevel.JAMMED:
                out.append(f"{p}.{station}.jammed")
            if st.online is False and station == "journal":
                out.append(f"{p}.journal.offline")
        return out


class IdCardReaderStatus(_DeviceBase):
    kind: Literal["idcard"] = "idcard"
    sam: Literal["ok", "error", "unknown"] = "unknown"
    sam_id: str | None = None
    last_read: Literal["ok", "no_card", "failed", "none"] = "none"

    def _faults(self) -> list[str]:
        out = super()._faults()
        if self.sam == "error":
            out.append(f"{self.name}.sam_error")
        return out


class CameraStatus(_DeviceBase):
    kind: Literal["camera"] = "camera"
    present: bool = False
    obstructed: bool = False

    def _faults(self) -> list[str]:
        out = super()._faults()
        if self.obstructed:
            out.append(f"{self.name}.obstructed")
        return out


class LockerSlot(_Model):
    door: DoorState = DoorState.UNKNOWN
    occupied: bool | None = Field(None, description="item-present sensor, where the board has one")
    open_too_long: bool = False


class LockerBoardStatus(_Model):
    address: int
    responding: bool = True


class LockerStatus(_DeviceBase):
    kind: Literal["locker"] = "locker"
    boards: list[LockerBoardStatus] = Field(default_factory=list)
    slots: dict[str, LockerSlot] = Field(default_factory=dict, description="slot number '01'… → slot")

    def _faults(self) -> list[str]:
        out = [f for f in super()._faults() if not f.endswith(".hardware_error")]
        for board in self.boards:
            if not board.responding:
                out.append(f"{self.name}.board.{board.address:02d}.silent")
        for slot, st in self.slots.items():
            if st.door == DoorState.JAMMED:
                out.append(f"{self.name}.slot.{slot}.jammed")
            if st.open_too_long:
                out.append(f"{self.name}.slot.{slot}.door_open")
        return out


AnyDeviceStatus = Annotated[
    PrinterStatus | IdCardReaderStatus | CameraStatus | LockerStatus, Field(discriminator="kind")
]
_device_adapter: TypeAdapter[AnyDeviceStatus] = TypeAdapter(AnyDeviceStatus)


class HostHealth(_Model):
    """The terminal's own health, measured by the fleet agent."""

    power: Literal["ac", "battery", "ups", "unknown"] = "unknown"
    battery_percent: float | None = None
    network_link: bool | None = None
    gateway_reachable: bool | None = None
    broker_rtt_ms: float | None = None
    backend_reachable: bool | None = None
    disk_free_percent: float | None = None
    disk_read_only: bool = False
    cpu_temp_c: float | None = None
    memory_percent: float | None = None
    uptime_s: float | None = None
    ts: datetime = Field(default_factory=utcnow)

    # Thresholds of the warnings: a chance to act before it becomes a fault.
    DISK_FULL_PERCENT: ClassVar[float] = 2.0
    DISK_FILLING_PERCENT: ClassVar[float] = 10.0
    BATTERY_LOW_PERCENT: ClassVar[float] = 30.0

    def faults(self) -> list[str]:
        out: list[str] = []
        if self.power in ("battery", "ups"):
            out.append("host.power.mains_lost")
            if self.battery_percent is not None and self.battery_percent < self.BATTERY_LOW_PERCENT:
                out.append("host.power.battery_low")
        if self.network_link is False or self.gateway_reachable is False:
            out.append("host.network.down")
        if self.backend_reachable is False:
            out.append("host.backend.unreachable")
        if self.disk_read_only:
            out.append("host.disk.read_only")
        if self.disk_free_percent is not None:
            if self.disk_free_percent < self.DISK_FULL_PERCENT:
                out.append("host.disk.full")
            elif self.disk_free_percent < self.DISK_FILLING_PERCENT:
                out.append("host.disk.filling")
        return sorted(out)


class AppLiveness(_Model):
    """Whether the kiosk app is alive, as the agent sees it over the local channel."""

    state: Literal["running", "frozen", "down", "unknown"] = "unknown"
    last_heartbeat: datetime | None = None
    out_of_service: bool = False

    def faults(self) -> list[str]:
        if self.state == "frozen":
            return ["app.frozen"]
        if self.state == "down":
            return ["app.crashed"]
        return []


class TerminalStatus(_Model):
    """Everything one terminal knows about itself: devices, host, app."""

    devices: list[AnyDeviceStatus] = Field(default_factory=list)
    host: HostHealth = Field(default_factory=HostHealth)
    app: AppLiveness = Field(default_factory=AppLiveness)

    def faults(self) -> list[str]:
        out: list[str] = []
        for d in self.devices:
            out.extend(d.faults())
        out.extend(self.host.faults())
        out.extend(self.app.faults())
        return sorted(set(out))

    def device(self, name: str) -> AnyDeviceStatus | None:
        return next((d for d in self.devices if d.name == name), None)


def status_to_json(status: AnyDeviceStatus) -> str:
    return status.model_dump_json()


def status_from_json(text: str | bytes) -> AnyDeviceStatus:
    """Parse any device status; raises :class:`pydantic.ValidationError` on bad input."""
    return _device_adapter.validate_json(text)
