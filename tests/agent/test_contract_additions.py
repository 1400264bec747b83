"""What the agent added to the wire contract (all additive: old payloads still decode)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from wire.contract import (
    CommandAction,
    CommandPayload,
    CommandResultPayload,
    Kind,
    StatePayload,
    StatusPayload,
    decode,
    terminal_subscriptions,
)
from wire.status import TerminalStatus


def test_terminal_subscriptions() -> None:
    assert terminal_subscriptions("h1", "t01") == ["zizhu/v1/h1/t01/cmd", "zizhu/v1/h1/t01/ack", "zizhu/v1/h1/notice"]


def test_command_expiry() -> None:
    now = datetime(2026, 1, 1, tzinfo=UTC)
    cmd = CommandPayload(terminal="t01", id="c1", action=CommandAction.SELF_TEST, device="printer",
                         expires_at=now + timedelta(seconds=29.2))
    assert not cmd.expired(now) and cmd.expired(now + timedelta(seconds=30))
    assert cmd.expiry_interval_s(now) == 30
    assert cmd.expiry_interval_s(now + timedelta(hours=1)) == 1  # never 0: 0 means "no expiry" in MQTT
    naive = CommandPayload(terminal="t01", id="c2", action=CommandAction.RESTART_APP,
                           expires_at=datetime(2026, 1, 1, 0, 0, 30))  # read as UTC, compares safely
    assert naive.expires_at.tzinfo is UTC and naive.expired(now + timedelta(seconds=31))


def test_new_fields_are_optional_so_old_payloads_still_decode() -> None:
    old_state = b'{"v":1,"ts":"2026-01-01T00:00:00Z","terminal":"t01","online":true,"session":4}'
    state = decode(Kind.STATE, old_state)
    assert isinstance(state, StatePayload) and state.keepalive_s is None
    st = StatusPayload(terminal="t01", session=1, status=TerminalStatus(), last_seq=7, spool_pending=2,
                       spool_dropped=0)
    assert decode(Kind.STATUS, st.encode()) == st
    old_result = b'{"v":1,"ts":"2026-01-01T00:00:00Z","terminal":"t01","id":"c1","ok":true}'
    result = decode(Kind.CMD_RESULT, old_result)
    assert isinstance(result, CommandResultPayload) and result.action is None
