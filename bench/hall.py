"""Hall server figures: ingest vs a bare paho subscriber, fault-to-alert latency, dead-terminal
detection against the keepalive, and a hall of 10,000 terminals. All through one real Mosquitto.

(a) Both subscribers drain the same queue: N status messages published while each one's persistent
    session is offline, then timed from CONNACK to the last message handled (applied and committed
    for the hall server, counted for the bare subscriber). Five rounds, each subscriber going first
    in turn; the best round of each counts, and the medians are printed too. Target: hall ≥ 0.8 ×
    bare. The hall server receives in its own MQTT process (hall_server/mqttlink.py), as it runs;
    so the plain subscribers run in spawned processes too, under the same GC settings
    (bench/_baresub.py), not beside this process's heap of queued messages.
(b) From the terminal publishing "paper out" to the local webhook receiving the apprise alert,
    with the default grouping window (0.2 s). Target p99 < 1 s.
(c) A terminal that falls silent (socket left open, no more pings) until the hall has filed
    terminal.offline; the MQTT will fires at 1.5 × keepalive.
(d) 10,000 registered terminals come online (birth + status each), then 60 % drop at once.
"""

from __future__ import annotations

import os
import random
import statistics
import tempfile
import threading
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import paho.mqtt.client as mqtt
import psutil
from paho.mqtt.enums import CallbackAPIVersion
from paho.mqtt.packettypes import PacketTypes
from paho.mqtt.properties import Properties
from sqlalchemy import func, select

