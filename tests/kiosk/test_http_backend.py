"""kiosk.backend.http against a real kiosk.backend.server on a free port: the API of
docs/kiosk-backend.md end to end, its errors, retries, the time bound, and no ID number in any URL
or log line."""

from __future__ import annotations

import logging
import socket
import threading
import time
from collections.abc import Iterator
from datetime import date, datetime

import httpx
import msgspec
import pytest

from kiosk.backend.http import HttpBackend
from kiosk.backend.model import (
    Backend,
    BackendError,
    BackendTimeout,
    Case,
    CaseStatus,
    CaseStep,
    HallInfo,
    Material,
    MissingMaterial,
    NotFound,
    ServiceItem,
)
from kiosk.backend.server import BackendServer

ID_NUMBER = "15010219900307123X"
OTHER_ID = "150102198512120021"
NAME = "张三丰"


def item(code: str, name: str) -> ServiceItem:
    return ServiceItem(
        code=code, name=name, type="公共服务", department="医疗保障局", themes=["医保"],
        conditions="本市户籍城乡居民", authority="医疗保障局", legal_basis="《社会保险法》第二十五条",
        legal_limit_days=20, promised_limit_days=5, fees="不收费",
        materials=[Material(name="居民身份证", kind="原件", copies=1),
                   Material(name="户口簿", kind="复印件", copies=2, format="纸质 A4", source="公安机关")],
        procedure=["申请", "受理", "审核", "办结"], forms=["窗口办理", "自助终端办理"], place="政务服务大厅 3号窗口",
        hours="工作日 9:00-17:00", result="参保凭证", consult="0482-8261234", supervise="12345",
        guide_url="https://zwfw.example.invalid/guide/" + code, self_service=True)


CATALOGUE = [item("11152200MB1234567X4000117001", "城乡居民基本医疗保险参保登记"),
             item("A/2 医保", "医疗保险关系转移接续")]  # a code that needs quoting in a URL
HALL = HallInfo(name="兴安盟政务服务中心", hotline="0482-8261234", address="乌兰浩特市兴安北大路",
                staffed_hours="工作日 9:00-17:00", guide_url="https://zwfw.example.invalid/")
CASES = [
    Case(case_no="20260302000123", item_code=CATALOGUE[0].code, matter=CATALOGUE[0].name,
         applicant_name=NAME, applicant_id=ID_NUMBER, status=CaseStatus.CORRECTION,
         accepted_on=date(2026, 3, 2),
         steps=[CaseStep(time=datetime(2026, 3, 2, 9, 15), step="受理", result="已受理", by="3号窗口"),
                CaseStep(time=datetime(2026, 3, 3, 14, 0, 30), step="审查", result="需补正")],
         missing=[MissingMaterial(name="户口簿", problem="复印件不清晰")], pickup="文件柜 A03"),
    Case(case_no="20260210000077", item_code=CATALOGUE[1].code, matter=CATALOGUE[1].name,
         applicant_name=NAME, applicant_id=ID_NUMBER, status=CaseStatus.APPROVED),
    Case(case_no="20260101000001", item_code=CATALOGUE[1].code, matter=CATALOGUE[1].name,
         applicant_name="李四", applicant_id=OTHER_ID, status=CaseStatus.ACCEPTED),
]


class FakeBackend:
    """The Backend protocol over the lists above; ``broken`` makes items() fail like a bug would."""

    def __init__(self) -> None:
        self.asked_ids: list[str] = []
        self.broken = False

    def hall(self) -> HallInfo:
        return HALL

    def items(self) -> list[ServiceItem]:
        if self.broken:
            raise RuntimeError("a bug in the backend object")
        return list(CATALOGUE)

    def item(self, code: str) -> ServiceItem:
        for i in CATALOGUE:
            if i.code == code:
                return i
        raise NotFound(f"no item {code}")

    def case(self, case_no: str) -> Case:
        for c in CASES:
            if c.case_no == case_no:
                return c
        raise NotFound(f"no case {case_no}")

    def cases_of(self, id_number: str) -> list[Case]:
        self.asked_ids.append(id_number)
        if id_number == "echo":
            raise BackendError(f"no cases for {ID_NUMBER}")  # a platform echoing the number back
        return [c for c in CASES if c.applicant_id == id_number]


@pytest.fixture
def fake() -> FakeBackend:
    return FakeBackend()


@pytest.fixture
def server(fake: FakeBackend) -> Iterator[BackendServer]:
    with BackendServer(fake, base_path="/kiosk/v1") as s:
        yield s


