"""Fuzz targets: every decoder of untrusted input, each with its typed error and its properties.

Each target takes one input (bytes) and returns when the input was handled as its contract says
(accepted, or refused with the target's typed error); anything else raised is a crash (see
:mod:`bench.fuzz_engine`). ``TARGETS`` maps the names ``python -m bench fuzz --target`` takes.

=================  ======================================================  ===========================
target             drives                                                  typed outcome
=================  ======================================================  ===========================
contract           ``decode_message(topic, payload)``, every topic kind    ``ContractError``
local              ``LocalServer._handle_line`` with a peer on a socket    an ``error`` line back
hall               ``HallCore.process`` / ``tick`` on SQLite               outcomes; none ``error``
http               schemathesis cases from the OpenAPI document (ASGI)     any 4xx; never a 5xx
http_raw           mutated raw requests (``METHOD /path?q`` LF body)        any 4xx; never a 5xx
printer_status     ``RealtimeStatus.decode`` (DLE EOT replies), text       ``StatusReplyError``
printer_escpos     the ESC/POS ``Decoder`` (what the simulator parses)     ``ValueError`` (trailing)
idcard             GA 467 frames, ``FrameBuffer``, card text and address   ``IdCardError``
locker             both dialects' replies and requests, frame hunting      ``LockerError``
=================  ======================================================  ===========================

The camera has no parser of untrusted bytes of its own: MJPEG and image decoding are OpenCV's
(``cv2.VideoCapture`` / ``imdecode``), so it has no target here.
"""

from __future__ import annotations

import contextlib
import json
import logging
import shutil
import socket
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from importlib.resources import as_file, files
from pathlib import Path
from typing import Any, Literal
from urllib.parse import quote

from bench.fuzz_engine import OneInput, Recorder, Report, Target, Violation

HALL = "h1"
TERMINAL = "t01"
def _example_registry() -> list[Any]:
    """The hall's example registry (package data of the hall server, hall_server/data/)."""
    from hall_server.registry import load_registry

    with as_file(files("hall_server").joinpath("data", "registry.example.toml")) as p:
        return load_registry(p)


@contextlib.contextmanager
def _quiet(*names: str) -> Iterator[None]:
    """Fuzzing logs a refusal per input: keep those loggers quiet meanwhile."""
    loggers = [logging.getLogger(n) for n in names]
    levels = [lg.level for lg in loggers]
    for lg in loggers:
        lg.setLevel(logging.CRITICAL + 1)
    try:
        yield
    finally:
        for lg, lv in zip(loggers, levels, strict=True):
            lg.setLevel(lv)


@contextlib.contextmanager
def _plain(one: OneInput) -> Iterator[OneInput]:
    yield one


# ---- sample payloads ---------------------------------------------------------------------------

def _sample_status() -> Any:
    from wire.status import (
        AppLiveness,
        CameraStatus,
        DeviceState,
        DoorState,
        HostHealth,
        IdCardReaderStatus,
        LockerBoardStatus,
        LockerSlot,
        LockerStatus,
        PaperLevel,
        PrinterStation,
        PrinterStatus,
        TerminalStatus,
    )
    ts = datetime(2024, 5, 1, 8, 0, tzinfo=UTC)
    printer = PrinterStatus(name="printer", state=DeviceState.ONLINE, ts=ts, cover_open=False,
                            stations={"receipt": PrinterStation(paper=PaperLevel.LOW, online=True),
                                      "journal": PrinterStation(paper=PaperLevel.FULL, online=True)})
    reader = IdCardReaderStatus(name="idcard", state=DeviceState.ONLINE, sam="ok", sam_id="05-01-1", ts=ts)
    camera = CameraStatus(name="camera", state=DeviceState.ONLINE, present=True, ts=ts)
    locker = LockerStatus(name="locker", state=DeviceState.ONLINE, ts=ts,
                          boards=[LockerBoardStatus(address=1, responding=True)],
                          slots={"01": LockerSlot(door=DoorState.CLOSED, occupied=True),
                                 "02": LockerSlot(door=DoorState.JAMMED)})
    host = HostHealth(power="ups", battery_percent=80.0, network_link=True, gateway_reachable=True,
                      broker_rtt_ms=3.5, backend_reachable=True, disk_free_percent=50.0, cpu_temp_c=45.0,
                      memory_percent=30.0, uptime_s=1000.0, ts=ts)
    return TerminalStatus(devices=[printer, reader, camera, locker], host=host,
                          app=AppLiveness(state="running", last_heartbeat=ts))


def _contract_samples() -> list[Any]:
    from wire.contract import (
        AckPayload,
        CommandAction,
        CommandPayload,
        CommandResultPayload,
        EventPayload,
        NoticePayload,
        StatePayload,
        StatusPayload,
    )
    ts = datetime(2024, 5, 1, 8, 0, tzinfo=UTC)
    status = _sample_status()
    return [
        StatePayload(terminal=TERMINAL, online=True, session=3, agent_version="0.1.0", keepalive_s=5,
                     heartbeat_s=5.0, ts=ts),
        StatusPayload(terminal=TERMINAL, session=3, status=status, faults=status.faults(), last_seq=7,
                      spool_pending=1, spool_dropped=0, spool_floor=0, ts=ts),
        EventPayload(terminal=TERMINAL, seq=7, session=3, fault="printer.receipt.paper_out", action="raised",
                     detail="缺纸", occurred_at=ts, ts=ts),
        CommandPayload(terminal=TERMINAL, id="c1", action=CommandAction.OUT_OF_SERVICE, expires_at=ts,
                       params={"on": True}, issued_by="王敏", ts=ts),
        CommandResultPayload(terminal=TERMINAL, id="c1", ok=True, detail="done", data={"n": 1, "x": [1.5, None]},
                             action=CommandAction.SELF_TEST, seq=8, ts=ts),
        AckPayload(terminal=TERMINAL, seq=7, epoch=2, resend=False, ts=ts),
        NoticePayload(hall=HALL, title="系统故障公告", message="暂停服务", incident_id=4, since=ts, ts=ts),
    ]


