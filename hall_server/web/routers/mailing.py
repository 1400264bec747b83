"""政务专递 (free mailing of a case's documents) at the hall, for people and scripts (docs/mailing.md).

- ``/mailings``: the list by state (已申请, 已寄出, 已送达, 已退回), recipient, phone and street masked;
  refreshed on the ``mailings`` event.
- ``/mailings/{id}``: one mailing, its history, the form its state allows (寄出 with the tracking number,
  送达, 退回 with the reason) and, for the roles that post it, a button that shows the address in clear
  (htmx, audited).
- ``/api/mailings``, ``/api/mailings/{id}``, ``…/send|delivered|returned``, ``…/address``: the same as JSON.

Permissions: HANDLE_COMPLAINTS (the window that handles the hall's work orders posts the documents) for
the steps and the address, VIEW for the rest. The actor is the logged-in user; every step is in the audit
log and the mailing's history, every showing of an address in the audit log.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, Field

from hall_server import accounts
from hall_server.accounts import Permission
from hall_server.domain import mailing as domain
from hall_server.domain.base import NotFound
from hall_server.domain.mailing import STATES, TEXT_MAX, MailingError, Mailings
from hall_server.web.auth import Principal, require
from hall_server.web.forms import Check
from hall_server.web.runtime import HallRuntime, runtime
from hall_server.web.templating import page
from wire.feedback import UUID_PATTERN, SealError

router = APIRouter()
Svc = Annotated[HallRuntime, Depends(runtime)]
Viewer = Annotated[Principal, Depends(require(Permission.VIEW))]
Poster = Annotated[Principal, Depends(require(Permission.HANDLE_COMPLAINTS))]
MailingId = Annotated[str, PathParam(min_length=36, max_length=36, pattern=UUID_PATTERN.removesuffix(r"\Z") + "$",
                                     description="the mailing's id (the kiosk's request id, a UUID)")]
StateQ = Annotated[str, Query(max_length=16)]
Text = Annotated[str, Form(max_length=4000)]


def _mailings(svc: HallRuntime) -> Mailings:
    return domain.of(svc)


def _state(state: str) -> str | None:
    s = state.strip()
    if s and s not in STATES:
        raise HTTPException(422, f"状态应为 {'、'.join(STATES)} 之一")
    return s or None


def _one(svc: HallRuntime, mailing_id: str) -> dict[str, Any]:
    try:
        return _mailings(svc).get(mailing_id)
    except NotFound as exc:
        raise HTTPException(404, str(exc)) from None


# ---- pages -------------------------------------------------------------------------------------------
@router.get("/mailings", response_class=HTMLResponse, include_in_schema=False)
def mailings_page(request: Request, svc: Svc, p: Viewer, state: StateQ = "") -> HTMLResponse:
    m = _mailings(svc)
    st = _state(state)
    return page(request, "mailings.html", principal=p, nav="mailings", rows=m.rows(st), counts=m.counts(),
                states=STATES, f={"state": st or ""})


@router.get("/mailings/{mailing_id}", response_class=HTMLResponse, include_in_schema=False)
def mailing_page(mailing_id: MailingId, request: Request, svc: Svc, p: Viewer) -> HTMLResponse:
    return page(request, "mailing.html", principal=p, nav="mailings", m=_one(svc, mailing_id), errors={},
                values={}, done="")


def _step_page(request: Request, svc: HallRuntime, p: Principal, mailing_id: str, check: Check, *, field: str,
               values: dict[str, str], done: str, run: Any) -> HTMLResponse:
    status = 200
    if check.ok:
        try:
            run()
        except NotFound as exc:
            raise HTTPException(404, str(exc)) from None
        except MailingError as exc:
            check.fail(field, str(exc))
            status = exc.status
    else:
        status = 422
    return page(request, "mailing.html", status_code=status, principal=p, nav="mailings", m=_one(svc, mailing_id),
                errors=check.errors, values=values if not check.ok else {}, done=done if check.ok else "")


@router.post("/mailings/{mailing_id}/send", response_class=HTMLResponse, include_in_schema=False)
def send_form(mailing_id: MailingId, request: Request, svc: Svc, p: Poster, *, tracking_no: Text = "",
              note: Text = "") -> HTMLResponse:
    check = Check()
    no = check.text("tracking_no", tracking_no, "邮件号", required=True, max_length=30)
    text = check.text("note", note, "说明", max_length=TEXT_MAX)
    return _step_page(request, svc, p, mailing_id, check, field="tracking_no",
                      values={"tracking_no": tracking_no, "note": note}, done=f"已寄出，邮件号 {no}",
                      run=lambda: _mailings(svc).send(mailing_id, no, actor=p.username, note=text))


@router.post("/mailings/{mailing_id}/delivered", response_class=HTMLResponse, include_in_schema=False)
def delivered_form(mailing_id: MailingId, request: Request, svc: Svc, p: Poster, *, note: Text = "") -> HTMLResponse:
    check = Check()
    text = check.text("note", note, "说明", max_length=TEXT_MAX)
    return _step_page(request, svc, p, mailing_id, check, field="note", values={"note": note}, done="已登记送达",
                      run=lambda: _mailings(svc).delivered(mailing_id, actor=p.username, note=text))


@router.post("/mailings/{mailing_id}/returned", response_class=HTMLResponse, include_in_schema=False)
def returned_form(mailing_id: MailingId, request: Request, svc: Svc, p: Poster, *, reason: Text = "") -> HTMLResponse:
    check = Check()
    why = check.text("reason", reason, "退回原因", required=True, max_length=TEXT_MAX)
    return _step_page(request, svc, p, mailing_id, check, field="reason", values={"reason": reason},
                      done="已登记退回", run=lambda: _mailings(svc).returned(mailing_id, why, actor=p.username))


@router.post("/mailings/{mailing_id}/address", response_class=HTMLResponse, include_in_schema=False)
def show_address(mailing_id: MailingId, request: Request, svc: Svc, p: Poster) -> HTMLResponse:
    """The address in clear for posting (htmx swaps the button for it); audited like the API's."""
    try:
        found = address(mailing_id, svc, p)
        return page(request, "fragments/mailing_address.html", principal=p, a=found, error="")
    except HTTPException as exc:
        if exc.status_code != 409:
            raise
        return page(request, "fragments/mailing_address.html", status_code=409, principal=p, a={},
                    error=str(exc.detail))


