"""Configuration of the A4 printer (A4打印机), reached through CUPS (docs/a4-printing.md)."""

from __future__ import annotations

from typing import Annotated

from msgspec import Meta

from ground.configbase import Section


class A4PrinterConfig(Section, frozen=True, kw_only=True):
    queue: Annotated[str, Meta(pattern=r"^[A-Za-z0-9_.-]{1,127}\Z",
                               description="the CUPS queue (lpstat -p), e.g. a4")]
    server: Annotated[str, Meta(description=(
        'the CUPS server: a socket path ("/run/cups/cups.sock"), "host" or "host:port"; '
        '"" is the system default (CUPS_SERVER, client.conf)'))] = ""
    timeout_s: Annotated[float, Meta(gt=0, le=60, description="longest wait for one answer of CUPS")] = 5.0
    job_timeout_s: Annotated[float, Meta(
        gt=0, le=600, description="from submitting a document to CUPS saying it is printed")] = 90.0
    stuck_s: Annotated[float, Meta(
        gt=0, le=600, description=("a job held this long by the printer (paper out, jam, offline, queue "
                                   "stopped) is cancelled and purged: the citizen has been told"))] = 6.0
    poll_s: Annotated[float, Meta(gt=0, le=10, description="how often a job in progress is asked after")] = 0.3

    def __post_init__(self) -> None:
        if self.poll_s >= self.job_timeout_s:
            raise ValueError("poll_s must be shorter than job_timeout_s")

    @property
    def host_port(self) -> tuple[str | None, int | None]:
        """``server`` as pycups' Connection(host, port) wants it (None: the system default)."""
        s = self.server.strip()
        if not s:
            return None, None
        if s.startswith("/"):
            return s, None
        host, sep, port = s.rpartition(":")
        if sep and port.isdigit() and host and not host.endswith(":"):
            return host.strip("[]"), int(port)
        return s, None
