"""The built wheel works with no checkout beside it: the programs read their data from the package.

Builds the wheel from a copy of the source (``pip wheel --no-deps``), installs it into a fresh venv
that sees this venv's dependencies through a ``.pth`` file but not the checkout (no editable finder,
no PYTHONPATH, the working directory a temporary one), then runs what a person would run after
``pip install``: ``zizhu hall --config FILE`` until its /healthz answers, ``zizhu sim printer`` until
it says where it listens, and ``zizhu demo --duration 20`` to its end (exit 0).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import sysconfig
import urllib.request
from pathlib import Path

import pytest

from tests.support import wait_until
from zizhu.broker import find_mosquitto, free_port

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("ground", "wire", "zizhu", "kiosk", "terminal", "fleet_agent", "drivers", "hall_server", "bench")
PURELIB = "import sysconfig; print(sysconfig.get_path('purelib'))"


def _env(venv: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    env["PATH"] = f"{venv / 'bin'}:{env.get('PATH', '')}"
    env["VIRTUAL_ENV"] = str(venv)
    return env


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("wheel")
    src = base / "src"
    src.mkdir()
    # a copy of what the wheel is built from: building in the tree would leave build/ and *.egg-info there
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, src / name)
    for pkg in PACKAGES:
        shutil.copytree(ROOT / pkg, src / pkg, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    dist = base / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                    "--disable-pip-version-check", "-w", str(dist), str(src)], check=True, cwd=base)
    (wheel,) = dist.glob("zizhu-*.whl")

    venv = base / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    site = Path(subprocess.run([str(venv / "bin" / "python"), "-c", PURELIB], check=True,
                               capture_output=True, text=True).stdout.strip())
    # This venv's dependencies, not its packages: a plain path in a .pth does not run the editable finder.
    (site / "zizhu-deps.pth").write_text(sysconfig.get_path("purelib") + "\n", encoding="utf-8")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(venv / "bin" / "python"), "install", "-q",
                    "--disable-pip-version-check", "--no-deps", "--no-index", str(wheel)], check=True)
    return venv


def test_the_installed_package_is_the_wheel(installed: Path, tmp_path: Path) -> None:
    probe = f"""
import json
import {', '.join(PACKAGES)}
import drivers.printer.slips as slips, drivers.scenario as scenario
import hall_server.faults as faults, zizhu.broker as broker
print(json.dumps({{
    "mods": [m.__file__ for m in ({', '.join(PACKAGES)})],
    "data": [str(p) for p in (faults.DEFAULT_FAULTS_FILE, broker.SHIPPED_CONF, scenario.shipped("printer-demo"),
                              slips.TEMPLATE_DIR)],
    "templates": slips.template_names(), "scenarios": scenario.shipped_names(),
    "tiers": len(faults.load_fault_table().tiers)}}))
"""
    out = subprocess.run([str(installed / "bin" / "python"), "-c", probe], cwd=tmp_path, env=_env(installed),
                         check=True, capture_output=True, text=True).stdout
    got = json.loads(out)
    for path in got["mods"] + got["data"]:
        assert Path(path).resolve().is_relative_to(installed.resolve()), path
        assert not Path(path).resolve().is_relative_to(ROOT), path
    assert {"notification", "test_page"} <= set(got["templates"])
    assert {p.stem for p in (ROOT / "drivers" / "scenarios").glob("*.toml")} == set(got["scenarios"])
    assert got["tiers"] >= 3


def test_hall_serves_from_the_wheel(installed: Path, tmp_path: Path) -> None:
    port = free_port()
    cfg = tmp_path / "hall.toml"
    cfg.write_text(f"""kind = "hall"
[hall]
id = "wheel-hall"
name = "安装测试大厅"
[mqtt]
host = "127.0.0.1"
port = {free_port()}
[server]
database_url = "sqlite:///{tmp_path}/hall.sqlite3"
http_port = {port}
""", encoding="utf-8")
    proc = subprocess.Popen([str(installed / "bin" / "zizhu"), "hall", "--config", str(cfg)], cwd=tmp_path,
                            env=_env(installed), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        def healthy() -> bool:
            assert proc.poll() is None, proc.communicate()[0]
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1) as r:
                    return bool(r.status == 200)
            except OSError:
                return False

        wait_until(healthy, timeout=30, what="the installed hall server's /healthz")
    finally:
        proc.send_signal(signal.SIGTERM)
        out = proc.communicate(timeout=30)[0]
    assert proc.returncode == 0, out


def test_printer_simulator_from_the_wheel(installed: Path, tmp_path: Path) -> None:
    proc = subprocess.Popen([str(installed / "bin" / "zizhu"), "sim", "printer", "--listen", "127.0.0.1:0",
                             "--scenario", "printer-faults"], cwd=tmp_path, env=_env(installed),
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        assert proc.stdout is not None
        first = proc.stdout.readline()  # it says where it listens first (a supervisor reads that line)
    finally:
        proc.send_signal(signal.SIGINT)
        out = first + proc.communicate(timeout=15)[0]
    assert first.startswith("printer simulator listening on tcp://127.0.0.1:"), out
    assert proc.returncode == 0, out


@pytest.mark.timeout(120)
@pytest.mark.skipif(find_mosquitto() is None, reason="mosquitto is not installed (scripts/bootstrap.sh installs it)")
def test_demo_from_the_wheel(installed: Path, tmp_path: Path) -> None:
    res = subprocess.run([str(installed / "bin" / "zizhu"), "demo", "--duration", "20", "--pace", "4",
                          "--http-port", "0", "--workdir", str(tmp_path / "demo")], cwd=tmp_path, env=_env(installed),
                         capture_output=True, text=True, timeout=90)
    assert res.returncode == 0, res.stdout + res.stderr
    assert "演示大厅已启动" in res.stdout
    assert "incidents by tier" in res.stdout
