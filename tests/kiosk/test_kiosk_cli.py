"""`zizhu kiosk` from the command line, as systemd and a technician start it: a subprocess, offscreen."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest

from tests.support import wait_until
from wire import local

ROOT = Path(__file__).resolve().parents[2]


def kiosk_env(tmp_path: Path) -> dict[str, str]:
    """Offscreen; Qt's caches and settings (the QML disk cache, the keyboard's dictionary) in tmp_path,
    not in the home directory."""
    return {**os.environ, "PYTHONFAULTHANDLER": "1", "QT_QPA_PLATFORM": "offscreen",  # a crash shows its stack
            "XDG_CACHE_HOME": str(tmp_path / "cache"), "XDG_CONFIG_HOME": str(tmp_path / "config"),
            "XDG_DATA_HOME": str(tmp_path / "data")}


def kiosk(tmp_path: Path, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "zizhu", "kiosk", *args], cwd=ROOT, env=kiosk_env(tmp_path),
                          capture_output=True, text=True, timeout=timeout)


def test_demo_starts_is_ready_and_ends_by_itself(tmp_path: Path) -> None:
    done = kiosk(tmp_path, "--demo", "--duration", "3")
    assert done.returncode == 0, done.stderr[-3000:]
    assert "zizhu.kiosk: kiosk ready in" in done.stderr, done.stderr[-3000:]
    assert "Traceback" not in done.stderr, done.stderr[-3000:]


@pytest.mark.parametrize(("text", "problem"), [
    ('kind = "terminal"\n[terminal\nid = "t01"\n', "not valid TOML"),
    ('kind = "terminal"\n[terminal]\nid = "t01"\nhall = "h1"\n[kiosk]\nidle_s = 3\n', "kiosk.idle_s"),
], ids=["not-toml", "bad-value"])
def test_a_broken_configuration_exits_2_naming_the_file_and_its_problem(tmp_path: Path, text: str,
                                                                         problem: str) -> None:
    path = tmp_path / "broken.toml"
    path.write_text(text, encoding="utf-8")
    done = kiosk(tmp_path, "--config", str(path), "--duration", "2")
    assert done.returncode == 2, done.stderr[-3000:]
    assert f"{path}:" in done.stderr and problem in done.stderr, done.stderr
    assert "Traceback" not in done.stderr and "kiosk ready" not in done.stderr


class FakeAgent:
    """A real Unix socket at the configuration's [agent] socket_path speaking wire/local.py, as the
    agent does: a welcome on connect, and every line the app sends, decoded."""

    def __init__(self, path: Path, welcome: local.Welcome) -> None:
        self.received: list[local.AppMessage] = []
        self.refused: list[str] = []
        self.welcome = welcome
        self.listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.listener.bind(str(path))
        self.listener.listen(2)
        self.listener.settimeout(0.2)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="fake-agent", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.listener.accept()
            except TimeoutError:
                continue
            with conn:
                conn.sendall(local.encode(self.welcome))
                conn.settimeout(0.2)
                buf = b""
                while not self._stop.is_set():
                    try:
                        chunk = conn.recv(65536)
                    except TimeoutError:
                        continue
                    if not chunk:
                        break
                    buf += chunk
                    while b"\n" in buf:
                        line, buf = buf.split(b"\n", 1)
                        try:
                            self.received.append(local.APP_MESSAGE.decode(line))
                        except local.LineError as exc:
                            self.refused.append(local.why_invalid(exc))

    def close(self) -> None:
        self._stop.set()
        self._thread.join(5)
        self.listener.close()

    def of(self, kind: type[Any]) -> list[Any]:
        return [m for m in self.received if isinstance(m, kind)]


def test_a_minimal_terminal_file_runs_and_talks_to_its_agent(tmp_path: Path) -> None:
    """No devices, the mock voice: the kiosk starts, says hello on the configured socket, beats, and
    follows the agent's welcome (the terminal is out of service: its heartbeats say it shows so)."""
    sock = tmp_path / "agent.sock"
    path = minimal_config(tmp_path, "heartbeat_s = 0.3")
    agent = FakeAgent(sock, local.Welcome(terminal="t01", out_of_service=True, heartbeat_s=0.3))
    try:
        done = kiosk(tmp_path, "--config", str(path), "--duration", "2")
    finally:
        agent.close()
    assert done.returncode == 0, done.stderr[-3000:]
    assert "kiosk ready in" in done.stderr and "Traceback" not in done.stderr, done.stderr[-3000:]
    assert agent.refused == []
    hellos = agent.of(local.Hello)
    assert len(hellos) == 1 and hellos[0].role == "kiosk" and hellos[0].pid is not None
    beats = agent.of(local.Heartbeat)
    assert len(beats) >= 2, agent.received
    assert beats[-1].out_of_service  # the closed screen is up, as the agent's welcome asked
    assert all(d.devices == [] for d in agent.of(local.Devices))  # no devices configured, none reported


