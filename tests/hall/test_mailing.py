"""政务专递 at the hall (hall_server/domain/mailing.py), on SQLite and PostgreSQL with a fake clock: a mailing
request from a terminal makes one mailing, once; requested → sent (tracking number) → delivered or returned
(and sent again), each step a person's in the history and the audit log; steps out of order refused in
words; the list masked, the address in clear only through :meth:`Mailings.address`; the history append-only."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta, timezone

import pytest
import sqlalchemy as sa
from sqlalchemy import select

from hall_server.accounts import AuditEntry
from hall_server.db import Mailing, MailingStep
from hall_server.domain.base import NotFound
from hall_server.domain.mailing import MailingError, Mailings, of
from tests.hall.harness import Harness
from tests.hall.test_core import register
from wire.contract import RequestPayload
from wire.feedback import make_keypair, new_id, seal_record

CST = timezone(timedelta(hours=8))
PRIVATE, PUBLIC = make_keypair()
PERSONAL = {"recipient": "王小明", "phone": "13912345678", "region": "内蒙古自治区鄂尔多斯市东胜区",
            "street": "新迁路8号3单元401"}


def mail_request(h: Harness, seq: int = 1, *, service: str = "mailing") -> RequestPayload:
    p = RequestPayload(terminal="t01", seq=seq, session=1, id=new_id(), service=service,
                       ref=f"YJ2026120300{seq:02d}", item_code="150602-SC-0001", item_name="个体工商户设立登记",
                       case_no="1506020500000213", name_masked="王**", sealed=seal_record(PUBLIC, PERSONAL),
                       made_at=datetime(2026, 12, 3, 10, 30, tzinfo=CST))
    assert h.core.process([p])[0][0] == "accepted"
    return p


@pytest.fixture
def mailings(hall: Harness) -> Mailings:
    register(hall, "t01")
    hall.core.requests.settings = dataclasses.replace(hall.core.requests.settings, private_key=PRIVATE)
    return of(hall)


def test_a_request_makes_one_mailing_masked_in_the_list(hall: Harness, mailings: Mailings) -> None:
    p = mail_request(hall)
    assert hall.core.process([p])[0][0] == "duplicate"  # sent again by the spool: kept once
    [row] = mailings.rows()
    assert (row["request_no"], row["case_no"], row["state"], row["state_label"]) == (
        p.ref, "1506020500000213", "requested", "已申请")
    assert (row["recipient"], row["phone"], row["street"], row["region"]) == (
        "王**", "139****5678", "新迁路8****", "内蒙古自治区鄂尔多斯市东胜区")
    assert not any(v in str(row) for v in ("王小明", "13912345678", "新迁路8号3单元401"))
    assert mailings.counts() == {"requested": 1, "sent": 0, "delivered": 0, "returned": 0}
    assert [s["action"] for s in mailings.get(p.id)["steps"]] == ["requested"]


def test_other_services_make_no_mailing(hall: Harness, mailings: Mailings) -> None:
    mail_request(hall, service="appointment")
    assert mailings.rows() == []


def test_sent_delivered_each_step_by_a_person_audited(hall: Harness, mailings: Mailings) -> None:
    p = mail_request(hall)
    out = mailings.send(p.id, " 1234567890123 ", actor="clerk")
    assert (out["state"], out["tracking_no"]) == ("sent", "1234567890123")
    assert mailings.delivered(p.id, actor="clerk2")["state"] == "delivered"
    got = mailings.get(p.id)
    assert [(s["action"], s["actor"]) for s in got["steps"]] == [
        ("requested", "system"), ("sent", "clerk"), ("delivered", "clerk2")]
    with hall.core.sessions() as s:
        audit = [(e.actor, e.action, e.target) for e in s.scalars(
            select(AuditEntry).where(AuditEntry.action.startswith("mailing.")).order_by(AuditEntry.id))]
    assert audit == [("clerk", "mailing.sent", f"mailing:{p.id}"), ("clerk2", "mailing.delivered", f"mailing:{p.id}")]


def test_returned_then_sent_again(hall: Harness, mailings: Mailings) -> None:
    p = mail_request(hall)
    mailings.send(p.id, "EA123456789CN", actor="clerk")
    with pytest.raises(MailingError, match="退回原因") as err:
        mailings.returned(p.id, " ", actor="clerk")
    assert err.value.status == 422
    assert mailings.returned(p.id, "地址不详", actor="clerk")["state"] == "returned"
    assert mailings.send(p.id, "EA987654321CN", actor="clerk")["tracking_no"] == "EA987654321CN"


@pytest.mark.parametrize(("step", "words"), [("deliver", "只有“已寄出”"), ("return", "只有“已寄出”"),
                                             ("send_twice", "只有“已申请”或“已退回”"), ("bad_no", "邮件号")])
def test_steps_out_of_order_or_shape_are_refused_in_words(hall: Harness, mailings: Mailings, step: str,
                                                          words: str) -> None:
    p = mail_request(hall)
    with pytest.raises(MailingError, match=words):
        if step == "deliver":
            mailings.delivered(p.id, actor="clerk")
        elif step == "return":
            mailings.returned(p.id, "拒收", actor="clerk")
        elif step == "send_twice":
            mailings.send(p.id, "1234567890123", actor="clerk")
            mailings.send(p.id, "1234567890124", actor="clerk")
        else:
            mailings.send(p.id, "12-34", actor="clerk")
    with pytest.raises(NotFound):
        mailings.send(new_id(), "1234567890123", actor="clerk")


def test_the_address_in_clear_for_who_posts_it(hall: Harness, mailings: Mailings) -> None:
    p = mail_request(hall)
    assert mailings.address(p.id) == PERSONAL


def test_the_history_is_append_only(hall: Harness, mailings: Mailings) -> None:
    p = mail_request(hall)
    with pytest.raises(sa.exc.DBAPIError), hall.core.sessions() as s, s.begin():
        s.execute(sa.update(MailingStep).where(MailingStep.mailing_id == p.id).values(actor="someone else"))
    with hall.core.sessions() as s:
        assert s.get(Mailing, p.id) is not None
