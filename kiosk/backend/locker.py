"""What the platform knows of the document locker (智能文件柜): pickups waiting in its slots,
their collection, and deposits of application materials (docs/kiosk-backend.md § The locker).

A separate protocol beside :class:`kiosk.backend.model.Backend`: a platform without a locker
need not serve it, and the kiosk offers the locker's services only where the terminal has one.
Both back ends of the kiosk (the demo's, the HTTP adapter) implement both.

Who may collect is decided by the platform, which holds the holder's and the authorised agent's
ID numbers: the kiosk sends the typed code and the card's number, and hears whether they match,
never anybody's number. It counts wrong codes too, so that five in a row lock the pickup wherever
they are typed (a session that ends does not reset the count). A :class:`Pickup` carries the
holder's and agent's names because the slip shows them masked; ``repr`` masks them.

The two recording calls change state at the platform. Each carries an idempotency key — the
terminal's id and the locker's open record (drivers.locker.journal) — so a call repeated after a
lost answer records once and answers the same.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Annotated, Literal, Protocol

import msgspec
from msgspec import Meta

from kiosk.backend.model import Case

MAX_WRONG_CODES = 5  # in a row: the pickup is locked and the citizen sent to a staffed window
PICKUP_CODE = r"^[0-9]{4,12}\Z"


class _Model(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    pass


class PickupStatus(StrEnum):
    WAITING = "waiting"  # in its slot, waiting to be collected
    COLLECTED = "collected"
    LOCKED = "locked"  # too many wrong codes: collected at a staffed window only


class Pickup(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True, repr_omit_defaults=True):
    """A result (licence, certificate) put in a locker slot for a citizen to collect."""

    pickup_id: Annotated[str, Meta(pattern=r"^[A-Za-z0-9_-]{1,40}\Z", description="the platform's id")]
    case_no: Annotated[str, Meta(pattern=r"^[0-9]{6,24}\Z")]
    item_code: Annotated[str, Meta(description="the case's service item (事项编码): what a rating rates")] = ""
    item: Annotated[str, Meta(min_length=1, description="what is in the slot: 营业执照（正本）…")]
    locker: Annotated[str, Meta(min_length=1, max_length=8, description="the cabinet's label: A")]
    slot: Annotated[int, Meta(ge=1, le=999, description="the slot number printed on the door")]
    holder_name: str
    agent_name: Annotated[str, Meta(description="the authorised agent (受托人); empty when none")] = ""
    status: PickupStatus = PickupStatus.WAITING
    collected_at: datetime | None = None  # the hall's local time
    collected_by: Literal["holder", "agent", ""] = ""

    def __repr__(self) -> str:
        from ground.logs import mask_name

        return (f"Pickup({self.pickup_id}, {self.case_no}, slot {self.slot}, {self.status.value}, "
                f"{mask_name(self.holder_name)})")

    __str__ = __repr__


class FindResult(StrEnum):
    OK = "ok"  # the code is a waiting pickup's and the card its holder's or agent's
    WRONG_CODE = "wrong_code"  # no pickup has this code (counted: attempts_left)
    MISMATCH = "mismatch"  # the code is right, the card is neither the holder's nor the agent's
    LOCKED = "locked"  # locked after too many wrong codes
    COLLECTED = "collected"  # collected already: never opened twice


class PickupAnswer(_Model, frozen=True, kw_only=True):
    result: FindResult
    pickup: Pickup | None = None  # with ok, collected and locked
    role: Literal["holder", "agent", ""] = ""  # with ok: who is collecting
    attempts_left: Annotated[int, Meta(ge=0, le=99)] = 0  # with wrong_code and mismatch


class Collection(_Model, frozen=True, kw_only=True):
    """``POST /pickups/{id}/collected``: the slot was opened for this pickup (and closed again)."""

    terminal: Annotated[str, Meta(min_length=1, max_length=64)]
    open_record: Annotated[int, Meta(ge=1, description="the locker's open record (开箱记录) id: the key")]
    slot: Annotated[int, Meta(ge=1, le=999)]
    collected_by: Literal["holder", "agent"]
    opened_at: datetime
    closed_at: datetime | None = None  # None: the door was not seen closed again
    door_closed: bool = True


class CollectResult(StrEnum):
    OK = "ok"  # recorded now, or earlier by the same open record (a repeat)
    COLLECTED = "collected"  # recorded earlier by another open: nothing changed
    NOT_FOUND = "not_found"


class CollectAnswer(_Model, frozen=True, kw_only=True):
    result: CollectResult
    pickup: Pickup | None = None


class DepositRequest(_Model, frozen=True, kw_only=True):
    """``POST /deposits``: a citizen's materials for a case are in a slot."""

    terminal: Annotated[str, Meta(min_length=1, max_length=64)]
    open_record: Annotated[int, Meta(ge=1, description="the locker's open record id: the key")]
    case_no: Annotated[str, Meta(pattern=r"^[0-9]{6,24}\Z")]
    slot: Annotated[int, Meta(ge=1, le=999)]
    deposited_at: datetime
    door_closed: bool = True


class Deposit(_Model, frozen=True, kw_only=True):
    deposit_id: Annotated[str, Meta(pattern=r"^[A-Za-z0-9_-]{1,40}\Z")]
    case_no: Annotated[str, Meta(pattern=r"^[0-9]{6,24}\Z")]
    slot: Annotated[int, Meta(ge=1, le=999)]
    retrieval_code: Annotated[str, Meta(pattern=r"^[0-9]{6,12}\Z", description="staff open the slot with it")]
    deposited_at: datetime


class LockerBackend(Protocol):
    """The locker's calls. Each may block (off the UI thread) and raises like the Backend's."""

    def find_pickup(self, code: str, id_number: str) -> PickupAnswer:
        """The pickup of ``code`` if the card of ``id_number`` may collect it. Not retried: a
        wrong code counts once."""
        ...

    def record_pickup(self, pickup_id: str, collection: Collection) -> CollectAnswer: ...

    def slots_in_use(self) -> list[int]:
        """The slots the platform has filled (waiting pickups, deposits not yet retrieved)."""
        ...

    def record_deposit(self, deposit: DepositRequest) -> Deposit: ...

    def case(self, case_no: str) -> Case: ...