# ---- contract ----------------------------------------------------------------------------------
# Input: one byte choosing the topic (the first 240 values: a valid topic of each kind; the rest:
# the topic is the bytes up to a NUL), then the payload.

def _contract_topics() -> list[str]:
    from wire.contract import Kind, notice_topic, terminal_topic
    return [notice_topic(HALL) if k is Kind.NOTICE else terminal_topic(HALL, TERMINAL, k) for k in Kind]


def _contract_seeds() -> list[bytes]:
    from wire.contract import Kind
    kinds = list(Kind)
    seeds = [bytes([kinds.index(p.KIND)]) + p.encode() for p in _contract_samples()]
    seeds.append(bytes([0xF0]) + b"zizhu/v1/h1/t01/event\x00" + seeds[2][1:])
    seeds.append(bytes([kinds.index(Kind.NOTICE)]))  # the empty notice
    return seeds


@contextlib.contextmanager
def _contract() -> Iterator[OneInput]:
    from wire.contract import ContractError, decode, decode_message
    topics = _contract_topics()

    def one(data: bytes) -> None:
        if not data:
            return
        if data[0] < 0xF0:
            topic, payload = topics[data[0] % len(topics)], data[1:]
        else:
            raw, _, payload = data[1:].partition(b"\x00")
            topic = raw.decode("utf-8", "surrogateescape")  # what paho hands over may be anything
        try:
            _hall, _terminal, msg = decode_message(topic, payload)
        except ContractError:
            return
        if msg is None:
            return
        try:
            again = msg.encode()
        except ContractError as exc:
            raise Violation(f"decoded, but does not encode again: {exc}") from None
        try:
            back = decode(msg.KIND, again)
        except ContractError as exc:
            raise Violation(f"encoded, but does not decode again: {exc}") from None
        if back != msg:
            raise Violation(f"{msg.KIND.value}: decoded again, not equal: {msg!r} != {back!r}"[:400])

    yield one


# ---- local channel -----------------------------------------------------------------------------
# Input: lines of the local channel, as the app would send them.

def _local_seeds() -> list[bytes]:
    from wire import local
    from wire.status import to_json
    status = _sample_status()
    devices = b'{"type":"devices","devices":[' + b",".join(to_json(d) for d in status.devices) + b"]}"
    lines = [local.encode(local.Hello(role="kiosk", pid=1234, version="0.1.0")).strip(),
             local.encode(local.Heartbeat(out_of_service=False)).strip(),
             devices,
             local.encode(local.Result(id="c1", ok=True, detail="已完成", data={"printed": 1})).strip()]
    return [*lines, b"\n".join(lines)]


@contextlib.contextmanager
def _local() -> Iterator[OneInput]:
    from ground.logs import mask_text
    from wire import local
    from wire.contract import (
        CommandResultPayload,
        ContractError,
        EventPayload,
        StatusPayload,
        is_fault_code,
    )
    from wire.status import TerminalStatus

    accepted: list[local.AppMessage] = []
    with tempfile.TemporaryDirectory(prefix="zizhu-fuzz-local-") as tmp, _quiet("zizhu.agent.local"):
        server = local.LocalServer(Path(tmp) / "agent.sock", on_message=lambda _p, m: accepted.append(m),
                                   on_change=lambda: None, welcome=lambda: local.Welcome(terminal=TERMINAL))
        ours, theirs = socket.socketpair()
        ours.settimeout(2.0)
        theirs.setblocking(False)
        peer = local.Peer(1, ours)

        def replies() -> list[bytes]:
            out = b""
            while True:
                try:
                    chunk = theirs.recv(1 << 20)
                except BlockingIOError:
                    break
                if not chunk:
                    break
                out += chunk
            return [ln for ln in out.split(b"\n") if ln]

        def check_accepted(msg: local.AppMessage) -> None:
            if isinstance(msg, local.Devices):
                status = TerminalStatus(devices=list(msg.devices))
                faults = status.faults()
                bad = [c for c in faults if not is_fault_code(c)]
                if bad:
                    raise Violation(f"accepted a device status implying fault codes outside the contract: {bad!r}")
                try:
                    StatusPayload(terminal=TERMINAL, session=1, status=status, faults=faults).encode()
                    for d in msg.devices:
                        for code in d.faults():
                            EventPayload(terminal=TERMINAL, seq=1, session=1, fault=code, action="raised",
                                         detail=mask_text(d.reason)[:500]).encode()
                except ContractError as exc:
                    raise Violation(f"accepted devices that do not fit a status or event: {exc}") from None
            elif isinstance(msg, local.Result):
                try:
                    CommandResultPayload(terminal=TERMINAL, id=msg.id, ok=msg.ok, detail=mask_text(msg.detail)[:2000],
                                         data=msg.data).encode()
                except ContractError as exc:
                    raise Violation(f"accepted a result that does not fit the contract: {exc}") from None

        def one(data: bytes) -> None:
            for line in data.split(b"\n"):
                if not line.strip():
                    continue
                accepted.clear()
                refused_before = server.refused_lines
                server._handle_line(peer, line)
                refused = server.refused_lines - refused_before
                answers = replies()
                if refused and accepted:
                    raise Violation("a line was both refused and accepted")
                if not refused and not accepted:
                    raise Violation("a line was neither refused nor accepted")
                if refused:
                    if len(answers) != 1:
                        raise Violation(f"a refused line got {len(answers)} answers, not one error line")
                    answer = local.AGENT_MESSAGE.decode(answers[0])
                    if not isinstance(answer, local.Error):
                        raise Violation(f"a refused line was answered with {answer.type}")
                else:
                    check_accepted(accepted[0])

        try:
            yield one
        finally:
            ours.close()
            theirs.close()


