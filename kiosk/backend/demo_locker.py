"""The demo back end's document locker: the pickups of ``data/pickups.toml`` and the deposits made
since it started, held in memory (a restart forgets collections and deposits, as a demo may).

:class:`DemoLockerMixin` gives :class:`kiosk.backend.demo.DemoBackend` the calls of
:class:`kiosk.backend.locker.LockerBackend`; the state is a :class:`DemoLocker` built from the file
by :func:`load_locker`. Wrong codes are counted on the pickups the card may collect (the platform's
rule, docs/kiosk-backend.md § The locker): nothing here remembers a card that has none.
"""

from __future__ import annotations

import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from importlib.resources.abc import Traversable
from typing import Annotated, Any, Literal, TypeVar

import msgspec
from msgspec import Meta

from kiosk.backend.locker import (
    MAX_WRONG_CODES,
    PICKUP_CODE,
    CollectAnswer,
    Collection,
    CollectResult,
    Deposit,
    DepositRequest,
    FindResult,
    Pickup,
    PickupAnswer,
    PickupStatus,
)
from kiosk.backend.model import BackendError, Case, CaseStatus

PICKUPS_FILE = "pickups.toml"
T = TypeVar("T")
# A deposit belongs to a case still being handled: materials for a closed one go to a window.
DEPOSIT_STATUSES = frozenset({CaseStatus.SUBMITTED, CaseStatus.ACCEPTED, CaseStatus.IN_REVIEW, CaseStatus.CORRECTION})


