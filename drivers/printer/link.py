"""The transport under the printer driver: python-escpos's connectors, every call bound by a deadline.

We use python-escpos for what it does well — finding and opening the USB device, the serial port,
the TCP socket — and send our own bytes through its ``_raw``. Reads go to the connector's device
directly because ``_read()`` takes no timeout (and on serial waits for 16 bytes). Each call gets
an absolute deadline (``time.monotonic()``), so nothing blocks past the caller's timeout; every
failure becomes a typed error of :mod:`drivers.base` with a reason in Chinese first.
"""

from __future__ import annotations

import logging
import os
import socket
import time
from abc import ABC, abstractmethod
from typing import Any

from drivers.base import DeviceError, DeviceOffline, DeviceTimeout
from drivers.printer import escposlib, reasons
from drivers.printer.config import PrinterConnection

log = logging.getLogger(__name__)


def remaining(deadline: float) -> float:
    return deadline - time.monotonic()


def _left(deadline: float, what: str) -> float:
    left = remaining(deadline)
    if left <= 0:
        raise DeviceTimeout(f"timed out before {what}", "打印机响应超时")
    return left


class Link(ABC):
    """One connection to one printer. Not thread-safe: one worker thread owns it."""

    def __init__(self, conn: PrinterConnection) -> None:
        self.conn = conn
        self._printer: Any = None  # the python-escpos connector while open
        self._shut = False  # set by abort(): the owner is going away, never reconnect
        self.not_found = False  # the last open found no such device (unplugged, wrong path or ids)

    @property
    def is_open(self) -> bool:
        return self._printer is not None

    @property
    @abstractmethod
    def address(self) -> str:
        """Where the printer is, for messages (``tcp://host:9100``, ``/dev/ttyUSB0``)."""

    @abstractmethod
    def _open(self, timeout: float) -> Any:
        """Open and return the python-escpos connector; raise a DeviceError."""

    @abstractmethod
    def _write(self, data: bytes, timeout: float) -> None: ...

    @abstractmethod
    def _read(self, timeout: float) -> bytes:
        """Bytes that arrive within ``timeout`` (at least one), or b"" if none did."""

    @abstractmethod
    def _drain(self) -> None: ...

    def open(self, deadline: float) -> None:
        if self._shut:
            raise DeviceOffline(f"{self.address}: link shut down", reasons.CLOSED)
        if self._printer is None:
            self._printer = self._open(_left(deadline, "connecting"))
            self.not_found = False
            log.debug("printer link open: %s", self.address)

    def close(self) -> None:
        printer, self._printer = self._printer, None
        if printer is not None:
            try:
                self._close(printer)
            except Exception as exc:  # closing a broken link must not raise
                log.debug("closing %s: %r", self.address, exc)
            finally:
                # None, not False: False makes python-escpos re-open on the next use of .device (from a
                # worker still holding it) and makes its __del__ close, and raise, a second time.
                printer._device = None

    def _close(self, printer: Any) -> None:
        printer.close()

    def abort(self) -> None:
        """From another thread, for good: unblock the worker and never reconnect."""
        self._shut = True
        self.close()

    def _fail(self, exc: DeviceError) -> DeviceError:
        self.close()  # a link that failed mid-conversation is in an unknown state: reconnect next time
        return exc

    def write(self, data: bytes, deadline: float) -> None:
        self.open(deadline)
        try:
            self._write(data, _left(deadline, "sending"))
        except (AttributeError, AssertionError):  # closed under us by abort() from another thread
            raise DeviceOffline(f"{self.address}: closed while sending", reasons.CLOSED) from None

    def read(self, deadline: float) -> bytes:
        """Whatever the printer sends before the deadline; b"" if it stays silent."""
        self.open(deadline)
        left = remaining(deadline)
        if left <= 0:
            return b""
        try:
            return self._read(left)
        except (AttributeError, AssertionError):
            raise DeviceOffline(f"{self.address}: closed while reading", reasons.CLOSED) from None

    def drain(self) -> None:
        """Throw away stale input (a late answer to an earlier, timed-out question)."""
        if self._printer is not None:
            self._drain()


