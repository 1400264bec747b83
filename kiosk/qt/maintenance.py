"""The technician's maintenance screen in the app (kiosk/flows_maintenance.py): flow, bridge, wiring.

:class:`MaintenanceWiring` is built by :class:`kiosk.app.KioskApp` and exposes ``maintenance`` to
QML (a :class:`~kiosk.qt.bridge.FlowBridge`). Device jobs go through the app's jobs runner (the
poller's device thread), bounded by the flow on QTimers of the UI thread. While the screen is open
the citizen's session is ended (wiped) and the app's heartbeat tells the agent the terminal is out
of service (:meth:`KioskApp._heartbeat`); it is sent at once on opening and on leaving.

A technician's card: while the PIN pad is up, a card the identity flow reads is compared with the
registered technicians' (hashed) and forgotten at once — the citizen's session that the card began
is ended and wiped whichever it was.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer

from kiosk.flows import Flow, Outcome
from kiosk.flows_maintenance import REPORT_S, MaintenanceFlow, MaintenanceRules
from kiosk.qt.bridge import FlowBridge
from terminal.client import AgentUnavailable

log = logging.getLogger("zizhu.kiosk.maintenance")


class MaintenanceWiring:
    def __init__(self, app: Any) -> None:
        self.app = app
        self._timer_owner = QObject()

        def later(delay_s: float, fn: Callable[[], None]) -> None:
            QTimer.singleShot(int(delay_s * 1000), self._timer_owner, fn)

        self.flow = MaintenanceFlow(
            app.jobs, MaintenanceRules.from_config(app.cfg.kiosk.maintenance), app.session.clock,
            later=later, devices=lambda: dict(app.availability.devices), report=self._report,
            incidents=self._incidents)
        f = self.flow
        self.bridge = FlowBridge(f, {
            "enter": lambda _a: f.enter(), "key": f.key, "submit": lambda _a: f.submit(),
            "leave": lambda _a: f.leave(), "selfTest": f.self_test, "testPage": lambda _a: f.test_page(),
            "openSlot": f.open_slot, "roll": f.roll_replaced, "incidents": lambda _a: f.incidents()})
        self._was_out = False
        f.listeners.append(self._changed)
        app.identity.listeners.append(self._identity_changed)
        app.posts.snapshot.connect(lambda _s: self.bridge.refresh())

    def expose(self, engine: Any) -> None:
        engine.rootContext().setContextProperty("maintenance", self.bridge)

    def _changed(self, flow: Flow) -> None:
        identity = self.app.identity
        if self.flow.state == "pin" and identity.state not in ("waiting", "done"):
            identity.start()  # a technician's card may be placed (the reader reads on the home page only)
        out = self.flow.out_of_service
        if out != self._was_out:
            self._was_out = out
            if out:
                self.app.end_session("out_of_service")  # whoever was there is forgotten first
            self.app._heartbeat()  # the agent (and the hall) hear it now, not at the next beat

    def _identity_changed(self, flow: Flow) -> None:
        identity = self.app.identity
        if self.flow.state == "pin" and flow.state == "error":  # a read that failed: the pad waits on
            QTimer.singleShot(1000, self._timer_owner, lambda: self._changed(self.flow))
            return
        if self.flow.state != "pin" or flow.state != "done" or identity.card is None:
            return
        number = identity.card.number
        self.app.end_session("ended")  # the card is forgotten whatever it was (and the reader too)
        self.flow.card(number)

    def _report(self, code: str, detail: dict[str, Any]) -> None:
        """Off the UI thread (the flow runs it as a job): returns once the agent has the event on disk."""
        client = self.app.client
        if client is None:
            raise AgentUnavailable("监控程序未连接", "the kiosk has no agent client", "")
        client.occurred(code, detail=f"technician {detail.get('technician', '')}".strip(), timeout=REPORT_S)

    def _incidents(self, done: Callable[[Outcome[list[dict[str, Any]]]], None]) -> None:
        from kiosk.hall_incidents import open_incidents

        m, terminal = self.app.cfg.kiosk.maintenance, self.app.cfg.terminal.id
        # Off the UI thread in the jobs runner's pool, bounded there as well as by its own timeout.
        self.app.jobs.backend(lambda _b: open_incidents(m.hall_url, m.hall_token, terminal, timeout_s=5.0), done)
