"""The kiosk's Qt-free core: availability codes, and the identity, guide and progress flows run
through a synchronous :class:`kiosk.flows.Jobs` against fake devices and the real demo back end.

The fake printer renders every slip with the real templates (drivers.printer.slips), so data that
does not fill a template fails here as it would at the terminal, and the tests read what the
citizen would read on the slip.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, TypeVar

import pytest

from drivers.base import DeviceHardwareError, DeviceOffline, DeviceTimeout
from drivers.idcard.card import CardDataError, IdCard
from drivers.idcard.codec import CardReadFailed, NoCard, UnknownCardType
from drivers.idcard.driver import CardAlreadyRead
from drivers.idcard.synthetic import CARDS
from drivers.printer import slips
from drivers.printer.jobs import JobState, PrintJob
from ground.clock import FakeClock
from ground.logs import mask_name
from ground.workdays import add_workdays
from kiosk.availability import SERVICE_NEEDS, Availability, device_reason
from kiosk.backend.demo import DemoBackend
from kiosk.backend.model import Backend, Case, CaseStatus, HallInfo
from kiosk.flows import GuideFlow, IdentityFlow, Outcome, ProgressFlow
from kiosk.session import EndReason, Session
from wire.status import DeviceState, IdCardReaderStatus, PaperLevel, PrinterStation, PrinterStatus

T = TypeVar("T")

TODAY = date(2026, 6, 17)  # a Wednesday; the Dragon Boat Festival is Friday 2026-06-19
NOW = datetime(2026, 6, 17, 10, 30)
YLBX = "150602-YB-0001"  # 城乡居民基本医疗保险参保登记
IN_REVIEW = "1506020800001156"  # 测试甲's 住房公积金提取, in review, accepted one working day ago, 1 day promised
OUT_PATIENT = "1506020100003380"  # 样例乙's 门诊慢特病病种待遇认定, accepted one working day ago, 10 days promised
COLLECTED = "1506020300004471"  # 测试甲's, done


# ------------------------------------------------------------------------------------------------
# Fakes: a reader, a printer that renders for real, and Jobs that answer at once (or when told)
# ------------------------------------------------------------------------------------------------

class FakeReader:
    """``read_card`` answers with the queued cards and errors in turn; an empty queue is no card."""

    def __init__(self, *answers: IdCard | BaseException) -> None:
        self.answers: list[IdCard | BaseException] = list(answers)
        self.calls: list[float | None] = []

    def read_card(self, timeout_s: float | None = None, with_address: bool = True) -> IdCard:
        self.calls.append(timeout_s)
        if not self.answers:
            raise NoCard("no card in the field", "请放置证件")
        answer = self.answers.pop(0)
        if isinstance(answer, BaseException):
            raise answer
        return answer


class FakePrinter:
    """Renders with the real templates and settles a :class:`PrintJob` printed, or failed with
    ``error``; ``raises`` makes the call itself fail (the link gone)."""

    def __init__(self) -> None:
        self.rendered: list[slips.Rendered] = []
        self.timeouts: list[float | None] = []
        self.error: DeviceHardwareError | DeviceOffline | None = None
        self.raises: BaseException | None = None

    def print_slip(self, template: str, data: Mapping[str, Any], timeout: float | None = None) -> PrintJob:
        self.timeouts.append(timeout)
        if self.raises is not None:
            raise self.raises
        r = slips.render(template, data)  # a key the template needs and data lacks: TemplateError
        self.rendered.append(r)
        job = PrintJob(title=r.title, template=r.template, payload=r.payload, text=r.text, chunks=r.chunks())
        job.start_attempt()
        job.finish(self.error)
        return job

    @property
    def flat(self) -> str:
        """The last slip's text with its lines joined, so a wrapped name reads as one."""
        return "".join(line.strip() for line in self.rendered[-1].lines)


@dataclass
class SyncJobs:
    """:class:`kiosk.flows.Jobs` for tests: runs ``fn`` at once and calls ``done`` with its
    :class:`Outcome`. With ``hold``, the answers wait in ``pending`` until :meth:`step`."""

    backend_: Backend
    devices: dict[str, Any] = field(default_factory=dict)
    hold: bool = False
    pending: list[Callable[[], None]] = field(default_factory=list)
    device_calls: list[str] = field(default_factory=list)
    backend_calls: int = 0

    def _run(self, fn: Callable[[Any], T], arg: Any, done: Callable[[Outcome[T]], None]) -> None:
        try:
            out: Outcome[T] = Outcome(value=fn(arg))
        except BaseException as exc:  # as the Qt jobs runner does: every failure is an answer
            out = Outcome(error=exc)
        if self.hold:
            self.pending.append(lambda: done(out))
        else:
            done(out)

    def device(self, kind: str, fn: Callable[[Any], T], done: Callable[[Outcome[T]], None]) -> None:
        self.device_calls.append(kind)
        dev = self.devices.get(kind)
        if dev is None:  # as kiosk.qt.jobs.QtJobs answers for a device the terminal does not have
            out: Outcome[T] = Outcome(error=DeviceOffline(f"no {kind} configured", f"{kind} missing"))
            self.pending.append(lambda: done(out)) if self.hold else done(out)
            return
        self._run(fn, dev, done)

    def backend(self, fn: Callable[[Backend], T], done: Callable[[Outcome[T]], None]) -> None:
        self.backend_calls += 1
        self._run(fn, self.backend_, done)

    def step(self) -> None:
        """Deliver the oldest held answer (which may ask for the next one)."""
        self.pending.pop(0)()


