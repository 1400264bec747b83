"""requirements.lock (what scripts/bootstrap.sh installs, and so what CI tests) covers pyproject.toml.

Every dependency pyproject.toml names — the package's, every extra's and the build system's — is
pinned in the lock with hashes, at a version its range allows, with its platform markers kept: a
dependency added to pyproject.toml without `bash scripts/lock.sh` fails here, not on a fresh machine.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[2]
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)\s*(?:;\s*([^\\]+?))?\s*\\?$")


def _lock() -> dict[str, tuple[Version, str, int]]:
    """name → (version, marker, number of hashes)."""
    pins: dict[str, tuple[Version, str, int]] = {}
    name = ""
    for line in (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines():
        m = PIN.match(line)
        if m:
            name = canonicalize_name(m.group(1))
            pins[name] = (Version(m.group(2)), (m.group(3) or "").strip(), 0)
        elif line.strip().startswith("--hash=sha256:") and name:
            v, marker, n = pins[name]
            pins[name] = (v, marker, n + 1)
    return pins


def _wanted() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    reqs = [*project["project"]["dependencies"], *project["build-system"]["requires"]]
    for extra in project["project"].get("optional-dependencies", {}).values():
        reqs += extra
    build_in = (ROOT / "scripts" / "build-requirements.in").read_text(encoding="utf-8")
    reqs += [ln.strip() for ln in build_in.splitlines() if ln.strip() and not ln.startswith("#")]
    return [Requirement(r) for r in reqs]


def test_every_dependency_is_locked_within_its_range() -> None:
    pins = _lock()
    assert len(pins) > 50
    for req in _wanted():
        name = canonicalize_name(req.name)
        assert name in pins, f"{req.name} is in pyproject.toml but not in requirements.lock: bash scripts/lock.sh"
        version, _marker, _hashes = pins[name]
        assert req.specifier.contains(version, prereleases=True), \
            f"requirements.lock pins {req.name}=={version}, outside pyproject.toml's {req}: bash scripts/lock.sh"


def test_every_pin_has_hashes() -> None:
    assert all(n > 0 for _v, _m, n in _lock().values()), "pip install --require-hashes needs a hash for every pin"


def test_platform_markers_survive() -> None:
    _v, marker, _n = _lock()["atheris"]
    assert "x86_64" in marker and "linux" in marker, marker
