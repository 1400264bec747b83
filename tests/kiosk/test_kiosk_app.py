"""The kiosk end to end, as a citizen touches it: simulators on their real transports, demo back end."""

from __future__ import annotations

from typing import Any

from drivers.idcard.synthetic import CARDS
from ground.logs import mask_name
from tests.kiosk.kioskharness import Citizen, spin, wait_for


def _place(citizen: Citizen, card: str) -> None:
    citizen.app.demo_rig.place_card(card)


def test_card_on_the_home_screen_starts_an_identified_session(kiosk: Citizen) -> None:
    assert kiosk.app.session.state.value == "idle"
    _place(kiosk, "resident")
    kiosk.wait_text("您好，" + mask_name(CARDS["resident"].name))
    assert kiosk.app.session.state.value == "active"
    assert CARDS["resident"].name not in kiosk.screen_text()  # masked on screen
    assert kiosk.app.voice.said and kiosk.app.voice.said[0] == "您好，请放置身份证，或点击要办理的业务"


def test_expired_and_bad_cards_are_told_in_words_and_voice(kiosk: Citizen) -> None:
    kiosk.tap("service_identity")
    kiosk.wait_page("identity")
    _place(kiosk, "hmt_permit")  # valid to 2026-01-15; today is 2026-12-03
    kiosk.wait_text("证件已过有效期，请到人工窗口办理")
    wait_for(lambda: "证件已过有效期，请到人工窗口办理" in kiosk.app.voice.said, what="the error spoken")
    assert kiosk.app.session.get("card") is None  # an expired card identifies nobody


def test_a_card_with_a_bad_check_digit_is_refused(kiosk: Citizen) -> None:
    kiosk.tap("service_identity")
    kiosk.wait_page("identity")
    _place(kiosk, "bad_check_digit")
    kiosk.wait_text("证件信息校验失败，请到人工窗口办理")
    assert kiosk.find("identityRetry") is not None


def test_guide_by_department_to_a_printed_notification_slip(kiosk: Citizen) -> None:
    kiosk.tap("service_guide")
    kiosk.wait_page("guide")
    kiosk.tap("group_0")  # the first department
    first = wait_for(lambda: kiosk.app.guide.results, what="items of the department")[0]
    kiosk.tap(f"item_{first.code}")
    kiosk.wait_page("guideItem")
    kiosk.wait_text(first.name)
    for label in ("受理条件", "实施主体", "法定办结时限", "承诺办结时限", "收费标准及依据", "所需材料",
                  "办理流程", "办理形式", "办理地点", "办理时间", "办理结果", "咨询方式", "监督投诉方式"):
        assert label in kiosk.screen_text(), label
    qr = kiosk.get("qrCode")
    wait_for(lambda: qr.property("implicitWidth") > 0, what="the QR code drawn")
    kiosk.tap("printButton")
    kiosk.wait_text("打印完成，请取走凭条")
    slip = wait_for(kiosk.app.demo_rig.printer_model.slips, what="a slip on the paper")[-1]
    flat = "".join(slip.split())  # the slip wraps long lines at 32 columns
    assert "一次性告知书" in flat and first.name in flat and "".join(first.materials[0].name.split()) in flat


def test_guide_search_by_pinyin_initials(kiosk: Citizen) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    kiosk.tap("service_guide")
    kiosk.wait_page("guide")
    field = kiosk.get("searchField")
    field.forceActiveFocus()
    for ch in "ylbx":  # typed on the keyboard, key by key
        QTest.keyClick(kiosk.window, Qt.Key(Qt.Key.Key_A.value + ord(ch) - ord("a")), Qt.KeyboardModifier.NoModifier)
    assert field.property("text") == "ylbx"
    kiosk.tap("searchButton")
    wait_for(lambda: any("城乡居民基本医疗保险" in r.name for r in kiosk.app.guide.results), what="ylbx found")


def test_paper_out_before_printing_offers_the_qr_code(kiosk: Citizen) -> None:
    kiosk.app.demo_rig.printer_model.apply_event("paper", {"value": "out"})
    wait_for(lambda: kiosk.app.availability.device("printer") == "printer_paper_out", what="paper out seen")
    kiosk.tap("service_guide")
    kiosk.tap("group_0")
    first = wait_for(lambda: kiosk.app.guide.results, what="items")[0]
    kiosk.tap(f"item_{first.code}")
    kiosk.wait_text("打印纸已用完，请扫码查看")
    assert not kiosk.get("printButton").isEnabled()
    assert kiosk.find("qrCode") is not None


