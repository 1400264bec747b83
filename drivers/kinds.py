"""One descriptor per device kind: everything that knows the list of devices reads it from here.

The driver registry (:func:`drivers.base.driver_class`), ``zizhu diag`` (order and labels),
``zizhu sim`` (the simulators), the ``[devices]`` table (:class:`drivers.devices.DevicesConfig`,
checked against this list when imported) and the status model (each kind's status class, whose
``kind`` tag is the descriptor's name). Adding a device is one package under ``drivers/`` and one
entry here (plus its typed field in ``DevicesConfig`` and its status class in :mod:`wire.status`,
which the checks below name if missing).

Drivers and simulators are named as ``module:Class`` / ``module`` and imported only when used, so
a terminal without a camera never loads OpenCV and ``zizhu sim printer`` loads no Qt.
"""

from __future__ import annotations

from dataclasses import dataclass

from drivers.a4printer.config import A4PrinterConfig
from drivers.camera.config import CameraConfig
from drivers.idcard.config import IdCardConfig
from drivers.locker.config import LockerConfig
from drivers.printer.config import PrinterConfig
from ground.configbase import Section
from wire.status import (
    DEVICE_CLASSES,
    A4PrinterStatus,
    AnyDeviceStatus,
    CameraStatus,
    IdCardReaderStatus,
    LockerStatus,
    PrinterStatus,
)


@dataclass(frozen=True)
class DeviceKind:
    name: str  # the [devices.NAME] section, the status's kind tag, the fault codes' first segment
    label: str  # for technicians: Chinese first
    config: type[Section]
    status: type[AnyDeviceStatus]
    driver: str  # "module:Class", imported when a device of this kind is made
    simulator: str  # the module `zizhu sim NAME` runs
    simulator_help: str
    # Opened through its /dev/zizhu/NAME node (udev/99-zizhu.rules names it). The A4 printer is not:
    # CUPS owns the device and the driver addresses its queue.
    udev: bool = True


# In the order a technician walks the terminal.
KINDS: tuple[DeviceKind, ...] = (
    DeviceKind("printer", "凭条打印机 receipt printer", PrinterConfig, PrinterStatus,
               "drivers.printer.driver:ReceiptPrinter", "drivers.printer.sim",
               "ESC/POS receipt printer on TCP or a pseudo-terminal"),
    DeviceKind("idcard", "身份证阅读器 ID card reader", IdCardConfig, IdCardReaderStatus,
               "drivers.idcard.driver:IdCardReader", "drivers.idcard.sim",
               "GA 467 ID card reader on a pseudo-terminal"),
    DeviceKind("locker", "智能文件柜 document locker", LockerConfig, LockerStatus,
               "drivers.locker.driver:Locker", "drivers.locker.sim",
               "RS-485 document locker boards on a pseudo-terminal"),
    DeviceKind("camera", "证件照摄像头 ID-photo camera", CameraConfig, CameraStatus,
               "drivers.camera.driver:Camera", "drivers.camera.sim", "scripted camera image source"),
    DeviceKind("a4printer", "A4打印机 A4 printer (CUPS)", A4PrinterConfig, A4PrinterStatus,
               "drivers.a4printer.driver:A4Printer", "drivers.a4printer.sim",
               "a private CUPS server with a simulated A4 printer queue", udev=False),
)
BY_NAME: dict[str, DeviceKind] = {k.name: k for k in KINDS}
NAMES: tuple[str, ...] = tuple(BY_NAME)


def _check_status_model() -> None:
    tags = {k.name: k.status for k in KINDS}
    if tags != DEVICE_CLASSES:
        raise RuntimeError(f"drivers.kinds and wire.status disagree on the device kinds: {sorted(tags)} "
                           f"vs {sorted(DEVICE_CLASSES)} (each kind needs its status class, tagged with its name)")


_check_status_model()
