"""After a complaint the session's end leaves nothing of it: not the phone number, not the words typed,
in Python's objects, on the screen, in the keyboard's dictionary, in the terminal's files or the log."""

from __future__ import annotations

import gc
import logging
import random
import string
from pathlib import Path

import pytest
from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtTest import QTest

from tests.kiosk.kioskharness import Citizen, wait_for
from tests.kiosk.test_kiosk_feedback import reveal, type_digits, walk_to_phone
from tests.kiosk.test_kiosk_wipe import _forms, _hits


def test_a_complaint_leaves_nothing_after_the_session(kiosk: Citizen, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    rnd = random.Random()
    # Only in this list (which the search skips): a closure or a local of the test would be a hit.
    needles = ["13" + rnd.choice("3456789") + "".join(rnd.choice(string.digits) for _ in range(8)),
               "".join(rnd.choice("bcdfghjkmnpqrstvwxz") for _ in range(10))]  # a phone, words typed
    walk_to_phone(kiosk, "complaint")
    field = kiosk.get("matterField")
    field.forceActiveFocus()
    for ch in needles[1]:
        QTest.keyClick(kiosk.window, Qt.Key(Qt.Key.Key_A.value + ord(ch) - ord("a")), Qt.KeyboardModifier.NoModifier)
    wait_for(lambda: kiosk.app.feedback.complaint.text == needles[1], what="the words in the flow")
    kiosk.tap("complaintNext")
    type_digits(kiosk, needles[0])
    kiosk.tap("complaintNext")
    kiosk.tap("complaintSkipCase")
    kiosk.tap("complaintSubmit")
    kiosk.wait_text("已提交，您的反映已受理")
    kiosk.wait_text("回执已打印，请取走并保管好工单编号", timeout=15)
    assert kiosk.app.feedback.demo.complaints[0].phone == needles[0]
    kiosk.tap("endButton")
    kiosk.wait_page("home")
    wait_for(lambda: kiosk.app.session.state.value == "idle", what="session over")
    kiosk.app.engine.collectGarbage()
    gc.collect()
    forms = _forms(needles)
    hits = _hits(forms, exclude={id(needles), id(forms)})
    assert hits == [], hits
    assert not any(n in kiosk.screen_text() for n in needles)
    for view in (kiosk.app.feedback.complaint.view(), kiosk.app.feedback.rating.view()):
        assert not any(n in repr(view) for n in needles)
    keyboard = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericConfigLocation))
    assert not (keyboard / "qtvirtualkeyboard").exists()
    for f in Path(kiosk.app.demo_rig.dir).rglob("*"):
        if f.is_file():
            data = f.read_bytes()
            assert not any(n.encode() in data for n in needles), f
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert needles[0] not in logged and needles[1] not in logged
    assert needles[0][:3] + "****" + needles[0][-4:] in logged  # masked, where the log names it at all


def test_a_complaint_given_up_half_way_is_wiped_too(kiosk: Citizen) -> None:
    needles = ["1390482" + "".join(random.choice(string.digits) for _ in range(4))]
    walk_to_phone(kiosk)
    reveal(kiosk, "matter_overdue")
    kiosk.tap("complaintNext")
    type_digits(kiosk, needles[0])
    assert kiosk.app.feedback.complaint.phone == needles[0]
    kiosk.app.end_session("timeout")  # walked away
    kiosk.wait_page("home")
    gc.collect()
    forms = _forms(needles)
    assert _hits(forms, exclude={id(needles), id(forms)}) == []
    assert kiosk.app.feedback.complaint.state == "category" and kiosk.app.feedback.complaint.matters == []
