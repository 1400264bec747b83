"""Base for every configuration section: strict keys, clear errors — on msgspec, not pydantic.

Each package defines the models of its own sections beside its code (``drivers/printer/config.py``,
``terminal/config.py`` …); :mod:`zizhu.config` assembles them into the terminal and hall files.

msgspec keeps the fleet agent small (pydantic alone costs it ~12 MB), but it stops at the first
error. A technician fixes a file faster seeing every problem, so :func:`problems` converts table by
table (each field, list item and dict value on its own) and collects one :class:`Problem` for each
part that fails. Field constraints are ``Annotated[int, Meta(ge=…, le=…)]``; cross-field rules are
``__post_init__`` methods raising :class:`ValueError` (msgspec reports those with the table's path).

Constructing a section directly (``PrinterConfig(connection=…)``) runs ``__post_init__`` but checks
neither types nor constraints: data from outside (files, requests, dicts) goes through
:func:`convert`.
"""

from __future__ import annotations

import enum
import re
import types
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal, Self, TypeVar, Union, get_args, get_origin

import msgspec

T = TypeVar("T")

# Meta(extra={EXPECTED: "…"}) replaces the generated "expected: …" text of a type in error messages.
EXPECTED = "expected"

# The one identifier pattern (terminal, hall, broker account, MQTT topic level): lower-case, safe in a
# topic (no '/', '+', '#'), a file name and a URL. ID_BODY for building other patterns from it.
ID_BODY = r"[a-z0-9][a-z0-9_-]{0,62}"
ID_PATTERN = rf"^{ID_BODY}\Z"
ID_RE = re.compile(ID_PATTERN)

Identifier = Annotated[str, msgspec.Meta(
    pattern=ID_PATTERN,
    extra={EXPECTED: "an id: lower-case letters a-z, digits, '_' or '-', starting with a letter or digit, "
                     "at most 63 characters"})]