# ---- the hall's message handling ---------------------------------------------------------------
# Input: a program of operations on a fresh hall (a database copied from a template each input):
# messages from a few terminals, batched into HallCore.process; clock steps; ticks; a resolve by
# hand. After each, memory must equal what a fresh core loads from the database.

_SESSIONS = (0, 1, 2, 3, 7, 2**31, 2**63 - 1)
_SEQS = (1, 2, 3, 4, 5, 6, 100, 2**63 - 1)
_OFFSETS = (0.0, 0.0, 1.0, 2.0, -1.0, 5.0, -3600.0, 30.0, 400 * 86400.0, -400 * 86400.0)
_STEPS = (1.0, 5.0, 31.0, 301.0, 1801.0, 86401.0, 0.0)
_TERMINALS = ("t01", "t02", "t03", "t04", "zz9")  # t01–t03 registered
_EVENT_FAULTS = ("printer.receipt.paper_out", "printer.cover_open", "terminal.offline", "host.backend.unreachable",
                 "locker.slot.02.jammed", "camera.obstructed", "host.disk.full", "weird.unknown_code",
                 "host.power.mains_lost")


class _Reader:
    """Numbers out of bytes, 0 once the bytes run out (atheris's FuzzedDataProvider, in small)."""

    def __init__(self, data: bytes) -> None:
        self.data, self.i = data, 0

    @property
    def left(self) -> int:
        return len(self.data) - self.i

    def byte(self) -> int:
        if self.i >= len(self.data):
            return 0
        self.i += 1
        return self.data[self.i - 1]

    def pick(self, options: tuple[Any, ...]) -> Any:
        return options[self.byte() % len(options)]


def _hall_status(bits: int) -> Any:
    from wire.status import (
        AppLiveness,
        CameraStatus,
        DeviceState,
        DoorState,
        HostHealth,
        LockerSlot,
        LockerStatus,
        PaperLevel,
        PrinterStation,
        PrinterStatus,
        TerminalStatus,
    )
    paper = (PaperLevel.FULL, PaperLevel.OUT, PaperLevel.LOW, PaperLevel.JAMMED)[bits & 3]
    state = DeviceState.OFFLINE if bits & 0x40 else DeviceState.ONLINE
    devices: list[Any] = [PrinterStatus(name="printer", state=state, stations={"receipt": PrinterStation(paper=paper)},
                                        cover_open=bool(bits & 4))]
    if bits & 8:
        devices.append(LockerStatus(name="locker", state=DeviceState.ONLINE,
                                    slots={"02": LockerSlot(door=DoorState.JAMMED)}))
    if bits & 0x80:
        devices.append(CameraStatus(name="camera", state=DeviceState.ONLINE, obstructed=True))
    host = HostHealth(power="battery" if bits & 16 else "ac", backend_reachable=not bits & 32, network_link=True)
    return TerminalStatus(devices=devices, host=host, app=AppLiveness(state="running"))


def _hall_seeds() -> list[bytes]:
    # op byte: low 3 bits the operation, 0x80 = process the batch now
    state = bytes([0x80 | 0, 0, 1, 1])  # t01 online session 1 (terminal, online, session)
    status = bytes([0x80 | 2, 0, 1, 0, 0x01])  # t01 session 1 status with paper out
    event = bytes([0x80 | 4, 0, 1, 1, 0, 0, 1])  # t01 event seq 2 session 1 paper_out raised
    will = bytes([0x80 | 0, 0, 0, 1])
    return [state, state + status, state + status + bytes([6, 4, 7]) + status, state + event + will,
            state + bytes([0x80 | 2, 1, 1, 0, 0x30]) + bytes([0x80 | 2, 2, 1, 0, 0x30]) + bytes([7]),
            bytes([0, 0, 1, 1, 0, 1, 1, 1, 0, 2, 1, 1, 0x80 | 7])]