@pytest.fixture(scope="module")
def demo() -> DemoBackend:
    return DemoBackend(today=TODAY)


@pytest.fixture(scope="module")
def hall(demo: DemoBackend) -> HallInfo:
    return demo.hall()


@pytest.fixture
def session() -> Session:
    s = Session(clock=FakeClock())
    s.touch()
    return s


@pytest.fixture
def avail() -> Availability:
    return Availability(configured=frozenset({"idcard", "printer"}))


@pytest.fixture
def printer() -> FakePrinter:
    return FakePrinter()


def printer_status(state: DeviceState = DeviceState.ONLINE, paper: PaperLevel = PaperLevel.FULL,
                   cover_open: bool | None = False) -> PrinterStatus:
    return PrinterStatus(name="printer", state=state, stations={"receipt": PrinterStation(paper=paper)},
                         cover_open=cover_open)


# ------------------------------------------------------------------------------------------------
# Availability
# ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("state", [DeviceState.ONLINE, DeviceState.BUSY, DeviceState.USER_ERROR,
                                   DeviceState.HARDWARE_ERROR])
def test_printer_paper_out_whatever_its_state(avail: Availability, state: DeviceState) -> None:
    avail.update([printer_status(state, PaperLevel.OUT)])
    assert avail.device("printer") == "printer_paper_out"


def test_printer_paper_low_is_still_usable(avail: Availability) -> None:
    avail.update([printer_status(paper=PaperLevel.LOW)])
    assert avail.device("printer") is None


@pytest.mark.parametrize("state", [DeviceState.OFFLINE, DeviceState.NO_DEVICE, DeviceState.POWER_OFF])
def test_devices_offline(avail: Availability, state: DeviceState) -> None:
    avail.update([printer_status(state), IdCardReaderStatus(name="idcard", state=state)])
    assert avail.device("printer") == "printer_offline"
    assert avail.device("idcard") == "idcard_offline"
    assert avail.service("identity") == "idcard_offline"


def test_printer_cover_open_and_other_faults(avail: Availability) -> None:
    avail.update([printer_status(DeviceState.USER_ERROR, cover_open=True)])  # as the driver reports it
    assert avail.device("printer") == "printer_cover_open"
    avail.update([printer_status(DeviceState.USER_ERROR, PaperLevel.OUT, cover_open=True)])
    assert avail.device("printer") == "printer_paper_out"  # paper first: the one the hall must bring
    avail.update([printer_status(DeviceState.HARDWARE_ERROR)])
    assert avail.device("printer") == "printer_fault"
    avail.update([IdCardReaderStatus(name="idcard", state=DeviceState.HARDWARE_ERROR, sam="error")])
    assert avail.device("idcard") == "idcard_fault"


def test_the_newest_status_wins(avail: Availability) -> None:
    avail.update([printer_status(DeviceState.OFFLINE)])
    avail.update([printer_status(DeviceState.ONLINE)])
    assert avail.device("printer") is None


def test_configured_but_not_polled_is_usable(avail: Availability) -> None:
    assert avail.devices == {}
    assert avail.device("printer") is None
    assert avail.device("idcard") is None
    assert {name: avail.service(name) for name in ("identity", "guide", "progress")} == {
        "identity": None, "guide": None, "progress": None}


def test_not_configured_is_missing_even_with_a_status() -> None:
    a = Availability(configured=frozenset())
    a.update([printer_status()])
    assert a.device("printer") == "printer_missing"
    assert a.device("idcard") == "idcard_missing"
    assert a.service("identity") == "idcard_missing"
    assert a.service("guide") is None and a.service("progress") is None  # a slip is optional
    assert device_reason(None, "camera") == "camera_missing"


def test_closed_out_of_service_before_the_notice() -> None:
    a = Availability(configured=frozenset({"idcard", "printer"}))
    assert a.closed is None
    a.notice = {"title": "系统升级", "message": "今日16:00后暂停服务"}
    assert a.closed == "notice"
    a.out_of_service = True
    assert a.closed == "out_of_service"
    a.out_of_service, a.notice = False, None
    assert a.closed is None


def test_view_gives_codes_as_text() -> None:
    a = Availability(configured=frozenset({"printer"}), notice={"title": "停电检修", "message": "明日恢复"})
    a.update([printer_status(paper=PaperLevel.OUT)])
    v = a.view()
    assert v["services"] == {name: a.service(name) or "" for name in SERVICE_NEEDS}  # every service has its entry
    assert {k: v["services"][k] for k in ("identity", "guide", "progress", "photo")} == {
        "identity": "idcard_missing", "guide": "", "progress": "", "photo": "camera_missing"}
    assert (v["services"]["pickup"], v["services"]["deposit"]) == ("locker_missing", "locker_missing")
    assert (v["printer"], v["idcard"], v["closed"]) == ("printer_paper_out", "idcard_missing", "notice")
    assert (v["noticeTitle"], v["noticeMessage"]) == ("停电检修", "明日恢复")


# ------------------------------------------------------------------------------------------------
# Identity
# ------------------------------------------------------------------------------------------------

def identity(reader: FakeReader | None, session: Session, avail: Availability, demo: DemoBackend, *,
             today: date = TODAY, hold: bool = False) -> tuple[IdentityFlow, SyncJobs]:
    jobs = SyncJobs(demo, {"idcard": reader} if reader is not None else {}, hold=hold)
    return IdentityFlow(jobs, session, avail, today=lambda: today, read_s=0.5), jobs


