"""A locker fault met by a citizen reaches the hall: the kiosk on the locker simulator, a real fleet
agent on its local socket, a real Mosquitto, and a watcher playing the hall (tests/kiosk/test_kiosk_agent.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from fleet_agent.agent import Agent
from tests.agent.harness import Watcher
from tests.kiosk.conftest import TODAY
from tests.kiosk.kioskharness import Citizen, spin
from tests.kiosk.test_kiosk_agent import KIOSK_KEYS, agent, hall, heard, start_kiosk  # noqa: F401 (fixtures)
from tests.kiosk.test_kiosk_locker import CODE, LOCKER_KEYS, start_pickup, type_code
from wire.contract import Kind, StatusPayload

pytestmark = pytest.mark.timeout(60)


@pytest.fixture
def rig(tmp_path: Path) -> Iterator[Any]:
    from kiosk.simrig import SimRig

    r = SimRig(workdir=tmp_path, today=TODAY, kiosk=KIOSK_KEYS, camera=False, locker=True,
               locker_extra=LOCKER_KEYS).start()
    yield r
    r.stop()


def test_a_jammed_slot_met_at_a_pickup_is_a_fault_at_the_hall(qapp: Any, rig: Any, agent: Agent,  # noqa: F811
                                                               hall: Watcher) -> None:  # noqa: F811
    app = start_kiosk(rig, agent)
    try:
        assert app.client is not None and app.client.wait_connected(10)
        c = Citizen(app)
        rig.locker.apply_event("jam", {"slot": 3, "mode": "no_open"})
        start_pickup(c)
        type_code(c, CODE)
        c.wait_text("格口未能打开，已通知工作人员，请到人工窗口办理", timeout=10)
        status = heard(hall, Kind.STATUS, lambda p: isinstance(p, StatusPayload)
                       and "locker.slot.03.jammed" in p.faults)
        assert status.status.device("locker") is not None
        assert not any(CODE in f for f in status.faults)
    finally:
        app.stop()
        spin(0.05)
    assert app.qml_warnings == []
