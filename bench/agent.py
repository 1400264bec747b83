"""The fleet agent's footprint and its backlog replay (targets: < 40 MB RSS, < 1% of one core).

1. Footprint: `zizhu agent` as a subprocess against a private Mosquitto, with a kiosk pushing
   heartbeats and a device snapshot on the agent's 5 s interval, for ``ZIZHU_BENCH_AGENT_S``
   seconds (default 60). Resident memory and CPU time of the agent process, read with psutil.
2. Replay: a store holding 10,000 undelivered events; a fresh agent connects and feeds them out
   (``max_inflight`` at a time, deleted on PUBACK). Events per second from the birth to the last
   event seen by a subscriber.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Literal

import paho.mqtt.client as mqtt
import psutil
from paho.mqtt.enums import CallbackAPIVersion, MQTTProtocolVersion

from bench.common import Result
from fleet_agent.spool import Spool
from terminal.client import AgentClient
from wire.contract import AckPayload, EventPayload, Kind, decode
from wire.status import DeviceState, PaperLevel, PrinterStation, PrinterStatus
from zizhu.broker import MosquittoBroker
from zizhu.config import load_terminal

ROOT = Path(__file__).resolve().parent.parent
TARGET_RSS_MB = 40.0
TARGET_CPU_PERCENT = 1.0
REPLAY_EVENTS = 10_000
INTERVAL_S = 5.0


def _config(d: Path, port: int) -> Path:
    """Terminal t01 of hall "bench", logged in with its account on the private broker."""
    broker = MosquittoBroker.serving(port)
    user, password = broker.terminal_login("t01", "bench") if broker is not None else ("", "")
    path = d / "terminal.toml"
    path.write_text(f"""
kind = "terminal"
[terminal]
id = "t01"
hall = "bench"
[mqtt]
host = "127.0.0.1"
port = {port}
username = "{user}"
password = "{password}"
keepalive_s = 30
[agent]
socket_path = "{d / 'agent.sock'}"
spool_path = "{d / 'spool.sqlite3'}"
heartbeat_s = {INTERVAL_S}
poll_s = {INTERVAL_S}
app_frozen_after_s = 15
restart_app_command = []
""")
    return path


def _agent(config: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "zizhu", "agent", "--config", str(config), "--log-level", "WARNING"],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


class _Counter:
    """Counts the events that arrive, as the hall server would, and acknowledges them as it does after
    each batch it stores (every ``ACK_EVERY`` events and the last), so the agent forgets its store."""

    ACK_EVERY = 100

    def __init__(self, port: int, topic: str) -> None:
        self.topic = topic
        self.count = 0
        self.seqs: set[int] = set()
        self.acked = 0
        self.birth_at: float | None = None
        self.last_at = 0.0
        self.done = threading.Event()
        self.client = mqtt.Client(CallbackAPIVersion.VERSION2, client_id="bench-counter",
                                  protocol=MQTTProtocolVersion.MQTTv5)
        self.client.on_connect = lambda c, *_: c.subscribe([(topic + "/event", 1), (topic + "/state", 1)])
        self.client.on_message = self._on_message
        broker = MosquittoBroker.serving(port)
        if broker is not None:  # it counts what the hall server receives: the hall's account
            self.client.username_pw_set(*broker.hall_login("bench"))
        self.client.connect("127.0.0.1", port)
        self.client.loop_start()

    def _on_message(self, _c: object, _u: object, msg: mqtt.MQTTMessage) -> None:
        if msg.topic.endswith("/state"):
            if b'"online":true' in msg.payload and self.birth_at is None:
                self.birth_at = time.monotonic()
            return
        self.count += 1
        self.last_at = time.monotonic()
        ev = decode(Kind.EVENT, bytes(msg.payload))
        assert isinstance(ev, EventPayload)
        self.seqs.add(ev.seq)
        if self.count % self.ACK_EVERY == 0 or self.count >= REPLAY_EVENTS:
            n = self.acked
            while n + 1 in self.seqs:
                n += 1
            self.acked = n
            self.client.publish(self.topic + "/ack", AckPayload(terminal="t01", seq=n, epoch=1).encode(), qos=1,
                                retain=True)
        if self.count >= REPLAY_EVENTS:
            self.done.set()

    def close(self) -> None:
        self.client.loop_stop()
        self.client.disconnect()


def _pending(path: Path) -> int:
    """What the running agent's store still holds (read from its file, as a second reader)."""
    probe = Spool(path)
    try:
        return probe.pending()
    finally:
        probe.close()


