"""Free mailing (kiosk.backend.mailing): the demo back end, and the HTTP adapter against the stand-in
server serving the demo — only a mailable case of the card holder, the region's codes nesting, one
request per request id, a withdrawal; the address and phone in the body only, never in a log line."""

from __future__ import annotations

import logging
import re

import msgspec
import pytest

from drivers.idcard.synthetic import CARDS
from kiosk.backend.demo import DemoBackend
from kiosk.backend.http import HttpBackend
from kiosk.backend.mailing import MailingBackend, MailingReceipt, MailingRequest
from kiosk.backend.model import BackendError, NotFound
from kiosk.backend.server import BackendServer
from tests.kiosk.test_materials_backend import demo, served  # noqa: F401  (the fixtures)

APPROVED = "1506020500000213"  # resident's, result ready
COLLECTED = "1506020300004471"  # resident's, collected: nothing to mail
OTHERS = "1506021000000562"  # resident_long_term's, approved
ME = CARDS["resident"].number
STREET = "新迁路8号3单元401"
PHONE = "13912345678"


def request(rid: str = "b" * 32, **kw: str) -> MailingRequest:
    fields = {"request_id": rid, "id_number": ME, "province": "15", "city": "1506", "district": "150602",
              "region": "内蒙古自治区鄂尔多斯市东胜区", "street": STREET, "recipient": "王小明", "phone": PHONE}
    fields.update(kw)
    return MailingRequest(**fields)


def test_the_demo_records_one_request_per_id(demo: DemoBackend) -> None:  # noqa: F811
    b: MailingBackend = demo
    first = b.mail_request(APPROVED, request())
    assert first == MailingReceipt(case_no=APPROVED, request_id="b" * 32, request_no="YJ202612030001")
    assert b.mail_request(APPROVED, request()) == first  # the same request again: one request
    assert b.mail_request(APPROVED, request("c" * 32)).request_no == "YJ202612030002"
    assert demo.mailings["b" * 32].request.street == STREET and not demo.mailings["b" * 32].withdrawn


@pytest.mark.parametrize(("case", "req", "why"), [
    (OTHERS, request(), "不是持证人本人"),
    (COLLECTED, request(), "当前状态不能申请邮寄"),
    (APPROVED, request(district="150101"), "所选地区有误"),
    (APPROVED, request(region="北京市东城区"), "邮寄地址或收件人有误"),
    (APPROVED, request(phone="23456789"), "手机号码|固定电话|请输入"),
])
def test_the_demo_refuses_with_the_reason(demo: DemoBackend, case: str, req: MailingRequest, why: str) -> None:  # noqa: F811
    with pytest.raises(BackendError) as err:
        demo.mail_request(case, req)
    assert re.search(why, err.value.reason)
    assert demo.mailings == {}
    with pytest.raises(NotFound):
        demo.mail_request("999999999", request())


def test_the_demo_withdraws(demo: DemoBackend) -> None:  # noqa: F811
    r = demo.mail_request(APPROVED, request())
    demo.withdraw_mailing(r.request_no, r.request_id)
    demo.withdraw_mailing(r.request_no, r.request_id)  # twice: no error
    assert demo.mailings[r.request_id].withdrawn
    with pytest.raises(NotFound):
        demo.withdraw_mailing("YJ000", r.request_id)


def test_bad_input_is_refused_before_it_leaves() -> None:
    for bad in ({"province": "1"}, {"district": "15060"}, {"phone": "139-1234"}, {"street": "x" * 101},
                {"recipient": ""}, {"request_id": "nothex"}):
        with pytest.raises(msgspec.ValidationError):
            msgspec.convert({**msgspec.to_builtins(request()), **bad}, MailingRequest)


def test_repr_masks_every_personal_field() -> None:
    text = repr(request())
    for secret in (ME, STREET, "王小明", PHONE):
        assert secret not in text
    assert "内蒙古自治区鄂尔多斯市东胜区" in text and "新迁路8****" in text


def test_over_http_the_request_travels_in_the_body(
        served: tuple[BackendServer, HttpBackend], demo: DemoBackend,  # noqa: F811
        caplog: pytest.LogCaptureFixture) -> None:
    server, b = served
    caplog.set_level(logging.DEBUG)
    r = b.mail_request(APPROVED, request())
    assert r.request_no == "YJ202612030001" and demo.mailings["b" * 32].request == request()
    assert b.mail_request(APPROVED, request()) == r
    b.withdraw_mailing(r.request_no, r.request_id)
    assert demo.mailings["b" * 32].withdrawn
    assert server.requests[-1].startswith("POST /kiosk/v1/mailings/YJ202612030001/withdraw")
    with pytest.raises(BackendError, match="HTTP 502"):
        b.mail_request(OTHERS, request("d" * 32))
    with pytest.raises(NotFound):
        b.mail_request("999999999", request("e" * 32))
    with pytest.raises(NotFound):
        b.withdraw_mailing("YJ1", "f" * 32)  # no such request: the platform's 404
    logged = " ".join([*server.requests, caplog.text])
    for secret in (ME, STREET, "王小明", PHONE):
        assert secret not in logged


def test_the_server_refuses_a_malformed_body(served: tuple[BackendServer, HttpBackend]) -> None:  # noqa: F811
    import httpx

    server, _b = served
    answer = httpx.post(server.url + f"/cases/{APPROVED}/mailing", content=b'{"request_id": "x"}', trust_env=False)
    assert answer.status_code == 400 and "bad mailing request" in answer.json()["error"]
