"""`zizhu agent` as a real process: death by kill -9 and by silence, a disk that refuses writes, bad config."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from fleet_agent.spool import Spool
from terminal.client import AgentClient
from tests.agent.harness import ROOT, Watcher, log_lines, start_agent_process, write_config
from wire.contract import Kind, StatePayload
from wire.status import DeviceState, PaperLevel, PrinterStation, PrinterStatus
from zizhu.broker import MosquittoBroker
from zizhu.config import load_terminal

KEEPALIVE_S = 2


def _stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGCONT)
        proc.terminate()
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def test_kill_9_publishes_death_and_a_new_birth_outranks_it(broker: MosquittoBroker, tmp_path: Path,
                                                             watcher_for: Callable[..., Watcher]) -> None:
    config = write_config(tmp_path, broker.port)
    w = watcher_for(broker.port)
    proc = start_agent_process(config)
    try:
        birth = w.wait_for(Kind.STATE, lambda p: p.online, timeout=30)
        os.kill(proc.pid, signal.SIGKILL)
        t0 = time.monotonic()
        death = w.wait_for(Kind.STATE, lambda p: not p.online and p.session == birth.session, timeout=10)
        elapsed = time.monotonic() - t0
        assert elapsed <= 1.5 * KEEPALIVE_S, f"death after {elapsed:.2f}s"
        assert isinstance(death, StatePayload)
        proc.wait(10)
    finally:
        _stop(proc)
    # Restarted: a birth with a higher session, so the old death cannot hide it.
    proc = start_agent_process(config)
    try:
        reborn = w.wait_for(Kind.STATE, lambda p: p.online and p.session > birth.session, timeout=30)
        assert reborn.session > death.session
    finally:
        _stop(proc)
    bye = w.wait_for(Kind.STATE, lambda p: not p.online and p.session == reborn.session, timeout=10)
    assert bye.terminal == "t01"  # an orderly stop publishes its own death


def test_silent_agent_is_declared_dead_within_one_and_a_half_keepalives(
        broker: MosquittoBroker, tmp_path: Path, watcher_for: Callable[..., Watcher]) -> None:
    config = write_config(tmp_path, broker.port)
    w = watcher_for(broker.port)
    proc = start_agent_process(config)
    try:
        birth = w.wait_for(Kind.STATE, lambda p: p.online, timeout=30)
        os.kill(proc.pid, signal.SIGSTOP)  # the socket stays open; the agent says nothing any more
        t0 = time.monotonic()
        w.wait_for(Kind.STATE, lambda p: not p.online and p.session == birth.session, timeout=15)
        elapsed = time.monotonic() - t0
        # MQTT says 1.5 × keepalive after the last packet; Mosquitto 2.0.11 checks keepalives on a
        # coarse timer and was measured at 1.5 × keepalive + 1.5…3 s (keepalive 2, 3 and 10 s).
        assert elapsed <= 1.5 * KEEPALIVE_S + 4.0, f"death after {elapsed:.2f}s"
    finally:
        _stop(proc)


# The agent under a 4 KiB file-size limit (RLIMIT_FSIZE): every write that grows a file fails with
# EFBIG, as on a full disk. Set in the child itself, then exec: no preexec_fn in a threaded parent.
_LIMITED = ("import os, resource, sys; resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096)); "
            "os.execv(sys.executable, [sys.executable, '-m', 'zizhu', *sys.argv[1:]])")


def test_disk_that_refuses_writes_keeps_events_in_memory_and_says_so(
        broker: MosquittoBroker, tmp_path: Path, watcher_for: Callable[..., Watcher]) -> None:
    config = write_config(tmp_path, broker.port)
    cfg = load_terminal(config)
    Spool(cfg.agent.spool_path).close()  # the store exists; now the disk is "full"
    w = watcher_for(broker.port)
    proc = subprocess.Popen([sys.executable, "-c", _LIMITED, "agent", "--config", str(config), "--log-json"],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    client = AgentClient(cfg.agent.socket_path, reconnect_s=0.1)
    try:
        w.wait_for(Kind.STATE, lambda p: p.online, timeout=30)
        client.start()
        assert client.wait_connected(20)
        client.heartbeat()
        client.devices([PrinterStatus(name="printer", state=DeviceState.ONLINE,
                                      stations={"receipt": PrinterStation(paper=PaperLevel.OUT)})])
        ev = w.wait_for(Kind.EVENT, lambda e: e.fault == "printer.receipt.paper_out")
        assert ev.action == "raised"
        assert proc.poll() is None  # still running
    finally:
        client.close()
        _stop(proc)
    lines = log_lines(proc)
    assert any(line.get("level") == "error" and "refuses writes" in line.get("msg", "") for line in lines), lines
    assert proc.returncode == 0


def test_invalid_config_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('kind = "terminal"\n[terminal]\nid = "t01"\nhall = "h1"\n[agent]\nheartbeat = 5\n')
    done = subprocess.run([sys.executable, "-m", "zizhu", "agent", "--config", str(bad)], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert "agent.heartbeat" in done.stderr and "unknown key" in done.stderr
    missing = subprocess.run([sys.executable, "-m", "zizhu", "agent", "--config", str(tmp_path / "nope.toml")],
                             cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert missing.returncode == 2 and "no such configuration file" in missing.stderr
