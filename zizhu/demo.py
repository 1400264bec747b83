"""``zizhu demo``: a whole hall on one machine — broker, hall server, terminals with simulated devices.

A private Mosquitto on a free port; the hall server (SQLite in a work directory) with its
dashboard; four terminals, each a real fleet agent process (``zizhu agent --devices``) driving the
production printer driver against the byte-true printer simulator, which plays a scenario file
(``drivers/scenarios/demo-*.toml``, package data). Alerts go to a local webhook and are printed. A director then
does what happens in a real hall, one step every ``--pace`` seconds:

1. one terminal loses power (its agent is killed with SIGKILL): the broker's will → 终端离线;
2. it comes back;
3. the government service back end goes away for every terminal: one 系统故障 and a public notice;
4. the back end returns: the notice is cleared;
5. most of the hall loses power at once: one 系统故障, one alert to the centre, the notice;
6. the terminals come back.

Meanwhile the printers run out of paper, have their cover left open, fail and go offline, and
are mended: faults of every tier (warning, 一般, 通讯/机械, 系统) become incidents and alerts.
Ctrl-C (or ``--duration``) stops everything and prints what happened.

Where there is a display (``DISPLAY`` or ``WAYLAND_DISPLAY``; ``--kiosk``/``--no-kiosk`` decide
otherwise), the first terminal also runs the citizens' app in a window (``zizhu kiosk --config
… --windowed``), as a terminal in a hall does: the kiosk owns that terminal's printer and reports
it, so that agent runs without ``--devices`` (one owner per device) and expects its app; the
hall's notice and out-of-service commands appear on the kiosk's screen. The director's power cut
kills that terminal's agent only: the window stays and reconnects when the agent is back.
"""

from __future__ import annotations

import argparse
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from zizhu.broker import MosquittoBroker

# Where this process imported Zizhu from (a checkout, or site-packages): the agents it starts run the same code.
ROOT = Path(__file__).resolve().parent.parent
HALL_ID = "demo-hall"
TERMINALS = [("t01", "demo-paper.toml", "东门入口左侧"), ("t02", "demo-cover.toml", "东门入口右侧"),
             ("t03", "demo-error.toml", "北墙"), ("t04", "demo-offline.toml", "西侧休息区")]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from drivers.printer import walkthrough

    parser.add_argument("--printer", action="store_true",
                        help="instead of the hall: the receipt printer walk-through (一次性告知书 through the real "
                             "driver against the simulator; ends by itself)")
    walkthrough.add_arguments(parser.add_argument_group("printer walk-through (with --printer)"))
    parser.add_argument("--duration", type=float, default=None, metavar="S",
                        help="stop after S seconds (default: run until Ctrl-C)")
    parser.add_argument("--pace", type=float, default=20.0, metavar="S",
                        help="seconds between the director's steps (default 20)")
    parser.add_argument("--http-port", type=int, default=8080, help="dashboard port (0: a free one)")
    parser.add_argument("--workdir", type=Path, default=None, help="keep the database and logs here")
    parser.add_argument("--kiosk", action=argparse.BooleanOptionalAction, default=None,
                        help=f"the citizens' app in a window for {TERMINALS[0][0]}, owning its printer "
                             "(default: when a display exists)")


def display_exists() -> bool:
    """A desktop to open a window on: X11 or Wayland, and Qt not told to draw offscreen."""
    import os

    if os.environ.get("QT_QPA_PLATFORM", "").split(":")[0] in ("offscreen", "minimal", "vnc"):
        return False
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