@pytest.fixture
def backend(server: BackendServer) -> Iterator[HttpBackend]:
    with HttpBackend(server.url, timeout_s=2.0) as b:
        yield b


def test_every_call_round_trips(backend: HttpBackend, server: BackendServer) -> None:
    b: Backend = backend  # the adapter is a Backend
    assert b.hall() == HALL
    assert b.items() == CATALOGUE
    assert b.item(CATALOGUE[0].code) == CATALOGUE[0]
    assert b.item("A/2 医保") == CATALOGUE[1]
    assert b.case("20260302000123") == CASES[0]
    assert b.case("20260302000123").steps[1].time == datetime(2026, 3, 3, 14, 0, 30)  # naive, local
    assert b.cases_of(ID_NUMBER) == CASES[:2]
    assert b.cases_of("110101200001010000") == []
    assert server.requests == [
        "GET /kiosk/v1/hall HTTP/1.1", "GET /kiosk/v1/items HTTP/1.1",
        "GET /kiosk/v1/items/11152200MB1234567X4000117001 HTTP/1.1",
        "GET /kiosk/v1/items/A%2F2%20%E5%8C%BB%E4%BF%9D HTTP/1.1",
        "GET /kiosk/v1/cases/20260302000123 HTTP/1.1", "GET /kiosk/v1/cases/20260302000123 HTTP/1.1",
        "POST /kiosk/v1/cases/search HTTP/1.1", "POST /kiosk/v1/cases/search HTTP/1.1"]


def test_not_found(backend: HttpBackend, server: BackendServer) -> None:
    with pytest.raises(NotFound) as info:
        backend.item("NO-SUCH-ITEM")
    assert info.value.reason == "未查询到相关信息，请核对后重试"
    with pytest.raises(NotFound):
        backend.case("999999")
    before = len(server.requests)
    with pytest.raises(NotFound):  # cannot be a case number: not asked at all
        backend.case("12/../34")
    with pytest.raises(NotFound):
        backend.item("")
    assert len(server.requests) == before


def test_a_wrong_base_url_is_an_error_not_a_missing_item(server: BackendServer) -> None:
    with HttpBackend(server.url.removesuffix("/kiosk/v1"), timeout_s=2.0) as b:
        with pytest.raises(BackendError) as info:
            b.items()
    assert not isinstance(info.value, NotFound)
    assert "404" in str(info.value) and "base URL" in str(info.value)


def test_a_503_then_success_is_retried(backend: HttpBackend, server: BackendServer) -> None:
    server.status_override, server.override_times = 503, 1
    assert backend.items() == CATALOGUE
    assert server.requests == ["GET /kiosk/v1/items HTTP/1.1"] * 2


def test_retries_end(server: BackendServer) -> None:
    server.status_override = 503
    with HttpBackend(server.url, timeout_s=2.0, retries=2) as b:
        with pytest.raises(BackendError) as info:
            b.hall()
    assert "HTTP 503 after 3 attempts" in str(info.value)
    assert "test override" in str(info.value)  # the platform's own {"error": …}
    assert len(server.requests) == 3
    with HttpBackend(server.url, timeout_s=2.0, retries=0) as b, pytest.raises(BackendError):
        b.hall()
    assert len(server.requests) == 4


def test_other_errors_are_not_retried(backend: HttpBackend, server: BackendServer) -> None:
    for status in (500, 400, 401):
        server.status_override = status
        with pytest.raises(BackendError) as info:
            backend.hall()
        assert f"HTTP {status} after 1 attempt" in str(info.value)
        assert not isinstance(info.value, NotFound | BackendTimeout)
    assert len(server.requests) == 3


def test_a_hanging_server_times_out_within_the_bound(server: BackendServer) -> None:
    server.delay_s = 10.0
    with HttpBackend(server.url, timeout_s=1.0, retries=3) as b:
        t0 = time.monotonic()
        with pytest.raises(BackendTimeout) as info:
            b.items()
        took = time.monotonic() - t0
    assert took <= 1.0 + 0.5, took
    assert took >= 0.9
    assert "within 1 s" in str(info.value)
    assert info.value.reason  # what the citizen hears