def test_identity_waiting_to_done_keeps_the_card(session: Session, avail: Availability, demo: DemoBackend) -> None:
    card = CARDS["resident"]
    reader = FakeReader(card)
    flow, jobs = identity(reader, session, avail, demo, hold=True)
    states: list[str] = []
    flow.listeners.append(lambda f: states.append(f.state))
    seen: list[IdCard] = []
    flow.on_card = seen.append
    assert flow.state == "idle"
    flow.start()
    assert flow.state == "waiting"
    assert reader.calls == [0.5]  # asked with the flow's read_s
    jobs.step()
    assert states == ["waiting", "done"]
    assert flow.error == ""
    assert flow.card is card and seen == [card]
    assert session.get("card") is card
    v = flow.view()["card"]
    assert v == {"name": "测**", "number": card.number[:4] + "*" * 10 + card.number[-4:],
                 "kind": "resident", "validTo": "2040.05.01"}
    assert "测试甲" not in str(flow.view())


def test_identity_no_card_asks_again_until_a_card_comes(session: Session, avail: Availability,
                                                        demo: DemoBackend) -> None:
    reader = FakeReader()
    flow, jobs = identity(reader, session, avail, demo, hold=True)
    flow.start()
    for n in range(1, 6):
        assert flow.state == "waiting" and flow.error == ""
        assert len(reader.calls) == n and len(jobs.pending) == 1
        jobs.step()  # NoCard: not news, ask again
    reader.answers.append(DeviceTimeout("no answer in time"))  # a read that timed out: also ask again
    jobs.step()
    assert flow.state == "waiting"
    reader.answers.append(CARDS["resident_long_term"])
    jobs.step()
    jobs.step()
    assert flow.state == "done"
    assert session.get("card") is CARDS["resident_long_term"]
    assert len(reader.calls) == 8 and jobs.pending == []  # and it stops asking


def test_identity_a_session_ended_during_a_read_does_not_stop_the_reading(session: Session, avail: Availability,
                                                                          demo: DemoBackend) -> None:
    """The session ends (a wipe resets the flow) while a read is on the device thread: its card is
    dropped, and the next citizen's waiting asks the reader again (once the old read is over)."""
    first, second = CARDS["resident"], CARDS["resident_long_term"]
    reader = FakeReader(first, second)
    flow, jobs = identity(reader, session, avail, demo, hold=True)
    flow.start()
    assert len(reader.calls) == 1 and len(jobs.pending) == 1
    flow.reset()  # the session's wipe, the read still out
    flow.start()  # the next citizen at the home page
    assert len(reader.calls) == 1  # one read at a time: not asked twice
    jobs.step()  # the old read answers: the first card, for a session that is gone
    assert flow.card is None and session.get("card") is None and flow.state == "waiting"
    assert len(reader.calls) == 2 and len(jobs.pending) == 1  # asked anew
    jobs.step()
    assert flow.state == "done" and flow.card is second


def test_identity_a_read_dropped_by_a_reset_is_not_taken_later(session: Session, avail: Availability,
                                                               demo: DemoBackend) -> None:
    reader = FakeReader(CARDS["resident"])
    flow, jobs = identity(reader, session, avail, demo, hold=True)
    flow.start()
    flow.reset()
    jobs.step()  # answered after the reset, nobody waiting: not held for later either
    assert flow.state == "idle" and jobs.pending == []
    flow.start()
    assert len(reader.calls) == 2  # the reader is asked again (the flag is down)
    jobs.step()
    assert flow.state == "waiting" and flow.card is None


def test_identity_no_card_retries_when_answered_at_once(session: Session, avail: Availability,
                                                        demo: DemoBackend) -> None:
    reader = FakeReader(NoCard("no card"), NoCard("no card"), CARDS["resident"])
    flow, _ = identity(reader, session, avail, demo)
    flow.start()
    assert flow.state == "done"
    assert len(reader.calls) == 3


def test_identity_expired_card(session: Session, avail: Availability, demo: DemoBackend) -> None:
    card = CARDS["hmt_permit"]
    assert card.valid_to == date(2026, 1, 15)
    flow, _ = identity(FakeReader(card), session, avail, demo, today=date(2026, 12, 3))
    flow.start()
    assert (flow.state, flow.error) == ("error", "card_expired")
    assert flow.card is None
    assert session.get("card") is None  # an expired card is not kept


def test_identity_card_valid_on_its_last_day(session: Session, avail: Availability, demo: DemoBackend) -> None:
    flow, _ = identity(FakeReader(CARDS["hmt_permit"]), session, avail, demo, today=date(2026, 1, 15))
    flow.start()
    assert flow.state == "done"


def test_identity_long_term_card_never_expires(session: Session, avail: Availability, demo: DemoBackend) -> None:
    flow, _ = identity(FakeReader(CARDS["resident_long_term"]), session, avail, demo, today=date(2090, 1, 1))
    flow.start()
    assert flow.state == "done"
    assert flow.view()["card"]["validTo"] == "长期"


@pytest.mark.parametrize(("exc", "code"), [
    (CardDataError("resident: number fails its GB 11643 check digit", "证件信息校验失败"), "card_invalid"),
    (CardReadFailed("card moved"), "card_unreadable"),
    (UnknownCardType("flag 'Z'"), "card_unreadable"),
    (CardAlreadyRead("already read in this session", "本次业务已读取该证件"), "card_already_read"),
    (DeviceOffline("serial port gone"), "idcard_offline"),
    (DeviceHardwareError("SAM failed"), "idcard_offline"),
    (RuntimeError("driver bug"), "idcard_offline"),
])
def test_identity_read_errors(session: Session, avail: Availability, demo: DemoBackend,
                              exc: BaseException, code: str) -> None:
    reader = FakeReader(exc, CARDS["resident"])
    flow, jobs = identity(reader, session, avail, demo)
    flow.start()
    assert (flow.state, flow.error) == ("error", code)
    assert len(reader.calls) == 1  # no retry: the citizen (or a technician) has to act
    assert flow.card is None and session.get("card") is None
    flow.start()  # 重试
    assert (flow.state, flow.error) == ("done", "")
    assert session.get("card") is CARDS["resident"]
    assert jobs.device_calls == ["idcard", "idcard"]


