"""The dashboard's browser tests' harness (imported as ``tests.web.harness``; the fixtures are in conftest.py).

- ``web_hall`` (session): a real Mosquitto, the hall server (SQLite in tmp, HTTP on a free port, alerts
  to a local webhook), an account per role (:data:`USERS`) with an API token each. Terminals are made on
  first use: ``web_hall.terminal("t11")`` is a wire-contract stand-in (:class:`ContractTerminal`, healthy
  at once); ``web_hall.agent("t21")`` is a real fleet agent process (``zizhu agent --devices``) driving
  the real printer driver against the printer simulator (``agent.model`` is its paper, cover, …). The
  hall is shared by every test of the run: each test uses terminal ids of its own.
- :func:`start_hall` makes another one (a module may want its own clock or ``[inspections]``).
- ``browser`` (session): Debian's Chromium through Playwright (no browser download); ``desk`` and
  ``phone`` are fresh pages at 1400×1000 and 390×844; :func:`login` logs a page in as a role;
  :func:`shot` saves a screenshot into the run's directory and copies it to ``$ZIZHU_SCREENSHOTS``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import msgspec
from playwright.sync_api import Browser, Page

from ground.clock import Clock
from hall_server import accounts
from hall_server.service import HallService
from hall_server.simulate import ContractTerminal, WebhookReceiver, healthy_status
from tests.hall.harness import HALL, hall_config
from tests.support import wait_until
from wire.status import TerminalStatus
from zizhu.broker import MosquittoBroker

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
DESK = {"width": 1400, "height": 1000}
PHONE = {"width": 390, "height": 844}

# role → (username, display name, password): one account per role.
USERS: dict[str, tuple[str, str, str]] = {
    "admin": ("wangmin", "王敏", "hall-admin-pass-1"),
    "maintenance": ("liqiang", "李强", "maintenance-pass-1"),
    "centre": ("zhaoli", "赵丽", "centre-pass-1"),
    "viewer": ("zhoujing", "周静", "viewer-pass-1"),
}


class Agent:
    """A real fleet agent process with the printer simulator as its printer (the production driver)."""

    def __init__(self, tid: str, workdir: Path, broker: MosquittoBroker, backend_url: str) -> None:
        from drivers.printer.simmodel import PrinterModel
        from drivers.printer.simserver import PrinterSimulator

        self.id = tid
        self.dir = workdir / f"agent-{tid}"
        self.dir.mkdir(parents=True, exist_ok=True)
        self.model = PrinterModel()
        self.sim = PrinterSimulator(self.model)
        self.sim.start()
        user, password = broker.terminal_login(tid, HALL)
        self.config = self.dir / "terminal.toml"
        self.config.write_text(f"""kind = "terminal"