def minimal_config(tmp_path: Path, kiosk_keys: str = "") -> Path:
    path = tmp_path / "terminal.toml"
    path.write_text(f"""kind = "terminal"
[terminal]
id = "t01"
hall = "h1"
[agent]
socket_path = "{tmp_path / 'agent.sock'}"
spool_path = "{tmp_path / 'spool.sqlite3'}"
[kiosk]
tts_engine = "mock"
{kiosk_keys}
""", encoding="utf-8")
    return path


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_systemd_stop_or_ctrl_c_ends_the_kiosk_cleanly(tmp_path: Path, sig: signal.Signals) -> None:
    """systemd stops the kiosk with SIGTERM, a technician at a desk with Ctrl-C: either way the app
    stops as at --duration's end (session ended, devices closed, agent told), exit status 0."""
    err = tmp_path / "stderr.txt"
    with err.open("w", encoding="utf-8") as fh:
        proc = subprocess.Popen([sys.executable, "-m", "zizhu", "kiosk", "--config", str(minimal_config(tmp_path))],
                                cwd=ROOT, env=kiosk_env(tmp_path), stdout=subprocess.DEVNULL, stderr=fh)
        try:
            wait_until(lambda: "kiosk ready in" in err.read_text(encoding="utf-8") or proc.poll() is not None,
                       30, "the kiosk ready")
            assert proc.poll() is None, err.read_text(encoding="utf-8")[-3000:]
            proc.send_signal(sig)
            rc = proc.wait(10)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait(5)
    text = err.read_text(encoding="utf-8")
    assert rc == 0, text[-3000:]
    assert f"signal {int(sig)}: stopping" in text and "Traceback" not in text, text[-3000:]


def test_a_bad_size_exits_2_and_says_what_is_expected(tmp_path: Path) -> None:
    done = kiosk(tmp_path, "--demo", "--windowed", "--size", "big")
    assert done.returncode == 2 and "--size 'big': expected WxH" in done.stderr, done.stderr[-3000:]
    assert "Traceback" not in done.stderr


def test_the_demo_hall_runs_the_kiosk_of_its_first_terminal(tmp_path: Path) -> None:
    """`zizhu demo --kiosk`: t01's citizens' app owns its printer and reports it through t01's agent
    (which runs without --devices and expects the app); it stops with the demo, cleanly."""
    import json
    import sqlite3

    work = tmp_path / "demo"
    done = subprocess.run([sys.executable, "-m", "zizhu", "demo", "--kiosk", "--duration", "8", "--pace", "100",
                           "--http-port", "0", "--workdir", str(work)],
                          cwd=ROOT, env=kiosk_env(tmp_path), capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "kiosk          t01's citizens' app in a window" in done.stdout, done.stdout
    assert "kiosk app exited" not in done.stdout, done.stdout  # it ran until the demo stopped it
    log = (work / "t01" / "kiosk.log").read_text(encoding="utf-8")
    assert "kiosk ready in" in log and "signal 15: stopping" in log and "Traceback" not in log, log[-3000:]
    with sqlite3.connect(work / "hall.sqlite3") as db:
        rows = dict(db.execute("SELECT id, last_status FROM terminals").fetchall())
    t01 = json.loads(rows["t01"])["status"]
    assert t01["app"]["state"] == "running", t01["app"]
    assert [d["name"] for d in t01["devices"]] == ["printer"]  # reported by the kiosk, its only owner
    assert "expect_app = true" in (work / "t01" / "terminal.toml").read_text(encoding="utf-8")
    assert "expect_app = false" in (work / "t02" / "terminal.toml").read_text(encoding="utf-8")  # device host only


def test_the_demo_opens_a_kiosk_window_only_where_one_can_be_seen(monkeypatch: pytest.MonkeyPatch) -> None:
    from zizhu.demo import display_exists

    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    assert not display_exists()
    monkeypatch.setenv("WAYLAND_DISPLAY", "wayland-0")
    assert display_exists()
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")  # as in the tests: Qt draws nowhere
    assert not display_exists()
    monkeypatch.delenv("WAYLAND_DISPLAY")
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    assert display_exists()
