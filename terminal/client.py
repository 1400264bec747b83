"""The app's end of the local status channel — what the kiosk (and the device host) use.

::

    client = AgentClient("/run/zizhu/agent.sock", role="kiosk", on_command=handle)
    client.start()                 # connects in the background, reconnects when the agent restarts
    client.devices([printer_status, idcard_status])   # from the device-polling thread
    client.heartbeat()             # from the UI thread (a QTimer): a frozen UI stops the heartbeat
    ...
    client.result(cmd.id, ok=True, detail="自检通过", data=selftest.to_dict())

``on_command`` runs on the client's reader thread: hand the command to your own thread (the kiosk
posts it to Qt). ``out_of_service`` commands arrive there too; the agent's wish at connect time is
:attr:`AgentClient.out_of_service`. Nothing here blocks for long: a send to an absent agent returns
False at once, and the newest device snapshot is sent again on every reconnect.
"""

from __future__ import annotations

import contextlib
import logging
import os
import socket
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import msgspec

from ground import __version__
from ground.supervise import Supervised
from wire import local
from wire.status import AnyDeviceStatus

log = logging.getLogger("zizhu.agent.client")


class AgentClient:
    def __init__(self, socket_path: str | Path, role: str = "kiosk",
                 on_command: Callable[[local.Command], None] | None = None,
                 on_notice: Callable[[dict[str, Any] | None], None] | None = None,
                 reconnect_s: float = 1.0) -> None:
        self.socket_path = str(socket_path)
        self.hello = local.Hello(role="devicehost" if role == "devicehost" else "kiosk", pid=os.getpid(),
                                 version=__version__)
        self.on_command = on_command
        self.on_notice = on_notice
        self.reconnect_s = reconnect_s
        self.out_of_service = False
        self.welcome: local.Welcome | None = None
        self.errors: list[str] = []  # the agent's refusals of our lines, newest last (bounded)
        self._sock: socket.socket | None = None
        self._send_lock = threading.Lock()
        self._last_devices: local.Devices | None = None
        self._connected = threading.Event()
        self._stop = threading.Event()
        self._thread: Supervised | None = None

    @property
    def connected(self) -> bool:
        return self._connected.is_set()

    def wait_connected(self, timeout: float) -> bool:
        return self._connected.wait(timeout)

    def start(self) -> None:
        self._thread = Supervised("zizhu-agent-client", self._run, self._stop, logger=log).start()

    def close(self) -> None:
        self._stop.set()
        sock = self._sock
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
        if self._thread is not None:
            self._thread.join(3)

    # -- sending (any thread) --------------------------------------------------------------
    def _send(self, msg: local.Hello | local.Heartbeat | local.Devices | local.Result) -> bool:
        with self._send_lock:
            sock = self._sock
            if sock is None:
                return False
            try:
                sock.sendall(local.encode(msg))
                return True
            except OSError:
                return False

    def heartbeat(self, out_of_service: bool = False) -> bool:
        return self._send(local.Heartbeat(out_of_service=out_of_service))

    def devices(self, statuses: Sequence[AnyDeviceStatus]) -> bool:
        msg = local.Devices(devices=list(statuses))
        self._last_devices = msg
        return self._send(msg)

    def result(self, cmd_id: str, ok: bool, detail: str = "", data: dict[str, Any] | None = None) -> bool:
        return self._send(local.Result(id=cmd_id, ok=ok, detail=detail[:2000], data=data or {}))

    # -- the reader thread -----------------------------------------------------------------
    def _run(self) -> None:
        down_logged = False
        while not self._stop.is_set():
            sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            try:
                sock.settimeout(2.0)
                sock.connect(self.socket_path)
            except OSError as exc:
                sock.close()
                if not down_logged:  # once per outage, not once per attempt
                    log.warning("fleet agent not reachable on %s (%s); retrying", self.socket_path, exc)
                    down_logged = True
                self._stop.wait(self.reconnect_s)
                continue
            down_logged = False
            sock.settimeout(None)
            with self._send_lock:
                self._sock = sock
            self._send(self.hello)
            if self._last_devices is not None:
                self._send(self._last_devices)
            self._connected.set()
            try:
                self._read(sock)
            finally:
                self._connected.clear()
                with self._send_lock:
                    self._sock = None
                sock.close()
            if not self._stop.is_set():
                log.warning("fleet agent closed the local channel; reconnecting")
                self._stop.wait(self.reconnect_s)

    def _read(self, sock: socket.socket) -> None:
        buf = b""
        while not self._stop.is_set():
            try:
                chunk = sock.recv(65536)
            except OSError:
                return
            if not chunk:
                return
            buf += chunk
            while b"\n" in buf:
                line, buf = buf.split(b"\n", 1)
                if line.strip():
                    self._handle(line)

    def _handle(self, line: bytes) -> None:
        try:
            msg = local.AGENT_MESSAGE.decode(line)
        except msgspec.DecodeError as exc:
            log.warning("ignored a line from the agent: %s", local.why_invalid(exc))
            return
        if isinstance(msg, local.Welcome):
            self.welcome = msg
            self.out_of_service = msg.out_of_service
        elif isinstance(msg, local.Command):
            if msg.action == "out_of_service" and isinstance(msg.params.get("on"), bool):
                self.out_of_service = msg.params["on"]
            if self.on_command is not None:
                try:
                    self.on_command(msg)
                except Exception:
                    log.exception("command handler failed on %s", msg.action)
        elif isinstance(msg, local.Notice):
            if self.on_notice is not None:
                self.on_notice(msg.notice)
        elif isinstance(msg, local.Error):
            self.errors = [*self.errors[-19:], msg.reason]
            log.warning("the agent refused a line we sent: %s", msg.reason)
