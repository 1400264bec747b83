"""Recordings access by approval (监控录像查阅) on SQLite and PostgreSQL, with a fake clock.

The fake clock starts on Monday 2026-03-02 at 01:00 UTC: 09:00 in the hall (Asia/Shanghai).
"""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy import func, select

from ground.configfile import ConfigError
from hall_server.accounts import AuditEntry
from hall_server.config import RecordingsConfig, load_hall
from hall_server.db import Alert, Complaint, RecordingRegister, RecordingRequest
from hall_server.domain.recordings import Conflict, NotAllowed, RecordingError, RecordingNotFound, Recordings
from tests.hall.harness import Harness
from tests.hall.test_core import register
from wire.contract import ComplaintPayload
from wire.feedback import make_keypair, new_id, seal_phone

CST = timezone(timedelta(hours=8))
_PRIVATE, PUBLIC = make_keypair()


def at(hh: int, mm: int = 0, day: int = 2, month: int = 3) -> datetime:
    """A moment of the hall's local day (2026-03-02 unless told)."""
    return datetime(2026, month, day, hh, mm, tzinfo=CST)


def count(h: Harness, model: type[object]) -> int:
    with h.core.sessions() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def audit(h: Harness, prefix: str = "recording.") -> list[tuple[str, str, str]]:
    with h.core.sessions() as s:
        return [(e.actor, e.action, e.target) for e in s.scalars(
            select(AuditEntry).where(AuditEntry.action.startswith(prefix)).order_by(AuditEntry.id))]


@pytest.fixture
def rec(hall: Harness) -> Recordings:
    register(hall, "t01", "t02")
    return Recordings(hall.core, RecordingsConfig(), "Asia/Shanghai")


def file_complaint(h: Harness) -> str:
    c = ComplaintPayload(terminal="t01", seq=1, session=1, id=new_id(), category="办不成事", matter="扣款后未出凭条",
                         phone_sealed=seal_phone(PUBLIC, "13955501234"), filed_at=at(8, 40))
    assert h.core.process([c])[0][0] == "accepted"
    with h.core.sessions() as s:
        row = s.get(Complaint, c.id)
        assert row is not None
        return row.order_no