def test_printer_failing_mid_slip_ends_with_words(kiosk: Citizen) -> None:
    kiosk.tap("service_guide")
    kiosk.tap("group_0")
    first = wait_for(lambda: kiosk.app.guide.results, what="items")[0]
    kiosk.tap(f"item_{first.code}")
    kiosk.get("printButton")
    kiosk.app.demo_rig.printer_model.apply_event("cover", {"value": "open", "after_lines": 3})
    kiosk.tap("printButton")
    wait_for(lambda: kiosk.app.guide.print_state == "failed", timeout=15, what="the job to fail")
    kiosk.wait_text("扫码查看")
    assert kiosk.find("qrCode") is not None
    kiosk.tap("homeButton")
    kiosk.wait_page("home")


def test_backend_timeout_gives_words_within_10_s_and_a_way_home(kiosk: Citizen) -> None:
    import time

    kiosk.app.backend.fail("timeout")
    t0 = time.monotonic()
    kiosk.tap("service_guide")
    kiosk.wait_text("业务系统响应超时，请稍后再试或到人工窗口办理", timeout=11)
    assert time.monotonic() - t0 < 10.5
    kiosk.tap("homeButton")
    kiosk.wait_page("home")


def test_case_by_number_on_the_pad_then_its_slip(kiosk: Citizen) -> None:
    case = next(c for c in kiosk.app.backend.cases_of(CARDS["resident"].number) if c.status.value == "in_review")
    kiosk.tap("service_progress")
    kiosk.wait_page("progress")
    for d in case.case_no:
        kiosk.tap(f"key_{d}")
    assert kiosk.app.progress.number == case.case_no
    kiosk.tap("findNumber")
    kiosk.wait_page("case")
    kiosk.wait_text(case.matter)
    kiosk.wait_text("审查中")
    assert mask_name(case.applicant_name) in kiosk.screen_text()
    assert kiosk.app.progress.case_view(case)["deadlineCode"] in ("ok", "unknown_year")
    kiosk.tap("printButton")
    kiosk.wait_text("打印完成，请取走凭条")
    slip = kiosk.app.demo_rig.printer_model.slips()[-1]
    flat = "".join(slip.split())
    assert "办件进度凭条" in flat and case.case_no in flat and case.applicant_name not in flat


def test_case_number_too_short_and_unknown(kiosk: Citizen) -> None:
    kiosk.tap("service_progress")
    for d in "123":
        kiosk.tap(f"key_{d}")
    kiosk.tap("findNumber")
    kiosk.wait_text("办件编号应为6至24位数字，请核对后重新输入")
    for d in "999999":
        kiosk.tap(f"key_{d}")
    kiosk.tap("findNumber")
    kiosk.wait_text("未查询到相关信息，请核对后重试")


def test_my_cases_by_the_card(kiosk: Citizen) -> None:
    _place(kiosk, "resident")
    kiosk.wait_text("您好，")
    kiosk.tap("service_progress")
    kiosk.tap("findByCard")
    wait_for(lambda: len(kiosk.app.progress.cases) >= 4, what="the citizen's cases")
    first = kiosk.app.progress.cases[0]
    # The list's delegates are made again as the cases arrive: the tap waits for the row to stay put.
    kiosk.tap(f"case_{first.case_no}")
    kiosk.wait_page("case")


def test_reader_down_greys_out_identity_with_the_reason(kiosk: Citizen, rig: Any) -> None:
    rig.idcard.stop()
    wait_for(lambda: kiosk.app.availability.device("idcard") not in (None,), timeout=15, what="reader seen down")
    button = kiosk.get("service_identity")
    wait_for(lambda: not button.isEnabled(), what="identity greyed out")
    kiosk.wait_text("身份证阅读器暂停使用，可用办件编号查询")
    kiosk.tap("service_progress")  # the case number path still works
    kiosk.wait_page("progress")


def test_countdown_continue_and_timeout_wipe(qapp: Any, rig: Any) -> None:
    from ground.clock import FakeClock
    from tests.kiosk.conftest import make_app

    clock = FakeClock()
    app = make_app(rig, clock=clock)
    app.start()
    try:
        c = Citizen(app)
        c.wait_page("home")
        _place(c, "resident")
        c.wait_text("您好，")
        c.tap("service_progress")
        clock.advance(61)
        c.get("countdown")
        c.wait_text("秒后将结束本次办理并清除您的信息")
        for _ in range(10):  # at least ten times (WCAG 2.2.1)
            c.tap("continueButton")
            wait_for(lambda: app.session.state.value == "active", what="back to active")
            clock.advance(61)
            c.get("countdown")
        clock.advance(31)
        c.wait_page("home")
        wait_for(lambda: app.session.state.value == "idle", what="session over")
        assert app.identity.card is None and app.session.get("card") is None
        assert "您好，" + mask_name(CARDS["resident"].name) not in c.screen_text()
    finally:
        app.stop()
        spin(0.05)
    assert app.qml_warnings == []