def test_identity_the_real_check_digit_error(session: Session, avail: Availability, demo: DemoBackend) -> None:
    from drivers.idcard.card import decode_text, encode_text

    with pytest.raises(CardDataError) as info:
        decode_text(encode_text(CARDS["bad_check_digit"]))

    flow, _ = identity(FakeReader(info.value), session, avail, demo)
    flow.start()
    assert (flow.state, flow.error) == ("error", "card_invalid")


@pytest.mark.parametrize(("status", "code"), [
    (IdCardReaderStatus(name="idcard", state=DeviceState.OFFLINE), "idcard_offline"),
    (IdCardReaderStatus(name="idcard", state=DeviceState.HARDWARE_ERROR, sam="error"), "idcard_fault"),
])
def test_identity_reader_down_before_start(session: Session, avail: Availability, demo: DemoBackend,
                                           status: IdCardReaderStatus, code: str) -> None:
    reader = FakeReader(CARDS["resident"])
    avail.update([status])
    flow, jobs = identity(reader, session, avail, demo)
    flow.start()
    assert (flow.state, flow.error) == ("error", code)
    assert reader.calls == [] and jobs.device_calls == []  # the reader is not even asked


def test_identity_reader_not_configured(session: Session, demo: DemoBackend) -> None:
    flow, jobs = identity(FakeReader(CARDS["resident"]), session, Availability(), demo)
    flow.start()
    assert (flow.state, flow.error) == ("error", "idcard_missing")
    assert jobs.device_calls == []


def test_identity_reader_configured_but_absent_from_the_runner(session: Session, avail: Availability,
                                                               demo: DemoBackend) -> None:
    flow, _ = identity(None, session, avail, demo)
    flow.start()
    assert (flow.state, flow.error) == ("error", "idcard_offline")


def test_identity_a_stale_callback_after_reset_is_ignored(session: Session, avail: Availability,
                                                          demo: DemoBackend) -> None:
    reader = FakeReader(CARDS["resident"])
    flow, jobs = identity(reader, session, avail, demo, hold=True)
    flow.start()
    flow.reset()  # the session ended while the read was in flight
    assert flow.state == "idle"
    jobs.step()  # the card arrives late
    assert flow.state == "idle" and flow.error == ""
    assert flow.card is None and session.get("card") is None
    assert jobs.pending == []


def test_identity_a_stale_callback_after_stop_is_ignored(session: Session, avail: Availability,
                                                         demo: DemoBackend) -> None:
    flow, jobs = identity(FakeReader(), session, avail, demo, hold=True)
    flow.start()
    flow.stop()  # the citizen left the page
    assert flow.state == "idle"
    jobs.step()  # NoCard: no new read is asked for
    assert flow.state == "idle" and jobs.pending == []


def test_identity_reset_drops_the_card(session: Session, avail: Availability, demo: DemoBackend) -> None:
    flow, _ = identity(FakeReader(CARDS["resident"]), session, avail, demo)
    session.on_wipe(flow.reset)
    flow.start()
    assert flow.card is not None
    session.end(EndReason.ENDED)
    assert flow.card is None and flow.state == "idle"
    assert flow.view()["card"] == {}
    assert session.get("card") is None


# ------------------------------------------------------------------------------------------------
# Service guide
# ------------------------------------------------------------------------------------------------

def guide(demo: DemoBackend, session: Session, avail: Availability, hall: HallInfo,
          printer: FakePrinter | None = None) -> tuple[GuideFlow, SyncJobs]:
    jobs = SyncJobs(demo, {"printer": printer} if printer is not None else {})
    return GuideFlow(jobs, avail, lambda: hall, session, today=lambda: TODAY), jobs


def test_guide_open_loads_the_catalogue_once(demo: DemoBackend, session: Session, avail: Availability,
                                             hall: HallInfo) -> None:
    flow, jobs = guide(demo, session, avail, hall)
    states: list[str] = []
    flow.listeners.append(lambda f: states.append(f.state))
    flow.open()
    assert states == ["loading", "browse"]
    assert flow.index is not None and len(flow.index) == len(demo.items())
    assert flow.results == [] and flow.filter == {}
    v = flow.view()
    assert "东胜区医疗保障局" in v["departments"]
    assert "医疗保障" in v["themes"]
    flow.open()
    assert jobs.backend_calls == 1  # the catalogue is public: loaded once


def test_guide_browse_by_department_and_theme(demo: DemoBackend, session: Session, avail: Availability,
                                              hall: HallInfo) -> None:
    flow, _ = guide(demo, session, avail, hall)
    flow.open()
    flow.by_department("东胜区医疗保障局")
    assert flow.state == "browse" and flow.filter == {"department": "东胜区医疗保障局"}
    assert flow.results and all(i.department == "东胜区医疗保障局" for i in flow.results)
    assert flow.results[0].name == "城乡居民基本医疗保险参保登记"
    flow.by_theme("养老")
    assert flow.filter == {"theme": "养老"}
    names = [i.name for i in flow.results]
    assert "城乡居民基本养老保险参保登记" in names and "门诊慢特病病种待遇认定" in names
    assert "城乡居民基本医疗保险参保登记" not in names
    assert all("养老" in i.themes for i in flow.results)
    assert flow.view()["results"][0].keys() == {"code", "name", "department"}


