"""Print jobs and the small store that keeps them, so a failed slip can be printed again.

A job ends either printed or failed with a typed error whose reason a citizen understands; until
then the caller may wait on it with a timeout. The store keeps the recent jobs (and, with a
directory configured, survives a restart); it drops printed jobs first, and dropping a job that
never printed is logged, never silent.
"""

from __future__ import annotations

import json
import logging
import threading
import uuid
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from drivers.base import DeviceError, DeviceHardwareError, DeviceOffline, DeviceProtocolError, DeviceTimeout

log = logging.getLogger(__name__)


class JobState(StrEnum):
    QUEUED = "queued"
    PRINTING = "printing"
    PRINTED = "printed"
    FAILED = "failed"


_ERROR_TYPES: dict[str, type[DeviceError]] = {
    c.__name__: c for c in (DeviceError, DeviceHardwareError, DeviceOffline, DeviceProtocolError, DeviceTimeout)
}


@dataclass(eq=False)  # identity: a job is one thing however its fields change
class PrintJob:
    """One slip to print. ``text`` is what the citizen reads (personal data already masked)."""

    title: str
    template: str
    payload: bytes
    text: str
    chunks: list[bytes]
    id: str = field(default_factory=lambda: uuid.uuid4().hex[:12])
    created: datetime = field(default_factory=lambda: datetime.now(UTC))
    state: JobState = JobState.QUEUED
    attempts: int = 0
    error: DeviceError | None = None
    warnings: list[str] = field(default_factory=list)
    # What the slip itself lacks (Mongolian left out …): every attempt's warnings start with these.
    notes: list[str] = field(default_factory=list)
    finished: datetime | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)
    _done: threading.Event = field(default_factory=threading.Event, repr=False, compare=False)
    _settled: bool = field(default=False, repr=False, compare=False)

    @property
    def ok(self) -> bool:
        return self.state == JobState.PRINTED

    @property
    def reason(self) -> str:
        return "" if self.error is None else self.error.reason

    def start_attempt(self) -> None:
        with self._lock:
            self.state = JobState.QUEUED
            self.error = None
            self.warnings = list(self.notes)
            self.finished = None
            self.attempts += 1
            self._settled = False
            self._done.clear()

    def finish(self, error: DeviceError | None = None, attempt: int | None = None,
               before_release: Callable[[PrintJob], None] | None = None) -> bool:
        """Settle this attempt; the first settlement wins (the worker, or the caller's timeout).

        ``attempt`` guards against a late worker settling a newer attempt (a reprint);
        ``before_release`` runs before any waiter wakes (the store saves the job there, so a
        caller that returns and restarts finds the outcome on disk).
        """
        with self._lock:
            if self._settled or (attempt is not None and attempt != self.attempts):
                return False
            self.state = JobState.FAILED if error is not None else JobState.PRINTED
            self.error = error
            self.finished = datetime.now(UTC)
            self._settled = True
        if before_release is not None:
            before_release(self)
        self._done.set()
        return True

    def mark_printing(self, attempt: int) -> bool:
        with self._lock:
            if self._settled or attempt != self.attempts:
                return False
            self.state = JobState.PRINTING
            return True

    def wait(self, timeout: float | None = None) -> bool:
        """True when the attempt has settled within ``timeout`` seconds."""
        return self._done.wait(timeout)

    def raise_for_error(self) -> None:
        if self.error is not None:
            raise self.error

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "title": self.title, "template": self.template, "text": self.text,
            "created": self.created.isoformat(), "state": self.state.value, "attempts": self.attempts,
            "error": None if self.error is None else {
                "type": type(self.error).__name__, "message": str(self.error), "reason": self.error.reason},
            "warnings": self.warnings, "notes": self.notes,
            "finished": None if self.finished is None else self.finished.isoformat(),
            "chunk_sizes": [len(c) for c in self.chunks],
        }

    @classmethod
    def from_dict(cls, doc: dict[str, Any], payload: bytes) -> PrintJob:
        sizes: list[int] = doc.get("chunk_sizes") or [len(payload)]
        chunks, pos = [], 0
        for n in sizes:
            chunks.append(payload[pos:pos + n])
            pos += n
        err = doc.get("error")
        error = None
        if err:
            error = _ERROR_TYPES.get(err["type"], DeviceError)(err["message"], err["reason"])
        state = JobState(doc["state"])
        if state in (JobState.QUEUED, JobState.PRINTING):  # the process died under it
            state = JobState.FAILED
            error = error or DeviceError("interrupted by a restart", "打印被中断（程序重启）")
        job = cls(title=doc["title"], template=doc["template"], payload=payload, text=doc["text"], chunks=chunks,
                  id=doc["id"], created=datetime.fromisoformat(doc["created"]), state=state,
                  attempts=doc["attempts"], error=error, warnings=list(doc.get("warnings", [])),
                  notes=list(doc.get("notes", [])),
                  finished=None if doc.get("finished") is None else datetime.fromisoformat(doc["finished"]))
        job._settled = True
        job._done.set()
        return job


