"""Free two-way mailing (政务专递) at the hall: the requests the terminals sent, posted and followed
(docs/mailing.md).

A terminal's mailing request arrives as a service request (:mod:`.requests`, service ``mailing``): its
``ref`` is the back end's request number, its sealed box holds the recipient, phone, region and street.
This domain hooks in (``core.requests.on("mailing", …)``) and makes, in the same unit of work, the
hall's mailing: **requested** → **sent** (the tracking number, 邮件号) → **delivered**, or **returned**
(why: a returned one may be sent again). Every step is a logged-in person's (the roles that handle
complaint work orders, HANDLE_COMPLAINTS: the window that posts the documents), in the audit log and
in the mailing's append-only history (``mailing_steps``), in one unit of work with the change.

The lists show the recipient, phone and street masked (``personal_masked``, opened and masked when the
request arrived); :meth:`Mailings.address` opens the box for the person who posts it — the router
audits each showing, like a complaint's phone.
"""

from __future__ import annotations

import re
import weakref
from datetime import datetime, timedelta, timezone
from typing import Any

from sqlalchemy import select

from hall_server import accounts
from hall_server.db import Mailing, MailingStep, ServiceRequest
from hall_server.domain.base import IncidentError, NotFound
from hall_server.domain.unit import Unit

TOPIC = "mailings"
SERVICE = "mailing"
REQUESTED, SENT, DELIVERED, RETURNED = "requested", "sent", "delivered", "returned"
STATES: dict[str, str] = {REQUESTED: "已申请", SENT: "已寄出", DELIVERED: "已送达", RETURNED: "已退回"}
ACTIONS: dict[str, str] = {REQUESTED: "申请", SENT: "寄出", DELIVERED: "送达", RETURNED: "退回"}
TRACKING = re.compile(r"[0-9A-Za-z]{8,30}")  # EMS: 13 characters (2 letters, 9 digits, 2 letters) or 13 digits
TEXT_MAX = 500


class MailingError(IncidentError):
    """A step that does not fit the mailing (its state, a tracking number out of shape): the words say
    why; ``status`` 409 for what the state forbids, 422 for input out of shape."""

    def __init__(self, message: str, status: int = 409) -> None:
        super().__init__(message)
        self.status = status


