"""The ground floor: what every program of Zizhu stands on and that knows none of them.

Configuration files and their error listing (:mod:`ground.configbase`, :mod:`ground.configfile`),
logging with personal-data masking (:mod:`ground.logs`), supervised threads
(:mod:`ground.supervise`) and the version. Imports nothing of the project (checked by
import-linter, see pyproject.toml).
"""

__version__ = "0.1.0"
