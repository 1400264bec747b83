"""The document locker by touch: the real locker simulator on its pseudo-terminal bus, the production
driver with its open journal, the receipt printer simulator and the demo back end's pickups.

Faults are checked where the agent gets them: the device snapshot the kiosk hands to its agent
client (``KioskApp._snapshot_from_poller`` → ``AgentClient.devices``), as fault codes of the status
model (``locker.slot.03.jammed`` …).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from drivers.idcard.synthetic import CARDS
from ground.logs import mask_name
from kiosk.backend.locker import FindResult, PickupStatus
from tests.kiosk.conftest import TODAY, make_app
from tests.kiosk.kioskharness import Citizen, spin, wait_for

pytestmark = pytest.mark.timeout(60)

CODE = "52817364"  # P-0001 of kiosk/backend/data/pickups.toml: slot 3, 测试甲's licence, 样例乙 her agent
SLOT = 3
# A door left open is reported after 2 s here (120 s at a terminal); replies are awaited 0.3 s.
LOCKER_KEYS = "door_open_alarm_s = 2.0\nstuck_open_s = 60.0\nopen_confirm_s = 1.0\ntimeout_s = 0.3"


@pytest.fixture
def lrig(tmp_path: Path) -> Iterator[Any]:
    from kiosk.simrig import SimRig

    r = SimRig(workdir=tmp_path, today=TODAY, kiosk='tts_engine = "mock"\npoll_s = 0.5', camera=False,
               locker=True, locker_extra=LOCKER_KEYS).start()
    r.locker.apply_event("auto_close", {"seconds": 0.8})  # the citizen takes the licence and shuts the door
    yield r
    r.stop()


@pytest.fixture
def lk(qapp: Any, lrig: Any) -> Iterator[Citizen]:
    app = make_app(lrig)
    app.start()
    c = Citizen(app)
    c.wait_page("home")
    wait_for(lambda: "locker" in app.availability.devices, what="the locker polled")
    yield c
    app.stop()
    spin(0.05)
    assert app.qml_warnings == [], app.qml_warnings


def faults(c: Citizen) -> list[str]:
    """The locker's fault codes in the snapshot the agent client is given."""
    return [f for s in c.app.poller.snapshot() if s.kind == "locker" for f in s.faults()]


def journal(rig: Any) -> list[tuple[int, str, str]]:
    with sqlite3.connect(Path(rig.dir) / "locker.sqlite3") as db:
        return list(db.execute("SELECT slot, why, outcome FROM opens ORDER BY id"))


def printed(c: Citizen, flow: Any) -> None:
    """The flow done and its slip printed (then the rating page comes over the page)."""
    wait_for(lambda: flow.state == "done" and flow.print_state == "printed", timeout=15, what="done, slip printed")


def type_code(c: Citizen, code: str) -> None:
    for d in code:
        c.tap(f"key_{d}")
    c.tap("pickupSubmit")


def start_pickup(c: Citizen, card: str | None = "resident") -> None:
    if card is not None:
        c.app.demo_rig.place_card(card)
        c.wait_text("您好，" + mask_name(CARDS[card].name))
    c.tap("service_pickup")
    c.wait_page("pickup")


def test_a_pickup_opens_once_waits_for_the_door_records_and_prints(lk: Citizen, lrig: Any) -> None:
    start_pickup(lk)
    type_code(lk, CODE)
    lk.wait_text(f"{SLOT:02d}号格口已打开")
    wait_for(lambda: "请取出您的物品，并随手关好柜门" in lk.app.voice.said, what="the door's words spoken")
    printed(lk, lk.app.locker.pickup)  # the done page's words: test_locker_screens.py (the rating page covers it now)
    slip = "".join(lrig.printer_model.slips()[-1].split())
    assert "取件凭条" in slip and f"A号柜{SLOT:02d}号格口" in slip and "1506020500000213" in slip
    assert mask_name(CARDS["resident"].name) in slip and CARDS["resident"].name not in slip
    assert lrig.locker.opens == [SLOT]
    assert journal(lrig) == [(SLOT, "pickup:P-0001", "opened")]
    lk.wait_page("rating")  # the collection completes a service: its rating is offered, the case's item
    offered = lk.app.feedback.rating.service
    assert (offered.item_code, offered.case_no, offered.slip_printed) == ("150602-SJ-0001", "1506020500000213", True)
    p = lrig.backend._locker.pickups[0].model()
    assert p.status is PickupStatus.COLLECTED and p.collected_by == "holder"
    assert lrig.backend.find_pickup(CODE, CARDS["resident"].number).result is FindResult.COLLECTED
    # The same code again: refused in words, the slot not opened a second time.
    lk.tap("homeButton")
    lk.tap("service_pickup")
    type_code(lk, CODE)
    lk.wait_text("该件已被领取，不能重复开箱")
    assert lrig.locker.opens == [SLOT]


def test_a_wrong_card_is_refused_then_the_agent_collects(lk: Citizen, lrig: Any) -> None:
    start_pickup(lk, card=None)  # the code first: the card is asked for after it
    type_code(lk, CODE)
    lk.wait_text("请放置领取人或受托人的身份证")
    lrig.place_card("foreign_pr_2023")
    lk.wait_text("此证件不是领取人或受托人的证件，不能取件")
    assert lrig.locker.opens == []
    lk.tap("pickupOtherCard")
    lrig.remove_card()
    spin(0.3)
    lrig.place_card("resident_long_term")  # the authorised agent
    lk.wait_text(f"{SLOT:02d}号格口已打开", timeout=15)
    printed(lk, lk.app.locker.pickup)
    shown = lk.app.locker.pickup.view()["pickup"]
    assert shown["agent"] and shown["holder"] == mask_name(CARDS["resident"].name)
    assert lrig.backend._locker.pickups[0].model().collected_by == "agent"
    assert "委托代为领取" in "".join(lrig.printer_model.slips()[-1].split())


