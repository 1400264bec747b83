"""The ID photo's live stream for Qt: frames shown and checked off the UI thread, never queued.

Two threads per preview, both reading the camera driver's grabber (its own thread reads the
device, :meth:`drivers.camera.driver.Camera.live_frame` hands out the newest frame; opening and
closing the camera stay with the device thread of :class:`terminal.poller.DevicePoller`):

* the **reader** turns each new frame into a QImage and puts it in a one-place mailbox; it posts a
  queued signal only when the UI has taken the last one, so a busy UI thread skips frames instead
  of piling them up (the newest replaces the one not yet shown);
* the **checker** takes the newest frame whenever it is free — the lens check, then the GA 461
  checks of :func:`drivers.camera.photo.check_photo` for the chosen size — and posts its verdict
  (a :class:`kiosk.flows_photo.Check`) the same way. Frames that arrive while it works are skipped.

QML shows the frames through :class:`PhotoImages` (``image://photo/live/N`` and
``image://photo/kept/N``; N changes to make it read again). Nothing is written to disk; :meth:`wipe`
drops every image the provider, the mailboxes and the threads hold.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Property, QObject, QSize, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QImage
from PySide6.QtQuick import QQuickImageProvider

from drivers.base import DeviceError, DeviceOffline, DeviceTimeout
from drivers.camera.driver import lens_state
from drivers.camera.photo import check_photo
from kiosk.flows import Flow
from kiosk.flows_photo import Check
from kiosk.qt.bridge import FlowBridge
from terminal.poller import DevicePoller

log = logging.getLogger("zizhu.kiosk.photo")


def to_qimage(frame: Any) -> QImage:
    """A BGR frame as a QImage that owns its pixels (a copy: the frame may go at once)."""
    h, w = frame.shape[:2]
    return QImage(frame.data, w, h, int(frame.strides[0]), QImage.Format.Format_BGR888).copy()


class PhotoImages(QQuickImageProvider):
    """``image://photo/live/N`` (the newest preview frame) and ``image://photo/kept/N`` (the capture)."""

    def __init__(self) -> None:
        super().__init__(QQuickImageProvider.ImageType.Image)
        self._lock = threading.Lock()
        self.live: QImage | None = None
        self.kept: QImage | None = None
        self.served_live = 0  # frames QML has taken (what the screen shows): the bench's frame rate

    def requestImage(self, id: str, size: QSize, requested: QSize) -> QImage:
        with self._lock:
            img = self.live if id.startswith("live/") else self.kept if id.startswith("kept/") else None
            if img is not None and id.startswith("live/"):
                self.served_live += 1
        if img is None:  # nothing to show (a wiped session): a white pixel, not a QML warning
            img = QImage(1, 1, QImage.Format.Format_RGB32)
            img.fill(Qt.GlobalColor.white)
        if size is not None:
            size.setWidth(img.width())
            size.setHeight(img.height())
        return img

    def set_live(self, img: QImage | None) -> None:
        with self._lock:
            self.live = img

    def set_kept(self, img: QImage | None) -> None:
        with self._lock:
            self.kept = img

    def wipe(self) -> None:
        with self._lock:
            self.live = self.kept = None


class _Run:
    """One preview: its stop flag, its mailboxes, its counters."""

    def __init__(self, size: str) -> None:
        self.size = size
        self.stop = threading.Event()
        self.cond = threading.Condition()
        self.to_check: tuple[Any, float] | None = None  # (frame, arrival)
        self.frame: QImage | None = None  # for the UI
        self.frame_posted = False
        self.check: Check | None = None
        self.check_posted = False
        self.frames = 0
        self.latencies: list[float] = []

    def drop(self) -> None:
        with self.cond:
            self.to_check = None
            self.frame = None
            self.check = None


