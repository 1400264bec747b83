from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from drivers.scenario import Scenario, ScenarioError, ScenarioPlayer


class FakeSim:
    """A minimal event target; real simulators are tested in tests/drivers."""

    EVENTS = {"paper": "set the paper level", "cover": "open or close the cover"}

    def __init__(self) -> None:
        self.seen: list[tuple[str, dict[str, Any]]] = []

    def apply_event(self, event: str, params: dict[str, Any]) -> None:
        self.seen.append((event, params))


TEXT = """
name = "paper out"
[[step]]
at = 1.5
event = "paper"
value = "near_end"
[[step]]
at = 0
event = "cover"
open = true
[[step]]
at = 3
event = "paper"
value = "out"
"""


def test_load_and_play_in_order(tmp_path: Path) -> None:
    p = tmp_path / "s.toml"
    p.write_text(TEXT)
    sc = Scenario.load(p)
    assert [s.at for s in sc.steps] == [0, 1.5, 3]
    sim = FakeSim()
    player = ScenarioPlayer(sc, {"printer": sim})
    assert [s.event for s in player.advance_to(0)] == ["cover"]
    assert player.advance_to(1.0) == []
    player.advance_to(10)
    assert sim.seen == [("cover", {"open": True}), ("paper", {"value": "near_end"}), ("paper", {"value": "out"})]
    assert player.finished


def test_loop_repeats() -> None:
    sc = Scenario.from_dict({"loop_after_s": 10, "step": [{"at": 1, "event": "paper", "value": "out"}]})
    sim = FakeSim()
    player = ScenarioPlayer(sc, {"printer": sim})
    player.advance_to(25)
    assert len(sim.seen) == 3
    assert not player.finished


@pytest.mark.parametrize(("data", "message"), [
    ({"step": [{"at": -1, "event": "paper"}]}, "key at: bad value -1"),
    ({"step": [{"at": 1}]}, "key event"),
    ({"steps": []}, "unknown key"),
    ({"loop_after_s": 1, "step": [{"at": 2, "event": "paper"}]}, "not after the last step"),
])
def test_bad_scenarios_are_rejected(data: dict[str, Any], message: str) -> None:
    with pytest.raises(ScenarioError, match=message):
        Scenario.from_dict(data)


def test_unknown_event_or_device_rejected_before_playing() -> None:
    sc = Scenario.from_dict({"step": [{"at": 1, "event": "explode"}]}, source="x.toml")
    with pytest.raises(ScenarioError, match=r"x.toml: step 1: unknown event 'explode'"):
        ScenarioPlayer(sc, {"printer": FakeSim()})
    sc2 = Scenario.from_dict({"step": [{"at": 1, "event": "paper", "device": "fax"}]})
    with pytest.raises(ScenarioError, match="unknown device 'fax'"):
        ScenarioPlayer(sc2, {"printer": FakeSim()})
