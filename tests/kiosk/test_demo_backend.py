"""The demo back end: a complete catalogue, cases in every state for the simulator's cards, dates
that move with ``today``, the fail modes, and data files that say where they are wrong."""

from __future__ import annotations

import re
import threading
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from pypinyin import Style, lazy_pinyin

from drivers.idcard.card import check_digit
from drivers.idcard.synthetic import CARDS
from ground.workdays import is_workday, workdays_between
from kiosk.backend.demo import (
    CASES_FILE,
    DATA_DIR,
    HALL_FILE,
    ITEMS_FILE,
    DemoBackend,
    DemoDataError,
    working_days_before,
)
from kiosk.backend.model import (
    OPEN_STATUSES,
    Backend,
    BackendError,
    BackendTimeout,
    Case,
    CaseStatus,
    NotFound,
    ServiceItem,
)

TODAY = date(2026, 6, 17)  # a Wednesday
CHINESE = re.compile(r"[\u4e00-\u9fff]")
RESIDENT = CARDS["resident"].number
LONG_TERM = CARDS["resident_long_term"].number
GUIDE_TEXT = ("name", "type", "department", "conditions", "authority", "legal_basis", "fees", "place", "hours",
              "result", "result_sample", "consult", "supervise", "guide_url")


@pytest.fixture(scope="module")
def backend() -> DemoBackend:
    return DemoBackend(today=TODAY)


@pytest.fixture(scope="module")
def items(backend: DemoBackend) -> list[ServiceItem]:
    return backend.items()


def _all_cases(b: DemoBackend) -> list[Case]:
    # The interface lists no cases without a number: take the numbers from the file, the cases from b.
    import tomllib
    numbers = [c["case_no"] for c in tomllib.loads((DATA_DIR / CASES_FILE).read_text(encoding="utf-8"))["case"]]
    return [b.case(n) for n in numbers]


# --------------------------------------------------------------------------------------------
# The catalogue
# --------------------------------------------------------------------------------------------

def test_it_is_a_backend(backend: DemoBackend) -> None:
    b: Backend = backend  # mypy checks the protocol; this checks it at run time as far as it can
    assert all(callable(getattr(b, m)) for m in ("hall", "items", "item", "case", "cases_of"))


def test_every_item_has_a_complete_guide(items: list[ServiceItem]) -> None:
    assert len(items) >= 32
    for it in items:
        for field in GUIDE_TEXT:
            assert getattr(it, field).strip(), f"{it.code}: {field} is empty"
        assert it.materials, f"{it.code}: no materials"
        for m in it.materials:
            assert m.name.strip() and m.source.strip() and m.kind.strip() and m.format.strip(), (it.code, m)
            assert m.kind in ("原件", "复印件", "原件及复印件"), (it.code, m.name, m.kind)
            assert m.copies >= 1, (it.code, m.name)
        assert it.procedure and all(step.strip() for step in it.procedure), it.code
        assert it.forms and all(form.strip() for form in it.forms), it.code
        assert 1 <= len(it.themes) <= 3, (it.code, it.themes)
        assert it.guide_url == f"https://zwfw.example.cn/guide/{it.code}"
        assert "不收费" in it.fees or "元" in it.fees, f"{it.code}: fees say neither 不收费 nor an amount"
        assert len(it.fees.rstrip("。")) > len("不收费"), f"{it.code}: 不收费 without its basis"
        assert "《" in it.legal_basis, f"{it.code}: legal basis names no law"


def test_forms_marked_with_a_sample_are_the_tables(items: list[ServiceItem]) -> None:
    # seed 002 第十条（二）: every 表 a citizen fills in has a blank form and a sample somewhere.
    tables = [(it.code, m) for it in items for m in it.materials if m.name.endswith("表》")]
    assert len(tables) >= 10
    assert all(m.sample.strip() for _, m in tables), [c for c, m in tables if not m.sample.strip()]


def test_no_catch_all_materials(items: list[ServiceItem]) -> None:
    catch_all = re.compile(r"其他|其它|有关|相关材料|等材料")
    bad = [(it.code, m.name) for it in items for m in it.materials if catch_all.search(m.name)]
    assert not bad


