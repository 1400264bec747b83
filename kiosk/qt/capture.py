"""Submitting materials (自助申报) for Qt: the document camera's preview, judged off the UI thread.

The ID photo's stream (:class:`kiosk.qt.photo.PhotoStream`: a reader and a checker thread on the
camera driver's grabber, one-place mailboxes, queued signals, nothing queued behind a busy UI)
with the page pipeline as its judge: :func:`drivers.camera.document.check_page` finds, flattens,
evens and judges the page of the newest frame. The preview is shown at most ``PREVIEW_WIDTH``
wide (a 12-megapixel frame is not copied whole into a QImage 25 times a second).

QML shows the frames and the pages taken through :class:`CaptureImages`
(``image://capture/live/N``, ``image://capture/page/I/N``). Nothing is written to disk;
:meth:`CaptureWiring.wipe` drops every page the flow, the provider and the threads hold.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import cv2
from PySide6.QtCore import Property, QObject, QSize, Signal
from PySide6.QtGui import QImage

from drivers.camera.document import check_page
from kiosk.flows import Flow
from kiosk.flows_photo import Check
from kiosk.qt.bridge import FlowBridge
from kiosk.qt.photo import PhotoImages, PhotoStream, _Run, to_qimage

log = logging.getLogger("zizhu.kiosk.capture")

PREVIEW_WIDTH = 1280
THUMB_WIDTH = 420  # a page as the review shows it


def shrink(frame: Any, width: int) -> Any:
    h, w = frame.shape[:2]
    if w <= width:
        return frame
    return cv2.resize(frame, (width, round(h * width / w)), interpolation=cv2.INTER_AREA)


class CaptureImages(PhotoImages):
    """``image://capture/live/N`` (the preview) and ``image://capture/page/I/N`` (page I taken)."""

    def __init__(self) -> None:
        super().__init__()
        self.pages: list[QImage] = []

    def requestImage(self, id: str, size: QSize, requested: QSize) -> QImage:
        if id.startswith("page/"):
            with self._lock:
                parts = id.split("/")
                i = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else -1
                img = self.pages[i] if 0 <= i < len(self.pages) else None
            if img is not None:
                if size is not None:
                    size.setWidth(img.width())
                    size.setHeight(img.height())
                return img
            return super().requestImage("none", size, requested)
        return super().requestImage(id, size, requested)

    def set_pages(self, pages: list[QImage]) -> None:
        with self._lock:
            self.pages = list(pages)

    def wipe(self) -> None:
        super().wipe()
        with self._lock:
            self.pages = []


class PageStream(PhotoStream):
    """:class:`kiosk.flows_capture.PageCamera` over the terminal's camera, judging pages."""

    def _shown(self, frame: Any) -> QImage:
        return to_qimage(shrink(frame, PREVIEW_WIDTH))

    def _judge(self, run: _Run, camera: Any, frame: Any, at: float) -> Check:
        res = check_page(frame, camera.config.document)
        if res.ok and res.page is not None:
            return Check("", at, photo=res.page, image=to_qimage(shrink(res.page, THUMB_WIDTH)))
        return Check(res.code, at)


class CaptureBridge(FlowBridge):
    """The capture flow for QML (``kioskCapture``): its ``view`` and ``act``, the frame and pages counters."""

    pagesChanged = Signal()
    frameChanged = Signal()

    def __init__(self, flow: Flow, actions: dict[str, Callable[[str], None]], stream: PageStream,
                 images: CaptureImages, parent: QObject | None = None) -> None:
        super().__init__(flow, actions, parent)
        self.stream, self.images = stream, images
        self._pages_no = 0
        self._shown: list[Any] = []
        stream.frameChanged.connect(self.frameChanged)
        flow.listeners.append(self._pages)

    def _get_frame(self) -> int:
        return self.stream.frame_no

    frameNo = Property(int, _get_frame, notify=frameChanged)

    def _get_pages(self) -> int:
        return self._pages_no

    pagesNo = Property(int, _get_pages, notify=pagesChanged)

    def _pages(self, flow: Any) -> None:
        pages = list(getattr(flow, "pages", []))
        if [id(p) for p in pages] != self._shown:
            self._shown = [id(p) for p in pages]
            self.images.set_pages([p.image for p in pages])
            self._pages_no += 1
            self.pagesChanged.emit()


class CaptureWiring:
    """Submitting materials in the app, in one place: flow, stream, images, bridge, wipe hooks."""

    def __init__(self, app: Any) -> None:
        from kiosk.flows_capture import CaptureFlow

        self.app = app
        self.images = CaptureImages()
        self.stream = PageStream(app.poller, self.images)
        cam = getattr(app.cfg.devices, "camera", None)
        doc = cam.document if cam is not None else None
        kw = {} if doc is None else {"dpi": doc.dpi, "jpeg_quality": doc.jpeg_quality, "max_pages": doc.max_pages}
        self.flow = CaptureFlow(app.jobs, self.stream, app.session, app.availability, **kw)
        f = self.flow
        self.bridge = CaptureBridge(f, {
            "open": lambda _a: f.open(), "leave": lambda _a: f.leave(), "key": f.key,
            "findNumber": lambda _a: f.find_number(), "findByCard": lambda _a: f.find_by_card(),
            "chooseCase": f.choose_case, "capture": lambda _a: f.capture(), "review": lambda _a: f.review(),
            "more": lambda _a: f.more(), "drop": f.drop, "submit": lambda _a: f.submit(),
            "again": lambda _a: f.again()}, self.stream, self.images)
        app.session.on_wipe(self.wipe)
        app.bridge.availabilityChanged.connect(self.bridge.refresh)

    def install(self, engine: Any) -> None:
        engine.addImageProvider("capture", self.images)
        engine.rootContext().setContextProperty("kioskCapture", self.bridge)

    def wipe(self) -> None:
        """The session's end: the flow forgets the case and the pages, the stream and the screen's
        images go, and the camera drops its buffered frame (on the device thread)."""
        self.flow.reset()
        self.stream.wipe()
        self.bridge._shown = []
        poller = self.app.poller
        name = poller.by_kind("camera")
        if name is not None:
            cam = poller.slots[name].device
            poller.submit(getattr(cam, "forget", lambda: None))
