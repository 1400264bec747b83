"""Zizhu (自助): the roof — the `zizhu` command, the demo and the tools that may import every program."""

from ground import __version__

__all__ = ["__version__"]
