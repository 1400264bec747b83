"""The core's entry points for other domains: units of work, the incident rules inside one, ticks, on_change.

On SQLite and PostgreSQL with a fake clock, like the other core tests.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import pytest
from sqlalchemy import select

from hall_server.core import Unit
from hall_server.db import Alert, Incident
from tests.hall.harness import Harness
from tests.hall.test_core import audit, incidents, register, state, status
from wire.status import PaperLevel

Topics = list[frozenset[str]]


def capture_topics(h: Harness) -> Topics:
    got: Topics = []
    h.core.on_change = got.append
    return got


def test_each_commit_tells_the_topics_it_changed(hall: Harness) -> None:
    topics = capture_topics(hall)
    register(hall, "t01")
    hall.core.process([state("t01", True), status(hall, "t01")])
    assert topics == [{"terminals"}, {"terminals"}]
    hall.core.process([status(hall, "t01", paper=PaperLevel.OUT)])
    assert topics[-1] == {"terminals", "incidents"}
    hall.core.tick()  # the snapshot process() kept in memory is written down
    assert topics[-1] == {"terminals"}
    n = len(topics)
    hall.core.tick()  # nothing changed: nobody is told
    assert len(topics) == n
    # A snapshot applied in memory alone is told when the tick writes it.
    assert hall.core.status_in_memory(status(hall, "t01", paper=PaperLevel.OUT)) == ("accepted", True)
    assert len(topics) == n
    hall.core.tick()
    assert topics[-1] == {"terminals"}
    hall.core.post_notice("系统维护", "今日下午暂停服务", "王敏")
    assert topics[-1] == {"notices"} and hall.notices[-1] is not None
    now = hall.clock.now()
    hall.core.request_shutdown("t01", "更换打印机", now + timedelta(hours=1), now + timedelta(hours=2), "王敏")
    assert topics[-1] == {"shutdowns"}
    [inc] = incidents(hall, state="open")
    hall.core.acknowledge(inc.id, "王敏", "已派人")
    assert topics[-1] == {"incidents"}


def test_a_listener_that_fails_leaves_the_commit_standing(hall: Harness, caplog: pytest.LogCaptureFixture) -> None:
    def broken(topics: frozenset[str]) -> None:
        raise RuntimeError("the bus is gone")

    hall.core.on_change = broken
    posted = hall.core.post_notice("系统维护", "", "王敏")
    assert "on_change" in caplog.text
    assert [n.id for n in hall.core.notices_in_force()] == [posted["id"]]
    assert hall.notices[-1] is not None  # the side effects before it were sent


def test_another_domain_raises_and_clears_incidents_inside_a_unit(hall: Harness) -> None:
    register(hall, "t01")
    topics = capture_topics(hall)
    with hall.core.unit() as u:
        inc = hall.core.incidents.raise_(u, "t01", "inspection.power", detail="巡检：电源异常")
        hall.core.incidents.audit(u, inc, "王敏", "noted", "拍照存档")
        u.changed.add("inspections")
        inc_id = inc.id
    assert topics[-1] == {"incidents", "inspections"}
    assert hall.core.open[("t01", "inspection.power")] == inc_id
    assert [a.id for a in _alerts(hall, inc_id)] == hall.alerts  # sent after the commit
    with hall.core.unit() as u:
        hall.core.incidents.clear(u, "t01", "inspection.power", actor="王敏", detail="巡检：电源正常")
        hall.core.incidents.clear(u, "t01", "inspection.power", actor="王敏")  # nothing open: nothing happens
    [done] = incidents(hall, fault_code="inspection.power")
    assert (done.state, done.resolution, done.resolved_by) == ("resolved", "auto", "王敏")
    assert audit(hall, inc_id) == ["opened", "noted", "resolved"]
    assert ("t01", "inspection.power") not in hall.core.open


def test_units_do_not_nest(hall: Harness) -> None:
    with hall.core.unit() as u:
        with pytest.raises(RuntimeError, match="already open"):
            with hall.core.unit():
                pass
        hall.core.notices.post(u, "公告", "", "王敏")
    assert len(hall.core.notices_in_force()) == 1
    with hall.core.unit():  # the lock and the guard are free again
        pass


@dataclass
class _Kept:
    """Memory of a domain of its own, journalled in the unit."""

    value: int = 0


def test_an_added_tick_runs_in_the_tick_and_fails_alone(hall: Harness, caplog: pytest.LogCaptureFixture) -> None:
    register(hall, "t01")
    hall.core.process([state("t01", True), status(hall, "t01", paper=PaperLevel.OUT)])
    [paper] = incidents(hall)
    topics = capture_topics(hall)
    kept = _Kept()

    def missed(u: Unit) -> None:
        hall.core.incidents.raise_(u, "t01", "inspection.missed", detail="上午巡检时段结束，终端 t01 未巡检")
        u.changed.add("inspections")

    def broken(u: Unit) -> None:
        hall.core.incidents.raise_(u, "t01", "app.frozen", detail="never stored")
        u.journal(kept)
        kept.value = 7
        raise RuntimeError("a bug in a domain")

    hall.core.add_tick(missed)
    hall.core.add_tick(broken)
    sent = len(hall.alerts)
    hall.clock.advance(31 * 60)  # past the paper-out deadline: the core's own rule in the same tick
    hall.core.tick()
    assert "a bug in a domain" in caplog.text
    assert [i.fault_code for i in incidents(hall, state="open")] == ["printer.receipt.paper_out", "inspection.missed"]
    assert ("t01", "app.frozen") not in hall.core.open and kept.value == 0
    assert "escalated" in audit(hall, paper.id)
    assert {"incidents", "inspections"} <= topics[-1]
    # the broken tick's alert was rolled back with its incident: the sender gets only alerts that exist
    with hall.core.sessions() as s:
        handed = list(s.scalars(select(Alert).where(Alert.id.in_(hall.alerts[sent:]))))
        frozen = s.scalars(select(Incident).where(Incident.fault_code == "app.frozen")).first()
    assert len(handed) == len(hall.alerts[sent:]) and frozen is None
    assert {"opened", "escalated"} <= {a.kind for a in handed}


def _alerts(h: Harness, incident_id: int) -> list[Alert]:
    with h.core.sessions() as s:
        return list(s.scalars(select(Alert).where(Alert.incident_id == incident_id).order_by(Alert.id)))


def test_the_old_names_are_still_importable() -> None:
    from hall_server import core

    for name in ("HALL_SCOPE", "HALL_SCOPE_LABEL", "OFFLINE", "BROKER_UNREACHABLE", "IncidentError", "NotFound",
                 "CoreSettings", "HallCore", "TerminalMem", "ACCEPTED", "DUPLICATE", "REPLAYED"):
        assert hasattr(core, name), name
    assert issubclass(core.NotFound, core.IncidentError)