[terminal]
id = "{tid}"
hall = "{HALL}"
name = "综合自助终端 {tid}"
[mqtt]
port = {broker.port}
username = "{user}"
password = "{password}"
keepalive_s = 3
[agent]
socket_path = "{self.dir}/agent.sock"
spool_path = "{self.dir}/spool.sqlite3"
heartbeat_s = 1
poll_s = 0.5
expect_app = false
backend_url = "{backend_url}"
[devices.printer]
timeout_s = 2
[devices.printer.connection]
connector = "network"
host = "127.0.0.1"
port = {self.sim.port}
""", encoding="utf-8")
        self.log = (self.dir / "agent.log").open("a", encoding="utf-8")
        self.proc = subprocess.Popen([sys.executable, "-m", "zizhu", "agent", "--config", str(self.config),
                                      "--devices", "--log-level", "WARNING"], cwd=ROOT, stdout=self.log,
                                     stderr=subprocess.STDOUT)

    def paper(self, value: str) -> None:
        """``full``, ``near_end`` or ``out``: the roll in the simulated printer."""
        self.model.apply_event("paper", {"value": value})

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        self.sim.stop()
        self.log.close()


@dataclass
class WebHall:
    service: HallService
    broker: MosquittoBroker
    webhook: WebhookReceiver
    tmp: Path
    tokens: dict[str, str] = field(default_factory=dict)  # role → API token
    terminals: dict[str, ContractTerminal] = field(default_factory=dict)
    agents: dict[str, Agent] = field(default_factory=dict)

    @property
    def base_url(self) -> str:
        return self.service.base_url

    def url(self, path: str) -> str:
        return self.base_url + path

    def terminal(self, tid: str, status: TerminalStatus | None = None) -> ContractTerminal:
        """A wire-contract terminal ``tid``, online and reporting ``status`` (healthy by default)."""
        t = self.terminals.get(tid)
        if t is None:
            self.broker.terminal_login(tid, HALL)
            t = self.terminals[tid] = ContractTerminal(HALL, tid, "127.0.0.1", self.broker.port)
            t.start()
            t.status(status or healthy_status()).wait_for_publish(10)
            wait_until(lambda: (m := self.service.core.terminals.get(tid)) is not None and m.online
                       and m.snapshot is not None, what=f"{tid} online at the hall")
        elif status is not None:
            t.status(status).wait_for_publish(10)
        return t

    def agent(self, tid: str) -> Agent:
        """A real fleet agent ``tid`` with a simulated printer, online at the hall with its printer reported."""
        a = self.agents.get(tid)
        if a is None:
            a = self.agents[tid] = Agent(tid, self.tmp, self.broker, self.base_url + "/healthz")

            def printer_seen() -> bool:
                mem = self.service.core.terminals.get(tid)
                return bool(mem and mem.online and mem.snapshot is not None
                            and any(d.name == "printer" for d in mem.snapshot.status.devices))

            wait_until(printer_seen, 60, f"agent {tid} online with its printer")
        return a

    def api(self, role: str = "admin") -> httpx.Client:
        """An HTTP client of the API with ``role``'s token (as a script calls it)."""
        return httpx.Client(base_url=self.base_url, headers={"Authorization": f"Bearer {self.tokens[role]}"},
                            timeout=20)

    def close(self) -> None:
        for t in self.terminals.values():
            t.stop()
        for a in self.agents.values():
            a.stop()
        self.service.stop()


def start_hall(tmp: Path, broker: MosquittoBroker, webhook: WebhookReceiver, *, clock: Clock | None = None,
               **config: Any) -> WebHall:
    """A hall server on ``broker`` with an account and a token per role; ``config`` replaces sections of
    its :class:`~hall_server.config.HallConfig` (e.g. ``inspections=InspectionsConfig(...)``)."""
    cfg = hall_config(tmp, broker.port, webhook)
    if config:
        cfg = msgspec.structs.replace(cfg, **config)
    svc = HallService(cfg, clock=clock)
    hall = WebHall(svc, broker, webhook, tmp)
    for role, (username, display, password) in USERS.items():
        accounts.create_user(svc.sessions, username, role, password, display)
        hall.tokens[role] = accounts.issue_token(svc.sessions, username, "tests/web")
    svc.start()
    wait_until(svc.ingest.connected.is_set, what="hall connected to the broker")
    return hall


def new_page(browser: Browser, viewport: dict[str, int], **kw: Any) -> Page:
    context = browser.new_context(viewport=viewport, locale="zh-CN", timezone_id="Asia/Shanghai", **kw)  # type: ignore[arg-type]
    context.set_default_timeout(20_000)
    return context.new_page()


def login(page: Page, hall: WebHall, role: str, then: str = "/") -> None:
    """Log ``page`` in as the account of ``role`` through the log-in form and land on ``then``."""
    username, _display, password = USERS[role]
    page.goto(hall.url("/login?next=" + then))
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("form[action='/login'] button[type=submit]")
    page.wait_for_url(lambda u: "/login" not in u)


def shot(page: Page, directory: Path, name: str, full_page: bool = False) -> Path:
    """A screenshot ``name``.png of ``page`` in ``directory``, copied to ``$ZIZHU_SCREENSHOTS`` when set."""
    png = directory / f"{name}.png"
    page.screenshot(path=str(png), full_page=full_page)
    where = os.environ.get("ZIZHU_SCREENSHOTS")
    if where:
        Path(where).mkdir(parents=True, exist_ok=True)
        shutil.copy(png, Path(where) / png.name)
    return png
