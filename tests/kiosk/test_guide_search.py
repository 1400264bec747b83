"""kiosk.guide_search: Chinese, full Pinyin and initials, polyphonic characters, ranking, browsing."""

from __future__ import annotations

import time

import pytest

from kiosk.backend.model import Material, ServiceItem
from kiosk.guide_search import GuideIndex, normalize


def item(code: str, name: str, department: str, themes: list[str], subitem: str = "") -> ServiceItem:
    return ServiceItem(
        code=code, name=name, subitem=subitem, type="公共服务", department=department, themes=themes,
        conditions="无", authority=department, legal_basis="《示例条例》", legal_limit_days=20,
        promised_limit_days=5, fees="不收费", materials=[Material(name="居民身份证", kind="原件")],
        procedure=["申请", "受理", "办结"], forms=["窗口办理"], place="政务服务大厅", hours="工作日 9:00-17:00",
        result="办理结果", consult="0482-1234567", supervise="12345", guide_url="https://example.invalid/g")


CATALOGUE = [
    item("A1", "城乡居民基本医疗保险参保登记", "医疗保障局", ["医保", "社保"]),
    item("A2", "医疗保险关系转移接续", "医疗保障局", ["医保"]),
    item("A3", "户口迁移", "公安局", ["户籍"], subitem="市内迁移"),
    item("A4", "居民身份证换领", "公安局", ["户籍", "证件"]),
    item("A5", "个体工商户设立登记", "市场监督管理局", ["企业开办"]),
    item("A6", "银行开户许可证明", "人民银行", ["企业开办"]),
    item("A7", "重大疾病医疗救助", "医疗保障局", ["医保", "救助"]),
    item("A8", "绿色建筑标识申请", "住房和城乡建设局", ["住房"]),
    item("A9", "医疗", "卫生健康委员会", ["卫生"]),
]


@pytest.fixture(scope="module")
def index() -> GuideIndex:
    return GuideIndex(CATALOGUE)


def codes(items: list[ServiceItem]) -> list[str]:
    return [i.code for i in items]


def test_initials(index: GuideIndex) -> None:
    assert codes(index.search("ylbx")) == ["A2", "A1"]  # 医疗保险 at the start of A2's name first
    assert codes(index.search("cxjm")) == ["A1"]
    assert codes(index.search("CXJM")) == ["A1"]  # case does not matter
    assert codes(index.search("c x j m")) == ["A1"]  # nor spaces
    assert codes(index.search("ｃｘｊｍ")) == ["A1"]  # nor full-width letters (NFKC)
    assert codes(index.search("chxjm")) == ["A1"]  # ch as well as c for 城


def test_full_pinyin_and_its_prefixes(index: GuideIndex) -> None:
    assert codes(index.search("yiliaobaoxian")) == ["A2", "A1"]
    # the item named 医疗 typed whole first, then the names starting with it, then by where it starts
    assert codes(index.search("yiliao")) == ["A9", "A2", "A7", "A1"]
    assert "A1" in codes(index.search("yiliaob"))  # ends inside a syllable
    assert "A1" in codes(index.search("yili"))
    assert codes(index.search("yilbx")) == ["A2", "A1"]  # syllables and initials mixed
    assert codes(index.search("医liao")) == ["A9", "A2", "A7", "A1"]


def test_chinese_substrings_ranked(index: GuideIndex) -> None:
    found = codes(index.search("医疗"))
    assert found[0] == "A9"  # exact name
    assert found[1] == "A2"  # name starts with it
    assert set(found[2:4]) == {"A1", "A7"}  # names contain it; A7's 医疗 comes earlier than A1's
    assert found[2:4] == ["A7", "A1"]
    assert len(found) == 4  # the department 医疗保障局 adds no other item: each is listed once


def test_department_and_theme_matches_rank_last(index: GuideIndex) -> None:
    found = codes(index.search("户籍"))
    assert found == ["A3", "A4"]  # by theme, catalogue order
    found = codes(index.search("gongan"))  # 公安局 by Pinyin
    assert found == ["A3", "A4"]
    assert codes(index.search("证件")) == ["A4"]  # a theme
    assert codes(index.search("zhengjian")) == ["A4"]  # a theme's Pinyin
    assert codes(index.search("yb")) == ["A1", "A2", "A7"]  # 医保 by initials


