"""The one console command, `zizhu`, and its subcommands.

Each subcommand lives in the package that owns it and is imported lazily, so that `zizhu sim
printer` does not load Qt and `zizhu config check` touches no device. A subcommand whose module
does not exist yet says so plainly and exits non-zero.
"""

from __future__ import annotations

import argparse
import importlib
import signal
import sys
from collections.abc import Callable, Sequence
from types import ModuleType

from drivers.kinds import KINDS

# name -> (module, help). The module exposes `add_arguments(parser)` and `run(args) -> int`.
SUBCOMMANDS: dict[str, tuple[str, str]] = {
    "kiosk": ("kiosk.app", "run the citizens' touchscreen app (自助终端)"),
    "agent": ("fleet_agent.main", "run the terminal's fleet agent (reports to the hall over MQTT)"),
    "hall": ("hall_server.main", "run the hall server (ingest, incidents, alerts, dashboard)"),
    "diag": ("zizhu.diag", "technician diagnostics: self-test every configured device"),
    "maintenance-pin": ("terminal.pinhash", "hash a technician's PIN (or card) for [kiosk.maintenance] (维护模式)"),
    "demo": ("zizhu.demo", "run the demo hall"),
}

# `zizhu sim DEVICE`: one simulator per device kind, beside its driver (drivers/kinds.py).
SIMULATORS: dict[str, tuple[str, str]] = {k.name: (k.simulator, k.simulator_help) for k in KINDS}


class NotBuiltYet(Exception):
    """The subcommand's module is not part of this build yet."""


def _load(module_name: str) -> ModuleType:
    try:
        return importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        # Only "the module itself is missing" means not built; a missing dependency is a real error.
        if exc.name is not None and (module_name == exc.name or module_name.startswith(exc.name + ".")):
            raise NotBuiltYet(module_name) from exc
        raise


def _add_lazy(sub: argparse._SubParsersAction[argparse.ArgumentParser], name: str, module_name: str,
              help_text: str) -> None:
    parser = sub.add_parser(name, help=help_text, description=help_text)
    try:
        module = _load(module_name)
    except NotBuiltYet:
        parser.set_defaults(_run=_not_built(name))
        parser.add_argument("rest", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
        return
    add_arguments: Callable[[argparse.ArgumentParser], None] = module.add_arguments
    add_arguments(parser)
    parser.set_defaults(_run=module.run)


def _not_built(name: str) -> Callable[[argparse.Namespace], int]:
    def run(_args: argparse.Namespace) -> int:
        print(f"zizhu {name}: not built yet in this version of Zizhu.", file=sys.stderr)
        return 2

    return run


def build_parser(argv: Sequence[str]) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="zizhu", description="Zizhu (自助) 24-hour self-service area")
    from ground import __version__

    parser.add_argument("--version", action="version", version=f"zizhu {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    # Import only the module the user asked for: each may pull in Qt, OpenCV or SQLAlchemy.
    wanted = next((a for a in argv if not a.startswith("-")), None)
    for name, (module_name, help_text) in SUBCOMMANDS.items():
        if name == wanted:
            _add_lazy(sub, name, module_name, help_text)
        else:
            sub.add_parser(name, help=help_text)

    sim = sub.add_parser("sim", help="run a device simulator speaking the device's real wire protocol")
    sim_sub = sim.add_subparsers(dest="device", metavar="DEVICE", required=True)
    sim_wanted = None
    if wanted == "sim":
        rest = [a for a in argv if not a.startswith("-")]
        sim_wanted = rest[1] if len(rest) > 1 else None
    for name, (module_name, help_text) in SIMULATORS.items():
        if name == sim_wanted:
            _add_lazy(sim_sub, name, module_name, help_text)
        else:
            sim_sub.add_parser(name, help=help_text)

    cfg = sub.add_parser("config", help="configuration tools")
    cfg_sub = cfg.add_subparsers(dest="config_command", metavar="ACTION", required=True)
    check = cfg_sub.add_parser("check", help="validate a terminal or hall configuration file")
    check.add_argument("file", help="TOML file to check")
    check.set_defaults(_run=_config_check)
    return parser


def _config_check(args: argparse.Namespace) -> int:
    from zizhu.config import ConfigError, load_any

    try:
        kind, _cfg = load_any(args.file)
    except ConfigError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    print(f"{args.file}: OK ({kind} configuration)")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    # Ctrl-C (SIGINT) stops every zizhu command, also one started from a shell that ignores SIGINT
    # for background jobs: Python then installs no KeyboardInterrupt handler of its own.
    if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(args_list)
    args = parser.parse_args(args_list)
    run: Callable[[argparse.Namespace], int] | None = getattr(args, "_run", None)
    if run is None:
        # A known subcommand whose parser was not loaded: happens only if argv parsing disagreed.
        parser.error(f"cannot run {args.command!r}")
    try:
        return int(run(args) or 0)
    except KeyboardInterrupt:
        return 130
