"""The fleet agent: gathers devices, host health and app liveness, and reports them to the hall.

Threads: the local channel (:mod:`wire.local`), the MQTT link (:mod:`fleet_agent.link`),
the host-health probe, and the agent's own loop, which assembles the
:class:`~wire.status.TerminalStatus`, turns changes in its fault set into ``event`` messages
(accepted into the spool, so never lost), publishes the retained ``status`` on change and on the
heartbeat, and executes the hall's commands.

Faults of a part the agent cannot see right now (devices while no app reports them, the app
during start-up, the host before its first measurement) are neither raised nor cleared: they
stay as last reported. The reported fault set is kept in the spool's file, so a restarted agent
raises and clears exactly what changed while it was away.
"""

from __future__ import annotations

import json
import logging
import queue
import subprocess
import threading
import time
from collections import deque
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, Literal

from paho.mqtt.properties import Properties

from fleet_agent.health import HostProbe
from fleet_agent.link import MqttLink
from fleet_agent.spool import Spool, Spooled
from ground import __version__
from ground.clock import utcnow
from ground.logs import mask_text
from terminal.config import TerminalConfig
from wire import local
from wire.contract import (
    MAX_PAYLOAD_BYTES,
    CommandAction,
    CommandPayload,
    CommandResultPayload,
    ComplaintPayload,
    ContractError,
    EventPayload,
    Kind,
    NoticePayload,
    RatingPayload,
    RequestPayload,
    StatusPayload,
    decode,
    decode_message,
    terminal_topic,
)
from wire.status import AnyDeviceStatus, AppLiveness, HostHealth, TerminalStatus, replace, to_builtins

log = logging.getLogger("zizhu.agent")

_DEVICE_ACTIONS = (CommandAction.SELF_TEST, CommandAction.PRINT_TEST_PAGE)


@dataclass
class _Pending:
    """A command handed to the app, waiting for its ``result``."""

    cmd: CommandPayload
    deadline: float


def _masked(data: dict[str, Any]) -> dict[str, Any]:
    """Whatever the app sends back goes through the personal-data mask before it is published."""
    out: dict[str, Any] = json.loads(mask_text(json.dumps(data, ensure_ascii=False, default=str)))
    return out


def _field_only(problem: str) -> str:
    """A contract refusal cut to where it happened: msgspec may quote the value, which may be personal."""
    head, at, where = problem.partition(" at ")
    return (head + at + where.split(":", 1)[0])[:300]


def fault_domain(code: str) -> str:
    """``printer.receipt.paper_out`` → ``printer``; ``host.*`` and ``app.*`` are the agent's own."""
    return code.split(".", 1)[0]


