"""The hall's domains, one module each, composed by :class:`hall_server.core.HallCore`.

Modules
-------
``unit``          the unit of work: one lock, one write transaction, memory journalled and undone with
                  the database (whole unit or one savepoint), side effects sent only after the commit.
``terminals``     the registry, the contract messages (state, status, event, command result),
                  presence and silence, snapshots, end-to-end acknowledgement (``TerminalMem``).
``incidents``     raise / clear / resolve, flapping, correlation into system incidents, alerts, the
                  append-only incident log, acknowledgement, escalation and reminders.
``shutdowns``     planned shutdown requests and decisions; the approved window of a moment.
``notices``       the public notices and the one every terminal shows.
``availability``  a terminal's share of a period in service.
``feedback``      ratings (好差评) with the rectification case of a bad review, complaint work orders
                  due on the official calendar, the call-back phone sealed at rest (docs/feedback.md).
``rectifications`` a bad review's rectification case step by step (核实 → 整改 → 反馈 → 办结), each step in the
                  append-only ``rectification_steps`` and the audit log; overdue cases alerted to the centre
                  once (docs/ratings.md).
``rating_stats``  reading only: ratings counted per item, terminal, day and level, and beside the incidents
                  of the same hours.
``base``          the core's settings and the errors of people's actions.

Dependencies go one way: terminals → incidents, shutdowns, feedback; incidents → notices; every
domain → unit (``rectifications`` stands alone: ``feedback`` opens its cases, the core runs its overdue
check in every tick). What crosses two domains in one action (a person resolving an incident the
device still reports) is composed in :class:`~hall_server.core.HallCore`.

Entry points for another domain
-------------------------------
Work inside a unit, and call the incident rules with it::

    with core.unit() as u:                        # the core's lock and one transaction
        inc = core.incidents.raise_(u, scope, code, detail="…")        # -> Incident (opened,
                                                  # reopened when flapping, or the open one refreshed)
        core.incidents.clear(u, scope, code, actor="王敏", detail="…")   # resolves it if open
        core.incidents.audit(u, inc, actor, action, detail)            # a line of its history
        u.changed.add("inspections")              # a topic for the live pages (on_change)

``scope`` is a terminal's id or ``HALL_SCOPE`` (``"@hall"``); ``code`` a fault code of the fault
table (an unknown one gets the default tier); ``actor`` the logged-in user's name for people's
actions. ``u.s`` is the session, ``u.now`` the unit's time (the core's clock); memory a domain
keeps is journalled with ``u.journal(obj)`` or ``u.on_undo(fn)`` so that a refused commit undoes it.
Units do not nest: a function given ``u`` uses it.

``core.add_tick(fn)`` runs ``fn(u)`` in every tick of the clock, in the tick's unit after the core's
own rules, in a savepoint of its own (a failure is logged and undone alone).

``HallCore(..., on_change=fn)``: after each commit that changed something, ``fn(frozenset(topics))``
with ``"terminals"``, ``"incidents"``, ``"shutdowns"``, ``"notices"`` and any added topic. It runs
under the core's lock: hand the topics on (to the event bus), do no work there.
"""
