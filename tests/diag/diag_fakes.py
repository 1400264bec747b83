"""Test-only devices for `zizhu diag`: each fails (or not) in one way a real driver could."""

from __future__ import annotations

import threading
from typing import Any, ClassVar

from drivers.base import Device, DeviceOffline, SelfTestResult
from wire.status import DeviceState, PrinterStatus


class FakeDevice(Device):
    built: ClassVar[list[str]] = []  # every construction, so a test can prove nothing was touched
    closed: ClassVar[list[str]] = []

    def __init__(self, config: Any, name: str = "fake") -> None:
        self.config = config
        self.name = name
        FakeDevice.built.append(name)

    def open(self) -> None:
        pass

    def close(self) -> None:
        FakeDevice.closed.append(self.name)

    def status(self) -> PrinterStatus:
        return PrinterStatus(name=self.name, state=DeviceState.ONLINE)

    def self_test(self) -> SelfTestResult:
        return SelfTestResult(self.name, True, "测试页已打印 test page printed", {"pages": 1}, self.status())


class OpenFails(FakeDevice):
    def open(self) -> None:
        raise DeviceOffline("connect to 127.0.0.1:9100 refused", "打印机未连接")

    def status(self) -> PrinterStatus:
        return PrinterStatus(name=self.name, state=DeviceState.OFFLINE, reason="打印机未连接")


class Crashes(FakeDevice):
    def self_test(self) -> SelfTestResult:
        raise RuntimeError("driver bug")


class Hangs(FakeDevice):
    release: ClassVar[threading.Event] = threading.Event()

    def self_test(self) -> SelfTestResult:
        Hangs.release.wait(60)
        return super().self_test()


class EchoesACard(FakeDevice):
    def self_test(self) -> SelfTestResult:
        return SelfTestResult(self.name, True, "读卡成功 110101199003071234", {"id_number": "110101199003071234"})


class CannotBuild(FakeDevice):
    def __init__(self, config: Any, name: str = "fake") -> None:
        raise ImportError("libwlt2bmp.so: cannot open shared object file")