def test_guide_search_in_chinese_through_the_on_screen_keyboard(kiosk: Citizen) -> None:
    from PySide6.QtGui import QGuiApplication, QInputMethodEvent

    kiosk.tap("service_guide")
    kiosk.wait_page("guide")
    kiosk.tap("searchField")
    wait_for(lambda: kiosk.find("keyboard") is not None, what="the on-screen keyboard shown")
    field = kiosk.get("searchField")
    # What the keyboard's Pinyin sends when the citizen picks the candidate 医疗 after typing "yiliao".
    event = QInputMethodEvent("", [])
    event.setCommitString("医疗")
    QGuiApplication.sendEvent(field, event)
    assert field.property("text") == "医疗"
    kiosk.tap("searchButton")
    wait_for(lambda: any("医疗" in r.name for r in kiosk.app.guide.results), what="items with 医疗")
    assert all("医疗" in (r.name + r.department + "".join(r.themes)) for r in kiosk.app.guide.results)


def test_an_id_number_typed_as_a_case_number_is_not_sent(kiosk: Citizen, rig: Any) -> None:
    kiosk.tap("service_progress")
    for d in CARDS["resident"].number:
        kiosk.tap(f"key_{d}")
    kiosk.tap("findNumber")
    kiosk.wait_text("这是身份证号码，不是办件编号")
    assert kiosk.app.progress.number == ""  # forgotten at once


def test_back_into_a_service_from_home_mid_session(kiosk: Citizen) -> None:
    kiosk.tap("service_guide")
    kiosk.tap("group_0")
    first = wait_for(lambda: kiosk.app.guide.results, what="items")[0]
    kiosk.tap(f"item_{first.code}")
    kiosk.wait_page("guideItem")
    kiosk.tap("homeButton")
    kiosk.tap("service_guide")  # the flow still holds the item: the guide opens at its start
    kiosk.wait_page("guide")
    spin(0.3)
    assert kiosk.shown_page() == "guide" and kiosk.app.qml_warnings == []


def test_a_card_placed_just_after_leaving_home_is_not_lost(kiosk: Citizen) -> None:
    for _ in range(3):  # quick round trips leave no reads piled up on the device thread
        kiosk.tap("service_guide")
        kiosk.wait_page("guide")
        kiosk.tap("homeButton")
        kiosk.wait_page("home")
    kiosk.tap("service_guide")
    _place(kiosk, "resident")
    kiosk.tap("homeButton")
    kiosk.wait_text("您好，" + mask_name(CARDS["resident"].name))


def test_foreign_permanent_residence_cards_identify(kiosk: Citizen) -> None:
    for card in ("foreign_pr_2017", "foreign_pr_2023"):
        _place(kiosk, card)
        kiosk.wait_text("您好，" + mask_name(CARDS[card].name))
        kiosk.tap("endButton")
        wait_for(lambda: kiosk.app.session.state.value == "idle", what="session over")
        kiosk.app.demo_rig.remove_card()


def test_reader_lost_while_waiting_for_a_card_ends_with_words(kiosk: Citizen, rig: Any) -> None:
    kiosk.tap("service_identity")
    kiosk.wait_page("identity")
    rig.idcard.stop()  # unplugged while the citizen looks for the card
    kiosk.wait_text("身份证阅读器暂停使用，可用办件编号查询", timeout=15)
    kiosk.tap("homeButton")
    kiosk.wait_page("home")


def test_progress_backend_timeout_and_a_slip_that_fails(kiosk: Citizen) -> None:
    import time

    case = next(c for c in kiosk.app.backend.cases_of(CARDS["resident"].number) if c.status.value == "in_review")
    kiosk.tap("service_progress")
    for d in case.case_no:
        kiosk.tap(f"key_{d}")
    kiosk.app.backend.fail("timeout")
    t0 = time.monotonic()
    kiosk.tap("findNumber")
    kiosk.wait_text("业务系统响应超时，请稍后再试或到人工窗口办理", timeout=11)
    assert time.monotonic() - t0 < 10.5
    kiosk.app.backend.fail("none")
    kiosk.tap("findNumber")
    kiosk.wait_page("case")
    kiosk.app.demo_rig.printer_model.apply_event("cover", {"value": "open", "after_lines": 2})
    kiosk.tap("printButton")
    wait_for(lambda: kiosk.app.progress.print_state == "failed", timeout=15, what="the slip to fail")
    kiosk.wait_text("扫码查看")
    kiosk.tap("homeButton")
    kiosk.wait_page("home")