class JobStore:
    """The recent print jobs by id, oldest first; optionally mirrored to a directory."""

    def __init__(self, directory: Path | None = None, keep: int = 200) -> None:
        self.directory = directory
        self.keep = keep
        self._jobs: OrderedDict[str, PrintJob] = OrderedDict()
        self._lock = threading.Lock()
        if directory is not None:
            try:
                directory.mkdir(parents=True, exist_ok=True)
            except OSError as exc:  # keep printing; only the copy on disk is lost, and we say so
                log.warning("print job directory %s cannot be used (%s): jobs are kept in memory only",
                            directory, exc.strerror or exc)
                self.directory = None
            else:
                self._load()

    def _load(self) -> None:
        assert self.directory is not None
        loaded = []
        for meta in self.directory.glob("*.json"):
            try:
                doc = json.loads(meta.read_text(encoding="utf-8"))
                payload = meta.with_suffix(".bin").read_bytes()
                loaded.append(PrintJob.from_dict(doc, payload))
            except (OSError, ValueError, KeyError) as exc:
                log.warning("print job file %s cannot be read, left in place: %s", meta, exc)
        for job in sorted(loaded, key=lambda j: j.created):
            self._jobs[job.id] = job

    def add(self, job: PrintJob) -> None:
        with self._lock:
            self._jobs[job.id] = job
            self._evict()
        self.save(job)

    def save(self, job: PrintJob) -> None:
        if self.directory is None:
            return
        try:
            self.directory.joinpath(f"{job.id}.bin").write_bytes(job.payload)
            tmp = self.directory / f"{job.id}.{threading.get_ident()}.tmp"  # the worker and a caller may both save
            tmp.write_text(json.dumps(job.to_dict(), ensure_ascii=False), encoding="utf-8")
            tmp.replace(self.directory / f"{job.id}.json")
        except OSError as exc:
            log.warning("print job %s not saved to %s: %s", job.id, self.directory, exc)

    def get(self, job_id: str) -> PrintJob | None:
        with self._lock:
            return self._jobs.get(job_id)

    def jobs(self) -> list[PrintJob]:
        with self._lock:
            return list(self._jobs.values())

    def failed(self) -> list[PrintJob]:
        return [j for j in self.jobs() if j.state == JobState.FAILED]

    def _evict(self) -> None:
        while len(self._jobs) > self.keep:
            victim = next((j for j in self._jobs.values() if j.state == JobState.PRINTED), None)
            if victim is None:
                victim = next(iter(self._jobs.values()))
                log.warning("print job %s (%s, %s) dropped from the store without being printed: "
                            "more than %d jobs kept", victim.id, victim.title, victim.state.value, self.keep)
            del self._jobs[victim.id]
            if self.directory is not None:
                for suffix in (".json", ".bin"):
                    self.directory.joinpath(victim.id + suffix).unlink(missing_ok=True)
