"""``zizhu hall --config FILE``: run the hall server until SIGINT or SIGTERM.

``zizhu hall broker-config --config FILE --out DIR``: the hall broker's password file, ACL and each
terminal's credentials, from the hall's registry (docs/broker.md).
"""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
import threading
import time
from pathlib import Path
from types import FrameType

from ground.configfile import ConfigError
from ground.logs import setup_logging
from hall_server.config import load_hall

log = logging.getLogger("zizhu.hall")
UNHEALTHY_EXIT_S = 30.0  # a dead thread for this long: the process exits for the service manager to restart


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", help="hall configuration file (TOML); required")
    parser.add_argument("--log-level", default="INFO")
    parser.add_argument("--json-logs", action="store_true", help="one JSON object per log line")
    parser.set_defaults(_hall_parser=parser)
    sub = parser.add_subparsers(dest="hall_command", metavar="ACTION")
    bc = sub.add_parser(
        "broker-config", help="write the hall broker's password file, ACL and each terminal's credentials",
        description="Write the hall broker's password file (passwd), ACL (acl), one [mqtt] snippet per registered "
                    "terminal (credentials/ID.toml) and the hall server's (hall-mqtt.toml), from the registry "
                    "(server.registry_file) and the broker secret ([broker] secret_file). Run it after each "
                    "registry change, then reload the broker. docs/broker.md")
    bc.add_argument("--config", dest="bc_config", required=True, metavar="FILE", help="hall configuration file")
    bc.add_argument("--out", required=True, type=Path, metavar="DIR",
                    help="where to write (e.g. /etc/mosquitto/zizhu, the directory mosquitto.conf names)")
    bc.add_argument("--registry", type=Path, default=None, metavar="FILE",
                    help="the registry (TOML or CSV) instead of the configuration's server.registry_file")
    bc.add_argument("--reload-pid", type=int, default=None, metavar="PID",
                    help="send the broker process PID a SIGHUP afterwards, so it reloads the files")


def run(args: argparse.Namespace) -> int:
    if getattr(args, "hall_command", None) == "broker-config":
        return broker_config(args)
    if args.config is None:
        args._hall_parser.error("the following arguments are required: --config")
    setup_logging(args.log_level, json_lines=args.json_logs)
    try:
        cfg = load_hall(args.config)
        from hall_server.service import HallService, tune_gc

        tune_gc()
        service = HallService(cfg)
    except ConfigError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    stop = threading.Event()

    def _stop(_sig: int, _frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    service.start()
    print(f"zizhu hall {cfg.hall.id}: dashboard {service.base_url}/  status page {service.base_url}/status  "
          f"API {service.base_url}/docs  metrics {service.base_url}/metrics", flush=True)
    rc, unhealthy_since = 0, None
    while not stop.wait(5.0):
        if service.healthy():
            unhealthy_since = None
            continue
        unhealthy_since = unhealthy_since or time.monotonic()
        log.error("a hall server thread died; exiting in %.0f s unless it recovers",
                  UNHEALTHY_EXIT_S - (time.monotonic() - unhealthy_since))
        if time.monotonic() - unhealthy_since >= UNHEALTHY_EXIT_S:
            log.critical("unhealthy for %.0f s: exiting so that the service manager restarts the hall server",
                         UNHEALTHY_EXIT_S)
            rc = 1
            break
    service.stop()
    return rc


def _fail(text: str) -> int:
    print(f"zizhu hall broker-config: {text}", file=sys.stderr)
    return 2


def broker_config(args: argparse.Namespace) -> int:
    """``zizhu hall broker-config``: exit 0 when the files are written (and the broker told), 2 on bad input."""
    from hall_server.brokerauth import BrokerAuth, BrokerAuthError, read_secret, write_broker_files
    from hall_server.registry import load_registry

    try:
        cfg = load_hall(args.bc_config)
    except ConfigError as exc:
        return _fail(str(exc))
    b = cfg.broker
    if b.secret_file is None:
        return _fail(f"{args.bc_config}: no broker secret: set [broker] secret_file (make the file with "
                     "`umask 077; openssl rand -hex 32 > /etc/zizhu/broker.secret`)")
    registry = args.registry or cfg.server.registry_file
    if registry is None:
        return _fail(f"{args.bc_config}: no registry (设备备案登记表): set server.registry_file or give "
                     "--registry FILE")
    try:
        entries = load_registry(registry)
        auth = BrokerAuth(cfg.hall.id, read_secret(b.secret_file))
    except (ConfigError, BrokerAuthError) as exc:
        return _fail(str(exc))
    except OSError as exc:
        return _fail(f"{registry}: cannot read: {exc.strerror}")
    terminals = [(e.id, f"terminal {e.id}" + (f" ({e.name})" if e.name else "")) for e in entries]
    m = cfg.mqtt
    try:
        files = write_broker_files(
            args.out, auth, terminals, host=b.terminal_host or m.host, port=b.terminal_port, tls=b.terminal_tls,
            ca_file=b.terminal_ca_file, hall_mqtt=(m.host, m.port, m.tls, m.ca_file),
            source=f"{registry} (hall {cfg.hall.id})")
    except OSError as exc:
        where = exc.filename or args.out
        return _fail(f"{where}: cannot write the broker files: {exc.strerror}")
    print(f"hall {cfg.hall.id}: {len(entries)} terminals from {registry}")
    print(f"  {files.passwd}  (password file: the hall server and {len(entries)} terminals)")
    print(f"  {files.acl}  (ACL)")
    print(f"  {files.hall_credentials}  (the hall server's [mqtt] table: username and password)")
    print(f"  {args.out / 'credentials'}/ID.toml  (each terminal's [mqtt] table; install as its config's [mqtt])")
    for p in files.removed:
        print(f"  removed {p} (no longer registered)")
    if args.reload_pid is None:
        print("Reload the broker so it reads them: systemctl reload mosquitto  "
              "(or: kill -HUP $(cat /run/mosquitto/mosquitto.pid))")
        return 0
    try:
        os.kill(args.reload_pid, signal.SIGHUP)
    except ProcessLookupError:
        return _fail(f"--reload-pid {args.reload_pid}: no such process; the files are written, reload the broker "
                     "yourself")
    except PermissionError:
        return _fail(f"--reload-pid {args.reload_pid}: not allowed to signal it (run as root or the broker's user); "
                     "the files are written")
    print(f"sent SIGHUP to process {args.reload_pid}: the broker reloads the password file and ACL")
    return 0