def test_request_approve_view_and_every_step_registered(hall: Harness, rec: Recordings) -> None:
    with hall.core.unit() as u:
        inc = hall.core.incidents.raise_(u, "t01", "printer.receipt.paper_out", detail="凭条纸用完")
        incident_id = inc.id
    order_no = file_complaint(hall)
    r = rec.request(by="liqiang", terminal_id="t01", starts_at=at(8, 30), ends_at=at(8, 50),
                    reason="群众反映扣款后未出凭条，核实操作过程", incident_id=incident_id, complaint=order_no)
    assert (r.state, r.status, r.status_label, r.target) == ("requested", "requested", "待审批", "终端 t01（终端t01）")
    assert (r.starts_at, r.ends_at) == (at(8, 30).astimezone(UTC), at(8, 50).astimezone(UTC))
    assert (r.incident_id, r.complaint_order_no) == (incident_id, order_no)
    assert [x.id for x in rec.requests("mine", "liqiang")] == [r.id]
    assert [x.id for x in rec.requests("pending", "zhaoli")] == [r.id]
    assert rec.requests("pending", "liqiang") == []  # one's own request never awaits one's own approval
    assert rec.pending_count("zhaoli") == 1
    # the approvers hear of it: an alert to the centre, handed to the sender after the commit
    with hall.core.sessions() as s:
        alert = s.scalars(select(Alert).where(Alert.kind == "recording")).one()
    assert (alert.role, alert.incident_id, alert.id in hall.alerts) == ("centre", None, True)
    assert alert.title == f"【录像查阅】待审批 #{r.id}：终端 t01（终端t01）" and "liqiang 申请查阅" in alert.body

    hall.clock.advance(600)
    approved = rec.approve(r.id, by="zhaoli", note="同意，限核实该笔业务")
    assert (approved.state, approved.status, approved.decided_by) == ("approved", "approved", "zhaoli")
    assert approved.grant_expires_at == hall.clock.now() + timedelta(hours=24)
    assert rec.pending_count("zhaoli") == 0

    seen = rec.view(r.id, by="liqiang")
    assert seen.url is None  # no viewer_url: the details for the recorder's operator
    details = dict(seen.details)
    assert details["查阅对象"] == "终端 t01（终端t01）"
    assert details["录像时段"] == "2026-03-02 08:30 至 2026-03-02 08:50"
    assert details["批准人"] == "zhaoli" and details["授权有效至"] == "2026-03-03 09:10"
    again = rec.view(r.id, by="liqiang")  # every viewing is a row of its own
    assert again.request.views == 2

    rows = rec.register(request_id=r.id)
    assert [(x.action, x.actor) for x in rows] == [("requested", "liqiang"), ("approved", "zhaoli"),
                                                   ("viewed", "liqiang"), ("viewed", "liqiang")]
    assert f"故障工单 #{incident_id}" in rows[0].detail and order_no in rows[0].detail
    assert "授权 liqiang 查看至 2026-03-03 09:10" in rows[1].detail and "同意，限核实该笔业务" in rows[1].detail
    assert all(x.target == "终端 t01（终端t01）" and x.starts_at == r.starts_at for x in rows)
    assert audit(hall) == [("liqiang", "recording.requested", f"recording:{r.id}"),
                           ("zhaoli", "recording.approved", f"recording:{r.id}"),
                           ("liqiang", "recording.viewed", f"recording:{r.id}"),
                           ("liqiang", "recording.viewed", f"recording:{r.id}")]

    # The register of the day, as CSV: Chinese headers, UTF-8 with a byte-order mark.
    text = rec.export_csv(at(0).date(), at(0).date(), {"liqiang": "李强", "zhaoli": "赵丽"})
    assert text.startswith("\ufeff登记号,登记时间,事项,申请单号,操作人,查阅对象,录像开始,录像结束,说明\r\n")
    table = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    assert [row[2] for row in table[1:]] == ["申请", "批准", "查看", "查看"]
    assert table[2][4] == "赵丽（zhaoli）" and table[1][3] == f"#{r.id}" and table[1][1] == "2026-03-02 09:00:00"
    assert rec.export_rows(at(0, day=3).date(), at(0, day=3).date()) == []  # another day: nothing


def test_an_area_and_a_viewer_link(hall: Harness) -> None:
    rec = Recordings(hall.core, RecordingsConfig(
        areas=["自助区出入口", "智能柜区"],
        viewer_url="https://nvr.example/playback?ch={target}&from={start}&to={end}&utc={start_utc}&n={request}"),
        "Asia/Shanghai")
    r = rec.request(by="wangmin", area="自助区出入口", starts_at=at(7), ends_at=at(7, 30), reason="柜门被撬痕迹")
    assert r.target == "区域 自助区出入口" and r.terminal_id is None
    rec.approve(r.id, by="zhaoli")
    seen = rec.view(r.id, by="wangmin")
    assert seen.url == ("https://nvr.example/playback?ch=%E8%87%AA%E5%8A%A9%E5%8C%BA%E5%87%BA%E5%85%A5%E5%8F%A3"
                        f"&from=2026-03-02T07%3A00%3A00&to=2026-03-02T07%3A30%3A00&utc=2026-03-01T23%3A00%3A00Z&n={r.id}")
    assert "录像机回放链接" in rec.register(request_id=r.id)[-1].detail


