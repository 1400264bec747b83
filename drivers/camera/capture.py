"""Frame capture off the UI thread: a grabber thread keeps the newest frame, callers wait with a timeout.

``cv2.VideoCapture.read()`` can block for seconds (a V4L2 device that stalls, a stream whose
server went away), so no caller ever calls it: one daemon thread per camera reads continuously,
hands over only the newest frame (older ones are dropped, never queued), and reopens a lost
source every ``reconnect_s``. Callers use :meth:`FrameGrabber.next_frame`, which never blocks
past its timeout.

Sources (``[devices.camera] source``):

* a V4L2 device — ``/dev/zizhu/camera``, ``/dev/video0`` or an index ``0`` — via ``CAP_V4L2``;
* a stream URL (``http://…/video.mjpg``, ``rtsp://…``) via FFmpeg — what the simulator serves;
* a still image file (re-read when it changes; gone = unplugged);
* a video file (played in a loop).
"""

from __future__ import annotations

import atexit
import logging
import os
import threading
import time
import weakref
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

import cv2
import numpy.typing as npt

# A BGR uint8 image as OpenCV hands it out (its stubs type every Mat as a generic array).
Frame = npt.NDArray[Any]

log = logging.getLogger(__name__)

# Every failed reconnect would print OpenCV and FFmpeg warnings on stderr; our own log says it
# once per change instead. A technician can still turn them on through the same variables.
os.environ.setdefault("OPENCV_FFMPEG_LOGLEVEL", "8")  # AV_LOG_FATAL
if "OPENCV_LOG_LEVEL" not in os.environ:
    cv2.utils.logging.setLogLevel(cv2.utils.logging.LOG_LEVEL_ERROR)

_live: weakref.WeakSet[FrameGrabber] = weakref.WeakSet()


@atexit.register
def _stop_all() -> None:
    """Stop grabbers before the interpreter goes: a thread left inside OpenCV at exit aborts the process."""
    for grabber in list(_live):
        grabber.stop()

IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".bmp", ".ppm", ".pgm", ".webp", ".tif", ".tiff"}


class SourceKind(StrEnum):
    DEVICE = "device"
    STREAM = "stream"
    IMAGE = "image"
    VIDEO = "video"


def source_kind(source: str) -> SourceKind:
    s = source.strip()
    if s.isdigit() or s.startswith("/dev/"):
        return SourceKind.DEVICE
    if "://" in s:
        return SourceKind.STREAM
    if Path(s).suffix.lower() in IMAGE_SUFFIXES:
        return SourceKind.IMAGE
    return SourceKind.VIDEO


@dataclass(frozen=True)
class Grabbed:
    frame: Frame
    seq: int
    at: float  # time.monotonic() when it arrived


class Link(StrEnum):
    """What the grabber knows about its source."""

    CONNECTING = "connecting"
    STREAMING = "streaming"
    LOST = "lost"  # could not open, or stopped delivering
    FAILING = "failing"  # opens, but no picture can be read from it (corrupt frames, broken sensor link)