class _PickupEntry(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    pickup_id: Annotated[str, Meta(pattern=r"^[A-Za-z0-9_-]{1,40}\Z")]
    case_no: Annotated[str, Meta(pattern=r"^[0-9]{6,24}\Z")]
    item: Annotated[str, Meta(min_length=1)]
    locker: Annotated[str, Meta(min_length=1, max_length=8)] = "A"
    slot: Annotated[int, Meta(ge=1, le=999)]
    holder: Annotated[str, Meta(min_length=1, description="a person of cases.toml")]
    agent: str = ""
    code: Annotated[str, Meta(pattern=PICKUP_CODE, extra={"expected": "4 to 12 digits, as text"})]
    status: PickupStatus = PickupStatus.WAITING
    collected_workdays_ago: Annotated[int, Meta(ge=0, le=500)] | None = None
    collected_by: Literal["holder", "agent", ""] = ""

    def __post_init__(self) -> None:
        if (self.status is PickupStatus.COLLECTED) != (self.collected_workdays_ago is not None):
            raise ValueError("a collected pickup says when (collected_workdays_ago), and only such a pickup")


class _PickupsFile(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    pickup: list[_PickupEntry] = msgspec.field(default_factory=list)


@dataclass
class _Live:
    """One pickup as it stands now."""

    entry: _PickupEntry
    holder: tuple[str, str]  # name, ID number
    agent: tuple[str, str] | None
    status: PickupStatus
    collected_at: datetime | None = None
    collected_by: Literal["holder", "agent", ""] = ""
    key: tuple[str, int] | None = None  # (terminal, open record) of the collection
    item_code: str = ""  # the case's
    wrong: int = 0  # wrong codes in a row typed with a card that may collect it

    def model(self) -> Pickup:
        e = self.entry
        return Pickup(pickup_id=e.pickup_id, case_no=e.case_no, item_code=self.item_code, item=e.item,
                      locker=e.locker, slot=e.slot,
                      holder_name=self.holder[0], agent_name=self.agent[0] if self.agent else "",
                      status=self.status, collected_at=self.collected_at, collected_by=self.collected_by)

    def role(self, id_number: str) -> Literal["holder", "agent", ""]:
        if self.holder[1].upper() == id_number:
            return "holder"
        if self.agent is not None and self.agent[1].upper() == id_number:
            return "agent"
        return ""


@dataclass
class DemoLocker:
    pickups: list[_Live]
    deposits: dict[tuple[str, int], Deposit] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)


def load_locker(root: Traversable, people: dict[str, tuple[str, str]], case_nos: dict[str, str],
                day: Callable[[int], date], *, read: Callable[[Traversable, str], tuple[str, dict[str, Any]]],
                convert: Callable[[str, dict[str, Any], type[Any]], Any],
                error: type[ValueError]) -> DemoLocker:
    """The pickups of ``root/pickups.toml`` (none when the file is absent); ``people`` are the
    applicants by key (name, number), ``case_nos`` the cases' item codes by number, ``day(n)`` the
    n-th working day before today. ``read``,
    ``convert`` and ``error`` are kiosk.backend.demo's own, so a bad file reads like its others."""
    if not (root / PICKUPS_FILE).is_file():
        return DemoLocker([])
    where, data = read(root, PICKUPS_FILE)
    f: _PickupsFile = convert(where, data, _PickupsFile)
    bad: list[str] = []
    live: list[_Live] = []
    seen_codes: set[str] = set()
    for i, e in enumerate(f.pickup):
        for key in (e.holder, e.agent):
            if key and key not in people:
                bad.append(f"{where}: key pickup.{i}: unknown person {key!r}")
        if e.case_no not in case_nos:
            bad.append(f"{where}: key pickup.{i}.case_no: no case {e.case_no} in cases.toml")
        if e.code in seen_codes:
            bad.append(f"{where}: key pickup.{i}.code: the same code twice")
        seen_codes.add(e.code)
        if bad:
            continue
        collected = None if e.collected_workdays_ago is None else datetime.combine(day(e.collected_workdays_ago),
                                                                                   time(10, 0))
        live.append(_Live(e, people[e.holder], people[e.agent] if e.agent else None, e.status, collected,
                          e.collected_by, item_code=case_nos[e.case_no]))
    if len({p.entry.pickup_id for p in live}) != len(live):
        bad.append(f"{where}: a pickup_id twice")
    if bad:
        raise error("\n".join(bad))
    return DemoLocker(live)


class DemoLockerMixin:
    """The locker's calls of the demo back end (kiosk.backend.locker.LockerBackend)."""

    _locker: DemoLocker

    def _call(self, answer: Callable[[], T]) -> T:  # DemoBackend's: the fail modes and latency
        raise NotImplementedError

    def case(self, case_no: str) -> Case:
        raise NotImplementedError

    def find_pickup(self, code: str, id_number: str) -> PickupAnswer:
        def answer() -> PickupAnswer:
            wanted = id_number.strip().upper()
            st = self._locker
            with st.lock:
                found = next((p for p in st.pickups if secrets.compare_digest(p.entry.code, code.strip())), None)
                mine = [p for p in st.pickups if p.status is not PickupStatus.COLLECTED and p.role(wanted)]
                if found is None:
                    waiting = [p for p in mine if p.status is PickupStatus.WAITING]
                    for p in waiting:
                        p.wrong += 1
                        if p.wrong >= MAX_WRONG_CODES:
                            p.status = PickupStatus.LOCKED
                    locked = next((p for p in waiting if p.status is PickupStatus.LOCKED), None)
                    if locked is not None:  # locked by this code: the citizen hears it now
                        return PickupAnswer(result=FindResult.LOCKED, pickup=locked.model())
                    left = min((MAX_WRONG_CODES - p.wrong for p in waiting), default=MAX_WRONG_CODES)
                    return PickupAnswer(result=FindResult.WRONG_CODE, attempts_left=left)
                if found.status is PickupStatus.COLLECTED:
                    return PickupAnswer(result=FindResult.COLLECTED, pickup=found.model())
                if found.status is PickupStatus.LOCKED:
                    return PickupAnswer(result=FindResult.LOCKED, pickup=found.model())
                role = found.role(wanted)
                if not role:
                    return PickupAnswer(result=FindResult.MISMATCH)
                found.wrong = 0
                return PickupAnswer(result=FindResult.OK, pickup=found.model(), role=role)
        return self._call(answer)

    def record_pickup(self, pickup_id: str, collection: Collection) -> CollectAnswer:
        def answer() -> CollectAnswer:
            st = self._locker
            key = (collection.terminal, collection.open_record)
            with st.lock:
                p = next((p for p in st.pickups if p.entry.pickup_id == pickup_id), None)
                if p is None:
                    return CollectAnswer(result=CollectResult.NOT_FOUND)
                if p.status is PickupStatus.COLLECTED:
                    same = p.key == key
                    return CollectAnswer(result=CollectResult.OK if same else CollectResult.COLLECTED, pickup=p.model())
                p.status, p.key = PickupStatus.COLLECTED, key
                p.collected_at = collection.closed_at or collection.opened_at
                p.collected_by = collection.collected_by
                return CollectAnswer(result=CollectResult.OK, pickup=p.model())
        return self._call(answer)

    def slots_in_use(self) -> list[int]:
        def answer() -> list[int]:
            st = self._locker
            with st.lock:
                used = {p.entry.slot for p in st.pickups if p.status is not PickupStatus.COLLECTED}
                used |= {d.slot for d in st.deposits.values()}
            return sorted(used)
        return self._call(answer)

    def record_deposit(self, deposit: DepositRequest) -> Deposit:
        case = self.case(deposit.case_no)  # NotFound for an unknown case

        def answer() -> Deposit:
            if case.status not in DEPOSIT_STATUSES:
                raise BackendError(f"demo back end: case {case.case_no} is {case.status.value}: no deposit",
                                   reason="该办件已办结，不能存放材料，请到人工窗口办理")
            st = self._locker
            key = (deposit.terminal, deposit.open_record)
            with st.lock:
                if key in st.deposits:
                    return st.deposits[key]
                made = Deposit(deposit_id=f"D-{len(st.deposits) + 1:04d}", case_no=case.case_no, slot=deposit.slot,
                               retrieval_code=f"{secrets.randbelow(10 ** 8):08d}", deposited_at=deposit.deposited_at)
                st.deposits[key] = made
                return made
        return self._call(answer)
