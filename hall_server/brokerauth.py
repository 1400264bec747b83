"""The hall broker's accounts: a Mosquitto password file and ACL made from the hall's registry.

One account per registered terminal and one for the hall server. What each may publish and read
comes from the wire contract (:func:`wire.contract.terminal_access`,
:func:`~wire.contract.hall_access`), never from topic strings written here: a terminal
publishes only its own ``state``, ``status``, ``event`` and ``cmd/result`` and reads only its own
``cmd`` and ``ack`` and the hall's ``notice``; only the hall server publishes commands,
acknowledgements and the notice.

Usernames name the role, so no terminal id can collide with another account:
``terminal/{hall}/{terminal}``, ``hall/{hall}`` and, in tests and benchmarks only, ``observer/{hall}``
(reads everything) and ``fleet/{hall}`` (publishes as any terminal).

Passwords are derived, not stored: ``base64url(HMAC-SHA256(secret, username))`` without padding
(43 characters, 256 bits), with the hall's broker secret (``[broker] secret_file``). Regenerating
gives the same passwords, so a terminal's credentials change only when the secret does, and the
password file is the same byte for byte (its salts are derived from the secret too).

The password file is Mosquitto 2's own format, as ``mosquitto_passwd`` writes it:
``username:$7$ITERATIONS$base64(salt, 12 bytes)$base64(PBKDF2-HMAC-SHA512(password, salt), 64 bytes)``.
101 iterations is ``mosquitto_passwd``'s default; with 256-bit random passwords more would only
slow down ~500 terminals reconnecting at once.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import os
import stat
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ground.configbase import ID_RE
from wire.contract import ROOT, Access, hall_access, terminal_access

ITERATIONS = 101  # mosquitto_passwd's default (PW_DEFAULT_ITERATIONS)
SALT_LEN = 12  # Mosquitto's SALT_LEN
MIN_SECRET_BYTES = 16
_ID_RE = ID_RE  # ground.configbase.Identifier: no '/', '+', '#', space, newline


class BrokerAuthError(ValueError):
    """Input the broker's accounts cannot be made from (a bad id, a missing or weak secret)."""


def _check_id(what: str, value: str) -> str:
    if not isinstance(value, str) or _ID_RE.match(value) is None:
        raise BrokerAuthError(f"{what} {value!r} is not an id (lower-case letters a-z, digits, '_' or '-', "
                              "starting with a letter or digit, at most 63 characters)")
    return value


def terminal_username(hall: str, terminal: str) -> str:
    return f"terminal/{_check_id('hall', hall)}/{_check_id('terminal', terminal)}"


def hall_username(hall: str) -> str:
    return f"hall/{_check_id('hall', hall)}"


def observer_username(hall: str) -> str:
    return f"observer/{_check_id('hall', hall)}"


def fleet_username(hall: str) -> str:
    return f"fleet/{_check_id('hall', hall)}"


@dataclass(frozen=True)
class Account:
    """One broker login and what it may do."""

    username: str
    password: str
    access: Access
    comment: str = ""

    @property
    def login(self) -> tuple[str, str]:
        return self.username, self.password