def test_a_trickling_server_is_cut_at_the_bound() -> None:
    """Headers at once, then a byte every 0.2 s: each read is quick, the whole answer is not."""
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    stop = threading.Event()

    def serve() -> None:
        conn, _ = listener.accept()
        with conn:
            conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n")
            while not stop.wait(0.2):
                try:
                    conn.sendall(b" ")
                except OSError:
                    return

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        with HttpBackend(f"http://127.0.0.1:{port}", timeout_s=1.0) as b:
            t0 = time.monotonic()
            with pytest.raises(BackendTimeout):
                b.hall()
            assert time.monotonic() - t0 <= 1.5
    finally:
        stop.set()
        thread.join(5)
        listener.close()


def test_the_bound_holds_even_when_the_network_ignores_its_timeouts() -> None:
    """A transport stuck in one operation (think a connect that the kernel keeps retrying) cannot hold
    the caller: it waits on the call until the deadline, not on the network."""
    release = threading.Event()

    class Stuck(httpx.BaseTransport):
        def handle_request(self, request: httpx.Request) -> httpx.Response:
            release.wait(10)
            return httpx.Response(503)

    try:
        with HttpBackend("http://platform.invalid", timeout_s=0.5, transport=Stuck()) as b:
            t0 = time.monotonic()
            with pytest.raises(BackendTimeout):
                b.items()
            assert time.monotonic() - t0 <= 0.5 + 0.5
    finally:
        release.set()


def test_each_failed_call_is_logged_once(backend: HttpBackend, server: BackendServer,
                                         caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="kiosk.backend.http")

    def reported() -> list[str]:
        out = [r.getMessage() for r in caplog.records if r.name == "kiosk.backend.http" and r.levelno >= logging.INFO]
        caplog.clear()
        return out

    server.garbage = True
    with pytest.raises(BackendError):
        backend.hall()
    (line,) = reported()
    assert line.startswith("platform call failed after ")
    assert line.endswith(" s: GET /hall: malformed answer: JSON is malformed: invalid character (byte 0)")
    server.garbage = False
    server.status_override = 503
    with pytest.raises(BackendError):
        backend.hall()  # two attempts, one report
    (line,) = reported()
    assert "HTTP 503 after 2 attempts" in line
    server.status_override = None
    with pytest.raises(NotFound):
        backend.case("123456")
    (line,) = reported()
    assert "GET /cases/123456: not found" in line
    assert backend.hall() == HALL
    assert reported() == []


def test_nobody_listening_is_an_error_soon() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # bound, never listening: connections are refused
        with HttpBackend(f"http://127.0.0.1:{port}", timeout_s=2.0) as b:
            t0 = time.monotonic()
            with pytest.raises(BackendError) as info:
                b.hall()
            assert time.monotonic() - t0 < 1.5
    assert "cannot connect" in str(info.value) and "2 attempts" in str(info.value)
    assert not isinstance(info.value, BackendTimeout)


def test_garbage_is_an_error_naming_the_problem(backend: HttpBackend, server: BackendServer) -> None:
    server.garbage = True
    with pytest.raises(BackendError) as info:
        backend.items()
    assert str(info.value) == "GET /items: malformed answer: JSON is malformed: invalid character (byte 0)"

    hall = msgspec.to_builtins(HALL)
    cases: list[tuple[object, str]] = [
        ({**hall, "hotline": 12345}, "Expected `str`, got `int` - at `$.hotline`"),
        ({**hall, "floor": 2}, "unknown field `floor`"),
        ({k: v for k, v in hall.items() if k != "name"}, "missing required field `name`"),
        ([hall], "Expected `object`, got `array`"),
    ]
    for doc, problem in cases:
        server.garbage = msgspec.json.encode(doc)
        with pytest.raises(BackendError) as info:
            backend.hall()
        assert problem in str(info.value), str(info.value)

    bad_case = msgspec.to_builtins(CASES[0])
    bad_case["status"] = "lost"
    server.garbage = msgspec.json.encode(bad_case)
    with pytest.raises(BackendError, match=r"Invalid enum value 'lost' - at `\$.status`"):
        backend.case("20260302000123")
    # no guessing at what a time with an offset means for the hall
    aware = msgspec.to_builtins(CASES[0])
    aware["steps"][0]["time"] = "2026-03-02T01:15:00Z"
    server.garbage = msgspec.json.encode(aware)
    with pytest.raises(BackendError, match=r"UTC offset at `\$.steps\[0\].time`"):
        backend.case("20260302000123")
    server.garbage = msgspec.json.encode([aware])
    with pytest.raises(BackendError, match=r"UTC offset at `\$\[0\].steps\[0\].time`"):
        backend.cases_of(ID_NUMBER)
    # a well-formed answer to another question
    server.garbage = msgspec.json.encode(CASES[1])
    with pytest.raises(BackendError, match="answered case 20260210000077"):
        backend.case("20260302000123")
    assert len(server.requests) == 9  # none of these is retried


