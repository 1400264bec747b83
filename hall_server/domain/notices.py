"""Notices (故障信息公告): what every terminal shows; a system incident posts one and clears it.

The newest notice in force is published (retained) after each commit of a unit that marked
``"notices"`` changed, so the terminals show what the database holds.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from sqlalchemy import select

from hall_server.db import Incident, Notice
from hall_server.domain.base import IncidentError, NotFound
from hall_server.domain.unit import NOTICES, Unit, UnitOfWork
from wire.contract import NoticePayload

log = logging.getLogger("zizhu.hall")


class Notices:
    def __init__(self, uow: UnitOfWork, hall: str,
                 publish: Callable[[NoticePayload | None], None] = lambda n: None) -> None:
        self.uow = uow
        self.hall = hall
        self.publish = publish  # the retained notice of the hall: a payload, or None to clear it

    def publish_after_commit(self, u: Unit) -> None:
        if NOTICES in u.changed:
            self.publish(self.current())

    def for_incident(self, u: Unit, inc: Incident) -> None:
        """A system incident publishes a notice; resolving it clears the notice."""
        row = u.s.scalars(select(Notice).where(Notice.incident_id == inc.id, Notice.cleared_at.is_(None))).first()
        if inc.state != "resolved" and row is None:
            u.s.add(Notice(hall=self.hall, title="系统故障公告", incident_id=inc.id, created_by="system",
                           published_at=u.now,
                           message=f"自助服务区{inc.title}，部分自助终端暂停服务，工作人员正在处理，"
                                   "请到人工窗口办理或稍后再试。给您带来不便，敬请谅解。"))
        elif inc.state == "resolved" and row is not None:
            row.cleared_at = u.now
        u.changed.add(NOTICES)

    def post(self, u: Unit, title: str, message: str, by: str) -> Notice:
        if not title.strip() or not by.strip():
            raise IncidentError("a notice needs a title and the name of who publishes it")
        n = Notice(hall=self.hall, title=title.strip(), message=message.strip(), created_by=by.strip(),
                   published_at=u.now)
        u.s.add(n)
        u.s.flush()
        u.changed.add(NOTICES)
        return n

    def clear(self, u: Unit, notice_id: int, by: str) -> Notice:
        n = u.s.get(Notice, notice_id)
        if n is None or n.hall != self.hall:
            raise NotFound(f"no notice #{notice_id}")
        if n.cleared_at is None:
            n.cleared_at = u.now
            log.info("notice %d cleared by %s", notice_id, by)
        u.changed.add(NOTICES)  # published again either way: the terminals' copy matches the database
        return n

    def in_force(self) -> list[Notice]:
        with self.uow.sessions() as s:
            return list(s.scalars(select(Notice).where(Notice.hall == self.hall, Notice.cleared_at.is_(None))
                                  .order_by(Notice.published_at.desc(), Notice.id.desc())))

    def current(self) -> NoticePayload | None:
        """What every terminal should show now: the newest notice in force, or none."""
        notices = self.in_force()
        if not notices:
            return None
        n = notices[0]
        return NoticePayload(hall=self.hall, title=n.title[:200], message=n.message[:2000],
                             incident_id=n.incident_id, since=n.published_at, ts=n.published_at)
