"""`zizhu hall` as a real process: kill -9 and restart lose nothing and duplicate nothing."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from sqlalchemy import func, select

from hall_server.db import EventSeen, Incident, open_database
from hall_server.simulate import ContractTerminal, healthy_status
from tests.hall.harness import HALL
from tests.support import wait_until
from wire.status import AppLiveness, PaperLevel, replace
from zizhu.broker import MosquittoBroker

ROOT = Path(__file__).resolve().parents[2]


class HallProcess:
    def __init__(self, config: Path) -> None:
        self.proc = subprocess.Popen([sys.executable, "-m", "zizhu", "hall", "--config", str(config), "--json-logs"],
                                     cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.lines: list[dict[str, object]] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            try:
                self.lines.append(json.loads(line))
            except ValueError:
                self.lines.append({"msg": line})

    def wait_log(self, text: str, timeout: float = 30.0) -> None:
        wait_until(lambda: any(text in str(entry.get("msg")) for entry in self.lines), timeout, f"log {text!r}")

    def kill9(self) -> None:
        os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait(10)

    def stop(self) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            self.proc.wait(20)
        assert self.proc.stdout is not None
        self.proc.stdout.close()
        self._reader.join(5)
        return self.proc.returncode


@pytest.fixture
def config(tmp_path: Path, broker: MosquittoBroker) -> Path:
    p = tmp_path / "hall.toml"
    user, password = broker.hall_login()
    p.write_text(f'kind = "hall"\n[hall]\nid = "{HALL}"\n[mqtt]\nport = {broker.port}\n'
                 f'username = "{user}"\npassword = "{password}"\n'
                 f'[server]\ndatabase_url = "sqlite:///{tmp_path}/hall.sqlite3"\nhttp_port = 0\n'
                 f'registry_file = "{ROOT}/hall_server/data/registry.example.csv"\n', encoding="utf-8")
    return p


def test_kill_9_and_restart(config: Path, broker: MosquittoBroker, tmp_path: Path) -> None:
    engine, sessions = open_database(f"sqlite:///{tmp_path}/hall.sqlite3")

    def incidents() -> list[tuple[str, str]]:
        with sessions() as s:
            return [(i.fault_code, i.state) for i in s.scalars(select(Incident).order_by(Incident.id))]

    hall = HallProcess(config)
    try:
        hall.wait_log("connected to broker")
        t = ContractTerminal(HALL, "t01", "127.0.0.1", broker.port)
        t.start()
        t.status(healthy_status(PaperLevel.OUT))
        wait_until(lambda: incidents() == [("printer.receipt.paper_out", "open")], what="paper out filed")
        hall.kill9()

        # while the hall is dead: paper refilled, then the app freezes (event + snapshot, as the agent does)
        t.status(healthy_status(PaperLevel.FULL)).wait_for_publish(10)
        frozen = replace(healthy_status(PaperLevel.FULL), app=AppLiveness(state="frozen"))
        t.event("app.frozen", "raised").wait_for_publish(10)
        t.status(frozen).wait_for_publish(10)

        hall = HallProcess(config)
        hall.wait_log("connected to broker")
        wait_until(lambda: incidents() == [("printer.receipt.paper_out", "resolved"), ("app.frozen", "open")],
                   what="state rebuilt from the database, the retained status and the queued event")
        with sessions() as s:
            assert s.scalar(select(func.count()).select_from(EventSeen)) == 1
        assert hall.stop() == 0
        t.stop()
    finally:
        if hall.proc.poll() is None:
            hall.kill9()
        engine.dispose()
