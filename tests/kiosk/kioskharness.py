"""Drive the kiosk as a citizen does: find QML items by objectName, tap them, wait for words.

The app runs offscreen with Qt's software renderer, against the device simulators over their real
transports (:class:`kiosk.simrig.SimRig`) and the demo back end.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import Any

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtQuick import QQuickItem
from PySide6.QtTest import QTest


def spin(seconds: float) -> None:
    """Let the app run for ``seconds``: Qt's event loop, sleeping when it has nothing to do (a bare
    processEvents loop kept a CPU busy, taken from the other tests running in parallel)."""
    QTest.qWait(max(1, round(seconds * 1000)))


def wait_for(cond: Callable[[], Any], timeout: float = 10.0, what: str = "condition") -> Any:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        got = cond()
        if got:
            return got
        # Qt's event loop meanwhile (the app's signals and timers go on); 20 ms, not less: each poll walks
        # the whole item tree, CPU the rendering and the other tests running in parallel need
        QTest.qWait(20)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


def walk(item: QQuickItem) -> Iterator[QQuickItem]:
    yield item
    for child in item.childItems():
        yield from walk(child)


def really_visible(item: QQuickItem) -> bool:
    it: QQuickItem | None = item
    while it is not None:
        if not it.isVisible() or it.opacity() <= 0:
            return False
        it = it.parentItem()
    return True


class Citizen:
    def __init__(self, app: Any) -> None:
        self.app = app
        self.window = app.window

    def items(self) -> Iterator[QQuickItem]:
        return walk(self.window.contentItem())

    def find(self, name: str, visible: bool = True) -> QQuickItem | None:
        for it in self.items():
            if it.objectName() == name and (not visible or really_visible(it)):
                return it
        return None

    def get(self, name: str, timeout: float = 10.0) -> QQuickItem:
        return wait_for(lambda: self.find(name), timeout, f"item {name!r} on screen (page {self.page()})")

    def page(self) -> str:
        return str(self.window.property("title")) + "/" + str(self.app.pages_shown[-1:] or "")

    def tap(self, name: str, timeout: float = 10.0) -> None:
        """Tap the item's centre as a finger would: once it is on screen, enabled and laid out — at the
        same place in two looks running. Lists make their delegates again as their model changes and
        a row may still move under load; a tap at a place it has left goes to nothing."""
        self.get(name, timeout)
        seen: list[tuple[QQuickItem, QPointF] | None] = []

        def steady() -> QPointF | None:
            item = self.find(name)
            here = None if item is None or not item.isEnabled() else \
                (item, item.mapToScene(QPointF(item.width() / 2, item.height() / 2)))
            seen.append(here)
            return here[1] if here is not None and len(seen) > 1 and seen[-2] == here else None

        centre = wait_for(steady, timeout, f"{name!r} enabled and laid out")
        w, h = self.window.width(), self.window.height()
        assert 0 <= centre.x() < w and 0 <= centre.y() < h, f"{name!r} is off the screen at {centre} ({w}×{h})"
        QTest.mouseClick(self.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                         QPoint(int(centre.x()), int(centre.y())))
        spin(0.05)

    def texts(self) -> list[str]:
        """Every visible text on screen, as drawn."""
        out = []
        for it in self.items():
            if it.inherits("QQuickText") and really_visible(it):
                t = it.property("text")
                if t:
                    out.append(str(t))
        return out

    def screen_text(self) -> str:
        return "\n".join(self.texts())

    def wait_text(self, fragment: str, timeout: float = 10.0) -> None:
        wait_for(lambda: fragment in self.screen_text(), timeout, f"{fragment!r} on screen")

    def shown_page(self) -> str:
        return self.app.pages_shown[-1] if self.app.pages_shown else ""

    def wait_page(self, name: str, timeout: float = 10.0) -> None:
        wait_for(lambda: self.shown_page() == name, timeout, f"page {name!r} (now {self.shown_page()!r})")
