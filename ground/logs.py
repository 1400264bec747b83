"""Logging for every Zizhu program, with one masking helper for personal data.

Every log record passes through :class:`MaskingFilter`, so an ID number or a mobile number that
slips into a message is masked even where the caller forgot; callers that show personal data on
purpose (a receipt, the kiosk screen) use :func:`mask_name`, :func:`mask_id_number` and
:func:`mask_phone` directly.
"""

from __future__ import annotations

import json
import logging
import re
import sys
from datetime import UTC, datetime
from typing import Any

# 18-character resident / permanent-residence numbers (last may be X), 15-character old foreign PR
# numbers (3 letters + 12 digits) and mainland mobile numbers.
_ID18 = re.compile(r"(?<![0-9A-Za-z])(\d{4})\d{10}(\d{3}[\dXx])(?![0-9A-Za-z])")
_FOREIGN15 = re.compile(r"(?<![0-9A-Za-z])([A-Z]{3})\d{8}(\d{4})(?![0-9A-Za-z])")
_MOBILE = re.compile(r"(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)")


def mask_id_number(number: str) -> str:
    """``150102199001011234`` → ``1501**********1234``; shorter values keep only their ends."""
    n = number.strip()
    if len(n) <= 4:
        return "*" * len(n)
    if len(n) <= 8:
        return n[:1] + "*" * (len(n) - 2) + n[-1:]
    return n[:4] + "*" * (len(n) - 8) + n[-4:]


def mask_name(name: str) -> str:
    """``张三`` → ``张*``, ``欧阳娜娜`` → ``欧***``; a Latin name keeps its first letter."""
    n = name.strip()
    if not n:
        return ""
    return n[0] + "*" * max(1, len(n) - 1)


def mask_phone(phone: str) -> str:
    """``13812345678`` → ``138****5678``; other numbers keep their last four digits."""
    p = re.sub(r"\s", "", phone)
    if len(p) == 11 and p.isdigit():
        return p[:3] + "****" + p[-4:]
    if len(p) <= 4:
        return "*" * len(p)
    return "*" * (len(p) - 4) + p[-4:]


def mask_address(street: str) -> str:
    """``新华大街12号3单元401`` → ``新华大街****``: the street's first four characters."""
    s = street.strip()
    return (s[:4] + "****") if len(s) > 4 else "*" * len(s)


def mask_text(text: str) -> str:
    """Mask every ID number and mobile number found in free text."""
    text = _ID18.sub(lambda m: m.group(1) + "*" * 10 + m.group(2), text)
    text = _FOREIGN15.sub(lambda m: m.group(1) + "*" * 8 + m.group(2), text)
    return _MOBILE.sub(lambda m: m.group(1) + "****" + m.group(2), text)


class MaskingFilter(logging.Filter):
    """Masks personal numbers in the rendered message of every record that passes."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = mask_text(message)
        if masked != message:
            record.msg, record.args = masked, None
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: what end-to-end tests and log shippers read."""

    def format(self, record: logging.LogRecord) -> str:
        doc: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": record.getMessage(),
        }
        event = getattr(record, "event", None)
        if event is not None:
            doc["event"] = event
        fields = getattr(record, "fields", None)
        if isinstance(fields, dict):
            doc.update({k: v for k, v in fields.items() if k not in doc})
        if record.exc_info:
            doc["exc"] = mask_text(self.formatException(record.exc_info))
        return json.dumps(doc, ensure_ascii=False, default=str)


def setup_logging(level: str | int = "INFO", json_lines: bool = False) -> None:
    """Configure the root logger once for a Zizhu process: masking on every handler."""
    root = logging.getLogger()
    root.setLevel(level)
    for h in list(root.handlers):
        if getattr(h, "_zizhu", False):
            root.removeHandler(h)
    handler = logging.StreamHandler(sys.stderr)
    handler._zizhu = True  # type: ignore[attr-defined]
    handler.addFilter(MaskingFilter())
    handler.setFormatter(JsonFormatter() if json_lines else logging.Formatter(
        "%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