def test_codes_departments_themes(items: list[ServiceItem]) -> None:
    codes = [it.code for it in items]
    assert len(codes) == len(set(codes))
    departments = Counter(it.department for it in items)
    assert len(departments) >= 8, departments
    themes = {t for it in items for t in it.themes}
    assert {"社会保障", "医疗保障", "户籍证件", "婚姻登记", "企业开办", "不动产", "公积金", "生育", "养老",
            "残疾人服务", "税务"} <= themes


def test_time_limits(items: list[ServiceItem]) -> None:
    for it in items:
        assert it.promised_limit_days <= it.legal_limit_days, it.code
        assert it.promised_limit_days <= 20, it.code
    instant = [it for it in items if it.promised_limit_days == 0]
    counted = [it for it in items if it.promised_limit_days > 0]
    assert len(instant) >= 5 and len(counted) >= 10
    assert any(it.promised_limit_days < it.legal_limit_days for it in counted)


def test_self_service_items_say_so_in_their_forms(items: list[ServiceItem]) -> None:
    self_service = [it for it in items if it.self_service]
    assert len(self_service) >= 5
    assert all(any(f.startswith("自助终端办理") for f in it.forms) for it in self_service)


@pytest.mark.parametrize("name", ["城乡居民基本医疗保险参保登记", "灵活就业人员养老保险参保登记", "居民身份证换领",
                                  "结婚登记", "个体工商户设立登记", "住房公积金提取", "残疾人证办理",
                                  "不动产登记资料查询"])
def test_the_items_the_demo_needs_are_there(items: list[ServiceItem], name: str) -> None:
    assert [it for it in items if it.name == name]


def test_the_medical_insurance_item_is_found_by_pinyin_initials(items: list[ServiceItem]) -> None:
    def initials(text: str) -> str:
        return "".join(lazy_pinyin(text, style=Style.FIRST_LETTER))

    found = [it.name for it in items if "ylbx" in initials(it.name)]
    assert any("城乡居民基本医疗保险" in name for name in found), found


def test_item_by_code(backend: DemoBackend, items: list[ServiceItem]) -> None:
    for it in items:
        assert backend.item(it.code) == it
    assert backend.item(f"  {items[0].code}\n") == items[0]
    with pytest.raises(NotFound) as exc:
        backend.item("150602-XX-9999")
    assert CHINESE.search(exc.value.reason) and "150602-XX-9999" in str(exc.value)


def test_items_come_in_catalogue_order_and_a_caller_cannot_reorder_them(backend: DemoBackend) -> None:
    first = backend.items()
    assert [it.code for it in first[:2]] == ["150602-YB-0001", "150602-YB-0002"]  # the file's order
    first.reverse()
    assert backend.items()[0].code == "150602-YB-0001"


def test_the_hall() -> None:
    hall = DemoBackend(today=TODAY).hall()
    assert hall.name == "鄂尔多斯市东胜区政务服务中心"
    assert re.fullmatch(r"0477-8\d{6}", hall.hotline)
    assert hall.complaint_phone == "12345" and hall.address and hall.staffed_hours
    assert ".example." in hall.guide_url


# --------------------------------------------------------------------------------------------
# Cases
# --------------------------------------------------------------------------------------------

def test_every_state_has_cases(backend: DemoBackend) -> None:
    all_cases = _all_cases(backend)
    assert len(all_cases) >= 18
    by_status = Counter(c.status for c in all_cases)
    assert all(by_status[s] >= 2 for s in CaseStatus), by_status


def test_what_each_state_carries(backend: DemoBackend, items: list[ServiceItem]) -> None:
    materials = {it.code: {m.name for m in it.materials} for it in items}
    for c in _all_cases(backend):
        assert c.item_code in materials and c.matter
        assert c.progress_url == f"https://zwfw.example.cn/progress/{c.case_no}"
        assert c.steps and all(s.step and s.result for s in c.steps)
        times = [s.time for s in c.steps]
        assert times == sorted(times), c.case_no
        match c.status:
            case CaseStatus.CORRECTION:
                assert c.missing and all(m.problem for m in c.missing)
                # what is missing is named as the guide names it, so the slip can print both
                assert {m.name for m in c.missing} <= materials[c.item_code], c.case_no
            case CaseStatus.REFUSED:
                assert "行政复议" in c.refusal and "行政诉讼" in c.refusal, c.case_no
            case CaseStatus.APPROVED:
                assert c.pickup, c.case_no
            case CaseStatus.SUBMITTED:
                assert c.accepted_on is None
        if c.status is not CaseStatus.CORRECTION:
            assert not c.missing
        if c.status is not CaseStatus.REFUSED:
            assert not c.refusal
        if c.status in OPEN_STATUSES - {CaseStatus.SUBMITTED, CaseStatus.CORRECTION}:
            assert c.accepted_on is not None


