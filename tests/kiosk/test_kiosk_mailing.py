"""政务专递 by touch, offscreen, against the simulators and the demo back end: a mailing asked for
from a case's progress page — the card, the region picker, the street on the Pinyin keyboard, the
phone on the pad — reaches the back end and (its hall copy) the feedback sender, prints its slip;
after the session nothing personal is left (tests/kiosk/test_kiosk_wipe_a4.py's search)."""

from __future__ import annotations

import gc
import logging
import random
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QStandardPaths

from drivers.idcard.synthetic import CARDS, make_number
from tests.kiosk.kioskharness import Citizen, spin, wait_for
from tests.kiosk.test_kiosk_capture import hall  # noqa: F401  (the fixture: the camera rig, the HTTP back end)
from tests.kiosk.test_kiosk_feedback import reveal, type_digits
from tests.kiosk.test_kiosk_wipe import _forms, _hits
from tests.kiosk.test_kiosk_wipe_a4 import reachable

APPROVED = "1506020500000213"  # resident's, result ready: the card below takes resident's cases over


def commit(c: Citizen, field: str, text: str) -> None:
    """What the keyboard's Pinyin sends when the citizen picks a candidate (typing "xinqianlu" offers 新迁路)."""
    from PySide6.QtGui import QGuiApplication, QInputMethodEvent

    item = c.get(field)
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QGuiApplication.sendEvent(item, event)


def test_a_mailing_from_the_progress_page_then_nothing_is_left(kiosk: Citizen, monkeypatch: Any,
                                                                caplog: pytest.LogCaptureFixture) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    caplog.set_level(logging.DEBUG)
    app = kiosk.app
    rnd = random.Random()
    name = "样例" + "".join(rnd.choice("甲乙丙丁戊己庚辛壬癸子丑寅卯") for _ in range(3))
    birth = date(1970 + rnd.randrange(40), 1 + rnd.randrange(12), 1 + rnd.randrange(28))
    number = make_number("150602", birth, rnd.randrange(1000))
    digits = "".join(rnd.choice("0123456789") for _ in range(6))
    # Only in this list (which the search skips): a closure or a local of the test would be a hit.
    needles = [name, number, "新迁路" + digits, "139" + "".join(rnd.choice("0123456789") for _ in range(8))]
    real = CARDS["resident"]
    monkeypatch.setitem(CARDS, "wipe-test", replace(real, name=name, number=number, birth=birth))
    for case in app.backend._cases().values():  # resident's cases are this card holder's for the test
        if case.applicant_id == real.number:
            monkeypatch.setitem(app.backend._cases(), case.case_no, replace_case(case, name, number))
    app.demo_rig.place_card("wipe-test")
    kiosk.wait_text("您好，")
    kiosk.tap("service_progress")
    for d in APPROVED:
        kiosk.tap(f"key_{d}")
    kiosk.tap("findNumber")
    kiosk.wait_page("case")
    reveal(kiosk, "caseMailing")
    kiosk.wait_page("mailing")
    kiosk.wait_text("请依次选择省、市、区县")  # the card was read on the home page: straight to the region
    assert app.mailing.flow.case is not None and app.mailing.flow.case.case_no == APPROVED
    reveal(kiosk, "district_150602")  # 内蒙古自治区 and 鄂尔多斯市 chosen already
    kiosk.wait_text("内蒙古自治区鄂尔多斯市东胜区")
    kiosk.tap("mailingNext")
    kiosk.tap("streetField")
    wait_for(lambda: kiosk.find("keyboard") is not None, what="the on-screen keyboard shown")
    commit(kiosk, "streetField", "新迁路")
    for ch in needles[2][3:]:
        QTest.keyClick(kiosk.window, Qt.Key(Qt.Key.Key_0.value + int(ch)), Qt.KeyboardModifier.NoModifier)
    wait_for(lambda: app.mailing.flow.street == needles[2], what="the street in the flow")
    QTest.keyClick(kiosk.window, Qt.Key.Key_Return)  # the keyboard goes; 下一步 is in reach again
    kiosk.tap("mailingNext")
    kiosk.wait_text("请确认收件人姓名，可以修改")
    assert kiosk.get("recipientField").property("text") == name  # the card holder by default
    kiosk.tap("mailingNext")
    type_digits(kiosk, needles[3][:5])
    kiosk.tap("mailingNext")
    kiosk.wait_text("手机号码应为11位")
    type_digits(kiosk, needles[3])
    kiosk.tap("mailingNext")
    kiosk.wait_text("请核对邮寄信息，确认后提交")
    shown = kiosk.texts()
    assert needles[2] in shown and needles[3] in shown and name in shown  # in full, for the citizen to check
    del shown
    kiosk.tap("mailingSubmit")
    kiosk.wait_text("申请已提交，结果文书将免费邮寄给您")
    [kept] = app.backend.mailings.values()
    assert (kept.case_no, kept.request.street, kept.request.phone, kept.request.id_number) == (
        APPROVED, needles[2], needles[3], number)
    [copy] = app.feedback.demo.requests  # the hall's copy, through the feedback sender
    assert (copy.service, copy.ref, copy.case_no) == ("mailing", kept.request_no, APPROVED)
    assert dict(copy.personal) == {"recipient": name, "phone": needles[3], "region": "内蒙古自治区鄂尔多斯市东胜区",
                                   "street": needles[2]}
    request_no = kept.request_no
    slip = wait_for(lambda: [s for s in app.demo_rig.printer_model.slips() if request_no in s], 15,
                    "the slip printed")[-1]
    assert "免费邮寄" in slip and APPROVED in slip and needles[3][:3] + "****" + needles[3][-4:] in slip
    assert not any(n in slip for n in needles)
    del copy, kept  # the test's own references; the flow's and the sender's are what is checked
    assert not any(n in kiosk.screen_text() for n in needles[2:])  # masked once confirmed
    kiosk.wait_page("rating")  # as after every service
    reveal(kiosk, "endButton")
    kiosk.wait_page("home")
    wait_for(lambda: app.session.state.value == "idle", what="session over")
    app.demo_rig.remove_card()
    monkeypatch.undo()
    app.engine.collectGarbage()
    gc.collect()
    forms = _forms(needles)
    exclude = reachable(app.backend) | {id(needles), id(forms)}  # the platform's records are not the terminal's
    hits = _hits(forms, exclude)
    assert hits == [], hits
    assert not any(n in kiosk.screen_text() for n in needles)
    assert not any(n in repr(app.mailing.flow.view()) for n in needles)
    keyboard = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericConfigLocation))
    assert not (keyboard / "qtvirtualkeyboard").exists()
    for f in Path(app.demo_rig.dir).rglob("*"):
        if f.is_file() and not f.is_socket():
            blob = f.read_bytes()
            assert not any(n.encode() in blob or n.encode("gb18030") in blob for n in needles), f
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert not any(n in logged for n in needles)
    spin(0.05)