@pytest.mark.parametrize("query", ["ylbx", "医疗保险", "yiliaobaoxian", "城乡居民基本医疗"])
def test_guide_search_finds_the_item(demo: DemoBackend, session: Session, avail: Availability, hall: HallInfo,
                                     query: str) -> None:
    flow, _ = guide(demo, session, avail, hall)
    flow.open()
    flow.search(query)
    assert flow.state == "browse" and flow.filter == {"query": query}
    assert "城乡居民基本医疗保险参保登记" in [i.name for i in flow.results]


def test_guide_empty_search_finds_nothing(demo: DemoBackend, session: Session, avail: Availability,
                                          hall: HallInfo) -> None:
    flow, _ = guide(demo, session, avail, hall)
    flow.open()
    flow.search("ylbx")
    flow.search("   ")
    assert flow.results == [] and flow.state == "browse"


def test_guide_choose_and_back(demo: DemoBackend, session: Session, avail: Availability, hall: HallInfo) -> None:
    flow, _ = guide(demo, session, avail, hall)
    flow.open()
    flow.search("ylbx")
    flow.choose(YLBX)
    assert flow.state == "item"
    assert flow.item is not None and flow.item.name == "城乡居民基本医疗保险参保登记"
    v = flow.view()["item"]
    assert v["code"] == YLBX and v["promisedDays"] == 0  # 即办: the screen words it in the citizen's language
    assert v["materials"][0]["name"] == "居民身份证或居民户口簿"
    flow.back()
    assert flow.state == "browse" and flow.item is None
    assert flow.results  # the search is still there
    flow.choose("no-such-code")
    assert (flow.state, flow.error) == ("error", "not_found")


def test_guide_slip_renders_the_item_with_the_name_masked(demo: DemoBackend, session: Session,
                                                          avail: Availability, hall: HallInfo,
                                                          printer: FakePrinter) -> None:
    card = CARDS["resident"]
    session.keep("card", card)
    flow, _ = guide(demo, session, avail, hall, printer)
    flow.open()
    flow.choose(YLBX)
    flow.print_slip()
    assert (flow.print_state, flow.print_error) == ("printed", "")
    assert flow.state == "item"
    assert printer.timeouts == [flow.print_timeout_s]
    slip = printer.rendered[-1]
    assert slip.template == "notification" and slip.title == "一次性告知书"
    text = printer.flat
    item = demo.item(YLBX)
    assert item.name in text
    assert item.materials[0].name in text
    assert hall.name in text and hall.hotline in text
    assert "法定办结时限" in text and "承诺办结时限：即办" in text
    assert f"告知日期：{TODAY:%Y-%m-%d}" in text
    assert slips.QR_MARK + item.guide_url in slip.lines
    assert "申 请 人：" + mask_name(card.name) in text
    assert mask_name(card.name) == "测**"
    assert card.name not in text  # never the whole name on paper
    assert card.number not in text


def test_guide_slip_without_a_card_has_no_applicant(demo: DemoBackend, session: Session, avail: Availability,
                                                    hall: HallInfo, printer: FakePrinter) -> None:
    flow, _ = guide(demo, session, avail, hall, printer)
    flow.open()
    flow.choose("150602-YB-0004")  # 医疗费用零星报销: four materials
    flow.print_slip()
    assert flow.print_state == "printed"
    item = demo.item("150602-YB-0004")
    lines = printer.rendered[-1].lines
    assert any(line.startswith("申 请 人：") and line.endswith("：") for line in lines)
    for n, m in enumerate(item.materials, 1):
        assert f"{n}. {m.name}" in printer.flat


def test_guide_no_slip_without_an_item(demo: DemoBackend, session: Session, avail: Availability, hall: HallInfo,
                                       printer: FakePrinter) -> None:
    flow, jobs = guide(demo, session, avail, hall, printer)
    flow.open()
    flow.print_slip()
    assert flow.print_state == "" and printer.timeouts == [] and "printer" not in jobs.device_calls


def test_guide_printer_paper_out_prints_nothing(demo: DemoBackend, session: Session, avail: Availability,
                                                hall: HallInfo, printer: FakePrinter) -> None:
    avail.update([printer_status(paper=PaperLevel.OUT)])
    flow, jobs = guide(demo, session, avail, hall, printer)
    flow.open()
    flow.choose(YLBX)
    flow.print_slip()
    assert (flow.print_state, flow.print_error) == ("failed", "printer_paper_out")
    assert flow.state == "item" and flow.error == ""
    assert printer.timeouts == [] and jobs.device_calls == []
    assert flow.view()["printer"] == "printer_paper_out"


@pytest.mark.parametrize(("error", "raises", "code"), [
    (DeviceHardwareError("cover opened mid-slip", "打印机盖未关闭"), None, "print_hardware"),
    (DeviceOffline("link lost mid-slip"), None, "print_offline"),
    (None, DeviceTimeout("no answer"), "print_offline"),
    (None, RuntimeError("driver bug"), "print_failed"),
])
def test_guide_slip_that_fails_while_printing(  # noqa: PLR0917 (pytest parameters)
        demo: DemoBackend, session: Session, avail: Availability,
        hall: HallInfo, printer: FakePrinter, error: Any, raises: BaseException | None, code: str) -> None:
    printer.error, printer.raises = error, raises
    flow, _ = guide(demo, session, avail, hall, printer)
    flow.open()
    flow.choose(YLBX)
    flow.print_slip()
    assert (flow.print_state, flow.print_error) == ("failed", code)
    assert flow.state == "item"
    printer.error = printer.raises = None
    flow.print_slip()  # 重新打印
    assert (flow.print_state, flow.print_error) == ("printed", "")


