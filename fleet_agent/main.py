"""``zizhu agent``: the terminal's fleet agent, and optionally its headless device host.

    zizhu agent --config /etc/zizhu/terminal.toml              # agent only (the kiosk owns the devices)
    zizhu agent --config FILE --devices                        # agent + headless device host
    zizhu agent --config FILE --devices-only                   # device host, feeding a running agent
"""

from __future__ import annotations

import argparse
import logging
import signal
import sys
import threading
import time
from types import FrameType

from ground.configfile import ConfigError
from ground.logs import setup_logging
from terminal import sdnotify
from terminal.config import load_terminal

log = logging.getLogger("zizhu.agent")
UNHEALTHY_EXIT_S = 30.0  # a dead thread for this long: the process exits (systemd Restart=always)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", required=True, metavar="FILE", help="terminal configuration (TOML)")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--devices", action="store_true",
                      help="also run the headless device host: open the configured devices, poll them and "
                           "feed the agent over the local channel (a terminal without the kiosk app)")
    mode.add_argument("--devices-only", action="store_true",
                      help="run only the headless device host, feeding an agent that is already running")
    parser.add_argument("--log-level", default="INFO", choices=["DEBUG", "INFO", "WARNING", "ERROR"])
    parser.add_argument("--log-json", action="store_true", help="one JSON object per log line")


def run(args: argparse.Namespace) -> int:
    setup_logging(args.log_level, json_lines=args.log_json)
    try:
        cfg = load_terminal(args.config)
    except ConfigError as exc:
        print(str(exc), file=sys.stderr)
        return 2

    stop = threading.Event()

    def _on_signal(signum: int, _frame: FrameType | None) -> None:
        log.info("signal %d: stopping", signum)
        stop.set()

    signal.signal(signal.SIGTERM, _on_signal)
    signal.signal(signal.SIGINT, _on_signal)

    host = None
    if args.devices or args.devices_only:
        from fleet_agent.devicehost import DeviceHost, devices_from_config

        try:
            devices = devices_from_config(cfg)
        except (ValueError, ImportError) as exc:
            print(f"{args.config}: cannot load a device driver: {exc}", file=sys.stderr)
            return 2
        host = DeviceHost(devices, str(cfg.agent.socket_path), poll_s=cfg.agent.poll_s,
                          heartbeat_s=min(cfg.agent.heartbeat_s, cfg.agent.app_frozen_after_s / 3))

    agent = None
    if not args.devices_only:
        from fleet_agent.agent import Agent

        agent = Agent(cfg)
        try:
            agent.start()
        except OSError as exc:
            print(f"zizhu agent: cannot open the local channel {cfg.agent.socket_path}: {exc}", file=sys.stderr)
            agent.spool.close()
            return 1

    sdnotify.notify("READY=1")
    host_thread = None
    if host is not None:
        host_thread = threading.Thread(target=host.run_until, args=(stop,), name="zizhu-devicehost", daemon=True)
        host_thread.start()
    beat = sdnotify.watchdog_interval_s() or 5.0
    unhealthy_since: float | None = None
    rc = 0
    try:
        while not stop.wait(beat):
            if agent is None or agent.healthy():
                unhealthy_since = None
                sdnotify.notify("WATCHDOG=1")
                continue
            log.error("an agent thread died or its loop stopped: no watchdog ping, systemd restarts us")
            unhealthy_since = unhealthy_since or time.monotonic()
            if time.monotonic() - unhealthy_since >= UNHEALTHY_EXIT_S:
                # Without a systemd watchdog nobody would: exit, and Restart=on-failure starts us again.
                log.critical("unhealthy for %.0f s: exiting so that the service manager restarts the agent",
                             UNHEALTHY_EXIT_S)
                rc = 1
                break
    finally:
        sdnotify.notify("STOPPING=1")
        if host_thread is not None:
            host_thread.join(15)
        if agent is not None:
            agent.stop()
    return rc