@contextlib.contextmanager
def _hall() -> Iterator[OneInput]:
    from sqlalchemy.orm import sessionmaker

    from ground.clock import FakeClock
    from hall_server.core import CoreSettings, HallCore
    from hall_server.db import make_engine, open_database
    from hall_server.faults import load_fault_table
    from wire.contract import ContractError, EventPayload, StatePayload, StatusPayload, decode

    table = load_fault_table()
    settings = CoreSettings(hall=HALL, hall_name="测试大厅")
    registry = [e for e in _example_registry() if e.id in _TERMINALS]
    failures: list[str] = []

    class _Catch(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if record.exc_info and record.exc_info[1] is not None:
                exc = record.exc_info[1]
                failures.append(f"{type(exc).__name__}: {str(exc).splitlines()[0][:160] if str(exc) else ''}")

    catcher = _Catch()
    hall_log = logging.getLogger("zizhu.hall")
    with tempfile.TemporaryDirectory(prefix="zizhu-fuzz-hall-") as tmp, _quiet("zizhu.hall", "zizhu.hall.ingest"):
        hall_log.addHandler(catcher)
        template = Path(tmp) / "template.sqlite3"
        engine, _ = open_database(f"sqlite:///{template}")
        engine.dispose()
        work = Path(tmp) / "hall.sqlite3"
        # One engine for every input (its compiled-statement cache is most of the speed); each input's
        # database is a fresh copy of the template, put in place while the engine holds no connection.
        engine = make_engine(f"sqlite:///{work}")
        sessions = sessionmaker(engine, expire_on_commit=False)

        def state_of(core: HallCore) -> tuple[Any, ...]:
            terms = {tid: (m.registered, m.session, m.online, tuple(sorted(m.faults)), m.last_seq)
                     for tid, m in core.terminals.items()}
            by_code = {code: dict(scopes) for code, scopes in core.open_by_code.items() if scopes}
            return terms, dict(core.open), by_code

        def one(data: bytes) -> None:
            engine.dispose()
            for suffix in ("", "-wal", "-shm"):
                Path(f"{work}{suffix}").unlink(missing_ok=True)
            shutil.copyfile(template, work)
            clock = FakeClock(datetime(2024, 5, 1, 8, 0, tzinfo=UTC))
            core = HallCore(sessions, table, settings, clock=clock)
            core.import_registry(registry)
            run_program(core, clock, _Reader(data))

        def check(core: HallCore, clock: Any, what: str) -> None:
            if failures:
                msg = failures[0]
                failures.clear()
                raise Violation(f"{what}: an exception inside a unit of work: {msg}")
            fresh = HallCore(core.sessions, table, settings, clock=clock)
            mine, stored = state_of(core), state_of(fresh)
            if mine != stored:
                diff = []
                for name, a, b in zip(("terminals", "open", "open_by_code"), mine, stored, strict=True):
                    for key in sorted(set(a) | set(b), key=str):
                        if a.get(key) != b.get(key):
                            diff.append(f"{name}[{key!r}] memory {a.get(key)!r}, database {b.get(key)!r}")
                raise Violation(f"after {what}, memory is not what the database holds: {'; '.join(diff)}"[:600])

        def run_program(core: HallCore, clock: Any, r: _Reader) -> None:
            batch: list[StatePayload | StatusPayload | EventPayload] = []
            sessions = dict.fromkeys(_TERMINALS, 1)

            def flush() -> None:
                if batch:
                    outcomes = core.process(list(batch))
                    batch.clear()
                    if any(o == "error" for o, _ in outcomes) and not failures:
                        failures.append("an outcome 'error'")
                    check(core, clock, "process")

            ops = 0
            while r.left and ops < 64:
                ops += 1
                op = r.byte()
                kind = op & 7
                term = _TERMINALS[r.byte() % len(_TERMINALS)] if kind <= 5 else TERMINAL
                now = clock.now()
                msg: StatePayload | StatusPayload | EventPayload | None = None
                try:
                    if kind in (0, 1):
                        online = bool(r.byte() & 1)
                        session = r.pick(_SESSIONS)
                        sessions[term] = session
                        msg = StatePayload(terminal=term, online=online, session=session, ts=now)
                    elif kind in (2, 3):
                        session = r.pick((sessions[term], *_SESSIONS))
                        ts = now + timedelta(seconds=r.pick(_OFFSETS))
                        status = _hall_status(r.byte())
                        faults = status.faults() if r.left % 5 else []
                        msg = StatusPayload(terminal=term, session=session, status=status, faults=faults, ts=ts)
                    elif kind == 5:  # a person resolves one of the terminal's open incidents by hand
                        flush()
                        mine = sorted(iid for (scope, _code), iid in core.open.items() if scope == term)
                        if mine:
                            core.resolve(mine[r.byte() % len(mine)], "王敏", "已处理")
                            check(core, clock, "a resolve by hand")
                    elif kind == 4:
                        seq = r.pick(_SEQS)
                        session = r.pick((sessions[term], *_SESSIONS))
                        fault = r.pick(_EVENT_FAULTS)
                        action: Literal["raised", "cleared"] = "raised" if r.byte() & 1 == 0 else "cleared"
                        at = now + timedelta(seconds=r.pick(_OFFSETS))
                        msg = EventPayload(terminal=term, seq=seq, session=session, fault=fault, action=action,
                                           occurred_at=at, ts=now)
                    elif kind == 6:
                        flush()
                        clock.advance(r.pick(_STEPS))
                    else:
                        flush()
                        core.tick()
                        check(core, clock, "tick")
                except OverflowError:  # a time past year 9999: not a message anyone can send
                    msg = None
                if msg is not None:
                    try:
                        decoded = decode(msg.KIND, msg.encode())  # exactly what ingest would hand over
                    except ContractError:
                        decoded = None
                    if isinstance(decoded, StatePayload | StatusPayload | EventPayload):
                        batch.append(decoded)
                if op & 0x80:
                    flush()
            flush()

        try:
            yield one
        finally:
            hall_log.removeHandler(catcher)
            engine.dispose()


# ---- HTTP --------------------------------------------------------------------------------------

def admin_token(svc: Any) -> str:
    """An API token of a hall administrator (made on first use): every route of the API accepts it."""
    from hall_server import accounts

    if accounts.get_user(svc.sessions, "fuzz-admin") is None:
        accounts.create_user(svc.sessions, "fuzz-admin", "admin", "fuzz-admin-password", "模糊测试")
    return accounts.issue_token(svc.sessions, "fuzz-admin", "fuzz")


@contextlib.contextmanager
def hall_service(tmp: Path) -> Iterator[Any]:
    """A hall service on SQLite in ``tmp`` (no broker, no ticks), with a few terminals and incidents."""
    from ground.clock import FakeClock
    from hall_server.config import AlertsConfig, HallServerConfig
    from hall_server.service import HallService
    from hall_server.simulate import healthy_status
    from wire.contract import RatingPayload, StatePayload, StatusPayload
    from wire.feedback import new_id
    from wire.status import PaperLevel
    from zizhu.config import HallConfig, HallInfo, MqttConfig

    cfg = HallConfig(hall=HallInfo(id=HALL, name="测试大厅"), mqtt=MqttConfig(port=1, keepalive_s=5),
                     server=HallServerConfig(database_url=f"sqlite:///{tmp}/hall.sqlite3", http_port=0),
                     alerts=AlertsConfig())
    clock = FakeClock()
    svc = HallService(cfg, clock=clock, tick=False)
    try:
        svc.core.import_registry(_example_registry())
        for term, paper in (("t01", PaperLevel.OUT), ("t02", PaperLevel.FULL)):
            clock.advance(1)
            st = healthy_status(paper)
            svc.core.process([StatePayload(terminal=term, online=True, session=1),
                              StatusPayload(terminal=term, session=1, status=st, faults=st.faults(), ts=clock.now())])
        svc.core.process([RatingPayload(terminal="t01", seq=1, session=1, id=new_id(), item_code="150100-001",
                                        item_name="社保卡补换", level=1, tags=["等待太久"],
                                        rated_at=clock.now())])  # a bad review: rectification case #1
        yield svc
    finally:
        svc.engine.dispose()


_METHODS = ("GET", "POST", "PUT", "DELETE")
RESET_EVERY = 3000  # requests on one database before a fresh one (lists grow, requests slow down)


def parse_raw_request(data: bytes) -> tuple[str, str, bytes]:
    """``METHOD /path?query`` LF body → (method, URL, body); what cannot be a URL is percent-encoded."""
    line, _, body = data.partition(b"\n")
    method_b, _, target = line.partition(b" ")
    method = method_b.decode("ascii", "replace").upper()
    if method not in _METHODS:
        method = _METHODS[sum(method_b) % len(_METHODS)]
    url = quote(target.strip(), safe="/?&=%+:@,;~*!$'()")
    if not url.startswith("/"):
        url = "/" + url
    return method, url, body


def raw_request(method: str, url: str, body: Any) -> bytes:
    """The ``http_raw`` input for one request (crashes of ``http`` are saved in this form)."""
    if isinstance(body, bytes | bytearray):
        raw = bytes(body)
    elif body is None:
        raw = b""
    else:
        raw = json.dumps(body, ensure_ascii=False).encode("utf-8", "surrogatepass")
    return f"{method} ".encode() + url.encode("utf-8", "surrogatepass") + b"\n" + raw


class _Api:
    """A test client on a fresh hall service, renewed every ``RESET_EVERY`` requests."""

    def __init__(self) -> None:
        self._stack = contextlib.ExitStack()
        self.count = 0
        self.client: Any = None
        self.app: Any = None
        self.headers: dict[str, str] = {}
        self._renew()

    def _renew(self) -> None:
        from fastapi.testclient import TestClient

        from hall_server.web.app import create_app
        self._stack.close()
        self._stack = contextlib.ExitStack()
        tmp = self._stack.enter_context(tempfile.TemporaryDirectory(prefix="zizhu-fuzz-http-"))
        svc = self._stack.enter_context(hall_service(Path(tmp)))
        self.app = create_app(svc)
        self.headers = {"Authorization": f"Bearer {admin_token(svc)}"}  # as a script calls the API
        self.client = self._stack.enter_context(TestClient(self.app, raise_server_exceptions=True,
                                                           headers=self.headers))
        self.count = 0

    def tick(self) -> None:
        self.count += 1
        if self.count >= RESET_EVERY:
            self._renew()

    def close(self) -> None:
        self._stack.close()


def _http_raw_seeds() -> list[bytes]:
    now = "2024-05-01T08:00:00+08:00"
    later = "2024-05-01T10:00:00+08:00"
    return [
        b"GET /api/terminals\n",
        b"GET /api/terminals/t01\n",
        b'PUT /api/terminals/t09\n{"name":"\xe4\xb8\xb4\xe6\x97\xb6","phone":"13900001111","devices":["printer"]}',
        b"DELETE /api/terminals/t03\n",
        b"GET /api/terminals/t01/availability?days=7\n",
        b'POST /api/terminals/t01/commands\n{"action":"self_test","device":"printer","expires_s":60}',
        b"GET /api/commands/abc\n",
        b"GET /api/incidents?state=all&terminal=t01&limit=10\n",
        b"GET /api/incidents/1\n",
        b'POST /api/incidents/1/acknowledge\n{"comment":"ok"}',
        b'POST /api/incidents/1/resolve\n{"note":"done"}',
        b"GET /api/alerts?limit=5\n",
        b"GET /api/notices\n",
        b'POST /api/notices\n{"title":"t","message":"m"}',
        b"DELETE /api/notices/1\n",
        b"GET /api/shutdowns\n",
        b'POST /api/shutdowns\n{"terminal_id":"t01","reason":"r","starts_at":"' + now.encode() +
        b'","ends_at":"' + later.encode() + b'"}',
        b'POST /api/shutdowns/1/approve\n{"note":""}',
        b'POST /api/shutdowns/1/reject\n{}',
        b"GET /api/status\n", b"GET /status\n", b"GET /\n", b"GET /healthz\n",
        b"GET /api/ratings/summary?since=2024-04-01&until=2024-05-01&terminal_id=t01\n",
        b"GET /api/ratings/terminals/t01/hours?day=2024-05-01\n",
        b"GET /api/ratings/cases?state=all&overdue=true&limit=10\n", b"GET /api/ratings/cases/1\n",
        b'POST /api/ratings/cases/1/steps\n{"step":"verify","note":"n","founded":true}',
        b'POST /api/ratings/cases/1/steps\n{"step":"feedback","note":"n","channel":"'
        + "短信".encode() + b'","recipient":"r"}',
        b"GET /ratings?since=2024-04-01&terminal=t01\n", b"GET /ratings/cases?state=all\n",
        b"GET /ratings/terminals/t01?day=2024-05-01\n", b"GET /ratings/cases/1\n",
    ]


_HTTP_TOKENS = (b"9223372036854775808", b"99999999999999999999", b"%ED%A0%80", b"%FF", b"%00", b"-1",
                b"\xed\xa0\x80", b"?limit=", b"?days=", b"1e400", b"/1", b"t01")


@contextlib.contextmanager
def _http_raw() -> Iterator[OneInput]:
    import httpx

    api = _Api()

    def one(data: bytes) -> None:
        method, url, body = parse_raw_request(data)
        if url.split("?")[0].rstrip("/") == "/events":
            return  # the live stream never ends by design: not a request the fuzzer can wait for
        try:
            resp = api.client.request(method, url, content=body, headers={"content-type": "application/json"})
        except (httpx.InvalidURL, UnicodeError):
            return  # the client would not send it: not an input of the server
        finally:
            api.tick()
        if resp.status_code >= 500:
            raise Violation(f"{resp.status_code} for {method} {url.split('?')[0]}: {resp.text[:200]}")

    try:
        with _quiet("zizhu.hall"):
            yield one
    finally:
        api.close()


class _StopFuzz(BaseException):
    """Out of time: ends hypothesis's run without it taking it for a failure to shrink."""


def _http_schemathesis(inputs: int, seconds: float, seed: int, crash_dir: Path | None) -> Report:
    """Schemathesis cases from the app's own OpenAPI document, sent in-process (ASGI), ``not_a_server_error``."""
    import schemathesis
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import seed as hyp_seed
    from hypothesis import strategies as st
    from schemathesis.checks import not_a_server_error

    rec = Recorder("http", "schemathesis", crash_dir)
    api = _Api()
    t0 = time.monotonic()
    deadline = t0 + seconds

    def strategy() -> Any:
        schema = schemathesis.openapi.from_asgi("/openapi.json", api.app, headers=api.headers)
        ops = [r.ok() for r in schema.get_all_operations()]  # type: ignore[union-attr]  # an Err raises
        return st.one_of([op.as_strategy() for op in ops])

    def send(case: Any) -> None:
        resp = case.call(app=api.app, headers=api.headers)
        case.validate_response(resp, checks=[not_a_server_error])

    def as_raw(case: Any) -> bytes:
        url = case.formatted_path
        if case.query:
            from urllib.parse import urlencode
            url += "?" + urlencode(case.query, doseq=True)
        body = case.body if not type(case.body).__name__ == "NotSet" else None
        return raw_request(case.method.upper(), url, body)

    @settings(max_examples=max(1, inputs), deadline=None, database=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck), derandomize=False)
    @hyp_seed(seed)
    @given(case=strategy())
    def run(case: Any) -> None:
        if time.monotonic() > deadline or rec.report.inputs >= inputs:
            raise _StopFuzz
        raw = as_raw(case)
        t1 = time.perf_counter()
        try:
            send(case)
        except Exception as exc:
            rec.crash(raw, exc)
        dt = time.perf_counter() - t1
        rec.report.inputs += 1
        if dt > rec.report.slowest_s:
            rec.report.slowest_s, rec.report.slowest_size = dt, len(raw)
        api.tick()

    try:
        with _quiet("zizhu.hall"), contextlib.suppress(_StopFuzz):
            run()
    finally:
        api.close()
    rec.report.elapsed_s = time.monotonic() - t0
    return rec.report