# ---- the API -------------------------------------------------------------------------------------------
api = APIRouter(prefix="/api", tags=["mailing"])


class MailingOut(BaseModel):
    id: str
    request_no: str = Field(description="the back end's request number (申请编号, on the citizen's slip)")
    case_no: str | None
    item_name: str | None
    terminal_id: str
    made_at: datetime = Field(description="the terminal's local time, with its offset")
    received_at: datetime
    state: str = Field(description="requested | sent | delivered | returned")
    state_label: str
    tracking_no: str | None
    updated_at: datetime
    recipient: str = Field(description="masked")
    phone: str = Field(description="masked")
    region: str
    street: str = Field(description="masked: its first four characters")
    masked: bool
    problem: str | None = Field(description="why the personal fields could not be opened, if so")


class StepOut(BaseModel):
    at: datetime
    actor: str
    action: str
    action_label: str
    state: str
    state_label: str
    tracking_no: str | None
    text: str


class MailingDetailOut(MailingOut):
    steps: list[StepOut]


class AddressOut(BaseModel):
    id: str
    request_no: str
    recipient: str
    phone: str
    region: str
    street: str


class SendIn(BaseModel):
    tracking_no: str = Field(max_length=30, description="邮件号: 8 to 30 letters or digits (EMS: 13)")
    note: str = Field("", max_length=TEXT_MAX)


class DeliveredIn(BaseModel):
    note: str = Field("", max_length=TEXT_MAX)


class ReturnedIn(BaseModel):
    reason: str = Field(max_length=TEXT_MAX, description="why it came back (required)")


def _api(fn: Any) -> dict[str, Any]:
    try:
        out: dict[str, Any] = fn()
    except NotFound as exc:
        raise HTTPException(404, str(exc)) from None
    except MailingError as exc:
        raise HTTPException(exc.status, str(exc)) from None
    return out


@api.get("/mailings", response_model=list[MailingOut])
def list_mailings(svc: Svc, _p: Viewer, state: StateQ = "",
                  limit: Annotated[int, Query(ge=1, le=1000)] = 200,
                  offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0) -> list[dict[str, Any]]:
    """The mailings, newest first; recipient, phone and street masked."""
    return _mailings(svc).rows(_state(state), limit=limit, offset=offset)


@api.get("/mailings/{mailing_id}", response_model=MailingDetailOut)
def get_mailing(mailing_id: MailingId, svc: Svc, _p: Viewer) -> dict[str, Any]:
    """One mailing with its history (申请, 寄出, 送达, 退回), masked."""
    return _one(svc, mailing_id)


@api.get("/mailings/{mailing_id}/address", response_model=AddressOut)
def address(mailing_id: MailingId, svc: Svc, p: Poster) -> dict[str, Any]:
    """The recipient, phone and address in clear, to post it; each showing is in the audit log."""
    m = _one(svc, mailing_id)
    try:
        found = _mailings(svc).address(mailing_id)
    except NotFound as exc:
        raise HTTPException(404, str(exc)) from None
    except SealError:
        raise HTTPException(409, "该申请的邮寄地址无法解密（大厅私钥缺失或不匹配），"
                                 "请检查 [feedback] private_key_file") from None
    accounts.record_audit(svc.sessions, p.username, "mailing.address_shown", f"mailing:{mailing_id}",
                          f"邮寄申请 {m['request_no']} 的收件地址（寄出）", now=svc.core.clock.now())
    return {"id": mailing_id, "request_no": m["request_no"], **found}


@api.post("/mailings/{mailing_id}/send", response_model=MailingOut)
def send(mailing_id: MailingId, body: SendIn, svc: Svc, p: Poster) -> dict[str, Any]:
    """已申请 (or 已退回) → 已寄出, with the tracking number."""
    return _api(lambda: _mailings(svc).send(mailing_id, body.tracking_no, actor=p.username, note=body.note))


@api.post("/mailings/{mailing_id}/delivered", response_model=MailingOut)
def delivered(mailing_id: MailingId, body: DeliveredIn, svc: Svc, p: Poster) -> dict[str, Any]:
    """已寄出 → 已送达."""
    return _api(lambda: _mailings(svc).delivered(mailing_id, actor=p.username, note=body.note))


@api.post("/mailings/{mailing_id}/returned", response_model=MailingOut)
def returned(mailing_id: MailingId, body: ReturnedIn, svc: Svc, p: Poster) -> dict[str, Any]:
    """已寄出 → 已退回, with the reason (it may be sent again)."""
    return _api(lambda: _mailings(svc).returned(mailing_id, body.reason, actor=p.username))


router.include_router(api)
