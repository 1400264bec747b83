"""The terminal's open incidents, asked of the hall server's API for the maintenance screen.

``GET {hall_url}/api/incidents?terminal=<id>&state=open`` with ``Authorization: Bearer zz_…`` (a
token of a hall account, ``viewer`` is enough: docs/accounts.md), bounded by ``timeout_s``. Runs
off the UI thread (the app's jobs runner, which also bounds it); any failure — no URL configured,
refused, timed out, not JSON — raises :class:`HallUnreachable` and the screen says so in words.
No personal data is asked or kept: incidents are about devices.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from typing import Any


class HallUnreachable(Exception):
    unconfigured = False


class HallNotConfigured(HallUnreachable):
    unconfigured = True  # no hall_url in [kiosk.maintenance]: said so, not "unreachable"


def open_incidents(hall_url: str | None, token: str | None, terminal: str, timeout_s: float = 5.0,
                   limit: int = 50) -> list[dict[str, Any]]:
    if not hall_url:
        raise HallNotConfigured("no hall_url configured")
    query = urllib.parse.urlencode({"terminal": terminal, "state": "open", "limit": limit})
    req = urllib.request.Request(f"{hall_url.rstrip('/')}/api/incidents?{query}", headers={
        "Accept": "application/json", **({"Authorization": f"Bearer {token}"} if token else {})})
    try:
        with urllib.request.urlopen(req, timeout=timeout_s) as resp:
            doc = json.loads(resp.read(1_000_000))
    except (OSError, urllib.error.URLError, ValueError) as exc:  # HTTPError is a URLError
        raise HallUnreachable(type(exc).__name__) from None
    if not isinstance(doc, list):
        raise HallUnreachable("not a list")
    out = []
    for inc in doc:
        if isinstance(inc, dict):
            out.append({"id": inc.get("id"), "code": str(inc.get("fault_code", "")),
                        "title": str(inc.get("title") or ""), "state": str(inc.get("state", "")),
                        "opened": str(inc.get("opened_at", ""))[:16].replace("T", " ")})
    return out
