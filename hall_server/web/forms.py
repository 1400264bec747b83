"""Checking what a person typed into a page's form: every problem named in Chinese, nothing changed.

A route takes its fields as plain strings (``Form()``), checks them with a :class:`Check` and, when
``check.errors`` is not empty, renders the form again with the messages and the values typed (status
422, which htmx is configured to show), so nothing typed is lost.
"""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo

from hall_server.web.models import SHUTDOWN_YEARS


class Check:
    def __init__(self) -> None:
        self.errors: dict[str, str] = {}

    @property
    def ok(self) -> bool:
        return not self.errors

    def fail(self, name: str, message: str) -> None:
        self.errors.setdefault(name, message)

    def text(self, name: str, value: str | None, label: str, *, required: bool = False,
             max_length: int = 2000) -> str:
        text = (value or "").strip()
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            self.fail(name, f"{label}含有无法识别的字符")
            return ""
        if "\x00" in text:
            self.fail(name, f"{label}含有无法识别的字符")
            return ""
        if required and not text:
            self.fail(name, f"请填写{label}")
        elif len(text) > max_length:
            self.fail(name, f"{label}太长：最多 {max_length} 个字（现有 {len(text)} 个）")
        return text

    def choice(self, name: str, value: str | None, label: str, choices: dict[str, str] | list[str],
               *, required: bool = True) -> str:
        v = (value or "").strip()
        if not v and not required:
            return ""
        if v not in choices:
            self.fail(name, f"请选择{label}")
            return ""
        return v

    def local_time(self, name: str, value: str | None, label: str, tz: tzinfo) -> datetime | None:
        """``<input type=datetime-local>`` (``2024-05-01T22:00``) read as the hall's local time, in UTC."""
        v = (value or "").strip()
        if not v:
            self.fail(name, f"请填写{label}")
            return None
        try:
            naive = datetime.fromisoformat(v)
        except ValueError:
            self.fail(name, f"{label}格式不对，应为 年-月-日 时:分")
            return None
        if naive.tzinfo is not None:
            naive = naive.replace(tzinfo=None)
        if not SHUTDOWN_YEARS[0] <= naive.year <= SHUTDOWN_YEARS[1]:
            self.fail(name, f"{label}的年份应在 {SHUTDOWN_YEARS[0]} 至 {SHUTDOWN_YEARS[1]} 之间")
            return None
        return naive.replace(tzinfo=tz).astimezone(UTC)