def test_a_locker_pickup_and_a_window_pickup(backend: DemoBackend) -> None:
    pickups = [c.pickup for c in _all_cases(backend) if c.status is CaseStatus.APPROVED]
    assert any("文件柜" in p for p in pickups) and any("窗口" in p for p in pickups)


def test_applicants_are_the_invented_people_only(backend: DemoBackend) -> None:
    cards = {card.number: card.name for card in CARDS.values()}
    for c in _all_cases(backend):
        assert c.applicant_name.startswith(("测试", "样例")), c.case_no
        if c.applicant_id in cards:
            assert cards[c.applicant_id] == c.applicant_name
        else:  # built by make_number: 18 digits with a correct check digit
            assert re.fullmatch(r"\d{17}[\dX]", c.applicant_id)
            assert check_digit(c.applicant_id[:17]) == c.applicant_id[17]
        assert c.applicant_name not in repr(c) and c.applicant_id not in repr(c)
    assert CARDS["bad_check_digit"].number not in {c.applicant_id for c in _all_cases(backend)}


def test_the_resident_card_has_cases_in_four_states_newest_first(backend: DemoBackend) -> None:
    mine = backend.cases_of(RESIDENT)
    assert len(mine) >= 4
    assert len({c.status for c in mine}) >= 4
    assert all(c.applicant_id == RESIDENT and c.applicant_name == "测试甲" for c in mine)
    applied = [c.steps[0].time for c in mine]
    assert applied == sorted(applied, reverse=True)
    assert backend.cases_of(f" {RESIDENT} ") == mine


def test_the_other_cards(backend: DemoBackend) -> None:
    assert len(backend.cases_of(LONG_TERM)) >= 3
    for key in ("hmt_permit", "foreign_pr_2017", "foreign_pr_2023"):
        assert backend.cases_of(CARDS[key].number), key
    assert backend.cases_of(CARDS["foreign_pr_2017"].number.lower()) == backend.cases_of(
        CARDS["foreign_pr_2017"].number)


def test_no_cases_is_an_empty_list(backend: DemoBackend) -> None:
    assert backend.cases_of("150602199901010000") == []
    assert backend.cases_of("") == []


def test_case_by_number(backend: DemoBackend) -> None:
    for c in backend.cases_of(RESIDENT):
        assert backend.case(c.case_no) == c
        assert backend.case(f" {c.case_no} ") == c
    with pytest.raises(NotFound) as exc:
        backend.case("000000000000")
    assert CHINESE.search(exc.value.reason)
    assert isinstance(exc.value, BackendError)


# --------------------------------------------------------------------------------------------
# Dates
# --------------------------------------------------------------------------------------------

def test_dates_are_working_days_before_today(backend: DemoBackend) -> None:
    for c in _all_cases(backend):
        for s in c.steps:
            assert s.time < datetime.combine(TODAY, datetime.min.time()), c.case_no
            assert is_workday(s.time.date()), (c.case_no, s)
        if c.accepted_on is not None:
            assert c.accepted_on < TODAY and is_workday(c.accepted_on)


def test_no_case_is_overdue(backend: DemoBackend, items: list[ServiceItem]) -> None:
    # Offsets in working days keep the demo's picture the same on any day: an open case is within
    # its promised limit today, a decided one was decided within it (correction stops the clock).
    limits = {it.code: it.promised_limit_days for it in items}
    checked = 0
    for c in _all_cases(backend):
        if c.accepted_on is None or c.status is CaseStatus.CORRECTION:
            continue
        decided = next((s for s in c.steps if s.step == "决定"), c.steps[-1])  # collecting comes later
        end = TODAY if c.status in OPEN_STATUSES else decided.time.date()
        assert workdays_between(c.accepted_on, end) <= limits[c.item_code], c.case_no
        checked += 1
    assert checked >= 15


def test_dates_move_with_today() -> None:
    # 2030 is past the official calendar: Monday to Friday, so a week later is seven days later
    a, b = DemoBackend(today=date(2030, 3, 6)), DemoBackend(today=date(2030, 3, 13))
    for old in _all_cases(a):
        new = b.case(old.case_no)
        assert [s.time - o.time for s, o in zip(new.steps, old.steps, strict=True)] == [timedelta(days=7)] * len(
            old.steps)
        if old.accepted_on is not None:
            assert new.accepted_on == old.accepted_on + timedelta(days=7)


