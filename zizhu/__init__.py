"""Zizhu (自助): shared plumbing of the three programs — the `zizhu` command, configuration, logging."""

__version__ = "0.1.0"