def test_a_failed_job_is_failed_state() -> None:
    p = FakePrinter()
    p.error = DeviceHardwareError("paper out", "凭条纸用完")
    job = p.print_slip("progress", {"hall_name": "h", "case_no": "123456", "matter": "m", "applicant": "测试甲",
                                    "current_status": "审查中", "steps": [], "expected_date": "-",
                                    "progress_url": "-", "printed_at": "-"})
    assert job.state is JobState.FAILED and not job.ok and job.reason == "凭条纸用完"
    with pytest.raises(slips.TemplateError, match="case_no"):  # and the fake printer does check the data
        p.print_slip("progress", {"hall_name": "h"})


@pytest.mark.parametrize(("mode", "code"), [("error", "backend_error"), ("timeout", "backend_timeout")])
def test_guide_back_end_failures(session: Session, avail: Availability, hall: HallInfo, mode: str,
                                 code: str) -> None:
    demo = DemoBackend(today=TODAY, timeout_s=0.05)
    demo.fail(mode)  # type: ignore[arg-type]
    flow, _ = guide(demo, session, avail, hall)
    flow.open()
    assert (flow.state, flow.error) == ("error", code)
    assert flow.index is None
    demo.fail("none")
    flow.open()  # try again: the platform is back
    assert (flow.state, flow.error) == ("browse", "")


def test_guide_reset_keeps_the_public_catalogue_only(demo: DemoBackend, session: Session, avail: Availability,
                                                     hall: HallInfo, printer: FakePrinter) -> None:
    flow, jobs = guide(demo, session, avail, hall, printer)
    flow.open()
    index = flow.index
    flow.search("ylbx")
    flow.choose(YLBX)
    flow.print_slip()
    flow.reset()
    assert flow.state == "start" and flow.error == ""
    assert flow.results == [] and flow.filter == {} and flow.item is None
    assert (flow.print_state, flow.print_error) == ("", "")
    assert flow.index is index
    v = flow.view()
    assert v["results"] == [] and v["item"] == {} and v["filter"] == {} and v["departments"]
    flow.open()
    assert flow.state == "browse" and jobs.backend_calls == 1


# ------------------------------------------------------------------------------------------------
# Case progress
# ------------------------------------------------------------------------------------------------

def progress(demo: DemoBackend, session: Session, avail: Availability, hall: HallInfo,
             printer: FakePrinter | None = None, *, now: datetime = NOW) -> tuple[ProgressFlow, SyncJobs]:
    jobs = SyncJobs(demo, {"printer": printer} if printer is not None else {})
    return ProgressFlow(jobs, avail, lambda: hall, session, now=lambda: now), jobs


def type_number(flow: ProgressFlow, number: str) -> None:
    for k in number:
        flow.key(k)


def test_progress_the_pad(demo: DemoBackend, session: Session, avail: Availability, hall: HallInfo) -> None:
    flow, _ = progress(demo, session, avail, hall)
    flow.open()
    type_number(flow, "15a0-6")
    assert flow.number == "1506"  # digits only
    flow.key("１")  # a full-width digit is not ASCII
    flow.key("12")  # one key is one digit
    assert flow.number == "1506"
    flow.key("back")
    assert flow.number == "150"
    flow.key("clear")
    assert flow.number == ""
    flow.key("back")
    assert flow.number == ""
    type_number(flow, "9" * 30)
    assert flow.number == "9" * 24
    assert session.get("typed_case_no") == "9" * 24  # kept in the session, wiped at its end
    assert flow.view()["number"] == "9" * 24
    assert flow.state == "start"


def test_progress_too_short_a_number(demo: DemoBackend, session: Session, avail: Availability,
                                     hall: HallInfo) -> None:
    flow, jobs = progress(demo, session, avail, hall)
    flow.open()
    type_number(flow, "15060")
    flow.find_number()
    assert (flow.state, flow.error) == ("error", "case_no_invalid")
    assert jobs.backend_calls == 0
    flow.key("2")  # typing again leaves the error
    assert (flow.state, flow.number) == ("start", "150602")


def test_progress_unknown_number(demo: DemoBackend, session: Session, avail: Availability, hall: HallInfo) -> None:
    flow, _ = progress(demo, session, avail, hall)
    flow.open()
    type_number(flow, "150602000000")
    flow.find_number()
    assert (flow.state, flow.error) == ("error", "not_found")
    assert flow.case is None


def test_progress_a_known_case(demo: DemoBackend, session: Session, avail: Availability, hall: HallInfo) -> None:
    flow, _ = progress(demo, session, avail, hall)
    flow.open()
    type_number(flow, IN_REVIEW)
    flow.find_number()
    assert (flow.state, flow.error) == ("case", "")
    case = flow.case
    assert case is not None and case.case_no == IN_REVIEW and case.status is CaseStatus.IN_REVIEW
    assert case.accepted_on == date(2026, 6, 16)
    v = flow.view()["case"]
    assert v["caseNo"] == IN_REVIEW and v["statusLabel"] == "审查中"
    assert v["applicant"] == "测**"
    assert len(v["steps"]) == len(case.steps) >= 1
    assert v["steps"][0]["time"] == f"{case.steps[0].time:%Y-%m-%d %H:%M}"
    assert v["steps"][0]["step"] == case.steps[0].step
    assert (v["deadline"], v["deadlineCode"]) == ("2026-06-17", "ok")  # one working day after acceptance