class PhotoStream(QObject):
    """:class:`kiosk.flows_photo.PhotoCamera` over the terminal's camera (the poller's device)."""

    _frame = Signal()  # from the reader: a frame is in the mailbox (queued to the UI thread)
    _check = Signal()  # from the checker: a verdict is in the mailbox
    _error = Signal(object)  # a run's failure
    frameChanged = Signal()  # for QML: a new frame to show

    def __init__(self, poller: DevicePoller, images: PhotoImages, clock: Callable[[], float] = time.monotonic,
                 first_frame_s: float = 8.0, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.poller = poller
        self.images = images
        self.clock = clock
        self._run: _Run | None = None
        self.first_frame_s = first_frame_s
        self._on_check: Callable[[Check], None] | None = None
        self._on_error: Callable[[BaseException], None] | None = None
        self.frame_no = 0
        self.checks = 0
        self.latencies: list[float] = []  # seconds, frame arrival → verdict on the UI thread (bench)
        self._frame.connect(self._take_frame, Qt.ConnectionType.QueuedConnection)
        self._check.connect(self._take_check, Qt.ConnectionType.QueuedConnection)
        self._error.connect(self._take_error, Qt.ConnectionType.QueuedConnection)

    # -- PhotoCamera -------------------------------------------------------------------------
    def start(self, size: str, on_check: Callable[[Check], None], on_error: Callable[[BaseException], None]) -> None:
        self.stop()
        run = self._run = _Run(size)
        self._on_check, self._on_error = on_check, on_error
        name = self.poller.by_kind("camera")
        if name is None:
            self._error.emit((run, DeviceOffline("no camera configured", "camera missing")))
            return
        # The device thread opens the camera if it must (bounded by its timeout), then hands it over.
        fut = self.poller.call(name, lambda cam: cam)
        fut.add_done_callback(lambda f: self._begin(run, f))
        # Never stuck: a device thread that does not hand the camera over, or a camera that gives no
        # frame, ends the preview with words instead of "checking" for ever.
        QTimer.singleShot(int(self.first_frame_s * 1000), self, lambda: self._no_first_frame(run))

    def _no_first_frame(self, run: _Run) -> None:
        if run is self._run and run.frames == 0:
            self._take_error((run, DeviceTimeout(f"camera: no frame within {self.first_frame_s:g} s",
                                                 "摄像头没有画面（超时）")))

    def stop(self) -> None:
        run, self._run = self._run, None
        if run is not None:
            run.stop.set()
            with run.cond:
                run.cond.notify_all()
            run.drop()  # the threads end on their own within one frame wait: the UI never joins them
        self.images.set_live(None)

    # -- the threads -------------------------------------------------------------------------
    def _begin(self, run: _Run, fut: Any) -> None:  # on the device thread
        try:
            camera = fut.result()
        except BaseException as exc:
            self._error.emit((run, exc))
            return
        if run.stop.is_set():
            return
        threading.Thread(target=self._read, args=(run, camera), name="photo-reader", daemon=True).start()
        threading.Thread(target=self._check_loop, args=(run, camera), name="photo-checker", daemon=True).start()

    def _read(self, run: _Run, camera: Any) -> None:
        seq = 0
        timeout = float(camera.config.timeout_s)
        try:
            while not run.stop.is_set():
                seq, frame = camera.live_frame(seq, timeout)
                img = self._shown(frame)
                at = self.clock()
                with run.cond:
                    if run.stop.is_set():
                        break
                    run.frames += 1
                    run.to_check = (frame, at)
                    run.frame = img
                    post = not run.frame_posted
                    run.frame_posted = True
                    run.cond.notify_all()
                if post:
                    self._frame.emit()
        except DeviceError as exc:
            if not run.stop.is_set():
                self._error.emit((run, exc))
        except Exception as exc:
            log.exception("photo preview: the reader failed")
            self._error.emit((run, exc))

    def _shown(self, frame: Any) -> QImage:
        """The frame as the screen shows it (on the reader's thread)."""
        return to_qimage(frame)

    def _judge(self, run: _Run, camera: Any, frame: Any, at: float) -> Check:
        """One frame's verdict, the lens being clear (on the checker's thread): the GA 461 checks."""
        res = check_photo(frame, camera.config.spec(run.size), camera.config.photo)
        if res.ok:
            return Check("", at, photo=res.photo, image=to_qimage(res.photo))
        return Check(res.problems[0].code, at)

    def _check_loop(self, run: _Run, camera: Any) -> None:
        lens_th = camera.config.lens
        try:
            while not run.stop.is_set():
                with run.cond:
                    while run.to_check is None and not run.stop.is_set():
                        run.cond.wait(0.5)
                    if run.stop.is_set():
                        break
                    assert run.to_check is not None
                    frame, at = run.to_check
                    run.to_check = None
                lens, _ = lens_state(frame, lens_th)
                if lens == "black":
                    raise DeviceError("camera: all-black frames", "摄像头画面全黑")
                check = Check("camera_covered", at) if lens == "covered" else self._judge(run, camera, frame, at)
                del frame
                check = Check(check.code, check.at, check.photo, check.image, self.clock() - at)
                with run.cond:
                    if run.stop.is_set():
                        break
                    run.check = check
                    post = not run.check_posted
                    run.check_posted = True
                if post:
                    self._check.emit()
        except DeviceError as exc:
            self._error.emit((run, exc))
        except Exception as exc:
            log.exception("photo preview: the checker failed")
            self._error.emit((run, exc))

    # -- on the UI thread --------------------------------------------------------------------
    @Slot()
    def _take_frame(self) -> None:
        run = self._run
        if run is None:
            return
        with run.cond:
            img, run.frame, run.frame_posted = run.frame, None, False
        if img is not None:
            self.images.set_live(img)
            self.frame_no += 1
            self.frameChanged.emit()

    @Slot()
    def _take_check(self) -> None:
        run = self._run
        if run is None:
            return
        with run.cond:
            check, run.check, run.check_posted = run.check, None, False
        if check is None:
            return
        self.checks += 1
        self.latencies.append(check.latency_s)
        del self.latencies[:-1000]
        if self._on_check is not None:
            self._on_check(check)

    @Slot(object)
    def _take_error(self, item: tuple[_Run, BaseException]) -> None:
        run, exc = item
        if run is not self._run:
            return  # a preview that was stopped meanwhile
        self.stop()
        if self._on_error is not None:
            self._on_error(exc)

    def wipe(self) -> None:
        """The session ended: stop, and drop every frame and verdict held here."""
        self.stop()
        self._on_check = self._on_error = None
        self.images.wipe()


class PhotoBridge(FlowBridge):
    """The photo flow for QML (``kioskPhoto``): its ``view`` and ``act``, and the frame counters."""

    keptChanged = Signal()

    def __init__(self, flow: Flow, actions: dict[str, Callable[[str], None]], stream: PhotoStream,
                 parent: QObject | None = None) -> None:
        super().__init__(flow, actions, parent)
        self.stream = stream
        self._kept_no = 0
        stream.frameChanged.connect(self.frameChanged)
        flow.listeners.append(self._kept)

    frameChanged = Signal()

    def _get_frame(self) -> int:
        return self.stream.frame_no

    frameNo = Property(int, _get_frame, notify=frameChanged)

    def _get_kept(self) -> int:
        return self._kept_no

    keptNo = Property(int, _get_kept, notify=keptChanged)

    def _kept(self, flow: Any) -> None:
        cand = getattr(flow, "candidate", None)
        img = cand.image if cand is not None else None
        if img is not self.stream.images.kept:
            self.stream.images.set_kept(img)
            self._kept_no += 1
            self.keptChanged.emit()


class PhotoWiring:
    """The ID photo in the app, in one place: flow, stream, images, bridge, wipe hooks.

    ``KioskApp`` makes one in its constructor and calls :meth:`install` with its QML engine.
    """

    def __init__(self, app: Any) -> None:
        from kiosk.flows_photo import PhotoFlow

        self.app = app
        self.images = PhotoImages()
        self.stream = PhotoStream(app.poller, self.images)
        self.flow = PhotoFlow(app.jobs, self.stream, app.session, app.availability)
        f = self.flow
        self.bridge = PhotoBridge(f, {
            "open": lambda _a: f.open(), "leave": lambda _a: f.leave(), "size": f.choose_size, "key": f.key,
            "findNumber": lambda _a: f.find_number(), "findByCard": lambda _a: f.find_by_card(),
            "chooseCase": f.choose_case, "capture": lambda _a: f.capture(), "retake": lambda _a: f.retake(),
            "keep": lambda _a: f.keep(), "again": lambda _a: f.again()}, self.stream)
        app.session.on_wipe(self.wipe)
        app.bridge.availabilityChanged.connect(self.bridge.refresh)

    def install(self, engine: Any) -> None:
        engine.addImageProvider("photo", self.images)
        engine.rootContext().setContextProperty("kioskPhoto", self.bridge)

    def wipe(self) -> None:
        """The session's end: the flow forgets the case and the photo, the stream and the screen's
        images go, and the camera drops its buffered frame (on the device thread)."""
        self.flow.reset()
        self.stream.wipe()
        poller = self.app.poller
        name = poller.by_kind("camera")
        if name is not None:  # not poller.call: that would try to open a camera that is away
            cam = poller.slots[name].device
            poller.submit(getattr(cam, "forget", lambda: None))
