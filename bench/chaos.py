"""Chaos run: real agents stream fault events to a real hall server through a real Mosquitto while
the broker restarts, the hall server dies and terminals are cut off. Target: 0 lost, 0 duplicated.

    python -m bench chaos                 # every row, about 5 minutes
    python -m bench chaos --quick         # two small rows (the test suite runs this shape)
    python -m bench.chaos --rows hall-kill9,partition-reset --agents 2 --reps 5 --keep /tmp/chaos

Every row is a world of its own, made fresh and torn down after it: a private Mosquitto on a free
loopback port with the hall's shipped configuration (:class:`zizhu.broker.MosquittoBroker`: no
anonymous clients, an account and ACL per terminal and one for the hall server), ``zizhu hall`` as a
process on SQLite, N ``zizhu agent`` processes. A fake kiosk on
each agent's local channel (the Unix socket of :mod:`wire.local`: hello, heartbeat, devices)
toggles the receipt printer's paper between full and out; every toggle the agent notices is one
fault event (``printer.receipt.paper_out`` raised or cleared) accepted into its spool with the next
``seq``. While the events stream, the row's fault strikes ``reps`` times. Then the kiosks stop
toggling (they stay connected: a kiosk leaving is a fault event of its own), the run waits (bounded)
until every agent's spool is empty and the hall has stored what it will, stops everything and
counts, per row:

sent         events the agents accepted: ``seq`` 1..``last_seq`` of each agent's spool file
stored       of those, the rows the hall committed (``events_seen``: one per terminal and seq;
             command results too, once they are numbered)
lost         sent, but not stored once the agents' spools were empty and the hall had settled
duplicated   events whose effect the hall applied more than once. The hall's rows are unique by
             (terminal, seq), so a second application cannot show there; it shows in its effect:
             every application of a raise or clear that changes the fault's state is one
             opened/reopened/resolved entry in the incident log, and the agent's events for that
             fault change its state once each. Incident-log changes beyond the events the agent
             accepted for the fault are applications twice over (or out of order). A lower bound:
             a repeated application can hide behind a lost event.
redelivered  copies of stored events that reached the hall again and were refused by seq
             (``zizhu_hall_messages{kind="event",outcome="duplicate"}``, scraped from /metrics
             before every stop and kill): harmless, shown for scale, not counted as duplicated

Faults (``--rows``):

broker-sigterm-persist    Mosquitto stopped with SIGTERM and started on the same port and store
broker-sigterm-nopersist  the same without persistence
broker-kill9-nopersist    Mosquitto ``kill -9``ed and started again, persistence off (power lost)
broker-kill9-persist      the same with a persistence store, autosaved as the shipped broker
                          configuration says (hall_server/data/mosquitto.conf: every 30 s)
hall-kill9                ``zizhu hall`` and its MQTT process ``kill -9``ed, started on the same DB
partition-reset           every other agent's connection reset (RST) by a loopback TCP proxy
                          between it and the broker, new connections refused for 2 s
partition-blackhole       the same agents' traffic silently dropped for 7 s (no RST, no FIN: the
                          broker's keepalive and the agent's own notice it), then connections reset

Loopback only; no root. Every process the run starts is stopped at the end, on Ctrl-C or an
exception too (the hall server's MQTT process with it).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import re
import selectors
import shutil
import signal
import socket
import sqlite3
import struct
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

import psutil

from bench.common import Result
from terminal.client import AgentClient
from wire.status import DeviceState, PaperLevel, PrinterStation, PrinterStatus
from zizhu.broker import SHIPPED_CONF, MosquittoBroker, free_port

ROOT = Path(__file__).resolve().parent.parent
HALL = "chaos"
FAULT = "printer.receipt.paper_out"
AGENT_KEEPALIVE_S = 2
HALL_KEEPALIVE_S = 5


# ---- options ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Options:
    rows: tuple[str, ...]
    agents: int = 4
    reps: int = 5
    toggle_s: float = 0.05  # one paper toggle per agent this often (20 events/s per agent at most)
    gap_s: float = 2.5  # events stream this long before each fault and after the last one
    drain_s: float = 45.0  # at most this long for spools to empty and the hall to settle, per row
    settle_s: float = 3.0  # the hall's store unchanged this long (connected, spools empty): settled
    keep: Path | None = None  # keep every row's databases and logs here


ALL_ROWS = ("broker-sigterm-persist", "broker-sigterm-nopersist", "broker-kill9-nopersist", "broker-kill9-persist",
            "hall-kill9", "partition-reset", "partition-blackhole")
QUICK_ROWS = ("broker-kill9-nopersist", "hall-kill9")


def quick_options(keep: Path | None = None) -> Options:
    """The small run of the test suite: 2 agents, one of each fault, about 200 events in all."""
    return Options(rows=QUICK_ROWS, agents=2, reps=1, toggle_s=0.05, gap_s=1.5, drain_s=12.0, settle_s=2.0,
                   keep=keep)


# ---- the broker -----------------------------------------------------------------------------------

def shipped_autosave_s() -> int:
    """The hall broker's autosave interval as shipped (hall_server/data/mosquitto.conf); zizhu.broker's 30 else."""
    conf = SHIPPED_CONF
    with contextlib.suppress(OSError):
        for line in conf.read_text(encoding="utf-8").splitlines():
            parts = line.split()
            if len(parts) == 2 and parts[0] == "autosave_interval" and parts[1].isdigit():
                return int(parts[1])
    return 30


class ChaosBroker(MosquittoBroker):
    """The hall's broker configuration (zizhu.broker: shipped config, an account per terminal and one for
    the hall server), restartable on the same port and, with persistence, the same store."""

    def __init__(self, persistent: bool, terminals: list[str]) -> None:
        super().__init__(hall=HALL, terminals=terminals, persistence=persistent)
        self.persistent = persistent

    def kill9(self) -> None:
        """``kill -9``: no goodbye, nothing saved since the last autosave."""
        self.kill()

    def restart(self, how: Literal["sigterm", "kill9"], down_s: float) -> None:
        if how == "kill9":
            self.kill9()
        else:
            self.stop()
        time.sleep(down_s)
        deadline = time.monotonic() + 10
        while True:  # the port was ours a moment ago; a lingering socket may hold it briefly
            try:
                self.start()
                return
            except TimeoutError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)


def _login_toml(login: tuple[str, str]) -> str:
    return f"username = {json.dumps(login[0])}\npassword = {json.dumps(login[1])}"


# ---- the hall server --------------------------------------------------------------------------------

_DUP_RE = re.compile(r'^zizhu_hall_messages_total\{kind="event",outcome="duplicate"\}\s+([0-9.e+]+)', re.M)
_CONNECTED_RE = re.compile(r"^zizhu_hall_broker_connected\s+([0-9.e+]+)", re.M)


class HallProcess:
    """``zizhu hall --config`` on SQLite, killable and restartable on the same database."""

    def __init__(self, d: Path, broker_port: int, terminals: list[str], login: tuple[str, str]) -> None:
        self.dir = d
        self.db = d / "hall.sqlite3"
        self.http_port = free_port()
        registry = d / "registry.csv"
        registry.write_text("id,name\n" + "".join(f"{t},混沌终端{t}\n" for t in terminals), encoding="utf-8")
        self.config = d / "hall.toml"
        self.config.write_text(f"""kind = "hall"