# ---- printer -----------------------------------------------------------------------------------

def _printer_status_seeds() -> list[bytes]:
    from drivers.printer.codec import RealtimeStatus, status_byte
    ok = RealtimeStatus(status_byte(), status_byte(), status_byte(), status_byte()).encode()
    out = RealtimeStatus(status_byte(0x08), status_byte(0x24), status_byte(0x08), status_byte(0x6C)).encode()
    return [b"\x00" + ok, b"\x00" + out, b"\x01" + "缺纸 test ¥".encode("gb18030"), b"\x02" + b"\x1c&\xc4\xe3\x1c."]


@contextlib.contextmanager
def _printer_status() -> Iterator[OneInput]:
    from drivers.printer.codec import RealtimeStatus, StatusReplyError, decode_text

    def one(data: bytes) -> None:
        if not data:
            return
        mode, rest = data[0] % 3, data[1:]
        if mode == 0:
            try:
                st = RealtimeStatus.decode(rest)
            except StatusReplyError:
                return
            if st.encode() != rest:
                raise Violation("a status reply does not encode back to its bytes")
            _ = (st.offline, st.cover_open, st.paper_end, st.paper_near_end, st.unrecoverable, st.cutter_error,
                 st.mechanical_error, st.auto_recoverable, st.stopped_by_paper_end, st.error_occurred)
        else:
            text = decode_text(rest, chinese=mode == 1)  # what the simulator prints: never raises
            if not isinstance(text, str):
                raise Violation("decode_text did not return text")

    yield one


