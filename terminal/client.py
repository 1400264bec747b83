"""The app's end of the local status channel — what the kiosk (and the device host) use.

::

    client = AgentClient("/run/zizhu/agent.sock", role="kiosk", on_command=handle)
    client.start()                 # connects in the background, reconnects when the agent restarts
    client.devices([printer_status, idcard_status])   # from the device-polling thread
    client.heartbeat()             # from the UI thread (a QTimer): a frozen UI stops the heartbeat
    ...
    client.result(cmd.id, ok=True, detail="自检通过", data=selftest.to_dict())

Ratings and complaints wait for the agent's word that they are in its durable spool::

    try:
        accepted = client.rate(item_code="150100-001", item_name="社保卡补换", level=5, tags=["办事快"])
    except FeedbackNotAccepted as exc:   # AgentUnavailable (no agent, no answer) or FeedbackRefused
        show(exc.reason)                 # the words for the citizen; nothing was promised
    else:
        show("已提交")                    # accepted.id, accepted.seq

    accepted = client.complain(category="办不成事", matter="…", phone="13812345678",
                               hall_public_key=cfg.kiosk.hall_public_key, case_no=None)

Both block for at most ``timeout`` seconds (default 5): call them off the UI thread, or use
:meth:`AgentClient.submit` for a :class:`~concurrent.futures.Future`. Sending the same message
again (same ``id``) after a failure is safe: the hall keeps each ``id`` once.

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
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeVar

import msgspec

from ground import __version__
from ground.supervise import Supervised
from wire import local
from wire.feedback import Category, Service, new_id, seal_phone, seal_record
from wire.status import AnyDeviceStatus

log = logging.getLogger("zizhu.agent.client")

FEEDBACK_TIMEOUT_S = 5.0
Promised = local.Rating | local.Complaint | local.Request | local.Event  # what the agent answers accepted / refused to
P = TypeVar("P", local.Rating, local.Complaint, local.Request, local.Event)


def _key(msg: Promised) -> str:
    if msg.id is None:
        raise ValueError("a message that waits for the agent's answer needs an id")
    return msg.id


class FeedbackNotAccepted(Exception):
    """A rating or complaint the agent has not taken: nothing may be promised to the citizen.

    ``reason`` is for the screen (Chinese); ``detail`` for the log (never the content).
    """

    def __init__(self, reason: str, detail: str, feedback_id: str) -> None:
        super().__init__(f"{feedback_id}: {detail}")
        self.reason = reason
        self.detail = detail
        self.id = feedback_id


class AgentUnavailable(FeedbackNotAccepted):
    """The agent is not connected, or did not answer in time: try again (same id) or send to a window."""


class FeedbackRefused(FeedbackNotAccepted):
    """The agent refused the message (out of contract): sending it again will not help."""


def local_now() -> datetime:
    """The terminal's local time with its UTC offset: how ratings and complaints are dated."""
    return datetime.now().astimezone()


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
        # rating/complaint id -> whoever waits for the agent's answer (the same id may be sent again meanwhile)
        self._waiting: dict[str, list[Future[local.Accepted]]] = {}
        self._waiting_lock = threading.Lock()
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
    def _send(self, msg: local.AppMessage) -> bool:
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

    def occurred(self, code: str, detail: str = "", *, event_id: str | None = None,
                 timeout: float = FEEDBACK_TIMEOUT_S) -> local.Accepted:
        """An occurrence (``printer.receipt.roll_replaced``), once it is in the agent's spool; raises
        :class:`FeedbackNotAccepted` (not connected, no answer in time, refused). Any thread but the UI's."""
        return self._wait(_checked(local.Event(code=code, detail=detail[:200], id=event_id or new_id())), timeout)

    # -- ratings and complaints (any thread but the UI's, or use submit) ---------------------
    def submit(self, msg: Promised) -> Future[local.Accepted]:
        """Send one rating or complaint; the future gets the agent's ``accepted`` or raises
        :class:`FeedbackRefused` / :class:`AgentUnavailable` (not connected, or the connection ended
        before an answer). It never resolves by itself: :meth:`rate` and :meth:`complain` bound the wait.
        """
        key = _key(msg)
        fut: Future[local.Accepted] = Future()
        with self._waiting_lock:
            self._waiting.setdefault(key, []).append(fut)
        if not self._send(msg):
            self._settle(key, AgentUnavailable("终端服务暂不可用，未能提交，请稍后再试或到人工窗口办理",
                                                  "the fleet agent is not connected", key))
        return fut

    def _settle(self, feedback_id: str, outcome: local.Accepted | FeedbackNotAccepted) -> None:
        """The agent's answer to ``feedback_id`` for everyone waiting on it (one answer answers them all)."""
        with self._waiting_lock:
            futs = self._waiting.pop(feedback_id, [])
        for fut in futs:
            if fut.done():
                continue
            if isinstance(outcome, local.Accepted):
                fut.set_result(outcome)
            else:
                fut.set_exception(outcome)

    def _forget(self, feedback_id: str, fut: Future[local.Accepted]) -> None:
        with self._waiting_lock:
            futs = self._waiting.get(feedback_id, [])
            if fut in futs:
                futs.remove(fut)
            if not futs:
                self._waiting.pop(feedback_id, None)

    def _wait(self, msg: Promised, timeout: float) -> local.Accepted:
        key = _key(msg)
        fut = self.submit(msg)
        try:
            return fut.result(timeout)
        except FutureTimeout:
            self._forget(key, fut)
            raise AgentUnavailable("终端服务未及时响应，未能提交，请稍后再试或到人工窗口办理",
                                   f"no answer from the fleet agent within {timeout:g} s", key) from None

    def rate(self, *, item_code: str, item_name: str, level: int, tags: Sequence[str] = (),
             case_no: str | None = None, rating_id: str | None = None, rated_at: datetime | None = None,
             timeout: float = FEEDBACK_TIMEOUT_S) -> local.Accepted:
        """One rating (5 非常满意 … 1 非常不满意), once it is in the agent's spool; raises
        :class:`FeedbackNotAccepted`. Pass the same ``rating_id`` to send the same rating again."""
        msg = local.Rating(id=rating_id or new_id(), item_code=item_code, item_name=item_name, level=level,
                           tags=list(tags), case_no=case_no or None, rated_at=rated_at or local_now())
        return self._wait(_checked(msg), timeout)

    def complain(self, *, category: Category, matter: str, phone: str, hall_public_key: str,
                 case_no: str | None = None, complaint_id: str | None = None, filed_at: datetime | None = None,
                 timeout: float = FEEDBACK_TIMEOUT_S) -> local.Accepted:
        """One complaint work order, the phone sealed here to the hall's key; once in the agent's spool.

        Raises :class:`wire.feedback.PhoneError` (``reason`` for the citizen) for a number out of
        shape before anything is sent, :class:`wire.feedback.SealError` for a bad key, and
        :class:`FeedbackNotAccepted`. The work order number is
        ``wire.feedback.work_order_no(terminal, filed_at, id)``.
        """
        sealed = seal_phone(hall_public_key, phone)
        msg = local.Complaint(id=complaint_id or new_id(), category=category, matter=matter, phone_sealed=sealed,
                              case_no=case_no or None, filed_at=filed_at or local_now())
        return self._wait(_checked(msg), timeout)

    def request(self, *, service: Service, ref: str, personal: Mapping[str, str], hall_public_key: str,
                item_code: str | None = None, item_name: str | None = None, case_no: str | None = None,
                day: date | None = None, name_masked: str = "", request_id: str | None = None,
                made_at: datetime | None = None, timeout: float = FEEDBACK_TIMEOUT_S) -> local.Accepted:
        """One service request (an appointment, its cancellation, a mailing), made with the back end as
        ``ref``; ``personal`` (name, phone, address …) sealed here to the hall's key; once in the agent's spool.

        Raises :class:`wire.feedback.PhoneError` for a ``phone`` out of shape, :class:`ValueError` for a
        record the seal refuses, :class:`wire.feedback.SealError` for a bad key, and
        :class:`FeedbackNotAccepted`. Send the same ``request_id`` again after a failure: the hall keeps it once.
        """
        sealed = seal_record(hall_public_key, personal)
        msg = local.Request(id=request_id or new_id(), service=service, ref=ref, item_code=item_code,
                            item_name=item_name, case_no=case_no or None, day=day, name_masked=name_masked,
                            sealed=sealed, made_at=made_at or local_now())
        return self._wait(_checked(msg), timeout)

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
                self._fail_waiting()
            if not self._stop.is_set():
                log.warning("fleet agent closed the local channel; reconnecting")
                self._stop.wait(self.reconnect_s)

    def _fail_waiting(self) -> None:
        """The connection ended: whatever has no answer yet may or may not be in the spool — not promised."""
        with self._waiting_lock:
            ids = list(self._waiting)
        for fid in ids:
            self._settle(fid, AgentUnavailable("终端服务连接中断，未能确认提交，请再试一次",
                                               "the local channel closed before the agent answered", fid))

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
        elif isinstance(msg, local.Accepted):
            self._settle(msg.id, msg)
        elif isinstance(msg, local.Refused):
            log.warning("the agent refused message %s: %s", msg.id, msg.reason)
            if msg.retry:  # the agent cannot keep it safely now (its disk): not promised, may work later
                self._settle(msg.id, AgentUnavailable("终端存储暂不可用，未能确认提交，请稍后再试或到人工窗口办理",
                                                      msg.reason, msg.id))
            else:
                self._settle(msg.id, FeedbackRefused("提交内容有误，未能提交，请到人工窗口办理", msg.reason, msg.id))
        elif isinstance(msg, local.Error):
            self.errors = [*self.errors[-19:], msg.reason]
            log.warning("the agent refused a line we sent: %s", msg.reason)


def _checked(msg: P) -> P:
    """Built in Python a message is not checked: check it as the agent will, before promising anything."""
    try:
        local.encode(msg)
    except (msgspec.ValidationError, msgspec.EncodeError, UnicodeError, ValueError) as exc:
        problem = local.why_invalid(exc) if isinstance(exc, msgspec.DecodeError) else type(exc).__name__
        raise FeedbackRefused("提交内容有误，未能提交，请到人工窗口办理", problem, msg.id or "") from None
    beyond = local.out_of_contract(msg)  # and what the agent checks beyond the schema (an occurrence's code)
    if beyond is not None:
        raise FeedbackRefused("提交内容有误，未能提交，请到人工窗口办理", beyond, msg.id or "")
    return msg