class _Backend:
    """Stands in for the government service back end: the agents probe it over TCP."""

    def __init__(self) -> None:
        self.port = _free_port()
        self._sock: socket.socket | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def up(self) -> None:
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind(("127.0.0.1", self.port))
        s.listen(16)
        s.settimeout(0.2)
        self._sock = s
        self._stop.clear()
        self._thread = threading.Thread(target=self._accept, args=(s,), name="demo-backend", daemon=True)
        self._thread.start()

    def _accept(self, s: socket.socket) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = s.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            conn.close()

    def down(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(2)
        if self._sock is not None:
            self._sock.close()
            self._sock = None


def _free_port() -> int:
    from zizhu.broker import free_port

    return free_port()


class _Terminal:
    """One simulated terminal: the printer simulator in this process, the agent as its own process.

    ``kiosk``: the citizens' app runs too, as a third process, and owns the printer (it polls it and
    reports it to the agent, answers the hall's self-tests); the agent then runs without
    ``--devices`` and expects the app's heartbeats.
    """

    def __init__(self, tid: str, scenario: str, location: str, workdir: Path, *, broker_port: int,
                 login: tuple[str, str], backend_port: int, kiosk: bool = False, hall_public_key: str = "") -> None:
        from drivers.printer.simmodel import PrinterModel
        from drivers.printer.simserver import PrinterSimulator
        from drivers.scenario import Scenario, ScenarioPlayer, shipped

        self.id = tid
        self.location = location
        self.dir = workdir / tid
        self.dir.mkdir(parents=True, exist_ok=True)
        self.model = PrinterModel()
        self.sim = PrinterSimulator(self.model)
        self.player = ScenarioPlayer(Scenario.load(shipped(scenario)), {"printer": self.model})
        self.broker_port = broker_port
        self.login = login
        self.backend_port = backend_port
        self.kiosk = kiosk
        self.hall_public_key = hall_public_key
        self.proc: subprocess.Popen[bytes] | None = None
        self.kiosk_proc: subprocess.Popen[bytes] | None = None
        self.log: TextIO | None = None
        self.kiosk_log: TextIO | None = None
        self.kiosk_gone = False  # its exit was told

    def start_devices(self) -> None:
        self.sim.start()
        self.player.start()
        self.config = self.dir / "terminal.toml"
        self.config.write_text(f"""kind = "terminal"
[terminal]
id = "{self.id}"
hall = "{HALL_ID}"
name = "综合自助终端 {self.id}"
[mqtt]
port = {self.broker_port}
username = "{self.login[0]}"
password = "{self.login[1]}"
keepalive_s = 3
[agent]
socket_path = "{self.dir}/agent.sock"
spool_path = "{self.dir}/spool.sqlite3"
heartbeat_s = 5
poll_s = 1
expect_app = {"true" if self.kiosk else "false"}
backend_url = "http://127.0.0.1:{self.backend_port}/"
[kiosk]
hotline = "0477-8888123"
staffed_window = "政务服务大厅一楼 综合受理窗口"
poll_s = 1
hall_public_key = "{self.hall_public_key}"
[devices.printer]
timeout_s = 2
[devices.printer.connection]
connector = "network"
host = "127.0.0.1"
port = {self.sim.port}
""", encoding="utf-8")

    def start_agent(self) -> None:
        if self.log is None:
            self.log = (self.dir / "agent.log").open("a", encoding="utf-8")
        devices = [] if self.kiosk else ["--devices"]  # the kiosk owns the devices where it runs
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "zizhu", "agent", "--config", str(self.config), *devices, "--log-level",
             "WARNING"], cwd=ROOT, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True)

    def start_kiosk(self) -> None:
        if not self.kiosk:
            return
        self.kiosk_log = (self.dir / "kiosk.log").open("a", encoding="utf-8")
        self.kiosk_proc = subprocess.Popen(
            [sys.executable, "-m", "zizhu", "kiosk", "--config", str(self.config), "--windowed"],
            cwd=ROOT, stdout=self.kiosk_log, stderr=subprocess.STDOUT, start_new_session=True)

    def kill_agent(self) -> None:
        """Power cut: no goodbye, so the broker publishes the agent's will."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(10)

    def stop(self) -> None:
        for proc in (self.kiosk_proc, self.proc):  # the app first: its agent would report it gone
            if proc is not None and proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(10)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait(5)
        self.player.stop()
        self.sim.stop()
        for log in (self.kiosk_log, self.log):
            if log is not None:
                log.close()


def _demo_faults(workdir: Path, pace: float) -> Path:
    """The default fault table, with the correlation hold shorter than the director's pace.

    A terminal that is back within the hold never alerts; the demo wants its offline alert seen.
    """
    from hall_server.faults import load_fault_table

    hold = max(2.0, pace / 2)
    p = workdir / "faults.toml"
    p.write_text("".join(
        f'[[correlation]]\nfault = "{c.fault}"\nsystem_fault = "{c.system_fault}"\n'
        f"min_terminals = {c.min_terminals}\nmin_fraction = {c.min_fraction}\nhold_seconds = {hold}\n"
        for c in load_fault_table().correlation), encoding="utf-8")
    return p


def _say(text: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {text}", flush=True)


def run(args: argparse.Namespace) -> int:
    if args.printer:
        from drivers.printer import walkthrough

        return walkthrough.run(args)
    from ground.logs import setup_logging
    from zizhu.broker import MosquittoBroker, find_mosquitto

    if find_mosquitto() is None:
        print("zizhu demo: Mosquitto is not installed; install the Debian package 'mosquitto' "
              "(bash scripts/demo.sh does it for you)", file=sys.stderr)
        return 2
    setup_logging("WARNING")
    stop = threading.Event()

    def _on_signal(_sig: int, _frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGINT, _on_signal)
    signal.signal(signal.SIGTERM, _on_signal)
    tmp = None
    if args.workdir is None:
        tmp = tempfile.TemporaryDirectory(prefix="zizhu-demo-")
        workdir = Path(tmp.name)
    else:
        workdir = args.workdir
        workdir.mkdir(parents=True, exist_ok=True)
    try:
        # The hall broker's own configuration (hall_server/data/mosquitto.conf), on a loopback port without TLS,
        # with an account for the hall server and each terminal.
        with MosquittoBroker(hall=HALL_ID, terminals=[tid for tid, _sc, _loc in TERMINALS]) as broker:
            return _run_hall(args, workdir, broker, stop)
    finally:
        if tmp is not None:
            tmp.cleanup()


def _watch_notices(broker: MosquittoBroker) -> Any:
    """Print the public outage notice as a terminal receives it: the retained topic, over MQTT (t01's login)."""
    import paho.mqtt.client as mqtt
    from paho.mqtt.enums import CallbackAPIVersion

    from wire.contract import ContractError, Kind, NoticePayload, decode, notice_topic

    shown = [False]

    def on_message(_c: object, _u: object, msg: mqtt.MQTTMessage) -> None:
        try:
            notice = decode(Kind.NOTICE, bytes(msg.payload))
        except ContractError as exc:
            _say(f"公告 (notice) out of contract: {exc}")
            return
        if isinstance(notice, NoticePayload):
            _say(f"公告 → 所有终端与公众状态页 (notice on every terminal): {notice.title} — {notice.message}")
        elif shown[0]:
            _say("公告已撤销 (the notice is cleared on every terminal)")
        shown[0] = notice is not None

    client = mqtt.Client(CallbackAPIVersion.VERSION2, client_id="zizhu-demo-notice-watch", protocol=mqtt.MQTTv5)
    client.username_pw_set(*broker.terminal_login(TERMINALS[0][0]))
    client.on_message = on_message
    client.on_connect = lambda c, *_a: c.subscribe(notice_topic(HALL_ID), qos=1)
    client.connect("127.0.0.1", broker.port)
    client.loop_start()
    return client


def _demo_accounts(sessions: Any) -> list[tuple[str, str, str]]:
    """One dashboard account per role, each with a fresh password (printed at start)."""
    import secrets

    from hall_server import accounts
    from hall_server.accounts import UserRole

    made = []
    for role, name, shown in ((UserRole.ADMIN, "admin", "王管理"), (UserRole.MAINTENANCE, "tech", "李运维"),
                              (UserRole.CENTRE, "centre", "中心值班"), (UserRole.VIEWER, "viewer", "赵查看")):
        password = f"{name}-{secrets.token_hex(4)}"
        if accounts.get_user(sessions, name) is None:
            accounts.create_user(sessions, name, role, password, shown, actor="demo")
        else:
            accounts.set_password(sessions, name, password, actor="demo")
        made.append((name, password, f"{role.label} {shown}"))
    return made


def _run_hall(args: argparse.Namespace, workdir: Path, broker: MosquittoBroker, stop: threading.Event) -> int:
    from sqlalchemy import select

    from hall_server.config import AlertsConfig, FeedbackConfig, HallServerConfig
    from hall_server.core import HALL_SCOPE_LABEL
    from hall_server.db import Alert, Incident
    from hall_server.faults import Role
    from hall_server.keys import read_private_key, write_keypair
    from hall_server.registry import RegistryEntry
    from hall_server.service import HallService
    from hall_server.simulate import WebhookReceiver
    from wire.feedback import public_key_of
    from zizhu.config import HallConfig, HallInfo, MqttConfig

    webhook = WebhookReceiver().start()
    printed = [0]

    def print_alerts() -> None:
        with webhook.arrived:
            new = webhook.received[printed[0]:]
            printed[0] = len(webhook.received)
        for _at, path, body in new:
            _say(f"告警 → {Role(path.strip('/')).label}: {body.get('title')}")

    notices = _watch_notices(broker)
    broker_port = broker.port
    hall_user, hall_password = broker.hall_login()

    key_file = workdir / "hall-feedback.key"  # seals the complaints' call-back phones (docs/feedback.md)
    public_key = public_key_of(read_private_key(key_file)) if key_file.exists() else write_keypair(key_file)
    cfg = HallConfig(
        feedback=FeedbackConfig(private_key_file=key_file),
        hall=HallInfo(id=HALL_ID, name="演示政务服务中心"), mqtt=MqttConfig(port=broker_port, keepalive_s=10,
                                                                  username=hall_user, password=hall_password),
        server=HallServerConfig(database_url=f"sqlite:///{workdir}/hall.sqlite3", http_port=args.http_port,
                                flap_window_s=20, tick_s=0.5, faults_file=_demo_faults(workdir, args.pace)),
        alerts=AlertsConfig(admin=[webhook.url(Role.ADMIN.value)], maintenance=[webhook.url(Role.MAINTENANCE.value)],
                            centre=[webhook.url(Role.CENTRE.value)], group_wait_s=0.5))
    try:
        service = HallService(cfg)
    except OSError as exc:
        print(f"zizhu demo: cannot start the hall server: {exc}", file=sys.stderr)
        webhook.stop()
        notices.disconnect()
        notices.loop_stop()
        return 2
    backend = _Backend()
    backend.up()
    kiosk = display_exists() if args.kiosk is None else bool(args.kiosk)
    terminals = [_Terminal(tid, sc, loc, workdir, broker_port=broker_port, login=broker.terminal_login(tid),
                           backend_port=backend.port, kiosk=kiosk and i == 0, hall_public_key=public_key)
                 for i, (tid, sc, loc) in enumerate(TERMINALS)]
    service.core.import_registry([
        RegistryEntry(id=t.id, name=f"综合自助终端 {t.id}", zone="24小时自助服务区", location=t.location,
                      model="ZZ-K200", asset_number=f"DEMO-{t.id.upper()}", responsible="王敏",
                      phone="13812345678", devices=["printer"]) for t in terminals])
    logins = _demo_accounts(service.sessions)
    try:
        service.start()
    except OSError as exc:
        print(f"zizhu demo: cannot serve the dashboard on port {args.http_port}: {exc.strerror}; "
              "try --http-port 0", file=sys.stderr)
        service.stop()
        backend.down()
        webhook.stop()
        return 2
    for t in terminals:
        t.start_devices()
        t.start_agent()
        t.start_kiosk()
    _say(f"演示大厅已启动 (the demo hall is running): broker 127.0.0.1:{broker_port}, {len(terminals)} terminals")
    _say(f"  dashboard      {service.base_url}/")
    _say(f"  status page    {service.base_url}/status")
    _say(f"  API            {service.base_url}/openapi.json (OpenAPI, with a token)")
    _say(f"  metrics        {service.base_url}/metrics")
    for name, password, label in logins:
        _say(f"  log in as      {name} / {password}  ({label})")
    _say(f"  work directory {workdir}")
    for t in terminals:
        if t.kiosk_proc is not None:
            _say(f"  kiosk          {t.id}'s citizens' app in a window (log {t.dir / 'kiosk.log'})")
    _say("Ctrl-C stops the demo.")

    def restart(ts: list[_Terminal]) -> None:
        for t in ts:
            t.start_agent()

    def kill(ts: list[_Terminal]) -> None:
        for t in ts:
            t.kill_agent()

    steps: list[tuple[str, Callable[[], None]]] = [
        ("t04 断电（代理进程被强制结束）: the broker publishes its will", lambda: kill(terminals[3:])),
        ("t04 恢复供电", lambda: restart(terminals[3:])),
        ("业务系统不可达 (the service back end goes away)", backend.down),
        ("业务系统恢复", backend.up),
        ("t01–t03 同时断电 (most of the hall loses power at once)", lambda: kill(terminals[:3])),
        ("t01–t03 恢复供电", lambda: restart(terminals[:3])),
    ]
    t0 = time.monotonic()
    next_step = 0
    seen: dict[int, str] = {}
    try:
        while not stop.wait(0.5):
            now = time.monotonic() - t0
            if args.duration is not None and now >= args.duration:
                break
            if next_step < len(steps) and now >= args.pace * (next_step + 1):
                text, action = steps[next_step]
                _say(f"导演 (director) step {next_step + 1}: {text}")
                action()
                next_step += 1
            print_alerts()
            for t in terminals:
                if t.kiosk_proc is not None and t.kiosk_proc.poll() is not None and not t.kiosk_gone:
                    t.kiosk_gone = True
                    _say(f"{t.id} 的自助终端应用已退出 (the kiosk app exited with {t.kiosk_proc.returncode}; "
                         f"see {t.dir / 'kiosk.log'})")
            with service.sessions() as s:
                for inc in s.scalars(select(Incident).order_by(Incident.id)):
                    key = f"{inc.state}"
                    if seen.get(inc.id) != key:
                        seen[inc.id] = key
                        where = inc.terminal_id or HALL_SCOPE_LABEL
                        _say(f"工单 #{inc.id} {inc.state:<12} {where:<6} [{inc.tier}] {inc.title} ({inc.fault_code})")
    finally:
        _say("stopping …")
        print_alerts()
        with service.sessions() as s:
            tiers = Counter(i.tier for i in s.scalars(select(Incident)))
            roles = Counter(a.role for a in s.scalars(select(Alert).where(Alert.status == "sent")))
        # The hall goes first: terminals stopping at the end of the demo are not an outage to alert on.
        service.stop()
        for t in terminals:
            t.stop()
        notices.disconnect()
        notices.loop_stop()
        backend.down()
        webhook.stop()
        _say("incidents by tier: " + ", ".join(f"{k} {v}" for k, v in sorted(tiers.items())))
        _say("alerts delivered by role: " + ", ".join(f"{k} {v}" for k, v in sorted(roles.items())))
    return 0