def test_progress_deadline_skips_the_holiday(demo: DemoBackend, session: Session, avail: Availability,
                                             hall: HallInfo) -> None:
    flow, _ = progress(demo, session, avail, hall)
    flow.open()
    type_number(flow, OUT_PATIENT)
    flow.find_number()
    assert flow.case is not None
    due, code = flow.deadline(flow.case)
    # Ten working days from Tuesday 2026-06-16, without the Dragon Boat Festival on Friday 06-19:
    # 07-01, where Monday-to-Friday counting would say 06-30.
    assert (due, code) == ("2026-07-01", "ok")
    assert due == f"{add_workdays(date(2026, 6, 16), 10):%Y-%m-%d}"


def test_progress_deadline_in_an_unknown_year(session: Session, avail: Availability, hall: HallInfo) -> None:
    demo = DemoBackend(today=date(2026, 12, 31))
    flow, _ = progress(demo, session, avail, hall)
    flow.open()
    type_number(flow, OUT_PATIENT)
    flow.find_number()
    assert flow.case is not None and flow.case.accepted_on == date(2026, 12, 30)
    assert flow.deadline(flow.case) == ("2027", "unknown_year")  # 2027's holidays are not published
    assert flow.view()["case"]["deadlineCode"] == "unknown_year"


def a_case(status: CaseStatus, accepted_on: date | None = None, item_code: str = "X-1") -> Case:
    return Case(case_no="123456", item_code=item_code, matter="m", applicant_name="测试甲",
                applicant_id=CARDS["resident"].number, status=status, accepted_on=accepted_on)


def test_progress_deadline_codes(demo: DemoBackend, session: Session, avail: Availability, hall: HallInfo) -> None:
    flow, _ = progress(demo, session, avail, hall)
    flow.limits["X-1"] = 3  # working days
    assert flow.deadline(a_case(CaseStatus.ACCEPTED, date(2026, 3, 2))) == ("2026-03-05", "ok")
    assert flow.deadline(a_case(CaseStatus.CORRECTION, date(2026, 3, 2))) == ("2026-03-05", "ok")
    assert flow.deadline(a_case(CaseStatus.ACCEPTED, date(2026, 12, 28))) == (
        "2026-12-31", "ok")  # the last day the calendar knows
    assert flow.deadline(a_case(CaseStatus.ACCEPTED, date(2026, 12, 29))) == ("2027", "unknown_year")
    assert flow.deadline(a_case(CaseStatus.COLLECTED, date(2026, 3, 2))) == ("", "done")
    assert flow.deadline(a_case(CaseStatus.REFUSED, date(2026, 3, 2))) == ("", "done")
    assert flow.deadline(a_case(CaseStatus.SUBMITTED)) == ("", "no_limit")
    assert flow.deadline(a_case(CaseStatus.ACCEPTED, date(2026, 3, 2), item_code="gone")) == ("", "no_limit")


def test_progress_by_card_without_a_card(demo: DemoBackend, session: Session, avail: Availability,
                                         hall: HallInfo) -> None:
    flow, jobs = progress(demo, session, avail, hall)
    flow.open()
    flow.find_by_card()
    assert (flow.state, flow.error) == ("error", "no_card")
    assert jobs.backend_calls == 0
    assert flow.view()["hasCard"] is False


def test_progress_by_card_lists_the_citizens_cases(demo: DemoBackend, session: Session, avail: Availability,
                                                   hall: HallInfo) -> None:
    card = CARDS["resident"]
    session.keep("card", card)
    flow, _ = progress(demo, session, avail, hall)
    flow.open()
    flow.find_by_card()
    assert (flow.state, flow.error) == ("list", "")
    assert len(flow.cases) >= 4
    assert all(c.applicant_id == card.number for c in flow.cases)
    assert {IN_REVIEW, COLLECTED} <= {c.case_no for c in flow.cases}
    v = flow.view()
    assert v["hasCard"] is True and len(v["cases"]) == len(flow.cases)
    assert v["cases"][0].keys() == {"caseNo", "matter", "status", "statusLabel"}
    assert card.number not in str(v) and card.name not in str(v)
    flow.choose(COLLECTED)
    assert flow.state == "case" and flow.case is not None and flow.case.case_no == COLLECTED
    assert flow.view()["case"]["deadlineCode"] == "done"
    flow.back()
    assert flow.state == "list" and flow.case is None
    flow.back()
    assert flow.state == "start" and flow.cases == []


def test_progress_by_card_with_no_cases(demo: DemoBackend, session: Session, avail: Availability,
                                        hall: HallInfo) -> None:
    session.keep("card", CARDS["bad_check_digit"])  # no cases: the demo data gives it none
    flow, _ = progress(demo, session, avail, hall)
    flow.find_by_card()
    assert (flow.state, flow.cases) == ("list", [])


