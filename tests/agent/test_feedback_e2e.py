"""Ratings and complaints end to end: a real broker, a real agent process, a real hall server.

The network between the terminal and the broker is cut (a TCP proxy that resets everything, as
bench/chaos.py's); the kiosk rates ten services and files ten complaints while it is cut, the agent
is ``kill -9``ed and restarted (and the kiosk sends two of them again, as a kiosk that never heard
``accepted`` would), the link comes back: the hall has every one exactly once, the agent's spool drains, and no phone
number appears in clear in the broker's traffic, the agent's spool, or any log.
"""

from __future__ import annotations

import logging
import signal
import subprocess
import sys
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import msgspec
import pytest
from sqlalchemy import func, select

from bench.chaos import PartitionProxy
from hall_server.config import FeedbackConfig
from hall_server.db import Complaint, Rating, Rectification
from hall_server.keys import write_keypair
from hall_server.service import HallService
from terminal.client import AgentClient
from tests.agent.harness import ROOT, TERM, Watcher, broker_login, write_config
from tests.hall.harness import hall_config
from tests.support import wait_until
from wire.contract import Kind, StatusPayload
from wire.feedback import CATEGORIES, new_id
from zizhu.broker import MosquittoBroker

PHONES = ["13955501234", "0477-8582599", "18612340987", "04718765432", "15004770001", "010-66012345",
          "17747712345", "0471-6667788", "13304770099", "19947701234"]


class RawLog(logging.Handler):
    """Every record of the in-process hall server as written *before* any masking filter: the honest scan."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())
        if record.exc_info:
            self.lines.append(logging.Formatter().formatException(record.exc_info))


@pytest.fixture
def raw_log() -> Iterator[RawLog]:
    h = RawLog()
    root = logging.getLogger()
    old = root.level
    root.addHandler(h)
    root.setLevel(logging.DEBUG)
    yield h
    root.removeHandler(h)
    root.setLevel(old)


def start_agent(config: Path, log: Path) -> subprocess.Popen[bytes]:
    with log.open("ab") as out:
        return subprocess.Popen([sys.executable, "-m", "zizhu", "agent", "--config", str(config), "--log-json",
                                 "--log-level", "DEBUG"], cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)


def stored(svc: HallService) -> tuple[list[str], list[str]]:
    with svc.sessions() as s:
        return list(s.scalars(select(Rating.id))), list(s.scalars(select(Complaint.id)))


class CutRig:
    """A hall server in this process with its key, the terminal's agent process behind a proxy that can
    cut the network, a kiosk's client on the agent's socket, and a listener to everything on the broker."""

    def __init__(self, broker: MosquittoBroker, tmp_path: Path) -> None:
        self.tmp_path = tmp_path
        hall_dir = tmp_path / "hall"
        hall_dir.mkdir()
        key = hall_dir / "feedback.key"
        self.public = write_keypair(key)
        cfg = msgspec.structs.replace(hall_config(hall_dir, broker.port, None),
                                      feedback=FeedbackConfig(private_key_file=key))
        self.svc = HallService(cfg)
        self.svc.start(http=False)
        self.proxy = PartitionProxy(broker.port)
        login = broker_login(broker.port)
        assert login is not None
        self.config = write_config(tmp_path, self.proxy.port,
                                   mqtt_extra=f'username = "{login[0]}"\npassword = "{login[1]}"',
                                   agent_extra="expect_app = false\nhall_ack_timeout_s = 1")
        self.agent_log = tmp_path / "agent.log"
        self.watcher = Watcher(broker.port, topics="#", acks=False)  # plays no hall: only listens to everything
        self.agent = start_agent(self.config, self.agent_log)
        self.kiosk = AgentClient(tmp_path / "agent.sock", reconnect_s=0.1)

    def connect(self) -> None:
        """The hall on the broker, the kiosk on its agent, the terminal online at the hall."""
        wait_until(self.svc.ingest.connected.is_set, what="hall connected")
        self.kiosk.start()
        assert self.kiosk.wait_connected(30)
        wait_until(lambda: (m := self.svc.core.terminals.get(TERM)) is not None and m.online, 30,
                   "the terminal online")

    def spool_bytes(self) -> bytes:
        """Every byte of the agent's spool on disk, its write-ahead log included."""
        return (self.tmp_path / "spool.sqlite3").read_bytes() + b"".join(
            p.read_bytes() for p in self.tmp_path.glob("spool.sqlite3-*"))

    def close(self) -> None:
        self.kiosk.close()
        if self.agent.poll() is None:
            self.agent.send_signal(signal.SIGTERM)
            self.agent.wait(15)
        self.watcher.close()
        self.proxy.close()
        self.svc.stop()