class BrokerAuth:
    """The accounts of hall ``hall``, their passwords derived from ``secret``."""

    def __init__(self, hall: str, secret: bytes) -> None:
        self.hall = _check_id("hall", hall)
        if len(secret) < MIN_SECRET_BYTES:
            raise BrokerAuthError(f"the broker secret has {len(secret)} bytes; at least {MIN_SECRET_BYTES} are "
                                  "needed (make one with `openssl rand -hex 32`)")
        self._secret = secret

    def password(self, username: str) -> str:
        mac = hmac.new(self._secret, username.encode(), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(mac).rstrip(b"=").decode()

    def _salt(self, username: str) -> bytes:
        return hmac.new(self._secret, b"mosquitto salt\0" + username.encode(), hashlib.sha256).digest()[:SALT_LEN]

    def terminal(self, terminal: str, comment: str = "") -> Account:
        name = terminal_username(self.hall, terminal)
        return Account(name, self.password(name), terminal_access(self.hall, terminal),
                       comment or f"terminal {terminal}")

    def hall_server(self) -> Account:
        name = hall_username(self.hall)
        return Account(name, self.password(name), hall_access(self.hall), "the hall server")

    def observer(self) -> Account:
        """TESTS ONLY: reads every topic of the hall, publishes nothing. Never in a hall's broker files."""
        name = observer_username(self.hall)
        return Account(name, self.password(name), Access(write=(), read=(f"{ROOT}/{self.hall}/#",)),
                       "test observer: reads everything, writes nothing (never in a hall)")

    def fleet(self) -> Account:
        """TESTS AND BENCHMARKS ONLY: publishes what any terminal of the hall may, as one client (a
        benchmark playing thousands of terminals). Never in a hall's broker files."""
        name = fleet_username(self.hall)
        return Account(name, self.password(name), Access(write=hall_access(self.hall).read, read=()),
                       "test fleet: writes as every terminal, reads nothing (never in a hall)")

    def accounts(self, terminals: Iterable[str | tuple[str, str]], *, observer: bool = False,
                 fleet: bool = False) -> list[Account]:
        """The hall server's account, then one per terminal (an id, or ``(id, comment)``); the
        test-only accounts only when asked."""
        out = [self.hall_server()]
        seen: set[str] = set()
        for t in terminals:
            tid, comment = (t, "") if isinstance(t, str) else t
            if tid in seen:
                raise BrokerAuthError(f"terminal {tid!r} is listed twice")
            seen.add(tid)
            out.append(self.terminal(tid, comment))
        if observer:
            out.append(self.observer())
        if fleet:
            out.append(self.fleet())
        return out

    def password_file(self, accounts: Sequence[Account]) -> str:
        """Mosquitto's password file for ``accounts`` (the same text every time for the same secret)."""
        return "".join(password_line(a.username, a.password, self._salt(a.username)) + "\n" for a in accounts)


def password_line(username: str, password: str, salt: bytes, iterations: int = ITERATIONS) -> str:
    """One line of a Mosquitto 2 password file: ``username:$7$iterations$salt$hash``."""
    if ":" in username or "\n" in username or not username:
        raise BrokerAuthError(f"username {username!r} cannot go in a password file")
    digest = hashlib.pbkdf2_hmac("sha512", password.encode(), salt, iterations, 64)
    return (f"{username}:$7${iterations}${base64.b64encode(salt).decode()}"
            f"${base64.b64encode(digest).decode()}")


def acl_file(hall: str, accounts: Sequence[Account], source: str = "") -> str:
    """Mosquitto's ACL for ``accounts``: each account's write and read filters, nothing for anyone else."""
    lines = [f"# Broker accounts of hall {hall}, made by `zizhu hall broker-config`"
             + (f" from {source}" if source else "") + ".",
             "# Do not edit: run it again after each registry change, then reload the broker (SIGHUP).",
             "# What each account may do comes from wire/contract.py (terminal_access, hall_access).",
             "# No line before the first `user`: an anonymous client may do nothing."]
    for a in accounts:
        lines += ["", f"# {_one_line(a.comment)}" if a.comment else "#", f"user {a.username}"]
        lines += [f"topic write {t}" for t in a.access.write]
        lines += [f"topic read {t}" for t in a.access.read]
    return "\n".join(lines) + "\n"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def credentials_toml(account: Account, *, host: str, port: int, tls: bool, ca_file: Path | None,
                     keepalive_s: int | None = None) -> str:
    """The ``[mqtt]`` table of a terminal's (or the hall server's) configuration, with its login."""

    def q(s: str) -> str:
        return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'

    lines = [f"# {_one_line(account.comment)}: the [mqtt] table of its configuration, made by "
             "`zizhu hall broker-config`.",
             "# Keep it secret (mode 0600); the password changes only when the hall's broker secret does.",
             "[mqtt]", f"host = {q(host)}", f"port = {port}", f"username = {q(account.username)}",
             f"password = {q(account.password)}", f"tls = {'true' if tls else 'false'}"]
    if tls and ca_file is not None:
        lines.append(f"ca_file = {q(str(ca_file))}")
    if keepalive_s is not None:
        lines.append(f"keepalive_s = {keepalive_s}")
    return "\n".join(lines) + "\n"


def read_secret(path: Path) -> bytes:
    """The hall's broker secret from ``path``; a :class:`BrokerAuthError` saying what to do if unusable."""
    try:
        st = path.stat()
        data = path.read_bytes().strip()
    except FileNotFoundError:
        raise BrokerAuthError(f"{path}: no such broker secret file (make one: `umask 077; openssl rand -hex 32 "
                              f"> {path}`)") from None
    except OSError as exc:
        raise BrokerAuthError(f"{path}: cannot read the broker secret: {exc.strerror}") from None
    if st.st_mode & stat.S_IROTH:
        raise BrokerAuthError(f"{path}: the broker secret is readable by every user; `chmod o-rwx {path}`")
    if len(data) < MIN_SECRET_BYTES:
        raise BrokerAuthError(f"{path}: the broker secret has {len(data)} bytes; at least {MIN_SECRET_BYTES} "
                              "are needed (`openssl rand -hex 32`)")
    return data


def write_atomically(path: Path, text: str, mode: int) -> None:
    """``path`` replaced in one step: a broker reloading meanwhile reads the old file or the new, whole."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


@dataclass(frozen=True)
class BrokerFiles:
    passwd: Path
    acl: Path
    credentials: dict[str, Path]  # terminal id → its [mqtt] snippet
    hall_credentials: Path
    removed: list[Path]


CREDENTIALS_DIR = "credentials"


def write_broker_files(out: Path, auth: BrokerAuth, terminals: Sequence[tuple[str, str]], *, host: str, port: int,
                       tls: bool, ca_file: Path | None, hall_mqtt: tuple[str, int, bool, Path | None],
                       source: str = "", observer: bool = False) -> BrokerFiles:
    """Write ``passwd``, ``acl``, ``credentials/<terminal>.toml`` and ``hall-mqtt.toml`` into ``out``.

    Snippets of terminals no longer in ``terminals`` are removed. Raises :class:`OSError` when
    ``out`` cannot be written.
    """
    accounts = auth.accounts(terminals, observer=observer)
    out.mkdir(parents=True, exist_ok=True)
    creds = out / CREDENTIALS_DIR
    creds.mkdir(mode=0o700, exist_ok=True)
    passwd, acl = out / "passwd", out / "acl"
    # The broker (user mosquitto) reads these two: give them to its group (docs/broker.md).
    write_atomically(passwd, auth.password_file(accounts), 0o640)
    write_atomically(acl, acl_file(auth.hall, accounts, source), 0o640)
    written: dict[str, Path] = {}
    for (tid, _comment), account in zip(terminals, accounts[1:], strict=False):
        p = creds / f"{tid}.toml"
        write_atomically(p, credentials_toml(account, host=host, port=port, tls=tls, ca_file=ca_file), 0o600)
        written[tid] = p
    h_host, h_port, h_tls, h_ca = hall_mqtt
    hall_creds = out / "hall-mqtt.toml"
    write_atomically(hall_creds, credentials_toml(accounts[0], host=h_host, port=h_port, tls=h_tls, ca_file=h_ca),
                     0o600)
    removed = []
    for p in sorted(creds.glob("*.toml")):
        if p.stem not in written:
            p.unlink()
            removed.append(p)
    return BrokerFiles(passwd, acl, written, hall_creds, removed)
