"""Thin QObject bridges: what QML sees of the session, the flows and the terminal.

QML reads plain maps (``view``) and calls slots; all logic is in the flows (:mod:`kiosk.flows`)
and the session (:mod:`kiosk.session`). Strings shown to citizens live in QML (Texts.qml), the
bridges hand over codes and data.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import qrcode
from PySide6.QtCore import Property, QEvent, QObject, QSize, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QFont, QFontMetrics, QImage, QPainter
from PySide6.QtQuick import QQuickImageProvider

from ground.mongolian import split_columns
from kiosk.flows import Flow

log = logging.getLogger("zizhu.kiosk.bridge")

MONGOLIAN_FONT = "Noto Sans Mongolian"


class FlowBridge(QObject):
    """One flow for QML: ``view`` (a map, re-read on ``changed``) and ``act(action, arg)``."""

    changed = Signal()

    def __init__(self, flow: Flow, actions: dict[str, Callable[[str], None]],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.flow = flow
        self.actions = actions
        self._view: dict[str, Any] = flow.view()
        flow.listeners.append(self._flow_changed)

    def _flow_changed(self, flow: Flow) -> None:
        self._view = flow.view()
        self.changed.emit()

    def _get_view(self) -> dict[str, Any]:
        return self._view

    view = Property("QVariantMap", _get_view, notify=changed)  # type: ignore[arg-type]

    @Slot(str)
    @Slot(str, str)
    def act(self, action: str, arg: str = "") -> None:
        fn = self.actions.get(action)
        if fn is None:
            log.warning("QML asked flow %s for unknown action %r", self.flow.name, action)
            return
        fn(arg)

    def refresh(self) -> None:
        self._flow_changed(self.flow)


def follow_card(identity: Any, card_read: Callable[[Any], None], card_failed: Callable[[str], None]) -> None:
    """Hand ``card_read`` each card the identity flow reads, ``card_failed`` each error of it: for a flow
    that waits for the card on its own page (A4 certificates, appointments)."""

    def changed(flow: Flow) -> None:
        if flow.state == "done" and identity.card is not None:
            card_read(identity.card)
        elif flow.state == "error":
            card_failed(flow.error)

    identity.listeners.append(changed)


class ActivityFilter(QObject):
    """Application-wide: every touch begin, mouse press, key and wheel is activity."""

    KINDS = frozenset({QEvent.Type.TouchBegin, QEvent.Type.MouseButtonPress, QEvent.Type.KeyPress,
                       QEvent.Type.Wheel})

    def __init__(self, on_activity: Callable[[], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.on_activity = on_activity
        self.count = 0

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() in self.KINDS and obj.isWindowType():
            self.count += 1
            self.on_activity()
        return False


class QrProvider(QQuickImageProvider):
    """``image://qr/<text>``: a QR code of public text (a guide's URL), drawn by the qrcode library."""

    def __init__(self) -> None:
        super().__init__(QQuickImageProvider.ImageType.Image)

    def requestImage(self, id: str, size: QSize, requested: QSize) -> QImage:
        from urllib.parse import unquote

        text = unquote(id)
        qr = qrcode.QRCode(border=2, error_correction=qrcode.constants.ERROR_CORRECT_M)
        qr.add_data(text)
        qr.make(fit=True)
        matrix = qr.get_matrix()
        n = len(matrix)
        side = max(requested.width(), requested.height(), 0) or n * 8
        scale = max(1, side // n)
        img = QImage(n * scale, n * scale, QImage.Format.Format_RGB32)
        img.fill(Qt.GlobalColor.white)
        painter = QPainter(img)
        for y, row in enumerate(matrix):
            for x, dark in enumerate(row):
                if dark:
                    painter.fillRect(x * scale, y * scale, scale, scale, Qt.GlobalColor.black)
        painter.end()
        if size is not None:
            size.setWidth(img.width())
            size.setHeight(img.height())
        return img


def mongolian_columns(text: str, pixel_size: int, max_height: int) -> list[str]:
    """Split Mongolian text into single-line columns no longer than ``max_height`` px.

    Each column is then rotated 90° clockwise and the columns laid out left to right (docs/kiosk.md:
    a rotated multi-line Text would put its columns in the wrong order). Breaks fall between
    words; a word longer than a column gets a column of its own (:func:`ground.mongolian.split_columns`,
    the rule the printed slips share).
    """
    font = QFont(MONGOLIAN_FONT)
    font.setPixelSize(max(1, pixel_size))
    fm = QFontMetrics(font)
    return split_columns(text, max_height, fm.horizontalAdvance)


class Ticker(QObject):
    """A QTimer on the UI thread calling ``fn``: the session clock, the heartbeat, the watchdog."""

    def __init__(self, interval_ms: int, fn: Callable[[], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(fn)
        self.timer.start()


class KioskBridge(QObject):
    """The root object QML knows as ``kiosk``: session, language, mode, terminal availability."""

    languageChanged = Signal()
    elderlyChanged = Signal()
    sessionChanged = Signal()
    availabilityChanged = Signal()
    hallChanged = Signal()
    cardChanged = Signal()
    homeRequested = Signal()

    def __init__(self, app: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.app = app  # kiosk.app.KioskApp: the wiring; the bridge only forwards
        self._language = "zh"
        self._elderly = False
        self._availability: dict[str, Any] = {}
        self._hall: dict[str, Any] = {}
        self._card: dict[str, Any] = {}
        self.identity_bridge: FlowBridge | None = None
        self.guide_bridge: FlowBridge | None = None
        self.progress_bridge: FlowBridge | None = None

    # -- properties ------------------------------------------------------------------------
    def _get_language(self) -> str:
        return self._language

    language = Property(str, _get_language, notify=languageChanged)

    def _get_elderly(self) -> bool:
        return self._elderly

    elderly = Property(bool, _get_elderly, notify=elderlyChanged)

    def _get_session_state(self) -> str:
        return str(self.app.session.state.value)

    sessionState = Property(str, _get_session_state, notify=sessionChanged)

    def _get_seconds_left(self) -> int:
        return int(self.app.session.seconds_left() + 0.5)

    secondsLeft = Property(int, _get_seconds_left, notify=sessionChanged)

    def _get_extensions_left(self) -> int:
        return int(self.app.session.extensions_left)

    extensionsLeft = Property(int, _get_extensions_left, notify=sessionChanged)

    def _get_availability(self) -> dict[str, Any]:
        return self._availability

    availability = Property("QVariantMap", _get_availability, notify=availabilityChanged)  # type: ignore[arg-type]

    def _get_hall(self) -> dict[str, Any]:
        return self._hall

    hall = Property("QVariantMap", _get_hall, notify=hallChanged)  # type: ignore[arg-type]

    def _get_card(self) -> dict[str, Any]:
        return self._card

    card = Property("QVariantMap", _get_card, notify=cardChanged)  # type: ignore[arg-type]

    def _get_demo(self) -> bool:
        return bool(self.app.demo_cards)

    demo = Property(bool, _get_demo, constant=True)

    def _get_demo_cards(self) -> list[str]:
        return list(self.app.demo_cards)

    demoCards = Property("QVariantList", _get_demo_cards, constant=True)  # type: ignore[arg-type]

    def _get_identity(self) -> QObject | None:
        return self.identity_bridge

    identity = Property(QObject, _get_identity, constant=True)

    def _get_guide(self) -> QObject | None:
        return self.guide_bridge

    guide = Property(QObject, _get_guide, constant=True)

    def _get_progress(self) -> QObject | None:
        return self.progress_bridge

    progress = Property(QObject, _get_progress, constant=True)

    # -- from the app ----------------------------------------------------------------------
    def set_availability(self, view: dict[str, Any]) -> None:
        if view != self._availability:
            self._availability = view
            self.availabilityChanged.emit()

    def set_hall(self, view: dict[str, Any]) -> None:
        self._hall = view
        self.hallChanged.emit()

    def set_card(self, view: dict[str, Any]) -> None:
        self._card = view
        self.cardChanged.emit()

    def set_language_value(self, language: str) -> None:
        self._language = language
        self.languageChanged.emit()

    def set_elderly_value(self, on: bool) -> None:
        if on != self._elderly:
            self._elderly = on
            self.elderlyChanged.emit()

    # -- from QML --------------------------------------------------------------------------
    @Slot(str)
    def setLanguage(self, language: str) -> None:
        self.app.set_language(language)

    @Slot(bool)
    def setElderly(self, on: bool) -> None:
        self.app.set_elderly(on)

    @Slot()
    def extend(self) -> None:
        self.app.session.extend()

    @Slot()
    def endSession(self) -> None:
        self.app.end_session("ended")

    @Slot()
    def completed(self) -> None:
        self.app.end_session("completed")

    @Slot(str)
    def say(self, text: str) -> None:
        self.app.voice.say(text)

    @Slot(str, int, int, result="QVariantList")
    def mnColumns(self, text: str, pixel_size: int, max_height: int) -> list[str]:
        return mongolian_columns(text, pixel_size, max_height)

    @Slot(str)
    def demoPlaceCard(self, name: str) -> None:
        self.app.demo_place_card(name)

    @Slot(str)
    def pageShown(self, name: str) -> None:
        self.app.page_shown(name)