def replace_case(case: Any, name: str, number: str) -> Any:
    import msgspec

    return msgspec.structs.replace(case, applicant_name=name, applicant_id=number)


def test_after_materials_the_mailing_is_offered_and_waits_for_the_holders_card(
        hall: tuple[Citizen, Any, Any]) -> None:  # noqa: F811
    """Materials sent by the case's number (over the HTTP adapter); the rating done, the capture page offers
    the mailing; the mailing page waits for a card — and the card placed is not the applicant's."""
    from tests.kiosk.test_kiosk_capture import CASE, open_capture, submitted, take

    c, rig, _server = hall
    app = c.app
    open_capture(c)
    take(c, "document_1", rig)
    reveal(c, "captureReview")
    reveal(c, "captureSubmit")
    submitted(c)
    c.wait_page("rating")
    c.tap("ratingSkip")
    c.wait_page("capture")
    reveal(c, "captureMailing")
    c.wait_page("mailing")
    c.wait_text("请将申请人本人的身份证放在读卡区")
    assert app.mailing.flow.state == "card" and app.mailing.flow.wanted == CASE
    rig.place_card("resident")  # 测试甲: not the applicant of this case
    c.wait_text("该办件不是持证人本人的办件，不能申请邮寄")
    assert app.mailing.flow.case is None and rig.backend.mailings == {}
    assert app.mailing.flow.view()["case"] == {}  # nothing of someone else's case is shown
    reveal(c, "mailingDone")
    c.wait_page("home")
