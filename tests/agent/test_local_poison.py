"""Lines on the local channel that once killed a thread: refused where they enter, the channel goes on."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest

from tests.support import wait_until
from wire import local


@pytest.fixture
def server(tmp_path: Path) -> local.LocalServer:
    got: list[local.AppMessage] = []
    srv = local.LocalServer(tmp_path / "agent.sock", on_message=lambda _p, m: got.append(m), on_change=lambda: None,
                            welcome=lambda: local.Welcome(terminal="t01"))
    srv.start()
    srv.got = got  # type: ignore[attr-defined]
    yield srv  # type: ignore[misc]
    srv.stop()


def talk(srv: local.LocalServer, *lines: bytes) -> list[dict[str, object]]:
    """Send the lines; the agent's answers (welcome first, then one error per refused line)."""
    before = len(srv.got)  # type: ignore[attr-defined]
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
        s.settimeout(5)
        s.connect(str(srv.path))
        s.sendall(b"".join(line + b"\n" for line in lines) + b'{"type":"heartbeat"}\n')
        buf = b""
        wait_until(lambda: any(isinstance(m, local.Heartbeat) for m in srv.got[before:]),  # type: ignore[attr-defined]
                   what="the closing heartbeat handled")
        s.settimeout(0.5)
        try:
            while True:
                chunk = s.recv(65536)
                if not chunk:
                    break
                buf += chunk
        except TimeoutError:
            pass
    return [json.loads(line) for line in buf.splitlines()]


def devices(name: str = "printer", **extra: object) -> bytes:
    return json.dumps({"type": "devices", "devices": [{"kind": "printer", "name": name, **extra}]}).encode()


@pytest.mark.parametrize(("line", "why"), [
    (devices("Printer"), "devices[0].name"),  # its fault codes would be outside the contract
    (devices("printer\n"), "devices[0].name"),
    (json.dumps({"type": "devices", "devices": [{"kind": "locker", "name": "locker",
                                                  "slots": {"A 1": {"door": "jammed"}}}]}).encode(), "slots"),
    (b'{"type":"hello","version":"\xff"}', "UTF-8"),  # an invalid byte inside a string
    (b'{"type":"result","id":"c1","ok":true,"detail":"\\ud800"}', "JSON"),  # a lone surrogate
    (json.dumps({"type": "devices", "devices": [{"kind": "printer", "name": "printer"},
                                                {"kind": "camera", "name": "printer"}]}).encode(), "twice"),
])
def test_refused_with_a_reason_and_the_channel_goes_on(server: local.LocalServer, line: bytes, why: str) -> None:
    answers = talk(server, line)
    assert answers[0]["type"] == "welcome"
    errors = [a for a in answers if a["type"] == "error"]
    assert len(errors) == 1 and why in str(errors[0]["reason"]), errors
    assert "\xff" not in str(errors[0]["reason"])
    assert server.refused_lines == 1 and server.loop_errors == 0
    assert server._thread is not None and server._thread.is_alive()
    assert not any(isinstance(m, local.Devices | local.Result) for m in server.got)  # type: ignore[attr-defined]
    # … and a good line after it is taken.
    talk(server, devices("printer", state="online"))
    assert any(isinstance(m, local.Devices) for m in server.got)  # type: ignore[attr-defined]
