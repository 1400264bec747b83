"""Submitting materials (kiosk.backend.materials): the demo back end, and the HTTP adapter against the
stand-in server serving the demo — one PDF of the pages per submission, idempotent by submission_id,
the PDF in the body only and never in a log line."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import date
from typing import Any

import httpx
import msgspec
import pytest

from drivers.camera import docscenes
from drivers.camera.config import DocumentThresholds
from drivers.camera.document import check_page, pages_pdf
from kiosk.backend.demo import DemoBackend
from kiosk.backend.http import HttpBackend
from kiosk.backend.materials import MAX_PDF_BYTES, MaterialsBackend, MaterialsReceipt, MaterialsUpload
from kiosk.backend.model import BackendError, NotFound
from kiosk.backend.server import BackendServer

TODAY = date(2026, 12, 3)
CASE = "1506020300004502"  # in review
CLOSED = "1506020300004471"  # collected


@pytest.fixture(scope="module")
def pdf() -> bytes:
    pages = [check_page(docscenes.SCENES[f"document_{n}"]((1280, 960)), DocumentThresholds()).page for n in (1, 2, 3)]
    return pages_pdf([p for p in pages if p is not None], 150, 80)


def upload(pdf: bytes, sid: str = "a" * 32, pages: int = 3) -> MaterialsUpload:
    return MaterialsUpload(submission_id=sid, pages=pages, dpi=150, pdf=pdf)


@pytest.fixture
def demo() -> DemoBackend:
    return DemoBackend(today=TODAY)


@pytest.fixture
def served(demo: DemoBackend) -> Iterator[tuple[BackendServer, HttpBackend]]:
    with BackendServer(demo, base_path="/kiosk/v1") as s, HttpBackend(s.url, timeout_s=5.0) as b:
        yield s, b


def test_the_demo_stores_the_pdf_with_an_open_case(demo: DemoBackend, pdf: bytes) -> None:
    b: MaterialsBackend = demo
    assert b.attach_materials(CASE, upload(pdf)) == MaterialsReceipt(case_no=CASE, submission_id="a" * 32, pages=3)
    assert demo.materials[CASE]["a" * 32].pdf == pdf
    with pytest.raises(NotFound):
        b.attach_materials("999999999", upload(pdf))
    with pytest.raises(BackendError, match="collected") as err:
        b.attach_materials(CLOSED, upload(pdf))
    assert err.value.reason == "该办件已办结，不需要提交材料"


def test_over_http_once_per_submission_and_never_in_a_log(served: tuple[BackendServer, HttpBackend],
                                                          demo: DemoBackend, pdf: bytes,
                                                          caplog: pytest.LogCaptureFixture) -> None:
    server, http = served
    caplog.set_level(logging.DEBUG)
    assert len(pdf) > 256 * 1024  # larger than any other request body of the API
    got = http.attach_materials(CASE, upload(pdf, "b" * 32))
    again = http.attach_materials(CASE, upload(pdf, "b" * 32))  # a repeat after a lost answer
    assert got == again == MaterialsReceipt(case_no=CASE, submission_id="b" * 32, pages=3)
    assert list(demo.materials[CASE]) == ["b" * 32] and demo.materials[CASE]["b" * 32].pdf == pdf
    http.attach_materials(CASE, upload(pdf, "c" * 32, pages=3))  # another submission: kept beside it
    assert list(demo.materials[CASE]) == ["b" * 32, "c" * 32]
    assert server.requests == [f"POST /kiosk/v1/cases/{CASE}/materials HTTP/1.1"] * 3
    with pytest.raises(NotFound):
        http.attach_materials("999999999", upload(pdf))
    with pytest.raises(NotFound):
        http.attach_materials("../hall", upload(pdf))  # not a case number: never sent
    with pytest.raises(BackendError):
        http.attach_materials(CLOSED, upload(pdf))
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert msgspec.json.encode(pdf).decode()[1:60] not in logged


def test_a_platform_answering_another_submission_is_an_error(pdf: bytes) -> None:
    class Wrong:
        def attach_materials(self, case_no: str, up: MaterialsUpload) -> MaterialsReceipt:
            return MaterialsReceipt(case_no=case_no, submission_id=up.submission_id, pages=up.pages - 1)

    wrong: Any = Wrong()
    with BackendServer(wrong) as s, HttpBackend(s.url, timeout_s=5.0) as http, \
            pytest.raises(BackendError, match="another case, submission or page count"):
        http.attach_materials(CASE, upload(pdf))


def test_bad_uploads_are_refused(served: tuple[BackendServer, HttpBackend], pdf: bytes) -> None:
    server, _ = served
    r = httpx.post(f"{server.url}/cases/{CASE}/materials", content=b'{"submission_id": "x"}')
    assert r.status_code == 400
    not_pdf = msgspec.json.encode({"submission_id": "a" * 32, "pages": 1, "dpi": 150, "pdf": b"GIF89a......"})
    assert httpx.post(f"{server.url}/cases/{CASE}/materials", content=not_pdf).status_code == 400
    with pytest.raises(msgspec.ValidationError):
        msgspec.json.decode(msgspec.json.encode({"submission_id": "a" * 32, "pages": 1, "dpi": 150,
                                                 "pdf": b"%PDF-" + b"0" * MAX_PDF_BYTES}), type=MaterialsUpload)
    r = httpx.post(f"{server.url}/cases/{CASE}/photo", content=msgspec.json.encode(upload(pdf)))
    assert r.status_code == 413  # the photo's endpoint keeps its own, smaller bound
    with BackendServer(object()) as s:  # type: ignore[arg-type]  # a platform that takes no materials
        r = httpx.post(f"{s.url}/cases/{CASE}/materials", content=msgspec.json.encode(upload(pdf)))
        assert r.status_code == 404
