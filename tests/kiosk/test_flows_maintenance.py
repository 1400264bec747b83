"""The maintenance screen's flow without Qt (kiosk/flows_maintenance.py): fake devices, jobs that
answer at once (or are held), timers and the clock under the test's hand — the lockout, the
timeouts and the refusals the touch tests would need minutes for."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from drivers.base import DeviceHardwareError, SelfTestResult
from ground.clock import FakeClock
from kiosk.backend.demo import DemoBackend
from kiosk.flows import Outcome
from kiosk.flows_maintenance import MaintenanceFlow, MaintenanceRules, TechnicianEntry
from terminal.client import AgentUnavailable
from terminal.pinhash import check_format, make_hash, verify
from tests.kiosk.test_flows import SyncJobs
from tests.kiosk.test_flows_locker import FakeLocker
from wire.status import DeviceState, PrinterStation, PrinterStatus

PIN = "2468"
CARD = "11010519491231002X"
HASHES = {"pin": make_hash(PIN), "card": make_hash(CARD)}


class FakeReader:
    def __init__(self, result: SelfTestResult | BaseException) -> None:
        self.result = result

    def self_test(self) -> SelfTestResult:
        if isinstance(self.result, BaseException):
            raise self.result
        return self.result


class Rig:
    def __init__(self, *, hold: bool = False, technicians: tuple[TechnicianEntry, ...] | None = None) -> None:
        self.clock = FakeClock()
        self.timers: list[tuple[float, Callable[[], None]]] = []
        self.reported: list[tuple[str, dict[str, Any]]] = []
        self.agent_up = True
        self.locker = FakeLocker()
        self.jobs = SyncJobs(DemoBackend(), devices={
            "idcard": FakeReader(SelfTestResult("idcard", True, "读卡正常 SAM 05.01")), "locker": self.locker},
            hold=hold)
        techs = technicians if technicians is not None else (
            TechnicianEntry("T07", "李工", pin_hash=HASHES["pin"], card_hash=HASHES["card"]),)
        self.statuses: dict[str, Any] = {"printer": PrinterStatus(name="printer", state=DeviceState.ONLINE, stations={
            "receipt": PrinterStation(), "journal": PrinterStation()}), "locker": self.locker.status()}
        self.incidents: Outcome[list[dict[str, Any]]] = Outcome(value=[{"code": "printer.receipt.paper_out"}])
        self.flow = MaintenanceFlow(self.jobs, MaintenanceRules(techs, idle_s=300, max_attempts=5, lockout_s=300,
                                                                self_test_timeout_s=60),
                                    self.clock, later=lambda s, fn: self.timers.append((s, fn)),
                                    devices=lambda: self.statuses, report=self._report,
                                    incidents=lambda done: done(self.incidents))

    def _report(self, code: str, detail: dict[str, Any]) -> None:
        self.reported.append((code, detail))
        if not self.agent_up:
            raise AgentUnavailable("监控程序未连接", "the fleet agent is not connected", "")

    def pin(self, digits: str) -> None:
        self.flow.enter()
        for d in digits:
            self.flow.key(d)
        self.flow.submit()
        while self.flow.checking and self.jobs.pending:  # the comparison held: answered now
            self.jobs.step()

    def fire_timers(self) -> None:
        timers, self.timers = self.timers, []
        for _s, fn in timers:
            fn()


def test_the_hash_is_salted_checked_and_never_the_pin() -> None:
    a, b = make_hash(PIN), make_hash(PIN)
    assert a != b and PIN not in a  # salted: the same PIN never gives the same line
    check_format(a)
    assert verify(PIN, a) and not verify("2469", a) and not verify(PIN, "2468") and not verify(PIN, "scrypt$x")
    with pytest.raises(ValueError):
        check_format(PIN)


def test_the_right_pin_opens_and_puts_the_terminal_out_of_service() -> None:
    r = Rig()
    assert not r.flow.out_of_service and not r.flow.engaged
    r.pin(PIN)
    assert r.flow.state == "open" and r.flow.out_of_service
    v = r.flow.view()
    assert v["technician"] == "李工" and v["stations"] == ["receipt", "journal"]
    assert [s["slot"] for s in v["slots"]] == [1, 2, 3]
    assert v["incidentsState"] == "ok" and v["incidents"] == [{"code": "printer.receipt.paper_out"}]
    r.flow.leave()
    assert r.flow.state == "closed" and not r.flow.out_of_service and r.flow.view()["technician"] == ""


def test_wrong_pins_are_refused_then_lock_the_entry_for_the_lockout() -> None:
    r = Rig()
    for n in range(1, 5):
        r.pin("1111")
        assert (r.flow.state, r.flow.error, r.flow.view()["attemptsLeft"]) == ("pin", "pin_wrong", 5 - n)
        assert not r.flow.out_of_service
    r.pin("1111")
    assert (r.flow.state, r.flow.error, r.flow.view()["lockMinutes"]) == ("locked", "pin_locked", 5)
    r.flow.leave()
    r.pin(PIN)  # even the right PIN, while locked
    assert (r.flow.state, r.flow.error) == ("locked", "pin_locked")
    r.flow.card(CARD)  # and a card
    assert r.flow.state == "locked"
    r.clock.advance(299)
    r.flow.enter()
    assert r.flow.state == "locked" and r.flow.view()["lockMinutes"] == 1
    r.clock.advance(2)
    r.pin(PIN)
    assert r.flow.state == "open"


def test_a_right_pin_clears_the_count_of_wrong_ones() -> None:
    r = Rig()
    for _ in range(4):
        r.pin("9999")
    r.pin(PIN)
    r.flow.leave()
    r.pin("9999")
    assert r.flow.view()["attemptsLeft"] == 4


def test_a_registered_card_opens_an_unknown_one_is_refused() -> None:
    r = Rig()
    r.flow.enter()
    r.flow.card("110105194912310029")
    assert (r.flow.state, r.flow.error) == ("pin", "card_unknown")
    r.flow.card(CARD.lower())  # an x is an X
    assert r.flow.state == "open" and r.flow.technician is not None and r.flow.technician.id == "T07"


def test_no_technician_registered_says_so() -> None:
    r = Rig(technicians=())
    r.flow.enter()
    assert (r.flow.state, r.flow.error) == ("pin", "no_technicians")
    r.flow.submit()
    assert r.flow.state == "pin"


def test_five_minutes_without_a_touch_return_the_terminal_to_service() -> None:
    r = Rig()
    r.pin(PIN)
    r.clock.advance(299)
    r.flow.tick()
    assert r.flow.state == "open"
    r.flow.touch()
    r.clock.advance(299)
    r.flow.tick()
    assert r.flow.state == "open"
    r.clock.advance(1)
    r.flow.tick()
    assert r.flow.state == "closed" and not r.flow.out_of_service


def test_the_pin_pad_left_alone_closes() -> None:
    r = Rig()
    r.flow.enter()
    r.clock.advance(61)
    r.flow.tick()
    assert r.flow.state == "closed"


def test_a_self_test_shows_the_driver_result_and_a_crash_as_a_failure() -> None:
    r = Rig()
    r.pin(PIN)
    r.flow.self_test("idcard")
    res = r.flow.view()["devices"]
    assert r.flow.results["idcard"]["ok"] and r.flow.notice == "test_ok" and r.flow.notice_args == ["idcard"]
    assert {d["kind"] for d in res} == {"printer", "locker"}  # the list is the snapshot's devices
    r.jobs.devices["idcard"] = FakeReader(DeviceHardwareError("sam", "安全模块无响应"))
    r.flow.self_test("idcard")
    assert r.flow.results["idcard"]["ok"] is False and r.flow.results["idcard"]["summary"] == "安全模块无响应"
    assert r.flow.notice == "test_failed"
    r.flow.self_test("camera")  # not configured: a failure in words, not a crash
    assert r.flow.results["camera"]["ok"] is False


def test_a_self_test_that_never_answers_is_given_up_and_its_late_answer_dropped() -> None:
    r = Rig(hold=True)
    r.pin(PIN)
    r.flow.self_test("idcard")
    assert r.flow.busy == "self_test:idcard"
    r.flow.test_page()  # one job at a time
    r.flow.roll_replaced("receipt")
    assert r.jobs.device_calls == ["idcard"] and r.reported == []
    assert [s for s, _ in r.timers] == [60]
    r.fire_timers()
    assert r.flow.busy == "" and r.flow.results["idcard"]["ok"] is False
    assert "超时" in r.flow.results["idcard"]["summary"]
    r.jobs.step()  # the answer that comes after all
    assert r.flow.results["idcard"]["ok"] is False


def test_a_slot_opened_for_maintenance_names_the_technician_and_is_never_once() -> None:
    r = Rig()
    r.pin(PIN)
    r.flow.open_slot("2")
    r.flow.open_slot("2")  # again: a maintenance open is not a pickup, it may be repeated
    assert r.locker.opened == [(2, "maintenance:T07"), (2, "maintenance:T07")]
    assert (r.flow.notice, r.flow.notice_args) == ("slot_opened", ["2"])
    r.locker.fail = DeviceHardwareError("jam", "02号柜门卡住")
    r.flow.open_slot("2")
    assert (r.flow.notice, r.flow.notice_args) == ("slot_failed", ["2", "02号柜门卡住"])


def test_a_roll_change_is_reported_with_the_technician_and_an_absent_agent_said() -> None:
    r = Rig()
    r.flow.roll_replaced("receipt")  # not open: nothing
    r.pin(PIN)
    r.flow.roll_replaced("receipt")
    r.flow.roll_replaced("ribbon")  # no such station
    assert r.reported == [("printer.receipt.roll_replaced", {"station": "receipt", "technician": "T07"})]
    assert r.flow.notice == "roll_reported"
    r.agent_up = False
    r.flow.roll_replaced("journal")
    assert (r.flow.notice, r.flow.notice_args) == ("roll_not_sent", ["journal"])


def test_a_roll_change_is_said_reported_only_when_the_agent_answers_in_time() -> None:
    r = Rig(hold=True)
    r.pin(PIN)
    r.flow.roll_replaced("receipt")
    assert r.flow.busy == "roll:receipt" and r.flow.notice == ""  # waiting for the agent: nothing said yet
    r.flow.roll_replaced("journal")  # one job at a time
    r.fire_timers()  # no answer within the bound: not sent, said so
    assert (r.flow.busy, r.flow.notice, r.flow.notice_args) == ("", "roll_not_sent", ["receipt"])
    while r.jobs.pending:  # the late answer is dropped
        r.jobs.step()
    assert r.flow.notice == "roll_not_sent" and r.reported == [
        ("printer.receipt.roll_replaced", {"station": "receipt", "technician": "T07"})]


def test_an_unreachable_hall_is_said_and_leaving_drops_what_comes_late() -> None:
    r = Rig()
    from kiosk.hall_incidents import HallNotConfigured, HallUnreachable

    r.incidents = Outcome(error=HallUnreachable("URLError"))
    r.pin(PIN)
    assert r.flow.view()["incidentsState"] == "unreachable" and r.flow.view()["incidents"] == []
    r.incidents = Outcome(error=HallNotConfigured("no hall_url configured"))
    r.flow.incidents()
    assert r.flow.view()["incidentsState"] == "unconfigured"
    r.jobs.hold = True
    r.flow.self_test("idcard")
    r.flow.leave()
    r.jobs.step()
    assert r.flow.results == {} and r.flow.busy == ""


def test_nothing_is_asked_while_closed() -> None:
    r = Rig()
    r.flow.self_test("idcard")
    r.flow.open_slot("1")
    r.flow.test_page()
    assert r.jobs.device_calls == [] and r.locker.opened == []


def test_the_hashes_are_compared_off_the_ui_thread_one_check_at_a_time() -> None:
    r = Rig(hold=True)
    r.flow.enter()
    for d in PIN:
        r.flow.key(d)
    r.flow.submit()
    assert r.flow.checking and r.flow.view()["checking"] and r.flow.state == "pin"
    assert r.jobs.backend_calls == 1
    r.flow.submit()  # a second press while the first is compared: nothing more
    assert r.jobs.backend_calls == 1
    r.jobs.step()
    assert r.flow.state == "open" and not r.flow.checking


def test_leaving_while_a_pin_is_compared_drops_the_answer() -> None:
    r = Rig(hold=True)
    r.flow.enter()
    for d in PIN:
        r.flow.key(d)
    r.flow.submit()
    r.flow.leave()
    r.jobs.step()
    assert r.flow.state == "closed" and not r.flow.out_of_service and not r.flow.checking