BAD_REQUESTS: list[tuple[dict[str, object], str, str]] = [
    ({"terminal_id": "t01", "area": "24小时自助服务区"}, "target", "二选一"),
    ({}, "target", "二选一"),
    ({"area": "机房"}, "target", "没有监控区域“机房”"),
    ({"terminal_id": "t99"}, "target", "没有已登记的终端 t99"),
    ({"terminal_id": "t01", "incident_id": 4242}, "incident", "没有故障工单 #4242"),
    ({"terminal_id": "t01", "complaint": "T01-20260302-FFFFFF"}, "complaint", "没有投诉工单"),
    ({"terminal_id": "t01", "reason": "  "}, "reason", "请填写查阅原因"),
    ({"terminal_id": "t01", "starts_at": at(8), "ends_at": at(7)}, "ends_at", "结束时间应晚于开始时间"),
    ({"terminal_id": "t01", "starts_at": at(8, 30), "ends_at": at(9, 30)}, "ends_at", "这段录像尚未产生"),
    ({"terminal_id": "t01", "starts_at": at(6, day=1), "ends_at": at(8, day=2)}, "ends_at",
     "一次最多申请查阅 24 小时的录像（所选 26.0 小时）"),
    ({"terminal_id": "t01", "starts_at": at(8, day=29, month=11).replace(year=2025),
      "ends_at": at(9, day=29, month=11).replace(year=2025)}, "starts_at",
     "录像仅保留 92 天，所选时段已超出保存期限（现可查阅的最早时间为 2025-11-30 09:00）"),
]


def test_bad_requests_are_refused_with_the_reason_and_store_nothing(hall: Harness, rec: Recordings) -> None:
    for kw, field, words in BAD_REQUESTS:
        args: dict[str, object] = {"starts_at": at(8), "ends_at": at(8, 30), "reason": "核实"} | kw
        with pytest.raises(RecordingError) as err:
            rec.request(by="liqiang", **args)  # type: ignore[arg-type]
        assert err.value.field == field and words in str(err.value), (kw, str(err.value))
        assert err.value.status == 422
    assert count(hall, RecordingRequest) == 0 and count(hall, RecordingRegister) == 0 and audit(hall) == []


def test_the_oldest_moment_kept_is_still_granted(hall: Harness, rec: Recordings) -> None:
    earliest = hall.clock.now() - timedelta(days=92)
    r = rec.request(by="liqiang", terminal_id="t01", starts_at=earliest, ends_at=earliest + timedelta(hours=1),
                    reason="核实")
    # a day later, before the centre decided, the first hour has been overwritten: it cannot be approved
    hall.clock.advance(3600 * 24)
    with pytest.raises(Conflict, match=r"录像仅保留 92 天，所选时段已超出保存期限.*无法批准"):
        rec.approve(r.id, by="zhaoli")
    assert rec.reject(r.id, by="zhaoli", note="录像已覆盖").status == "rejected"


def test_no_self_approval_no_second_decision_and_the_grant_is_the_requesters(hall: Harness, rec: Recordings) -> None:
    r = rec.request(by="zhaoli", terminal_id="t02", starts_at=at(8), ends_at=at(8, 30), reason="复核")
    with pytest.raises(NotAllowed, match="不能审批自己的申请") as err:
        rec.approve(r.id, by="zhaoli")
    assert err.value.status == 403
    with pytest.raises(NotAllowed, match="不能审批自己的申请"):
        rec.reject(r.id, by="zhaoli", note="撤回")
    with pytest.raises(Conflict, match="尚未审批"):
        rec.view(r.id, by="zhaoli")
    with pytest.raises(RecordingError, match="驳回需填写审批意见"):
        rec.reject(r.id, by="sunwei", note=" ")
    assert rec.get(r.id) is not None and rec.get(r.id).state == "requested"  # type: ignore[union-attr]
    rec.approve(r.id, by="sunwei")
    with pytest.raises(Conflict, match="已由 sunwei 批准"):
        rec.reject(r.id, by="sunwei2", note="晚了")
    with pytest.raises(NotAllowed, match="查阅授权属于申请人 zhaoli"):
        rec.view(r.id, by="sunwei")
    with pytest.raises(RecordingNotFound):
        rec.approve(987654, by="sunwei")
    other = rec.request(by="liqiang", terminal_id="t02", starts_at=at(8), ends_at=at(8, 30), reason="复核")
    rec.reject(other.id, by="zhaoli", note="理由不充分")
    with pytest.raises(Conflict, match="已被驳回"):
        rec.view(other.id, by="liqiang")
    assert [(x.action, x.actor) for x in rec.register(request_id=r.id)] == [("requested", "zhaoli"),
                                                                            ("approved", "sunwei")]