def test_progress_slip(demo: DemoBackend, session: Session, avail: Availability, hall: HallInfo,
                       printer: FakePrinter) -> None:
    flow, _ = progress(demo, session, avail, hall, printer)
    flow.open()
    type_number(flow, IN_REVIEW)
    flow.find_number()
    flow.print_slip()
    assert (flow.print_state, flow.print_error) == ("printed", "")
    slip = printer.rendered[-1]
    assert slip.template == "progress" and slip.title == "办件进度凭条"
    text = printer.flat
    case = demo.case(IN_REVIEW)
    assert f"办件编号：{IN_REVIEW}" in text
    assert case.matter in text
    assert "当前状态：审查中" in text
    assert "预计办结：2026-06-17" in text
    assert "打印时间：2026-06-17 10:30" in text
    for s in case.steps:
        assert f"{s.time:%m-%d %H:%M} {s.step}：{s.result}" in text
    assert slips.QR_MARK + case.progress_url in slip.lines
    assert "申 请 人：测**" in text
    assert case.applicant_name not in text and case.applicant_id not in text


def test_progress_slip_in_an_unknown_year_says_ask_at_the_window(session: Session, avail: Availability,
                                                                 hall: HallInfo, printer: FakePrinter) -> None:
    demo = DemoBackend(today=date(2026, 12, 31))
    flow, _ = progress(demo, session, avail, hall, printer, now=datetime(2026, 12, 31, 9, 0))
    flow.open()
    type_number(flow, OUT_PATIENT)
    flow.find_number()
    flow.print_slip()
    assert flow.print_state == "printed"
    assert "预计办结：2027年节假日安排尚未公布，以窗口告知为准" in printer.flat


def test_progress_slip_of_a_done_case(demo: DemoBackend, session: Session, avail: Availability, hall: HallInfo,
                                      printer: FakePrinter) -> None:
    flow, _ = progress(demo, session, avail, hall, printer)
    type_number(flow, COLLECTED)
    flow.find_number()
    flow.print_slip()
    assert "预计办结：已办结" in printer.flat
    assert "当前状态：已办结，已领取" in printer.flat


def test_progress_printer_offline(demo: DemoBackend, session: Session, avail: Availability, hall: HallInfo,
                                  printer: FakePrinter) -> None:
    avail.update([printer_status(DeviceState.OFFLINE)])
    flow, jobs = progress(demo, session, avail, hall, printer)
    type_number(flow, IN_REVIEW)
    flow.find_number()
    flow.print_slip()
    assert (flow.print_state, flow.print_error) == ("failed", "printer_offline")
    assert printer.timeouts == [] and jobs.device_calls == []


@pytest.mark.parametrize(("mode", "code"), [("error", "backend_error"), ("timeout", "backend_timeout")])
def test_progress_back_end_failures(session: Session, avail: Availability, hall: HallInfo, mode: str,
                                    code: str) -> None:
    demo = DemoBackend(today=TODAY, timeout_s=0.05)
    demo.fail(mode)  # type: ignore[arg-type]
    session.keep("card", CARDS["resident"])
    flow, _ = progress(demo, session, avail, hall)
    type_number(flow, IN_REVIEW)
    flow.find_number()
    assert (flow.state, flow.error) == ("error", code)
    flow.find_by_card()
    assert (flow.state, flow.error) == ("error", code)


def test_progress_reset_clears_cases_and_number(demo: DemoBackend, session: Session, avail: Availability,
                                                hall: HallInfo, printer: FakePrinter) -> None:
    session.keep("card", CARDS["resident"])
    flow, _ = progress(demo, session, avail, hall, printer)
    flow.find_by_card()
    flow.choose(IN_REVIEW)
    flow.print_slip()
    type_number(flow, "1506")
    session.on_wipe(flow.reset)
    session.end(EndReason.ENDED)
    assert flow.state == "start" and flow.error == ""
    assert flow.cases == [] and flow.case is None and flow.number == ""
    assert (flow.print_state, flow.print_error) == ("", "")
    v = flow.view()
    assert v["cases"] == [] and v["case"] == {} and v["number"] == "" and v["hasCard"] is False
    assert session.get("typed_case_no") is None


class MongolianPrinter(FakePrinter):
    """A printer that takes the slip's Mongolian lines, as the real driver does (docs/mongolian-slips.md)."""

    def __init__(self) -> None:
        super().__init__()
        self.mongolian: list[Mapping[str, str] | None] = []

    def print_slip(self, template: str, data: Mapping[str, Any], timeout: float | None = None,
                   mongolian: Mapping[str, str] | None = None) -> PrintJob:
        self.mongolian.append(mongolian)
        return super().print_slip(template, data, timeout)


def test_a_mongolian_readers_slip_takes_the_words_the_app_looks_up(demo: DemoBackend, session: Session,
                                                                   avail: Availability, hall: HallInfo) -> None:
    printer = MongolianPrinter()
    flow, _ = guide(demo, session, avail, hall, printer)
    asked: list[str] = []
    flow.open()
    flow.choose(YLBX)
    flow.print_slip()  # nobody set the words: a Chinese slip, and the call as before

    def mongolian(template: str) -> dict[str, str]:  # the app's look-up in the screen's translator
        asked.append(template)
        return {"一次性告知书": "ᠨᠢᠭᠡ ᠤᠳᠠ ᠶᠢᠨ ᠮᠡᠳᠡᠭᠳᠡᠯ ᠪᠢᠴᠢᠭ"}

    flow.slip_words = mongolian
    flow.print_slip()
    flow.slip_words = lambda template: {}  # Chinese or English on the screen
    flow.print_slip()
    assert asked == ["notification"]
    assert printer.mongolian == [None, {"一次性告知书": "ᠨᠢᠭᠡ ᠤᠳᠠ ᠶᠢᠨ ᠮᠡᠳᠡᠭᠳᠡᠯ ᠪᠢᠴᠢᠭ"}, None]
    assert flow.print_state == "printed"
