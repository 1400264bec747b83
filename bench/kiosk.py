"""The kiosk app (PySide6 Qt Quick), offscreen with Qt's software renderer, against the device
simulators over their real transports (:class:`kiosk.simrig.SimRig`) and the demo back end:

1. cold start to the interactive home screen, each in a fresh process (``python -m bench.kiosk
   --cold TOML``): from the moment the parent spawns it — before the interpreter, let alone
   PySide6, is loaded — to the first frame of the home page (``KioskApp.ready_at``, when READY=1
   is sent); the simulators run in the bench's process, as the devices are outside the kiosk's;
2. page transitions in one process: a tap on a home service to the first frame showing its page,
   and back home;
3. memory: RSS after 10 warm-up sessions, then after 100 more (card, greeting, guide → a department
   → an item, home, progress → a case number → its case, 结束, card removed);
4. the device thread after browsing without a card: a guide slip's tap 打印 → printed, fresh and
   after quick home ↔ guide round trips (each return home starts a card read on the device thread);
5. the ID photo page's live preview against the camera simulator's MJPEG stream: frames shown per
   second on the software renderer, photo-check latency on the live stream, the UI thread's longest
   gap meanwhile (bench/_kiosk_photo.py).

Figures are printed, never asserted. About 95 s; ``--quick``: fewer runs, about 35 s.
"""

from __future__ import annotations

import time

T_PROCESS = time.monotonic()  # the child's first statement: the interpreter is up (`--cold`)

import gc  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
from collections.abc import Callable  # noqa: E402
from datetime import date  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

from bench.common import Result, percentile, summary_ms  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
TODAY = date(2026, 12, 3)
SIZE = (1080, 1920)
QT_ENV = {"QT_QPA_PLATFORM": "offscreen", "QT_QUICK_CONTROLS_STYLE": "Basic", "QT_IM_MODULE": "qtvirtualkeyboard"}

FULL = {"cold": 5, "transitions": 100, "warmup": 10, "sessions": 100, "browse": 10}
QUICK = {"cold": 3, "transitions": 25, "warmup": 3, "sessions": 15, "browse": 5}


# ------------------------------------------------------------------------------------------------
# Qt set-up and a citizen's fingers (the few lines of tests/kiosk/kioskharness.py needed here)
# ------------------------------------------------------------------------------------------------

def _qt_app() -> Any:
    for k, v in QT_ENV.items():
        os.environ.setdefault(k, v)
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtQuick import QQuickWindow, QSGRendererInterface

    app = QGuiApplication.instance()
    if app is None:
        QQuickWindow.setGraphicsApi(QSGRendererInterface.GraphicsApi.Software)
        app = QGuiApplication(sys.argv[:1])
    return app


def _spin_until(cond: Callable[[], Any], timeout: float, what: str) -> Any:
    """Run the event loop until ``cond()`` (UI-thread state) is true: every event handled as it
    comes, sleeping only when there is none (the app's 250 ms ticker bounds the wait)."""
    from PySide6.QtCore import QCoreApplication, QEventLoop

    flags = QEventLoop.ProcessEventsFlag.AllEvents | QEventLoop.ProcessEventsFlag.WaitForMoreEvents
    end = time.monotonic() + timeout
    while True:
        got = cond()
        if got:
            return got
        if time.monotonic() > end:
            raise RuntimeError(f"timed out after {timeout} s waiting for {what}")
        QCoreApplication.processEvents(flags)


def _spin(seconds: float) -> None:
    end = time.monotonic() + seconds
    _spin_until(lambda: time.monotonic() >= end, seconds + 1, "time to pass")


def _walk(item: Any) -> Any:
    yield item
    for child in item.childItems():
        yield from _walk(child)


def _really_visible(item: Any) -> bool:
    while item is not None:
        if not item.isVisible() or item.opacity() <= 0:
            return False
        item = item.parentItem()
    return True


