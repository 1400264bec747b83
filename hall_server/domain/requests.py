"""Service requests from the terminals (issue 14): appointments for the Saturday extended hours
(延时服务预约) and their cancellation, free mailing of documents (政务专递).

Each was made with the back end first (``ref`` is its number there); the terminal then sends the hall
its copy through the agent's store-and-forward spool, like a complaint, and it is stored here inside
the unit of work of the message that brought it (:mod:`.terminals` calls :meth:`Requests.request`):
**once per kiosk id**, acknowledged only when committed.

The personal fields (name, phone, address, recipient) arrive in one sealed box
(:func:`wire.feedback.seal_record`) and stay sealed at rest; what the hall's lists show is opened and
masked when the request arrives (``personal_masked``). A box that cannot be opened (no key, another
hall's key) is kept with ``problem`` saying why: the request is never lost for it.

What a service does next with its requests (an appointment's arrival, contact and no-show; a
mailing's dispatch) registers itself in :attr:`Requests.handlers`, called with the stored row in the
same unit of work.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC

from ground.logs import mask_address, mask_id_number, mask_name, mask_phone, mask_text
from hall_server.db import ServiceRequest
from hall_server.domain.base import CoreSettings
from hall_server.domain.unit import Unit
from wire.contract import RequestPayload
from wire.feedback import SealError, open_record

log = logging.getLogger(__name__)

ACCEPTED, DUPLICATE = "accepted", "duplicate"
NAME_FIELDS = frozenset({"name", "recipient"})
KEPT_FIELDS = frozenset({"region", "province", "city", "district"})  # coarse, shown whole


def mask_field(name: str, value: str) -> str:
    """How the hall's lists show one personal field of a request."""
    if name == "phone":
        return mask_phone(value)
    if name in NAME_FIELDS:
        return mask_name(value)
    if name == "id_number":
        return mask_id_number(value)
    if name in KEPT_FIELDS:
        return mask_text(value)
    return mask_address(value)


Handler = Callable[[Unit, ServiceRequest], None]


class Requests:
    """The service requests of one hall, on the core's units of work."""

    def __init__(self, settings: CoreSettings) -> None:
        self.settings = settings
        self.hall = settings.hall
        self.unreadable = 0
        self.handlers: dict[str, list[Handler]] = {}  # service → what it does with a stored request

    def on(self, service: str, handler: Handler) -> None:
        self.handlers.setdefault(service, []).append(handler)

    def request(self, u: Unit, p: RequestPayload) -> str:
        if u.s.get(ServiceRequest, p.id) is not None:
            return DUPLICATE
        masked: dict[str, str] = {}
        problem = None
        try:
            masked = {k: mask_field(k, v) for k, v in self.open(p.sealed).items()}
        except SealError as exc:
            problem = str(exc)[:200]
            self.unreadable += 1
            log.error("%s %s from %s: its personal fields cannot be opened (%d so far): %s",
                      p.service, p.id, p.terminal, self.unreadable, problem)
        offset = p.made_at.utcoffset()
        row = ServiceRequest(id=p.id, hall=self.hall, terminal_id=p.terminal, seq=p.seq, service=p.service,
                             ref=p.ref, item_code=p.item_code, item_name=p.item_name, case_no=p.case_no, day=p.day,
                             name_masked=mask_name(p.name_masked) if p.name_masked and "*" not in p.name_masked
                             else p.name_masked, sealed=p.sealed, personal_masked=masked, problem=problem,
                             made_at=p.made_at.astimezone(UTC),
                             utc_offset_min=int(offset.total_seconds() // 60) if offset is not None else 0,
                             received_at=u.now)
        u.s.add(row)
        u.s.flush()
        for handler in self.handlers.get(p.service, []):
            handler(u, row)
        u.changed.add("requests")
        log.info("%s %s (%s) from %s stored", p.service, p.id, p.ref, p.terminal)
        return ACCEPTED

    def open(self, sealed: str) -> dict[str, str]:
        """The personal fields of a request in clear (for a role that must contact the citizen: the caller audits)."""
        if self.settings.private_key is None:
            raise SealError("the hall has no private key ([feedback] private_key_file)")
        return open_record(self.settings.private_key, sealed)
