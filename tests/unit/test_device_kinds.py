"""One descriptor per device kind (drivers/kinds.py): every list of devices is read from it."""

from __future__ import annotations

import dataclasses

import pytest

from drivers import devices, kinds
from drivers.base import driver_class
from drivers.devices import DevicesConfig
from wire.status import DEVICE_CLASSES
from zizhu import diag
from zizhu.cli import SIMULATORS


def test_every_list_of_devices_is_the_descriptors() -> None:
    assert kinds.NAMES == ("printer", "idcard", "locker", "camera", "a4printer")
    assert tuple(DevicesConfig.__struct_fields__) == kinds.NAMES
    assert {k.name: k.status for k in kinds.KINDS} == DEVICE_CLASSES
    assert tuple(SIMULATORS) == kinds.NAMES and all(SIMULATORS[k.name][0] == k.simulator for k in kinds.KINDS)
    assert diag.KINDS == kinds.NAMES and diag.KIND_LABEL["printer"].startswith("凭条打印机")
    assert driver_class("printer").__name__ == "ReceiptPrinter"
    with pytest.raises(ValueError, match="known: printer, idcard, locker, camera, a4printer"):
        driver_class("scanner")


def test_a_kind_without_its_config_field_or_status_class_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    scanner = dataclasses.replace(kinds.KINDS[0], name="scanner")
    monkeypatch.setattr(kinds, "KINDS", (*kinds.KINDS, scanner))
    with pytest.raises(RuntimeError, match="DevicesConfig's fields"):
        devices._check_kinds()
    with pytest.raises(RuntimeError, match="disagree on the device kinds"):
        kinds._check_status_model()
