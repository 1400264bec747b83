"""A4 printing (自助打表, 证明打印) as a state machine: a blank form of a service item, or a
certificate of the card's holder, rendered to PDF and printed through CUPS. No Qt here.

Like the other flows: a ``state``, an ``error`` code the screen turns into words, every slow call
through :class:`~kiosk.flows.Jobs` — the back end's pool renders (kiosk/a4docs.py, a second on a
busy terminal) and the device thread sends and follows the job, one short call at a time, every
``poll_s`` (``later`` is the owner's timer), so status polls and other devices go on between.

States::

    menu ──forms──▶ forms_loading ──▶ forms ──choose_form──▶ rendering ──▶ printing ──▶ done | error
    menu ──certificates──▶ certs_loading ──▶ certs ──choose_cert──▶ [card] ──▶ rendering ──▶ …

A certificate needs the holder's ID card (read on the home screen, or placed here: ``card`` waits
for the identity flow). While printing, the words follow the job: 正在打印, and on the end 打印完成，
请在A4出纸口取走 — or why not (``a4_paper_out``, ``a4_stopped``, ``a4_missing`` …) with the staffed
window. Personal data: the certificate lives only inside the job that renders it; the PDF only
until it is handed to CUPS; a session that ends while a job is printing cancels and purges it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from drivers.idcard.card import IdCard
from kiosk.a4docs import certificate_pdf, form_pdf, form_title, forms_of
from kiosk.availability import Availability
from kiosk.backend.certificates import CertificateBackend, CertificateKind
from kiosk.backend.model import BackendError, HallInfo, NotFound, ServiceItem
from kiosk.flows import Flow, Jobs, Outcome, ServiceDone, backend_error
from kiosk.session import Session

log = logging.getLogger("zizhu.kiosk.a4")

# The printer's codes (drivers.a4printer.driver CODE_REASONS) as the screen's words' codes.
PRINT_CODES = {"paper_out": "a4_paper_out", "jammed": "a4_jammed", "cover_open": "a4_cover_open",
               "toner_out": "a4_toner_out", "offline": "a4_offline", "no_server": "a4_offline",
               "stopped": "a4_stopped", "rejecting": "a4_stopped", "missing": "a4_missing",
               "timeout": "a4_timeout", "aborted": "a4_failed", "cancelled": "a4_failed", "lost": "a4_lost"}


@dataclass(frozen=True)
class FormEntry:
    key: str  # "<item code>#<index of the material>"
    title: str
    item: ServiceItem
    material_index: int


def print_code(code: str) -> str:
    return PRINT_CODES.get(code, "a4_failed")


class A4Flow(Flow):
    name = "a4"

    def __init__(self, jobs: Jobs, availability: Availability, hall: Callable[[], HallInfo], session: Session, *,
                 later: Callable[[float, Callable[[], None]], None], today: Callable[[], date] = date.today,
                 poll_s: float = 0.4, done_hold_s: float = 4.0) -> None:
        super().__init__()
        self.jobs, self.availability, self.hall, self.session = jobs, availability, hall, session
        self.later = later
        self.today = today
        self.poll_s = poll_s
        self.done_hold_s = done_hold_s  # 打印完成，请在A4出纸口取走文件 stays this long before the rating page
        self.need_card: Callable[[], None] | None = None  # the wiring starts the card reader
        self.forms: list[FormEntry] = []  # public: the catalogue's blank forms
        self.kinds: list[CertificateKind] = []
        self._clear()
        self.state = "menu"

    def _clear(self) -> None:
        self.choice = ""  # the form's key or the certificate's kind
        self.choice_title = ""
        self.job_id = 0
        self.held = ""  # what holds the job now (the printer's code)
        self._done: ServiceDone | None = None
        self.rated = False  # the rating page was offered for this document
        self._want_card = False

    # -- the session ---------------------------------------------------------------------------
    def reset(self) -> None:
        self._cancel_job()
        self._clear()
        super().reset()
        self.state = "menu"

    def open(self) -> None:
        self._cancel_job()
        self._clear()
        why = self.availability.device("a4printer")
        self._set("error" if why else "menu", _a4_reason(why) if why else "")

    def _cancel_job(self) -> None:
        job_id = self.job_id
        if job_id and self.state == "printing":
            # Nobody waits for it any more: it must not come out for the next person.
            self.jobs.device("a4printer", lambda p: p.cancel(job_id), lambda _out: None)

    # -- forms ---------------------------------------------------------------------------------
    def show_forms(self) -> None:
        if self.forms:
            self._set("forms")
            return
        self._set("forms_loading")
        self.jobs.backend(lambda b: b.items(), self._current(self._got_items))

    def _got_items(self, out: Outcome[list[ServiceItem]]) -> None:
        if out.error is not None or out.value is None:
            self._set("error", backend_error(out.error or BackendError("no catalogue")))
            return
        self.forms = [FormEntry(f"{item.code}#{i}", form_title(m), item, i)
                      for item in out.value for i, m in enumerate(item.materials) if m in forms_of(item)]
        self._set("forms" if self.forms else "error", "" if self.forms else "no_forms")

    def choose_form(self, key: str) -> None:
        entry = next((f for f in self.forms if f.key == key), None)
        if entry is None or self.state != "forms":
            return
        self.choice, self.choice_title = entry.key, entry.title
        item, material, hall, today = entry.item, entry.item.materials[entry.material_index], self.hall(), self.today()
        self._done = ServiceDone(item.code, f"{item.name}（{entry.title}）")
        self._render(lambda _b: form_pdf(item, material, hall, today), "zizhu-a4-form")

    # -- certificates --------------------------------------------------------------------------
    def show_certificates(self) -> None:
        why = self.availability.device("idcard")
        if why is not None and self.session.get("card") is None:
            self._set("error", "a4_no_reader")
            return
        if self.kinds:
            self._set("certs")
            return
        self._set("certs_loading")
        self.jobs.backend(lambda b: _certs(b).certificate_kinds(), self._current(self._got_kinds))

    def _got_kinds(self, out: Outcome[list[CertificateKind]]) -> None:
        if out.error is not None or out.value is None:
            self._set("error", backend_error(out.error or BackendError("no certificates")))
            return
        self.kinds = list(out.value)
        self._set("certs" if self.kinds else "error", "" if self.kinds else "no_certificates")

    def choose_certificate(self, code: str) -> None:
        kind = next((k for k in self.kinds if k.code == code), None)
        if kind is None or self.state != "certs":
            return
        self.choice, self.choice_title = kind.code, kind.name
        self._done = ServiceDone(kind.item_code, kind.name)
        card: IdCard | None = self.session.get("card")
        if card is None:
            self._want_card = True
            self._set("card")
            if self.need_card is not None:
                self.need_card()
            return
        self._issue(card)

    def card_read(self, card: IdCard) -> None:
        """The identity flow read a card (the wiring calls this)."""
        if self.state == "card" and self._want_card:
            self._want_card = False
            self._issue(card)

    def card_failed(self, code: str) -> None:
        if self.state == "card" and code:
            self._set("card", code)  # the card's problem in words; another card may be placed

    def _issue(self, card: IdCard) -> None:
        kind, number, hall = self.choice, card.number, self.hall()
        # The certificate exists only inside this job: what leaves it is the PDF for CUPS.
        self._render(lambda b: certificate_pdf(_certs(b).certificate(kind, number), hall), "zizhu-a4-certificate")

    # -- render, print, follow -----------------------------------------------------------------
    def _render(self, make: Callable[[Any], bytes], title: str) -> None:
        why = self.availability.device("a4printer")
        if why is not None:
            self._set("error", _a4_reason(why))
            return
        self._set("rendering")
        self.jobs.backend(make, self._current(lambda out: self._rendered(out, title)))

    def _rendered(self, out: Outcome[bytes], title: str) -> None:
        if out.error is not None or out.value is None:
            err = out.error
            if isinstance(err, NotFound) and self.kinds and self.choice in {k.code for k in self.kinds}:
                self._set("error", f"cert_none_{self.choice}" if self.choice in ("social_insurance", "household")
                          else "cert_none")
            elif isinstance(err, BackendError | None):
                self._set("error", backend_error(err or BackendError("nothing rendered")))
            else:
                log.error("A4 document could not be made: %r", err)
                self._set("error", "a4_render_failed")
            return
        pdf = out.value
        self.session.touch()
        self._set("printing")
        self.jobs.device("a4printer", lambda p: p.submit(pdf, title), self._current(self._progress))

    def _progress(self, out: Outcome[Any]) -> None:
        if self.state != "printing":
            return
        job = out.value
        if out.error is not None or job is None:
            log.warning("A4 job failed on the device thread: %r", out.error)
            self._set("error", "a4_offline")
            return
        self.job_id = job.id
        if job.done:
            self._ended(job)
            return
        self.session.touch()  # a job in progress keeps the session
        if job.held != self.held:
            self.held = job.held
            self._set("printing")
        job_id = job.id
        gen = self._generation

        def again() -> None:
            if gen == self._generation and self.state == "printing":
                self.jobs.device("a4printer", lambda p: p.follow(job_id), self._current(self._progress))

        self.later(self.poll_s, again)

    def _ended(self, job: Any) -> None:
        self.held = ""
        if job.ok:
            self._set("done")
            gen = self._generation

            def rate() -> None:
                if gen == self._generation and self.state == "done":
                    self.finish()

            self.later(self.done_hold_s, rate)
        else:
            self._set("error", print_code(job.code))

    def finish(self) -> None:
        """After 打印完成: the rating page (once), now or ``done_hold_s`` after the words."""
        if self.state == "done" and not self.rated and self._done is not None:
            self.rated = True
            self.service_done(self._done)

    def back(self) -> None:
        if self.state in ("forms", "certs", "card", "error", "done"):
            self._cancel_job()
            self._clear()
            self._set("menu")

    # -- the screen ----------------------------------------------------------------------------
    def view(self) -> dict[str, Any]:
        return {
            "state": self.state, "error": self.error, "choice": self.choice, "title": self.choice_title,
            "held": print_code(self.held) if self.held else "",
            "forms": [{"key": f.key, "title": f.title, "item": f.item.name, "department": f.item.department}
                      for f in self.forms] if self.state == "forms" else [],
            "kinds": [{"code": k.code, "name": k.name, "issuer": k.issuer, "note": k.note} for k in self.kinds]
            if self.state == "certs" else [],
            "hasCard": self.session.get("card") is not None, "rated": self.rated,
            "printer": self.availability.device("a4printer") or "",
        }


def _a4_reason(why: str) -> str:
    """An availability code of the A4 printer as this page's words' code."""
    return {"a4printer_paper_out": "a4_paper_out", "a4printer_stopped": "a4_stopped",
            "a4printer_missing": "a4_missing", "a4printer_offline": "a4_offline"}.get(why, "a4_unavailable")


def _certs(backend: Any) -> CertificateBackend:
    if not hasattr(backend, "certificate"):
        raise BackendError("the platform issues no certificates at terminals")
    cb: CertificateBackend = backend
    return cb
