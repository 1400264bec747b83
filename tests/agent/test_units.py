"""The systemd units in config/: what they promise, and that their command lines parse."""

from __future__ import annotations

import configparser
import shlex
from pathlib import Path

import pytest

from zizhu.cli import build_parser

ROOT = Path(__file__).resolve().parents[2]


def unit(name: str) -> configparser.RawConfigParser:
    cp = configparser.RawConfigParser(strict=False)
    cp.optionxform = str  # type: ignore[assignment,method-assign]
    cp.read(ROOT / "config" / name)
    return cp


@pytest.mark.parametrize(("name", "sub"), [("zizhu-agent.service", "agent"), ("zizhu-kiosk.service", "kiosk")])
def test_unit_restarts_and_has_a_watchdog(name: str, sub: str) -> None:
    u = unit(name)
    svc = u["Service"]
    assert svc["Restart"] == "always" and int(svc["WatchdogSec"]) > 0 and svc["Type"] == "notify"
    argv = shlex.split(svc["ExecStart"])
    zizhu_at = next(i for i, a in enumerate(argv) if a.endswith("/zizhu"))
    args = argv[zizhu_at + 1:]
    assert args[0] == sub and "--config" in args
    if sub == "agent":
        ns = build_parser(args).parse_args(args)
        assert ns.config == "/etc/zizhu/terminal.toml"
    else:
        assert argv[0] == "/usr/bin/cage"  # the kiosk runs full screen under cage


def test_agent_socket_directory_matches_the_default_config() -> None:
    from terminal.config import AgentConfig

    svc = unit("zizhu-agent.service")["Service"]
    assert AgentConfig().socket_path.parent == Path("/run") / svc["RuntimeDirectory"]
    assert AgentConfig().spool_path.parent == Path("/var/lib") / svc["StateDirectory"]
