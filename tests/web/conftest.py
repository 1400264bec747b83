"""Fixtures of the dashboard's browser tests: one real hall for the run, Debian's Chromium, pages.

See tests/web/harness.py for what they give (``web_hall``, ``browser``, ``desk``, ``phone``,
``screenshots``) and the helpers a test imports from it (``login``, ``shot``, ``USERS``, ``start_hall``).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from hall_server.simulate import WebhookReceiver
from tests.hall.harness import HALL
from tests.web.harness import CHROMIUM, DESK, PHONE, WebHall, new_page, start_hall
from zizhu.broker import MosquittoBroker


@pytest.fixture(scope="session")
def web_broker() -> Iterator[MosquittoBroker]:
    with MosquittoBroker(hall=HALL) as b:
        yield b


@pytest.fixture(scope="session")
def web_webhook() -> Iterator[WebhookReceiver]:
    w = WebhookReceiver().start()
    yield w
    w.stop()


@pytest.fixture(scope="session")
def web_hall(tmp_path_factory: pytest.TempPathFactory, web_broker: MosquittoBroker,
             web_webhook: WebhookReceiver) -> Iterator[WebHall]:
    hall = start_hall(tmp_path_factory.mktemp("web-hall"), web_broker, web_webhook)
    yield hall
    hall.close()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Debian's Chromium is not installed ({CHROMIUM}): bash scripts/bootstrap.sh installs it")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--lang=zh-CN"])
        yield b
        b.close()


@pytest.fixture
def desk(browser: Browser) -> Iterator[Page]:
    page = new_page(browser, DESK)
    yield page
    page.context.close()


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    page = new_page(browser, PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)
    yield page
    page.context.close()


@pytest.fixture(scope="session")
def screenshots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("screenshots")


