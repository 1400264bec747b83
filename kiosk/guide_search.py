"""Search of the service catalogue: Chinese, full Pinyin and Pinyin initials, ranked.

A citizen at the kiosk types on the on-screen keyboard, often in Pinyin without choosing the
characters (``yiliao``), or only the initials (``ylbx`` for 医疗保险), or a few characters (医疗). The
index answers all three from one precomputed table; it is built once per catalogue
(:meth:`kiosk.backend.model.Backend.items`) and is read-only afterwards, so any thread may search.

Matching (the query and the texts are compared after NFKC, case folding and without whitespace):

* **Characters**: a substring of the item's name, sub-item, department or themes.
* **Pinyin**: from any character of a text on, each character is typed either as a full syllable
  without tones (``yi``), or as its initial (``y``, or ``zh``/``ch``/``sh`` as well as ``z``/``c``/``s``),
  and the query may end inside a syllable (``yiliaob`` for 医疗保…). Full syllables and initials may
  be mixed (``yilbx``); characters typed as characters match themselves (``医liao``). ü is typed ``v``
  (``lv``) or ``u``; an apostrophe between syllables (``xi'an``) is ignored, and so is punctuation.
* **Polyphonic characters**: every reading of a character is indexed (pypinyin ``heteronym=True``):
  行 is ``xing``, ``hang`` and ``heng``, 重 ``zhong`` and ``chong``. A rare wrong reading costs at most
  an extra result at the end of the list; a missing one would hide an item.

Ranking, best first: the exact name, a name starting with the query, a name containing it, a
sub-item containing it, the name's Pinyin or initials, the sub-item's, then the department's or a
theme's characters and then their Pinyin. Within a rank an earlier match in the text comes first,
then Pinyin that types a whole text (``yiliao`` for an item named 医疗) before Pinyin typing a part of
one, then the catalogue's order. An empty query finds nothing (the browsing screens show everything).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from pypinyin import Style, pinyin

from kiosk.backend.model import ServiceItem

__all__ = ["GuideIndex", "normalize"]

_TWO_LETTER_INITIALS = ("zh", "ch", "sh")


def normalize(text: str) -> str:
    """``text`` as the index compares it: NFKC (full-width letters and digits to ASCII), case-folded,
    without whitespace."""
    return "".join(unicodedata.normalize("NFKC", text).casefold().split())


@dataclass(frozen=True, slots=True)
class _Unit:
    """What one character of a text can be typed as."""

    full: tuple[str, ...]  # whole syllables (and the character itself), of which the query may end in one
    short: tuple[str, ...]  # initials: y; zh and z
    firsts: frozenset[str]  # the first characters of all of the above: where a match may start
    letters: frozenset[str]  # every character of every reading


@lru_cache(maxsize=16384)
def _unit(ch: str) -> _Unit | None:
    """The readings of one (normalized) character; None for punctuation, which matching skips."""
    found = pinyin(ch, style=Style.NORMAL, heteronym=True, errors="ignore")
    if not found:  # not a Han character
        if not ch.isalnum():
            return None
        return _Unit((ch,), (), frozenset(ch), frozenset(ch))
    readings: list[str] = []
    for reading in found[0]:
        r = reading.casefold()
        readings.append(r)
        if "v" in r:  # ü: typed v on every Pinyin keyboard, u by some
            readings.append(r.replace("v", "u"))
    full = tuple(dict.fromkeys(readings))
    short = tuple(dict.fromkeys(
        s for r in full for s in (r[:1], r[:2] if r.startswith(_TWO_LETTER_INITIALS) else "") if s))
    full += (ch,)
    return _Unit(full, short, frozenset(s[0] for s in full + short), frozenset("".join(full)))


@dataclass(frozen=True, slots=True)
class _Text:
    """One searchable text: its normalized form and its characters' readings."""

    plain: str
    units: tuple[_Unit, ...]
    letters: frozenset[str]  # every character any reading uses: a query with another cannot match

    @classmethod
    def of(cls, text: str) -> _Text:
        plain = normalize(text)
        units = tuple(filter(None, map(_unit, plain)))
        letters = frozenset().union(*(u.letters for u in units))
        return cls(plain, units, letters)

    def find(self, q: str) -> int:
        return self.plain.find(q)

    def pinyin_at(self, q: str) -> tuple[int, bool] | None:
        """Where ``q`` (letters, digits and characters only) is typed from: the index of the first
        character, and whether it types the whole text (every character, the last one completely);
        None: nowhere."""
        if not q or not set(q) <= self.letters:
            return None
        first = q[0]
        for i, unit in enumerate(self.units):
            if first in unit.firsts:
                typed = self._typed_from(q, i)
                if typed is not None:
                    return i, i == 0 and typed
        return None

    def _typed_from(self, q: str, start: int) -> bool | None:
        """Whether ``q`` is typed from character ``start`` on: None if not, else whether it ends
        exactly with the text's last character."""
        n = len(q)
        last = len(self.units) - 1
        positions = {0}
        for k in range(start, last + 1):
            unit = self.units[k]
            after: set[int] = set()
            for pos in positions:
                rest = q[pos:]
                for r in unit.full:
                    if rest.startswith(r):
                        if len(r) == len(rest):
                            return k == last
                        after.add(pos + len(r))
                    elif r.startswith(rest):  # the query ends inside this syllable
                        return False
                for s in unit.short:
                    if rest.startswith(s):
                        if pos + len(s) == n:
                            return k == last
                        after.add(pos + len(s))
            if not after:
                return None
            positions = after
        return None


