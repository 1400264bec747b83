"""Base for every configuration section: strict keys, clear errors.

Each package defines the models of its own sections beside its code (``drivers/printer/config.py``,
``fleet_agent/config.py`` …); :mod:`zizhu.config` assembles them into the terminal and hall files.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Section(BaseModel):
    """A configuration table. Unknown keys are errors: a typo must not silently become a default."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)
