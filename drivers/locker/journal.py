"""The durable record of every locker open (开箱记录): slot, why, by which session, and the outcome.

Written before the command goes on the wire and finished after the door is seen open, so a
pickup is never lost (a crash leaves an ``interrupted`` row a person resolves) and never repeated
(an open marked ``once`` is refused while an earlier one for the same ``why`` is opened, in
doubt or in progress). SQLite with a full fsync per commit: the kiosk may lose power any time.
"""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from drivers.base import DeviceHardwareError, DeviceUserError
from drivers.locker.codec import LockerError

Outcome = Literal["pending", "opened", "jammed", "unconfirmed", "interrupted"]
# Outcomes after which the door may have opened: a `once` open for the same reason is refused.
BLOCKING: tuple[Outcome, ...] = ("pending", "opened", "unconfirmed", "interrupted")

JOURNAL_UNWRITABLE = "文件柜开箱记录无法写入"  # the reason whenever the open record cannot be written
SCHEMA = """
CREATE TABLE IF NOT EXISTS opens (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    requested_at TEXT NOT NULL,
    finished_at TEXT,
    slot INTEGER NOT NULL,
    board INTEGER NOT NULL,
    lock INTEGER NOT NULL,
    why TEXT NOT NULL,
    session TEXT NOT NULL,
    once INTEGER NOT NULL,
    outcome TEXT NOT NULL DEFAULT 'pending',
    detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS opens_why ON opens (why);
"""


class AlreadyOpened(LockerError, DeviceUserError):
    """This pickup's slot was already opened (or may have been): not opened a second time."""


class JournalError(LockerError, DeviceHardwareError):
    """The open record cannot be written: no open without a record."""


@dataclass(frozen=True)
class OpenRecord:
    id: int
    requested_at: str
    finished_at: str | None
    slot: int
    board: int
    lock: int
    why: str
    session: str
    once: bool
    outcome: Outcome
    detail: str


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


class OpenJournal:
    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None

    def open(self) -> None:
        if self._db is not None:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False, timeout=5)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=FULL")
            db.executescript(SCHEMA)
        except (sqlite3.Error, OSError) as exc:
            raise JournalError(f"cannot open the open record {self.path}: {exc}", JOURNAL_UNWRITABLE) from None
        db.row_factory = sqlite3.Row
        self._db = db

    def close(self) -> None:
        db, self._db = self._db, None
        if db is not None:
            db.close()

    def _conn(self) -> sqlite3.Connection:
        if self._db is None:
            self.open()
        assert self._db is not None
        return self._db

    def begin(self, slot: int, *, board: int, lock: int, why: str, session: str, once: bool) -> OpenRecord:
        """Record an open about to be sent; refuses a second ``once`` open for the same ``why``."""
        with self._lock:
            db = self._conn()
            try:
                db.execute("BEGIN IMMEDIATE")  # no other process may slip in between check and insert
                if once:
                    marks = ",".join("?" * len(BLOCKING))
                    row = db.execute(f"SELECT * FROM opens WHERE why = ? AND outcome IN ({marks}) "
                                     "ORDER BY id LIMIT 1", (why, *BLOCKING)).fetchone()
                    if row is not None:
                        db.execute("ROLLBACK")
                        prev = _record(row)
                        raise AlreadyOpened(
                            f"slot {prev.slot} already {prev.outcome} for this reason (record {prev.id})",
                            "该件的格口已打开过，不能重复开箱；如有问题请联系工作人员")
                cur = db.execute("INSERT INTO opens (requested_at, slot, board, lock, why, session, once) "
                                 "VALUES (?, ?, ?, ?, ?, ?, ?)", (_now(), slot, board, lock, why, session, int(once)))
                db.execute("COMMIT")
            except sqlite3.Error as exc:
                if db.in_transaction:
                    db.execute("ROLLBACK")
                raise JournalError(f"cannot record the open: {exc}", JOURNAL_UNWRITABLE) from None
            rid = cur.lastrowid
            assert rid is not None
            return self._get(rid)

    def finish(self, record_id: int, outcome: Outcome, detail: str = "") -> OpenRecord:
        with self._lock:
            try:
                self._conn().execute("UPDATE opens SET outcome = ?, detail = ?, finished_at = ? WHERE id = ?",
                                     (outcome, detail, _now(), record_id))
            except sqlite3.Error as exc:
                raise JournalError(f"cannot record the outcome of open {record_id}: {exc}",
                                   JOURNAL_UNWRITABLE) from None
            return self._get(record_id)

    def recover(self) -> list[OpenRecord]:
        """Opens a previous run began and never finished (a crash, a power cut): mark them interrupted."""
        with self._lock:
            db = self._conn()
            rows = db.execute("SELECT id FROM opens WHERE outcome = 'pending'").fetchall()
            db.execute("UPDATE opens SET outcome = 'interrupted', finished_at = ?, "
                       "detail = 'the program stopped before the outcome was known' WHERE outcome = 'pending'",
                       (_now(),))
            return [self._get(r["id"]) for r in rows]

    def records(self, why: str | None = None, limit: int = 100) -> list[OpenRecord]:
        """Newest first."""
        with self._lock:
            db = self._conn()
            if why is None:
                rows = db.execute("SELECT * FROM opens ORDER BY id DESC LIMIT ?", (limit,)).fetchall()
            else:
                rows = db.execute("SELECT * FROM opens WHERE why = ? ORDER BY id DESC LIMIT ?",
                                  (why, limit)).fetchall()
            return [_record(r) for r in rows]

    def get(self, record_id: int) -> OpenRecord:
        with self._lock:
            return self._get(record_id)

    def _get(self, record_id: int) -> OpenRecord:
        return _record(self._conn().execute("SELECT * FROM opens WHERE id = ?", (record_id,)).fetchone())


def _record(row: sqlite3.Row) -> OpenRecord:
    return OpenRecord(id=row["id"], requested_at=row["requested_at"], finished_at=row["finished_at"],
                      slot=row["slot"], board=row["board"], lock=row["lock"], why=row["why"],
                      session=row["session"], once=bool(row["once"]), outcome=row["outcome"], detail=row["detail"])