class Section(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """A configuration table. Unknown keys are errors: a typo must not silently become a default.

    Declare each section ``class X(Section, frozen=True, kw_only=True)``: msgspec does not pass
    ``kw_only`` on to subclasses (it lets fields with defaults come before required ones), and mypy
    sees neither option inherited.
    """

    @classmethod
    def from_data(cls, data: Any) -> Self:
        """The section from plain data (a TOML table, a dict): :func:`convert`, first problem raised."""
        return convert(data, cls)


# --------------------------------------------------------------------------------------------
# Conversion
# --------------------------------------------------------------------------------------------

def strip_strings(data: Any) -> Any:
    """Every string value of TOML/CSV data without its surrounding whitespace (keys stay as written)."""
    if isinstance(data, str):
        return data.strip()
    if isinstance(data, dict):
        return {k: strip_strings(v) for k, v in data.items()}
    if isinstance(data, list):
        return [strip_strings(v) for v in data]
    return data


def dec_hook(tp: Any, obj: Any) -> Any:
    """The types msgspec does not convert itself: :class:`pathlib.Path` from a string."""
    if isinstance(tp, type) and issubclass(tp, Path):
        if isinstance(obj, str | Path):
            return tp(obj)
        raise ValueError(f"Expected `path`, got `{_toml_type(obj)}`")
    raise NotImplementedError(f"no conversion to {tp!r}")


def convert(data: Any, tp: type[T], *, strip: bool = True) -> T:
    """``data`` (from TOML, CSV, JSON) as ``tp``: strict types, constraints and cross-field rules.

    Raises :class:`msgspec.ValidationError` (a :class:`ValueError`) on the first problem; use
    :func:`problems` for all of them and readable messages.
    """
    return msgspec.convert(strip_strings(data) if strip else data, tp, dec_hook=dec_hook)


# --------------------------------------------------------------------------------------------
# Problems, for people
# --------------------------------------------------------------------------------------------

Key = tuple[str | int, ...]


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a file: where (``key``), what kind, the value found and what was expected."""

    key: Key
    kind: Literal["missing", "unknown", "value", "rule"]
    value: Any = None
    expected: str = ""  # missing / value: what the key takes; rule: what the rule says

    @property
    def where(self) -> str:
        """The dotted key, list items by index: ``devices.locker.boards.0.address``."""
        return dotted(self.key)

    @property
    def detail(self) -> str:
        match self.kind:
            case "missing":
                return "missing" + (f"; expected: {self.expected}" if self.expected else "")
            case "unknown":
                return f"unknown key (value {describe_value(self.value)}); check the spelling"
            case "value":
                return f"bad value {describe_value(self.value)}; expected: {self.expected}"
            case _:
                return self.expected

    def __str__(self) -> str:
        return f"key {self.where}: {self.detail}"


def dotted(key: Key) -> str:
    return ".".join(str(k) for k in key) or "(top level)"


def describe_value(value: Any) -> str:
    if isinstance(value, Path):
        value = str(value)
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def format_problems(where: object, found: list[Problem]) -> str:
    """The one message for the technician: ``where`` (a file, a line) and every problem, one a line."""
    n = len(found)
    return "\n".join([f"{where}: invalid configuration ({n} problem{'s' if n != 1 else ''})",
                      *(f"  {p}" for p in found)])


def problems(data: Any, tp: Any, *, strip: bool = True) -> list[Problem]:
    """Every problem of ``data`` as ``tp`` (empty: :func:`convert` succeeds)."""
    out: list[Problem] = []
    _collect(strip_strings(data) if strip else data, tp, (), out)
    return out


def _collect(value: Any, tp: Any, key: Key, out: list[Problem]) -> None:
    try:
        msgspec.convert(value, tp, dec_hook=dec_hook)
        return
    except msgspec.ValidationError as exc:
        error = exc
    before = len(out)
    inner = _unwrap(tp)
    origin = get_origin(inner)
    if isinstance(inner, type) and issubclass(inner, msgspec.Struct) and isinstance(value, dict):
        fields = {f.encode_name: f for f in msgspec.structs.fields(inner)}
        for k, v in value.items():
            f = fields.get(k)
            if f is None:
                out.append(Problem((*key, k), "unknown", v))
            else:
                _collect(v, f.type, (*key, k), out)
        out.extend(Problem((*key, f.encode_name), "missing", expected=expected(f.type))
                   for f in fields.values() if f.required and f.encode_name not in value)
    elif origin is list and isinstance(value, list):
        (item,) = get_args(inner)
        for i, v in enumerate(value):
            _collect(v, item, (*key, i), out)
    elif origin is dict and isinstance(value, dict):
        key_tp, value_tp = get_args(inner)
        for k, v in value.items():
            try:
                msgspec.convert(k, key_tp, dec_hook=dec_hook)
            except msgspec.ValidationError:
                out.append(Problem((*key, k), "rule", expected=f"unknown key; expected {expected(key_tp)}"))
                continue
            _collect(v, value_tp, (*key, k), out)
    if len(out) == before:  # nothing wrong inside: the problem is this value itself, or a rule over it
        out.append(_from_error(error, value, tp, key))


# "… - at `$.a.b`", or for a dict key that fails its type "… - at `key` in `$.a.b`".
_AT = re.compile(r"^(?P<msg>.*?)(?: - at (?P<key>`key` in )?`\$(?P<path>[^`]*)`)?$", re.S)
_PATH_PART = re.compile(r"\.([^.\[]+)|\[(\d+)\]")


def split_error(error: msgspec.DecodeError) -> tuple[str, str]:
    """msgspec's ``Expected `int` >= 0 - at `$.a.b[0]``` as ``("Expected `int` >= 0", ".a.b[0]")``.

    The path is what follows ``$`` (empty for the whole document). A key of a dict that fails its
    type is reported at the dict's path, the message ending in ``(in a key)``. Shared by the
    configuration files, the wire contract and the local channel, which each say it their own way.
    msgspec's wording is pinned by ``tests/unit/test_msgspec_messages.py``.
    """
    m = _AT.match(str(error))
    assert m is not None  # the pattern matches any text
    return m["msg"] + (" (in a key)" if m["key"] else ""), m["path"] or ""


def _from_error(error: msgspec.ValidationError, value: Any, tp: Any, key: Key) -> Problem:
    msg, path = split_error(error)
    rel: list[str | int] = [int(i) if i else name for name, i in _PATH_PART.findall(path)]
    if msg.startswith(("Expected `", "Invalid enum value", "Invalid value")):
        sub = value
        for part in rel:
            try:
                sub = sub[part]
            except (LookupError, TypeError):
                break
        if not rel:
            return Problem(key, "value", value, expected(tp))
        return Problem((*key, *rel), "value", sub, _readable(msg))
    if msg.startswith("Object missing required field `"):
        return Problem((*key, *rel, msg.split("`")[1]), "missing")
    if msg.startswith("Object contains unknown field `"):
        return Problem((*key, *rel, msg.split("`")[1]), "unknown")
    return Problem((*key, *rel), "rule", expected=msg)  # a cross-field rule (__post_init__)


_NAMES = {"int": "an integer", "float": "a number", "str": "text", "bool": "true or false", "array": "a list",
          "object": "a table", "path": "a path (as text)", "null": "nothing"}


def _readable(msg: str) -> str:
    """A msgspec message, for the rare value below the level :func:`_collect` splits at."""
    msg = re.sub(r"`(\w+)`", lambda m: _NAMES.get(m[1], m[1]), msg)
    return msg.removeprefix("Expected ")


def _unwrap(tp: Any) -> Any:
    """``tp`` without ``Annotated`` and without ``None`` in a union of one other type."""
    if get_origin(tp) is Annotated:
        tp = get_args(tp)[0]
    if get_origin(tp) in (Union, types.UnionType):
        rest = [a for a in get_args(tp) if a is not type(None)]
        if len(rest) == 1:
            return _unwrap(rest[0])
    return tp


def expected(tp: Any) -> str:
    """What a value of ``tp`` looks like, for people: ``an integer, at least 1 and at most 65535``."""
    if get_origin(tp) is Annotated:
        base, *metas = get_args(tp)
        for meta in metas:
            if isinstance(meta, msgspec.Meta) and meta.extra and EXPECTED in meta.extra:
                return str(meta.extra[EXPECTED])
        limits = [limit for meta in metas if isinstance(meta, msgspec.Meta) for limit in _limits(meta, base)]
        text = expected(base)
        return text + (", " + " and ".join(limits) if limits else "")
    if get_origin(tp) in (Union, types.UnionType):  # TOML has no null: a missing key is the None
        return " or ".join(expected(a) for a in get_args(tp) if a is not type(None))
    if get_origin(tp) is Literal:
        return _one_of(get_args(tp))
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return _one_of(m.value for m in tp)
    origin = get_origin(tp)
    if origin is list:
        return f"a list, each item {expected(get_args(tp)[0])}"
    if origin is tuple:
        args = get_args(tp)
        return f"a list of {len(args)}: " + ", ".join(expected(a) for a in args)
    if origin is dict or (isinstance(tp, type) and issubclass(tp, msgspec.Struct)):
        return "a table"
    if isinstance(tp, type):
        if issubclass(tp, Path):
            return "a path (as text)"
        if tp is bool:
            return "true or false"
        if tp is int:
            return "an integer"
        if tp is float:
            return "a number"
        if tp is str:
            return "text"
    return str(getattr(tp, "__name__", tp))


def _limits(meta: msgspec.Meta, base: Any) -> list[str]:
    out = []
    unit = "characters" if _unwrap(base) is str else "items"
    for attr, words in (("ge", "at least"), ("gt", "more than"), ("le", "at most"), ("lt", "less than")):
        limit = getattr(meta, attr)
        if limit is not None:
            out.append(f"{words} {limit}")
    if meta.min_length is not None:
        out.append(f"at least {meta.min_length} {unit}")
    if meta.max_length is not None:
        out.append(f"at most {meta.max_length} {unit}")
    if meta.pattern is not None:
        out.append(f"matching the pattern {meta.pattern!r}")
    return out


def _one_of(values: Iterable[Any]) -> str:
    choices = [repr(v) for v in values]
    return choices[0] if len(choices) == 1 else "one of " + ", ".join(choices)


def _toml_type(obj: Any) -> str:
    return {bool: "bool", int: "int", float: "float", str: "str", list: "array", dict: "object"}.get(
        type(obj), type(obj).__name__)
