from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from wire.contract import (
    CommandAction,
    CommandPayload,
    ContractError,
    EventPayload,
    Kind,
    StatePayload,
    StatusPayload,
    decode,
    decode_message,
    hall_subscriptions,
    notice_topic,
    parse_topic,
    terminal_topic,
)
from wire.status import PrinterStatus, TerminalStatus


def test_topics_round_trip() -> None:
    for kind in (Kind.STATE, Kind.STATUS, Kind.EVENT, Kind.CMD, Kind.CMD_RESULT):
        assert parse_topic(terminal_topic("h1", "t01", kind)) == ("h1", "t01", kind)
    assert parse_topic(notice_topic("h1")) == ("h1", None, Kind.NOTICE)
    assert hall_subscriptions("h1", "hall")[0] == "$share/hall/zizhu/v1/h1/+/state"
    for bad in ("zizhu/v2/h1/t01/state", "zizhu/v1/h1/t01/bogus", "zizhu/v1/H1/t01/state",
                "zizhu/v1/h1/t01/notice", "zizhu/v1/h1/state"):
        with pytest.raises(ContractError):
            parse_topic(bad)


def test_payloads_round_trip_and_validate_terminal() -> None:
    st = StatusPayload(terminal="t01", session=3,
                       status=TerminalStatus(devices=[PrinterStatus(name="printer")]))
    _, term, msg = decode_message("zizhu/v1/h1/t01/status", st.encode())
    assert term == "t01" and msg == st
    with pytest.raises(ContractError, match="names 't01'"):
        decode_message("zizhu/v1/h1/t02/status", st.encode())
    ev = EventPayload(terminal="t01", seq=1, session=3, fault="printer.receipt.paper_out", action="raised")
    assert decode(Kind.EVENT, ev.encode()) == ev
    birth = StatePayload(terminal="t01", online=True, session=3)
    assert decode(Kind.STATE, birth.encode()) == birth


@pytest.mark.parametrize("payload", [
    b"", b"not json", b"[]", b'{"v": 2, "terminal": "t01", "online": true, "session": 1}',
    b'{"v": 1, "terminal": "t01", "online": true, "session": -1}',
    b'{"v": 1, "terminal": "t01", "online": true, "session": 1, "extra": 1}',
    b'{"v": 1, "ts": "2026-01-01T00:00:00", "terminal": "t01", "online": true, "session": 1}',
])
def test_out_of_contract_state_payloads(payload: bytes) -> None:
    with pytest.raises(ContractError):
        decode(Kind.STATE, payload)


def test_bad_fault_code_and_command() -> None:
    with pytest.raises(ContractError):
        decode(Kind.EVENT, b'{"v":1,"terminal":"t01","seq":1,"session":1,"fault":"Paper Out","action":"raised"}')
    cmd = CommandPayload(terminal="t01", id="c1", action=CommandAction.SELF_TEST, device="printer",
                         expires_at=datetime.now(UTC) + timedelta(seconds=30))
    assert decode(Kind.CMD, cmd.encode()) == cmd
    with pytest.raises(ContractError):
        decode(Kind.CMD, cmd.encode().replace(b"self_test", b"rm_rf"))
    assert decode(Kind.NOTICE, b"") is None


def test_encode_checks_the_way_out() -> None:
    """A payload built in Python is checked when it is encoded: nothing out of contract is sent."""
    with pytest.raises(ContractError, match="at terminal"):
        StatePayload(terminal="T 01", online=True, session=1).encode()
    with pytest.raises(ContractError, match="at session"):
        StatePayload(terminal="t01", online=True, session=-1).encode()
    with pytest.raises(ContractError, match=r"at fault"):
        EventPayload(terminal="t01", seq=1, session=1, fault="Paper Out", action="raised").encode()
    with pytest.raises(ContractError, match=r"at status\.devices\[0\]\.name"):
        StatusPayload(terminal="t01", session=1, status=TerminalStatus(devices=[PrinterStatus(name="")])).encode()


def test_times_are_kept_in_utc() -> None:
    birth = decode(Kind.STATE, b'{"v":1,"ts":"2026-01-01T08:00:00+08:00","terminal":"t01","online":true,"session":1}')
    assert isinstance(birth, StatePayload) and birth.ts == datetime(2026, 1, 1, tzinfo=UTC)
    assert birth.ts.tzinfo is UTC
    naive = (b'{"v":1,"terminal":"t01","id":"c1","action":"restart_app",'
             b'"expires_at":"2026-01-01T00:00:30"}')
    cmd = decode(Kind.CMD, naive)
    assert isinstance(cmd, CommandPayload) and cmd.expires_at == datetime(2026, 1, 1, 0, 0, 30, tzinfo=UTC)
    assert cmd.expired(datetime(2026, 1, 1, 0, 0, 30, tzinfo=UTC))
    assert not cmd.expired(datetime(2026, 1, 1, 0, 0, 29, tzinfo=UTC))


def test_the_fleet_agent_loads_no_pydantic() -> None:
    """The agent's 40 MB budget: nothing `zizhu agent` imports (contract, status model, local channel,
    device host, config) may pull pydantic in (~12 MB of the agent's memory)."""
    import subprocess
    import sys
    from pathlib import Path

    code = ("import sys, zizhu.cli, fleet_agent.main, fleet_agent.agent, fleet_agent.devicehost, "
            "terminal.client; print(sorted(m for m in sys.modules if 'pydantic' in m))")
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                         cwd=Path(__file__).resolve().parents[2])
    assert res.returncode == 0, res.stderr
    assert res.stdout.strip() == "[]"