class NetworkLink(Link):
    """TCP (port 9100) through ``escpos.printer.Network``."""

    @property
    def address(self) -> str:
        return f"tcp://{self.conn.host}:{self.conn.port}"

    def _open(self, timeout: float) -> Any:
        errors = escposlib.exceptions()
        printer = escposlib.load().Network(host=self.conn.host or "", port=self.conn.port, timeout=timeout)
        try:
            printer.open()
        except errors.DeviceNotFoundError as exc:
            cause = exc.__context__
            if isinstance(cause, TimeoutError | socket.timeout):
                raise DeviceTimeout(f"connecting to {self.address}: timed out",
                                    f"连接打印机超时（{self.address}）") from None
            if isinstance(cause, ConnectionRefusedError):
                raise DeviceOffline(f"connecting to {self.address}: refused",
                                    f"打印机拒绝连接，可能未开机（{self.address}）") from None
            raise DeviceOffline(f"connecting to {self.address}: {cause or exc}",
                                f"无法连接打印机（{self.address}）") from None
        return printer

    def _sock(self) -> socket.socket:
        sock: socket.socket = self._printer.device
        return sock

    def _write(self, data: bytes, timeout: float) -> None:
        sock = self._sock()
        try:
            sock.settimeout(timeout)
            self._printer._raw(data)
        except TimeoutError:
            raise self._fail(DeviceTimeout(f"sending to {self.address}: timed out",
                                           reasons.SEND_TIMED_OUT)) from None
        except OSError as exc:
            raise self._fail(self._lost(exc)) from None

    def _read(self, timeout: float) -> bytes:
        sock = self._sock()
        try:
            sock.settimeout(timeout)
            data: bytes = self._printer._read()
        except TimeoutError:
            return b""
        except OSError as exc:
            raise self._fail(self._lost(exc)) from None
        if not data:
            raise self._fail(DeviceOffline(f"{self.address} closed the connection",
                                           "打印机断开了连接（状态应答为空）"))
        return data

    def _drain(self) -> None:
        sock = self._sock()
        try:
            sock.settimeout(0)
            while True:
                data = sock.recv(256)
                if not data:
                    raise self._fail(DeviceOffline(f"{self.address} closed the connection",
                                                   "打印机断开了连接"))
                log.debug("discarded stale bytes from %s: %s", self.address, data.hex(" "))
        except BlockingIOError:
            return
        except OSError as exc:
            raise self._fail(self._lost(exc)) from None

    def _lost(self, exc: OSError) -> DeviceOffline:
        if isinstance(exc, ConnectionResetError):
            return DeviceOffline(f"{self.address}: connection reset", "与打印机的连接被重置")
        return DeviceOffline(f"{self.address}: {exc}", "与打印机的连接中断")

    def abort(self) -> None:
        self._shut = True
        printer = self._printer
        if printer is not None:
            try:  # shutdown wakes a thread blocked in recv/send; close alone does not
                printer.device.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        self.close()


