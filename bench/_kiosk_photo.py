"""The ID photo page's live stream, for ``python -m bench kiosk``: the kiosk offscreen on Qt's software
renderer, the camera simulator serving MJPEG at ``FPS`` over HTTP, the production driver reading it.

* preview frame rate: frames the page's Image took from ``image://photo/live`` per second (what the
  screen showed), beside the frames the reader thread got from the camera (the rest were dropped,
  never queued);
* photo-check latency on the live stream: a frame's arrival → its verdict delivered on the UI thread
  (lens check and the GA 461 checks of drivers/camera/photo.py on the checker thread), p50 and p99,
  and how many frames a second were checked;
* the UI thread meanwhile: the longest gap between two ticks of a 10 ms QTimer.

Figures only; nothing is asserted.
"""

from __future__ import annotations

import time
from typing import Any

from bench.common import Result, percentile

FPS = 25.0
CASE = "1506020300004502"  # 居民身份证换领, in review: it takes a photo


def _rig() -> Any:
    from bench.kiosk import TODAY
    from kiosk.simrig import SimRig

    rig = SimRig(today=TODAY, kiosk='tts_engine = "mock"\npoll_s = 0.5', locker=False).start()
    rig.camera.apply_event("fps", {"value": FPS})
    return rig


def measure(res: Result, seconds: float) -> None:
    from PySide6.QtCore import QTimer

    from bench.kiosk import _Finger, _make_app, _qt_app, _spin, _spin_until

    _qt_app()
    rig = _rig()
    app = _make_app(rig.config, rig.backend, rig)
    app.start()
    try:
        f = _Finger(app)
        _spin_until(lambda: f.page() == "home", 30, "the home screen")
        f.tap("service_photo", timeout=15)
        f.wait_page("photo")
        f.tap("size_resident_id")
        for d in CASE:
            f.tap(f"key_{d}")
            _spin(0.02)
        f.tap("photoFind")
        stream, images = app.photo.stream, app.photo.images
        _spin_until(lambda: app.photo.flow.view()["canCapture"], 15, "拍照 on (a passing check)")
        _spin(1.0)  # warm

        gaps: list[float] = []
        last = [time.monotonic()]

        def tick() -> None:
            now = time.monotonic()
            gaps.append(now - last[0])
            last[0] = now

        timer = QTimer()
        timer.setInterval(10)
        timer.timeout.connect(tick)
        run = stream._run
        assert run is not None
        shown0, read0, swaps0, checks0 = images.served_live, run.frames, f.frames, stream.checks
        lat0 = len(stream.latencies)
        t0 = time.monotonic()
        last[0] = t0
        timer.start()
        _spin(seconds)
        timer.stop()
        dt = time.monotonic() - t0
        shown, read = images.served_live - shown0, run.frames - read0
        lat = stream.latencies[lat0:]
        res.add(f"ID photo preview ({FPS:g} fps MJPEG simulator, software renderer): frames shown per second",
                shown / dt, "fps", key="photo_preview_fps", digits=1)
        res.add("  frames from the camera per second (the reader thread)", read / dt, "fps",
                key="photo_camera_fps", digits=1)
        res.add("  window frames swapped per second", (f.frames - swaps0) / dt, "fps", digits=1)
        res.add("photo checks on the live stream per second (the checker thread; frames between skipped)",
                (stream.checks - checks0) / dt, "/s", key="photo_checks_per_s", digits=1)
        if lat:
            res.add("photo-check latency, frame arrival → verdict on the UI thread p50",
                    percentile(lat, 50) * 1000, "ms", key="photo_check_latency_p50_ms", digits=1)
            res.add("photo-check latency p99", percentile(lat, 99) * 1000, "ms",
                    key="photo_check_latency_p99_ms", digits=1)
        if gaps:
            res.add("UI thread during the preview: longest gap between 10 ms timer ticks", max(gaps) * 1000, "ms",
                    key="photo_ui_max_gap_ms", digits=1)
        f.tap("photoCapture")
        _spin_until(lambda: app.photo.flow.state == "review", 10, "the capture")
        t = f.tap("photoKeep")
        _spin_until(lambda: app.photo.flow.state == "done", 10, "the photo attached")
        res.add("keep → photo attached to the case (JPEG encode + demo back end)", (time.monotonic() - t) * 1000,
                "ms", key="photo_attach_ms", digits=1)
    finally:
        app.stop()
        rig.stop()
