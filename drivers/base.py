"""What every device driver is: one small abstract class, typed errors, a registry by config name.

After python-can's ``BusABC``: callers know from the error's type whether to retry (timeout),
tell the citizen (user error), or call a technician (hardware). Every call that touches a device
has a timeout; none may block past it.
"""

from __future__ import annotations

import importlib
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any, Self

from wire.status import AnyDeviceStatus, to_builtins


class DeviceError(Exception):
    """Base of every driver error. ``reason`` is for people (Chinese first), ``str()`` for logs."""

    def __init__(self, message: str, reason: str | None = None) -> None:
        super().__init__(message)
        self.reason = reason or message


class DeviceTimeout(DeviceError):
    """The device did not answer in time. Retrying may help."""


class DeviceOffline(DeviceError):
    """The device or its link is not there (refused, reset, unplugged)."""


class DeviceProtocolError(DeviceError):
    """The device answered something the protocol does not allow (garbage, bad checksum)."""


class DeviceUserError(DeviceError):
    """The citizen can fix it (put the card on the reader, face the camera)."""


class DeviceHardwareError(DeviceError):
    """Needs a person: paper out, cover open, jammed, SAM failure."""


@dataclass
class SelfTestResult:
    """One device's self-test, as `zizhu diag` and the hall's remote command report it."""

    device: str
    ok: bool
    summary: str
    details: dict[str, Any] = field(default_factory=dict)
    status: AnyDeviceStatus | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "device": self.device,
            "ok": self.ok,
            "summary": self.summary,
            "details": self.details,
            "status": None if self.status is None else to_builtins(self.status),
        }


class Device(ABC):
    """A device on a terminal. Context manager: ``with make_device(...) as dev: dev.status()``."""

    name: str

    @abstractmethod
    def open(self) -> None:
        """Open the link. Raises :class:`DeviceOffline` or :class:`DeviceTimeout`."""

    @abstractmethod
    def close(self) -> None:
        """Release the link; never raises."""

    @abstractmethod
    def status(self) -> AnyDeviceStatus:
        """Poll the device once, within its timeout. Never raises: a failure is a status."""

    @abstractmethod
    def self_test(self) -> SelfTestResult:
        """The technician's self-test of this device. Never raises: a failure is a result."""

    def __enter__(self) -> Self:
        self.open()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()


def driver_class(kind: str) -> type[Device]:
    """The driver of a device kind (:mod:`drivers.kinds`), imported now: OpenCV only with a camera."""
    from drivers.kinds import BY_NAME, NAMES

    try:
        target = BY_NAME[kind].driver
    except KeyError:
        raise ValueError(f"no driver for device kind {kind!r}; known: {', '.join(NAMES)}") from None
    module_name, _, cls_name = target.partition(":")
    cls: type[Device] = getattr(importlib.import_module(module_name), cls_name)
    return cls


def make_device(kind: str, config: Any, name: str | None = None) -> Device:
    """Build the driver for a device section of the terminal config (``[devices.printer]``)."""
    cls = driver_class(kind)
    return cls(config, name=name or kind)  # type: ignore[call-arg]
