"""Every form of the pages refuses bad input with a clear Chinese message and changes nothing; the live
stream (/events) needs VIEW and names the topic each change touched."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest

from hall_server.simulate import healthy_status
from tests.support import wait_until
from tests.web.harness import WebHall
from wire.status import PaperLevel

LONG = "长" * 2001


def _state(hall: WebHall) -> tuple[Any, ...]:
    """What the forms could change: incidents, shutdowns, notices."""
    with hall.api() as api:
        return (api.get("/api/incidents", params={"state": "all"}).json(), api.get("/api/shutdowns").json(),
                api.get("/api/notices").json())


@pytest.fixture(scope="module")
def open_incident(web_hall: WebHall) -> int:
    web_hall.terminal("t15", healthy_status(PaperLevel.OUT))
    with web_hall.api() as api:
        found = wait_until(lambda: [i for i in api.get("/api/incidents", params={"terminal": "t15"}).json()],
                           what="t15's incident")
    return int(found[0]["id"])


def test_bad_input_on_every_form_is_refused_with_words(web_hall: WebHall, open_incident: int) -> None:
    now = datetime.now(ZoneInfo("Asia/Shanghai"))
    start, end = now.strftime("%Y-%m-%dT%H:%M"), (now + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    inc = open_incident
    cases: list[tuple[str, dict[str, str], int, str]] = [
        (f"/incidents/{inc}/acknowledge", {"comment": LONG}, 422, "确认说明太长：最多 2000 个字"),
        (f"/incidents/{inc}/resolve", {"note": "   "}, 422, "请填写处理说明"),
        (f"/incidents/{inc}/resolve", {"note": LONG}, 422, "处理说明太长"),
        (f"/incidents/{inc}/resolve", {"note": "a\x00b"}, 422, "处理说明含有无法识别的字符"),
        ("/shutdowns", {"terminal": "t15", "reason": "保养", "starts_at": "明天", "ends_at": end}, 422,
         "开始时间格式不对"),
        ("/shutdowns", {"terminal": "t15", "reason": "保养", "starts_at": "1999-01-01T10:00", "ends_at": end}, 422,
         "开始时间的年份应在 2000 至 9000 之间"),
        ("/shutdowns", {"terminal": "t15", "reason": "保养", "starts_at": end, "ends_at": start}, 422,
         "结束时间应晚于开始时间"),
        ("/shutdowns", {"terminal": "nope", "reason": "保养", "starts_at": start, "ends_at": end}, 422,
         "请选择停机范围"),
        ("/shutdowns", {"terminal": "t15", "reason": LONG, "starts_at": start, "ends_at": end}, 422, "停机原因太长"),
        ("/notices", {"title": "", "message": "m"}, 422, "请填写公告标题"),
        ("/notices", {"title": "标" * 201, "message": "m"}, 422, "公告标题太长：最多 200 个字"),
        ("/notices", {"title": "t", "message": ""}, 422, "请填写公告内容"),
        ("/shutdowns/999999/approve", {"note": ""}, 409, "没有这个停机申请"),
        ("/notices/999999/clear", {}, 404, "没有这个公告"),
        ("/terminals/t15/commands", {"button": "self_test:"}, 422, "没有这个命令"),
        ("/terminals/t15/commands", {"button": "x" * 5000}, 422, "没有这个命令"),
    ]
    before = _state(web_hall)
    with web_hall.api("admin") as api:
        for url, form, status, words in cases:
            r = api.post(url, data=form)
            assert r.status_code == status, (url, form, r.status_code, r.text[:300])
            assert words in r.text, (url, words, r.text[:500])
    assert _state(web_hall) == before  # nothing changed
    # the core's refusal in the page's words: acknowledged twice
    with web_hall.api("maintenance") as api:
        assert api.post(f"/incidents/{inc}/acknowledge", data={"comment": "我来"}).status_code == 200
        r = api.post(f"/incidents/{inc}/acknowledge", data={"comment": "我也来"})
        assert r.status_code == 409 and "这个工单已经有人确认了" in r.text


def test_the_live_stream_names_the_topics(web_hall: WebHall) -> None:
    anonymous = httpx.get(web_hall.url("/events"), headers={"accept": "text/event-stream"}, timeout=10)
    assert anonymous.status_code == 401
    seen: list[str] = []
    opened = threading.Event()

    def listen() -> None:
        with httpx.stream("GET", web_hall.url("/events"), timeout=30,
                          headers={"Authorization": f"Bearer {web_hall.tokens['viewer']}"}) as r:
            assert r.status_code == 200 and r.headers["content-type"].startswith("text/event-stream")
            for line in r.iter_lines():
                if line.startswith(": connected"):
                    opened.set()
                if line.startswith("event: "):
                    seen.append(line.removeprefix("event: "))
                if {"incidents", "notices", "terminals"} <= set(seen):
                    return

    reader = threading.Thread(target=listen, daemon=True)
    reader.start()
    assert opened.wait(10), "the stream did not open"
    t = web_hall.terminal("t16")
    t.status(healthy_status(PaperLevel.OUT))
    with web_hall.api("centre") as api:
        n = api.post("/api/notices", json={"title": "测试", "message": "事件流"}).json()
        api.delete(f"/api/notices/{n['id']}")
    reader.join(20)
    assert not reader.is_alive(), f"topics heard: {seen}"
    assert "terminals" in seen and "incidents" in seen and "notices" in seen
    t.status(healthy_status())
