"""The kiosk's Qt tests: one QGuiApplication (no Qt Widgets), the software renderer, offscreen."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_QUICK_CONTROLS_STYLE", "Basic")
os.environ.setdefault("QT_IM_MODULE", "qtvirtualkeyboard")

TODAY = date(2026, 12, 3)


@pytest.fixture(scope="session")
def qapp_cls(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtQuick import QQuickWindow, QSGRendererInterface

    QQuickWindow.setGraphicsApi(QSGRendererInterface.GraphicsApi.Software)
    # Qt Virtual Keyboard's dictionary (GenericConfigLocation/qtvirtualkeyboard, wiped per session and
    # checked by test_kiosk_wipe) in a folder of this process: not $HOME's, not another xdist worker's
    mp = pytest.MonkeyPatch()
    mp.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("xdg-config")))
    yield QGuiApplication
    mp.undo()


@pytest.fixture
def rig(tmp_path: Any) -> Iterator[Any]:
    from kiosk.simrig import SimRig

    r = SimRig(workdir=tmp_path, today=TODAY, kiosk='tts_engine = "mock"', camera=False, locker=False).start()
    yield r
    r.stop()


def make_app(rig: Any, size: tuple[int, int] = (1080, 1920), **kw: Any) -> Any:
    from kiosk.app import KioskApp

    return KioskApp(rig.config, rig.backend, demo_rig=rig, size=size, today=lambda: TODAY, **kw)


@pytest.fixture
def kiosk(qapp: Any, rig: Any) -> Iterator[Any]:
    from tests.kiosk.kioskharness import Citizen, spin

    app = make_app(rig)
    app.start()
    citizen = Citizen(app)
    citizen.wait_page("home")
    yield citizen
    app.stop()
    spin(0.05)
    assert app.qml_warnings == [], app.qml_warnings  # a QML warning is a failure
