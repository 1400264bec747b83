"""One device's self-test with every way a driver can fail turned into a failed result (设备自检).

The one piece both ``zizhu diag`` (:mod:`zizhu.diag`, which builds the driver itself) and the
kiosk's maintenance screen (:mod:`kiosk.flows_maintenance`, on the device the app's poller owns)
run: ``guarded(name, steps)`` calls ``steps()`` — open and ``self_test()``, or ``self_test()`` of an
open device — and answers a :class:`SelfTestResult` whatever happens.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from drivers.base import Device, DeviceError, SelfTestResult

log = logging.getLogger("zizhu.diag")


def failure(name: str, reason: str, **details: Any) -> SelfTestResult:
    return SelfTestResult(device=name, ok=False, summary=reason, details=details)


def open_and_test(dev: Device, name: str) -> SelfTestResult:
    """Open ``dev`` and self-test it; a device that cannot be opened fails with its reason (and status)."""
    try:
        dev.open()
    except DeviceError as exc:
        result = failure(name, exc.reason, error=type(exc).__name__, message=str(exc))
        try:
            result.status = dev.status()
        except Exception:  # the status is a bonus here; the open failure is the finding
            log.debug("diag: status of %s after a failed open also failed", name, exc_info=True)
        return result
    return dev.self_test()


def guarded(name: str, steps: Callable[[], SelfTestResult]) -> SelfTestResult:
    """``steps()``, a driver error or crash made a failed result (never raised)."""
    try:
        return steps()
    except DeviceError as exc:
        return failure(name, exc.reason, error=type(exc).__name__, message=str(exc))
    except Exception as exc:
        log.warning("diag: %s self-test raised %r", name, exc, exc_info=log.isEnabledFor(logging.DEBUG))
        return failure(name, f"自检异常 self-test crashed: {exc!r}", error=type(exc).__name__)


def self_test_open(dev: Device, name: str) -> SelfTestResult:
    """The self-test of a device already open (the kiosk's poller owns it): the same guard as diag's."""
    return guarded(name, dev.self_test)