class Mailings:
    """The mailings of one hall, on the core's units of work."""

    def __init__(self, core: Any) -> None:
        self.core = core
        self.hall: str = core.hall

    # ---- the request arrives ----------------------------------------------------------------
    def requested(self, u: Unit, row: ServiceRequest) -> None:
        """The hook of :class:`~hall_server.domain.requests.Requests` (same unit of work as the request)."""
        if u.s.get(Mailing, row.id) is not None:
            return
        u.s.add(Mailing(id=row.id, hall=self.hall, state=REQUESTED, tracking_no=None, updated_at=u.now))
        u.s.flush()
        u.s.add(MailingStep(mailing_id=row.id, at=u.now, actor="system", action=REQUESTED, state=REQUESTED,
                            text=f"终端 {row.terminal_id} 提交"))
        u.changed.add(TOPIC)

    # ---- reading ----------------------------------------------------------------------------
    def rows(self, state: str | None = None, limit: int = 200, offset: int = 0) -> list[dict[str, Any]]:
        """The mailings, newest first, personal fields masked."""
        q = (select(ServiceRequest, Mailing).outerjoin(Mailing, Mailing.id == ServiceRequest.id)
             .where(ServiceRequest.hall == self.hall, ServiceRequest.service == SERVICE))
        if state is not None:
            q = q.where(Mailing.state == state) if state != REQUESTED else q.where(
                (Mailing.state == REQUESTED) | (Mailing.id.is_(None)))
        with self.core.sessions() as s:
            found = s.execute(q.order_by(ServiceRequest.made_at.desc(), ServiceRequest.id).limit(limit)
                              .offset(offset)).all()
            return [public(r, m) for r, m in found]

    def counts(self) -> dict[str, int]:
        out = dict.fromkeys(STATES, 0)
        for row in self.rows(limit=100_000):
            out[row["state"]] += 1
        return out

    def get(self, mailing_id: str) -> dict[str, Any]:
        """One mailing with its history, oldest step first; :class:`NotFound` if it is not this hall's."""
        with self.core.sessions() as s:
            r = s.get(ServiceRequest, mailing_id)
            if r is None or r.hall != self.hall or r.service != SERVICE:
                raise NotFound(f"没有邮寄申请 {mailing_id[:36]}")
            m = s.get(Mailing, mailing_id)
            steps = s.scalars(select(MailingStep).where(MailingStep.mailing_id == mailing_id)
                              .order_by(MailingStep.id)).all()
            out = public(r, m)
            out["steps"] = [{"at": st.at, "actor": st.actor, "action": st.action,
                             "action_label": ACTIONS.get(st.action, st.action), "state": st.state,
                             "state_label": STATES.get(st.state, st.state), "tracking_no": st.tracking_no,
                             "text": st.text} for st in steps]
            return out

    def address(self, mailing_id: str) -> dict[str, str]:
        """The recipient, phone, region and street in clear, for the person who posts it (the caller audits);
        :class:`NotFound`, or :class:`wire.feedback.SealError` when the hall's key cannot open the box."""
        with self.core.sessions() as s:
            r = s.get(ServiceRequest, mailing_id)
            if r is None or r.hall != self.hall or r.service != SERVICE:
                raise NotFound(f"没有邮寄申请 {mailing_id[:36]}")
            sealed = r.sealed
        opened = self.core.requests.open(sealed)
        return {k: opened.get(k, "") for k in ("recipient", "phone", "region", "street")}

    # ---- the steps --------------------------------------------------------------------------
    def send(self, mailing_id: str, tracking_no: str, *, actor: str, note: str = "") -> dict[str, Any]:
        """requested (or returned) → sent, with the tracking number."""
        no = tracking_no.strip().upper()
        if not TRACKING.fullmatch(no):
            raise MailingError("邮件号应为8至30位字母或数字（EMS邮件号13位）", 422)
        return self._step(mailing_id, SENT, (REQUESTED, RETURNED), actor, note, tracking_no=no,
                          refused="只有“已申请”或“已退回”的邮件可以寄出")

    def delivered(self, mailing_id: str, *, actor: str, note: str = "") -> dict[str, Any]:
        return self._step(mailing_id, DELIVERED, (SENT,), actor, note, refused="只有“已寄出”的邮件可以登记送达")

    def returned(self, mailing_id: str, reason: str, *, actor: str) -> dict[str, Any]:
        if not reason.strip():
            raise MailingError("请填写退回原因", 422)
        return self._step(mailing_id, RETURNED, (SENT,), actor, reason, refused="只有“已寄出”的邮件可以登记退回")

    def _step(self, mailing_id: str, to: str, allowed: tuple[str, ...], actor: str, note: str, *,
              refused: str, tracking_no: str | None = None) -> dict[str, Any]:
        if len(note) > TEXT_MAX:
            raise MailingError(f"说明请控制在{TEXT_MAX}字以内", 422)
        with self.core.unit() as u:
            r = u.s.get(ServiceRequest, mailing_id)
            if r is None or r.hall != self.hall or r.service != SERVICE:
                raise NotFound(f"没有邮寄申请 {mailing_id[:36]}")
            m = u.s.get(Mailing, mailing_id)
            if m is None:  # a request stored before this domain hooked in
                self.requested(u, r)
                m = u.s.get(Mailing, mailing_id)
                assert m is not None
            if m.state not in allowed:
                raise MailingError(f"邮件{STATES[m.state]}：{refused}")
            m.state, m.updated_at = to, u.now
            if tracking_no is not None:
                m.tracking_no = tracking_no
            u.s.add(MailingStep(mailing_id=m.id, at=u.now, actor=actor[:100], action=to, state=to,
                                tracking_no=m.tracking_no, text=note.strip()))
            detail = f"邮寄申请 {r.ref}（办件 {r.case_no or '—'}）{ACTIONS[to]}" + (
                f"，邮件号 {m.tracking_no}" if to == SENT else "") + (f"：{note.strip()}" if note.strip() else "")
            accounts.audit(u.s, actor, f"mailing.{to}", f"mailing:{m.id}", detail[:TEXT_MAX], now=u.now)
            u.changed.add(TOPIC)
            u.s.flush()
            return public(r, m)


def public(r: ServiceRequest, m: Mailing | None) -> dict[str, Any]:
    """A mailing as the API and the pages show it: the personal fields masked."""
    state = m.state if m is not None else REQUESTED
    p = r.personal_masked or {}
    local = r.made_at.astimezone(timezone(timedelta(minutes=r.utc_offset_min)))
    return {"id": r.id, "request_no": r.ref, "case_no": r.case_no, "item_name": r.item_name,
            "terminal_id": r.terminal_id, "made_at": local, "received_at": r.received_at,
            "state": state, "state_label": STATES[state], "tracking_no": m.tracking_no if m else None,
            "updated_at": m.updated_at if m else r.received_at,
            "recipient": p.get("recipient", ""), "phone": p.get("phone", ""), "region": p.get("region", ""),
            "street": p.get("street", ""), "masked": True, "problem": r.problem}


_MAILINGS: weakref.WeakKeyDictionary[Any, Mailings] = weakref.WeakKeyDictionary()


def attach(core: Any) -> Mailings:
    """The mailings of ``core`` (a :class:`hall_server.core.HallCore`), made once: their hook registered."""
    found = _MAILINGS.get(core)
    if found is None:
        found = _MAILINGS[core] = Mailings(core)
        core.requests.on(SERVICE, found.requested)
    return found


def of(svc: Any) -> Mailings:
    """The mailings of a running hall server (anything with ``core``)."""
    return attach(svc.core)


def moment(at: datetime) -> str:
    """A time as the pages write it, in the hall's day (UTC+8)."""
    return f"{at.astimezone(timezone(timedelta(hours=8))):%Y-%m-%d %H:%M}"
