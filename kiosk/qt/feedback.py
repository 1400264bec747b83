"""The rating and complaint flows in the app: built, hooked to every flow that completes a service,
wiped with the session, and shown to QML as ``feedback`` (``feedback.rating``, ``feedback.complaint``;
``feedback.offered`` when a service was completed and its rating page should come up).

A flow completes a service by calling :meth:`kiosk.flows.Flow.service_done` (the guide's and the
case's slips do, when printed; the ID photo when attached; the locker's pickup will): every
:class:`~kiosk.flows.Flow` the app holds when it starts, itself or in one of its parts, is hooked
here, so a new flow needs nothing more.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import Property, QObject, Signal

from kiosk.flows import Flow, ServiceDone
from kiosk.flows_feedback import ComplaintFlow, FeedbackSender, RatingFlow
from kiosk.qt.bridge import FlowBridge

log = logging.getLogger("zizhu.kiosk.feedback")


class FeedbackBridge(QObject):
    offered = Signal()  # a service was completed: the rating page comes up

    def __init__(self, rating: FlowBridge, complaint: FlowBridge, complaint_blocked: str = "",
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rating, self._complaint = rating, complaint
        self._blocked = complaint_blocked

    def _get_blocked(self) -> str:
        return self._blocked

    # why the complaint window is off before a citizen starts ("": it is on); FeedbackTexts has the words
    complaintBlocked = Property(str, _get_blocked, constant=True)

    def _get_rating(self) -> QObject:
        return self._rating

    rating = Property(QObject, _get_rating, constant=True)

    def _get_complaint(self) -> QObject:
        return self._complaint

    complaint = Property(QObject, _get_complaint, constant=True)


class Feedback:
    """What :class:`kiosk.app.KioskApp` holds as ``feedback``."""

    def __init__(self, app: Any) -> None:
        from kiosk.feedback_agent import AgentFeedback, DemoFeedback

        self.app = app
        self.demo: DemoFeedback | None = None
        self.sender: FeedbackSender | None = None
        blocked = ""
        if app.client is not None:
            bound = app.jobs.backend_bound_s
            self.sender = AgentFeedback(app.client, app.cfg.terminal.id,
                                        getattr(app.cfg.kiosk, "hall_public_key", None),
                                        timeout_s=max(1.0, min(5.0, bound - 1.0)))
            if not getattr(app.cfg.kiosk, "hall_public_key", None):
                blocked = "complaint_off"  # no key to seal the phone to: say so before five steps, not after
                log.warning("no [kiosk] hall_public_key: the complaint window is off")
        elif app.demo_rig is not None:
            self.demo = DemoFeedback()  # --demo and the tests without an agent
            self.sender = self.demo
        sender = lambda: self.sender  # noqa: E731
        self.rating = RatingFlow(app.jobs, sender, now=app.progress.now)
        self.complaint = ComplaintFlow(app.jobs, app.availability, lambda: app.hall_info, app.session, sender,
                                       now=app.progress.now, known_cases=self._known_cases)
        self.bridge = FeedbackBridge(
            FlowBridge(self.rating, {
                "level": self.rating.choose_level, "tag": self.rating.toggle_tag,
                "submit": lambda _a: self.rating.submit(), "skip": lambda _a: self.rating.skip()}),
            FlowBridge(self.complaint, {
                "open": lambda _a: self.complaint.open(), "category": self.complaint.choose_category,
                "matter": self.complaint.toggle_matter, "text": self.complaint.set_text, "key": self.complaint.key,
                "useCase": self.complaint.use_case, "next": lambda _a: self.complaint.next(),
                "skipCase": lambda _a: self.complaint.skip_case(), "back": lambda _a: self.complaint.back(),
                "submit": lambda _a: self.complaint.submit(), "print": lambda _a: self.complaint.print_slip()}),
            blocked)
        app.session.on_wipe(self.rating.reset)
        app.session.on_wipe(self.complaint.reset)
        if self.demo is not None:
            app.session.on_wipe(self.demo.forget)

    def _known_cases(self) -> list[tuple[str, str]]:
        progress = self.app.progress
        cases = [*progress.cases, *([progress.case] if progress.case is not None else [])]
        seen: dict[str, str] = {}
        for c in cases:
            seen.setdefault(c.case_no, c.matter)
        return list(seen.items())

    def service_done(self, done: ServiceDone) -> None:
        log.info("service %s completed: rating offered", done.item_code)
        self.rating.offer(done)
        self.bridge.offered.emit()

    def flows(self) -> list[Flow]:
        """Every flow of the app: its own and those of its parts (``app.locker.pickup``, ``app.photo.flow``)."""
        found: list[Flow] = []
        for value in vars(self.app).values():
            for obj in (value, *(getattr(value, "__dict__", {}) or {}).values()):
                if isinstance(obj, Flow) and obj not in found and obj not in (self.rating, self.complaint):
                    found.append(obj)
        return found

    def expose(self, engine: Any) -> None:
        """Before the QML loads: ``feedback`` for QML, and every flow of the app hooked."""
        for flow in self.flows():
            if flow.on_service_done is None:
                flow.on_service_done = self.service_done
        engine.rootContext().setContextProperty("feedback", self.bridge)
