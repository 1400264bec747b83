"""Store-and-forward: every message the agent accepts goes to disk first, and leaves only when the
hall has stored it (the hall's ``ack``, :mod:`wire.contract`), not when the broker has it.

One SQLite file holds the spool (``spool`` table, in acceptance order) and the agent's counters
(``meta``: MQTT session number, event sequence number, events dropped, out-of-service flag), so
that a restarted agent continues both numbers and sends what it had not delivered.

Events and command results are numbered (``seq``) in one sequence per terminal. The hall's ack
says "everything up to n is stored": :meth:`Spool.ack_upto` forgets those. Rows of an older agent
without a number are forgotten on PUBACK (:meth:`Spool.ack`), as they always were.

Policies, stated once:

- **Bound** (``max_events``): when one more event would exceed it, the *oldest* events are
  dropped, counted (``dropped``, persisted) and logged as a warning naming their sequence
  numbers. The hall sees the gap in ``seq``; the retained status still carries every current fault.
- **Disk that refuses writes** (full, read-only, file size limit): the event is kept in memory
  instead (same bound, same order), an error is logged once when that starts and once when the disk
  takes writes again. Events held in memory are lost if the agent itself dies before delivering
  them; everything on disk is not. While any event is held in memory, new ones go to memory too,
  so delivery order is acceptance order.
- **A file that cannot even be read**: session numbers continue from the clock, and so do
  sequence numbers (milliseconds since 1970): always above any the hall has stored, so nothing new
  is taken for a duplicate; the hall steps over the jump by the status's ``spool_floor``.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger("zizhu.agent.spool")

REOPEN_S = 30.0  # how often a spool that could not be opened is tried again

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS memo (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS spool (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    seq INTEGER,
    payload BLOB NOT NULL,
    accepted REAL NOT NULL
);
"""


@dataclass(frozen=True)
class Spooled:
    """One accepted message: ``kind`` is the contract's topic kind (``event``, ``cmd/result``)."""

    id: int
    kind: str
    seq: int | None
    payload: bytes