class FrameGrabber:
    """One thread reading one source; the newest frame is handed over, with a sequence number."""

    def __init__(self, source: str, *, width: int = 640, height: int = 480, read_timeout_s: float = 2.0,
                 reconnect_s: float = 1.0, name: str = "camera") -> None:
        self.source = source.strip()
        self.kind = source_kind(self.source)
        self.width, self.height = width, height
        self.read_timeout_s = read_timeout_s
        self.reconnect_s = reconnect_s
        self.name = name
        self._cond = threading.Condition()
        self._latest: Grabbed | None = None
        self._seq = 0
        self._link = Link.CONNECTING
        self._error = ""
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    # --- caller side ---------------------------------------------------------------------
    def start(self) -> None:
        if self._thread is not None:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name=f"grabber:{self.name}", daemon=True)
        self._thread.start()
        _live.add(self)

    def stop(self, timeout: float | None = None) -> None:
        """Stop the thread, waiting out at most one read (its own timeout) plus a second.

        A read stuck in a driver beyond that is left to finish on its own (daemon thread).
        """
        self._stop.set()
        with self._cond:
            self._cond.notify_all()
        if self._thread is not None:
            self._thread.join(self.read_timeout_s + 1.0 if timeout is None else timeout)
            self._thread = None
        _live.discard(self)

    def link(self) -> Link:
        with self._cond:
            return self._link

    @property
    def error(self) -> str:
        with self._cond:
            return self._error

    def latest(self) -> Grabbed | None:
        with self._cond:
            return self._latest

    def forget(self) -> None:
        """Drop the newest frame; the next one read replaces it (its ``seq`` goes on counting)."""
        with self._cond:
            self._latest = None

    def next_frame(self, after_seq: int, timeout: float, max_age: float | None = None) -> Grabbed | None:
        """The newest frame with ``seq > after_seq`` (and at most ``max_age`` seconds old), waiting at
        most ``timeout`` seconds; else None."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while (self._latest is None or self._latest.seq <= after_seq
                   or (max_age is not None and time.monotonic() - self._latest.at > max_age)):
                left = deadline - time.monotonic()
                if left <= 0 or self._stop.is_set():
                    return None
                self._cond.wait(left)
            return self._latest

    def wait_link(self, timeout: float) -> Link:
        """Wait until the first attempt has ended: a frame arrived, or the source is lost or failing."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while (self._link == Link.CONNECTING or (self._link == Link.STREAMING and self._latest is None)) \
                    and not self._stop.is_set():
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                self._cond.wait(left)
            return self._link

    # --- grabber thread ------------------------------------------------------------------
    def _set_link(self, link: Link, error: str = "") -> None:
        with self._cond:
            changed = link != self._link
            self._link, self._error = link, error
            self._cond.notify_all()
        if changed:  # once per change, not once per attempt
            if link == Link.LOST:
                log.warning("camera %s: source %s lost: %s", self.name, self.source, error)
            elif link == Link.FAILING:
                log.warning("camera %s: %s", self.name, error)
            elif link == Link.STREAMING:
                log.info("camera %s: source %s streaming", self.name, self.source)

    def _deliver(self, frame: Frame) -> None:
        with self._cond:
            self._seq += 1
            self._latest = Grabbed(frame, self._seq, time.monotonic())
            self._cond.notify_all()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                if self.kind == SourceKind.IMAGE:
                    self._run_image()
                elif self._run_capture():
                    continue  # it streamed, then stopped: reopen at once; a camera that is gone fails to open
            except Exception as exc:  # a bug here must not kill the camera for good
                log.exception("camera %s: grabber failed", self.name)
                self._set_link(Link.LOST, f"internal error: {exc!r}")
            self._stop.wait(self.reconnect_s)

    def _open(self) -> cv2.VideoCapture | None:
        ms = int(self.read_timeout_s * 1000)
        params = [cv2.CAP_PROP_OPEN_TIMEOUT_MSEC, ms, cv2.CAP_PROP_READ_TIMEOUT_MSEC, ms]
        if self.kind == SourceKind.DEVICE:
            target: str | int = int(self.source) if self.source.isdigit() else self.source
            if isinstance(target, str) and not os.path.exists(target):
                self._set_link(Link.LOST, f"{target} does not exist (camera unplugged?)")
                return None
            cap = cv2.VideoCapture(target, cv2.CAP_V4L2)
            cap.set(cv2.CAP_PROP_FRAME_WIDTH, self.width)
            cap.set(cv2.CAP_PROP_FRAME_HEIGHT, self.height)
        else:
            if self.kind == SourceKind.VIDEO and not os.path.exists(self.source):
                self._set_link(Link.LOST, f"{self.source}: no such file")
                return None
            cap = cv2.VideoCapture(self.source, cv2.CAP_FFMPEG, params)
        if not cap.isOpened():
            cap.release()
            self._set_link(Link.LOST, f"cannot open {self.source}")
            return None
        return cap

    def _run_capture(self) -> bool:
        """Read until the source fails; True when it had delivered frames before failing."""
        cap = self._open()
        if cap is None:
            return False
        delivered = False
        # A file plays at its own frame rate, not as fast as it decodes.
        period = 1.0 / (cap.get(cv2.CAP_PROP_FPS) or 10.0) if self.kind == SourceKind.VIDEO else 0.0
        try:
            while not self._stop.wait(period):
                ok, frame = cap.read()
                if ok and frame is not None:
                    self._set_link(Link.STREAMING)
                    self._deliver(self._to_bgr(frame))
                    delivered = True
                    continue
                if self.kind == SourceKind.VIDEO and cap.get(cv2.CAP_PROP_FRAME_COUNT) > 0:
                    cap.set(cv2.CAP_PROP_POS_FRAMES, 0)  # a video file plays in a loop
                    ok, frame = cap.read()
                    if ok and frame is not None:
                        self._deliver(self._to_bgr(frame))
                        continue
                if not delivered:
                    self._set_link(Link.FAILING, f"{self.source} opens but gives no readable frame")
                return delivered
            return False
        finally:
            cap.release()

    def _run_image(self) -> None:
        """A still image: re-read whenever the file changes (the simulator replaces it atomically)."""
        stamp: tuple[int, int] | None = None
        frame: Frame | None = None
        while not self._stop.is_set():
            try:
                st = os.stat(self.source)
            except OSError:
                self._set_link(Link.LOST, f"{self.source}: no such file")
                return
            if (st.st_mtime_ns, st.st_ino) != stamp:
                frame = cv2.imread(self.source, cv2.IMREAD_COLOR)
                if frame is None:
                    self._set_link(Link.LOST, f"{self.source}: not a readable image")
                    return
                stamp = (st.st_mtime_ns, st.st_ino)
                self._set_link(Link.STREAMING)
                self._deliver(frame)
            elif frame is not None:
                # An unchanged picture is still a live picture: re-deliver it like a camera would.
                self._deliver(frame)
            self._stop.wait(0.1)

    @staticmethod
    def _to_bgr(frame: Frame) -> Frame:
        if frame.ndim == 2:
            out: Frame = cv2.cvtColor(frame, cv2.COLOR_GRAY2BGR)
            return out
        if frame.shape[2] == 4:
            out = cv2.cvtColor(frame, cv2.COLOR_BGRA2BGR)
            return out
        return frame
