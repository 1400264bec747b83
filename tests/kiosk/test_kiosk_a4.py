"""A4 printing (自助打表, 证明打印) by touch, offscreen, against a real CUPS.

The kiosk runs with a private cupsd and the simulated printer's queue (kiosk.simrig, ``a4=True``):
a blank form and a certificate are printed and the PDFs that come out are read back for their
text; paper out while printing, a stopped queue and a missing printer give the citizen the right
words and the staffed window; CUPS keeps no job and no file afterwards; a printed document offers
the rating page.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import pytest
from pypdf import PdfReader

from drivers.idcard.synthetic import CARDS
from tests.kiosk.conftest import TODAY, make_app
from tests.kiosk.kioskharness import Citizen, spin, wait_for


@pytest.fixture
def a4_rig(tmp_path: Any) -> Iterator[Any]:
    from kiosk.simrig import SimRig

    r = SimRig(workdir=tmp_path, today=TODAY, kiosk='tts_engine = "mock"\npoll_s = 0.3', camera=False,
               locker=False, a4=True, a4_extra="stuck_s = 1.5\npoll_s = 0.1").start()
    yield r
    r.stop()


@pytest.fixture
def citizen(qapp: Any, a4_rig: Any) -> Iterator[Citizen]:
    app = make_app(a4_rig)
    app.start()
    c = Citizen(app)
    c.wait_page("home")
    yield c
    app.stop()
    spin(0.05)
    assert app.qml_warnings == [], app.qml_warnings


def pdf_text(path: Any) -> str:
    return "".join(p.extract_text() for p in PdfReader(io.BytesIO(path.read_bytes())).pages)


def nothing_kept(rig: Any) -> None:
    wait_for(lambda: rig.cups.job_history() == {}, 10, "CUPS' job history empty")
    assert rig.cups.spool_files() == []


def test_a_blank_form_is_printed_and_rated(citizen: Citizen) -> None:
    rig = citizen.app.demo_rig
    citizen.tap("service_a4")
    citizen.wait_page("a4")
    citizen.tap("a4Forms")
    citizen.tap("a4Form_0")
    citizen.wait_text("打印完成，请在A4出纸口取走文件", 20)
    out = rig.cups.printed("a4")
    assert len(out) == 1
    text = pdf_text(out[0])
    assert "城乡居民基本医疗保险参保登记表" in text and "申请人姓名" in text and "150602-YB-0001" in text
    nothing_kept(rig)
    citizen.wait_page("rating")  # the service is done: its rating is offered
    citizen.wait_text("城乡居民基本医疗保险参保登记（城乡居民基本医疗保险参保登记表）")


def test_a_certificate_with_the_card_read_here(citizen: Citizen) -> None:
    rig = citizen.app.demo_rig
    citizen.tap("service_a4")
    citizen.tap("a4Certificates")
    citizen.tap("a4Cert_social_insurance")
    citizen.wait_text("请将身份证放在感应区")
    rig.place_card("resident")
    citizen.wait_text("打印完成，请在A4出纸口取走文件", 20)
    text = pdf_text(rig.cups.printed("a4")[0])
    card = CARDS["resident"]
    assert "社会保险参保缴费证明" in text and card.name in text and card.number in text
    issued = rig.backend.certificates_issued
    assert len(issued) == 1
    code, serial = next(iter(issued.items()))
    assert f"验证码：{code}" in text and serial in text
    assert card.name not in citizen.screen_text()  # on paper, not on the screen
    nothing_kept(rig)
    citizen.wait_page("rating")


def test_nobody_to_certify_is_said(citizen: Citizen) -> None:
    citizen.app.demo_rig.place_card("foreign_pr_2017")  # 样例丁: no household registered here
    citizen.wait_text("您好，")
    citizen.tap("service_a4")
    citizen.tap("a4Certificates")
    citizen.tap("a4Cert_household")
    citizen.wait_text("未查询到您在本地的户籍登记，请到户籍窗口咨询", 20)
    assert citizen.app.demo_rig.cups.printed("a4") == []


def test_paper_out_while_printing_then_a_stopped_queue_then_no_printer(citizen: Citizen) -> None:
    rig = citizen.app.demo_rig
    citizen.tap("service_a4")
    citizen.tap("a4Forms")
    rig.cups.set_condition("a4", "paper_out")
    citizen.tap("a4Form_1")  # held, then given up after stuck_s (the words while held: the test below)
    citizen.wait_text("A4打印机缺纸，未能打印。已通知工作人员，请到人工窗口办理", 15)
    citizen.wait_text("人工窗口：政务服务大厅一楼 综合受理窗口；")
    assert rig.cups.printed("a4") == []
    nothing_kept(rig)
    # The status the agent gets: paper out.
    wait_for(lambda: "a4printer.paper_out" in [f for s in citizen.app.poller.snapshot() for f in s.faults()],
             5, "a4printer.paper_out in the snapshot")
    rig.cups.set_condition("a4", "paper_out", on=False)
    citizen.tap("a4Home")
    citizen.wait_page("home")
    # Paper loaded; CUPS still remembers it empty until a page prints: the technician's test page.
    name = citizen.app.poller.by_kind("a4printer")
    assert citizen.app.poller.print_test_page(name).result(20).ok
    wait_for(lambda: citizen.app.availability.service("a4") is None, 5, "A4 printing available again")
    rig.cups.stop_queue("a4", "维护")
    citizen.wait_text("A4打印暂停服务", 5)  # the home screen's button says why it is off
    button = citizen.get("service_a4")
    assert not button.isEnabled()
    rig.cups.start_queue("a4")
    wait_for(button.isEnabled, 5, "A4 printing back")
    citizen.tap("service_a4")
    citizen.tap("a4Forms")
    rig.cups.stop_queue("a4", "CUPS stopped mid-job")
    citizen.tap("a4Form_0")
    citizen.wait_text("A4打印暂停服务，未能打印。请到人工窗口办理", 15)
    citizen.tap("a4Home")
    rig.cups.start_queue("a4")
    rig.cups.remove_queue("a4")
    citizen.wait_text("本机不能打印A4文件", 5)
    snapshot = {s.kind: s for s in citizen.app.poller.snapshot()}
    assert snapshot["a4printer"].faults() == ["a4printer.missing"]
    out = rig.cups.printed("a4")  # only the technician's test page ever came out
    assert len(out) == 1 and "A4打印机测试页" in pdf_text(out[0])
    nothing_kept(rig)


def test_a_session_ended_while_printing_cancels_the_job(qapp: Any, tmp_path: Any) -> None:
    """The citizen walks away while the printer holds the job: the session's end cancels and purges
    it, so the certificate does not come out for the next person when paper is loaded."""
    from kiosk.simrig import SimRig

    rig = SimRig(workdir=tmp_path, today=TODAY, kiosk='tts_engine = "mock"\npoll_s = 0.3', camera=False,
                 locker=False, a4=True, a4_extra="stuck_s = 120\npoll_s = 0.1").start()
    app = make_app(rig)
    app.start()
    try:
        c = Citizen(app)
        c.wait_page("home")
        rig.place_card("resident")
        c.wait_text("您好，")
        rig.cups.set_condition("a4", "paper_out")
        c.tap("service_a4")
        c.tap("a4Certificates")
        c.tap("a4Cert_household")
        c.wait_text("A4打印机缺纸，正在等待…", 15)
        assert len(rig.cups.job_history()) == 1
        c.tap("endButton")
        c.wait_page("home")
        nothing_kept(rig)
        rig.cups.set_condition("a4", "paper_out", on=False)
        spin(1.0)
        assert rig.cups.printed("a4") == []
    finally:
        app.stop()
        spin(0.05)
        rig.stop()
    assert app.qml_warnings == [], app.qml_warnings