class _Finger:
    """Taps by objectName; counts the frames the window swaps (the software render loop swaps on
    the UI thread, so a frame counted after a tap shows what the tap changed)."""

    def __init__(self, app: Any) -> None:
        from PySide6.QtCore import Qt

        self.app = app
        self.window = app.window
        self.frames = 0
        self.last_frame = 0.0
        self.window.frameSwapped.connect(self._swapped, Qt.ConnectionType.DirectConnection)

    def _swapped(self) -> None:
        self.frames += 1
        self.last_frame = time.monotonic()

    def find(self, name: str) -> Any:
        for it in _walk(self.window.contentItem()):
            if it.objectName() == name and _really_visible(it):
                return it
        return None

    def tap(self, name: str, timeout: float = 10.0) -> float:
        """Tap the item; the time of the tap (just before the press is delivered)."""
        from PySide6.QtCore import QPoint, QPointF, Qt
        from PySide6.QtTest import QTest

        def enabled() -> Any:
            it = self.find(name)
            return it if it is not None and it.isEnabled() else None

        item = _spin_until(enabled, timeout, f"{name!r} on screen and enabled (page {self.page()!r})")
        centre = item.mapToScene(QPointF(item.width() / 2, item.height() / 2))
        t = time.monotonic()
        QTest.mouseClick(self.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                         QPoint(int(centre.x()), int(centre.y())))
        return t

    def page(self) -> str:
        return self.app.pages_shown[-1] if self.app.pages_shown else ""

    def wait_page(self, name: str, timeout: float = 10.0) -> None:
        _spin_until(lambda: self.page() == name, timeout, f"page {name!r} (now {self.page()!r})")

    def wait_frame_of(self, name: str, timeout: float = 10.0) -> float:
        """Wait until page ``name`` is shown and a frame has been swapped since; that frame's time."""
        self.wait_page(name, timeout)
        seen = self.frames
        _spin_until(lambda: self.frames > seen, timeout, f"a frame of page {name!r}")
        return self.last_frame

    def screen_text(self) -> str:
        return "\n".join(str(it.property("text")) for it in _walk(self.window.contentItem())
                         if it.inherits("QQuickText") and it.property("text") and _really_visible(it))


def _make_app(config: Any, backend: Any, rig: Any = None) -> Any:
    from kiosk.app import KioskApp

    return KioskApp(config, backend, demo_rig=rig, size=SIZE, today=lambda: TODAY)


def _rig(workdir: Path | None = None) -> Any:
    from kiosk.simrig import SimRig

    return SimRig(workdir=workdir, today=TODAY, kiosk='tts_engine = "mock"', camera=False, locker=False).start()


# ------------------------------------------------------------------------------------------------
# 1. Cold start
# ------------------------------------------------------------------------------------------------

def _cold_child(toml: str) -> int:
    """In the fresh process: start the kiosk on the rig's configuration, print the moments as JSON."""
    marks: dict[str, float] = {"process": T_PROCESS}
    qapp = _qt_app()
    marks["qguiapplication"] = time.monotonic()
    from kiosk.backend.demo import DemoBackend
    from terminal.config import load_terminal

    app = _make_app(load_terminal(toml), DemoBackend(today=TODAY))
    app.start()
    _spin_until(lambda: app.ready_at is not None, 30, "the first frame")
    marks["t0"], marks["ready_at"] = app.t0, float(app.ready_at)
    page = app.pages_shown[-1] if app.pages_shown else ""
    app.stop()
    del qapp  # not used after the QGuiApplication is made; the process ends here
    print(json.dumps({**marks, "page": page, "warnings": app.qml_warnings}), flush=True)
    return 0


def _cold_runs(n: int) -> list[dict[str, float]]:
    rig = _rig()
    runs = []
    try:
        env = {**os.environ, **QT_ENV}
        for _ in range(n):
            t_spawn = time.monotonic()
            out = subprocess.run([sys.executable, "-m", "bench.kiosk", "--cold", str(rig.dir / "terminal.toml")],
                                 env=env, cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)
            if out.returncode != 0:
                raise RuntimeError(f"cold start child failed ({out.returncode}): {out.stderr[-2000:]}")
            got = json.loads(out.stdout.strip().splitlines()[-1])
            if got["page"] != "home":
                raise RuntimeError(f"cold start: first page {got['page']!r}, not home")
            if got["warnings"]:
                raise RuntimeError(f"cold start: QML warnings {got['warnings']}")
            got["spawn"] = t_spawn
            runs.append(got)
    finally:
        rig.stop()
    return runs


