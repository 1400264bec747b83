"""A serial port for drivers: pyserial underneath, every read bounded by a deadline, errors typed.

Drivers of serial devices (ID card reader, locker boards) talk through :class:`SerialLink` so that
no call blocks past its deadline and a vanished port (USB unplugged, pty closed) is a
:class:`~drivers.base.DeviceOffline` with a reason, never a raw ``OSError``.
"""

from __future__ import annotations

import select
import termios
import time

import serial

from drivers.base import DeviceOffline

BUSY_REASON = "串口被其他程序占用（例如自助终端程序），请先停止它"
# termios.error is not an OSError: pyserial lets it through from tcflush/tcsetattr on a dead pty.
_LINK_ERRORS = (serial.SerialException, OSError, termios.error)


class SerialLink:
    def __init__(self, port: str, baudrate: int, offline_reason: str) -> None:
        self.port = port
        self.baudrate = baudrate
        self.offline_reason = offline_reason
        self._ser: serial.Serial | None = None

    @property
    def is_open(self) -> bool:
        return self._ser is not None

    def open(self) -> None:
        if self._ser is not None:
            return
        try:
            # exclusive: the kiosk and a technician's `zizhu diag` must not talk over each other.
            self._ser = serial.Serial(self.port, baudrate=self.baudrate, bytesize=serial.EIGHTBITS,
                                      parity=serial.PARITY_NONE, stopbits=serial.STOPBITS_ONE,
                                      timeout=0, write_timeout=1.0, exclusive=True)
        except (*_LINK_ERRORS, ValueError) as exc:
            # pyserial: "Could not exclusively lock port …": another program (the kiosk) holds it.
            reason = BUSY_REASON if "exclusively lock" in str(exc) else self.offline_reason
            raise DeviceOffline(f"cannot open {self.port}: {exc}", reason) from None

    def close(self) -> None:
        ser, self._ser = self._ser, None
        if ser is not None:
            try:
                ser.close()
            except _LINK_ERRORS:
                pass

    def _port(self) -> serial.Serial:
        if self._ser is None:
            raise DeviceOffline(f"{self.port} is not open", self.offline_reason)
        return self._ser

    def _lost(self, exc: Exception) -> DeviceOffline:
        self.close()
        return DeviceOffline(f"{self.port}: {exc}", self.offline_reason)

    def discard_input(self) -> None:
        """Drop whatever a previous, timed-out exchange left in the input buffer."""
        try:
            self._port().reset_input_buffer()
        except _LINK_ERRORS as exc:
            raise self._lost(exc) from None

    def write(self, data: bytes) -> None:
        try:
            self._port().write(data)
        except _LINK_ERRORS as exc:
            raise self._lost(exc) from None

    def read_some(self, deadline: float) -> bytes:
        """Whatever has arrived, waiting until ``deadline`` (time.monotonic) for the first byte;
        ``b""`` when nothing came in time."""
        ser = self._port()
        remaining = deadline - time.monotonic()
        try:
            if ser.in_waiting == 0:
                if remaining <= 0:
                    return b""
                ready, _, _ = select.select([ser.fileno()], [], [], remaining)
                if not ready:
                    return b""
            data: bytes = ser.read(max(1, ser.in_waiting))
        except (*_LINK_ERRORS, TypeError) as exc:
            # pyserial raises SerialException("device reports readiness to read but returned no
            # data") when the other end went away; TypeError when closed under our feet.
            raise self._lost(exc) from None
        return data
