"""The device status model — the single definition the kiosk, the fleet agent and the hall server use.

After XFS4IoT's ``Common.Status``: every device reports a :class:`DeviceState` plus fields of its
class. Each status knows the dotted fault codes it implies (``printer.receipt.paper_out``,
``locker.slot.07.jammed``); which tier a code belongs to is the hall server's fault table, not
this module's business. Everything round-trips through JSON (:func:`status_from_json`).

The classes are msgspec Structs: decoding a terminal's snapshot is the hall server's hottest path
and the fleet agent has a memory budget, and msgspec is several times faster and smaller than the
alternatives. Structs do not check their fields when built in Python; JSON is checked when it is
decoded (:func:`status_from_json`, :func:`validate`), and the contract checks every payload on the
way out by decoding what it encoded.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Annotated, Any, ClassVar, Literal, TypeVar

import msgspec
from msgspec import Meta, Struct, field

from ground.clock import utcnow

StatusError = msgspec.DecodeError  # what decoding raises: malformed JSON or out of the model (ValidationError)


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


# A device's name and a locker slot's key become parts of dotted fault codes
# (``locker.slot.07.jammed``): only what a fault code may hold is accepted, where a status enters.
DeviceName = Annotated[str, Meta(pattern=r"^[a-z][a-z0-9_]{0,63}\Z", description=(
    "device name in the terminal config (printer, idcard, …): lower-case a-z, digits, '_'"))]
SlotKey = Annotated[str, Meta(pattern=r"^[a-z0-9_]{1,16}\Z", description="slot number '01', …: a-z, digits, '_'")]


class _Model(Struct, frozen=True, forbid_unknown_fields=True, kw_only=True, gc=False):
    """Frozen, strict about unknown keys, and untracked by the cyclic GC (a status holds no cycles)."""


_STATE_FAULTS: dict[str, str] = {
    DeviceState.NO_DEVICE: "missing", DeviceState.OFFLINE: "offline", DeviceState.POWER_OFF: "offline",
    DeviceState.HARDWARE_ERROR: "hardware_error",
}
_PAPER_FAULTS: dict[str, str] = {PaperLevel.OUT: "paper_out", PaperLevel.LOW: "paper_near_end",
                                 PaperLevel.JAMMED: "jammed"}
_HARDWARE_ERROR = DeviceState.HARDWARE_ERROR
_DOOR_JAMMED = DoorState.JAMMED


class _DeviceBase(_Model, frozen=True, tag_field="kind"):
    """``kind`` on the wire (``"printer"``, …) selects the class: the subclasses' ``tag``."""

    name: DeviceName
    state: DeviceState = DeviceState.UNKNOWN
    reason: Annotated[str, Meta(max_length=500,
                                description="why the device is not online, for people (Chinese first)")] = ""
    ts: datetime = field(default_factory=utcnow)

    @property
    def kind(self) -> str:
        tag = self.__struct_config__.tag
        assert isinstance(tag, str)
        return tag

    def faults(self) -> list[str]:
        """Dotted fault codes this status implies, sorted; empty when all is well."""
        return sorted(set(self._faults()))

    def _faults(self) -> list[str]:
        """Unsorted, may repeat. Runs on every snapshot the hall receives: kept to lookups and tests."""
        suffix = _STATE_FAULTS.get(self.state)
        return [f"{self.name}.{suffix}"] if suffix else []


class PrinterStation(_Model, frozen=True):
    """One paper station: receipt paper (凭条纸) or journal paper (流水纸)."""

    paper: PaperLevel = PaperLevel.UNKNOWN
    online: bool | None = None


class PrinterStatus(_DeviceBase, tag="printer", frozen=True):
    stations: dict[Literal["receipt", "journal"], PrinterStation] = {}
    cover_open: bool | None = None
    cutter_error: bool = False
    unrecoverable_error: bool = False
    recoverable_error: bool = False

    def _faults(self) -> list[str]:
        p = self.name
        if self.state == _HARDWARE_ERROR:
            out = [] if self.cutter_error or self.unrecoverable_error else [f"{p}.unrecoverable_error"]
        else:
            out = super()._faults()
        if self.cover_open:
            out.append(f"{p}.cover_open")
        if self.cutter_error:
            out.append(f"{p}.cutter_error")
        if self.unrecoverable_error:
            out.append(f"{p}.unrecoverable_error")
        for station, st in self.stations.items():
            paper = _PAPER_FAULTS.get(st.paper)
            if paper:
                out.append(f"{p}.{station}.{paper}")
            if st.online is False and station == "journal":
                out.append(f"{p}.journal.offline")
        return out


class IdCardReaderStatus(_DeviceBase, tag="idcard", frozen=True):
    sam: Literal["ok", "error", "unknown"] = "unknown"
    sam_id: str | None = None
    last_read: Literal["ok", "no_card", "failed", "none"] = "none"

    def _faults(self) -> list[str]:
        out = super()._faults()
        if self.sam == "error":
            out.append(f"{self.name}.sam_error")
        return out


class CameraStatus(_DeviceBase, tag="camera", frozen=True):
    present: bool = False
    obstructed: bool = False

    def _faults(self) -> list[str]:
        out = super()._faults()
        if self.obstructed:
            out.append(f"{self.name}.obstructed")
        return out


CupsReason = Annotated[str, Meta(pattern=r"^[a-z0-9][a-z0-9-]{0,62}\Z",
                                  description="a CUPS printer-state-reasons keyword (media-empty-error …)")]
_A4_PAPER_FAULTS: dict[str, str] = {PaperLevel.OUT: "paper_out", PaperLevel.LOW: "paper_near_end",
                                    PaperLevel.JAMMED: "jammed"}


