"""A private Mosquitto on a free loopback port, configured as a hall's: for tests, benchmarks and the demo.

It starts from the shipped configuration, ``hall_server/data/mosquitto.conf`` (package data), and changes only
what a private broker must: its listeners (a free loopback port; TLS only when asked), the paths
of its files (in a private temporary directory), persistence (off unless asked) and the user it
runs as. Everything else — no anonymous clients, the password file and ACL, queue and size
limits — is what a hall runs, so what is tested is what a hall runs.

Its password file and ACL are made by the hall's own generator (:mod:`hall_server.brokerauth`)
for hall ``hall`` and the terminals it is told, with a secret of its own. It hands out the
logins: :meth:`MosquittoBroker.terminal_login`, :meth:`~MosquittoBroker.hall_login` and, for a
test that must watch everything, :meth:`~MosquittoBroker.observer_login` (a test-only account,
read-only). Asking for the login of a terminal it does not know yet registers that terminal and
reloads the broker (SIGHUP), as ``zizhu hall broker-config`` and a reload do in a hall.
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import socket
import ssl
import struct
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterable
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from types import TracebackType
from typing import ClassVar, Self

from hall_server.brokerauth import Account, BrokerAuth, acl_file, write_atomically

# The hall broker's configuration as a hall installs it: package data of the hall server, so a wheel has it too.
SHIPPED_CONF: Traversable = files("hall_server").joinpath("data", "mosquitto.conf")

# Options that belong to the listener above them (mosquitto.conf(5), "Listeners").
_LISTENER_KEYS = frozenset({
    "listener", "cafile", "capath", "certfile", "keyfile", "require_certificate", "tls_version", "ciphers",
    "ciphers_tls1.3", "dhparamfile", "crlfile", "tls_engine", "tls_engine_kpass_sha1", "tls_keyform",
    "use_identity_as_username", "use_subject_as_username", "psk_hint", "psk_file", "protocol", "socket_domain",
    "bind_interface", "http_dir", "max_connections", "mount_point", "use_username_as_clientid",
    "max_topic_alias"})
# Global options a private broker sets itself.
_OWN_KEYS = frozenset({"user", "pid_file", "password_file", "acl_file", "persistence", "persistence_location",
                       "log_dest", "autosave_interval"})


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port free on ``host`` right now (the kernel picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        port: int = s.getsockname()[1]
        return port


def wait_port(host: str, port: int, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with socket.create_connection((host, port), timeout=0.2):
                return
        except OSError:
            if time.monotonic() > deadline:
                raise TimeoutError(f"nothing listens on {host}:{port} after {timeout}s") from None
            time.sleep(0.02)


def find_mosquitto() -> str | None:
    return shutil.which("mosquitto") or next(
        (p for p in ("/usr/sbin/mosquitto", "/usr/local/sbin/mosquitto") if Path(p).exists()), None)


def _key(line: str) -> str:
    s = line.strip()
    return "" if not s or s.startswith("#") else s.split(None, 1)[0]


def shipped_options(conf: Traversable = SHIPPED_CONF) -> tuple[list[str], list[list[str]]]:
    """The shipped configuration as (global lines, listener blocks), comments and blank lines dropped."""
    glob: list[str] = []
    blocks: list[list[str]] = []
    for raw in conf.read_text(encoding="utf-8").splitlines():
        k = _key(raw)
        if not k:
            continue
        line = raw.strip()
        if k == "listener":
            blocks.append([line])
        elif k in _LISTENER_KEYS and blocks:
            blocks[-1].append(line)
        else:
            glob.append(line)
    return glob, blocks


def mqtt_connect_code(host: str, port: int, username: str, password: str, *,
                      tls_ca: Path | None = None, timeout: float = 5.0) -> int:
    """One MQTT 3.1.1 CONNECT with this login: the CONNACK return code (0 accepted, 5 not authorized)."""
    def utf8(s: str) -> bytes:
        b = s.encode()
        return struct.pack("!H", len(b)) + b

    body = (utf8("MQTT") + bytes([4, 0xC2]) + struct.pack("!H", 10)  # level 4; username, password, clean
            + utf8(f"zizhu-probe-{secrets.token_hex(4)}") + utf8(username) + utf8(password))
    remaining = b""
    n = len(body)
    while True:
        byte, n = n % 128, n // 128
        remaining += bytes([byte | (0x80 if n else 0)])
        if not n:
            break
    raw = socket.create_connection((host, port), timeout=timeout)
    sock: socket.socket = raw
    try:
        if tls_ca is not None:
            ctx = ssl.create_default_context(cafile=str(tls_ca))
            sock = ctx.wrap_socket(raw, server_hostname=host)
        sock.sendall(b"\x10" + remaining + body)
        ack = b""
        while len(ack) < 4:
            chunk = sock.recv(4 - len(ack))
            if not chunk:
                raise ConnectionError(f"{host}:{port} closed the connection without a CONNACK")
            ack += chunk
        if ack[0] != 0x20:
            raise ConnectionError(f"{host}:{port} answered CONNECT with packet type {ack[0] >> 4}, not CONNACK")
        if ack[3] == 0:
            sock.sendall(b"\xe0\x00")  # DISCONNECT
        return ack[3]
    finally:
        sock.close()


class MosquittoBroker:
    """``with MosquittoBroker() as b: b.port`` — a real Mosquitto with the hall's configuration, stopped on exit.

    ``hall``, ``terminals``: the accounts it knows from the start (more are added on demand, of other
    halls too: ``terminal_login("t01", hall="h2")``).
    ``persistence``: keep sessions and retained messages across :meth:`stop`/:meth:`start` (same port).
    ``tls``: ``(ca, cert, key)``: also a TLS listener on :attr:`tls_port`, set up as the shipped one.
    ``plain``: the plain loopback listener on :attr:`port` (off: TLS only).
    ``password_file``: a password file of your own instead of the generated one (the ACL stays).
    ``extra_config``: appended to the configuration as is.
    """

    _serving: ClassVar[dict[int, MosquittoBroker]] = {}
    _serving_lock: ClassVar[threading.Lock] = threading.Lock()

    def __init__(self, port: int | None = None, host: str = "127.0.0.1",
                 password_file: str | Path | None = None, extra_config: str = "", *, hall: str = "h1",
                 terminals: Iterable[str] = (), persistence: bool = False,
                 tls: tuple[Path, Path, Path] | None = None, tls_port: int | None = None, plain: bool = True,
                 secret: bytes | None = None, conf: Traversable = SHIPPED_CONF) -> None:
        if not plain and tls is None:
            raise ValueError("a broker without its plain listener needs tls=(ca, cert, key)")
        self.host = host
        self.port = port or free_port(host)
        self.tls = tls
        self.tls_port = (tls_port or free_port(host)) if tls else None
        self.plain = plain
        self.password_file = password_file
        self.extra_config = extra_config
        self.persistence = persistence
        self.conf = conf
        self.hall = hall
        self._secret = secret or secrets.token_bytes(32)
        self._auths: dict[str, BrokerAuth] = {}
        self._known_halls: set[str] = {hall}
        self._terminals: dict[str, list[str]] = {hall: []}
        self._extras: set[tuple[str, str]] = set()  # (hall, "observer" | "fleet"): test-only accounts asked for
        self._accounts_lock = threading.Lock()
        self.auth = self._auth(hall)
        for t in terminals:
            self.auth.terminal(t)
            if t not in self._terminals[hall]:
                self._terminals[hall].append(t)
        self._proc: subprocess.Popen[bytes] | None = None
        self._dir: tempfile.TemporaryDirectory[str] | None = None

    # ---- where a test finds the broker behind a port ----------------------------------------------
    @classmethod
    def serving(cls, port: int) -> MosquittoBroker | None:
        """The broker (started and not yet cleaned up) listening on ``port``, if it is one of ours.

        For test helpers that are handed a port: they log in with the broker's accounts.
        """
        with cls._serving_lock:
            return cls._serving.get(port)

    # ---- accounts ---------------------------------------------------------------------------------
    @property
    def terminals(self) -> list[str]:
        """The terminals of :attr:`hall` it has accounts for."""
        return list(self._terminals.get(self.hall, []))

    def _auth(self, hall: str | None) -> BrokerAuth:
        hall = hall or self.hall
        if hall not in self._auths:
            self._auths[hall] = BrokerAuth(hall, self._secret)
        return self._auths[hall]

    def terminal_login(self, terminal: str, hall: str | None = None) -> tuple[str, str]:
        """``(username, password)`` of ``terminal`` (of :attr:`hall` unless told); registers it if it is new."""
        self.add_terminals([terminal], hall)
        return self._auth(hall).terminal(terminal).login

    def hall_login(self, hall: str | None = None) -> tuple[str, str]:
        """The hall server's ``(username, password)``."""
        self._ensure(hall or self.hall, [], set())
        return self._auth(hall).hall_server().login

    def observer_login(self, hall: str | None = None) -> tuple[str, str]:
        """TESTS ONLY: an account that reads every topic of the hall and may publish nothing."""
        self._ensure(hall or self.hall, [], {"observer"})
        return self._auth(hall).observer().login

    def fleet_login(self, hall: str | None = None) -> tuple[str, str]:
        """BENCHMARKS ONLY: an account that publishes as every terminal of the hall (one client for thousands)."""
        self._ensure(hall or self.hall, [], {"fleet"})
        return self._auth(hall).fleet().login

    def add_terminals(self, terminals: Iterable[str], hall: str | None = None) -> None:
        """Register terminals (as a registry change and ``zizhu hall broker-config`` do) and reload."""
        self._ensure(hall or self.hall, list(terminals), set())

    def _ensure(self, hall: str, terminals: list[str], extras: set[str]) -> None:
        with self._accounts_lock:
            auth = self._auth(hall)  # a bad hall id is refused here
            known = self._terminals.setdefault(hall, [])
            new_hall = hall not in self._known_halls
            new = [t for t in dict.fromkeys(terminals) if t not in known]
            want = {(hall, e) for e in extras} - self._extras
            if not (new or want or new_hall):
                return
            probes = [auth.terminal(t) for t in new]  # a bad id is refused before anything is written
            probes += [auth.observer() if e == "observer" else auth.fleet() for _h, e in want]
            self._known_halls.add(hall)
            known.extend(new)
            self._extras |= want
            self._write_auth()
        self._reload(probes[-1] if probes else auth.hall_server())

    def accounts(self) -> list[Account]:
        return [a for hall in sorted(self._known_halls) for a in self._auth(hall).accounts(
            self._terminals.get(hall, []), observer=(hall, "observer") in self._extras,
            fleet=(hall, "fleet") in self._extras)]

    def _write_auth(self) -> None:
        if self._dir is None:
            return  # written at start
        d = Path(self._dir.name)
        accounts = self.accounts()
        if self.password_file is None:
            pw = "".join(self._auth(h).password_file([a for a in accounts if a.username.split("/")[1] == h])
                         for h in sorted(self._known_halls))
            write_atomically(d / "passwd", pw, 0o600)
        write_atomically(d / "acl", acl_file(", ".join(sorted(self._known_halls)), accounts,
                                             "zizhu.broker (a private test broker)"), 0o600)

    def _reload(self, probe: Account) -> None:
        """SIGHUP, then wait until ``probe`` can log in: Mosquitto reloads in its own time."""
        if not self.running:
            return
        assert self._proc is not None
        self._proc.send_signal(signal.SIGHUP)
        if self.password_file is not None:
            return  # a password file of the caller's: nothing of ours to log in with
        deadline = time.monotonic() + 10
        while True:
            try:
                code: int | str = self._probe(probe)
            except OSError as exc:  # reloading, Mosquitto may drop a connection it had just accepted
                code = type(exc).__name__
            if code == 0:
                return
            if time.monotonic() > deadline:
                raise TimeoutError(f"the broker did not take {probe.username!r} after a reload (CONNACK {code})")
            time.sleep(0.02)

    def _probe(self, account: Account) -> int:
        if self.plain:
            return mqtt_connect_code(self.host, self.port, *account.login)
        assert self.tls is not None and self.tls_port is not None
        return mqtt_connect_code(self.host, self.tls_port, *account.login, tls_ca=self.tls[0])

    # ---- configuration ------------------------------------------------------------------------
    def config_text(self, d: Path) -> str:
        """The configuration this broker runs: the shipped one with its own listeners, files and user."""
        glob, blocks = shipped_options(self.conf)
        keys = {_key(line): line for line in glob}
        if keys.get("allow_anonymous") != "allow_anonymous false" or "acl_file" not in keys \
                or "password_file" not in keys:
            raise RuntimeError(f"{self.conf}: the hall broker must refuse anonymous clients and name its "
                               "password_file and acl_file")
        tls_blocks = [b for b in blocks if any(_key(line) == "certfile" for line in b)]
        if not tls_blocks:
            raise RuntimeError(f"{self.conf}: no TLS listener (certfile) to set a private broker's up like")
        out = [f"# made by zizhu/broker.py from {self.conf}"]
        # Started as root, Mosquitto would switch to the 'mosquitto' user, which cannot read or write
        # this private directory: a private broker keeps the identity of whoever started it.
        if os.geteuid() == 0:
            out.append("user root")
        passwd = Path(self.password_file) if self.password_file is not None else d / "passwd"
        out += [line for line in glob if _key(line) not in _OWN_KEYS]
        out += [f"password_file {passwd}", f"acl_file {d / 'acl'}", f"log_dest file {d / 'mosquitto.log'}"]
        if self.persistence:
            (d / "store").mkdir(exist_ok=True)
            out += ["persistence true", f"persistence_location {d / 'store'}/",
                    keys.get("autosave_interval", "autosave_interval 30")]
        else:
            out.append("persistence false")
        if self.plain:
            out.append(f"listener {self.port} {self.host}")
        if self.tls is not None:
            ca, cert, key = self.tls
            files = {"cafile": ca, "certfile": cert, "keyfile": key}
            out.append(f"listener {self.tls_port} {self.host}")
            for line in tls_blocks[0][1:]:
                k = _key(line)
                out.append(f"{k} {files[k]}" if k in files else line)
        return "\n".join(out) + f"\n{self.extra_config}\n"

    # ---- life -----------------------------------------------------------------------------------
    def start(self) -> None:
        exe = find_mosquitto()
        if exe is None:
            raise FileNotFoundError("mosquitto is not installed (Debian package 'mosquitto')")
        if self._dir is None:
            self._dir = tempfile.TemporaryDirectory(prefix="zizhu-mosquitto-")
        d = Path(self._dir.name)
        with self._accounts_lock:
            self._write_auth()
        conf = d / "mosquitto.conf"
        conf.write_text(self.config_text(d), encoding="utf-8")
        with (d / "stderr.log").open("ab") as err:
            self._proc = subprocess.Popen([exe, "-c", str(conf)], stdout=subprocess.DEVNULL, stderr=err)
        with self._serving_lock:
            for p in (self.port, self.tls_port):
                if p is not None:
                    self._serving[p] = self
        try:
            for p in (self.port if self.plain else None, self.tls_port):
                if p is not None:
                    wait_port(self.host, p)
        except TimeoutError:
            said = self.log_text()[-2000:]
            self.stop()
            raise TimeoutError(f"mosquitto did not start on {self.host}:{self.port}: {said}") from None

    def log_text(self) -> str:
        """What the broker logged (its log file and anything it wrote to stderr)."""
        if self._dir is None:
            return ""
        d = Path(self._dir.name)
        return "".join(p.read_text(errors="replace") for p in (d / "stderr.log", d / "mosquitto.log") if p.exists())

    def stop(self) -> None:
        if self._proc is not None:
            self._proc.terminate()
            try:
                self._proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait()
            self._proc = None

    def kill(self) -> None:
        """``kill -9``: no goodbye, nothing saved since the last autosave."""
        if self._proc is not None:
            self._proc.kill()
            self._proc.wait()
            self._proc = None

    def cleanup(self) -> None:
        self.stop()
        with self._serving_lock:
            for p in (self.port, self.tls_port):
                if p is not None and self._serving.get(p) is self:
                    del self._serving[p]
        if self._dir is not None:
            self._dir.cleanup()
            self._dir = None

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc is not None else None

    @property
    def running(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.cleanup()
