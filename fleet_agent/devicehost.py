"""The headless device host: a terminal's devices without the kiosk app.

For the demo's simulated terminals, a test rig or a technician's bench with the app stopped:
opens the configured drivers (:func:`drivers.base.make_device`), polls their status on its own
thread and feeds the agent's local channel exactly as the kiosk does (:class:`AgentClient`), and
runs the self-tests and test pages the hall's commands ask for.

:class:`DevicePoller` is the part the kiosk reuses in-process: one worker thread owns every
device, so a status poll never runs at the same time as a self-test on the same port, and no
device call ever runs on a UI thread.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any, TypeVar

from drivers.base import Device, DeviceError, SelfTestResult, make_device
from fleet_agent.client import AgentClient
from fleet_agent.config import TerminalConfig
from ground.supervise import Supervised
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


class DeviceHost:
    """Poller + local-channel client: what ``zizhu agent --devices`` runs beside the agent."""

    def __init__(self, devices: Sequence[tuple[str, Device]], socket_path: str, poll_s: float = 2.0,
                 heartbeat_s: float = 2.0) -> None:
        self.client = AgentClient(socket_path, role="devicehost", on_command=self._on_command)
        self.poller = DevicePoller(devices, poll_s, on_snapshot=self.client.devices)
        self.heartbeat_s = heartbeat_s
        self._stop = threading.Event()

    def start(self) -> None:
        self.client.start()
        self.poller.start()

    def stop(self) -> None:
        self._stop.set()
        self.poller.stop()
        self.client.close()

    def run_until(self, stop: threading.Event) -> None:
        """Heartbeats from this (the host's own) thread, until ``stop`` is set."""
        self.start()
        try:
            while not stop.is_set() and not self._stop.is_set():
                self.client.heartbeat(out_of_service=self.client.out_of_service)
                stop.wait(self.heartbeat_s)
        finally:
            self.stop()

    def _answer(self, cmd: local.Command, fut: Future[SelfTestResult]) -> None:
        def done(f: Future[SelfTestResult]) -> None:
            try:
                r = f.result()
                self.client.result(cmd.id, r.ok, r.summary, r.to_dict())
            except Exception as exc:
                self.client.result(cmd.id, False, f"执行失败 (failed): {exc}")

        fut.add_done_callback(done)

    def _on_command(self, cmd: local.Command) -> None:
        if cmd.action in ("self_test", "print_test_page"):
            if cmd.device not in self.poller.slots:
                self.client.result(cmd.id, False, f"设备 {cmd.device} 未配置 (no such device here)")
                return
            assert cmd.device is not None
            run = self.poller.self_test if cmd.action == "self_test" else self.poller.print_test_page
            self._answer(cmd, run(cmd.device))
        elif cmd.action == "out_of_service":
            # No screen to show it on: the flag goes back in every heartbeat.
            self.client.result(cmd.id, True, "设备主机无屏幕，已记录 (device host has no screen; noted)")
        elif cmd.action == "restart_app":
            self.client.result(cmd.id, False, "设备主机不能重启自身 (the device host cannot restart itself)")
        else:
            self.client.result(cmd.id, False, f"不支持的命令 (unsupported here): {cmd.action}")
