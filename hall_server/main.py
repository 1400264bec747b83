"""``zizhu hall --config FILE``: run the hall server until SIGINT or SIGTERM.

``zizhu hall broker-config --config FILE --out DIR``: the hall broker's password file, ACL and each
terminal's credentials, from the hall's registry (docs/broker.md).

``zizhu hall user add|passwd|disable|enable|list|token … --config FILE``: the dashboard's accounts
(docs/accounts.md).

``zizhu hall keygen --config FILE`` (or ``--out KEYFILE``): the key pair for sealed phone numbers; the
private half to ``[feedback] private_key_file`` (0600, never overwritten), the public half printed for
the terminals' ``[kiosk] hall_public_key``; ``--show`` prints the public half of the existing key
(docs/feedback.md).
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
from hall_server.accounts import UserRole
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
    _add_user_arguments(sub)
    kg = sub.add_parser(
        "keygen", help="make the key pair that seals complaint phone numbers (prints the public half)",
        description="Make the hall's key pair for the call-back phone numbers kiosks seal (libsodium sealed box): "
                    "the private half goes to [feedback] private_key_file (mode 0600; an existing file is never "
                    "overwritten), the public half is printed for every terminal's [kiosk] hall_public_key. "
                    "docs/feedback.md")
    where = kg.add_mutually_exclusive_group(required=True)
    where.add_argument("--config", dest="kg_config", metavar="FILE", help="hall configuration file (its key file)")
    where.add_argument("--out", type=Path, metavar="KEYFILE", help="write the private key here instead")
    kg.add_argument("--show", action="store_true", help="print the public half of the existing key; make nothing")


def _add_user_arguments(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """``zizhu hall user add|passwd|disable|enable|list|token``: the dashboard's accounts (docs/accounts.md)."""
    user = sub.add_parser("user", help="dashboard accounts: add, passwd, disable, enable, list, token",
                          description="The hall dashboard's accounts (docs/accounts.md). The first administrator "
                                      "is made with `zizhu hall user add NAME --role admin --config FILE`.")
    user.set_defaults(_user_parser=user)
    actions = user.add_subparsers(dest="user_command", metavar="ACTION")

    def action(name: str, help_text: str) -> argparse.ArgumentParser:
        p = actions.add_parser(name, help=help_text, description=help_text)
        p.add_argument("--config", dest="user_config", required=True, metavar="FILE", help="hall configuration file")
        return p

    roles = ", ".join(f"{r.value} ({r.label})" for r in _roles())
    add = action("add", "make an account (asks for the password twice unless --password-stdin)")
    add.add_argument("name", metavar="NAME", help="username: letters, digits, . _ - (stored in lower case)")
    add.add_argument("--role", required=True, choices=[r.value for r in _roles()], help=roles)
    add.add_argument("--display-name", default="", help="the name shown on the dashboard, e.g. 王晓明")
    add.add_argument("--password-stdin", action="store_true", help="read the password from the first line of stdin")
    pw = action("passwd", "set a new password (every dashboard session of the user ends)")
    pw.add_argument("name", metavar="NAME")
    pw.add_argument("--password-stdin", action="store_true", help="read the password from the first line of stdin")
    action("disable", "disable an account (its sessions end, its API tokens are refused)").add_argument(
        "name", metavar="NAME")
    action("enable", "enable a disabled account again").add_argument("name", metavar="NAME")
    action("list", "list the accounts")
    tok = action("token", "make an API token for a user's scripts (printed once)")
    tok.add_argument("name", metavar="NAME")
    tok.add_argument("--label", required=True, help="what the token is for, e.g. 监控脚本")


def _roles() -> list[UserRole]:
    return list(UserRole)


def run(args: argparse.Namespace) -> int:
    if getattr(args, "hall_command", None) == "broker-config":
        return broker_config(args)
    if getattr(args, "hall_command", None) == "user":
        return user_command(args)
    if getattr(args, "hall_command", None) == "keygen":
        return keygen(args)
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


# ---- zizhu hall user ----------------------------------------------------------------------------------------

