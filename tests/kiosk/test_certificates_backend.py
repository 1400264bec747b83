"""Certificates over HTTP (kiosk.backend.certificates): the adapter against the stand-in server serving
the demo platform — what a terminal with a real platform prints. The card's number travels in the
request's body only, never in a URL or a log line; an answer for another holder is refused."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import date

import pytest

from drivers.idcard.synthetic import CARDS
from kiosk.backend.certificates import CertificateBackend
from kiosk.backend.demo import DemoBackend
from kiosk.backend.http import HttpBackend
from kiosk.backend.model import BackendError, NotFound
from kiosk.backend.server import BackendServer

TODAY = date(2026, 12, 3)


@pytest.fixture
def demo() -> DemoBackend:
    return DemoBackend(today=TODAY)


@pytest.fixture
def served(demo: DemoBackend) -> Iterator[HttpBackend]:
    with BackendServer(demo, base_path="/kiosk/v1") as s, HttpBackend(s.url, timeout_s=5.0, retries=0) as b:
        yield b


def test_kinds_and_a_certificate_over_http_as_the_demo_issues_them(demo: DemoBackend, served: HttpBackend,
                                                                   caplog: pytest.LogCaptureFixture) -> None:
    b: CertificateBackend = served
    assert b.certificate_kinds() == demo.certificate_kinds()
    kinds = {k.code for k in b.certificate_kinds()}
    assert {"social_insurance", "household"} <= kinds
    number = CARDS["resident"].number
    with caplog.at_level(logging.DEBUG):
        cert = b.certificate("household", number)
    assert (cert.kind, cert.holder_id, cert.holder_name) == ("household", number, CARDS["resident"].name)
    assert cert.verify_code in demo.certificates_issued and demo.certificates_issued[cert.verify_code] == cert.serial
    assert number not in caplog.text and CARDS["resident"].name not in caplog.text


def test_nothing_to_certify_an_unknown_kind_and_a_platform_without_certificates(served: HttpBackend) -> None:
    with pytest.raises(NotFound):
        served.certificate("household", CARDS["foreign_pr_2017"].number)  # no household registered here
    with pytest.raises(NotFound):
        served.certificate("no_such_kind", CARDS["resident"].number)
    with pytest.raises(NotFound, match="not a certificate kind"):
        served.certificate("../hall", CARDS["resident"].number)  # refused before anything is sent

    class NoCertificates:  # a platform that issues none at terminals
        def __init__(self, inner: DemoBackend) -> None:
            self.hall, self.items, self.item = inner.hall, inner.items, inner.item
            self.case, self.cases_of = inner.case, inner.cases_of

    with BackendServer(NoCertificates(DemoBackend(today=TODAY))) as s, HttpBackend(s.url, retries=0) as b:  # type: ignore[arg-type]
        with pytest.raises(BackendError, match="404"):
            b.certificate_kinds()
        with pytest.raises(NotFound):
            b.certificate("household", CARDS["resident"].number)


def test_an_answer_for_another_holder_is_refused(demo: DemoBackend) -> None:
    class Muddled(DemoBackend):  # a platform that mixes up its people
        def certificate(self, kind: str, id_number: str):  # type: ignore[no-untyped-def]
            return super().certificate(kind, CARDS["resident"].number)

    with BackendServer(Muddled(today=TODAY)) as s, HttpBackend(s.url, retries=0) as b:
        with pytest.raises(BackendError, match="another kind or holder"):
            b.certificate("social_insurance", CARDS["resident_long_term"].number)
