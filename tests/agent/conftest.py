"""The fleet agent's fixtures live in tests/agent/harness.py; pytest finds them through this import."""

from tests.agent.harness import config_for, password_broker, persistent_broker, watcher_for

__all__ = ["config_for", "password_broker", "persistent_broker", "watcher_for"]
