"""Ratings and complaints by touch, through a real fleet agent over the real local socket to a real
Mosquitto: "已提交" only once the agent has spooled it, the phone sealed on the way, the words when
the agent is gone and the citizen's input kept for another try."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from fleet_agent.agent import Agent
from terminal.config import load_terminal
from tests.agent.harness import TERM, Watcher, write_config
from tests.kiosk.conftest import TODAY, make_app
from tests.kiosk.kioskharness import Citizen, spin, wait_for
from tests.kiosk.test_kiosk_feedback import print_guide_slip, reveal, type_digits, walk_to_phone
from wire.contract import ComplaintPayload, Kind, RatingPayload
from wire.feedback import make_keypair, open_phone, work_order_no
from zizhu.broker import MosquittoBroker

pytestmark = pytest.mark.timeout(90)

KEYS = make_keypair()  # the hall's pair: the kiosk holds the public half only
PHONE = "13904827731"


@pytest.fixture
def rig(tmp_path: Path) -> Iterator[Any]:
    from kiosk.simrig import SimRig

    r = SimRig(workdir=tmp_path, today=TODAY, camera=False, locker=False,
               kiosk=f'tts_engine = "mock"\nheartbeat_s = 0.5\npoll_s = 0.5\nhall_public_key = "{KEYS[1]}"').start()
    yield r
    r.stop()


@pytest.fixture
def agent_home(tmp_path: Path, broker: MosquittoBroker) -> Path:
    home = tmp_path / "agent"
    home.mkdir()
    write_config(home, broker.port, frozen_after_s=5)
    return home


def start_agent(home: Path) -> Agent:
    a = Agent(load_terminal(home / "terminal.toml"))
    a.start()
    return a


@pytest.fixture
def agent(agent_home: Path) -> Iterator[Agent]:
    a = start_agent(agent_home)
    yield a
    a.stop()


@pytest.fixture
def hall(broker: MosquittoBroker) -> Iterator[Watcher]:
    w = Watcher(broker.port)
    yield w
    w.close()


@pytest.fixture
def kiosk(qapp: Any, rig: Any, agent: Agent) -> Iterator[Citizen]:
    app = make_app(rig, socket_path=str(agent.cfg.agent.socket_path))
    app.start()
    assert app.client is not None and app.client.wait_connected(10)
    app.client.reconnect_s = 0.1  # the restarted agent is found at once
    c = Citizen(app)
    c.wait_page("home")
    yield c
    app.stop()
    spin(0.05)
    assert app.qml_warnings == [], app.qml_warnings


def heard(w: Watcher, kind: Kind, pred: Any, timeout: float = 20.0) -> Any:
    return wait_for(lambda: next((p for p in w.of(kind) if pred(p)), None), timeout, f"a {kind.value} at the hall")


def test_a_rating_reaches_the_hall_through_the_agent_without_the_rater(kiosk: Citizen, agent: Agent,
                                                                        hall: Watcher) -> None:
    kiosk.app.demo_rig.place_card("resident")
    kiosk.wait_text("您好，")
    item = print_guide_slip(kiosk)
    kiosk.wait_page("rating")
    reveal(kiosk, "level_dissatisfied")
    reveal(kiosk, "tag_guide_accurate")
    kiosk.tap("ratingSubmit")
    kiosk.wait_text("已提交，感谢您的评价")
    assert agent.feedback_accepted == 1  # said only once the agent has it in its spool
    rating: RatingPayload = heard(hall, Kind.RATING, lambda p: p.item_code == item.code)
    assert (rating.terminal, rating.level, rating.tags, rating.item_name, rating.case_no) == (
        TERM, 2, ["办事指南准确"], item.name, None)
    card = kiosk.app.session.get("card")
    assert card is not None
    raw = b"".join(payload for _, payload in hall.raw)
    assert card.number.encode() not in raw and card.name.encode() not in raw  # the rater is not sent


def test_a_complaint_is_spooled_sealed_and_its_slip_names_the_work_order(kiosk: Citizen, agent: Agent,
                                                                          hall: Watcher) -> None:
    printer = kiosk.app.demo_rig.printer_model
    walk_to_phone(kiosk, "slow")
    reveal(kiosk, "matter_long_wait")
    kiosk.tap("complaintNext")
    type_digits(kiosk, PHONE)
    kiosk.tap("complaintNext")
    kiosk.tap("complaintSkipCase")
    kiosk.tap("complaintSubmit")
    kiosk.wait_text("已提交，您的反映已受理")
    flow = kiosk.app.feedback.complaint
    complaint: ComplaintPayload = heard(hall, Kind.COMPLAINT, lambda p: p.category == "蜗牛办事")
    assert complaint.matter == "排队等候时间过长" and complaint.case_no is None
    assert open_phone(KEYS[0], complaint.phone_sealed) == PHONE  # only the hall's private key opens it
    assert flow.order_no == work_order_no(kiosk.app.cfg.terminal.id, complaint.filed_at, complaint.id)
    assert flow.order_no in kiosk.texts()
    kiosk.wait_text("回执已打印，请取走并保管好工单编号", timeout=15)
    slip = "".join(printer.slips()[-1].split())
    assert flow.order_no in slip and "1个工作日内答复" in slip and PHONE not in slip
    # Nowhere in clear: not on the broker, not in the agent's spool.
    assert not any(PHONE.encode() in payload for _, payload in hall.raw)
    spool = Path(agent.cfg.agent.spool_path)
    for f in spool.parent.glob(spool.name + "*"):
        assert PHONE.encode() not in f.read_bytes(), f


def test_an_agent_that_is_down_gets_words_and_the_complaint_waits_for_a_retry(kiosk: Citizen, agent: Agent,
                                                                               agent_home: Path,
                                                                               hall: Watcher) -> None:
    walk_to_phone(kiosk, "cannot_do")
    reveal(kiosk, "matter_repeat_correction")
    kiosk.tap("complaintNext")
    type_digits(kiosk, PHONE)
    kiosk.tap("complaintNext")
    kiosk.tap("complaintSkipCase")
    agent.stop()
    client = kiosk.app.client
    assert client is not None
    wait_for(lambda: not client.connected, what="the kiosk seeing the agent gone")
    kiosk.tap("complaintSubmit")
    kiosk.wait_text("暂时无法提交：终端与服务中心的连接中断", timeout=12)
    kiosk.wait_text(kiosk.app.cfg.kiosk.staffed_window)  # where to go instead
    assert "已提交，您的反映已受理" not in kiosk.screen_text() and PHONE in kiosk.texts()  # still there
    again = start_agent(agent_home)
    try:
        assert client.wait_connected(10)
        kiosk.tap("complaintSubmit")  # 重新提交
        kiosk.wait_text("已提交，您的反映已受理")
        heard(hall, Kind.COMPLAINT, lambda p: p.category == "办不成事")
        spin(0.5)
        assert len([p for p in hall.of(Kind.COMPLAINT) if p.category == "办不成事"]) == 1
    finally:
        again.stop()