def _escpos_seeds() -> list[bytes]:
    from drivers.printer import codec
    enc = codec.TextEncoder(chinese_mode=True)
    slip = (codec.INIT + codec.align("center") + codec.bold(True) + codec.char_size(2, 2) + enc.encode("一次性告知书\n")
            + codec.qr_native("https://example.org/c/1") + codec.feed(3) + codec.cut() + codec.STATUS_QUERY
            + codec.PROGRESS_MARKER + b"\x1dk\x04123\x00\x1dkI\x03abc" + b"\x1dv0\x00\x01\x00\x02\x00\xff\x00")
    return [slip, codec.STATUS_QUERY, codec.RECOVER_CLEAR + codec.cut(feed_lines=None)]


def _merge_text(ops: list[Any]) -> list[Any]:
    """Text that arrived in pieces is one run of text: adjacent ``text`` operations joined."""
    out: list[Any] = []
    for op in ops:
        if out and op.name == "text" and out[-1].name == "text":
            out[-1] = type(op)("text", data=out[-1].data + op.data, raw=out[-1].raw + op.raw)
        else:
            out.append(op)
    return out


@contextlib.contextmanager
def _printer_escpos() -> Iterator[OneInput]:
    from drivers.printer.codec import Decoder, decode_all

    def one(data: bytes) -> None:
        whole = Decoder()
        ops = whole.feed(data)
        consumed = b"".join(op.raw for op in ops)
        if consumed != data[:len(consumed)] or len(consumed) + whole.pending != len(data):
            raise Violation("the decoder's operations do not add up to the bytes it was fed")
        # fed in pieces (as a socket delivers them) it must find the same operations
        pieces = Decoder()
        chunked: list[Any] = []
        step = max(1 + (data[0] % 7 if data else 0), len(data) // 512)  # pieces, but not 64 K of them
        for i in range(0, len(data), step):
            chunked += pieces.feed(data[i:i + step])
        if _merge_text(chunked) != _merge_text(ops) or pieces.pending != whole.pending:
            raise Violation("fed in pieces, the decoder finds other operations")
        try:
            decode_all(data)
        except ValueError:
            if not whole.pending:
                raise
            return

    yield one


# ---- ID card reader ----------------------------------------------------------------------------

def _idcard_seeds() -> list[bytes]:
    from drivers.idcard import card, codec, synthetic
    resident = synthetic.CARDS["resident"]
    text = card.encode_text(resident)
    photo = bytes(codec.PHOTO_LEN)
    base = codec.encode_base_data(text, photo)
    addr = card.encode_address(synthetic.APPENDED_ADDRESSES["resident"])
    seeds = [b"\x00" + codec.encode_reply(codec.SW3.OK, base), b"\x00" + codec.encode_reply(codec.SW3.NO_CARD),
             b"\x00" + codec.encode_reply(codec.SW3.FIND_OK, b"\x00" * 4) + codec.encode_reply(0x90, addr),
             b"\x01" + base, b"\x02" + addr, b"\x03" + codec.encode_sam_id(5, 1, 20230101, 1, 2),
             b"\x04" + codec.request("read_base")]
    for name, c in synthetic.CARDS.items():
        if name != "resident":
            seeds.append(b"\x01" + codec.encode_base_data(card.encode_text(c), photo))
    return seeds


@contextlib.contextmanager
def _idcard() -> Iterator[OneInput]:
    from drivers.idcard import card, codec

    def one(data: bytes) -> None:
        if not data:
            return
        mode, rest = data[0] % 5, data[1:]
        try:
            if mode == 0:  # a byte stream from the reader, cut into frames, each decoded
                fb = codec.FrameBuffer()
                frames: list[bytes] = []
                step = 1 + (data[0] // 5) % 64
                for i in range(0, len(rest), step):
                    frames += fb.feed(rest[i:i + step])
                if sum(map(len, frames)) + fb.discarded + fb.pending() != len(rest):
                    raise Violation("the frame buffer lost or invented bytes")
                for frame in frames:
                    try:
                        reply = codec.decode_reply(frame)
                    except codec.IdCardError:
                        continue
                    if codec.encode_reply(reply.sw3, reply.data, reply.sw1, reply.sw2) != frame:
                        raise Violation("a reply does not encode back to its frame")
                    with contextlib.suppress(codec.IdCardError):
                        reply.raise_for_status("fuzz")
                    with contextlib.suppress(codec.IdCardError):
                        c = card.decode_text(codec.decode_base_data(reply.data).text)
                        _ = (c.masked(), repr(c), c.sex, c.nation, c.kind_name, c.valid_to_text, c.current_address)
            elif mode == 1:
                base = codec.decode_base_data(rest)
                c = card.decode_text(base.text, base.photo)
                _ = (c.masked(), repr(c), c.sex, c.nation, c.kind_name, c.valid_to_text, c.current_address)
            elif mode == 2:
                card.decode_address(codec.decode_address_data(rest))
            elif mode == 3:
                codec.decode_sam_id(rest)
            else:
                req = codec.decode_request(rest)
                _ = req.name
        except codec.IdCardError:
            return

    yield one


# ---- locker ------------------------------------------------------------------------------------

def _locker_seeds() -> list[bytes]:
    from drivers.locker import codec as lc
    return [b"\x00" + lc.encode_feedback_reply(lc.HDR_OPEN, 1, 1, True),
            b"\x01" + lc.encode_query_all_reply(1, [True, False] * 12),
            b"\x02" + lc.kr_encode_status_reply(0x00, lc.KR_STATUS, [True] * 16, [False] * 16),
            b"\x03" + lc.kr_unlock(0, 1), b"\x04" + lc.encode_open(1, 3) + b"\x00" + lc.encode_query(1, 2),
            b"\x05" + lc.kr_status(0) + lc.kr_unlock(1, 16), b"\x06" + lc.encode_query(1, 4)]


@contextlib.contextmanager
def _locker() -> Iterator[OneInput]:
    from drivers.locker import codec as lc

    def one(data: bytes) -> None:
        if len(data) < 2:
            return
        mode, board, rest = data[0] % 7, data[1], data[2:]
        try:
            if mode == 0:
                header = lc.HDR_OPEN if board & 1 else lc.HDR_QUERY
                active = lc.decode_feedback_reply(rest, header, rest[1] if len(rest) > 1 else 0,
                                                  rest[2] if len(rest) > 2 else 0)
                if lc.encode_feedback_reply(header, rest[1], rest[2], active) != rest:
                    raise Violation("a feedback reply does not encode back to its bytes")
            elif mode == 1:
                channels = 1 + board % 32
                flags = lc.decode_query_all_reply(rest, rest[1] if len(rest) > 1 else 0, channels)
                if len(flags) != channels:
                    raise Violation("query all gave the wrong number of flags")
            elif mode == 2:
                addr = rest[1] if len(rest) > 1 else 0
                st = lc.kr_decode_status_reply(rest, addr, (lc.KR_STATUS, lc.KR_UNLOCK))
                if lc.kr_encode_status_reply(addr, rest[2], list(st.hooks), list(st.infrared)) != rest:
                    raise Violation("a KR-CU16 status reply does not encode back to its bytes")
            elif mode == 3:
                req = lc.kr_decode_request(rest)
                _ = (req.board, req.lock)
            elif mode in (4, 5):
                dialect = lc.Dialect.GENERIC if mode == 4 else lc.Dialect.KERONG
                buf = bytearray(rest)
                frames = lc.split_requests(buf, dialect)
                check = lc.bcc if dialect is lc.Dialect.GENERIC else lc.sum8
                if any(len(f) != lc.GENERIC_LEN or check(f[:-1]) != f[-1] for f in frames):
                    raise Violation("split_requests returned a frame that fails its checksum")
                if len(buf) >= lc.GENERIC_LEN:
                    raise Violation("split_requests left a whole frame's worth of bytes unread")
            else:
                lc.decode_generic_request(rest)
        except lc.LockerError:
            return

    yield one


TARGETS: dict[str, Target] = {t.name: t for t in (
    Target("contract", "decode_message over every topic kind; decoded encodes and re-decodes equal",
           _contract, _contract_seeds, (b'"terminal"', b'"t01"', b'"session"', b'"seq"', b'"faults"')),
    Target("local", "LocalServer._handle_line: accepted lines fit the contract, the rest get an error line",
           _local, _local_seeds, (b'"type"', b'"devices"', b'"name"', b'"slots"', b'"kind"', b'"printer"')),
    Target("hall", "HallCore.process/tick on SQLite: no exception, memory equals a fresh load",
           _hall, _hall_seeds),
    Target("http", "schemathesis on the OpenAPI document (ASGI): not_a_server_error",
           lambda: _plain(lambda _d: None), lambda: [], run=_http_schemathesis),
    Target("http_raw", "mutated raw requests against every route: never a 5xx",
           _http_raw, _http_raw_seeds, _HTTP_TOKENS),
    Target("printer_status", "DLE EOT replies (StatusReplyError) and printed text", _printer_status,
           _printer_status_seeds),
    Target("printer_escpos", "the ESC/POS decoder: operations add up, fed whole or in pieces", _printer_escpos,
           _escpos_seeds),
    Target("idcard", "GA 467 frames, frame hunting, card text, address, SAM id (IdCardError)", _idcard,
           _idcard_seeds),
    Target("locker", "generic and KR-CU16 replies, requests and frame hunting (LockerError)", _locker,
           _locker_seeds),
)}