def test_five_wrong_codes_lock_the_pickup(lk: Citizen, lrig: Any) -> None:
    start_pickup(lk)
    for n in range(4):
        type_code(lk, "11110000")
        lk.wait_text("取件码不正确，请核对短信后重新输入")
        lk.wait_text(f"还可输入{4 - n}次")
    type_code(lk, "11110000")
    lk.wait_text("取件码已连续输错5次，该件已锁定")
    lk.wait_text("请到人工窗口办理：政务服务大厅一楼 综合受理窗口")
    assert lk.find("pickupSubmit") is None  # no pad any more
    # A new session does not start the count again: the right code no longer opens the slot.
    lk.tap("endButton")
    wait_for(lambda: lk.app.session.state.value == "idle", what="session over")
    lrig.remove_card()
    start_pickup(lk)
    type_code(lk, CODE)
    lk.wait_text("取件码已连续输错5次，该件已锁定")
    assert lrig.locker.opens == [] and journal(lrig) == []


def test_a_jammed_slot_ends_with_words_and_a_fault(lk: Citizen, lrig: Any) -> None:
    lrig.locker.apply_event("jam", {"slot": SLOT, "mode": "no_open"})
    start_pickup(lk)
    type_code(lk, CODE)
    lk.wait_text("格口未能打开，已通知工作人员，请到人工窗口办理", timeout=10)
    wait_for(lambda: f"locker.slot.{SLOT:02d}.jammed" in faults(lk), what="the jam reported")
    assert journal(lrig) == [(SLOT, "pickup:P-0001", "jammed")]
    assert lrig.backend._locker.pickups[0].status is PickupStatus.WAITING  # not collected
    lk.tap("homeButton")
    assert lk.get("service_pickup").isEnabled()  # one jammed slot does not close the locker


def test_a_door_never_closed_ends_with_words_and_a_fault(lk: Citizen, lrig: Any) -> None:
    lrig.locker.apply_event("auto_close", {"seconds": 0})  # nobody shuts it
    start_pickup(lk)
    type_code(lk, CODE)
    lk.wait_text(f"{SLOT:02d}号格口已打开")
    lk.wait_text("柜门未关闭，本次开箱已登记，已通知工作人员处理", timeout=10)
    wait_for(lambda: f"locker.slot.{SLOT:02d}.door_open" in faults(lk), what="the open door reported")
    p = lrig.backend._locker.pickups[0]
    assert p.status is PickupStatus.COLLECTED  # the door did open: the licence is gone, recorded once
    assert lrig.locker.opens == [SLOT]


def test_a_board_gone_silent_mid_pickup(lk: Citizen, lrig: Any) -> None:
    lrig.locker.apply_event("auto_close", {"seconds": 0})
    start_pickup(lk)
    type_code(lk, CODE)
    lk.wait_text(f"{SLOT:02d}号格口已打开")
    lrig.locker.apply_event("silent", {"board": 1, "on": True})
    lk.wait_text("文件柜失去响应，本次开箱已登记，已通知工作人员", timeout=15)
    wait_for(lambda: "locker.board.01.silent" in faults(lk), what="the silent board reported")
    assert lrig.backend._locker.pickups[0].status is PickupStatus.COLLECTED
    lk.tap("homeButton")
    # Every board silent: the locker is down, both its services off with the reason.
    wait_for(lambda: not lk.get("service_pickup").isEnabled(), timeout=10, what="pickup greyed out")
    assert not lk.get("service_deposit").isEnabled()
    lk.wait_text("文件柜暂停使用")


def test_a_deposit_opens_a_free_slot_and_prints_the_retrieval_code(lk: Citizen, lrig: Any) -> None:
    case_no = "1506020800001156"  # 测试甲's, in review
    lk.tap("service_deposit")
    lk.wait_page("deposit")
    for d in case_no:
        lk.tap(f"key_{d}")
    lk.tap("depositFindNumber")
    lk.get("depositStart")
    lk.wait_text("住房公积金")
    lk.tap("depositStart")
    lk.wait_text("01号格口已打开")  # slot 3 holds a pickup: the first free one is 01
    printed(lk, lk.app.locker.deposit)
    deposit = next(iter(lrig.backend._locker.deposits.values()))
    assert lk.app.locker.deposit.view()["retrievalCode"] == deposit.retrieval_code
    slip = "".join(lrig.printer_model.slips()[-1].split())
    assert "材料存放凭条" in slip and "01号格口" in slip and deposit.retrieval_code in slip and case_no in slip
    assert deposit.slot == 1 and lrig.backend.slots_in_use() == [1, 3]
    lk.wait_page("rating")
    assert lk.app.feedback.rating.service.case_no == case_no
    assert journal(lrig) == [(1, f"deposit:{case_no}", "opened")]


def test_a_deposit_for_a_finished_case_is_refused(lk: Citizen, lrig: Any) -> None:
    lk.tap("service_deposit")
    for d in "1506020300004471":  # collected long ago
        lk.tap(f"key_{d}")
    lk.tap("depositFindNumber")
    lk.wait_text("该办件不在办理中，不能存放材料，请到人工窗口办理")
    assert lrig.locker.opens == []


def test_no_locker_greys_both_services_out(kiosk: Citizen) -> None:
    assert not kiosk.get("service_pickup").isEnabled() and not kiosk.get("service_deposit").isEnabled()
    kiosk.wait_text("本机未配置文件柜")