def test_the_id_number_is_in_no_url_and_no_log(fake: FakeBackend, server: BackendServer,
                                               caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    with HttpBackend(server.url, timeout_s=1.0) as b:
        assert len(b.cases_of(ID_NUMBER)) == 2  # found: case records with the applicant's fields
        server.status_override = 503
        with pytest.raises(BackendError) as e1:
            b.cases_of(ID_NUMBER)
        server.status_override = None
        server.garbage = True
        with pytest.raises(BackendError) as e2:
            b.cases_of(ID_NUMBER)
        server.garbage = False
        with pytest.raises(BackendError) as e3:
            b.cases_of("echo")  # the platform's error message contains the number
        server.delay_s = 5.0
        with pytest.raises(BackendTimeout) as e4:
            b.cases_of(ID_NUMBER)
    # the body carried it (503 and garbage never reach the backend; its error, a 502, is retried once)
    assert fake.asked_ids == [ID_NUMBER, "echo", "echo"]
    for line in server.requests:
        assert ID_NUMBER not in line and ID_NUMBER[6:14] not in line
        assert line.startswith("POST /kiosk/v1/cases/search ")
    messages = [r.getMessage() for r in caplog.records]
    assert any("POST /cases/search" in m for m in messages)  # the calls were logged …
    for text in [*messages, caplog.text, *(str(e.value) for e in (e1, e2, e3, e4))]:
        assert ID_NUMBER not in text  # … without the number
        assert ID_NUMBER[6:14] not in text  # not even its birth date
        assert NAME not in text and "李四" not in text
    assert "1501**********123X" in str(e3.value)


def test_case_repr_in_logs_is_masked() -> None:
    assert ID_NUMBER not in repr(CASES[0]) and NAME not in repr(CASES[0])


def test_bearer_token(fake: FakeBackend) -> None:
    with BackendServer(fake, token="s3cret") as s:
        with HttpBackend(s.url, timeout_s=2.0) as b, pytest.raises(BackendError, match="HTTP 401"):
            b.hall()
        with HttpBackend(s.url, timeout_s=2.0, token="wrong") as b, pytest.raises(BackendError, match="401"):
            b.hall()
        with HttpBackend(s.url, timeout_s=2.0, token="s3cret") as b:
            assert b.hall() == HALL


def test_a_handler_error_does_not_stop_the_server(fake: FakeBackend, backend: HttpBackend,
                                                  caplog: pytest.LogCaptureFixture) -> None:
    fake.broken = True
    with pytest.raises(BackendError, match="HTTP 500 after 1 attempt: internal error"):
        backend.items()
    assert "RuntimeError" in caplog.text
    assert backend.hall() == HALL
    fake.broken = False
    assert backend.items() == CATALOGUE


def test_calls_from_many_threads(backend: HttpBackend) -> None:
    errors: list[BaseException] = []

    def work() -> None:
        try:
            for _ in range(10):
                assert backend.items() == CATALOGUE
                assert backend.case("20260210000077") == CASES[1]
                assert backend.cases_of(OTHER_ID) == CASES[2:]
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert errors == []


def test_closed(server: BackendServer) -> None:
    b = HttpBackend(server.url, timeout_s=2.0)
    assert b.hall() == HALL
    b.close()
    b.close()
    with pytest.raises(BackendError, match="closed"):
        b.hall()


def test_bad_arguments() -> None:
    with pytest.raises(ValueError):
        HttpBackend("ftp://example.invalid/")
    with pytest.raises(ValueError):
        HttpBackend("http://127.0.0.1:1", timeout_s=0)
    with pytest.raises(ValueError):
        HttpBackend("http://127.0.0.1:1", retries=-1)


def test_server_answers_the_api_only(server: BackendServer) -> None:
    with httpx.Client(base_url=server.url + "/", timeout=5) as c:
        assert c.get("nothing").status_code == 404
        assert c.post("hall").status_code == 405
        r = c.post("cases/search", content=b'{"id": 1}')
        assert r.status_code == 400 and "unknown field" in r.json()["error"]
        assert c.get("cases/search").status_code == 405
        assert c.get("items").headers["content-type"] == "application/json; charset=utf-8"

