"""The terminal's device poller: one worker thread owns every device.

A status poll never runs at the same time as a self-test on the same port, and no device call
ever runs on a UI thread. The kiosk app (:mod:`kiosk`) owns its devices through this class; the
fleet agent's headless device host (:mod:`fleet_agent.devicehost`) runs the same code where no app
is there. Device jobs (print a slip, read a card) are submitted as callables and come back as
futures; every driver call inside them is bounded by the driver's own timeout.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any, TypeVar

from drivers.base import Device, DeviceError, DeviceOffline, SelfTestResult, make_device
from ground.supervise import Supervised
from terminal.config import TerminalConfig
from wire import local
from wire.status import DEVICE_CLASSES, AnyDeviceStatus, DeviceState

log = logging.getLogger("zizhu.devicehost")

T = TypeVar("T")


def devices_from_config(cfg: TerminalConfig) -> list[tuple[str, Device]]:
    """``(kind, driver)`` for every ``[devices.*]`` section of the terminal config."""
    out: list[tuple[str, Device]] = []
    for kind in cfg.devices.__struct_fields__:
        section = getattr(cfg.devices, kind)
        if section is not None:
            out.append((kind, make_device(kind, section)))
    return out


@dataclass
class _Slot:
    kind: str
    device: Device
    opened: bool = False
    failing: str | None = None  # the open error being reported, logged once per outage
    last: AnyDeviceStatus | None = field(default=None)

    def cannot_open(self) -> str:
        """The reason of a device that cannot be opened (status and self-test say it alike)."""
        return f"设备无法连接 (cannot open): {self.failing}"


class DevicePoller:
    """Polls every device every ``poll_s`` on one worker thread; runs device jobs between polls."""

    def __init__(self, devices: Sequence[tuple[str, Device]], poll_s: float,
                 on_snapshot: Callable[[list[AnyDeviceStatus]], Any]) -> None:
        self.slots = {dev.name: _Slot(kind, dev) for kind, dev in devices}
        self.poll_s = poll_s
        self.on_snapshot = on_snapshot
        self._jobs: queue.Queue[tuple[Callable[[], Any], Future[Any]] | None] = queue.Queue()
        self._stop = threading.Event()
        self._thread: Supervised | None = None

    def start(self) -> None:
        self._thread = Supervised("zizhu-device-poller", self._run, self._stop, logger=log).start()

    def stop(self) -> None:
        self._stop.set()
        self._jobs.put(None)
        if self._thread is not None:
            self._thread.join(10)

    def submit(self, fn: Callable[[], T]) -> Future[T]:
        """Run ``fn`` on the device thread (between polls); its result or error in the future."""
        fut: Future[T] = Future()
        self._jobs.put((fn, fut))
        return fut

    def snapshot(self) -> list[AnyDeviceStatus]:
        return [s.last for s in self.slots.values() if s.last is not None]

    # -- the worker thread -----------------------------------------------------------------
    def _ensure_open(self, slot: _Slot) -> bool:
        if slot.opened:
            return True
        try:
            slot.device.open()
        except DeviceError as exc:
            if slot.failing != str(exc):  # a device that is away is reported once, not every poll
                log.warning("device %s cannot be opened: %s", slot.device.name, exc)
                slot.failing = str(exc)
            return False
        except Exception as exc:
            if slot.failing != repr(exc):
                log.exception("device %s: driver failed to open", slot.device.name)
                slot.failing = repr(exc)
            return False
        if slot.failing is not None:
            log.info("device %s is back", slot.device.name)
        slot.opened, slot.failing = True, None
        return True

    def _poll_one(self, slot: _Slot) -> AnyDeviceStatus:
        name = slot.device.name
        if self._ensure_open(slot):
            try:
                return slot.device.status()
            except Exception as exc:  # status() must not raise; if a driver does, it is offline to us
                log.exception("device %s: status() raised", name)
                reason = f"驱动程序错误 (driver error): {exc}"
        else:
            reason = slot.cannot_open()
        return DEVICE_CLASSES[slot.kind](name=name, state=DeviceState.OFFLINE, reason=reason[:300])

    def poll_once(self) -> list[AnyDeviceStatus]:
        for slot in self.slots.values():
            slot.last = self._poll_one(slot)
        snap = self.snapshot()
        self.on_snapshot(snap)
        return snap

    def _run(self) -> None:
        self.poll_once()
        while not self._stop.is_set():
            try:
                job = self._jobs.get(timeout=self.poll_s)
            except queue.Empty:
                self.poll_once()
                continue
            if job is None:
                break
            fn, fut = job
            if fut.set_running_or_notify_cancel():
                try:
                    fut.set_result(fn())
                except BaseException as exc:
                    fut.set_exception(exc)
            self.poll_once()  # a job may have changed the device (paper used, door opened)
        for slot in self.slots.values():
            if slot.opened:
                slot.device.close()
                slot.opened = False

    # -- device jobs -----------------------------------------------------------------------
    def call(self, name: str, fn: Callable[[Device], T]) -> Future[T]:
        """Run ``fn(device)`` on the device thread, opening the device first if needed; a device
        that cannot be opened fails the future with :class:`DeviceOffline` and its reason."""
        slot = self.slots[name]

        def job() -> T:
            if not self._ensure_open(slot):
                raise DeviceOffline(f"device {name} cannot be opened: {slot.failing}", slot.cannot_open())
            return fn(slot.device)

        return self.submit(job)

    def by_kind(self, kind: str) -> str | None:
        """The name of the (first) device of ``kind``, or None."""
        return next((name for name, slot in self.slots.items() if slot.kind == kind), None)

    def self_test(self, name: str) -> Future[SelfTestResult]:
        slot = self.slots[name]

        def job() -> SelfTestResult:
            if not self._ensure_open(slot):
                return SelfTestResult(name, False, slot.cannot_open())
            return slot.device.self_test()

        return self.submit(job)

    def print_test_page(self, name: str) -> Future[SelfTestResult]:
        slot = self.slots[name]

        def job() -> SelfTestResult:
            fn = getattr(slot.device, "print_test_page", None)
            if fn is None and slot.kind == "printer":
                fn = slot.device.self_test  # the receipt printer's self-test is its test page
            if fn is None:
                return SelfTestResult(name, False, f"设备 {name} 不能打印测试页 (this device cannot print a test page)")
            if not self._ensure_open(slot):
                return SelfTestResult(name, False, slot.cannot_open())
            out = fn()
            if isinstance(out, SelfTestResult):
                return out
            return SelfTestResult(name, True, "测试页已打印 (test page printed)")

        return self.submit(job)


def answer_device_command(poller: DevicePoller, cmd: local.Command,
                          reply: Callable[[str, bool, str, dict[str, Any] | None], Any]) -> bool:
    """Run a hall command that is a device job (``self_test``, ``print_test_page``) and answer it
    through ``reply(id, ok, detail, data)`` when done. False when ``cmd`` is not a device job."""
    if cmd.action not in ("self_test", "print_test_page"):
        return False
    if cmd.device not in poller.slots:
        reply(cmd.id, False, f"设备 {cmd.device} 未配置 (no such device here)", None)
        return True
    run = poller.self_test if cmd.action == "self_test" else poller.print_test_page
    fut = run(cmd.device)

    def done(f: Future[SelfTestResult]) -> None:
        try:
            r = f.result()
            reply(cmd.id, r.ok, r.summary, r.to_dict())
        except Exception as exc:
            reply(cmd.id, False, f"执行失败 (failed): {exc}", None)

    fut.add_done_callback(done)
    return True
