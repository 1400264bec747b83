"""A private Mosquitto broker on a free loopback port: for tests, benchmarks and the demo."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path
from types import TracebackType
from typing import Self


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


class MosquittoBroker:
    """``with MosquittoBroker() as b: b.port`` — a real Mosquitto, stopped on exit.

    ``password_file``: a mosquitto_passwd file; then anonymous clients are refused.
    """

    def __init__(self, port: int | None = None, host: str = "127.0.0.1",
                 password_file: str | Path | None = None, extra_config: str = "") -> None:
        self.host = host
        self.port = port or free_port(host)
        self.password_file = password_file
        self.extra_config = extra_config
        self._proc: subprocess.Popen[bytes] | None = None
        self._dir: tempfile.TemporaryDirectory[str] | None = None

    def start(self) -> None:
        exe = find_mosquitto()
        if exe is None:
            raise FileNotFoundError("mosquitto is not installed (Debian package 'mosquitto')")
        if self._dir is None:
            self._dir = tempfile.TemporaryDirectory(prefix="zizhu-mosquitto-")
        conf = Path(self._dir.name) / "mosquitto.conf"
        auth = (f"allow_anonymous false\npassword_file {self.password_file}\n" if self.password_file
                else "allow_anonymous true\n")
        # Started as root, Mosquitto switches to the 'mosquitto' user, which cannot read or write this
        # private directory (its log, a password file, a persistence store): a private broker keeps
        # the identity of whoever started it.
        user = "user root\n" if os.geteuid() == 0 else ""
        conf.write_text(
            f"{user}listener {self.port} {self.host}\n{auth}persistence false\n"
            "max_queued_messages 100000\nmax_inflight_messages 0\n"
            f"log_dest file {self._dir.name}/mosquitto.log\nlog_type error\nlog_type warning\n"
            f"{self.extra_config}\n")
        self._proc = subprocess.Popen([exe, "-c", str(conf)], stdout=subprocess.DEVNULL,
                                      stderr=subprocess.PIPE)
        try:
            wait_port(self.host, self.port)
        except TimeoutError:
            self.stop()
            raise

    def stop(self) -> None:
        if self._proc is not None:
            self._proc.terminate()
            try:
                self._proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait()
            if self._proc.stderr is not None:
                self._proc.stderr.close()
            self._proc = None

    def cleanup(self) -> None:
        self.stop()
        if self._dir is not None:
            self._dir.cleanup()
            self._dir = None

    @property
    def running(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.cleanup()
