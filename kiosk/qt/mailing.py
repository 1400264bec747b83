"""Free mailing (政务专递, kiosk/flows_mailing.py) in the app: the flow, its bridge (``kioskMailing``
for QML), the card it waits for and the wipe, in one place.

The flow needs the card holder's card: on the mailing page the app's identity flow waits for one
(:meth:`kiosk.app.KioskApp.page_shown`), and a card read while the flow waits moves it on. The hall
copy goes through the app's feedback sender (the agent's spool, or the demo's memory).
"""

from __future__ import annotations

from typing import Any

from kiosk.flows import Flow
from kiosk.qt.bridge import FlowBridge


class MailingWiring:
    def __init__(self, app: Any) -> None:
        from kiosk.flows_mailing import MailingFlow

        self.app = app
        self.flow = MailingFlow(app.jobs, app.availability, lambda: app.hall_info, app.session,
                                lambda: app.feedback.sender, now=app.progress.now)
        f = self.flow
        self.bridge = FlowBridge(f, {
            "open": f.open, "choose": f.choose, "province": f.choose_province, "city": f.choose_city,
            "district": f.choose_district, "street": f.set_street, "recipient": f.set_recipient, "key": f.key,
            "next": lambda _a: f.next(), "back": lambda _a: f.back(), "edit": f.edit,
            "submit": lambda _a: f.submit(), "print": lambda _a: f.print_slip()})
        app.identity.listeners.append(self._identity)
        app.session.on_wipe(f.reset)
        app.bridge.availabilityChanged.connect(self.bridge.refresh)

    def _identity(self, identity: Flow) -> None:
        if identity.state == "done" and self.flow.state == "card":
            self.flow.card_read()

    def expose(self, engine: Any) -> None:
        engine.rootContext().setContextProperty("kioskMailing", self.bridge)
