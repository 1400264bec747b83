"""The simulated printer on a wire: a TCP port (a network printer, port 9100) or a pseudo-terminal.

:class:`PrinterSimulator` feeds what the host sends to a :class:`~drivers.printer.simmodel.PrinterModel`
and sends back what it answers, shaped by the model's reply mode (garbage, silence, a dropped
connection). On TCP it also plays the model's transport events (a reset connection, power off and
on). The pseudo-terminal is :mod:`drivers.ptysim`'s, as for the other serial simulators.
"""

from __future__ import annotations

import socket
import struct
import threading
from collections.abc import Callable
from typing import Any

from drivers.printer.simmodel import PrinterModel, ReplyMode
from drivers.ptysim import PtySimulator

GARBAGE = b"\xa5\xff"  # matches neither a DLE EOT nor a GS r reply


class PrinterSimulator:
    """The model on TCP (``serial=False``) or on a pseudo-terminal; threads; ``start()``/``stop()``.

    ``link`` (serial only): also make that path a symlink to the pty while it runs.
    """

    def __init__(self, model: PrinterModel | None = None, host: str = "127.0.0.1", port: int = 0,
                 serial: bool = False, link: str | None = None) -> None:
        self.model = model or PrinterModel()
        self.host = host
        self.port = port
        self.serial = serial
        self.pty_path: str | None = None
        self._pty = _PtyLine(self.model, link) if serial else None
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self._server: socket.socket | None = None
        # Each connection and the server socket are closed only by the thread that reads them: a
        # socket closed under a blocked recv() frees its fd number for the next socket to take.
        self._conns: dict[socket.socket, threading.Event] = {}
        self._accept_thread: threading.Thread | None = None
        self._current: socket.socket | None = None
        self._conns_lock = threading.Lock()
        self.connections = 0
        self.model.deferred_output = self._deferred
        self.model.on_transport_event = self._transport_event

    @property
    def address(self) -> str:
        return self.pty_path or f"tcp://{self.host}:{self.port}"

    def start(self) -> str:
        if self._pty is not None:
            self.pty_path = self._pty.start()
        else:
            self._listen()
        return self.address

    def _spawn(self, target: Callable[..., None], name: str, *args: Any) -> threading.Thread:
        t = threading.Thread(target=target, args=args, name=f"printer-sim-{name}", daemon=True)
        t.start()
        self._threads.append(t)
        return t

    def _listen(self) -> None:
        srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        srv.bind((self.host, self.port))
        srv.listen(4)
        srv.settimeout(0.2)
        self.port = srv.getsockname()[1]
        self._server = srv
        self._accept_thread = self._spawn(self._accept_loop, "accept", srv)

    def stop(self) -> None:
        self._stop.set()
        self._unlisten()
        self._drop_all(reset=False)
        for t in self._threads:
            t.join(timeout=2)
        if self._pty is not None:
            self._pty.stop()

    def __enter__(self) -> PrinterSimulator:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # TCP

    def _unlisten(self) -> None:
        """Stop listening; returns once the port is closed (new connections are refused)."""
        srv, self._server = self._server, None
        if srv is None:
            return
        try:
            srv.shutdown(socket.SHUT_RDWR)  # wakes accept(); the accept thread closes the socket
        except OSError:
            pass
        t = self._accept_thread
        if t is not None and t is not threading.current_thread():
            t.join(timeout=5)

    def _accept_loop(self, srv: socket.socket) -> None:
        try:
            while not self._stop.is_set() and self._server is srv:
                try:
                    conn, _addr = srv.accept()
                except TimeoutError:
                    continue
                except OSError:
                    return
                if self._server is not srv:
                    conn.close()
                    return
                conn.settimeout(0.2)
                done = threading.Event()
                with self._conns_lock:
                    self._conns[conn] = done
                    self._current = conn
                    self.connections += 1
                self._spawn(self._serve_conn, "conn", conn, done)
        finally:
            srv.close()

    def _serve_conn(self, conn: socket.socket, done: threading.Event) -> None:
        try:
            while not self._stop.is_set():
                try:
                    data = conn.recv(4096)
                except TimeoutError:
                    continue
                except OSError:
                    return
                if not data:
                    return
                with self._conns_lock:
                    self._current = conn
                self._reply_tcp(conn, self.model.receive(data), asked=_asks(data))
        finally:
            with self._conns_lock:
                self._conns.pop(conn, None)
                if self._current is conn:
                    self._current = None
            conn.close()
            done.set()

    def _reply_tcp(self, conn: socket.socket, reply: bytes, asked: bool) -> None:
        mode = self.model.reply_mode
        if mode == "drop" and (reply or asked):
            try:
                conn.shutdown(socket.SHUT_RDWR)  # the host's read returns empty
            except OSError:
                pass
            return
        out = _shape(mode, reply, asked)
        if out:
            try:
                conn.sendall(out)
            except OSError:
                pass

    def _deferred(self, reply: bytes) -> None:
        if self._pty is not None:
            self._pty.send(_shape(self.model.reply_mode, reply, True))
            return
        with self._conns_lock:
            conn = self._current
        if conn is not None:
            self._reply_tcp(conn, reply, True)

    def _drop_all(self, reset: bool) -> None:
        """End every connection; returns once their threads have closed them."""
        with self._conns_lock:
            conns = list(self._conns.items())
            self._conns.clear()
            self._current = None
        for c, _done in conns:
            try:
                if reset:  # linger 0: the owner's close() sends RST, the host sees "connection reset"
                    c.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                    c.shutdown(socket.SHUT_RD)  # wakes the owner's recv() without sending a FIN
                else:
                    c.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        for _c, done in conns:
            done.wait(5)

    def _transport_event(self, event: str, params: dict[str, Any]) -> None:
        if self._pty is not None:
            return  # a serial line has no connection to drop; "power off" is silence (reply = silent)
        if event == "disconnect":
            self._drop_all(reset=True)
        elif event == "power" and params.get("value") == "off":
            self._unlisten()
            self._drop_all(reset=True)
        elif event == "power" and params.get("value") == "on" and self._server is None:
            self._listen()


class _PtyLine(PtySimulator):
    """The model on :mod:`drivers.ptysim`'s pseudo-terminal (bytes through unchanged: a raw line).

    A serial line has no connection to drop: in the drop mode the printer just does not answer.
    """

    EVENTS = PrinterModel.EVENTS

    def __init__(self, model: PrinterModel, link: str | None) -> None:
        super().__init__(link)
        self.model = model

    def on_bytes(self, data: bytes) -> None:
        reply = self.model.receive(data)
        if self.model.reply_mode != "drop":
            self.send(_shape(self.model.reply_mode, reply, _asks(data)))

    def apply_event(self, event: str, params: dict[str, Any]) -> None:
        self.model.apply_event(event, params)


def _shape(mode: ReplyMode, reply: bytes, asked: bool) -> bytes:
    """What the host gets for ``reply`` in reply mode ``mode`` (``drop`` is the transport's to do)."""
    if mode == "silent":
        return b""
    if mode == "garbage" and (reply or asked):
        return GARBAGE
    return reply


def _asks(data: bytes) -> bool:
    """Did these bytes ask for an answer (DLE EOT, GS r)? For the garbage and drop modes."""
    return b"\x10\x04" in data or b"\x1d\x72" in data