def _pinyin_query(q: str) -> str:
    """The normalized query as Pinyin matching reads it: letters, digits and characters only."""
    return "".join(ch for ch in q if ch.isalnum())


# Ranks, best first.
_EXACT, _NAME_PREFIX, _NAME_CONTAINS, _SUBITEM_CONTAINS, _NAME_PINYIN, _SUBITEM_PINYIN, _TAG, _TAG_PINYIN = range(8)
# (rank, where in the text the match starts, 0 if the Pinyin types the whole text else 1)
_Rank = tuple[int, int, int]


@dataclass(frozen=True, slots=True)
class _Entry:
    item: ServiceItem
    name: _Text
    subitem: _Text | None
    tags: tuple[_Text, ...]  # the department, then the themes


class GuideIndex:
    """The catalogue, indexed for browsing by department and theme and for :meth:`search`."""

    def __init__(self, items: Iterable[ServiceItem]) -> None:
        self._items = tuple(items)
        texts: dict[str, _Text] = {}  # departments and themes recur: one _Text each

        def text(s: str) -> _Text:
            t = texts.get(s)
            if t is None:
                t = texts[s] = _Text.of(s)
            return t

        self._entries = tuple(
            _Entry(item, _Text.of(item.name), _Text.of(item.subitem) if item.subitem.strip() else None,
                   tuple(text(s) for s in dict.fromkeys([item.department, *item.themes]) if s.strip()))
            for item in self._items)
        self._departments = list(dict.fromkeys(item.department for item in self._items))
        self._themes = list(dict.fromkeys(t for item in self._items for t in item.themes))

    @property
    def items(self) -> tuple[ServiceItem, ...]:
        """The whole catalogue, in its order."""
        return self._items

    def __len__(self) -> int:
        return len(self._items)

    def departments(self) -> list[str]:
        """Every department once, in the catalogue's order."""
        return list(self._departments)

    def themes(self) -> list[str]:
        """Every theme once, in the order of their first appearance in the catalogue."""
        return list(self._themes)

    def by_department(self, name: str) -> list[ServiceItem]:
        """The items of department ``name`` (as :meth:`departments` spells it), in catalogue order."""
        return [item for item in self._items if item.department == name]

    def by_theme(self, name: str) -> list[ServiceItem]:
        """The items filed under theme ``name`` (as :meth:`themes` spells it), in catalogue order."""
        return [item for item in self._items if name in item.themes]

    def search(self, query: str, limit: int = 50) -> list[ServiceItem]:
        """At most ``limit`` items matching ``query``, best first (see the module's docstring); [] for
        an empty query or when nothing matches."""
        q = normalize(query)
        qp = _pinyin_query(q.replace("'", "").replace("’", ""))
        if not q or limit <= 0:
            return []
        tag_ranks: dict[int, _Rank | None] = {}  # per _Text (by id): shared across items
        hits: list[tuple[_Rank, int]] = []
        for index, entry in enumerate(self._entries):
            rank = self._rank(entry, q, qp, tag_ranks)
            if rank is not None:
                hits.append((rank, index))
        hits.sort()
        return [self._entries[index].item for _, index in hits[:limit]]

    @staticmethod
    def _rank(entry: _Entry, q: str, qp: str, tag_ranks: dict[int, _Rank | None]) -> _Rank | None:
        name = entry.name
        if name.plain == q:
            return _EXACT, 0, 0
        at = name.find(q)
        if at == 0:
            return _NAME_PREFIX, 0, 0
        if at > 0:
            return _NAME_CONTAINS, at, 0
        sub = entry.subitem
        if sub is not None and (at := sub.find(q)) >= 0:
            return _SUBITEM_CONTAINS, at, 0
        if (typed := name.pinyin_at(qp)) is not None:
            return _NAME_PINYIN, typed[0], int(not typed[1])
        if sub is not None and (typed := sub.pinyin_at(qp)) is not None:
            return _SUBITEM_PINYIN, typed[0], int(not typed[1])
        best: _Rank | None = None
        for tag in entry.tags:
            key = id(tag)
            if key not in tag_ranks:
                if (at := tag.find(q)) >= 0:
                    tag_ranks[key] = (_TAG, at, 0)
                elif (typed := tag.pinyin_at(qp)) is not None:
                    tag_ranks[key] = (_TAG_PINYIN, typed[0], int(not typed[1]))
                else:
                    tag_ranks[key] = None
            rank = tag_ranks[key]
            if rank is not None and (best is None or rank < best):
                best = rank
        return best
