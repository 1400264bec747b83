"""The configuration-error listing still understands msgspec's messages.

``ground.configbase`` turns msgspec's ``ValidationError`` text into problems a technician reads
(``key devices.printer.connection.port: bad value 70000; expected: …``): :func:`split_error` cuts
``… - at `$.path``` off, and the listing recognises the message by its first words. msgspec says
nothing about keeping that wording, so every kind of message the listing relies on is produced
here for real and checked word for word: an upgrade that rewords one fails here, not in front of
the people installing a terminal.
"""

from __future__ import annotations

from enum import Enum
from typing import Annotated, Any, Literal

import msgspec
import pytest
from msgspec import Meta

from ground.configbase import Identifier, Problem, Section, convert, problems, split_error


class Mode(Enum):
    AUTO = "auto"
    MANUAL = "manual"


class Board(Section, frozen=True, kw_only=True):
    address: Annotated[int, Meta(ge=1, le=32)]
    slots: Literal[12, 24] = 24


class Sample(Section, frozen=True, kw_only=True):
    id: Identifier
    port: Annotated[int, Meta(ge=1, le=65535)] = 1883
    ratio: float = 0.5
    mode: Mode = Mode.AUTO
    boards: list[Board] = msgspec.field(default_factory=list)
    sizes: dict[Literal["small", "large"], Board] = msgspec.field(default_factory=dict)
    pair: tuple[Board, Board] | None = None  # not split by the listing: msgspec's own path is used

    def __post_init__(self) -> None:
        if self.mode is Mode.MANUAL and not self.boards:
            raise ValueError("manual mode needs at least one board")


ID_PATTERN = "^[a-z0-9][a-z0-9_-]{0,62}\\\\Z"  # as msgspec prints the pattern (repr of the str)
OK: dict[str, Any] = {"id": "t01"}


def _error(data: dict[str, Any]) -> msgspec.ValidationError:
    with pytest.raises(msgspec.ValidationError) as ei:
        convert(data, Sample)
    return ei.value


# (kind, data, msgspec's whole message, split_error's message, split_error's path)
CASES: list[tuple[str, dict[str, Any], str, str, str]] = [
    ("wrong type", {**OK, "port": "1883"},
     "Expected `int`, got `str` - at `$.port`", "Expected `int`, got `str`", ".port"),
    ("wrong type, float", {**OK, "ratio": "half"},
     "Expected `float`, got `str` - at `$.ratio`", "Expected `float`, got `str`", ".ratio"),
    ("wrong type, table", {**OK, "boards": [5]},
     "Expected `object`, got `int` - at `$.boards[0]`", "Expected `object`, got `int`", ".boards[0]"),
    ("above range", {**OK, "port": 70000},
     "Expected `int` <= 65535 - at `$.port`", "Expected `int` <= 65535", ".port"),
    ("below range", {**OK, "port": 0},
     "Expected `int` >= 1 - at `$.port`", "Expected `int` >= 1", ".port"),
    ("pattern", {"id": "T 01"},
     f"Expected `str` matching regex '{ID_PATTERN}' - at `$.id`",
     f"Expected `str` matching regex '{ID_PATTERN}'", ".id"),
    ("unknown field", {**OK, "prot": 1},
     "Object contains unknown field `prot`", "Object contains unknown field `prot`", ""),
    ("unknown field, nested", {**OK, "boards": [{"address": 1, "slot": 12}]},
     "Object contains unknown field `slot` - at `$.boards[0]`", "Object contains unknown field `slot`", ".boards[0]"),
    ("missing field", {"port": 1},
     "Object missing required field `id`", "Object missing required field `id`", ""),
    ("missing field, nested", {**OK, "boards": [{"address": 1}, {}]},
     "Object missing required field `address` - at `$.boards[1]`", "Object missing required field `address`",
     ".boards[1]"),
    ("bad enum", {**OK, "mode": "turbo"},
     "Invalid enum value 'turbo' - at `$.mode`", "Invalid enum value 'turbo'", ".mode"),
    ("bad literal", {**OK, "boards": [{"address": 1, "slots": 20}]},
     "Invalid enum value 20 - at `$.boards[0].slots`", "Invalid enum value 20", ".boards[0].slots"),
    ("nested path", {**OK, "boards": [{"address": 1}, {"address": 40}]},
     "Expected `int` <= 32 - at `$.boards[1].address`", "Expected `int` <= 32", ".boards[1].address"),
    ("dict value", {**OK, "sizes": {"small": {"address": 99}}},
     "Expected `int` <= 32 - at `$.sizes[...].address`", "Expected `int` <= 32", ".sizes[...].address"),
    ("dict key", {**OK, "sizes": {"medium": {"address": 1}}},
     "Invalid enum value 'medium' - at `key` in `$.sizes`", "Invalid enum value 'medium' (in a key)", ".sizes"),
    ("cross-field rule", {**OK, "mode": "manual"},
     "manual mode needs at least one board", "manual mode needs at least one board", ""),
    ("unknown field, in a tuple", {**OK, "pair": [{"address": 1}, {"address": 2, "slots": 12, "x": 1}]},
     "Object contains unknown field `x` - at `$.pair[1]`", "Object contains unknown field `x`", ".pair[1]"),
]


