"""What every domain of the hall shares: the core's settings and the errors of people's actions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta


class IncidentError(Exception):
    """An action that does not fit the state of what it acts on (acknowledging a resolved incident, …)."""


class NotFound(IncidentError):
    pass


@dataclass(frozen=True)
class CoreSettings:
    hall: str
    hall_name: str = ""
    flap_window: timedelta = timedelta(minutes=5)
    notify_resolved: bool = True
    broker_grace: timedelta = timedelta(seconds=30)
    rectification: timedelta = timedelta(days=7)  # a bad review's rectification case is due this much later
    private_key: str | None = None  # the hall's private key (base64): opens sealed phone numbers