class Agent:
    """One terminal's agent. ``start()``, then ``stop()``; or ``run_until(event)``."""

    def __init__(self, cfg: TerminalConfig, probe: HostProbe | None = None) -> None:
        self.cfg = cfg
        a = cfg.agent
        self.spool = Spool(a.spool_path, a.spool_max_events)
        self.link = MqttLink(cfg, self.spool, on_command=self._command_in, on_notice=self._notice_in,
                             agent_version=__version__)
        self.probe = probe or HostProbe(a, broker_rtt=lambda: self.link.broker_rtt_ms)
        self.local = local.LocalServer(a.socket_path, on_message=self._local_in, on_change=self._changed,
                                       welcome=self._welcome)
        self._cmd_topic = terminal_topic(cfg.terminal.hall, cfg.terminal.id, Kind.CMD)
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self._devices: dict[str, AnyDeviceStatus] = {}
        self._device_owner: dict[str, int] = {}  # device name -> local connection that reports it
        self._device_peers: set[int] = set()
        self._host: HostHealth | None = None
        self._ever_connected = False
        self._started = self._last_turn = time.monotonic()
        self._faults: set[str] = set(filter(None, self.spool.get_memo("faults").split(",")))
        self._signature = ""
        self._status: TerminalStatus = TerminalStatus()
        self._commands: queue.Queue[tuple[bytes, Properties | None]] = queue.Queue(maxsize=1000)
        self._pending: dict[str, _Pending] = {}
        self._seen: deque[str] = deque(maxlen=512)
        self._notice: dict[str, Any] | None = None
        self.out_of_service = self.spool.get_flag("out_of_service")
        self.events_accepted = 0
        self.feedback_accepted = 0
        self.feedback_refused = 0
        self._feedback_seen: dict[str, int | None] = {}  # recent rating/complaint ids -> their seq

    # -- life cycle ------------------------------------------------------------------------
    def start(self) -> None:
        self.local.start()
        self.link.start()
        for target, name in ((self._health_loop, "health"), (self._main_loop, "main")):
            t = threading.Thread(target=target, name=f"zizhu-agent-{name}", daemon=True)
            t.start()
            self._threads.append(t)
        log.info("agent of terminal %s (hall %s) started; local channel %s",
                 self.cfg.terminal.id, self.cfg.terminal.hall, self.cfg.agent.socket_path)

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        self.link.request_stop()  # all at once: each then finishes its own turn in parallel
        for t in self._threads:
            t.join(5)
        self.link.stop()
        self.local.stop()
        self.spool.close()
        log.info("agent stopped")

    def healthy(self) -> bool:
        """Every thread alive and the agent's loop turning: what the systemd watchdog is fed on."""
        threads = [*self._threads, self.link._thread, self.local._thread]
        return all(t is not None and t.is_alive() for t in threads) and \
            time.monotonic() - self._last_turn < max(10.0, 4 * self.cfg.agent.poll_s)

    def _changed(self) -> None:
        self._wake.set()

    # -- inputs ----------------------------------------------------------------------------
    def _welcome(self) -> local.Welcome:
        return local.Welcome(terminal=self.cfg.terminal.id, out_of_service=self.out_of_service,
                             heartbeat_s=min(self.cfg.agent.heartbeat_s, self.cfg.agent.app_frozen_after_s / 3))

    def _local_in(self, peer: local.Peer, msg: local.AppMessage) -> None:
        if isinstance(msg, local.Devices):
            with self._lock:
                # A peer owns the names it reports; names it no longer reports are gone.
                for name in [n for n, owner in self._device_owner.items()
                             if owner == peer.ident and n not in peer.device_names]:
                    del self._devices[name], self._device_owner[name]
                for d in msg.devices:
                    # The reason is free text from the app: masked before it can reach a payload or a log.
                    masked = mask_text(d.reason)
                    self._devices[d.name] = d if masked == d.reason else replace(d, reason=masked)
                    self._device_owner[d.name] = peer.ident
                self._device_peers.add(peer.ident)
            self._wake.set()
        elif isinstance(msg, local.Result):
            self._result_from_app(msg)
        elif isinstance(msg, local.Hello):
            self._ever_connected = True
            log.info("app on connection %d: %s, pid %s, version %s", peer.ident, msg.role, msg.pid, msg.version)
            if self._notice is not None:
                peer.send(local.Notice(notice=self._notice))
            self._wake.set()
        elif isinstance(msg, local.Heartbeat):
            self._ever_connected = True
        elif isinstance(msg, local.Rating | local.Complaint | local.Request):
            self._feedback(peer, msg)
        elif isinstance(msg, local.Event):
            self._occurrence(peer, msg)

    def _occurrence(self, peer: local.Peer, msg: local.Event) -> None:
        """An occurrence from the app (a new paper roll): an ``event`` of action ``occurred``, spooled.

        With an ``id`` the app waits for the answer, as for a rating: ``accepted`` once the event is
        on the spool's disk, ``refused`` (with ``retry`` when only the disk is the trouble) otherwise.
        """
        if msg.id is not None:
            with self._lock:
                seen = self._feedback_seen.get(msg.id)
            if seen is not None:
                peer.send(local.Accepted(id=msg.id, seq=seen))
                return
        code, term, session, text = msg.code, self.cfg.terminal.id, self.link.session, mask_text(msg.detail)[:500]

        def build(seq: int | None) -> bytes:
            assert seq is not None
            return EventPayload(terminal=term, seq=seq, session=session, fault=code, action="occurred",
                                detail=text).encode()

        try:
            item = self.spool.append(Kind.EVENT.value, build)
        except (ContractError, ValueError) as exc:
            log.error("occurrence %r cannot be reported (out of contract): %s", code, exc)
            if msg.id is not None:
                peer.send(local.Refused(id=msg.id, reason=_field_only(str(exc))))
            return
        self.events_accepted += 1
        log.info("occurrence %s (seq %s)", code, item.seq)
        self.link.kick()
        if msg.id is not None:
            self._promise(peer, Kind.EVENT.value, msg.id, item)

    def _feedback(self, peer: local.Peer, msg: local.Rating | local.Complaint | local.Request) -> None:
        """A rating, complaint or service request from the kiosk: into the spool (numbered like events), then
        ``accepted``.

        Nothing of its content is logged: the matter is the citizen's words, the phone is sealed.
        The same ``id`` again (the kiosk did not hear our answer) is answered without a second row
        while this agent remembers it; after a restart the hall's idempotency on ``id`` covers it.
        """
        with self._lock:
            seen = self._feedback_seen.get(msg.id)
        if seen is not None:
            peer.send(local.Accepted(id=msg.id, seq=seen))
            return
        term, session = self.cfg.terminal.id, self.link.session

        def build(seq: int | None) -> bytes:
            assert seq is not None
            if isinstance(msg, local.Rating):
                return RatingPayload(terminal=term, seq=seq, session=session, id=msg.id, item_code=msg.item_code,
                                     item_name=msg.item_name, level=msg.level, tags=list(msg.tags),
                                     case_no=msg.case_no, rated_at=msg.rated_at).encode()
            if isinstance(msg, local.Request):  # its personal fields are sealed; the masked name is masked again
                return RequestPayload(terminal=term, seq=seq, session=session, id=msg.id, service=msg.service,
                                      ref=msg.ref, item_code=msg.item_code, item_name=msg.item_name,
                                      case_no=msg.case_no, day=msg.day, name_masked=mask_text(msg.name_masked),
                                      sealed=msg.sealed, made_at=msg.made_at).encode()
            # An ID or mobile number the citizen typed into the matter is masked before it reaches the disk:
            # the call-back number travels sealed, on its own.
            return ComplaintPayload(terminal=term, seq=seq, session=session, id=msg.id, category=msg.category,
                                    matter=mask_text(msg.matter), phone_sealed=msg.phone_sealed, case_no=msg.case_no,
                                    filed_at=msg.filed_at).encode()

        kind = (Kind.RATING if isinstance(msg, local.Rating) else Kind.REQUEST if isinstance(msg, local.Request)
                else Kind.COMPLAINT)
        try:
            item = self.spool.append(kind.value, build)
        except ContractError as exc:
            self.feedback_refused += 1
            reason = _field_only(str(exc))
            n = self.feedback_refused
            if n <= local.LOGGED_REFUSALS or n % 100 == 0:  # a broken kiosk cannot flood the journal
                log.warning("%s %s refused (%d so far): %s", kind.value, msg.id, n, reason)
            peer.send(local.Refused(id=msg.id, reason=reason))
            return
        self.link.kick()
        self._promise(peer, kind.value, msg.id, item)

    def _promise(self, peer: local.Peer, kind: str, msg_id: str, item: Spooled) -> None:
        """Tell the app that ``msg_id`` (spooled as ``item``) reaches the hall — only once it is on disk."""
        if not self.spool.on_disk(item):
            # Held in memory only: it still goes out if this agent lives, but a kill or a power cut loses
            # it, so nothing may be promised. The kiosk may send it again (same id): the hall keeps one.
            self.feedback_refused += 1
            log.error("%s %s held in memory only, the spool's disk refuses writes: not promised to the kiosk "
                      "(%d refused so far)", kind, msg_id, self.feedback_refused)
            peer.send(local.Refused(id=msg_id, reason="spool not durable: its disk refuses writes", retry=True))
            return
        with self._lock:
            self._feedback_seen[msg_id] = item.seq
            while len(self._feedback_seen) > 1024:
                self._feedback_seen.pop(next(iter(self._feedback_seen)))
        self.feedback_accepted += 1
        log.info("%s %s accepted into the spool (seq %s)", kind, msg_id, item.seq)
        if not peer.send(local.Accepted(id=msg_id, seq=item.seq)):
            log.warning("%s %s is spooled but the kiosk left before hearing so", kind, msg_id)

    def _command_in(self, payload: bytes, props: Properties | None) -> None:
        """From the MQTT thread: queue it; the agent's loop executes it."""
        try:
            self._commands.put_nowait((payload, props))
            self._wake.set()
        except queue.Full:
            log.error("command queue full: a command from the hall was refused unread")

    def _notice_in(self, payload: bytes) -> None:
        try:
            notice = decode(Kind.NOTICE, payload)
        except ContractError as exc:
            log.warning("ignored an out-of-contract public notice: %s", exc)
            return
        self._notice = None if notice is None else to_builtins(notice)
        assert notice is None or isinstance(notice, NoticePayload)
        self.local.broadcast(local.Notice(notice=self._notice))

    # -- the loops -------------------------------------------------------------------------
    def _health_loop(self) -> None:
        while not self._stop.is_set():
            try:
                host = self.probe.measure()
            except Exception:
                log.exception("host health probe failed")
            else:
                with self._lock:
                    self._host = host
                self._wake.set()
            self._stop.wait(self.cfg.agent.poll_s)

    def _main_loop(self) -> None:
        while not self._stop.is_set():
            self._wake.wait(0.5)
            self._wake.clear()
            self._last_turn = time.monotonic()
            try:
                while True:
                    try:
                        payload, props = self._commands.get_nowait()
                    except queue.Empty:
                        break
                    self._execute(payload, props)
                self._expire_pending()
                self.tick()
            except Exception:  # the agent must outlive any one bad input
                log.exception("agent loop iteration failed")

    # -- status and events -----------------------------------------------------------------
    def app_liveness(self) -> AppLiveness:
        now = time.monotonic()
        a = self.cfg.agent
        with self.local.lock:
            peers = list(self.local.peers.values())
        if peers:
            beats = [p.last_heartbeat for p in peers if p.last_heartbeat is not None]
            walls = [p.last_heartbeat_wall for p in peers if p.last_heartbeat_wall is not None]
            ref = max(beats) if beats else min(p.connected_at for p in peers)
            oos = any(p.app_out_of_service for p in peers)
            state: Literal["running", "frozen"] = "running" if now - ref <= a.app_frozen_after_s else "frozen"
            return AppLiveness(state=state, last_heartbeat=max(walls) if walls else None, out_of_service=oos)
        if not a.expect_app:
            return AppLiveness(state="unknown")
        if not self._ever_connected and now - self._started < a.app_frozen_after_s:
            return AppLiveness(state="unknown")  # start-up: give the app time to come up
        return AppLiveness(state="down")

    def tick(self) -> None:
        """Assemble the snapshot, emit fault events, offer the status to the link."""
        app = self.app_liveness()
        with self._lock, self.local.lock:
            live_peers = set(self.local.peers)
            self._device_peers &= live_peers
            devices_known = bool(self._device_peers)
            host = self._host
            devices = [self._devices[n] for n in sorted(self._devices)]
        status = TerminalStatus(devices=devices, host=host or HostHealth(), app=app)
        known = {"host": host is not None, "app": app.state != "unknown"}

        def is_known(code: str) -> bool:
            return known.get(fault_domain(code), devices_known)

        now_faults = {f for f in status.faults() if is_known(f)} | {f for f in self._faults if not is_known(f)}
        cleared, raised = sorted(self._faults - now_faults), sorted(now_faults - self._faults)
        for code in cleared:
            self._event(code, "cleared", status)
        for code in raised:
            self._event(code, "raised", status)
        if cleared or raised:
            self._faults = now_faults
            self.spool.set_memo("faults", ",".join(sorted(now_faults)))
            self.link.kick()
        self._status = status
        signature = self._signature_of(status)
        changed = signature != self._signature
        self._signature = signature
        faults = sorted(now_faults)
        # Out of service: the hall's command, or the app's own word (a technician's maintenance screen
        # is open on the kiosk): the hall shows the one flag either way.
        oos = self.out_of_service or app.out_of_service

        def build(session: int) -> StatusPayload:
            return StatusPayload(terminal=self.cfg.terminal.id, session=session, status=status, faults=faults,
                                 out_of_service=oos, last_seq=self.spool.last_seq,
                                 spool_pending=self.spool.pending(), spool_dropped=self.spool.dropped,
                                 spool_floor=self.spool.floor())

        self.link.offer_status(build, changed)

    def _signature_of(self, status: TerminalStatus) -> str:
        """What counts as a change worth an immediate publish (not uptime, memory or a timestamp)."""
        devices = [{k: v for k, v in to_builtins(d).items() if k != "ts"} for d in status.devices]
        h = status.host
        host = [h.power, h.network_link, h.gateway_reachable, h.backend_reachable, h.disk_read_only]
        app = (status.app.state, status.app.out_of_service)
        return json.dumps([devices, host, app, status.faults(), self.out_of_service], sort_keys=True, default=str)

    def _event(self, code: str, action: str, status: TerminalStatus) -> None:
        device = status.device(fault_domain(code))
        detail = mask_text(device.reason)[:500] if device is not None and action == "raised" else ""
        term, session = self.cfg.terminal.id, self.link.session

        def build(seq: int | None) -> bytes:
            assert seq is not None
            return EventPayload(terminal=term, seq=seq, session=session, fault=code,
                                action="raised" if action == "raised" else "cleared", detail=detail).encode()

        try:
            item = self.spool.append(Kind.EVENT.value, build)
        except ContractError as exc:  # a fault code outside the contract's pattern
            log.error("fault %r cannot be reported (out of contract): %s", code, exc)
            return
        self.events_accepted += 1
        log.info("fault %s %s (seq %s)", code, action, item.seq)

    # -- commands --------------------------------------------------------------------------
    def _result(self, cmd_id: str, ok: bool, detail: str, data: dict[str, Any] | None = None,
                action: CommandAction | None = None) -> None:
        payload_data = data or {}
        term = self.cfg.terminal.id

        def build(seq: int | None) -> bytes:
            try:
                body = CommandResultPayload(terminal=term, id=cmd_id, ok=ok, detail=detail[:2000],
                                            data=payload_data, action=action, seq=seq).encode()
            except ContractError as exc:  # data the contract cannot carry: the answer still goes, without it
                body = CommandResultPayload(terminal=term, id=cmd_id, ok=ok, detail=detail[:2000], action=action,
                                            data={"unencodable": str(exc)[:300]}, seq=seq).encode()
            if len(body) > MAX_PAYLOAD_BYTES:
                body = CommandResultPayload(terminal=term, id=cmd_id, ok=ok, detail=detail[:2000], action=action,
                                            data={"truncated": True, "bytes": len(body)}, seq=seq).encode()
            return body

        try:
            self.spool.append(Kind.CMD_RESULT.value, build)
        except ContractError as exc:  # an id or detail the contract cannot carry (a lone surrogate)
            log.error("the answer to command %r cannot be reported (out of contract): %s", cmd_id[:64], exc)
            return
        self.link.kick()
        log.info("command %s answered: ok=%s %s", cmd_id, ok, detail[:200])

    @staticmethod
    def _salvage_id(payload: bytes) -> str:
        """The id of a command we refuse, if one can be read; else ``invalid``."""
        try:
            doc = json.loads(payload)
            cid = doc.get("id") if isinstance(doc, dict) else None
        except (ValueError, UnicodeDecodeError):
            cid = None
        if isinstance(cid, str) and 1 <= len(cid) <= 64:
            return cid
        return "invalid"

    def _execute(self, payload: bytes, props: Properties | None) -> None:
        try:
            _, _, msg = decode_message(self._cmd_topic, payload)
        except ContractError as exc:
            log.warning("refused a malformed command: %s", exc)
            self._result(self._salvage_id(payload), False, f"命令格式错误，已拒绝 (malformed command refused): {exc}")
            return
        assert isinstance(msg, CommandPayload)
        cmd = msg
        if cmd.id in self._seen:
            log.info("command %s received twice; executed once", cmd.id)
            return
        self._seen.append(cmd.id)
        if cmd.expired():
            self._result(cmd.id, False, f"命令已过期，未执行 (expired at {cmd.expires_at.isoformat()}, refused)",
                         action=cmd.action)
            return
        log.info("command %s: %s %s (by %s)", cmd.id, cmd.action.value, cmd.device or "", cmd.issued_by or "?")
        match cmd.action:
            case CommandAction.REPORT_DIAGNOSTICS:
                self._result(cmd.id, True, "诊断信息 (diagnostics)", self.diagnostics(), action=cmd.action)
            case CommandAction.OUT_OF_SERVICE:
                on = cmd.params.get("on")
                if not isinstance(on, bool) or set(cmd.params) != {"on"}:
                    self._result(cmd.id, False, '参数错误 (params must be {"on": true|false})', action=cmd.action)
                    return
                self.out_of_service = on
                self.spool.set_flag("out_of_service", on)
                sent = self.local.broadcast(local.Command(id=cmd.id, action=cmd.action, params={"on": on},
                                                          expires_at=cmd.expires_at))
                self._wake.set()
                self._result(cmd.id, True, ("已暂停服务" if on else "已恢复服务") + f" (out of service {on}; "
                             f"told {sent} app connection(s))", {"out_of_service": on, "apps_told": sent},
                             action=cmd.action)
            case CommandAction.RESTART_APP:
                if self.cfg.agent.restart_app_command:
                    threading.Thread(target=self._restart_app, args=(cmd,), daemon=True).start()
                else:
                    self._forward(cmd)
            case CommandAction.SELF_TEST | CommandAction.PRINT_TEST_PAGE:
                if not cmd.device:
                    self._result(cmd.id, False, "缺少设备名 (this action needs 'device')", action=cmd.action)
                    return
                self._forward(cmd)

    def _forward(self, cmd: CommandPayload) -> None:
        with self.local.lock:
            peers = list(self.local.peers.values())
        if cmd.device is not None:
            owners = [p for p in peers if cmd.device in p.device_names]
            if not owners:
                self._result(cmd.id, False, f"设备 {cmd.device} 不在线或未配置 (no app reports device {cmd.device!r})",
                             action=cmd.action)
                return
            peers = owners
        if not peers:
            self._result(cmd.id, False, "终端应用未连接 (the app is not connected)", action=cmd.action)
            return
        peer = peers[-1]  # the newest connection
        remaining = (cmd.expires_at - utcnow()).total_seconds()
        timeout = max(1.0, min(self.cfg.agent.command_timeout_s, remaining))
        with self._lock:  # before sending: a quick app answers before send() returns
            self._pending[cmd.id] = _Pending(cmd, time.monotonic() + timeout)
        if not peer.send(local.Command(id=cmd.id, action=cmd.action, device=cmd.device, params=cmd.params,
                                       expires_at=cmd.expires_at)):
            with self._lock:
                self._pending.pop(cmd.id, None)
            self._result(cmd.id, False, "无法把命令交给终端应用 (could not reach the app)", action=cmd.action)

    def _result_from_app(self, msg: local.Result) -> None:
        with self._lock:
            pending = self._pending.pop(msg.id, None)
        if pending is None:
            log.info("result for unknown or finished command %s ignored", msg.id)
            return
        self._result(msg.id, msg.ok, mask_text(msg.detail), _masked(msg.data), action=pending.cmd.action)

    def _expire_pending(self) -> None:
        now = time.monotonic()
        with self._lock:
            late = [p for p in self._pending.values() if p.deadline <= now]
            for p in late:
                del self._pending[p.cmd.id]
        for p in late:
            self._result(p.cmd.id, False, "终端应用未在时限内答复 (the app did not answer in time)",
                         action=p.cmd.action)

    def _restart_app(self, cmd: CommandPayload) -> None:
        argv = self.cfg.agent.restart_app_command
        try:
            done = subprocess.run(argv, capture_output=True, text=True, timeout=30, check=False)
            ok = done.returncode == 0
            detail = ("已重启终端应用 (app restarted)" if ok else
                      f"重启失败 (restart failed, exit {done.returncode}): {mask_text(done.stderr.strip())[:300]}")
        except (OSError, subprocess.TimeoutExpired) as exc:
            ok, detail = False, f"重启失败 (restart failed): {exc}"
        self._result(cmd.id, ok, detail, action=cmd.action)

    def diagnostics(self) -> dict[str, Any]:
        """What a technician asks for remotely; counters and statuses, never personal data."""
        now = time.monotonic()
        with self.local.lock:
            apps = [{"connection": p.ident, "role": p.hello.role if p.hello else None,
                     "pid": p.hello.pid if p.hello else None, "version": p.hello.version if p.hello else None,
                     "heartbeat_age_s": None if p.last_heartbeat is None else round(now - p.last_heartbeat, 1),
                     "devices": sorted(p.device_names), "refused_lines": p.refused_lines}
                    for p in self.local.peers.values()]
        return {
            "agent": {
                "version": __version__,
                "uptime_s": round(now - self._started, 1),
                "session": self.link.session,
                "mqtt_connected": self.link.connected,
                "mqtt_connects": self.link.connects,
                "mqtt_refusals": self.link.refusals,
                "mqtt_last_error": self.link.last_error,
                "last_seq": self.spool.last_seq,
                "spool_pending": self.spool.pending(),
                "spool_in_memory": self.spool.in_memory,
                "spool_dropped": self.spool.dropped,
                "spool_write_errors": self.spool.write_errors,
                "broker_rejected": self.link.rejected,
                "hall_acked": self.spool.hall_acked,
                "hall_bad_acks": self.link.bad_acks,
                "resends": self.link.resends,
                "mqtt_loop_errors": self.link.loop_errors,
                "local_loop_errors": self.local.loop_errors,
                "local_refused_lines": self.local.refused_lines,
                "events_accepted": self.events_accepted,
                "feedback_accepted": self.feedback_accepted,
                "feedback_refused": self.feedback_refused,
            },
            "apps": apps,
            "out_of_service": self.out_of_service,
            "faults": sorted(self._faults),
            "status": to_builtins(self._status),
        }

    # -- blocking run ----------------------------------------------------------------------
    def run_until(self, stop: threading.Event) -> None:
        self.start()
        try:
            while not stop.wait(1.0):
                pass
        finally:
            self.stop()


def command(terminal: str, action: CommandAction, *, cmd_id: str, device: str | None = None,
            params: dict[str, Any] | None = None, ttl_s: float = 60.0, issued_by: str = "") -> CommandPayload:
    """Build a command as the hall would (tests, the bench and ``zizhu diag`` use it)."""
    return CommandPayload(terminal=terminal, id=cmd_id, action=action, device=device, params=params or {},
                          issued_by=issued_by, expires_at=utcnow() + timedelta(seconds=ttl_s))