def test_the_official_calendar_with_its_adjusted_weekends() -> None:
    assert working_days_before(date(2026, 10, 8), 1) == date(2026, 9, 30)  # over 国庆节
    assert working_days_before(date(2026, 10, 12), 1) == date(2026, 10, 10)  # a Saturday worked (调休)
    assert working_days_before(date(2030, 3, 4), 1) == date(2030, 3, 1)  # unknown year: the Friday before
    assert working_days_before(TODAY, 0) == TODAY
    accepted = DemoBackend(today=date(2026, 10, 8)).cases_of(RESIDENT)
    assert all(not (date(2026, 10, 1) <= s.time.date() <= date(2026, 10, 7)) for c in accepted for s in c.steps)


def test_today_defaults_to_the_current_date() -> None:
    b = DemoBackend()
    now = datetime.now()
    newest = b.cases_of(RESIDENT)[0]
    assert newest.steps[0].time < now
    assert (now - newest.steps[0].time).days < 10


# --------------------------------------------------------------------------------------------
# Fail modes, latency, threads
# --------------------------------------------------------------------------------------------

CALLS: list[Callable[[DemoBackend], object]] = [
    lambda b: b.hall(), lambda b: b.items(), lambda b: b.item("150602-YB-0001"),
    lambda b: b.case("1506020500000213"), lambda b: b.cases_of(RESIDENT),
]


def test_fail_timeout_waits_then_raises() -> None:
    b = DemoBackend(today=TODAY, timeout_s=0.05)
    b.fail("timeout")
    for call in CALLS:
        start = time.monotonic()
        with pytest.raises(BackendTimeout) as exc:
            call(b)
        assert time.monotonic() - start >= 0.05
        assert CHINESE.search(exc.value.reason)
    b.fail("none")
    assert b.item("150602-YB-0001").name == "城乡居民基本医疗保险参保登记"


def test_fail_error_raises_at_once() -> None:
    b = DemoBackend(today=TODAY, timeout_s=30)
    b.fail("error")
    start = time.monotonic()
    for call in CALLS:
        with pytest.raises(BackendError) as exc:
            call(b)
        assert not isinstance(exc.value, BackendTimeout | NotFound)
        assert CHINESE.search(exc.value.reason)
    assert time.monotonic() - start < 5  # not the 30 s of the timeout mode
    b.fail("none")
    assert b.hall().name


def test_fail_takes_only_its_modes() -> None:
    with pytest.raises(ValueError, match="timeout"):
        DemoBackend(today=TODAY).fail("slow")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        DemoBackend(today=TODAY, latency_s=-1)


def test_latency() -> None:
    b = DemoBackend(today=TODAY, latency_s=0.05)
    start = time.monotonic()
    b.item("150602-YB-0001")
    assert time.monotonic() - start >= 0.05
    b.latency_s = 0
    assert b.latency_s == 0


def test_calls_from_many_threads() -> None:
    b = DemoBackend(latency_s=0.001)  # today=None: every call reads the date and shares the cache
    expected = [c.case_no for c in b.cases_of(RESIDENT)]
    barrier = threading.Barrier(8)

    def work(i: int) -> list[str]:
        barrier.wait()
        out = []
        for _ in range(40):
            out = [c.case_no for c in b.cases_of(RESIDENT)]
            assert b.case(out[0]).case_no == out[0]
            assert b.item("150602-GJJ-0001").code == "150602-GJJ-0001"
        return out

    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(work, range(8)))
    assert results == [expected] * 8


# --------------------------------------------------------------------------------------------
# Data files
# --------------------------------------------------------------------------------------------

def test_the_data_files_are_package_data() -> None:
    names = {p.name for p in DATA_DIR.iterdir()}
    assert {ITEMS_FILE, CASES_FILE, HALL_FILE} <= names
    assert "kiosk" in str(DATA_DIR) and str(DATA_DIR).endswith("data")


def _copy_shipped(tmp_path: Path) -> Path:
    out = tmp_path / "data"
    out.mkdir()
    for name in (ITEMS_FILE, CASES_FILE, HALL_FILE):
        (out / name).write_text((DATA_DIR / name).read_text(encoding="utf-8"), encoding="utf-8")
    return out


