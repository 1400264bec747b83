"""Before a flow starts, whether it can finish: which devices are usable, and why not.

Pure: it reads the newest device snapshot (the poller's), the hall's outage notice and the agent's
out-of-service flag. Reasons are codes (``printer_paper_out`` …) that the screens turn into words
in the citizen's language (kiosk/qml/Zizhu/Texts.qml); nothing here is shown as it is.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from wire.status import A4PrinterStatus, AnyDeviceStatus, CameraStatus, DeviceState, PaperLevel, PrinterStatus

USABLE = frozenset({DeviceState.ONLINE, DeviceState.BUSY})

# The services of the home screen and the devices each cannot do without. A slip is optional for
# the guide and progress (a QR code instead), so the printer is not among their needs.
SERVICE_NEEDS: dict[str, tuple[str, ...]] = {
    "identity": ("idcard",),
    "guide": (),
    "progress": (),
    "pickup": ("locker", "idcard"),  # 智能文件柜 取件 (kiosk/flows_locker.py): the card says who collects
    "deposit": ("locker",),  # 材料存放: the case may be chosen by its number
    "photo": ("camera",),  # 证件照 (kiosk/flows_photo.py)
    "a4": ("a4printer",),  # 自助打表, 证明打印 (kiosk/flows_a4.py); a certificate also needs the card
    "capture": ("camera",),  # 材料提交 with the document camera (kiosk/flows_capture.py)
    "appointment": ("idcard",),  # 延时服务预约 (kiosk/flows_appointment.py): bookings are the card's
}


def device_reason(status: AnyDeviceStatus | None, kind: str) -> str | None:
    """None when the device is usable; else a reason code ``{kind}_{why}``."""
    if status is None:
        return f"{kind}_missing"
    if isinstance(status, CameraStatus) and status.obstructed:
        return "camera_covered"  # a hand or a sticker: the home screen says so, not "fault"
    if isinstance(status, A4PrinterStatus):
        return _a4_reason(status)
    if status.state in USABLE:
        if isinstance(status, PrinterStatus):
            receipt = status.stations.get("receipt")
            if receipt is not None and receipt.paper is PaperLevel.OUT:
                return "printer_paper_out"
        return None
    if isinstance(status, PrinterStatus):
        receipt = status.stations.get("receipt")
        if receipt is not None and receipt.paper is PaperLevel.OUT:
            return "printer_paper_out"
        if status.cover_open:
            return "printer_cover_open"
    from wire.status import LockerStatus  # the locker's own rule

    partly = status.state in (DeviceState.HARDWARE_ERROR, DeviceState.USER_ERROR)
    if isinstance(status, LockerStatus) and partly and any(b.responding for b in status.boards):
        return None  # a jammed slot, a door left open, one silent board: that slot's, and its flow says so
    if status.state in (DeviceState.OFFLINE, DeviceState.NO_DEVICE, DeviceState.POWER_OFF):
        return f"{kind}_offline"
    return f"{kind}_fault"


def _a4_reason(status: A4PrinterStatus) -> str | None:
    """The A4 printer's own words: what CUPS says of its queue and the printer (drivers/a4printer)."""
    if status.state == DeviceState.NO_DEVICE:
        return "a4printer_missing"  # the queue is not there: the printer is not installed
    if status.state in (DeviceState.OFFLINE, DeviceState.POWER_OFF):
        return "a4printer_offline"
    if status.queue == "stopped" or status.accepting is False:
        return "a4printer_stopped"
    if status.paper is PaperLevel.OUT:
        return "a4printer_paper_out"
    if status.state in USABLE:
        return None
    return "a4printer_fault"


@dataclass
class Availability:
    devices: dict[str, AnyDeviceStatus] = field(default_factory=dict)  # by kind
    configured: frozenset[str] = frozenset()
    notice: dict[str, Any] | None = None  # the hall's public outage notice
    out_of_service: bool = False  # the agent's command

    def update(self, statuses: Iterable[AnyDeviceStatus]) -> None:
        for s in statuses:
            self.devices[s.kind] = s

    def device(self, kind: str) -> str | None:
        """None when ``kind`` can be used now; else why not."""
        if kind not in self.configured:
            return f"{kind}_missing"
        status = self.devices.get(kind)
        if status is None:
            return None  # configured, not polled yet: try it (a call that fails says why)
        return device_reason(status, kind)

    def service(self, name: str) -> str | None:
        """None when the home screen may offer ``name``; else the reason it is greyed."""
        for kind in SERVICE_NEEDS[name]:
            why = self.device(kind)
            if why is not None:
                return why
        return None

    @property
    def closed(self) -> str | None:
        """Why the whole terminal is closed to citizens (a full screen), or None."""
        if self.out_of_service:
            return "out_of_service"
        if self.notice:
            return "notice"
        return None

    def view(self) -> dict[str, Any]:
        return {
            "services": {name: self.service(name) or "" for name in SERVICE_NEEDS},
            "printer": self.device("printer") or "",
            "idcard": self.device("idcard") or "",
            "closed": self.closed or "",
            "noticeTitle": (self.notice or {}).get("title", ""),
            "noticeMessage": (self.notice or {}).get("message", ""),
        }