def test_ratings_and_complaints_through_a_cut_and_a_kill9_are_stored_exactly_once_and_no_phone_leaks(
        broker: MosquittoBroker, tmp_path: Path, raw_log: RawLog) -> None:
    rig = CutRig(broker, tmp_path)
    svc, public, proxy, watcher, kiosk = rig.svc, rig.public, rig.proxy, rig.watcher, rig.kiosk
    sent: dict[str, str] = {}
    try:
        rig.connect()

        proxy.cut("reset")  # the network unplugged
        retry: list[tuple[str, str]] = []
        for i in range(10):  # ten services rated, ten complaints filed, all while unplugged
            r = kiosk.rate(item_code=f"item-{i}", item_name="社保卡补换", level=i % 5 + 1, tags=["办事快"])
            sent[r.id] = "rating"
            cid, at = new_id(), datetime.now().astimezone()
            c = kiosk.complain(category=CATEGORIES[i % 5], matter=f"第{i}件：等了两个小时", phone=PHONES[i],
                               hall_public_key=public, complaint_id=cid, filed_at=at)
            sent[c.id] = "complaint"
            if i < 2:
                retry.append((cid, PHONES[i]))
        assert len(sent) == 20

        rig.agent.send_signal(signal.SIGKILL)  # kill -9: no goodbye, nothing flushed but what is on disk
        rig.agent.wait(10)
        wait_until(lambda: not kiosk.connected, 10, "the kiosk sees its agent gone")
        rig.agent = start_agent(rig.config, rig.agent_log)
        wait_until(lambda: kiosk.connected, 30, "the kiosk back on the agent")
        for cid, phone in retry:  # a kiosk that did not hear "accepted" sends the same complaint again
            kiosk.complain(category="投诉", matter="重发", phone=phone, hall_public_key=public, complaint_id=cid)
        assert stored(svc) == ([], [])  # nothing could reach the hall yet

        proxy.heal()  # plugged back in
        wait_until(lambda: sorted(map(len, stored(svc))) == [10, 10], 60, "all twenty at the hall")
        ratings, complaints = stored(svc)
        assert set(ratings) | set(complaints) == set(sent)
        assert {sent[i] for i in ratings} == {"rating"} and {sent[i] for i in complaints} == {"complaint"}
        with svc.sessions() as s:
            assert s.scalar(select(func.count()).select_from(Rectification)) == 4  # levels 1 and 2, twice each
            rows = list(s.scalars(select(Complaint)))
            assert all(c.phone_problem is None and c.phone_masked for c in rows)
            assert all(c.category != "投诉" or c.matter != "重发" for c in rows)  # the re-sends changed nothing
            assert sorted(svc.core.feedback.reveal_phone(s, c.id) for c in rows) == sorted(PHONES)
        # the agent's spool drains: the hall acknowledged every number, the re-sent ones included
        def drained() -> bool:
            snaps = watcher.of(Kind.STATUS)
            last = snaps[-1] if snaps else None
            return isinstance(last, StatusPayload) and last.spool_pending == 0 and last.last_seq is not None \
                and last.last_seq >= 22 and svc.core.terminals[TERM].acked == last.last_seq

        wait_until(drained, 60, "the agent's spool empty, every number acknowledged by the hall")
        spool_bytes = rig.spool_bytes()
    finally:
        rig.close()

    traffic = [raw for _topic, raw in watcher.raw]
    assert any(t.endswith("/complaint") for t, _ in watcher.raw), "the scan saw the complaints go by"
    logs = {"agent": rig.agent_log.read_text(errors="replace"), "hall": "\n".join(raw_log.lines),
            "broker": broker.log_text()}
    for phone in PHONES:
        for variant in {phone, phone.replace("-", "")}:
            assert not any(variant.encode() in raw for raw in traffic), f"{phone} in clear on the broker"
            assert variant.encode() not in spool_bytes, f"{phone} in clear in the agent's spool"
            for name, text in logs.items():
                assert variant not in text, f"{phone} in clear in the {name} log"
    assert "等了两个小时" not in logs["agent"] and "等了两个小时" not in logs["hall"]  # nor the matter
    # the scan read real logs: both programs logged each message by its id
    assert all(i in logs["agent"] and i in logs["hall"] for i in sent)