def _edit_table(text: str, header: str, index: int, edit: Callable[[str], str]) -> str:
    """``edit`` applied to the text of the ``index``-th ``[[header]]`` table (with its sub-tables)."""
    sep = f"\n[[{header}]]\n"
    parts = text.split(sep)
    parts[index + 1] = edit(parts[index + 1])
    return sep.join(parts)


def _drop_line(key: str) -> Callable[[str], str]:
    return lambda block: re.sub(rf"^{key} = .*\n", "", block, count=1, flags=re.M)


def _set(key: str, value: str) -> Callable[[str], str]:
    return lambda block: re.sub(rf"^{key} = .*$", f"{key} = {value}", block, count=1, flags=re.M)


def _approved_index() -> int:
    import tomllib
    data = tomllib.loads((DATA_DIR / CASES_FILE).read_text(encoding="utf-8"))
    return next(i for i, c in enumerate(data["case"]) if c["status"] == "approved")


BROKEN: list[tuple[str, str, Callable[[str], str], list[str]]] = [
    ("fees missing", ITEMS_FILE, lambda t: _edit_table(t, "item", 3, _drop_line("fees")),
     ["key item.3.fees (item 150602-YB-0004): missing"]),
    ("negative copies", ITEMS_FILE, lambda t: _edit_table(t, "item", 0, _set("copies", "-1")),
     ["key item.0.materials.0.copies (item 150602-YB-0001): bad value -1"]),
    ("duplicate code", ITEMS_FILE, lambda t: _edit_table(t, "item", 1, _set("code", '"150602-YB-0001"')),
     ["key item.1.code", "duplicate '150602-YB-0001' (also item.0)"]),
    ("unknown key", ITEMS_FILE, lambda t: _edit_table(t, "item", 2, lambda b: "feez = 1\n" + b),
     ["key item.2.feez", "unknown key"]),
    ("bad status", CASES_FILE, lambda t: _edit_table(t, "case", 0, _set("status", '"lost"')),
     ["key case.0.status (case 1506020600002315)", "'submitted'"]),
    ("unknown applicant", CASES_FILE, lambda t: _edit_table(t, "case", 1, _set("applicant", '"zhangsan"')),
     ["key case.1.applicant (case 1506020800001156): unknown person 'zhangsan'", "resident"]),
    ("unknown item", CASES_FILE, lambda t: _edit_table(t, "case", 2, _set("item_code", '"150602-XX-0001"')),
     ["key case.2.item_code (case 1506020500000213): no item '150602-XX-0001' in items.toml"]),
    ("approved without pickup", CASES_FILE, lambda t: _edit_table(t, "case", _approved_index(), _drop_line("pickup")),
     [f"key case.{_approved_index()} (case ", "pickup"]),
    ("a real-looking name", CASES_FILE, lambda t: t.replace('name = "样例庚"', 'name = "王小明"'),
     ["key people.yangli_geng.name", "测试 or 样例"]),
    ("bad time of day", CASES_FILE, lambda t: t.replace('at = "21:40"', 'at = "25:00"'),
     ["key case.0.steps.0.at", "HH:MM"]),
    ("hall key", HALL_FILE, lambda t: t.replace("hotline =", "hotlin ="),
     ["key hotlin", "unknown key", "key hotline: missing"]),
    ("not TOML", HALL_FILE, lambda t: t + "\nname = [\n", ["not valid TOML"]),
]


@pytest.mark.parametrize(("what", "name", "edit", "expected"), BROKEN, ids=[b[0] for b in BROKEN])
def test_a_broken_data_file_names_the_file_and_the_key(
        tmp_path: Path, what: str, name: str, edit: Callable[[str], str], expected: list[str]) -> None:
    data = _copy_shipped(tmp_path)
    DemoBackend(today=TODAY, data_dir=data)  # the copy itself is fine
    path = data / name
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(DemoDataError) as exc:
        DemoBackend(today=TODAY, data_dir=data)
    message = str(exc.value)
    for line in message.splitlines():
        assert line.startswith(f"{path}: "), line
    for part in expected:
        assert part in message, message


def test_a_missing_data_file(tmp_path: Path) -> None:
    data = _copy_shipped(tmp_path)
    (data / CASES_FILE).unlink()
    with pytest.raises(DemoDataError, match=rf"{re.escape(str(data / CASES_FILE))}: no such file"):
        DemoBackend(data_dir=data)
