"""The hall broker's accounts (hall_server/brokerauth.py), its shipped configuration and
`zizhu hall broker-config`."""

from __future__ import annotations

import base64
import os
import subprocess
import tomllib
from pathlib import Path

import pytest

from hall_server.brokerauth import BrokerAuth, BrokerAuthError, acl_file, password_line
from hall_server.main import broker_config
from tests.support import wait_until
from wire.contract import MAX_PAYLOAD_BYTES, hall_access, terminal_access
from zizhu.broker import SHIPPED_CONF, MosquittoBroker, mqtt_connect_code, shipped_options
from zizhu.cli import main
from zizhu.config import MqttConfig

SECRET = b"0123456789abcdef0123456789abcdef"


def test_password_lines_are_mosquitto_passwd_s_own(tmp_path: Path) -> None:
    pw = tmp_path / "passwd"
    subprocess.run(["mosquitto_passwd", "-b", "-c", str(pw), "terminal/h1/t01", "s3cret"], check=True,
                   capture_output=True)
    theirs = pw.read_text().strip()
    salt = base64.b64decode(theirs.split("$")[3])
    assert password_line("terminal/h1/t01", "s3cret", salt) == theirs
    assert theirs.startswith("terminal/h1/t01:$7$101$")


def test_passwords_are_derived_and_the_files_the_same_every_time() -> None:
    a, b = BrokerAuth("h1", SECRET), BrokerAuth("h1", SECRET)
    assert a.terminal("t01").password == b.terminal("t01").password != a.terminal("t02").password
    assert a.terminal("t01").password != BrokerAuth("h1", SECRET[::-1]).terminal("t01").password
    assert a.terminal("t01").password != BrokerAuth("h2", SECRET).terminal("t01").password  # the hall is in the name
    assert len(a.terminal("t01").password) == 43  # 256 bits, base64url
    accounts = a.accounts(["t01", "t02"])
    assert a.password_file(accounts) == b.password_file(b.accounts(["t01", "t02"]))
    assert [x.username for x in accounts] == ["hall/h1", "terminal/h1/t01", "terminal/h1/t02"]


def test_the_acl_is_the_contract_s_access_and_nothing_else() -> None:
    auth = BrokerAuth("h1", SECRET)
    text = acl_file("h1", auth.accounts(["t01"]))
    rules: dict[str, list[str]] = {}
    user = None
    for line in text.splitlines():
        if line.startswith("user "):
            user = line.removeprefix("user ")
            rules[user] = []
        elif line.startswith("topic "):
            assert user is not None, "no rule may apply to anonymous clients"
            rules[user].append(line)
    h, t = hall_access("h1"), terminal_access("h1", "t01")
    assert rules == {
        "hall/h1": [f"topic write {x}" for x in h.write] + [f"topic read {x}" for x in h.read],
        "terminal/h1/t01": [f"topic write {x}" for x in t.write] + [f"topic read {x}" for x in t.read],
    }
    assert "user observer/" not in text and "user fleet/" not in text  # the test-only accounts only when asked


@pytest.mark.parametrize("bad", ["T01", "t01\ntopic readwrite #", "t/1", "t+", "#", "", "t 1", "x" * 64])
def test_ids_that_could_widen_an_acl_are_refused(bad: str) -> None:
    with pytest.raises(BrokerAuthError, match="is not an id"):
        BrokerAuth("h1", SECRET).terminal(bad)


def test_a_short_secret_is_refused() -> None:
    with pytest.raises(BrokerAuthError, match="at least 16"):
        BrokerAuth("h1", b"short")


def test_the_shipped_configuration_is_a_locked_hall_broker() -> None:
    glob, listeners = shipped_options()
    opts = dict(line.split(None, 1) for line in glob if not line.startswith("log_type"))
    assert opts["allow_anonymous"] == "false"
    assert {"password_file", "acl_file"} <= opts.keys()
    assert opts["persistence"] == "true" and opts["persistence_location"] and int(opts["autosave_interval"]) > 0
    assert int(opts["max_queued_messages"]) >= 100_000
    assert int(opts["message_size_limit"]) == MAX_PAYLOAD_BYTES
    assert 1004 <= int(opts["max_inflight_messages"]) <= 65535  # an agent's max_inflight (≤ 1000) + 4
    [tls] = listeners  # the plain listener is there only as a comment
    assert tls[0] == "listener 8883"
    tls_opts = dict(line.split(None, 1) for line in tls[1:])
    assert tls_opts["require_certificate"] == "false" and tls_opts["tls_version"] == "tlsv1.2"
    assert {"cafile", "certfile", "keyfile"} <= tls_opts.keys()
    assert "#listener 1883 127.0.0.1" in SHIPPED_CONF.read_text()


# ---- zizhu hall broker-config ---------------------------------------------------------------------

def _hall(tmp_path: Path, *, secret: str | None = "secret", registry: str | None = "registry.csv",
          extra: str = "") -> Path:
    if secret is not None:
        s = tmp_path / secret
        if not s.exists():
            s.write_bytes(SECRET + b"\n")
            s.chmod(0o600)
    if registry is not None and not (tmp_path / registry).exists():
        (tmp_path / registry).write_text("id,name\nt01,一号机\nt02,二号机\n", encoding="utf-8")
    p = tmp_path / "hall.toml"
    p.write_text('kind = "hall"\n[hall]\nid = "h1"\n'
                 + (f'[server]\nregistry_file = "{tmp_path / registry}"\n' if registry else "")
                 + (f'[broker]\nsecret_file = "{tmp_path / secret}"\nterminal_host = "10.0.0.5"\n' if secret else "")
                 + extra, encoding="utf-8")
    return p