def keygen(args: argparse.Namespace) -> int:
    """``zizhu hall keygen``: exit 0 with the public key on stdout, 2 on bad input (nothing written)."""
    from hall_server.keys import KeyFileError, read_private_key, write_keypair
    from wire.feedback import public_key_of

    path: Path | None = args.out
    if path is None:
        try:
            path = load_hall(args.kg_config).feedback.private_key_file
        except ConfigError as exc:
            print(str(exc), file=sys.stderr)
            return 2
        if path is None:
            print("zizhu hall keygen: the configuration names no [feedback] private_key_file; add one "
                  '(e.g. private_key_file = "/etc/zizhu/hall-feedback.key") or give --out', file=sys.stderr)
            return 2
    try:
        public = public_key_of(read_private_key(path)) if args.show else write_keypair(path)
    except KeyFileError as exc:
        print(f"zizhu hall keygen: {exc}", file=sys.stderr)
        return 2
    if not args.show:
        print(f"# private key written to {path} (mode 0600); keep it, and a copy offline: phones sealed to its "
              "public half open with it only", file=sys.stderr)
        print("# put this line in every terminal's [kiosk] table:", file=sys.stderr)
    print(f'hall_public_key = "{public}"')
    return 0


def _user_fail(text: str) -> int:
    print(f"zizhu hall user: {text}", file=sys.stderr)
    return 2


def _read_password(from_stdin: bool) -> str | None:
    """The new password: the first line of stdin, or typed twice; ``None`` when the two differ."""
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    import getpass

    first = getpass.getpass("新密码：")
    second = getpass.getpass("再次输入新密码：")
    return first if first == second else None


def user_command(args: argparse.Namespace) -> int:
    """``zizhu hall user …``: exit 0 when done, 2 on bad input (nothing changed)."""
    import getpass

    from hall_server import accounts
    from hall_server.db import open_database

    if args.user_command is None:
        args._user_parser.error("choose an ACTION: add, passwd, disable, enable, list, token")
    try:
        cfg = load_hall(args.user_config)
    except ConfigError as exc:
        return _user_fail(str(exc))
    actor = f"cli:{getpass.getuser()}"
    engine, sessions = open_database(cfg.server.database_url)
    try:
        cmd = args.user_command
        if cmd == "list":
            users = accounts.list_users(sessions)
            if not users:
                print("还没有账户：用 `zizhu hall user add NAME --role admin --config FILE` 添加第一个大厅管理员")
            for u in users:
                state = "已停用" if u.disabled else "启用"
                print(f"{u.username}\t{UserRole(u.role).label}({u.role})\t{state}\t{u.display_name}")
            return 0
        if cmd in ("add", "passwd"):
            if cmd == "passwd" and accounts.get_user(sessions, args.name) is None:
                return _user_fail(f"没有用户“{args.name}”")
            if cmd == "add":
                accounts.normalize_username(args.name)  # before asking for a password
            password = _read_password(args.password_stdin)
            if password is None:
                return _user_fail("两次输入的密码不一致，未做任何更改")
            if cmd == "add":
                user = accounts.create_user(sessions, args.name, args.role, password, args.display_name, actor=actor)
                print(f"已添加用户 {user.username}（{UserRole(user.role).label}）")
            else:
                accounts.set_password(sessions, args.name, password, actor=actor)
                print(f"已修改 {args.name.strip().lower()} 的密码；其所有网页登录已退出")
            return 0
        if cmd in ("disable", "enable"):
            accounts.set_disabled(sessions, args.name, cmd == "disable", actor=actor)
            print(f"已{'停用' if cmd == 'disable' else '启用'}用户 {args.name.strip().lower()}")
            return 0
        secret = accounts.issue_token(sessions, args.name, args.label, actor=actor)
        print(secret)
        print("这是新令牌，只显示这一次：请保存好。用法：Authorization: Bearer <令牌>", file=sys.stderr)
        return 0
    except accounts.AccountError as exc:
        return _user_fail(f"{exc}；未做任何更改")
    finally:
        engine.dispose()