def test_names_before_themes(index: GuideIndex) -> None:
    # 证 in two names (A4 居民身份证 at 5, A6 许可证明 at 6) and in A4's theme 证件: by position in the name
    assert codes(index.search("证")) == ["A4", "A6"]
    idx = GuideIndex([item("P", "养老金领取", "社会保险中心", ["社保"]), item("Q", "社保卡挂失", "人社局", [])])
    assert codes(idx.search("社保")) == ["Q", "P"]  # Q by name though P comes first in the catalogue
    assert codes(idx.search("shebao")) == ["Q", "P"]
    assert codes(idx.search("sbk")) == ["Q"]


def test_subitem_is_searched(index: GuideIndex) -> None:
    assert codes(index.search("市内")) == ["A3"]
    assert codes(index.search("snqy")) == ["A3"]


def test_polyphonic_characters(index: GuideIndex) -> None:
    assert "A6" in codes(index.search("yinhang"))  # 银行: hang
    assert "A6" in codes(index.search("yh"))
    assert "A6" in codes(index.search("yinxing"))  # another reading of 行: found too, never lost
    assert codes(index.search("zhongda"))[:1] == ["A7"]  # 重大: zhong
    assert "A7" in codes(index.search("chongda"))
    assert "A7" in codes(index.search("zdjb"))
    assert "A8" in codes(index.search("lvse"))  # 绿 lü typed v
    assert "A8" in codes(index.search("luse"))  # or u


def test_empty_and_nothing_found(index: GuideIndex) -> None:
    assert index.search("") == []
    assert index.search("   ") == []
    assert index.search("qqqq") == []
    assert index.search("不存在的事项") == []
    assert index.search("xyzzy") == []
    assert index.search("医疗", limit=0) == []


def test_limit(index: GuideIndex) -> None:
    assert len(index.search("医疗", limit=2)) == 2
    assert codes(index.search("医疗", limit=2)) == ["A9", "A2"]


def test_exact_name_first() -> None:
    idx = GuideIndex([item("B1", "户口迁移证明", "公安局", []), item("B2", "户口迁移", "公安局", [])])
    assert codes(idx.search("户口迁移")) == ["B2", "B1"]


def test_browsing(index: GuideIndex) -> None:
    assert index.departments() == ["医疗保障局", "公安局", "市场监督管理局", "人民银行", "住房和城乡建设局",
                                   "卫生健康委员会"]
    assert index.themes() == ["医保", "社保", "户籍", "证件", "企业开办", "救助", "住房", "卫生"]
    assert codes(index.by_department("公安局")) == ["A3", "A4"]
    assert codes(index.by_theme("户籍")) == ["A3", "A4"]
    assert codes(index.by_theme("医保")) == ["A1", "A2", "A7"]
    assert index.by_theme("无此主题") == [] and index.by_department("无此部门") == []
    assert len(index) == len(CATALOGUE) and index.items == tuple(CATALOGUE)


def test_normalize() -> None:
    assert normalize(" Yi Liao\u3000ＢＸ ") == "yiliaobx"


def test_three_hundred_items_index_and_search_fast() -> None:
    depts = ["医疗保障局", "公安局", "市场监督管理局", "人力资源和社会保障局", "民政局", "税务局"]
    words = "城乡居民基本医疗保险参保登记户口迁移身份证换领个体工商户设立银行开户许可证明重大疾病救助养老金申领"
    items = [item(f"C{i}", words[i % 40:i % 40 + 6 + i % 7] + str(i), depts[i % 6], ["主题" + str(i % 9)])
             for i in range(300)]
    GuideIndex(items[:10])  # the Pinyin library's first use, not the index, would be measured otherwise
    t0 = time.perf_counter()
    idx = GuideIndex(items)
    built = time.perf_counter() - t0
    t0 = time.perf_counter()
    for q in ("ylbx", "yiliao", "医疗", "hkqy", "zz", "q"):
        idx.search(q)
    searched = (time.perf_counter() - t0) / 6
    # generous bounds for a shared machine; typically ~10 ms to build (first sight of each character)
    # and a few ms a search
    assert built < 0.25, built
    assert searched < 0.1, searched
