"""Reconnect delays: exponential, capped, jittered (so a hall's terminals do not all return at once)."""

from __future__ import annotations

import itertools
import random

from fleet_agent.link import backoff_delays


def test_backoff_grows_to_its_cap_with_jitter() -> None:
    delays = list(itertools.islice(backoff_delays(0.5, 30.0, random.Random(7)), 12))
    caps = [min(30.0, 0.5 * 2 ** n) for n in range(12)]
    assert all(c / 2 <= d <= c for d, c in zip(delays, caps, strict=True))
    assert delays[-1] >= 15.0  # at the cap, still jittered within [max/2, max]
    other = list(itertools.islice(backoff_delays(0.5, 30.0, random.Random(8)), 12))
    assert other != delays  # two terminals do not retry in lockstep