# ------------------------------------------------------------------------------------------------
# 2. Page transitions, 3. memory over sessions
# ------------------------------------------------------------------------------------------------

def _transitions(f: _Finger, n: int) -> dict[str, list[float]]:
    """Tap → the first frame showing the page: home → guide → home → progress → home, ``n`` times."""
    out: dict[str, list[float]] = {"guide": [], "progress": [], "home": []}
    for _ in range(n):
        for service, page in (("service_guide", "guide"), ("service_progress", "progress")):
            t = f.tap(service)
            out[page].append(f.wait_frame_of(page) - t)
            t = f.tap("homeButton")
            out["home"].append(f.wait_frame_of("home") - t)
    return out


def _card_read(f: _Finger, rig: Any) -> None:
    app = f.app
    rig.place_card("resident")
    _spin_until(lambda: app.session.get("card") is not None, 10,
                f"the card read (identity {app.identity.state!r} {app.identity.error!r})")
    _spin_until(lambda: f.find("greeting") is not None, 10, "the greeting")


def _end(f: _Finger, rig: Any) -> None:
    app = f.app
    f.tap("endButton")
    f.wait_page("home")
    _spin_until(lambda: app.session.state.value == "idle", 10, "the session over")
    rig.remove_card()
    _spin_until(lambda: app.identity.state == "waiting", 10, "the reader waiting for a card")


def _session(f: _Finger, rig: Any, case_no: str) -> None:
    app = f.app
    _card_read(f, rig)
    f.tap("service_guide")
    f.wait_page("guide")
    f.tap("group_0")
    first = _spin_until(lambda: app.guide.results, 10, "items of the department")[0]
    f.tap(f"item_{first.code}")
    f.wait_page("guideItem")
    f.tap("homeButton")
    f.wait_page("home")
    f.tap("service_progress")
    f.wait_page("progress")
    for d in case_no:
        f.tap(f"key_{d}")
    f.tap("findNumber")
    f.wait_page("case")
    _end(f, rig)


def _slip_after_browsing(f: _Finger, cycles: int) -> tuple[float, str]:
    """No card: ``cycles`` quick home ↔ guide round trips, then a guide item's slip: tap → printed."""
    app = f.app
    for _ in range(cycles):
        f.tap("service_guide")
        f.wait_frame_of("guide")
        f.tap("homeButton")
        f.wait_frame_of("home")
    f.tap("service_guide")
    f.wait_page("guide")
    f.tap("group_0")
    first = _spin_until(lambda: app.guide.results, 10, "items of the department")[0]
    f.tap(f"item_{first.code}")
    f.wait_page("guideItem")
    t = f.tap("printButton")
    _spin_until(lambda: app.guide.print_state in ("printed", "failed"), 120, "the slip printed or failed")
    took, state = time.monotonic() - t, app.guide.print_state
    app.end_session("ended")
    f.wait_page("home")
    return took, state


def _rss_mb() -> float:
    import psutil

    return float(psutil.Process().memory_info().rss) / (1 << 20)


def _collect(app: Any) -> None:
    from PySide6.QtCore import QCoreApplication, QEvent

    for _ in range(3):
        gc.collect()
        app.engine.collectGarbage()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
        _spin(0.1)


