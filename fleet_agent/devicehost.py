"""The headless device host: a terminal's devices without the kiosk app.

For the demo's simulated terminals, a test rig or a technician's bench with the app stopped:
opens the configured drivers (:func:`terminal.poller.devices_from_config`), polls their status
with the same :class:`terminal.poller.DevicePoller` the kiosk runs, feeds the agent's local channel
exactly as the kiosk does (:class:`terminal.client.AgentClient`), and runs the self-tests and test
pages the hall's commands ask for.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

from drivers.base import Device
from terminal.client import AgentClient
from terminal.poller import DevicePoller, answer_device_command, devices_from_config
from wire import local

__all__ = ["DeviceHost", "DevicePoller", "devices_from_config"]


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

    def _on_command(self, cmd: local.Command) -> None:
        if answer_device_command(self.poller, cmd, self.client.result):
            return
        if cmd.action == "out_of_service":
            # No screen to show it on: the flag goes back in every heartbeat.
            self.client.result(cmd.id, True, "设备主机无屏幕，已记录 (device host has no screen; noted)")
        elif cmd.action == "restart_app":
            self.client.result(cmd.id, False, "设备主机不能重启自身 (the device host cannot restart itself)")
        else:
            self.client.result(cmd.id, False, f"不支持的命令 (unsupported here): {cmd.action}")