class Spool:
    """The agent's durable outbox and counters. Thread-safe; every method is short."""

    def __init__(self, path: str | Path, max_events: int = 100_000) -> None:
        self.path = Path(path)
        self.max_events = max_events
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None
        self._memory: deque[Spooled] = deque()
        self._acked_unpersisted: set[int] = set()
        self._hall_acked = 0  # the hall has stored every numbered message up to this (rows may linger)
        self._meta: dict[str, int] = {"session": 0, "seq": 0, "dropped": 0, "out_of_service": 0}
        self._memo: dict[str, str] = {}
        self._disk_count = 0
        self._last_id = 0
        self._last_open_attempt = 0.0
        self.write_errors = 0
        self._open()

    # -- opening ---------------------------------------------------------------------------
    def _open(self) -> None:
        self._last_open_attempt = time.monotonic()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
            try:
                db.execute("PRAGMA journal_mode=WAL")
                # FULL: an accepted event survives a power cut, not only a crash of the agent.
                db.execute("PRAGMA synchronous=FULL")
                db.executescript(_SCHEMA)
                self._load(db)
            except sqlite3.Error:
                db.close()
                raise
            self._db = db
        except (sqlite3.Error, OSError) as exc:
            self._db = None
            self.write_errors += 1
            log.error("spool %s refuses writes (cannot open it: %s): events are kept in memory until it can; "
                      "they are lost if the agent stops before delivering them", self.path, exc)
            self._load_read_only()
            return
        if self._disk_count:
            log.info("spool %s holds %d undelivered message(s) from before", self.path, self._disk_count)

    def _load(self, db: sqlite3.Connection) -> None:
        """Counters and spool size from the file; a counter never goes back (max with what we hold)."""
        for key, value in db.execute("SELECT key, value FROM meta"):
            self._meta[str(key)] = max(self._meta.get(str(key), 0), int(value)) if key != "out_of_service" \
                else int(value)
        self._memo.update({str(k): str(v) for k, v in db.execute("SELECT key, value FROM memo")})
        row = db.execute("SELECT COUNT(*), COALESCE(MAX(id), 0), COALESCE(MAX(seq), 0) FROM spool").fetchone()
        self._disk_count = int(row[0])
        self._last_id = max(self._last_id, int(row[1]))
        self._meta["seq"] = max(self._meta["seq"], int(row[2]))

    def _load_read_only(self) -> None:
        """The file cannot be written: still read the counters, so session and seq do not restart."""
        try:
            db = sqlite3.connect(f"file:{self.path}?immutable=1", uri=True)
            try:
                self._load(db)
            finally:
                db.close()
            waiting, self._disk_count = self._disk_count, 0  # rows we cannot delete are sent once it reopens
            log.warning("spool %s: counters read (session %d, seq %d); its %d undelivered row(s) wait for the "
                        "disk to take writes again", self.path, self._meta["session"], self._meta["seq"], waiting)
        except (sqlite3.Error, OSError):
            # Not even readable: session and sequence numbers from the clock still outrank every earlier one.
            self._meta["session"] = max(self._meta["session"], int(time.time()))
            self._meta["seq"] = max(self._meta["seq"], int(time.time() * 1000))
            log.error("spool %s unreadable: session and sequence numbers continue from the clock", self.path)

    def _maybe_reopen(self) -> None:
        if self._db is None and not self._memory and time.monotonic() - self._last_open_attempt >= REOPEN_S:
            self._open()

    def close(self) -> None:
        with self._lock:
            if self._db is not None:
                self._flush_acks()
                self._db.close()
                self._db = None

    # -- counters --------------------------------------------------------------------------
    def _upsert(self, table: str, key: str, value: int | str) -> None:
        if self._db is None:
            return
        try:
            self._db.execute(f"INSERT INTO {table}(key, value) VALUES (?, ?) "
                             "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (key, value))
        except sqlite3.Error as exc:
            self._disk_failed(exc)

    def _set_meta(self, key: str, value: int) -> None:
        self._meta[key] = value
        self._upsert("meta", key, value)

    def next_session(self) -> int:
        """The session number of the next MQTT connection: one more than any before it."""
        with self._lock:
            self._maybe_reopen()
            n = self._meta["session"] + 1
            self._set_meta("session", n)
            return n

    @property
    def session(self) -> int:
        return self._meta["session"]

    @property
    def last_seq(self) -> int:
        return self._meta["seq"]

    @property
    def dropped(self) -> int:
        return self._meta["dropped"]

    def get_flag(self, key: str) -> bool:
        return bool(self._meta.get(key, 0))

    def set_flag(self, key: str, value: bool) -> None:
        with self._lock:
            self._set_meta(key, int(value))

    def get_memo(self, key: str, default: str = "") -> str:
        return self._memo.get(key, default)

    def set_memo(self, key: str, value: str) -> None:
        """A small text the agent needs after a restart (the fault set it last reported)."""
        with self._lock:
            if self._memo.get(key) == value:
                return
            self._memo[key] = value
            self._upsert("memo", key, value)

    def pending(self) -> int:
        """Messages accepted and not yet stored by the hall."""
        with self._lock:
            return self._disk_count + len(self._memory) - len(self._acked_unpersisted)

    @property
    def hall_acked(self) -> int:
        return self._hall_acked

    def floor(self) -> int:
        """No message numbered at or below this is held any more: each was stored by the hall or dropped."""
        with self._lock:
            lowest: int | None = None
            if self._db is not None and self._disk_count:
                try:
                    row = self._db.execute("SELECT seq FROM spool WHERE seq > ? ORDER BY id LIMIT 1",
                                           (self._hall_acked,)).fetchone()
                    lowest = None if row is None else int(row[0])
                except sqlite3.Error:
                    return self._hall_acked  # cannot tell: claim only what the hall itself said
            mem = next((m.seq for m in self._memory if m.seq is not None and m.seq > self._hall_acked), None)
            if mem is not None:
                lowest = mem if lowest is None else min(lowest, mem)
            return self._meta["seq"] if lowest is None else lowest - 1

    def ack_upto(self, seq: int) -> int:
        """The hall has stored every numbered message up to ``seq``: forget them. How many were forgotten."""
        with self._lock:
            if seq <= self._hall_acked:
                return 0
            self._hall_acked = seq
            before = len(self._memory)
            self._memory = deque(m for m in self._memory if m.seq is None or m.seq > seq)
            forgotten = before - len(self._memory)
            if before and not self._memory:
                log.info("spool: every event held in memory is stored by the hall; back to the disk spool")
            return forgotten + self._forget_stored()

    def _forget_stored(self) -> int:
        if self._db is None or not self._disk_count:
            return 0
        try:
            with self._db:
                self._db.execute("BEGIN IMMEDIATE")
                cur = self._db.execute("DELETE FROM spool WHERE seq <= ?", (self._hall_acked,))
            self._disk_count -= cur.rowcount
            return int(cur.rowcount)
        except sqlite3.Error as exc:
            # peek() skips them meanwhile; the next ack deletes them once the disk allows it
            self.write_errors += 1
            log.warning("spool %s: cannot forget stored messages yet (%s)", self.path, exc)
            return 0

    @property
    def in_memory(self) -> int:
        return len(self._memory)

    def on_disk(self, item: Spooled) -> bool:
        """Whether an accepted message is on disk (survives the agent's death), not only held in memory."""
        with self._lock:
            return self._db is not None and all(m.id != item.id for m in self._memory)

    # -- accepting -------------------------------------------------------------------------
    def append(self, kind: str, build: Callable[[int | None], bytes], numbered: bool = True) -> Spooled:
        """Accept one message. ``build(seq)`` makes its payload; ``numbered`` gives it the next seq.

        Once this returns, the message is delivered in order or counted as dropped — never lost
        silently. ``build`` raising (a payload out of contract) accepts nothing.
        """
        with self._lock:
            self._maybe_reopen()
            seq = self._meta["seq"] + 1 if numbered else None
            payload = build(seq)
            self._last_id += 1
            item = Spooled(self._last_id, kind, seq, payload)
            if seq is not None:
                self._meta["seq"] = seq
            if not self._memory and self._db is not None:
                try:
                    with self._db:  # one transaction: the row and the counter, or neither
                        self._db.execute("BEGIN IMMEDIATE")
                        self._db.execute("INSERT INTO spool(id, kind, seq, payload, accepted) VALUES (?,?,?,?,?)",
                                         (item.id, kind, seq, payload, time.time()))
                        if seq is not None:
                            self._db.execute("INSERT INTO meta(key, value) VALUES ('seq', ?) "
                                             "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (seq,))
                    self._disk_count += 1
                except sqlite3.Error as exc:
                    self._disk_failed(exc)
                    self._memory.append(item)
            else:
                self._memory.append(item)
            self._enforce_bound()
            return item

    def _disk_failed(self, exc: Exception) -> None:
        self.write_errors += 1
        if not self._memory:
            log.error("spool %s refuses writes (%s): new events are held in memory until delivered; "
                      "they are lost if the agent stops before that", self.path, exc)

    def _enforce_bound(self) -> None:
        excess = self._disk_count + len(self._memory) - self.max_events
        if excess <= 0:
            return
        seqs: list[int] = []
        if self._db is not None and self._disk_count:
            n = min(excess, self._disk_count)
            try:
                rows = self._db.execute("SELECT id, seq FROM spool ORDER BY id LIMIT ?", (n,)).fetchall()
                with self._db:
                    self._db.execute("BEGIN IMMEDIATE")
                    self._db.execute("DELETE FROM spool WHERE id <= ?", (rows[-1][0],))
                self._disk_count -= len(rows)
                self._acked_unpersisted.difference_update(r[0] for r in rows)
                seqs.extend(r[1] for r in rows if r[1] is not None)
                excess -= len(rows)
            except sqlite3.Error as exc:
                self._disk_failed(exc)
        while excess > 0 and self._memory:
            item = self._memory.popleft()
            if item.seq is not None:
                seqs.append(item.seq)
            excess -= 1
        dropped = self._meta["dropped"] + len(seqs)
        self._set_meta("dropped", dropped)
        if seqs:
            log.warning("spool full (%d messages): dropped the oldest %d event(s), seq %d..%d; %d dropped so far",
                        self.max_events, len(seqs), min(seqs), max(seqs), dropped)

    # -- delivering ------------------------------------------------------------------------
    def peek(self, after_id: int, limit: int) -> list[Spooled]:
        """Up to ``limit`` messages accepted after ``after_id``, oldest first."""
        with self._lock:
            out: list[Spooled] = []
            if self._db is not None and self._disk_count:
                try:
                    rows = self._db.execute(
                        "SELECT id, kind, seq, payload FROM spool WHERE id > ? AND (seq IS NULL OR seq > ?) "
                        "ORDER BY id LIMIT ?",
                        (after_id, self._hall_acked, limit + len(self._acked_unpersisted))).fetchall()
                except sqlite3.Error as exc:
                    log.error("spool %s cannot be read: %s", self.path, exc)
                    rows = []
                out = [Spooled(int(r[0]), str(r[1]), r[2], bytes(r[3])) for r in rows
                       if r[0] not in self._acked_unpersisted]
            out.extend(m for m in self._memory if m.id > after_id)
            out.sort(key=lambda m: m.id)
            return out[:limit]

    def ack(self, ids: Iterable[int]) -> None:
        """Forget these messages: unnumbered ones on PUBACK, and ones that can never be sent."""
        with self._lock:
            wanted = set(ids)
            mem_ids = {m.id for m in self._memory}
            if wanted & mem_ids:
                self._memory = deque(m for m in self._memory if m.id not in wanted)
                if not self._memory:
                    log.info("spool: every event held in memory is delivered; back to the disk spool")
            wanted_disk = wanted - mem_ids
            self._acked_unpersisted.update(wanted_disk)
            self._flush_acks()

    def _flush_acks(self) -> None:
        if self._db is None:
            self._acked_unpersisted.clear()
            return
        if not self._acked_unpersisted:
            return
        ids = sorted(self._acked_unpersisted)
        try:
            with self._db:
                self._db.execute("BEGIN IMMEDIATE")
                deleted = 0
                for i in range(0, len(ids), 500):
                    chunk = ids[i:i + 500]
                    cur = self._db.execute(f"DELETE FROM spool WHERE id IN ({','.join('?' * len(chunk))})", chunk)
                    deleted += cur.rowcount
            self._disk_count -= deleted
            self._acked_unpersisted.clear()
        except sqlite3.Error as exc:
            # Kept in the set: the rows are skipped by peek() and deleted once the disk allows it.
            self.write_errors += 1
            log.warning("spool %s: cannot forget delivered messages yet (%s)", self.path, exc)