def run(options: list[str] | None = None) -> Result:
    opts = list(options or [])
    unknown = [o for o in opts if o != "--quick"]
    if unknown:
        raise ValueError(f"bench kiosk: unknown option(s) {unknown}; known: --quick")
    n = QUICK if "--quick" in opts else FULL
    res = Result("kiosk")

    # 1. cold start, each in a fresh process
    runs = _cold_runs(n["cold"])
    total = [r["ready_at"] - r["spawn"] for r in runs]

    def p50(a: str, b: str) -> float:
        return percentile([r[b] - r[a] for r in runs], 50)

    res.add(f"cold start: spawn → home screen's first frame p50 ({len(runs)} fresh processes; target < 1 s)",
            percentile(total, 50), "s", key="cold_start_p50_s", digits=3)
    res.add("cold start: spawn → home screen's first frame max", max(total), "s", key="cold_start_max_s", digits=3)
    res.add("  of which: interpreter up p50", p50("spawn", "process"), "s", digits=3)
    res.add("  of which: PySide6 imported + QGuiApplication p50", p50("process", "qguiapplication"), "s", digits=3)
    res.add("  of which: kiosk imported, configuration + demo back end loaded, KioskApp built p50",
            p50("qguiapplication", "t0"), "s", digits=3)
    res.add("  of which: QML load → first frame (ready_at - t0) p50", p50("t0", "ready_at"), "s",
            key="qml_load_to_first_frame_p50_s", digits=3)

    # 2 and 3, in one process
    _qt_app()
    rig = _rig()
    app = _make_app(rig.config, rig.backend, rig)
    app.start()
    try:
        f = _Finger(app)
        _spin_until(lambda: app.ready_at is not None and f.page() == "home", 30, "the home screen")
        res.add("in-process start (warm interpreter): QML load → first frame", float(app.ready_at) - app.t0, "s",
                key="warm_qml_load_to_first_frame_s", digits=3)
        _spin_until(lambda: app.identity.state == "waiting", 10, "the reader waiting for a card")
        from drivers.idcard.synthetic import CARDS

        case_no = next(c.case_no for c in rig.backend.cases_of(CARDS["resident"].number))

        # Transitions in an identified session: without a card every return home starts a card
        # read, which the bench would pile up on the device thread (see _slip_after_browsing).
        _card_read(f, rig)
        _transitions(f, 3)  # warm: each page's component compiled once
        tr = _transitions(f, n["transitions"])
        _end(f, rig)
        for page, label in (("guide", "home → 办事指南 (guide)"), ("progress", "home → 办件进度 (progress)"),
                            ("home", "首页 → home")):
            s = summary_ms(tr[page])
            count = len(tr[page])
            res.add(f"page transition {label}: tap → first frame p50 ({count} taps)", s["p50_ms"], "ms",
                    key=f"transition_{page}_p50_ms", digits=1)
            res.add(f"page transition {label}: tap → first frame p99", s["p99_ms"], "ms",
                    key=f"transition_{page}_p99_ms", digits=1)

        # 3. memory over sessions
        for _ in range(n["warmup"]):
            _session(f, rig, case_no)
        _collect(app)
        before = _rss_mb()
        times = []
        for _ in range(n["sessions"]):
            t = time.monotonic()
            _session(f, rig, case_no)
            times.append(time.monotonic() - t)
        _collect(app)
        after = _rss_mb()
        res.add(f"RSS after {n['warmup']} warm-up sessions", before, "MB", key="rss_warm_mb", digits=1)
        res.add(f"RSS after {n['sessions']} more sessions", after, "MB", key="rss_after_mb", digits=1)
        res.add(f"RSS growth over {n['sessions']} sessions (target: no growth beyond 5 MB)", after - before, "MB",
                key="rss_growth_mb", digits=1)
        st = summary_ms(times)
        res.add("one session (card, guide → department → item, home, progress → case no. → case, 结束) p50",
                st["p50_ms"], "ms", key="session_p50_ms", digits=0)
        res.add("one session p99", st["p99_ms"], "ms", key="session_p99_ms", digits=0)

        # The device thread after anonymous browsing: a slip after quick home ↔ guide round trips.
        took0, state0 = _slip_after_browsing(f, 0)
        took, state = _slip_after_browsing(f, n["browse"])
        res.add("no card: guide slip, tap 打印 → printed", took0, f"s ({state0})", key="slip_fresh_s", digits=2)
        res.add(f"no card: the same after {n['browse']} quick home ↔ guide round trips", took, f"s ({state})",
                key="slip_after_browsing_s", digits=2)
        res.add("QML warnings during the bench", len(app.qml_warnings), key="qml_warnings")
        for w in sorted(set(app.qml_warnings)):
            res.add("  QML warning", w)
    finally:
        app.stop()
        rig.stop()

    # 5. the ID photo page's live preview: frame rate and photo-check latency (bench/_kiosk_photo.py)
    from bench._kiosk_photo import measure as photo_preview

    photo_preview(res, 3.0 if "--quick" in opts else 10.0)
    return res


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--cold":
        raise SystemExit(_cold_child(sys.argv[2]))
    from bench.__main__ import main

    raise SystemExit(main(["kiosk", *sys.argv[1:]]))