[hall]
id = "{HALL}"
name = "chaos hall"
[mqtt]
host = "127.0.0.1"
port = {broker_port}
keepalive_s = {HALL_KEEPALIVE_S}
{_login_toml(login)}
[server]
database_url = "sqlite:///{self.db}"
http_host = "127.0.0.1"
http_port = {self.http_port}
registry_file = "{registry}"
""", encoding="utf-8")
        self.proc: subprocess.Popen[bytes] | None = None
        self._log = (d / "hall.log").open("ab")
        self.starts = 0
        self.redelivered_before = 0  # duplicate-event count of earlier incarnations (each starts at 0)
        self.redelivered_now = 0  # the current incarnation's, as last scraped

    def start(self, timeout: float = 40.0) -> None:
        self.proc = subprocess.Popen([sys.executable, "-m", "zizhu", "hall", "--config", str(self.config),
                                      "--json-logs"], cwd=ROOT, stdout=self._log, stderr=subprocess.STDOUT)
        self.starts += 1
        self.redelivered_now = 0
        deadline = time.monotonic() + timeout
        while not self.connected():
            if self.proc.poll() is not None:
                raise RuntimeError(f"the hall server exited with {self.proc.returncode}; see {self.dir}/hall.log")
            if time.monotonic() > deadline:
                raise TimeoutError(f"the hall server was not connected to the broker after {timeout} s")
            time.sleep(0.1)

    def _metrics(self) -> str | None:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.http_port}/metrics", timeout=2) as r:
                text: str = r.read().decode()
                return text
        except OSError:
            return None

    def scrape(self) -> bool | None:
        """Read the duplicate count and the broker connection from /metrics (None: no answer)."""
        text = self._metrics()
        if text is None:
            return None
        m = _DUP_RE.search(text)
        if m:
            self.redelivered_now = max(self.redelivered_now, int(float(m.group(1))))
        c = _CONNECTED_RE.search(text)
        return bool(c and float(c.group(1)) >= 1)

    def connected(self) -> bool:
        return bool(self.proc is not None and self.proc.poll() is None and self.scrape())

    @property
    def redelivered(self) -> int:
        return self.redelivered_before + self.redelivered_now

    def _family(self) -> list[psutil.Process]:
        if self.proc is None:
            return []
        try:
            main = psutil.Process(self.proc.pid)
            return [main, *main.children(recursive=True)]
        except psutil.NoSuchProcess:
            return []

    def kill9(self) -> None:
        """The hall server and its MQTT process die at once, as on a power cut: no goodbye, no ack."""
        self.scrape()
        family = self._family()
        for p in family:
            with contextlib.suppress(psutil.NoSuchProcess):
                p.send_signal(signal.SIGKILL)
        psutil.wait_procs(family, timeout=10)
        if self.proc is not None:
            self.proc.wait(10)
        self.redelivered_before += self.redelivered_now
        self.redelivered_now = 0

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.scrape()
            family = self._family()
            self.proc.terminate()
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                pass
            for p in psutil.wait_procs(family, timeout=5)[1]:  # whatever is still alive
                with contextlib.suppress(psutil.NoSuchProcess):
                    p.kill()
            self.proc.wait(5)
            self.redelivered_before += self.redelivered_now
            self.redelivered_now = 0
        self._log.close()


# ---- the partition proxy -------------------------------------------------------------------------

def _rst_close(sock: socket.socket) -> None:
    """Close with a reset (SO_LINGER 0): the peer learns at once, as from a dead NAT or a pulled cable."""
    with contextlib.suppress(OSError):
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    with contextlib.suppress(OSError):
        sock.close()


class PartitionProxy:
    """A loopback TCP proxy between one agent and the broker; :meth:`cut` and :meth:`heal` it.

    ``reset``: every connection reset, new ones refused (accepted and reset) until healed.
    ``blackhole``: nothing passes either way and nothing is closed (a silent network); bytes are
    dropped, ends that give up are not told to the other side; healing resets whatever is left.
    One thread; the bench thread's orders reach it through a socket pair.
    """

    def __init__(self, upstream_port: int) -> None:
        self.upstream = ("127.0.0.1", upstream_port)
        self.listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(64)
        self.listener.setblocking(False)
        self.port: int = self.listener.getsockname()[1]
        self.mode: Literal["open", "reset", "blackhole"] = "open"
        self._peer: dict[socket.socket, socket.socket | None] = {}  # each end → the other (None: held alone)
        self._sel = selectors.DefaultSelector()
        self._sel.register(self.listener, selectors.EVENT_READ, "listen")
        self._wake_r, self._wake_w = socket.socketpair()
        self._sel.register(self._wake_r, selectors.EVENT_READ, "wake")
        self._orders: list[tuple[str, threading.Event]] = []
        self._lock = threading.Lock()
        self._stop = False
        self.cuts = 0
        self._thread = threading.Thread(target=self._run, name="chaos-proxy", daemon=True)
        self._thread.start()

    def _order(self, what: str) -> None:
        done = threading.Event()
        with self._lock:
            self._orders.append((what, done))
        self._wake_w.send(b"!")
        if not done.wait(5):
            raise TimeoutError(f"the partition proxy did not carry out {what!r}")

    def cut(self, mode: Literal["reset", "blackhole"]) -> None:
        self._order(mode)
        self.cuts += 1

    def heal(self) -> None:
        self._order("open")

    def close(self) -> None:
        self._stop = True
        with contextlib.suppress(OSError):
            self._wake_w.send(b"!")
        self._thread.join(5)

    def _drop(self, sock: socket.socket, *, tell_peer: bool) -> None:
        peer = self._peer.pop(sock, None)
        with contextlib.suppress(KeyError, ValueError):
            self._sel.unregister(sock)
        _rst_close(sock)
        if peer is not None:
            self._peer[peer] = None
            if tell_peer:
                self._drop(peer, tell_peer=False)

    def _reset_all(self) -> None:
        for sock in list(self._peer):
            if sock in self._peer:
                self._drop(sock, tell_peer=True)

    def _run(self) -> None:
        try:
            while not self._stop:
                for key, _ in self._sel.select(0.2):
                    if key.data == "listen":
                        self._accept()
                    elif key.data == "wake":
                        self._carry_out()
                    else:
                        self._pump(key.fileobj)  # type: ignore[arg-type]
        finally:
            self._reset_all()
            self._sel.close()
            self.listener.close()
            self._wake_r.close()
            self._wake_w.close()

    def _carry_out(self) -> None:
        with contextlib.suppress(OSError):
            self._wake_r.recv(4096)
        with self._lock:
            orders, self._orders = self._orders, []
        for what, done in orders:
            if what == "reset":
                self._reset_all()
            elif what == "open" and self.mode == "blackhole":
                self._reset_all()  # both ends have given up on these by now; the network is back
            self.mode = what  # type: ignore[assignment]
            done.set()

    def _accept(self) -> None:
        try:
            client, _ = self.listener.accept()
        except OSError:
            return
        if self.mode == "reset":
            _rst_close(client)  # refused
            return
        client.settimeout(5)
        if self.mode == "blackhole":  # the agent's SYN would go unanswered; an open socket that says nothing
            self._peer[client] = None
            self._sel.register(client, selectors.EVENT_READ, "conn")
            return
        try:
            upstream = socket.create_connection(self.upstream, timeout=5)
        except OSError:
            _rst_close(client)
            return
        upstream.settimeout(5)
        self._peer[client], self._peer[upstream] = upstream, client
        self._sel.register(client, selectors.EVENT_READ, "conn")
        self._sel.register(upstream, selectors.EVENT_READ, "conn")

    def _pump(self, sock: socket.socket) -> None:
        if sock not in self._peer:
            return
        try:
            data = sock.recv(65536)
        except OSError:
            data = b""
        if not data:  # this end closed
            # in a blackhole the other end hears nothing of it; otherwise the close passes on
            self._drop(sock, tell_peer=self.mode != "blackhole")
            return
        peer = self._peer.get(sock)
        if self.mode != "open" or peer is None:
            return  # dropped on the floor
        try:
            peer.sendall(data)
        except OSError:
            self._drop(sock, tell_peer=True)


# ---- agents and their kiosks ----------------------------------------------------------------------------

@dataclass
class SpoolCount:
    last_seq: int = 0
    pending: int = 0
    dropped: int = 0


def read_spool(path: Path) -> SpoolCount | None:
    """The agent's counters from its spool file (read while it runs: WAL lets a reader in)."""
    if not path.exists():
        return None
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
        try:
            meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
            pending = int(db.execute("SELECT COUNT(*) FROM spool").fetchone()[0])
            top = db.execute("SELECT MAX(seq) FROM spool").fetchone()[0]
        finally:
            db.close()
    except sqlite3.Error:
        return None
    return SpoolCount(last_seq=max(int(meta.get("seq", 0)), int(top or 0)), pending=pending,
                      dropped=int(meta.get("dropped", 0)))