def test_service_requests_through_a_cut_are_stored_once_opened_and_masked_and_nothing_personal_leaks(
        broker: MosquittoBroker, tmp_path: Path, raw_log: RawLog) -> None:
    """An appointment, its cancellation and a mailing request (issue 14) sent while the network is cut,
    one sent twice: the hall keeps each once, opens and masks the personal fields for its lists, and the
    name, phone and street never appear in clear on the broker, in the spool or in a log."""
    from datetime import date

    from hall_server.db import ServiceRequest

    rig = CutRig(broker, tmp_path)
    svc, public, proxy, watcher, kiosk = rig.svc, rig.public, rig.proxy, rig.watcher, rig.kiosk
    person = {"name": "乌云其其格", "phone": "13947712345"}
    address = {"recipient": "乌云其其格", "phone": "13947712345", "region": "内蒙古自治区 鄂尔多斯市 东胜区",
               "street": "鄂尔多斯西街108号3单元"}
    saturday = date(2026, 12, 12)
    try:
        rig.connect()
        proxy.cut("reset")
        booked = kiosk.request(service="appointment", ref="YY-20261212-001", personal=person,
                               hall_public_key=public, item_code="sb-001", item_name="社保卡补换", day=saturday,
                               name_masked="乌****")
        kiosk.request(service="appointment", ref="YY-20261212-001", personal=person, hall_public_key=public,
                      item_code="sb-001", item_name="社保卡补换", day=saturday, name_masked="乌****",
                      request_id=booked.id)  # not heard "accepted": the same request again
        cancel = kiosk.request(service="appointment_cancel", ref="YY-20261212-001", personal=person,
                               hall_public_key=public, day=saturday, name_masked="乌****")
        mailing = kiosk.request(service="mailing", ref="YJ-0001", personal=address, hall_public_key=public,
                                case_no="DS2026120100012", name_masked="乌****")
        with pytest.raises(ValueError):  # a phone out of shape never leaves the kiosk
            kiosk.request(service="mailing", ref="YJ-0002", personal={**address, "phone": "12345"},
                          hall_public_key=public)
        proxy.heal()

        def rows() -> list[ServiceRequest]:
            with svc.sessions() as s:
                return list(s.scalars(select(ServiceRequest).order_by(ServiceRequest.seq)))

        wait_until(lambda: len(rows()) == 3, 60, "the three requests at the hall")
        got = rows()
        assert [(r.id, r.service) for r in got] == [(booked.id, "appointment"), (cancel.id, "appointment_cancel"),
                                                   (mailing.id, "mailing")]
        appt, _, mail = got
        assert (appt.ref, appt.day, appt.item_name, appt.name_masked) == ("YY-20261212-001", saturday, "社保卡补换",
                                                                         "乌****")
        assert appt.personal_masked == {"name": "乌****", "phone": "139****2345"} and appt.problem is None
        assert mail.personal_masked == {"recipient": "乌****", "phone": "139****2345",
                                        "region": "内蒙古自治区 鄂尔多斯市 东胜区", "street": "鄂尔多斯****"}
        assert mail.case_no == "DS2026120100012"
        assert svc.core.requests.open(mail.sealed) == address  # the hall's key opens it, for who must post it
        wait_until(lambda: svc.core.terminals[TERM].acked >= 4, 30, "every number acknowledged")
        spool_bytes = rig.spool_bytes()
    finally:
        rig.close()
    assert any(t.endswith("/request") for t, _ in watcher.raw), "the scan saw the requests go by"
    traffic = b"".join(raw for _t, raw in watcher.raw)
    logs = {"agent": rig.agent_log.read_text(errors="replace"), "hall": "\n".join(raw_log.lines),
            "broker": broker.log_text()}
    for secret in ("乌云其其格", "13947712345", "鄂尔多斯西街108号"):
        assert secret.encode() not in traffic, f"{secret} in clear on the broker"
        assert secret.encode() not in spool_bytes, f"{secret} in clear in the agent's spool"
        for name, text in logs.items():
            assert secret not in text, f"{secret} in clear in the {name} log"
