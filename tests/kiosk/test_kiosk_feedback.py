"""The rating after each service and the complaint window, by touch (no agent: the demo's in-memory
sender; tests/kiosk/test_kiosk_feedback_agent.py has the real agent over its socket)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPointF

from drivers.idcard.synthetic import CARDS
from kiosk.flows_feedback import NotAccepted
from tests.kiosk.kioskharness import Citizen, spin, wait_for


def reveal(c: Citizen, name: str) -> None:
    """Scroll the list holding ``name`` until it is in view, as a citizen swipes (long Mongolian and
    elderly pages scroll); then tap it."""
    item = c.get(name)
    flick = item.parentItem()
    while flick is not None and not flick.inherits("QQuickFlickable"):
        flick = flick.parentItem()
    if flick is not None:
        y = item.mapToItem(flick.property("contentItem"), QPointF(0, 0)).y()
        room = flick.height() - item.height()
        top = flick.property("contentY")
        if y < top or y > top + room:
            flick.setProperty("contentY", max(0.0, min(y - room / 2, flick.property("contentHeight") - flick.height())))
            spin(0.05)
    c.tap(name)


def print_guide_slip(c: Citizen) -> Any:
    """The first department's first item's one-time slip; returns the item."""
    c.tap("service_guide")
    c.wait_page("guide")
    wait_for(lambda: c.app.guide.state == "browse", what="the catalogue")
    c.tap("group_0")
    item = wait_for(lambda: c.app.guide.results, what="items")[0]
    c.tap(f"item_{item.code}")
    c.wait_page("guideItem")
    c.tap("printButton")
    return item


def print_case_slip(c: Citizen) -> Any:
    case = c.app.backend.cases_of(CARDS["resident"].number)[0]
    c.tap("service_progress")
    c.wait_page("progress")
    for d in case.case_no:
        c.tap(f"key_{d}")
    c.tap("findNumber")
    c.wait_page("case")
    c.tap("printButton")
    return case


def test_a_printed_guide_slip_is_rated_once(kiosk: Citizen) -> None:
    demo = kiosk.app.feedback.demo
    item = print_guide_slip(kiosk)
    kiosk.wait_page("rating")
    kiosk.wait_text("打印完成，请取走凭条")  # the slip is mentioned on the rating page, and said
    kiosk.wait_text(item.name)
    assert kiosk.app.voice.said[-1].startswith("打印完成，请取走凭条")
    for words in ("非常满意", "满意", "基本满意", "不满意", "非常不满意", "效率", "态度", "办事指南准确", "操作便利"):
        assert words in kiosk.texts(), words
    kiosk.tap("ratingSubmit")  # no level yet: asked for one, nothing sent
    kiosk.wait_text("请先选择一个满意程度")
    assert demo.ratings == []
    reveal(kiosk, "level_satisfied")
    reveal(kiosk, "tag_efficiency")
    reveal(kiosk, "tag_attitude")
    reveal(kiosk, "tag_attitude")  # and off again
    kiosk.tap("ratingSubmit")
    kiosk.wait_text("已提交，感谢您的评价")
    [rating] = demo.ratings
    assert (rating.item_code, rating.item_name, rating.case_no, rating.level, rating.tags) == (
        item.code, item.name, "", "satisfied", ("efficiency",))
    assert rating.rated_at.tzinfo is not None
    kiosk.tap("ratingHome")
    kiosk.wait_page("home")

    # The same service again in the same session: its rating page refuses a second rating.
    print_guide_slip(kiosk)
    kiosk.wait_page("rating")
    kiosk.wait_text("本次服务您已评价过，每项服务只能评价一次")
    assert kiosk.find("ratingSubmit") is None and kiosk.find("level_satisfied") is None
    kiosk.tap("ratingHome")
    kiosk.wait_page("home")
    assert len(demo.ratings) == 1


def test_a_case_slip_is_rated_and_skipping_sends_nothing(kiosk: Citizen) -> None:
    demo = kiosk.app.feedback.demo
    case = print_case_slip(kiosk)
    kiosk.wait_page("rating")
    kiosk.wait_text(case.case_no)
    reveal(kiosk, "level_very_dissatisfied")
    reveal(kiosk, "tag_convenience")
    kiosk.tap("ratingSubmit")
    kiosk.wait_text("已提交，感谢您的评价")
    [rating] = demo.ratings
    assert (rating.item_code, rating.case_no, rating.level, rating.tags) == (
        case.item_code, case.case_no, "very_dissatisfied", ("convenience",))
    kiosk.tap("ratingHome")
    # Another service, skipped: home, nothing sent.
    print_guide_slip(kiosk)
    kiosk.wait_page("rating")
    reveal(kiosk, "level_basic")
    kiosk.tap("ratingSkip")
    kiosk.wait_page("home")
    assert len(demo.ratings) == 1 and kiosk.app.feedback.rating.state == "idle"


def test_a_new_session_may_rate_the_same_service_again(kiosk: Citizen) -> None:
    demo = kiosk.app.feedback.demo
    for _ in range(2):
        print_guide_slip(kiosk)
        kiosk.wait_page("rating")
        reveal(kiosk, "level_very_satisfied")
        kiosk.tap("ratingSubmit")
        kiosk.wait_text("已提交，感谢您的评价")
        kiosk.tap("endButton")  # 结束: the session's 一次一评 record goes with it
        kiosk.wait_page("home")
        wait_for(lambda: kiosk.app.session.state.value == "idle", what="the session over")
    assert [r.level for r in demo.ratings] == ["very_satisfied", "very_satisfied"]
    assert demo.ratings[0].id != demo.ratings[1].id


def test_a_rating_the_agent_does_not_take_says_so_and_is_kept_to_retry(kiosk: Citizen) -> None:
    demo = kiosk.app.feedback.demo
    real = demo.send_rating
    calls: list[str] = []

    def down(rating: Any) -> None:
        calls.append(rating.id)
        raise NotAccepted("agent_unavailable", "test: agent down")

    demo.send_rating = down
    print_guide_slip(kiosk)
    kiosk.wait_page("rating")
    reveal(kiosk, "level_satisfied")
    kiosk.tap("ratingSubmit")
    kiosk.wait_text("暂时无法提交：终端与服务中心的连接中断")
    kiosk.wait_text(kiosk.app.cfg.kiosk.staffed_window)  # where to go instead
    assert "已提交，感谢您的评价" not in kiosk.screen_text()
    assert kiosk.app.feedback.rating.level == "satisfied"  # the choice is still there
    demo.send_rating = real
    kiosk.tap("ratingSubmit")  # 重新提交
    kiosk.wait_text("已提交，感谢您的评价")
    assert [r.id for r in demo.ratings] == calls  # the same rating (same id): the hall keeps it once


def walk_to_phone(c: Citizen, category: str = "slow") -> None:
    reveal(c, "service_complaint")
    c.wait_page("complaint")
    c.tap(f"category_{category}")
    c.wait_text("请选择常见问题，也可以输入您要反映的事项")


def type_digits(c: Citizen, digits: str) -> None:
    c.tap("key_clear")
    for d in digits:
        c.tap(f"key_{d}")


def test_a_complaint_with_a_bad_phone_is_refused_then_filed_with_its_slip(kiosk: Citizen) -> None:
    demo = kiosk.app.feedback.demo
    printer = kiosk.app.demo_rig.printer_model
    before = len(printer.slips())
    walk_to_phone(kiosk)
    kiosk.tap("complaintNext")  # nothing chosen, nothing typed
    kiosk.wait_text("请选择常见问题，或输入您要反映的事项")
    reveal(kiosk, "matter_overdue")
    kiosk.tap("complaintNext")
    kiosk.wait_text("请输入联系电话，工作人员将回电答复")
    kiosk.tap("complaintNext")
    kiosk.wait_text("请输入联系电话，以便工作人员回复您")
    for bad, words in (("1234567890", "手机号码应为11位，以13至19开头，请核对后重新输入"),
                       ("8261234", "固定电话请加区号，例如0482开头"),
                       ("0012345678", "电话号码有误：请输入11位手机号码，或带区号的固定电话")):
        type_digits(kiosk, bad)
        kiosk.tap("complaintNext")
        kiosk.wait_text(words)
        assert kiosk.app.feedback.complaint.state == "phone"
    phone = "13904821234"
    type_digits(kiosk, phone)
    kiosk.tap("complaintNext")
    kiosk.wait_text("如与某个办件有关，请输入办件编号，也可以跳过")
    type_digits(kiosk, "123")
    kiosk.tap("complaintNext")
    kiosk.wait_text("办件编号应为6至24位数字，请核对后重新输入")
    kiosk.tap("complaintSkipCase")
    kiosk.wait_text("请核对您的反映内容，确认后提交")
    assert phone in kiosk.texts() and "蜗牛办事" in kiosk.texts() and "超过承诺时限仍未办结" in kiosk.texts()
    kiosk.tap("complaintSubmit")
    kiosk.wait_text("已提交，您的反映已受理")
    [complaint] = demo.complaints
    assert (complaint.category, complaint.matter, complaint.phone, complaint.case_no) == (
        "slow", "超过承诺时限仍未办结", phone, "")
    order = kiosk.app.feedback.complaint.order_no
    assert order.startswith("DEMO-") and order in kiosk.texts()
    kiosk.wait_text("我们将在1个工作日内答复")
    kiosk.wait_text("回执已打印，请取走并保管好工单编号", timeout=15)
    slip = "".join(printer.slips()[-1].split())
    assert len(printer.slips()) == before + 1
    assert order in slip and "1个工作日内答复" in slip and "答复期限：2026-12-04前" in slip
    assert "139****1234" in slip and phone not in slip and "超过承诺时限" not in slip
    assert kiosk.app.feedback.rating.state == "idle"  # a complaint is not a service to rate
    kiosk.tap("complaintDone")
    kiosk.wait_page("home")


def test_a_complaint_about_a_case_looked_up_and_typed_words(kiosk: Citizen) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    demo = kiosk.app.feedback.demo
    case = print_case_slip(kiosk)
    kiosk.wait_page("rating")
    kiosk.tap("ratingSkip")
    kiosk.wait_page("home")
    walk_to_phone(kiosk, "cannot_do")
    field = kiosk.get("matterField")
    field.forceActiveFocus()
    for ch in "abc":
        QTest.keyClick(kiosk.window, Qt.Key(Qt.Key.Key_A.value + ord(ch) - ord("a")), Qt.KeyboardModifier.NoModifier)
    wait_for(lambda: kiosk.app.feedback.complaint.text == "abc", what="the words in the flow")
    kiosk.tap("complaintNext")
    type_digits(kiosk, "04828261234")  # a landline with its area code
    kiosk.tap("complaintNext")
    reveal(kiosk, f"knownCase_{case.case_no}")  # the case looked up in this session, one touch
    kiosk.wait_text("请核对您的反映内容，确认后提交")
    kiosk.tap("complaintSubmit")
    kiosk.wait_text("已提交，您的反映已受理")
    [complaint] = demo.complaints
    assert (complaint.category, complaint.matter, complaint.phone, complaint.case_no) == (
        "cannot_do", "abc", "04828261234", case.case_no)


def test_a_complaint_the_agent_does_not_take_is_kept_and_says_where_to_go(kiosk: Citizen) -> None:
    demo = kiosk.app.feedback.demo
    real = demo.send_complaint

    def down(complaint: Any) -> str:
        raise NotAccepted("agent_unavailable", "test: agent down")

    demo.send_complaint = down
    walk_to_phone(kiosk, "complaint")
    reveal(kiosk, "matter_attitude")
    kiosk.tap("complaintNext")
    type_digits(kiosk, "13904821234")
    kiosk.tap("complaintNext")
    kiosk.tap("complaintSkipCase")
    kiosk.tap("complaintSubmit")
    kiosk.wait_text("暂时无法提交：终端与服务中心的连接中断")
    kiosk.wait_text(kiosk.app.cfg.kiosk.staffed_window)
    assert "已提交，您的反映已受理" not in kiosk.screen_text() and "13904821234" in kiosk.texts()
    demo.send_complaint = real
    kiosk.tap("complaintSubmit")
    kiosk.wait_text("已提交，您的反映已受理")
    assert len(demo.complaints) == 1


def test_every_flow_of_the_app_offers_its_rating(kiosk: Citizen) -> None:
    """The app's own flows and its parts' (the ID photo's), hooked at start: a new service needs only
    its ServiceDone."""
    app = kiosk.app
    flows = app.feedback.flows()
    assert {app.identity, app.guide, app.progress, app.photo.flow} <= set(flows)
    assert app.feedback.rating not in flows and app.feedback.complaint not in flows
    assert all(f.on_service_done == app.feedback.service_done for f in flows)


def test_without_the_halls_key_the_complaint_window_is_off_before_anyone_starts(qapp: Any, rig: Any,
                                                                                 tmp_path: Any) -> None:
    """A terminal whose config lacks [kiosk] hall_public_key cannot seal a phone: said on home, not
    after five steps."""
    from tests.kiosk.conftest import make_app

    app = make_app(rig, socket_path=str(tmp_path / "no-agent.sock"))
    app.start()
    try:
        c = Citizen(app)
        c.wait_page("home")
        button = c.get("service_complaint")
        assert not button.isEnabled()
        assert not c.get("service_appointment").isEnabled()  # its hall copy is sealed to the key too
        c.wait_text("本机暂不受理，请到人工窗口")
        c.tap("service_guide")  # the rest of the terminal works
        c.wait_page("guide")
    finally:
        app.stop()
        spin(0.05)
    assert app.qml_warnings == [], app.qml_warnings
