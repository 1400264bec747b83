"""The document locker in the app: its two flows (kiosk/flows_locker.py), their bridges, the wipe.

:class:`LockerWiring` is built by :class:`kiosk.app.KioskApp` and exposes ``locker`` to QML
(``locker.pickup``, ``locker.deposit``: :class:`~kiosk.qt.bridge.FlowBridge` each). The flows ask
the device through the app's jobs runner (the poller's device thread, each call bounded by the
driver's timeout) and wait on QTimers of the UI thread, never in it. The pickup's card comes from
the identity flow: when the citizen has not placed one yet, the reader is started for it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import Property, QObject, QTimer

from kiosk.flows import Flow
from kiosk.flows_locker import DepositFlow, LockerTiming, PickupFlow
from kiosk.qt.bridge import FlowBridge


class LockerBridge(QObject):
    """``locker`` in QML."""

    def __init__(self, pickup: FlowBridge, deposit: FlowBridge, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pickup, self._deposit = pickup, deposit

    def _get_pickup(self) -> QObject:
        return self._pickup

    pickup = Property(QObject, _get_pickup, constant=True)

    def _get_deposit(self) -> QObject:
        return self._deposit

    deposit = Property(QObject, _get_deposit, constant=True)


class LockerWiring:
    def __init__(self, app: Any) -> None:
        self.app = app
        cfg = app.cfg
        lcfg = cfg.devices.locker
        timing = LockerTiming(
            terminal=cfg.terminal.id, poll_s=0.4,
            # Waited for a little longer than the driver's alarm, so the poll that ends the wait
            # already reports the door left open (a fault the agent sends on).
            close_wait_s=(lcfg.door_open_alarm_s + 1.0) if lcfg is not None else 121.0,
            silent_s=max(3.0, 4 * lcfg.timeout_s) if lcfg is not None else 4.0)
        self._timer_owner = QObject()

        def later(delay_s: float, fn: Callable[[], None]) -> None:
            QTimer.singleShot(int(delay_s * 1000), self._timer_owner, fn)

        def now() -> datetime:
            return datetime.combine(app.today(), datetime.now().time())

        def hall() -> Any:
            return app.hall_info

        args = (app.jobs, app.availability, hall, app.session)
        self.pickup = PickupFlow(*args, timing=timing, later=later, clock=time.monotonic, now=now)
        self.deposit = DepositFlow(*args, timing=timing, later=later, clock=time.monotonic, now=now)
        self.pickup.need_card = self._need_card
        app.identity.listeners.append(self._identity_changed)
        p, d = self.pickup, self.deposit
        self.pickup_bridge = FlowBridge(p, {
            "open": lambda _a: p.open(), "key": p.key, "submit": lambda _a: p.submit(),
            "otherCard": lambda _a: p.other_card()})
        self.deposit_bridge = FlowBridge(d, {
            "open": lambda _a: d.open(), "key": d.key, "findNumber": lambda _a: d.find_number(),
            "findByCard": lambda _a: d.find_by_card(), "choose": d.choose, "back": lambda _a: d.back(),
            "deposit": lambda _a: d.start_deposit()})
        self.bridge = LockerBridge(self.pickup_bridge, self.deposit_bridge)
        for flow in (p, d):
            app.session.on_wipe(flow.reset)
        # After the app's own slot: availability is up to date when the views are read again.
        app.posts.snapshot.connect(self._refresh)

    def expose(self, engine: Any) -> None:
        engine.rootContext().setContextProperty("locker", self.bridge)
        feedback = getattr(self.app, "feedback", None)
        for flow in (self.pickup, self.deposit):  # a collection or a deposit is a service done: its rating
            if flow.on_service_done is None and feedback is not None:
                flow.on_service_done = feedback.service_done

    def _need_card(self) -> None:
        self.app.identity.start()

    def _identity_changed(self, flow: Flow) -> None:
        identity = self.app.identity
        if flow.state == "done" and identity.card is not None:
            self.pickup.card_read(identity.card)
        elif flow.state == "error":
            self.pickup.card_failed(flow.error)

    def _refresh(self, _statuses: Any) -> None:
        self.pickup_bridge.refresh()
        self.deposit_bridge.refresh()
