"""Ratings and complaints soak: rounds of a network cut, an agent ``kill -9`` mid-burst and a heal,
against a real broker, a real agent process and a real hall server. Target: 0 lost, 0 twice, no
phone number in clear on the broker. ``python -m bench feedback [--rounds N] [--per-round M]``.

Figures: the kiosk's wait for ``accepted`` (p50, p99: the spool's fsync), and per round the time from
the heal until the hall has stored every message of the round.
"""

from __future__ import annotations

import argparse
import logging
import signal
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

import paho.mqtt.client as mqtt
from paho.mqtt.enums import CallbackAPIVersion, MQTTProtocolVersion
from sqlalchemy import func, select

from bench.chaos import PartitionProxy
from bench.common import Result, percentile
from hall_server.config import FeedbackConfig, HallConfig, HallInfo, HallServerConfig
from hall_server.db import Complaint, Rating
from hall_server.keys import write_keypair
from hall_server.service import HallService
from terminal.client import AgentClient, AgentUnavailable
from wire.connection import MqttConfig
from wire.feedback import CATEGORIES, new_id
from zizhu.broker import MosquittoBroker

HALL, TERM = "soak", "s01"
ROOT = Path(__file__).resolve().parents[1]


def parse_options(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m bench feedback")
    p.add_argument("--rounds", type=int, default=5)
    p.add_argument("--per-round", type=int, default=40, help="ratings and complaints per round (half each)")
    return p.parse_args(argv)


def _phone(n: int) -> str:
    return f"139{n:08d}"


def _wait(pred: object, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not pred():  # type: ignore[operator]
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out after {timeout} s waiting for {what}")
        time.sleep(0.05)


def run(argv: list[str] | None = None) -> Result:
    opts = parse_options(argv or [])
    logging.getLogger("zizhu.agent.client").setLevel(logging.ERROR)
    res = Result("feedback")
    with tempfile.TemporaryDirectory(prefix="zizhu-bench-feedback-") as d, \
            MosquittoBroker(hall=HALL, terminals=[TERM]) as broker:
        work = Path(d)
        key = work / "hall.key"
        public = write_keypair(key)
        hall_user, hall_pw = broker.hall_login()
        svc = HallService(HallConfig(
            hall=HallInfo(id=HALL), mqtt=MqttConfig(port=broker.port, keepalive_s=5, username=hall_user,
                                                    password=hall_pw),
            server=HallServerConfig(database_url=f"sqlite:///{work}/hall.sqlite3", http_port=0, tick_s=0.2),
            feedback=FeedbackConfig(private_key_file=key)))
        svc.start(http=False)
        proxy = PartitionProxy(broker.port)
        user, pw = broker.terminal_login(TERM)
        config = work / "terminal.toml"
        config.write_text(f"""kind = "terminal"
[terminal]
id = "{TERM}"
hall = "{HALL}"
[mqtt]
host = "127.0.0.1"
port = {proxy.port}
keepalive_s = 2
username = "{user}"
password = "{pw}"
[agent]
socket_path = "{work}/agent.sock"
spool_path = "{work}/spool.sqlite3"
heartbeat_s = 1
expect_app = false
reconnect_min_s = 0.2
reconnect_max_s = 1
hall_ack_timeout_s = 1
""", encoding="utf-8")
        seen: list[bytes] = []
        spy = mqtt.Client(CallbackAPIVersion.VERSION2, client_id="bench-feedback-spy",
                          protocol=MQTTProtocolVersion.MQTTv5)
        spy.username_pw_set(*broker.observer_login())
        spy.on_connect = lambda c, *_: c.subscribe("#", qos=1)
        spy.on_message = lambda _c, _u, m: seen.append(bytes(m.payload))
        spy.connect("127.0.0.1", broker.port)
        spy.loop_start()

        def agent() -> subprocess.Popen[bytes]:
            log = (work / "agent.log").open("ab")
            return subprocess.Popen([sys.executable, "-m", "zizhu", "agent", "--config", str(config),
                                     "--log-level", "WARNING"], cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)

        proc = agent()
        kiosk = AgentClient(work / "agent.sock", reconnect_s=0.1)
        kiosk.start()
        waits: list[float] = []
        drains: list[float] = []
        sent: set[str] = set()
        phones: list[str] = []
        retried = 0
        try:
            _wait(lambda: kiosk.connected, 30, "the kiosk on the agent")
            for rnd in range(opts.rounds):
                proxy.cut("reset")
                for i in range(opts.per_round):
                    if i == opts.per_round // 2:  # kill -9 mid-burst, restart
                        proc.send_signal(signal.SIGKILL)
                        proc.wait(10)
                        _wait(lambda: not kiosk.connected, 10, "the kiosk sees its agent gone")
                        proc = agent()
                        _wait(lambda: kiosk.connected, 30, "the kiosk back on the agent")
                    mid, n = new_id(), rnd * opts.per_round + i
                    t0 = time.monotonic()
                    while True:
                        try:
                            if i % 2:
                                phones.append(_phone(n))
                                kiosk.complain(category=CATEGORIES[n % len(CATEGORIES)], matter=f"第{n}件",
                                               phone=_phone(n), hall_public_key=public, complaint_id=mid,
                                               filed_at=datetime.now().astimezone())
                            else:
                                kiosk.rate(item_code=f"item-{n % 7}", item_name="事项", level=n % 5 + 1,
                                           rating_id=mid)
                            break
                        except AgentUnavailable:  # the kiosk retries with the same id, as its pages do
                            retried += 1
                            time.sleep(0.1)
                    waits.append(time.monotonic() - t0)
                    sent.add(mid)
                t_heal = time.monotonic()
                proxy.heal()

                def stored() -> int:
                    with svc.sessions() as s:
                        return int((s.scalar(select(func.count()).select_from(Rating)) or 0)
                                   + (s.scalar(select(func.count()).select_from(Complaint)) or 0))

                _wait(lambda: stored() >= len(sent), 120, f"round {rnd + 1} stored")
                drains.append(time.monotonic() - t_heal)
            time.sleep(1.0)  # late duplicates, if any, would land now
            with svc.sessions() as s:
                ids = set(s.scalars(select(Rating.id))) | set(s.scalars(select(Complaint.id)))
                rows = int((s.scalar(select(func.count()).select_from(Rating)) or 0)
                           + (s.scalar(select(func.count()).select_from(Complaint)) or 0))
        finally:
            kiosk.close()
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
                proc.wait(15)
            spy.loop_stop()
            spy.disconnect()
            proxy.close()
            svc.stop()
        leaks = sum(any(p.encode() in raw for raw in seen) for p in phones)
        res.add("rounds × messages (cut, kill -9 mid-burst, heal)", f"{opts.rounds} × {opts.per_round}")
        res.add("sent", len(sent), key="sent")
        res.add("lost", len(sent - ids), key="lost")
        res.add("stored twice", rows - len(ids), key="duplicated")
        res.add("kiosk retries (agent down)", retried, key="retries")
        res.add("phones in clear on the broker", leaks, key="phone_leaks")
        res.add("wait for accepted p50", percentile(waits, 50) * 1000, "ms", key="accept_p50_ms", digits=1)
        res.add("wait for accepted p99", percentile(waits, 99) * 1000, "ms", key="accept_p99_ms", digits=1)
        res.add("heal → round stored, worst", max(drains), "s", key="drain_worst_s", digits=2)
        if sent - ids or rows != len(ids) or leaks:
            raise AssertionError(f"lost {len(sent - ids)}, twice {rows - len(ids)}, phone leaks {leaks}")
    return res
