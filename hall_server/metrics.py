"""Prometheus metrics of one hall server (a registry of its own, so several can live in one process)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram
from prometheus_client.core import CounterMetricFamily, Metric
from prometheus_client.registry import Collector

Tally = Callable[[], dict[tuple[str, str], int]]


class _MessageCounter(Collector):
    """``zizhu_hall_messages_total`` read from ingest's own tallies when scraped.

    Ingest counts each message in a plain dict kept by the thread that finished it: a Counter's
    lock and lookup per message would cost the hot path more than the validation does.
    """

    NAME = "zizhu_hall_messages"
    DOC = ("MQTT messages received, by kind and outcome "
           "(accepted, duplicate, replayed, malformed, out_of_contract, error)")

    def __init__(self) -> None:
        self.sources: list[Tally] = []

    def collect(self) -> Iterator[Metric]:
        family = CounterMetricFamily(self.NAME, self.DOC, labels=["kind", "outcome"])
        totals: dict[tuple[str, str], int] = {}
        for source in self.sources:
            for key, n in source().items():
                totals[key] = totals.get(key, 0) + n
        for (kind, outcome), n in sorted(totals.items()):
            family.add_metric([kind, outcome], n)
        yield family


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self._messages = _MessageCounter()
        self.registry.register(self._messages)
        self.unknown_terminal = Counter(
            "zizhu_hall_unknown_terminal_messages", "messages from terminals not in the registry",
            registry=self.registry)
        self.alerts = Counter("zizhu_hall_alerts", "alerts by role and outcome", ["role", "outcome"],
                              registry=self.registry)
        self.batch_seconds = Histogram("zizhu_hall_ingest_batch_seconds", "time to apply one batch of messages",
                                       registry=self.registry)
        self.queue_depth = Gauge("zizhu_hall_ingest_queue", "messages waiting to be applied",
                                 registry=self.registry)
        self.broker_connected = Gauge("zizhu_hall_broker_connected", "1 while connected to the broker",
                                      registry=self.registry)
        self.terminals = Gauge("zizhu_hall_terminals", "terminals by presence", ["presence"],
                               registry=self.registry)
        self.open_incidents = Gauge("zizhu_hall_open_incidents", "open incidents by tier", ["tier"],
                                    registry=self.registry)

    def watch_messages(self, tally: Tally) -> None:
        """Report ``tally()`` (messages by kind and outcome) as ``zizhu_hall_messages_total``."""
        self._messages.sources.append(tally)
