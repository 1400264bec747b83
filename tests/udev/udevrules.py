"""A parser and matcher for the subset of udev rules syntax that udev/99-zizhu.rules uses.

It follows udev(7): a rule is one line of comma-separated ``KEY OP "value"`` pairs; ``==``/``!=``
match, ``=``/``+=``/``:=`` assign; values are shell globs (``*``, ``?``, ``[…]``) with ``|``
between alternatives; the "parent" keys (``ATTRS``, ``KERNELS``, ``SUBSYSTEMS``, ``DRIVERS``)
must all match on one and the same device of the chain from the device up to the root;
``GOTO`` skips to its ``LABEL``. Anything outside the subset is a syntax error here, so the rules
file cannot grow a key the test does not understand. It never touches /dev or udevadm.
"""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass, field

MATCH_OPS = ("==", "!=")
ASSIGN_OPS = ("=", "+=", ":=")
# key -> ops allowed; keys with {attr} take an attribute name.
DEVICE_MATCH = {"ACTION", "SUBSYSTEM", "KERNEL", "DRIVER", "ENV", "ATTR"}
PARENT_MATCH = {"SUBSYSTEMS", "KERNELS", "DRIVERS", "ATTRS"}
ASSIGN = {"SYMLINK", "GROUP", "MODE", "OWNER", "TAG", "GOTO", "LABEL"}
WITH_NAME = {"ENV", "ATTR", "ATTRS"}

_PAIR = re.compile(r'\s*(?P<key>[A-Z]+)(?:\{(?P<name>[A-Za-z0-9_.-]+)\})?'
                   r'\s*(?P<op>==|!=|\+=|:=|=)\s*"(?P<value>[^"]*)"\s*')


class RuleSyntaxError(ValueError):
    pass


@dataclass(frozen=True)
class Pair:
    key: str
    name: str | None
    op: str
    value: str


@dataclass(frozen=True)
class Rule:
    line: int
    pairs: tuple[Pair, ...]

    def matches(self) -> list[Pair]:
        return [p for p in self.pairs if p.op in MATCH_OPS]

    def assigns(self) -> list[Pair]:
        return [p for p in self.pairs if p.op in ASSIGN_OPS]


@dataclass
class Device:
    """One device node as udev sees it: its own properties and the chain of its parents."""

    subsystem: str
    kernel: str
    action: str = "add"
    driver: str = ""
    env: dict[str, str] = field(default_factory=dict)
    attr: dict[str, str] = field(default_factory=dict)
    parents: list[Device] = field(default_factory=list)  # nearest first

    def chain(self) -> list[Device]:
        return [self, *self.parents]


@dataclass
class Result:
    symlinks: list[str] = field(default_factory=list)
    group: str | None = None
    mode: str | None = None
    owner: str | None = None
    rules: list[int] = field(default_factory=list)  # lines of the rules that matched


def parse(text: str) -> list[Rule]:
    rules: list[Rule] = []
    labels: set[str] = set()
    gotos: list[tuple[int, str]] = []
    for no, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.endswith("\\"):
            raise RuleSyntaxError(f"line {no}: continuation lines are outside the subset")
        pairs: list[Pair] = []
        for chunk in _split(line, no):
            m = _PAIR.fullmatch(chunk)
            if m is None:
                raise RuleSyntaxError(f"line {no}: cannot parse {chunk.strip()!r} (expected KEY OP \"value\")")
            key, name, op, value = m["key"], m["name"], m["op"], m["value"]
            if key not in DEVICE_MATCH | PARENT_MATCH | ASSIGN:
                raise RuleSyntaxError(f"line {no}: unknown key {key}")
            if (name is not None) != (key in WITH_NAME):
                raise RuleSyntaxError(f"line {no}: key {key} {'needs' if name is None else 'takes no'} {{name}}")
            if key in ASSIGN and op not in ASSIGN_OPS:
                raise RuleSyntaxError(f"line {no}: {key} is assigned, not matched (got {op})")
            if key in (DEVICE_MATCH | PARENT_MATCH) - {"ENV"} and op not in MATCH_OPS:
                raise RuleSyntaxError(f"line {no}: {key} can only be matched (got {op})")
            if key == "MODE" and not re.fullmatch(r"0?[0-7]{3}", value):
                raise RuleSyntaxError(f"line {no}: MODE {value!r} is not an octal mode")
            if key == "SYMLINK" and (value.startswith("/") or ".." in value.split("/")):
                raise RuleSyntaxError(f"line {no}: SYMLINK {value!r} must be relative to /dev")
            pairs.append(Pair(key, name, op, value))
        keys = [p.key for p in pairs]
        if "LABEL" in keys:
            if len(pairs) != 1:
                raise RuleSyntaxError(f"line {no}: LABEL stands alone")
            labels.add(pairs[0].value)
        if "GOTO" in keys:
            gotos.append((no, next(p.value for p in pairs if p.key == "GOTO")))
        rules.append(Rule(no, tuple(pairs)))
    for no, target in gotos:
        if target not in labels:
            raise RuleSyntaxError(f"line {no}: GOTO {target!r} has no LABEL")
    return rules


