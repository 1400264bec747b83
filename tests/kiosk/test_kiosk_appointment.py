"""延时服务预约 by touch, offscreen, against the simulators: book with the card (the holiday Saturdays
shown not available, with the reason), the slip on the simulated printer, the hall's copy, the rating;
then 我的预约 cancels it (and on the day itself refuses, in words); after each session ends, nothing
personal is left in the app's objects or on the screen."""

from __future__ import annotations

import gc
import random
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from drivers.idcard.synthetic import CARDS, make_number
from ground.logs import mask_name
from tests.kiosk.kioskharness import Citizen, spin, wait_for
from tests.kiosk.test_kiosk_wipe import _forms, _hits
from tests.kiosk.test_kiosk_wipe_a4 import reachable
from tests.kiosk.test_mongolian_slips import _keep, _last_slip

MONDAY = date(2026, 9, 21)  # 26 Sep 中秋节, 3 Oct 国庆节, 10 Oct 调休 working Saturday, 17 Oct open
ITEM = "150602-YB-0001"


def type_digits(c: Citizen, digits: str) -> None:
    c.tap("key_clear")
    for d in digits:
        c.tap(f"key_{d}")


def end_and_check_the_wipe(c: Citizen, needles: list[str]) -> None:
    app, rig = c.app, c.app.demo_rig
    c.tap("endButton")
    c.wait_page("home")
    wait_for(lambda: app.session.state.value == "idle", what="session over")
    rig.remove_card()
    app.engine.collectGarbage()
    gc.collect()
    forms = _forms(needles)
    exclude = reachable(rig.backend) | {id(needles), id(forms)}
    hits = _hits(forms, exclude)
    assert hits == [], hits
    assert not any(n in c.screen_text() for n in needles)
    assert not any(n in repr(app.appointment.flow.view()) for n in needles)


def test_book_then_cancel_by_touch(qapp: Any, tmp_path: Path, monkeypatch: Any) -> None:
    from kiosk.app import KioskApp
    from kiosk.simrig import SimRig

    rnd = random.Random()
    name = "样例" + "".join(rnd.choice("甲乙丙丁戊己庚辛壬癸子丑寅卯") for _ in range(2))
    birth = date(1970 + rnd.randrange(40), 1 + rnd.randrange(12), 1 + rnd.randrange(28))
    number = make_number("150602", birth, rnd.randrange(1000))
    phone = "139" + "".join(rnd.choice("0123456789") for _ in range(8))
    monkeypatch.setitem(CARDS, "appt-test", replace(CARDS["resident"], name=name, number=number, birth=birth))
    day = [MONDAY]
    rig = SimRig(workdir=tmp_path, today=MONDAY, kiosk='tts_engine = "mock"\npoll_s = 0.3', camera=False,
                 locker=False).start()
    rig.backend.appointments.now = lambda: datetime.combine(day[0], datetime.now().time())
    app = KioskApp(rig.config, rig.backend, demo_rig=rig, today=lambda: day[0])
    app.start()
    try:
        c = Citizen(app)
        c.wait_page("home")
        demo = app.feedback.demo
        assert demo is not None
        printer = rig.printer_model
        # the one device thread also opens the printer: a card read waits behind a printer not answering yet
        wait_for(lambda: app.availability.device("printer") is None, 30, "the printer online")
        rig.place_card("appt-test")
        c.wait_text("您好，" + mask_name(name))
        c.tap("service_appointment")
        c.wait_page("appointment")
        c.tap("appointmentBook")
        c.tap(f"appointmentItem_{ITEM}")
        c.wait_text("2026-10-03 星期六")
        texts = c.texts()
        assert "国庆节，法定节假日不提供延时服务" in texts and "中秋节，法定节假日不提供延时服务" in texts
        assert "调休工作日，窗口正常上班，无需预约" in texts and "可预约" in texts
        c.tap("appointmentDay_2026-10-03")  # a holiday: said, not chosen
        c.wait_text("该日为法定节假日，不提供延时服务，请选择其他日期")
        assert app.appointment.flow.state == "day"
        c.tap("appointmentDay_2026-10-17")
        c.wait_text("第3步：请输入联系电话，部门工作人员将与您联系")
        type_digits(c, "1390482")
        c.tap("appointmentNext")
        c.wait_text("手机号码应为11位，以13至19开头，请核对后重新输入")
        type_digits(c, phone)
        c.tap("appointmentNext")
        c.wait_text("第4步：请核对预约信息")
        assert "预约人：" + mask_name(name) + "；联系电话：139****" + phone[-4:] in c.texts()
        before, cuts = len(printer.slips()), len(printer.cut_positions())
        c.tap("appointmentSubmit")
        c.wait_text("请取走预约回执", 15)
        c.tap("appointmentHome")
        c.wait_page("rating")  # the service's rating, as after every service
        [booking] = rig.backend.bookings_of(number)
        [copy] = demo.requests
        assert (copy.service, copy.ref, copy.day, copy.item_code) == ("appointment", booking.booking_no,
                                                                         date(2026, 10, 17), ITEM)
        assert dict(copy.personal) == {"name": name, "phone": phone}
        slips = printer.slips()
        assert len(slips) == before + 1
        slip = "".join(slips[-1].split())
        assert booking.booking_no in slip and "2026-10-17（星期六）09:00—12:00" in slip and "请携带以下材料" in slip
        assert name not in slip and phone not in slip
        wait_for(lambda: len(printer.cut_positions()) > cuts, what="the slip cut")
        _lines, paper = _last_slip(printer)
        assert paper.height > 400  # the whole slip drawn (ZIZHU_SCREENSHOTS keeps it: docs/kiosk/)
        _keep(paper, "appointment-slip-58mm.png")
        c.tap("ratingSkip")
        c.wait_page("home")
        end_and_check_the_wipe(c, [name, number, phone])

        # Another session, the same card: 我的预约 — on the day itself refused, the day before cancelled.
        day[0] = date(2026, 10, 17)
        rig.place_card("appt-test")
        c.wait_text("您好，" + mask_name(name))
        c.tap("service_appointment")
        c.tap("appointmentMine")
        c.tap(f"appointmentBooking_{booking.booking_no}")
        c.wait_text("预约当天及之后不能在终端取消，如需取消请拨打咨询电话")
        assert rig.backend.bookings_of(number) == [booking]
        day[0] = date(2026, 10, 16)
        c.tap("appointmentBack")
        c.tap("appointmentMine")
        c.tap(f"appointmentBooking_{booking.booking_no}")
        c.wait_text("确定取消以下预约吗？")
        c.tap("appointmentCancel")
        c.wait_text("预约已取消")
        assert rig.backend.bookings_of(number) == []
        assert [(r.service, r.ref) for r in demo.requests] == [("appointment_cancel", booking.booking_no)]
        end_and_check_the_wipe(c, [name, number, phone])
    finally:
        app.stop()
        spin(0.05)
        rig.stop()
    assert app.qml_warnings == [], app.qml_warnings
