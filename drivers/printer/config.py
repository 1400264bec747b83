"""Configuration of the receipt printer (凭条打印机)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from msgspec import Meta

from ground.configbase import Section

UInt16 = Annotated[int, Meta(ge=0, le=0xFFFF)]


class PrinterConnection(Section, frozen=True, kw_only=True):
    """Which python-escpos connector carries the bytes: USB (pyusb), serial (pyserial) or TCP 9100."""

    connector: Literal["usb", "serial", "network"]
    # network
    host: str | None = None
    port: Annotated[int, Meta(ge=1, le=65535)] = 9100
    # serial
    device: str | None = None
    baudrate: Annotated[int, Meta(ge=1200, le=921600)] = 9600
    # usb
    vendor_id: UInt16 | None = None
    product_id: UInt16 | None = None
    in_ep: int = 0x82
    out_ep: int = 0x01

    def __post_init__(self) -> None:
        if self.connector == "network" and not self.host:
            raise ValueError("a network printer needs 'host'")
        if self.connector == "serial" and not self.device:
            raise ValueError("a serial printer needs 'device' (e.g. /dev/zizhu/printer)")
        if self.connector == "usb" and (self.vendor_id is None or self.product_id is None):
            raise ValueError("a USB printer needs 'vendor_id' and 'product_id'")


class JournalConfig(Section, frozen=True, kw_only=True):
    """The journal station (流水纸): a second printer, or an electronic journal file."""

    kind: Literal["printer", "file", "none"] = "file"
    path: Path | None = None
    connection: PrinterConnection | None = None

    def __post_init__(self) -> None:
        if self.kind == "file" and self.path is None:
            raise ValueError("an electronic journal needs 'path'")
        if self.kind == "printer" and self.connection is None:
            raise ValueError("a journal printer needs a [connection] table")


class PrinterConfig(Section, frozen=True, kw_only=True):
    connection: PrinterConnection
    encoding: Literal["gb18030", "gbk"] = "gb18030"
    # Many Chinese printers start in Chinese mode; others need FS & ... FS . around 2-byte text.
    chinese_mode: bool = False
    columns: Annotated[int, Meta(ge=16, le=64,
                                 description="characters of half width per line (58 mm: 32, 80 mm: 48)")] = 32
    timeout_s: Annotated[float, Meta(gt=0, le=120)] = 5.0
    status_timeout_s: Annotated[float, Meta(gt=0, le=30)] = 1.0
    journal: JournalConfig = JournalConfig(kind="none")
    # Print jobs are kept so a failed slip can be printed again; with a directory, across restarts.
    job_dir: Path | None = None
    keep_jobs: Annotated[int, Meta(ge=1, le=100_000)] = 200
    # Mongolian lines of a slip go as GS v 0 raster images (docs/mongolian-slips.md).
    print_width_dots: Annotated[int, Meta(ge=64, le=1024, multiple_of=8, description=(
        "dots the head prints across (80 mm at 203 dpi: 576; 58 mm: 384); unset: columns × 12"))] | None = None
    raster_band_rows: Annotated[int, Meta(ge=8, le=960, description=(
        "rows of one GS v 0 band: a taller image goes as several (a small input buffer wants fewer)"))] = 128
    chinese_only: Annotated[bool, Meta(description=(
        "print no raster images: slips are the Chinese slip alone, whatever the citizen's language "
        "(a printer that garbles GS v 0)"))] = False
    # Follow each chunk of a job with GS r 1 (answered once the chunk is printed). Turn off only for
    # a printer that does not answer GS r; then a job is done when its bytes are sent.
    progress_marker: bool = True

    @property
    def width_dots(self) -> int:
        """Dots across the roll: ``print_width_dots``, or 12 a half-width column (the 24-dot font)."""
        return self.print_width_dots if self.print_width_dots is not None else self.columns * 12