class A4PrinterStatus(_DeviceBase, tag="a4printer", frozen=True):
    """The A4 printer behind a CUPS queue (drivers/a4printer): the queue's state and what the
    printer last told CUPS. ``state`` is ``offline`` when CUPS cannot be reached or the printer
    reports itself offline, ``no_device`` when the queue is not there, ``hardware_error`` for a
    stopped queue (CUPS stops one whose backend failed; someone must look), ``user_error`` for
    what the hall administrator fixes (paper, jam, cover, toner)."""

    queue: Literal["idle", "printing", "stopped", "unknown"] = "unknown"
    accepting: Annotated[bool | None, Meta(description="the queue takes new jobs (cupsaccept / cupsreject)")] = None
    paper: PaperLevel = PaperLevel.UNKNOWN
    cover_open: bool = False
    toner: Literal["ok", "low", "out", "unknown"] = "unknown"
    printer_offline: Annotated[bool, Meta(description="the printer itself said offline (offline-report)")] = False
    jobs: Annotated[int, Meta(ge=0, description="jobs waiting or printing in the queue")] = 0
    reasons: Annotated[list[CupsReason], Meta(max_length=32, description="CUPS printer-state-reasons as given")] = []

    def _faults(self) -> list[str]:
        p = self.name
        out: list[str] = []
        if self.state == DeviceState.NO_DEVICE:
            out.append(f"{p}.missing")
        elif self.state in (DeviceState.OFFLINE, DeviceState.POWER_OFF) or self.printer_offline:
            out.append(f"{p}.offline")
        if self.queue == "stopped" or self.accepting is False:
            out.append(f"{p}.stopped")
        paper = _A4_PAPER_FAULTS.get(self.paper)
        if paper:
            out.append(f"{p}.{paper}")
        if self.cover_open:
            out.append(f"{p}.cover_open")
        if self.toner == "out":
            out.append(f"{p}.toner_out")
        elif self.toner == "low":
            out.append(f"{p}.toner_low")
        if self.state == _HARDWARE_ERROR and not out:
            out.append(f"{p}.hardware_error")
        return out


class LockerSlot(_Model, frozen=True):
    door: DoorState = DoorState.UNKNOWN
    occupied: Annotated[bool | None, Meta(description="item-present sensor, where the board has one")] = None
    open_too_long: bool = False


class LockerBoardStatus(_Model, frozen=True):
    address: Annotated[int, Meta(ge=0, le=255)]
    responding: bool = True


class LockerStatus(_DeviceBase, tag="locker", frozen=True):
    boards: list[LockerBoardStatus] = []
    slots: Annotated[dict[SlotKey, LockerSlot], Meta(description="slot number '01'… → slot")] = {}

    def _faults(self) -> list[str]:
        out = [f for f in super()._faults() if not f.endswith(".hardware_error")]
        for board in self.boards:
            if not board.responding:
                out.append(f"{self.name}.board.{board.address:02d}.silent")
        for slot, st in self.slots.items():
            if st.door == _DOOR_JAMMED:
                out.append(f"{self.name}.slot.{slot}.jammed")
            if st.open_too_long:
                out.append(f"{self.name}.slot.{slot}.door_open")
        return out


AnyDeviceStatus = PrinterStatus | IdCardReaderStatus | CameraStatus | LockerStatus | A4PrinterStatus
DEVICE_CLASSES: dict[str, type[AnyDeviceStatus]] = {
    c.__struct_config__.tag: c  # type: ignore[misc]
    for c in (PrinterStatus, IdCardReaderStatus, CameraStatus, LockerStatus, A4PrinterStatus)
}
_device_decoder: msgspec.json.Decoder[AnyDeviceStatus] = msgspec.json.Decoder(AnyDeviceStatus)


class HostHealth(_Model, frozen=True):
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
    ts: datetime = field(default_factory=utcnow)

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


class AppLiveness(_Model, frozen=True):
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


class TerminalStatus(_Model, frozen=True):
    """Everything one terminal knows about itself: devices, host, app."""

    devices: Annotated[list[AnyDeviceStatus], Meta(max_length=64)] = []
    host: HostHealth = field(default_factory=HostHealth)
    app: AppLiveness = field(default_factory=AppLiveness)

    def faults(self) -> list[str]:
        """Every fault code the terminal's status implies, sorted, each once."""
        out: list[str] = []
        for d in self.devices:
            out += d._faults()
        out += self.host.faults()
        out += self.app.faults()
        return sorted(set(out)) if out else out

    def device(self, name: str) -> AnyDeviceStatus | None:
        return next((d for d in self.devices if d.name == name), None)


_encoder = msgspec.json.Encoder()


def to_json(obj: Struct) -> bytes:
    """Any model of this module (or the contract's) as compact JSON, UTF-8."""
    return _encoder.encode(obj)


def to_builtins(obj: Any) -> Any:
    """Plain JSON-able data (dicts, lists, strings for times and enums), e.g. for an API response."""
    return msgspec.to_builtins(obj)


def status_to_json(status: AnyDeviceStatus) -> str:
    return _encoder.encode(status).decode()


def status_from_json(text: str | bytes) -> AnyDeviceStatus:
    """Parse any device status; raises :data:`StatusError` on bad input."""
    return _device_decoder.decode(text)


S = TypeVar("S", bound=Struct)


def validate(obj: S) -> S:
    """``obj`` checked against its own class's constraints (Structs built in Python are not)."""
    return msgspec.json.decode(_encoder.encode(obj), type=type(obj))


def replace(obj: S, **changes: Any) -> S:
    """A copy of a frozen model with some fields changed."""
    return msgspec.structs.replace(obj, **changes)