def test_broker_config_writes_the_files_again_and_again_the_same(tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    cfg = _hall(tmp_path)
    assert main(["hall", "broker-config", "--config", str(cfg), "--out", str(out)]) == 0
    said = capsys.readouterr().out
    assert "2 terminals" in said and "kill -HUP" in said
    files = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert sorted(map(str, files)) == ["acl", "credentials/t01.toml", "credentials/t02.toml", "hall-mqtt.toml",
                                       "passwd"]
    assert oct((out / "credentials" / "t01.toml").stat().st_mode & 0o777) == "0o600"
    snippet = tomllib.loads((out / "credentials" / "t01.toml").read_text())
    mqtt = MqttConfig.from_data(snippet["mqtt"])  # what a terminal's configuration accepts
    auth = BrokerAuth("h1", SECRET)
    assert (mqtt.username, mqtt.password) == auth.terminal("t01").login
    assert (mqtt.host, mqtt.port, mqtt.tls, str(mqtt.ca_file)) == ("10.0.0.5", 8883, True, "/etc/zizhu/hall-ca.pem")
    assert "# terminal t01 (一号机)" in (out / "acl").read_text()
    # again: byte for byte the same; a terminal taken off the registry loses its snippet
    (tmp_path / "registry.csv").write_text("id,name\nt01,一号机\n", encoding="utf-8")
    assert main(["hall", "broker-config", "--config", str(cfg), "--out", str(out)]) == 0
    assert "removed" in capsys.readouterr().out
    assert not (out / "credentials" / "t02.toml").exists()
    assert (out / "credentials" / "t01.toml").read_bytes() == files[Path("credentials/t01.toml")]
    assert "terminal/h1/t02" not in (out / "passwd").read_text()


@pytest.mark.parametrize(("case", "message"), [
    ("no secret_file", "set [broker] secret_file"),
    ("secret missing", "no such broker secret file"),
    ("secret world-readable", "readable by every user"),
    ("secret short", "at least 16"),
    ("no registry", "no registry"),
    ("registry missing", "no such registry file"),
    ("bad registry", "registered twice"),
    ("not a hall", "bad value 'terminal'"),
    ("no such config", "no such configuration file"),
    ("out is a file", "cannot write the broker files"),
    ("no such process", "no such process"),
])
def test_broker_config_bad_input_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str,
                                                  message: str) -> None:
    cfg = _hall(tmp_path)
    out = tmp_path / "out"
    extra: list[str] = []
    if case == "no secret_file":
        cfg = _hall(tmp_path, secret=None)
    elif case == "secret missing":
        (tmp_path / "secret").unlink()
    elif case == "secret world-readable":
        (tmp_path / "secret").chmod(0o644)
    elif case == "secret short":
        (tmp_path / "secret").write_text("abc\n")
    elif case == "no registry":
        cfg = _hall(tmp_path, registry=None)
    elif case == "registry missing":
        (tmp_path / "registry.csv").unlink()
    elif case == "bad registry":
        (tmp_path / "registry.csv").write_text("id\nt01\nt01\n")
    elif case == "not a hall":
        cfg.write_text('kind = "terminal"\n[terminal]\nid = "t01"\nhall = "h1"\n')
    elif case == "no such config":
        cfg = tmp_path / "nope.toml"
    elif case == "out is a file":
        out.write_text("")
    elif case == "no such process":
        extra = ["--reload-pid", str(2**22 + 12345)]
    assert main(["hall", "broker-config", "--config", str(cfg), "--out", str(out), *extra]) == 2
    err = capsys.readouterr().err
    assert err.startswith("zizhu hall broker-config: ") and message in err, err


def test_a_registry_change_reaches_the_running_broker_with_reload_pid(tmp_path: Path) -> None:
    """The hall's routine: a terminal is registered, broker-config runs with --reload-pid, it gets in."""
    import argparse

    out = tmp_path / "out"
    cfg = _hall(tmp_path)
    args = argparse.Namespace(bc_config=str(cfg), out=out, registry=None, reload_pid=None)
    assert broker_config(args) == 0
    with MosquittoBroker(hall="h1", password_file=out / "passwd", terminals=["t01", "t02", "t03"],
                         secret=SECRET) as b:  # the password file broker-config wrote
        def login(t: str) -> int:
            snippet = tomllib.loads((out / "credentials" / f"{t}.toml").read_text())["mqtt"]
            return mqtt_connect_code(b.host, b.port, snippet["username"], snippet["password"])

        assert login("t01") == 0
        t03 = BrokerAuth("h1", SECRET).terminal("t03").login
        assert mqtt_connect_code(b.host, b.port, *t03) != 0  # not registered yet
        with (tmp_path / "registry.csv").open("a") as fh:
            fh.write("t03,取件柜\n")
        assert b.pid is not None
        assert broker_config(argparse.Namespace(bc_config=str(cfg), out=out, registry=None, reload_pid=b.pid)) == 0
        wait_until(lambda: login("t03") == 0, 10, "t03 let in after the reload")
        assert b.running and login("t01") == 0
    assert os.path.exists(out / "passwd")