class AgentProcess:
    """``zizhu agent --config`` for one terminal, and the fake kiosk that feeds it fault events."""

    def __init__(self, d: Path, terminal: str, port: int, toggle_s: float, login: tuple[str, str]) -> None:
        self.dir = d
        self.terminal = terminal
        self.toggle_s = toggle_s
        d.mkdir(parents=True, exist_ok=True)
        self.socket_path = d / "agent.sock"
        self.spool_path = d / "spool.sqlite3"
        self.log_path = d / "agent.log"
        self.config = d / "terminal.toml"
        self.config.write_text(f"""kind = "terminal"
[terminal]
id = "{terminal}"
hall = "{HALL}"
[mqtt]
host = "127.0.0.1"
port = {port}
keepalive_s = {AGENT_KEEPALIVE_S}
{_login_toml(login)}
[agent]
socket_path = "{self.socket_path}"
spool_path = "{self.spool_path}"
heartbeat_s = 1
poll_s = 1
app_frozen_after_s = 15
reconnect_min_s = 0.2
reconnect_max_s = 2
restart_app_command = []
""", encoding="utf-8")
        self.proc: subprocess.Popen[bytes] | None = None
        self._log = self.log_path.open("ab")
        self.kiosk: AgentClient | None = None
        self.toggles = 0
        self._toggling = threading.Event()
        self._quit = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self.proc = subprocess.Popen([sys.executable, "-m", "zizhu", "agent", "--config", str(self.config),
                                      "--log-json", "--log-level", "INFO"],
                                     cwd=ROOT, stdout=self._log, stderr=subprocess.STDOUT)

    def connect_kiosk(self, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while not self.socket_path.exists():
            if self.proc is not None and self.proc.poll() is not None:
                raise RuntimeError(f"agent {self.terminal} exited with {self.proc.returncode}; see {self.log_path}")
            if time.monotonic() > deadline:
                raise TimeoutError(f"agent {self.terminal} opened no local channel within {timeout} s")
            time.sleep(0.05)
        self.kiosk = AgentClient(self.socket_path, reconnect_s=0.2)
        self.kiosk.start()
        if not self.kiosk.wait_connected(deadline - time.monotonic()):
            raise TimeoutError(f"the kiosk of {self.terminal} could not connect")
        self.kiosk.devices([_printer(PaperLevel.FULL)])
        self.kiosk.heartbeat()
        self._thread = threading.Thread(target=self._feed, name=f"chaos-kiosk-{self.terminal}", daemon=True)
        self._thread.start()

    def _feed(self) -> None:
        """Heartbeats always (a silent kiosk is a fault of its own); paper toggles while streaming."""
        assert self.kiosk is not None
        out = False
        last_beat = 0.0
        while not self._quit.wait(self.toggle_s):
            now = time.monotonic()
            if now - last_beat >= 0.5:
                self.kiosk.heartbeat()
                last_beat = now
            if self._toggling.is_set() or out:  # toggling stops with the paper back in
                out = not out
                if self.kiosk.devices([_printer(PaperLevel.OUT if out else PaperLevel.FULL)]):
                    self.toggles += 1

    def toggling(self, on: bool) -> None:
        if on:
            self._toggling.set()
        else:
            self._toggling.clear()

    def spool(self) -> SpoolCount | None:
        return read_spool(self.spool_path)

    @property
    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def stop(self) -> None:
        """The agent first (SIGTERM: it says goodbye), then its kiosk: a kiosk leaving first is a fault event."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        self._quit.set()
        if self._thread is not None:
            self._thread.join(5)
        if self.kiosk is not None:
            self.kiosk.close()
        self._log.close()

    def accepted_events(self) -> dict[int, tuple[str, str, datetime]]:
        """seq → (fault, action, when) of every event the agent logged accepting (``fault X raised (seq n)``)."""
        out: dict[int, tuple[str, str, datetime]] = {}
        pattern = re.compile(r"^fault (\S+) (raised|cleared) \(seq (\d+)\)$")
        with contextlib.suppress(OSError), self.log_path.open(encoding="utf-8", errors="replace") as f:
            for line in f:
                try:
                    doc = json.loads(line)
                except ValueError:
                    continue
                m = pattern.match(str(doc.get("msg", ""))) if isinstance(doc, dict) else None
                if m:
                    out[int(m.group(3))] = (m.group(1), m.group(2), datetime.fromisoformat(doc["ts"]))
        return out


def _printer(paper: PaperLevel) -> PrinterStatus:
    return PrinterStatus(name="printer", state=DeviceState.ONLINE, cover_open=False,
                         stations={"receipt": PrinterStation(paper=paper, online=True)})


# ---- what the hall stored ------------------------------------------------------------------------

def _hall_db(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10)


def stored_seqs(db_path: Path) -> dict[str, set[int]]:
    """terminal → the seqs the hall committed: events, and command results once those are numbered."""
    out: dict[str, set[int]] = {}
    if not db_path.exists():
        return out
    try:
        db = _hall_db(db_path)
        try:
            tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            queries = ["SELECT terminal_id, seq FROM events_seen"]
            if "command_results" in tables:
                queries.append("SELECT terminal_id, seq FROM command_results WHERE seq IS NOT NULL")
            for q in queries:
                for tid, seq in db.execute(q):
                    out.setdefault(str(tid), set()).add(int(seq))
        finally:
            db.close()
    except sqlite3.Error:
        pass
    return out


def incident_changes(db_path: Path, fault: str) -> tuple[dict[str, int], dict[str, bool]]:
    """terminal → how often the hall changed the state of ``fault`` (opened, reopened, resolved);
    terminal → whether its incident is open at the end."""
    changes: dict[str, int] = {}
    open_now: dict[str, bool] = {}
    db = _hall_db(db_path)
    try:
        for tid, action in db.execute(
                "SELECT i.terminal_id, l.action FROM incident_log l JOIN incidents i ON i.id = l.incident_id "
                "WHERE i.fault_code = ? AND l.action IN ('opened', 'reopened', 'resolved') ORDER BY l.id", (fault,)):
            changes[str(tid)] = changes.get(str(tid), 0) + 1
            open_now[str(tid)] = action != "resolved"
    finally:
        db.close()
    return changes, open_now


# ---- one row --------------------------------------------------------------------------------------

@dataclass
class RowResult:
    key: str
    title: str
    reps: int
    sent: int = 0
    stored: int = 0
    lost: int = 0
    duplicated: int = 0
    redelivered: int = 0
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)

    def figures(self) -> dict[str, Any]:
        return {"reps": self.reps, "sent": self.sent, "stored": self.stored, "lost": self.lost,
                "duplicated": self.duplicated, "redelivered": self.redelivered, "seconds": round(self.seconds, 1),
                "notes": self.notes}


@dataclass
class World:
    """One row's processes."""

    opts: Options
    broker: ChaosBroker
    hall: HallProcess
    agents: list[AgentProcess]
    proxies: list[PartitionProxy]
    faults_at: list[datetime] = field(default_factory=list)  # when each fault struck (UTC)


FaultAction = Callable[[World, int], None]


def _broker(how: Literal["sigterm", "kill9"]) -> FaultAction:
    def strike(w: World, _rep: int) -> None:
        w.broker.restart(how, down_s=0.5)
    return strike


def _hall_kill(w: World, _rep: int) -> None:
    w.hall.kill9()
    time.sleep(0.5)
    w.hall.start()


def _partition(mode: Literal["reset", "blackhole"], cut_s: float) -> FaultAction:
    def strike(w: World, rep: int) -> None:
        cut = [p for i, p in enumerate(w.proxies) if (i + rep) % 2 == 0]  # every other agent, alternating
        for p in cut:
            p.cut(mode)
        time.sleep(cut_s)
        for p in cut:
            p.heal()
    return strike


@dataclass(frozen=True)
class RowKind:
    title: str
    strike: FaultAction
    persistence: bool = False
    proxy: bool = False


ROW_KINDS: dict[str, RowKind] = {
    "broker-sigterm-persist": RowKind("broker SIGTERM restart, persistence on", _broker("sigterm"), persistence=True),
    "broker-sigterm-nopersist": RowKind("broker SIGTERM restart, persistence off", _broker("sigterm")),
    "broker-kill9-nopersist": RowKind("broker kill -9, persistence off", _broker("kill9")),
    "broker-kill9-persist": RowKind(f"broker kill -9, persistence on (autosave {shipped_autosave_s()} s)",
                                    _broker("kill9"), persistence=True),
    "hall-kill9": RowKind("hall server kill -9 + restart", _hall_kill),
    "partition-reset": RowKind("agent partition: connection reset 2 s", _partition("reset", 2.0), proxy=True),
    # 7 s: past the broker's keepalive timeout (1.5 × 2 s, and Mosquitto's coarse timer) and the agent's own
    "partition-blackhole": RowKind("agent partition: silent drop 7 s", _partition("blackhole", 7.0), proxy=True),
}


def _wait_drained(w: World, terminals: list[str], deadline_s: float, settle_s: float) -> str | None:
    """Until every spool is empty and the hall has stored all, or stored nothing new for ``settle_s``
    while connected with the spools empty. None, or why it stopped waiting."""
    t_end = time.monotonic() + deadline_s
    last_stored, stable_since = -1, time.monotonic()
    while True:
        counts = [a.spool() for a in w.agents]
        sent = sum(c.last_seq for c in counts if c is not None)
        pending = sum(c.pending for c in counts if c is not None)
        stored_map = stored_seqs(w.hall.db)
        stored = sum(len(stored_map.get(t, ())) for t in terminals)
        now = time.monotonic()
        if stored != last_stored:
            last_stored, stable_since = stored, now
        connected = w.hall.connected()
        if not connected:
            stable_since = now
        if pending == 0 and stored >= sent:
            return None
        if pending == 0 and now - stable_since >= settle_s:
            return None  # settled short of everything: the rest is lost
        if now > t_end:
            return (f"stopped waiting after {deadline_s:.0f} s: {pending} event(s) still in the agents' spools, "
                    f"hall {'connected' if connected else 'NOT connected'}")
        dead = [a.terminal for a in w.agents if not a.alive]
        if dead:
            return f"agent(s) {', '.join(dead)} exited during the row"
        time.sleep(0.25)


def _describe_losses(lost: dict[str, list[int]], accepted: dict[str, Accepted],
                     faults_at: list[datetime]) -> str | None:
    """When the lost events were accepted, in seconds from the nearest fault (negative: before it)."""
    offsets: list[float] = []
    for tid, seqs in lost.items():
        for seq in seqs:
            info = accepted.get(tid, {}).get(seq)
            if info is not None and faults_at:
                offsets.append(min(((info[2] - f).total_seconds() for f in faults_at), key=abs))
    if not offsets:
        return None
    return (f"{len(offsets)} lost event(s) were accepted {min(offsets):+.1f} … {max(offsets):+.1f} s from the "
            f"nearest fault")


def _ranges(seqs: list[int]) -> str:
    out: list[str] = []
    start = prev = None
    for s in sorted(seqs):
        if start is None:
            start = prev = s
        elif prev is not None and s == prev + 1:
            prev = s
        else:
            out.append(f"{start}" if start == prev else f"{start}..{prev}")
            start = prev = s
    if start is not None:
        out.append(f"{start}" if start == prev else f"{start}..{prev}")
    return ", ".join(out[:6]) + (f" (+{len(out) - 6} more ranges)" if len(out) > 6 else "")


Accepted = dict[int, tuple[str, str, datetime]]  # seq → (fault, action, when), as the agent logged it


@dataclass
class Observed:
    """What one row left behind, by terminal: the agents' spools and logs, the hall's database."""

    spools: dict[str, SpoolCount | None]
    accepted: dict[str, Accepted]
    stored: dict[str, set[int]]
    changes: tuple[dict[str, int], dict[str, bool]]  # of the streamed fault, see incident_changes()
    faults_at: list[datetime]


def account(res: RowResult, terminals: list[str], seen: Observed) -> None:
    """Sent, stored, lost and duplicated of one row, and notes on anything odd."""
    changes, open_now = seen.changes
    lost: dict[str, list[int]] = {}
    for t in terminals:
        c = seen.spools.get(t) or SpoolCount()
        accepted = seen.accepted.get(t, {})
        sent = set(range(1, c.last_seq + 1))
        got = seen.stored.get(t, set())
        res.sent += len(sent)
        res.stored += len(sent & got)
        missing = sorted(sent - got)
        if missing:
            lost[t] = missing
        res.lost += len(missing)
        if got - sent:
            res.notes.append(f"{t}: {len(got - sent)} stored seq(s) the agent never accepted")
        if c.dropped:
            res.notes.append(f"{t}: the agent's spool dropped {c.dropped} event(s) (full)")
        if c.pending:
            res.notes.append(f"{t}: {c.pending} message(s) still in the agent's spool at the end")
        if accepted and len(accepted) != c.last_seq:
            res.notes.append(f"{t}: the agent's log names {len(accepted)} events, its spool {c.last_seq}")
        ours = sorted((seq, action) for seq, (fault, action, _at) in accepted.items() if fault == FAULT)
        # each of the agent's events changes the fault's state once; the hall's changes beyond them
        # are events (or stale snapshots) applied again
        res.duplicated += max(0, changes.get(t, 0) - len(ours))
        final_open = bool(ours) and ours[-1][1] == "raised"
        if open_now.get(t, False) != final_open:
            res.notes.append(f"{t}: the hall's {FAULT} incident is {'open' if open_now.get(t) else 'closed'}, "
                             f"the terminal's fault is {'raised' if final_open else 'cleared'}")
    if lost:
        worst = max(lost, key=lambda t: len(lost[t]))
        res.notes.append(f"lost on {worst}: seq {_ranges(lost[worst])}")
        where = _describe_losses(lost, seen.accepted, seen.faults_at)
        if where:
            res.notes.append(where)


def run_row(key: str, opts: Options, base: Path) -> RowResult:
    kind = ROW_KINDS[key]
    res = RowResult(key, kind.title, opts.reps)
    d = base / key
    d.mkdir(parents=True, exist_ok=True)
    terminals = [f"c{i + 1:02d}" for i in range(opts.agents)]
    t_start = time.monotonic()
    with contextlib.ExitStack() as stack:
        broker = ChaosBroker(kind.persistence, terminals)
        stack.callback(broker.cleanup)
        broker.start()
        hall = HallProcess(d, broker.port, terminals, broker.hall_login())
        stack.callback(hall.stop)
        hall.start()
        proxies: list[PartitionProxy] = []
        agents: list[AgentProcess] = []
        for t in terminals:
            port = broker.port
            if kind.proxy:
                proxy = PartitionProxy(broker.port)
                stack.callback(proxy.close)
                proxies.append(proxy)
                port = proxy.port
            agent = AgentProcess(d / t, t, port, opts.toggle_s, broker.terminal_login(t))
            stack.callback(agent.stop)  # the agents stop first (callbacks run last-in, first-out)
            agents.append(agent)
            agent.start()
        for agent in agents:
            agent.connect_kiosk()
        world = World(opts, broker, hall, agents, proxies)

        for agent in agents:
            agent.toggling(True)
        for rep in range(opts.reps):
            time.sleep(opts.gap_s)
            world.faults_at.append(datetime.now().astimezone())
            kind.strike(world, rep)
        time.sleep(opts.gap_s)
        for agent in agents:
            agent.toggling(False)
        time.sleep(max(0.5, 3 * opts.toggle_s))  # the last toggles reach the agents' spools
        problem = _wait_drained(world, terminals, opts.drain_s, opts.settle_s)
        if problem:
            res.notes.append(problem)
        res.seconds = time.monotonic() - t_start

        for agent in agents:
            agent.stop()
        hall.stop()
        seen = Observed(spools={a.terminal: a.spool() for a in agents},
                        accepted={a.terminal: a.accepted_events() for a in agents},
                        stored=stored_seqs(hall.db), changes=incident_changes(hall.db, FAULT),
                        faults_at=world.faults_at)
        res.redelivered = hall.redelivered
    account(res, terminals, seen)
    if opts.keep is None:
        shutil.rmtree(d, ignore_errors=True)
    return res


# ---- the whole run ---------------------------------------------------------------------------------

class _TableResult(Result):
    """Prints its rows as lines of a table (the label is the line), not as aligned label/value pairs."""

    def print(self) -> None:
        print(f"== bench {self.name}")
        for label, value in self.rows:
            print(f"  {label}  {value}".rstrip())
        print(json.dumps({"bench": self.name, **self.figures}, ensure_ascii=False))


HEADER = f"{'fault kind':<48} {'reps':>4} {'sent':>6} {'stored':>6} {'lost':>6} {'dup':>4} {'redeliv':>7} {'time':>7}"


def format_row(r: RowResult) -> str:
    return (f"{r.title:<48} {r.reps:>4} {r.sent:>6} {r.stored:>6} {r.lost:>6} {r.duplicated:>4} "
            f"{r.redelivered:>7} {r.seconds:>6.1f}s")


def run_chaos(opts: Options, progress: Callable[[str], None] | None = None) -> list[RowResult]:
    """Every row of ``opts``, one after the other; the processes of each are gone when it returns."""
    base_cm: contextlib.AbstractContextManager[str]
    if opts.keep is not None:
        opts.keep.mkdir(parents=True, exist_ok=True)
        base_cm = contextlib.nullcontext(str(opts.keep))
    else:
        base_cm = tempfile.TemporaryDirectory(prefix="zizhu-chaos-")
    out: list[RowResult] = []
    with base_cm as base:
        for key in opts.rows:
            r = run_row(key, opts, Path(base))
            out.append(r)
            if progress is not None:
                progress(format_row(r))
    return out


@contextlib.contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    """SIGTERM to the bench unwinds like Ctrl-C, so every process it started is stopped."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def _raise(_sig: int, _frame: object) -> None:
        raise KeyboardInterrupt

    old = signal.signal(signal.SIGTERM, _raise)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, old)


def parse_options(argv: list[str]) -> Options:
    p = argparse.ArgumentParser(prog="python -m bench chaos", description=__doc__.split("\n\n")[0] if __doc__ else "")
    p.add_argument("--quick", action="store_true", help="the small run of the test suite (2 agents, 2 rows)")
    p.add_argument("--rows", default=None, help=f"comma-separated, of: {', '.join(ALL_ROWS)}")
    p.add_argument("--agents", type=int, default=None)
    p.add_argument("--reps", type=int, default=None, help="faults per row")
    p.add_argument("--keep", type=Path, default=None, help="keep each row's databases and logs in this directory")
    a = p.parse_args(argv)
    base = quick_options() if a.quick or os.environ.get("ZIZHU_BENCH_CHAOS_QUICK") else Options(rows=ALL_ROWS)
    rows = tuple(r.strip() for r in a.rows.split(",")) if a.rows else base.rows
    unknown = [r for r in rows if r not in ROW_KINDS]
    if unknown:
        p.error(f"unknown row(s) {', '.join(unknown)}; choose from {', '.join(ALL_ROWS)}")
    return Options(rows=rows, agents=a.agents or base.agents, reps=a.reps or base.reps, toggle_s=base.toggle_s,
                   gap_s=base.gap_s, drain_s=base.drain_s, settle_s=base.settle_s, keep=a.keep)


def run(argv: list[str] | None = None) -> Result:
    opts = parse_options(argv or [])
    if shutil.which("mosquitto") is None and not Path("/usr/sbin/mosquitto").exists():
        raise FileNotFoundError("mosquitto is not installed")
    res = _TableResult("chaos")
    # the fake kiosks' client warns on stderr when its agent stops: expected here, every row
    logging.getLogger("zizhu.agent.client").setLevel(logging.ERROR)
    print(f"chaos: {opts.agents} agents, {opts.reps} fault(s) per row, a paper toggle every "
          f"{opts.toggle_s * 1000:.0f} ms per agent; agent keepalive {AGENT_KEEPALIVE_S} s, reconnect 0.2–2 s",
          file=sys.stderr)
    print(HEADER, file=sys.stderr)
    with _sigterm_as_interrupt():
        rows = run_chaos(opts, progress=lambda line: print(line, file=sys.stderr, flush=True))
    res.add(HEADER, "")
    for r in rows:
        res.add(format_row(r), "")
        for note in r.notes:
            res.add(f"    {note}", "")
        res.figures[r.key] = r.figures()
    res.add("duplicated: effects applied twice (incident-log changes beyond the agent's events); "
            "redeliv: copies refused by seq (harmless)", "")
    ok = all(r.lost == 0 and r.duplicated == 0 for r in rows)
    res.add("target: 0 lost, 0 duplicated in every row", "met" if ok else "NOT met")
    res.figures["target_met"] = ok
    return res


def main(argv: list[str]) -> int:
    t0 = time.monotonic()
    result = run(argv)
    result.add("wall time of this bench", time.monotonic() - t0, "s", digits=1)
    result.print()
    return 0 if result.figures.get("target_met") else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