@pytest.mark.parametrize(("kind", "data", "whole", "msg", "path"), CASES, ids=[c[0] for c in CASES])
def test_msgspec_says_it_as_the_listing_expects(kind: str, data: dict[str, Any], whole: str, msg: str,
                                                path: str) -> None:
    err = _error(data)
    assert str(err) == whole
    assert split_error(err) == (msg, path)


def test_the_json_decoder_says_it_the_same_way() -> None:
    """The wire contract and the local channel decode JSON: the same words, the same paths."""
    for kind, data, whole, _msg, _path in CASES:
        with pytest.raises(msgspec.ValidationError) as ei:
            msgspec.json.decode(msgspec.json.encode(data), type=Sample)
        assert str(ei.value) == whole, kind


def test_a_message_without_a_path_is_all_message() -> None:
    assert split_error(msgspec.ValidationError("Expected `int`, got `str`")) == ("Expected `int`, got `str`", "")
    # a message that merely mentions "- at" keeps it
    assert split_error(msgspec.ValidationError("rule - at most 3")) == ("rule - at most 3", "")


# What the listing makes of each: one Problem, its key, kind, value and expectation.
LISTING: list[tuple[str, dict[str, Any], list[Problem], str]] = [
    ("wrong type", {**OK, "port": "1883"},
     [Problem(("port",), "value", "1883", "an integer, at least 1 and at most 65535")],
     "key port: bad value '1883'; expected: an integer, at least 1 and at most 65535"),
    ("out of range", {**OK, "port": 70000},
     [Problem(("port",), "value", 70000, "an integer, at least 1 and at most 65535")],
     "key port: bad value 70000; expected: an integer, at least 1 and at most 65535"),
    ("pattern", {"id": "T 01"},
     [Problem(("id",), "value", "T 01", "an id: lower-case letters a-z, digits, '_' or '-', starting with a letter "
                                        "or digit, at most 63 characters")],
     "key id: bad value 'T 01'; expected: an id: lower-case letters a-z"),
    ("unknown field", {**OK, "prot": 1}, [Problem(("prot",), "unknown", 1)],
     "key prot: unknown key (value 1); check the spelling"),
    ("missing field", {"port": 1}, [Problem(("id",), "missing", expected="an id: lower-case letters a-z, digits, "
                                                                          "'_' or '-', starting with a letter or "
                                                                          "digit, at most 63 characters")],
     "key id: missing; expected: an id"),
    ("bad enum", {**OK, "mode": "turbo"}, [Problem(("mode",), "value", "turbo", "one of 'auto', 'manual'")],
     "key mode: bad value 'turbo'; expected: one of 'auto', 'manual'"),
    ("nested path", {**OK, "boards": [{"address": 1}, {"address": 40, "slots": 20}]},
     [Problem(("boards", 1, "address"), "value", 40, "an integer, at least 1 and at most 32"),
      Problem(("boards", 1, "slots"), "value", 20, "one of 12, 24")],
     "key boards.1.address: bad value 40; expected: an integer, at least 1 and at most 32"),
    ("dict value", {**OK, "sizes": {"small": {"address": 99}}},
     [Problem(("sizes", "small", "address"), "value", 99, "an integer, at least 1 and at most 32")],
     "key sizes.small.address: bad value 99"),
    ("dict key", {**OK, "sizes": {"medium": {"address": 1}}},
     [Problem(("sizes", "medium"), "rule", expected="unknown key; expected one of 'small', 'large'")],
     "key sizes.medium: unknown key; expected one of 'small', 'large'"),
    ("cross-field rule", {**OK, "mode": "manual"},
     [Problem((), "rule", expected="manual mode needs at least one board")],
     "key (top level): manual mode needs at least one board"),
    # Inside a tuple the listing does not split: msgspec's own message and path are parsed.
    ("missing field, msgspec's path", {**OK, "pair": [{"address": 1}, {}]},
     [Problem(("pair", 1, "address"), "missing")], "key pair.1.address: missing"),
    ("unknown field, msgspec's path", {**OK, "pair": [{"address": 1}, {"address": 2, "x": 1}]},
     [Problem(("pair", 1, "x"), "unknown")], "key pair.1.x: unknown key"),
    ("bad value, msgspec's path", {**OK, "pair": [{"address": 1}, {"address": 2, "slots": 20}]},
     [Problem(("pair", 1, "slots"), "value", 20, "Invalid enum value 20")], "key pair.1.slots: bad value 20"),
    ("wrong type, msgspec's path", {**OK, "pair": [{"address": 1}, {"address": "2"}]},
     [Problem(("pair", 1, "address"), "value", "2", "an integer, got text")], "key pair.1.address: bad value '2'"),
]


@pytest.mark.parametrize(("kind", "data", "expect", "line"), LISTING, ids=[c[0] for c in LISTING])
def test_the_listing_names_key_value_and_expectation(kind: str, data: dict[str, Any], expect: list[Problem],
                                                     line: str) -> None:
    found = problems(data, Sample)
    assert found == expect
    assert str(found[0]).startswith(line)
