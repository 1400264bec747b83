"""Fixtures for the printer tests: the simulator on real TCP or a real pty, the driver configured for it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from drivers.printer.config import PrinterConfig
from drivers.printer.driver import ReceiptPrinter
from drivers.printer.simmodel import PrinterModel
from drivers.printer.simserver import PrinterSimulator

SLIP_DATA: dict[str, Any] = {
    "hall_name": "鄂尔多斯市东胜区政务服务中心",
    "matter": "城乡居民基本医疗保险参保登记",
    "applicant": "张三丰",
    "case_no": "DS20261122-0042",
    "date": "2026年11月22日",
    "legal_basis": "《中华人民共和国社会保险法》第二十五条；《内蒙古自治区城乡居民基本医疗保险办法》。",
    "time_limit": "即时办结（材料齐全、符合法定形式的，当场办理）。",
    "procedure": "申请 → 受理 → 审核 → 办结。可在本自助终端提交申请。",
    "materials": [
        {"name": "居民身份证", "format": "原件", "copies": 1, "issuer": "公安机关"},
        {"name": "户口簿", "format": "原件及复印件", "copies": 1, "issuer": "公安机关"},
    ],
    "fees": "不收费。工本费：¥0.00",
    "missing": [{"name": "户口簿复印件", "problem": "缺少户主页"}],
    "guide_url": "https://zwfw.example.gov.cn/guide/150602-0042",
    "hall_phone": "0477-8581234",
}


@dataclass
class Rig:
    """A simulator and a driver configured for it."""

    sim: PrinterSimulator
    transport: str

    @property
    def model(self) -> PrinterModel:
        return self.sim.model

    def config(self, **overrides: Any) -> PrinterConfig:
        if self.transport == "tcp":
            conn: dict[str, Any] = {"connector": "network", "host": "127.0.0.1", "port": self.sim.port}
        else:
            conn = {"connector": "serial", "device": self.sim.pty_path, "baudrate": 115200}
        doc: dict[str, Any] = {"connection": conn, "timeout_s": 5.0, "status_timeout_s": 2.0}
        doc.update(overrides)
        return PrinterConfig.from_data(doc)

    def printer(self, **overrides: Any) -> ReceiptPrinter:
        return ReceiptPrinter(self.config(**overrides), name="printer")


@pytest.fixture(params=["tcp", "pty"])
def rig(request: pytest.FixtureRequest) -> Iterator[Rig]:
    sim = PrinterSimulator(PrinterModel(), serial=request.param == "pty")
    sim.start()
    try:
        yield Rig(sim, request.param)
    finally:
        sim.stop()


@pytest.fixture
def tcp_rig() -> Iterator[Rig]:
    sim = PrinterSimulator(PrinterModel())
    sim.start()
    try:
        yield Rig(sim, "tcp")
    finally:
        sim.stop()


@pytest.fixture
def slip_data() -> dict[str, Any]:
    return {k: (list(v) if isinstance(v, list) else v) for k, v in SLIP_DATA.items()}


