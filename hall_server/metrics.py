"""Prometheus metrics of one hall server (a registry of its own, so several can live in one process)."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self.messages = Counter(
            "zizhu_hall_messages", "MQTT messages received, by kind and outcome "
            "(accepted, duplicate, replayed, malformed, out_of_contract, error)",
            ["kind", "outcome"], registry=self.registry)
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