def _split(line: str, no: int) -> list[str]:
    """Split on commas outside quotes."""
    parts, cur, quoted = [], "", False
    for ch in line:
        if ch == '"':
            quoted = not quoted
        if ch == "," and not quoted:
            parts.append(cur)
            cur = ""
        else:
            cur += ch
    if quoted:
        raise RuleSyntaxError(f"line {no}: unbalanced quote")
    parts.append(cur)
    if any(not p.strip() for p in parts):
        raise RuleSyntaxError(f"line {no}: empty key (stray comma)")
    return parts


def _glob(value: str, pattern: str) -> bool:
    return any(fnmatch.fnmatchcase(value, alt) for alt in pattern.split("|"))


def _device_value(dev: Device, pair: Pair) -> str | None:
    match pair.key:
        case "ACTION":
            return dev.action
        case "SUBSYSTEM" | "SUBSYSTEMS":
            return dev.subsystem
        case "KERNEL" | "KERNELS":
            return dev.kernel
        case "DRIVER" | "DRIVERS":
            return dev.driver
        case "ENV":
            return dev.env.get(pair.name or "")
        case "ATTR" | "ATTRS":
            return dev.attr.get(pair.name or "")
    raise AssertionError(pair.key)


def _pair_matches(dev: Device, pair: Pair) -> bool:
    value = _device_value(dev, pair)
    hit = value is not None and _glob(value, pair.value)
    return hit if pair.op == "==" else not hit


def rule_matches(rule: Rule, dev: Device) -> bool:
    own = [p for p in rule.matches() if p.key in DEVICE_MATCH]
    parent = [p for p in rule.matches() if p.key in PARENT_MATCH]
    if not all(_pair_matches(dev, p) for p in own):
        return False
    # All parent keys must hold on a single device of the chain (udev(7), "ATTRS").
    return not parent or any(all(_pair_matches(d, p) for p in parent) for d in dev.chain())


def apply(rules: list[Rule], dev: Device) -> Result:
    """What udev would do with ``dev``: symlinks, group, mode (the subset's assignments)."""
    res = Result()
    skip_to: str | None = None
    final: set[str] = set()
    for rule in rules:
        label = next((p.value for p in rule.pairs if p.key == "LABEL"), None)
        if skip_to is not None:
            if label == skip_to:
                skip_to = None
            continue
        if label is not None or not rule_matches(rule, dev):
            continue
        res.rules.append(rule.line)
        for p in rule.assigns():
            if p.key in final:
                continue
            if p.op == ":=":
                final.add(p.key)
            match p.key:
                case "SYMLINK":
                    links = p.value.split()
                    res.symlinks = [*res.symlinks, *links] if p.op == "+=" else links
                case "GROUP":
                    res.group = p.value
                case "MODE":
                    res.mode = p.value
                case "OWNER":
                    res.owner = p.value
                case "GOTO":
                    skip_to = p.value
                case "ENV":
                    dev.env[p.name or ""] = p.value
    return res