def test_an_expired_grant_is_refused_and_the_attempt_audited(hall: Harness, rec: Recordings) -> None:
    r = rec.request(by="liqiang", terminal_id="t01", starts_at=at(8), ends_at=at(8, 30), reason="核实")
    rec.approve(r.id, by="zhaoli")
    hall.clock.advance(24 * 3600 - 1)
    rec.view(r.id, by="liqiang")  # the last second of the grant
    hall.clock.advance(1)
    assert rec.get(r.id).status == "expired"  # type: ignore[union-attr]
    with pytest.raises(NotAllowed, match="查阅授权已于 2026-03-03 09:00 过期，如需查看请重新申请"):
        rec.view(r.id, by="liqiang")
    assert [x.action for x in rec.register(request_id=r.id)] == ["requested", "approved", "viewed"]
    assert audit(hall)[-1] == ("liqiang", "recording.view_refused", f"recording:{r.id}")


def test_the_database_refuses_to_edit_or_delete_the_register(hall: Harness, rec: Recordings) -> None:
    r = rec.request(by="liqiang", terminal_id="t01", starts_at=at(8), ends_at=at(8, 30), reason="核实")
    [row] = rec.register(request_id=r.id)
    for sql in (f"UPDATE recording_register SET actor = 'x' WHERE id = {row.id}",
                f"DELETE FROM recording_register WHERE id = {row.id}", "DELETE FROM recording_register"):
        with pytest.raises(sa.exc.DBAPIError, match="append-only"), hall.core.sessions() as s, s.begin():
            s.execute(sa.text(sql))
    assert rec.register(request_id=r.id) == [row]
    # the request row itself names a terminal or an area, never both, and a range that ends after it starts
    for sql in (f"UPDATE recording_requests SET area = '填单台' WHERE id = {r.id}",
                f"UPDATE recording_requests SET ends_at = starts_at WHERE id = {r.id}"):
        with pytest.raises(sa.exc.IntegrityError), hall.core.sessions() as s, s.begin():
            s.execute(sa.text(sql))


def test_a_retention_below_one_quarter_is_refused_when_the_config_is_loaded(tmp_path: Path) -> None:
    hall = tmp_path / "hall.toml"
    hall.write_text('[hall]\nid = "h1"\n[recordings]\nretention_days = 30\n', encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_hall(hall)
    text = str(err.value)
    assert "retention_days" in text and "30 is below 92" in text and "录像保存期限至少 92 天" in text
    hall.write_text('[hall]\nid = "h1"\n[recordings]\nretention_days = 92\ngrant_hours = 8\n'
                    'viewer_url = "https://nvr/p?c={terminal}"\n', encoding="utf-8")
    cfg = load_hall(hall).recordings
    assert (cfg.retention_days, cfg.grant_hours, cfg.max_span_hours) == (92, 8, 24)
    for bad, words in (('viewer_url = "https://nvr/p?c={camera}"', "unknown field {camera}"),
                       ('viewer_url = "ftp://nvr/"', "http:// or https://"),
                       ('areas = ["入口", "入口"]', "listed twice"), ("grant_hours = 0", "grant_hours")):
        hall.write_text(f'[hall]\nid = "h1"\n[recordings]\n{bad}\n', encoding="utf-8")
        with pytest.raises(ConfigError, match="recordings") as err:
            load_hall(hall)
        assert words in str(err.value), str(err.value)