from bench._baresub import drain_in_process
from bench.common import Result, percentile
from ground.clock import utcnow
from hall_server.config import AlertsConfig, HallServerConfig
from hall_server.core import OFFLINE
from hall_server.db import Incident
from hall_server.registry import RegistryEntry
from hall_server.service import HallService, tune_gc
from hall_server.simulate import ContractTerminal, WebhookReceiver, healthy_status
from wire.contract import (
    Kind,
    StatePayload,
    StatusPayload,
    hall_subscriptions,
    terminal_topic,
)
from wire.status import (
    AnyDeviceStatus,
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
from zizhu.broker import MosquittoBroker
from zizhu.config import HallConfig, HallInfo, MqttConfig

N_MESSAGES = int(os.environ.get("ZIZHU_BENCH_HALL_MESSAGES", "20000"))
N_TERMINALS_A = 200
N_LATENCY = int(os.environ.get("ZIZHU_BENCH_HALL_ALERTS", "40"))
N_BIG = int(os.environ.get("ZIZHU_BENCH_HALL_TERMINALS", "10000"))


def _wait(pred: Callable[[], object], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not pred():
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out after {timeout}s: {what}")
        time.sleep(0.002)


def realistic_status(i: int, rng: random.Random) -> TerminalStatus:
    """A full terminal: two printer stations, ID card reader, camera, a locker on every fifth."""
    paper = rng.choices([PaperLevel.FULL, PaperLevel.LOW, PaperLevel.OUT], [0.97, 0.02, 0.01])[0]
    devices: list[AnyDeviceStatus] = [
        PrinterStatus(name="printer", state=DeviceState.ONLINE, cover_open=False,
                      stations={"receipt": PrinterStation(paper=paper, online=True),
                                "journal": PrinterStation(paper=PaperLevel.FULL, online=True)}),
        IdCardReaderStatus(name="idcard", state=DeviceState.ONLINE, sam="ok", sam_id="05.01-20230101-0000000001"),
        CameraStatus(name="camera", state=DeviceState.ONLINE, present=True),
    ]
    if i % 5 == 0:
        devices.append(LockerStatus(name="locker", state=DeviceState.ONLINE, boards=[LockerBoardStatus(address=1)],
                                    slots={f"{s:02d}": LockerSlot(door=DoorState.CLOSED, occupied=rng.random() < 0.3)
                                           for s in range(1, 25)}))
    host = HostHealth(power="ac", network_link=True, gateway_reachable=True, backend_reachable=True,
                      broker_rtt_ms=rng.uniform(1, 20), disk_free_percent=rng.uniform(20, 80),
                      cpu_temp_c=rng.uniform(40, 60), memory_percent=rng.uniform(20, 60),
                      uptime_s=rng.uniform(1e3, 1e6))
    return TerminalStatus(devices=devices, host=host, app=AppLiveness(state="running", last_heartbeat=utcnow()))


def _broker(port: int) -> MosquittoBroker:
    """The private broker on ``port`` (with the hall's configuration): whose logins the bench uses."""
    b = MosquittoBroker.serving(port)
    if b is None:
        raise RuntimeError(f"no private broker of ours on port {port}")
    return b


def _config(tmp: Path, hall: str, port: int, client_id: str, alerts: AlertsConfig | None = None) -> HallConfig:
    user, password = _broker(port).hall_login(hall)
    return HallConfig(hall=HallInfo(id=hall, name=f"bench {hall}"),
                      mqtt=MqttConfig(port=port, keepalive_s=10, username=user, password=password),
                      server=HallServerConfig(database_url=f"sqlite:///{tmp}/{hall}.sqlite3", http_port=0,
                                              client_id=client_id, tick_s=0.2),
                      alerts=alerts or AlertsConfig())


def _client(client_id: str, hall: str, port: int, clean: bool) -> mqtt.Client:
    """A subscriber as the hall server is one: its account, a persistent session."""
    c = mqtt.Client(CallbackAPIVersion.VERSION2, client_id=client_id, protocol=mqtt.MQTTv5)
    c.username_pw_set(*_broker(port).hall_login(hall))
    props = Properties(PacketTypes.CONNECT)  # type: ignore[no-untyped-call]
    props.SessionExpiryInterval = 3600
    c.connect("127.0.0.1", port, keepalive=30, clean_start=clean, properties=props)
    return c


def _publish_all(hall: str, port: int, messages: list[tuple[str, bytes, bool]]) -> float:
    """Publish as the hall's terminals, from one client (the broker's benchmark-only fleet account)."""
    pub = mqtt.Client(CallbackAPIVersion.VERSION2, client_id="bench-publisher", protocol=mqtt.MQTTv5)
    pub.username_pw_set(*_broker(port).fleet_login(hall))
    pub.max_queued_messages_set(0)
    pub.max_inflight_messages_set(1000)
    pub.connect("127.0.0.1", port)
    pub.loop_start()
    t0 = time.monotonic()
    infos = [pub.publish(topic, payload, qos=1, retain=retain) for topic, payload, retain in messages]
    for info in infos:
        info.wait_for_publish(60)
    elapsed = time.monotonic() - t0
    pub.disconnect()
    pub.loop_stop()
    return elapsed


def _status_messages(hall: str, n: int, terminals: int) -> list[tuple[str, bytes, bool]]:
    rng = random.Random(7)
    out = []
    base = [realistic_status(i, rng) for i in range(terminals)]
    for k in range(n):
        i = k % terminals
        st = base[i] if rng.random() > 0.02 else realistic_status(i, rng)  # a few change, most repeat
        payload = StatusPayload(terminal=f"t{i:05d}", session=1, status=st, faults=st.faults()).encode()
        out.append((terminal_topic(hall, f"t{i:05d}", Kind.STATUS), payload, True))
    return out


def _hall_drain(tmp: Path, hall: str, port: int, n: int) -> tuple[float, int]:
    """The hall server comes back and drains its queued session: seconds from CONNACK, incidents filed."""
    svc = HallService(_config(tmp, hall, port, "bench-hall"), tick=False)
    svc.start(http=False)
    if not svc.ingest.connected.wait(10):
        raise TimeoutError("hall connected")
    t0 = svc.ingest.connected_at  # from CONNACK, as for the bare subscriber
    if not svc.ingest.wait_handled(n, 300):  # woken once, as the bare subscriber is: no poller steals the GIL
        raise TimeoutError(f"hall drained {svc.ingest.handled}/{n}")
    elapsed = time.monotonic() - t0
    with svc.sessions() as s:
        incidents = s.scalar(select(func.count()).select_from(Incident)) or 0
    svc.stop()
    return elapsed, incidents


def bench_ingest(res: Result, broker: MosquittoBroker, tmp: Path, rounds: int = 5) -> None:
    hall = "bench-a"
    all_messages = _status_messages(hall, N_TERMINALS_A + rounds * N_MESSAGES, N_TERMINALS_A)
    warmup, messages = all_messages[:N_TERMINALS_A], all_messages[N_TERMINALS_A:]
    size = sum(len(p) for _t, p, _r in messages) / len(messages)

    # every subscriber makes its persistent session and leaves; the queue fills; it comes back and drains
    for client_id in ("bench-bare", "bench-validate"):
        c = _client(client_id, hall, broker.port, clean=True)
        c.loop_start()
        c.subscribe([(t, 1) for t in hall_subscriptions(hall)])
        time.sleep(0.3)
        c.disconnect()
        c.loop_stop()
    # the hall knows its terminals already (its steady state): one snapshot of each before it leaves
    svc = HallService(_config(tmp, hall, broker.port, "bench-hall"), tick=False)
    svc.core.import_registry([RegistryEntry(id=f"t{i:05d}") for i in range(N_TERMINALS_A)])
    svc.start(http=False)
    _wait(svc.ingest.connected.is_set, 10, "hall connected")
    _publish_all(hall, broker.port, warmup)
    _wait(lambda: svc.ingest.handled >= N_TERMINALS_A, 60, "hall knows the terminals")
    svc.stop()

    # Rounds, each subscriber draining the same queued messages in turn; the best round of each counts
    # (the machine is shared, so one slow moment should not decide the ratio).
    best: dict[str, float] = {"bare": 0.0, "validate": 0.0, "hall": 0.0}
    every: dict[str, list[float]] = {"bare": [], "validate": [], "hall": []}
    publish_rate = 0.0
    incidents = 0

    def hall_round() -> float:
        nonlocal incidents
        seconds, incidents = _hall_drain(tmp, hall, broker.port, N_MESSAGES)
        return seconds

    for r in range(rounds):
        batch = messages[r * N_MESSAGES:(r + 1) * N_MESSAGES]
        publish_rate = max(publish_rate, N_MESSAGES / _publish_all(hall, broker.port, batch))
        extra = N_TERMINALS_A if r == 0 else 0  # the warm-up snapshots still queued for the plain ones
        drains: dict[str, Callable[[], float]] = {
            "bare": partial(drain_in_process, hall, broker.port, "bench-bare", N_MESSAGES + extra, validate=False),
            "validate": partial(drain_in_process, hall, broker.port, "bench-validate", N_MESSAGES + extra,
                                validate=True),
            "hall": hall_round,
        }
        order = list(drains)
        order = order[r % 3:] + order[:r % 3]  # each goes first in turn: no one always drains a cold cache
        for name in order:
            rate = N_MESSAGES / drains[name]()
            every[name].append(rate)
            best[name] = max(best[name], rate)

    res.add("(a) status messages per round (best of rounds)", f"{N_MESSAGES} ({rounds})", key="a_messages")
    res.add("(a) mean payload size", size, "bytes", key="a_payload_bytes", digits=0)
    res.add("(a) publisher, QoS 1 into the queue", publish_rate, "msg/s", key="a_publish_rate", digits=0)
    res.add("(a) bare paho subscriber drain (counts only)", best["bare"], "msg/s", key="a_bare_rate", digits=0)
    res.add("(a) paho subscriber + contract validation only", best["validate"], "msg/s", key="a_validate_rate",
            digits=0)
    res.add("(a) hall server drain (validated, applied, acked)", best["hall"], "msg/s", key="a_hall_rate", digits=0)
    res.add("(a) hall / bare (target ≥ 0.8)", best["hall"] / best["bare"], key="a_ratio")
    res.add("(a) hall / validate-only", best["hall"] / best["validate"], key="a_ratio_validated")
    # This machine's speed wanders by half from one second to the next: the medians say how steady it is.
    med = {k: statistics.median(v) for k, v in every.items()}
    res.add("(a) medians of rounds: bare / hall", f"{med['bare']:.0f} / {med['hall']:.0f} msg/s",
            key="a_medians")
    res.add("(a) hall / bare, medians of rounds", med["hall"] / med["bare"], key="a_ratio_median")
    res.add("(a) incidents filed from the changing snapshots", incidents, key="a_incidents")


def bench_latency_and_detection(res: Result, broker: MosquittoBroker, tmp: Path) -> None:
    hall = "bench-b"
    webhook = WebhookReceiver().start()
    arrivals: dict[str, float] = {}

    alerts = AlertsConfig(admin=[webhook.url("admin")], maintenance=[webhook.url("maint")],
                          rate_limit_per_minute=1000)
    svc = HallService(_config(tmp, hall, broker.port, "bench-hall-b", alerts))
    svc.start(http=False)
    _wait(svc.ingest.connected.is_set, 10, "hall connected")
    terms = [ContractTerminal(hall, f"t{i:03d}", "127.0.0.1", broker.port) for i in range(N_LATENCY + 1)]
    for t in terms:
        t.start()
        t.status(healthy_status())

    def alert_for(term: str) -> float | None:
        for at, _path, body in webhook.received:
            if term in str(body.get("title")):
                arrivals[term] = at
                return at
        return None

    samples: list[float] = []
    cold = 0.0
    for n, t in enumerate(terms):
        t0 = time.monotonic()
        t.status(healthy_status(PaperLevel.OUT))
        _wait(partial(alert_for, t.terminal), 30, f"alert for {t.terminal}")
        if n == 0:
            cold = arrivals[t.terminal] - t0  # includes importing apprise once
        else:
            samples.append(arrivals[t.terminal] - t0)
    ms = sorted(s * 1000 for s in samples)
    res.add("(b) fault→webhook alerts measured", len(samples), key="b_samples")
    res.add("(b) fault→alert p50", percentile(ms, 50), "ms", key="b_p50_ms", digits=1)
    res.add("(b) fault→alert p99 (target < 1000)", percentile(ms, 99), "ms", key="b_p99_ms", digits=1)
    res.add("(b) first alert (cold: apprise import)", cold * 1000, "ms", key="b_cold_ms", digits=0)

    # (c) silent death: no DISCONNECT, no closed socket, just no more pings
    def all_online(ts: list[ContractTerminal]) -> bool:
        return all((m := svc.core.terminals.get(t.terminal)) is not None and m.online for t in ts)

    wills: dict[str, float] = {}  # terminal → when a plain subscriber saw its will: the broker's share

    def on_will(_c: object, _u: object, m: mqtt.MQTTMessage) -> None:
        if b'"online":false' in m.payload:
            wills.setdefault(m.topic.split("/")[3], time.monotonic())

    watcher = mqtt.Client(CallbackAPIVersion.VERSION2, client_id="bench-will-watch", protocol=mqtt.MQTTv5)
    watcher.username_pw_set(*broker.hall_login(hall))
    watcher.on_message = on_will
    watcher.on_connect = lambda c, *_a: c.subscribe(f"zizhu/v1/{hall}/+/state", qos=1)
    watcher.connect("127.0.0.1", broker.port)
    watcher.loop_start()
    for keepalive in (2, 4):
        # The agent's heartbeat at half its keepalive: two beats + the hall's 1 s margin come at
        # 1 × keepalive + 1 s, before the will (1.5 × keepalive by the spec, ~3 × in Mosquitto 2.0.11).
        dead = [ContractTerminal(hall, f"k{keepalive}-{i}", "127.0.0.1", broker.port, keepalive=keepalive,
                                 heartbeat_s=keepalive / 2) for i in range(3)]
        for t in dead:
            t.start()
            t.beat(healthy_status())
        _wait(partial(all_online, dead), 10, "births")
        time.sleep(keepalive)  # a few beats: the hall has heard them on its own clock
        t0 = time.monotonic()
        for t in dead:  # the processes froze: the socket stays open, nothing more is sent
            threading.Thread(target=t.freeze).start()  # all at once: paho's thread takes up to 1 s to stop
        seen: dict[str, float] = {}

        def filed(dead: list[ContractTerminal] = dead, seen: dict[str, float] = seen) -> bool:
            for t in dead:
                if t.terminal not in seen and (t.terminal, OFFLINE) in svc.core.open:
                    seen[t.terminal] = time.monotonic()
            return len(seen) == len(dead)

        _wait(filed, keepalive * 4 + 10, "offline filed")
        worst = max(seen.values()) - t0
        def willed(dead: list[ContractTerminal] = dead) -> bool:
            return all(t.terminal in wills for t in dead)

        _wait(willed, keepalive * 4 + 10, "wills")
        broker_s = max(wills[t.terminal] for t in dead) - t0
        target = 1.5 * keepalive + 1
        res.add(f"(c) silent terminal → offline incident, keepalive {keepalive} s (target ≤ {target:g})", worst,
                "s", key=f"c_detect_keepalive_{keepalive}_s", digits=2)
        res.add("(c)   the broker's will, for comparison", broker_s, "s",
                key=f"c_will_keepalive_{keepalive}_s", digits=2)
        res.add(f"(c)   as a multiple of keepalive {keepalive} s", worst / keepalive,
                key=f"c_detect_ratio_{keepalive}")
        res.add(f"(c)   hall's heartbeat watch / broker's will, keepalive {keepalive} s", worst / broker_s,
                key=f"c_watch_vs_will_{keepalive}")
        for t in dead:
            sock = t.client.socket()
            if sock is not None:
                sock.close()
    t = terms[-1]
    t0 = time.monotonic()
    t.kill()  # the agent process killed: the broker sees the socket close at once
    _wait(lambda: (t.terminal, OFFLINE) in svc.core.open, 20, "crash filed")
    res.add("(c) crashed agent (socket closed) → offline incident", time.monotonic() - t0, "s",
            key="c_detect_crash_s", digits=3)
    watcher.disconnect()
    watcher.loop_stop()
    for term in terms[:-1]:
        term.stop()
    svc.stop()
    webhook.stop()


def bench_big_hall(res: Result, broker: MosquittoBroker, tmp: Path) -> None:
    hall = "bench-d"
    webhook = WebhookReceiver().start()
    alerts = AlertsConfig(admin=[webhook.url("admin")], maintenance=[webhook.url("maint")],
                          centre=[webhook.url("centre")])
    rss0 = psutil.Process().memory_info().rss  # the bench's own leftovers (message lists of (a)) are in here
    svc = HallService(_config(tmp, hall, broker.port, "bench-hall-d", alerts), tick=True)
    t0 = time.monotonic()
    svc.core.import_registry([RegistryEntry(id=f"t{i:05d}", name=f"终端{i}", phone="13812345678")
                              for i in range(N_BIG)])
    res.add(f"(d) registry import, {N_BIG} terminals", time.monotonic() - t0, "s", key="d_registry_s", digits=2)
    svc.start(http=False)
    _wait(svc.ingest.connected.is_set, 10, "hall connected")
    rng = random.Random(3)
    st = realistic_status(1, rng)
    births: list[tuple[str, bytes, bool]] = []
    for i in range(N_BIG):
        term = f"t{i:05d}"
        births.append((terminal_topic(hall, term, Kind.STATE),
                       StatePayload(terminal=term, online=True, session=1).encode(), True))
        births.append((terminal_topic(hall, term, Kind.STATUS),
                       StatusPayload(terminal=term, session=1, status=st).encode(), True))
    t0 = time.monotonic()
    _publish_all(hall, broker.port, births)
    _wait(lambda: svc.ingest.handled >= len(births), 300, "births handled")
    online_s = time.monotonic() - t0
    res.add(f"(d) {N_BIG} terminals online (birth + status each)", online_s, "s", key="d_online_s", digits=2)
    res.add("(d)   ingest rate while coming online", len(births) / online_s, "msg/s", key="d_online_rate", digits=0)

    down = int(N_BIG * 0.6)
    wills = [(terminal_topic(hall, f"t{i:05d}", Kind.STATE),
              StatePayload(terminal=f"t{i:05d}", online=False, session=1).encode(), True) for i in range(down)]
    handled0 = svc.ingest.handled
    t0 = time.monotonic()
    _publish_all(hall, broker.port, wills)
    _wait(lambda: ("@hall", "hall.terminals_down") in svc.core.open, 120, "system incident")
    system_s = time.monotonic() - t0
    _wait(lambda: svc.ingest.handled - handled0 >= down, 300, "wills handled")
    all_s = time.monotonic() - t0
    _wait(lambda: any("/centre" == p for _t, p, _b in webhook.received), 30, "centre alert")
    time.sleep(max(0.0, 31 - (time.monotonic() - t0)))  # past the correlation hold: held alerts resolve
    svc.core.tick()
    paths = [p for _t, p, _b in webhook.received]
    res.add(f"(d) {down} terminals lost at once → system incident", system_s, "s", key="d_system_incident_s",
            digits=2)
    res.add(f"(d)   all {down} offline incidents filed under it", all_s, "s", key="d_offline_filed_s", digits=2)
    res.add("(d)   alert messages sent (centre / maintenance)", f"{paths.count('/centre')} / {paths.count('/maint')}",
            key="d_alert_messages")
    rss = psutil.Process().memory_info().rss
    res.add(f"(d) hall server memory for {N_BIG} terminals (growth of RSS)", (rss - rss0) / 2**20, "MiB",
            key="d_rss_growth_mib", digits=0)
    res.add("(d) whole bench process resident memory", rss / 2**20, "MiB", key="d_rss_mib", digits=0)
    svc.stop()
    webhook.stop()


def run() -> Result:
    res = Result("hall")
    tune_gc()  # as `zizhu hall` runs; the bare subscribers share this process, so they run under it too
    with tempfile.TemporaryDirectory(prefix="zizhu-bench-hall-") as tmp, MosquittoBroker() as broker:
        bench_ingest(res, broker, Path(tmp))
        bench_latency_and_detection(res, broker, Path(tmp))
        bench_big_hall(res, broker, Path(tmp))
    return res