def footprint(res: Result, broker: MosquittoBroker, d: Path, seconds: float) -> None:
    config = _config(d, broker.port)
    cfg = load_terminal(config)
    proc = _agent(config)
    deadline = time.monotonic() + 30
    while not cfg.agent.socket_path.exists() and time.monotonic() < deadline:
        time.sleep(0.1)  # the agent is up when its local channel is
    kiosk = AgentClient(cfg.agent.socket_path, reconnect_s=0.2)
    kiosk.start()
    try:
        if not kiosk.wait_connected(30):
            raise RuntimeError("the agent did not open its local channel")
        p = psutil.Process(proc.pid)
        printer = PrinterStatus(name="printer", state=DeviceState.ONLINE,
                                stations={"receipt": PrinterStation(paper=PaperLevel.FULL)})
        kiosk.devices([printer])
        kiosk.heartbeat()
        time.sleep(INTERVAL_S)  # start-up (imports, first probe) is not the steady state
        cpu0, t0 = p.cpu_times(), time.monotonic()
        rss: list[float] = []
        uss: list[float] = []
        while time.monotonic() - t0 < seconds:
            kiosk.heartbeat()
            kiosk.devices([printer])
            mem = p.memory_full_info()
            rss.append(mem.rss / 1e6)
            uss.append(mem.uss / 1e6)
            time.sleep(INTERVAL_S)
        cpu1, t1 = p.cpu_times(), time.monotonic()
    finally:
        kiosk.close()
        proc.terminate()
        proc.wait(20)
    cpu_percent = 100 * ((cpu1.user - cpu0.user) + (cpu1.system - cpu0.system)) / (t1 - t0)
    peak = max(rss)
    res.add("footprint run (5 s heartbeat, 5 s poll)", t1 - t0, "s", key="run_s", digits=1)
    res.add("agent RSS peak", peak, "MB", key="rss_peak_mb", digits=1)
    res.add("agent RSS mean", sum(rss) / len(rss), "MB", key="rss_mean_mb", digits=1)
    # RSS counts the pages of shared libraries (libpython, libcrypto, msgspec, sqlite) the kiosk maps too.
    res.add("agent USS peak (memory private to the agent)", max(uss), "MB", key="uss_peak_mb", digits=1)
    res.add("agent CPU (share of one core)", cpu_percent, "%", key="cpu_percent", digits=2)
    rss_ok, cpu_ok = peak < TARGET_RSS_MB, cpu_percent < TARGET_CPU_PERCENT
    res.add(f"target RSS < {TARGET_RSS_MB:.0f} MB", "met" if rss_ok else "NOT met")
    res.add(f"target CPU < {TARGET_CPU_PERCENT:.0f}% of one core", "met" if cpu_ok else "NOT met")
    res.figures["rss_target_met"] = rss_ok
    res.figures["cpu_target_met"] = cpu_ok


def replay(res: Result, broker: MosquittoBroker, d: Path) -> None:
    config = _config(d, broker.port)
    cfg = load_terminal(config)
    spool = Spool(cfg.agent.spool_path, cfg.agent.spool_max_events)
    t0 = time.perf_counter()
    for i in range(REPLAY_EVENTS):
        action: Literal["raised", "cleared"] = "raised" if i % 2 == 0 else "cleared"

        def build(seq: int | None, action: Literal["raised", "cleared"] = action) -> bytes:
            return EventPayload(terminal="t01", seq=seq or 0, session=1, fault="printer.receipt.paper_out",
                                action=action).encode()

        spool.append("event", build)
    accept_s = time.perf_counter() - t0
    spool.close()
    counter = _Counter(broker.port, "zizhu/v1/bench/t01")
    proc = _agent(config)
    try:
        if not counter.done.wait(120) or counter.birth_at is None:
            raise RuntimeError(f"only {counter.count} of {REPLAY_EVENTS} events arrived")
        replay_s = counter.last_at - counter.birth_at
        deadline = time.monotonic() + 60
        while _pending(cfg.agent.spool_path) and time.monotonic() < deadline:
            time.sleep(0.05)  # the agent forgets what the hall acknowledged
        forgotten_s = time.monotonic() - counter.birth_at
    finally:
        counter.close()
        proc.terminate()
        proc.wait(20)
    left = Spool(cfg.agent.spool_path).pending()
    res.add("events accepted into the spool (synchronous=FULL)", REPLAY_EVENTS / accept_s, "events/s",
            key="accept_events_per_s", digits=0)
    res.add(f"replay of {REPLAY_EVENTS:,} stored events, birth → last received", replay_s, "s",
            key="replay_s", digits=2)
    res.add("replay rate", REPLAY_EVENTS / replay_s, "events/s", key="replay_events_per_s", digits=0)
    res.add("birth → the store empty (every event acknowledged by the hall as stored)", forgotten_s, "s",
            key="replay_acked_s", digits=2)
    res.add("events left in the store after replay", left, key="replay_left")


def run() -> Result:
    seconds = float(os.environ.get("ZIZHU_BENCH_AGENT_S", "60"))
    res = Result("agent")
    with MosquittoBroker() as broker, tempfile.TemporaryDirectory(prefix="zizhu-bench-agent-") as tmp:
        a, b = Path(tmp, "footprint"), Path(tmp, "replay")
        a.mkdir()
        b.mkdir()
        footprint(res, broker, a, seconds)
        replay(res, broker, b)
    return res