class SerialLink(Link):
    """RS-232 (or USB-serial) through ``escpos.printer.Serial`` (pyserial)."""

    @property
    def address(self) -> str:
        return str(self.conn.device)

    def _open(self, timeout: float) -> Any:
        errors = escposlib.exceptions()

        device = self.conn.device or ""
        if not os.path.exists(device):
            self.not_found = True
            raise DeviceOffline(f"{device}: no such serial device", f"找不到打印机串口 {device}")
        # dsrdtr=False: python-escpos defaults to DSR/DTR flow control, which a pty does not have
        # and many kiosk printers leave unwired; the config could grow a switch when one needs it.
        printer = escposlib.load().Serial(devfile=device, baudrate=self.conn.baudrate, timeout=timeout, dsrdtr=False)
        try:
            printer.open()
        except errors.DeviceNotFoundError as exc:
            raise DeviceOffline(f"opening {device}: {exc.__context__ or exc}",
                                f"无法打开打印机串口 {device}") from None
        return printer

    def _write(self, data: bytes, timeout: float) -> None:
        import serial

        dev = self._printer.device
        try:
            dev.write_timeout = timeout
            self._printer._raw(data)
        except serial.SerialTimeoutException:
            raise self._fail(DeviceTimeout(f"sending to {self.address}: timed out",
                                           reasons.SEND_TIMED_OUT)) from None
        except (serial.SerialException, OSError) as exc:
            raise self._fail(DeviceOffline(f"{self.address}: {exc}", reasons.SERIAL_LOST)) from None

    def _read(self, timeout: float) -> bytes:
        import serial

        dev = self._printer.device
        try:
            dev.timeout = timeout
            first: bytes = dev.read(1)
            if not first:
                return b""
            return first + dev.read(dev.in_waiting) if dev.in_waiting else first
        except (serial.SerialException, OSError) as exc:
            raise self._fail(DeviceOffline(f"{self.address}: {exc}", reasons.SERIAL_LOST)) from None

    def _drain(self) -> None:
        import serial

        try:
            self._printer.device.reset_input_buffer()
        except (serial.SerialException, OSError) as exc:
            raise self._fail(DeviceOffline(f"{self.address}: {exc}", reasons.SERIAL_LOST)) from None

    def _close(self, printer: Any) -> None:
        # Not python-escpos's Serial.close: it drains the output first (tcdrain), which blocks
        # for as long as the printer does not read, and raises on a vanished port.
        printer._device.close()

    def abort(self) -> None:
        self._shut = True
        printer = self._printer
        if printer is not None:
            try:
                printer.device.cancel_read()
                printer.device.cancel_write()
            except Exception as exc:  # best effort from a foreign thread
                log.debug("cancel on %s: %r", self.address, exc)
        self.close()


class UsbLink(Link):
    """USB printer class device through ``escpos.printer.Usb`` (pyusb)."""

    @property
    def address(self) -> str:
        return f"usb:{self.conn.vendor_id or 0:04x}:{self.conn.product_id or 0:04x}"

    def _open(self, timeout: float) -> Any:
        printer = escposlib.load().Usb(idVendor=self.conn.vendor_id, idProduct=self.conn.product_id,
                                       timeout=max(1, int(timeout * 1000)),
                                       in_ep=self.conn.in_ep, out_ep=self.conn.out_ep)
        try:
            printer.open()
        except Exception as exc:  # DeviceNotFoundError, or pyusb's NoBackendError without libusb
            self.not_found = True
            raise DeviceOffline(f"opening {self.address}: {exc}", f"找不到USB打印机（{self.address}）") from None
        return printer

    def _write(self, data: bytes, timeout: float) -> None:
        import usb.core

        try:
            self._printer.timeout = max(1, int(timeout * 1000))
            self._printer._raw(data)
        except usb.core.USBTimeoutError:
            raise self._fail(DeviceTimeout(f"sending to {self.address}: timed out", reasons.SEND_TIMED_OUT)) from None
        except usb.core.USBError as exc:
            raise self._fail(DeviceOffline(f"{self.address}: {exc}", reasons.USB_LOST)) from None

    def _read(self, timeout: float) -> bytes:
        import usb.core

        try:
            data = self._printer.device.read(self.conn.in_ep, 16, max(1, int(timeout * 1000)))
        except usb.core.USBTimeoutError:
            return b""
        except usb.core.USBError as exc:
            raise self._fail(DeviceOffline(f"{self.address}: {exc}", reasons.USB_LOST)) from None
        return bytes(data)

    def _drain(self) -> None:
        while self._read(0.001):
            pass


def make_link(conn: PrinterConnection) -> Link:
    match conn.connector:
        case "network":
            return NetworkLink(conn)
        case "serial":
            return SerialLink(conn)
        case "usb":
            return UsbLink(conn)
    raise ValueError(f"unknown connector {conn.connector!r}")
