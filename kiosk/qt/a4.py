"""A4 printing in the app: the flow (kiosk/flows_a4.py), its bridge, its wipe.

:class:`A4Wiring` is built by :class:`kiosk.app.KioskApp` and exposes ``kioskA4`` to QML (a
:class:`~kiosk.qt.bridge.FlowBridge`). Rendering runs on the jobs runner's back-end pool, the
printer's calls on the poller's device thread, and the job is followed from a QTimer of the UI
thread, never waited for in it. A certificate's card comes from the identity flow: when the
citizen has not placed one yet, the reader is started for it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer

from kiosk.flows_a4 import A4Flow
from kiosk.qt.bridge import FlowBridge, follow_card

log = logging.getLogger("zizhu.kiosk.a4")


class A4Wiring:
    def __init__(self, app: Any) -> None:
        self.app = app
        self._timer_owner = QObject()

        def later(delay_s: float, fn: Callable[[], None]) -> None:
            QTimer.singleShot(int(delay_s * 1000), self._timer_owner, fn)

        self.flow = A4Flow(app.jobs, app.availability, lambda: app.hall_info, app.session, later=later,
                           today=app.today)
        f = self.flow
        f.need_card = app.identity.start
        follow_card(app.identity, f.card_read, f.card_failed)
        self.bridge = FlowBridge(f, {
            "open": lambda _a: f.open(), "forms": lambda _a: f.show_forms(),
            "certificates": lambda _a: f.show_certificates(), "chooseForm": f.choose_form,
            "chooseCertificate": f.choose_certificate, "back": lambda _a: f.back(),
            "finish": lambda _a: f.finish()})
        app.session.on_wipe(f.reset)
        app.posts.snapshot.connect(lambda _s: self.bridge.refresh())

    def warm_up(self) -> None:
        """ReportLab imported and its font registered on a thread of its own, off the UI thread."""
        import threading

        from kiosk.a4docs import warm_up

        def run() -> None:
            try:
                warm_up()
            except Exception:  # the first document says what is wrong, in words
                log.exception("A4 documents: warm-up failed")

        threading.Thread(target=run, name="zizhu-a4-warm-up", daemon=True).start()

    def expose(self, engine: Any) -> None:
        engine.rootContext().setContextProperty("kioskA4", self.bridge)
        if self.app.poller.by_kind("a4printer") is not None:
            self.warm_up()
        feedback = getattr(self.app, "feedback", None)
        if self.flow.on_service_done is None and feedback is not None:  # printed: the service's rating
            self.flow.on_service_done = feedback.service_done
