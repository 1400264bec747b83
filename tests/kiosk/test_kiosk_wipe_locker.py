"""After a pickup from the document locker nothing personal is left: not the card's name or number,
not the typed pickup code — in Python's objects (the platform's own records aside), the screen, the
logs or the terminal's files (the locker's open journal among them)."""

from __future__ import annotations

import gc
import logging
import random
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from drivers.idcard.synthetic import CARDS, make_number
from kiosk.backend.demo_locker import _Live, _PickupEntry
from kiosk.backend.locker import PickupStatus
from tests.kiosk.conftest import TODAY, make_app
from tests.kiosk.kioskharness import Citizen, spin, wait_for
from tests.kiosk.test_kiosk_locker import LOCKER_KEYS
from tests.kiosk.test_kiosk_wipe import _forms, _hits

pytestmark = pytest.mark.timeout(60)


def _reachable(root: Any) -> set[int]:
    """Ids of everything ``root`` holds: the platform keeps its pickups, the kiosk must not."""
    seen: set[int] = set()
    todo = [root]
    while todo:
        obj = todo.pop()
        if id(obj) in seen or isinstance(obj, type):
            continue
        seen.add(id(obj))
        todo.extend(gc.get_referents(obj))
    return seen


@pytest.fixture
def lrig(tmp_path: Path) -> Iterator[Any]:
    from kiosk.simrig import SimRig

    r = SimRig(workdir=tmp_path, today=TODAY, kiosk='tts_engine = "mock"\npoll_s = 0.5', camera=False,
               locker=True, locker_extra=LOCKER_KEYS).start()
    r.locker.apply_event("auto_close", {"seconds": 0.5})
    yield r
    r.stop()


def test_the_wipe_after_a_pickup_finds_nothing(qapp: Any, lrig: Any, monkeypatch: pytest.MonkeyPatch,
                                               caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    rnd = random.Random()
    name = "测试" + "".join(rnd.choice("甲乙丙丁戊己庚辛壬癸子丑寅卯") for _ in range(3))
    birth = date(1970 + rnd.randrange(40), 1 + rnd.randrange(12), 1 + rnd.randrange(28))
    number = make_number("150602", birth, rnd.randrange(1000))
    code = "".join(rnd.choice("0123456789") for _ in range(9))
    card = replace(CARDS["resident"], name=name, number=number, birth=birth)
    monkeypatch.setitem(CARDS, "wipe-test", card)
    entry = _PickupEntry(pickup_id="P-WIPE", case_no="1506020800001156", item="住房公积金提取凭证", slot=7,
                         holder="wipe-test", code=code)
    lrig.backend._locker.pickups.append(_Live(entry, (name, number), None, PickupStatus.WAITING))
    app = make_app(lrig)
    app.start()
    try:
        c = Citizen(app)
        c.wait_page("home")
        lrig.place_card("wipe-test")
        c.wait_text("您好，")
        c.tap("service_pickup")
        c.wait_page("pickup")
        for d in code:
            c.tap(f"key_{d}")
        assert "●" * len(code) in c.screen_text() and code not in c.screen_text()  # dots for onlookers
        c.tap("pickupSubmit")
        wait_for(lambda: app.locker.pickup.print_state == "printed", timeout=15, what="the slip printed")
        assert lrig.backend._locker.pickups[-1].status is PickupStatus.COLLECTED
        c.wait_page("rating")  # a collected document is a service done: its rating is offered
        c.tap("endButton")  # 结束 instead: the session ends and is wiped
        wait_for(lambda: app.session.state.value == "idle", what="session over")
        c.wait_page("home")
        lrig.remove_card()
        monkeypatch.undo()
        del card
        app.engine.collectGarbage()
        spin(0.1)
        gc.collect()
        needles = [name, number, code]
        forms = _forms(needles)
        platform = _reachable(lrig.backend) | _reachable(entry)
        # The test's own log capture keeps each record's arguments (a card's repr is masked).
        captured = {id(a) for r in caplog.records for a in (r.args if isinstance(r.args, tuple) else ())}
        hits = _hits(forms, exclude={id(needles), id(forms), *platform, *captured})
        assert hits == [], hits
        screen = c.screen_text()
        assert not any(n in screen for n in needles)
        for view in (app.locker.pickup.view(), app.locker.deposit.view(), app.identity.view()):
            assert not any(n in repr(view) for n in needles)
        for record in caplog.records:
            assert not any(n in record.getMessage() for n in needles), record.getMessage()
        for f in Path(lrig.dir).rglob("*"):
            if f.is_file():
                data = f.read_bytes()
                assert not any(n.encode() in data or n.encode("gb18030") in data for n in needles), f
    finally:
        app.stop()
        spin(0.05)
    assert app.qml_warnings == []
