"""延时服务预约 in the app: the flow (kiosk/flows_appointment.py), its bridge, its wipe.

:class:`AppointmentWiring` is built by :class:`kiosk.app.KioskApp` and exposes ``kioskAppointment``
to QML (a :class:`~kiosk.qt.bridge.FlowBridge`). The card comes from the identity flow: when the
citizen has not placed one yet, the reader is started for it. The hall's copy goes through the
app's feedback sender (the agent's spool; in the demo, memory).
"""

from __future__ import annotations

from typing import Any

from kiosk.flows_appointment import AppointmentFlow
from kiosk.qt.bridge import FlowBridge, follow_card


class AppointmentWiring:
    def __init__(self, app: Any) -> None:
        self.app = app
        self.flow = AppointmentFlow(app.jobs, app.availability, lambda: app.hall_info, app.session,
                                    lambda: app.feedback.sender, now=app.progress.now)
        f = self.flow
        f.need_card = app.identity.start
        follow_card(app.identity, f.card_read, f.card_failed)
        self.bridge = FlowBridge(f, {
            "open": lambda _a: f.open(), "book": lambda _a: f.start_booking(), "mine": lambda _a: f.show_mine(),
            "item": f.choose_item, "day": f.choose_day, "key": f.key, "next": lambda _a: f.next(),
            "back": lambda _a: f.back(), "submit": lambda _a: f.submit(), "choose": f.choose,
            "cancel": lambda _a: f.cancel(), "resend": lambda _a: f.resend(), "print": lambda _a: f.print_slip(),
            "finish": lambda _a: f.finish()})
        app.session.on_wipe(f.reset)
        app.posts.snapshot.connect(lambda _s: self.bridge.refresh())

    def expose(self, engine: Any) -> None:
        engine.rootContext().setContextProperty("kioskAppointment", self.bridge)
        feedback = getattr(self.app, "feedback", None)
        if self.flow.on_service_done is None and feedback is not None:  # the slip: the service's rating
            self.flow.on_service_done = feedback.service_done
