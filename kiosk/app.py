"""``zizhu kiosk``: the citizens' touchscreen app — the wiring, in one place.

::

    zizhu kiosk --config /etc/zizhu/terminal.toml     # fullscreen, under cage on a terminal
    zizhu kiosk --config terminal.toml --windowed     # a window on a desk
    zizhu kiosk --demo                                # the four device simulators and the demo back end

:class:`KioskApp` builds the session, the flows (:mod:`kiosk.flows`), the device poller (one
device thread, :mod:`terminal.poller`), the jobs runner, the voice, the bridges and the QML engine,
then connects them: device snapshots and the agent's commands and notices arrive on other
threads and are posted to the UI thread as signals; the heartbeat to the agent and systemd's
watchdog are sent from QTimers on the UI thread, so a frozen UI is seen and restarted.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import signal
import sys
import time
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

log = logging.getLogger("zizhu.kiosk")

QML_DIR = Path(__file__).with_name("qml")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    src = parser.add_mutually_exclusive_group(required=True)
    src.add_argument("--config", help="the terminal's configuration file (its [kiosk] section)")
    src.add_argument("--demo", action="store_true",
                     help="no configuration: start the four device simulators and the demo back end")
    parser.add_argument("--windowed", action="store_true", help="a window instead of fullscreen")
    parser.add_argument("--size", default="1080x1920", help="window size WxH when windowed (default portrait)")
    parser.add_argument("--duration", type=float, default=None, help="quit after S seconds (demos, smoke tests)")
    parser.add_argument("--log-level", default="INFO")


def _make_backend(cfg: Any) -> Any:
    from kiosk.backend.demo import DemoBackend

    b = cfg.kiosk.backend
    if b.kind == "http":
        from kiosk.backend.http import HttpBackend

        return HttpBackend(b.url, timeout_s=b.timeout_s, retries=b.retries, token=b.token)
    return DemoBackend()


class KioskApp:
    """The whole app on an existing QGuiApplication. ``start()`` loads the QML and shows it."""

    def __init__(self, cfg: Any, backend: Any, devices: Sequence[tuple[str, Any]] | None = None, *,
                 socket_path: str | None = None, clock: Any = None, today: Any = None,
                 demo_rig: Any = None, windowed: bool = True, size: tuple[int, int] = (1080, 1920)) -> None:
        from PySide6.QtCore import QObject, Signal
        from PySide6.QtGui import QGuiApplication

        from kiosk.availability import Availability
        from kiosk.backend.model import HallInfo
        from kiosk.flows import GuideFlow, IdentityFlow, ProgressFlow
        from kiosk.qt.bridge import ActivityFilter, FlowBridge, KioskBridge
        from kiosk.qt.jobs import QtJobs
        from kiosk.qt.voice import Voice
        from kiosk.session import Session
        from terminal.client import AgentClient
        from terminal.poller import DevicePoller, devices_from_config

        self.cfg = cfg
        k = cfg.kiosk
        qapp = QGuiApplication.instance()
        if qapp is None:
            raise RuntimeError("KioskApp needs a QGuiApplication")
        self.qapp: Any = qapp
        self.windowed, self.size = windowed, size
        self.demo_rig = demo_rig
        self.demo_cards: list[str] = list(demo_rig.card_names) if demo_rig is not None else []
        self.backend = backend
        self.today = today or date.today
        devs = list(devices) if devices is not None else devices_from_config(cfg)

        class _Posts(QObject):  # other threads → the UI thread
            snapshot = Signal(object)
            command = Signal(object)
            notice = Signal(object)

        self.posts = _Posts()
        self.session = Session(k.idle_s, k.countdown_s, k.max_extensions, clock)
        self.availability = Availability(configured=frozenset(kind for kind, _ in devs))
        self.poller = DevicePoller(devs, k.poll_s, on_snapshot=self._snapshot_from_poller)
        self.jobs = QtJobs(self.poller, backend, backend_bound_s=min(10.0, k.backend.timeout_s + 1.5))
        self.voice = Voice(k.tts_engine, k.tts_voice)
        self.hall_info = HallInfo(name=cfg.terminal.name or "政务服务中心", hotline=k.hotline)
        hall = lambda: self.hall_info  # noqa: E731
        self.identity = IdentityFlow(self.jobs, self.session, self.availability, today=self.today)
        self.guide = GuideFlow(self.jobs, self.availability, hall, self.session, today=self.today)
        now = (lambda: datetime.combine(self.today(), datetime.now().time())) if today else datetime.now
        self.progress = ProgressFlow(self.jobs, self.availability, hall, self.session, now=now)
        self.identity.on_card = self._card_read

        self.bridge = KioskBridge(self)
        self.bridge.identity_bridge = FlowBridge(self.identity, {
            "start": lambda _a: self.identity.start(), "stop": lambda _a: self.identity.stop()})
        self.bridge.guide_bridge = FlowBridge(self.guide, {
            "open": lambda _a: self.guide.open(), "department": self.guide.by_department,
            "theme": self.guide.by_theme, "search": self.guide.search, "choose": self.guide.choose,
            "back": lambda _a: self.guide.back(), "print": lambda _a: self.guide.print_slip()})
        self.bridge.progress_bridge = FlowBridge(self.progress, {
            "open": lambda _a: self.progress.open(), "key": self.progress.key,
            "findNumber": lambda _a: self.progress.find_number(), "findByCard": lambda _a: self.progress.find_by_card(),
            "choose": self.progress.choose, "back": lambda _a: self.progress.back(),
            "print": lambda _a: self.progress.print_slip()})

        from kiosk.qt.photo import PhotoWiring

        self.photo = PhotoWiring(self)  # the ID photo (kiosk/flows_photo.py): flow, stream, bridge, wipe
        from kiosk.qt.capture import CaptureWiring

        self.capture = CaptureWiring(self)  # submitting materials (kiosk/flows_capture.py): the document camera
        self.session.on_change = lambda _s: self.bridge.sessionChanged.emit()
        self.session.on_end = self._session_ended
        for flow in (self.identity, self.guide, self.progress):
            self.session.on_wipe(flow.reset)
        self.session.on_wipe(lambda: self.bridge.set_card({}))
        self.session.on_wipe(self._wipe_keyboard_dictionary)
        self.session.on_wipe(self._reader_forgets)

        self.posts.snapshot.connect(self._apply_snapshot)
        self.posts.command.connect(self._command)
        self.posts.notice.connect(self._notice)
        self.client: AgentClient | None = None
        if socket_path:
            self.client = AgentClient(socket_path, role="kiosk", on_command=self.posts.command.emit,
                                      on_notice=self.posts.notice.emit)
        from kiosk.qt.feedback import Feedback

        self.feedback = Feedback(self)  # the rating after each service, the complaint window
        self.activity = ActivityFilter(self._activity)
        self.qml_warnings: list[str] = []
        self.engine: Any = None
        self.window: Any = None
        self.ready_at: float | None = None
        self._translator: Any = None
        self._tickers: list[Any] = []
        self.pages_shown: list[str] = []
        from kiosk.qt.locker import LockerWiring

        self.locker = LockerWiring(self)  # the document locker (kiosk/flows_locker.py): pickup, deposit
        from kiosk.qt.a4 import A4Wiring

        self.a4 = A4Wiring(self)  # A4 forms and certificates through CUPS (kiosk/flows_a4.py)
        from kiosk.qt.maintenance import MaintenanceWiring

        self.maintenance = MaintenanceWiring(self)  # the technician's screen (kiosk/flows_maintenance.py)
        from kiosk.qt.mailing import MailingWiring

        self.mailing = MailingWiring(self)  # free mailing of a case's documents (kiosk/flows_mailing.py)
        from kiosk.qt.appointment import AppointmentWiring

        self.appointment = AppointmentWiring(self)  # 延时服务预约 (kiosk/flows_appointment.py)
        for flow in self.printing_flows():  # a Mongolian reader's slips carry Mongolian (docs/mongolian-slips.md)
            flow.slip_words = self.slip_words

    # -- start and stop --------------------------------------------------------------------
    def start(self) -> None:
        from PySide6.QtCore import QTimer
        from PySide6.QtQml import QQmlApplicationEngine

        from kiosk.qt.bridge import QrProvider, Ticker
        from terminal import sdnotify

        self.t0 = time.monotonic()
        self.engine = QQmlApplicationEngine()
        self.engine.warnings.connect(self._qml_warnings)
        self.engine.addImportPath(str(QML_DIR))
        self.engine.addImageProvider("qr", QrProvider())
        self.photo.install(self.engine)
        self.capture.install(self.engine)
        self.engine.rootContext().setContextProperty("kiosk", self.bridge)
        self.feedback.expose(self.engine)
        self.bridge.set_availability(self.availability.view())
        self._hall_view()
        self.locker.expose(self.engine)
        self.a4.expose(self.engine)
        self.maintenance.expose(self.engine)
        self.mailing.expose(self.engine)
        self.appointment.expose(self.engine)
        k = self.cfg.kiosk
        self.set_elderly(k.elderly)
        if k.language != "zh":
            self._install_translator(k.language)
        self.engine.loadFromModule("Zizhu", "Main")
        roots = self.engine.rootObjects()
        if not roots:
            raise RuntimeError("the kiosk's QML did not load: " + "; ".join(self.qml_warnings))
        self.window = roots[0]
        if self.windowed:
            self.window.setWidth(self.size[0])
            self.window.setHeight(self.size[1])
            self.window.show()
        else:
            self.window.showFullScreen()
        self.qapp.installEventFilter(self.activity)

        def first_frame() -> None:
            if self.ready_at is None:
                self.ready_at = time.monotonic()
                sdnotify.notify("READY=1")  # the home screen is on and takes touches
                log.info("kiosk ready in %.2f s", self.ready_at - self.t0)

        self.window.frameSwapped.connect(lambda: QTimer.singleShot(0, first_frame))
        self.poller.start()
        if self.client is not None:
            self.client.start()
        self.jobs.backend(lambda b: b.hall(), self._got_hall)
        self._tickers.append(Ticker(250, self._tick))
        self._tickers.append(Ticker(int(k.heartbeat_s * 1000), self._heartbeat))
        beat = sdnotify.watchdog_interval_s()
        if beat:
            def watchdog() -> None:
                sdnotify.notify("WATCHDOG=1")

            self._tickers.append(Ticker(int(beat * 1000), watchdog))

    def stop(self) -> None:
        from terminal import sdnotify

        sdnotify.notify("STOPPING=1")
        for t in self._tickers:
            t.timer.stop()
        self.session.end(self._reason("ended"))
        self.qapp.removeEventFilter(self.activity)
        if self._translator is not None:  # the translator is the application's: leave none behind
            self.qapp.removeTranslator(self._translator)
            self._translator = None
        if self.client is not None:
            self.client.close()
        self.poller.stop()
        self.jobs.shutdown()
        import shiboken6

        if self.window is not None:
            self.window.close()
            self.window = None
        if self.engine is not None:
            shiboken6.delete(self.engine)  # now, while the bridges its bindings read still live
            self.engine = None

    # -- the session -----------------------------------------------------------------------
    def _reason(self, name: str) -> Any:
        from kiosk.session import EndReason

        return EndReason(name)

    def _activity(self) -> None:
        if self.maintenance.flow.engaged:  # the technician's touches: no citizen's session
            self.maintenance.flow.touch()
            return
        if self.availability.closed is None:
            self.session.touch()

    def _tick(self) -> None:
        client = self.client
        if client is not None and client.out_of_service != self.availability.out_of_service:
            # The agent's wish as it stands: its welcome says it to a kiosk that (re)connects while
            # the hall has the terminal out of service, and no command comes again.
            self._set_out_of_service(client.out_of_service)
        self.maintenance.flow.tick()
        before = self.session.state
        self.session.tick()
        if self.session.state.value == "warning" or before != self.session.state:
            self.bridge.sessionChanged.emit()

    def end_session(self, reason: str) -> None:
        self.session.end(self._reason(reason))

    def _session_ended(self, _reason: Any) -> None:
        self.bridge.homeRequested.emit()
        if self.engine is not None:
            self.engine.collectGarbage()

    def _card_read(self, card: Any) -> None:
        from kiosk.flows import card_view

        self.bridge.set_card(card_view(card))

    def _wipe_keyboard_dictionary(self) -> None:
        """Qt Virtual Keyboard's Pinyin learns what was typed: personal data, gone per session."""
        from PySide6.QtCore import QStandardPaths

        base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericConfigLocation)
        path = Path(base) / "qtvirtualkeyboard"
        if path.exists():
            shutil.rmtree(path, ignore_errors=True)

    def _reader_forgets(self) -> None:
        name = self.poller.by_kind("idcard")
        if name is not None:
            self.poller.call(name, lambda reader: getattr(reader, "end_session", lambda: None)())

    # -- what QML asks ---------------------------------------------------------------------
    def set_language(self, language: str) -> None:
        if language not in ("zh", "mn", "en") or language == self.bridge._language:
            return
        self._install_translator(language)
        self.bridge.homeRequested.emit()  # rebuild the page stack, then retranslate what remains
        if self.engine is not None:
            self.engine.retranslate()

    def _install_translator(self, language: str) -> None:
        from PySide6.QtCore import QTranslator

        from kiosk.i18n import qm_file

        if self._translator is not None:
            self.qapp.removeTranslator(self._translator)
            self._translator = None
        if language != "zh":
            tr = QTranslator()
            path = qm_file(language)
            if not tr.load(str(path)):
                raise RuntimeError(f"cannot load translation {path}")
            self.qapp.installTranslator(tr)
            self._translator = tr
        self.bridge.set_language_value(language)
        self.voice.set_language(language)

    def printing_flows(self) -> list[Any]:
        """Every flow that prints a slip."""
        return [self.guide, self.progress, self.feedback.complaint, self.locker.pickup, self.locker.deposit,
                self.mailing.flow, self.appointment.flow]

    def slip_words(self, template: str) -> dict[str, str]:
        """The Mongolian lines of ``template`` from the screen's translator, when the screen is in
        Mongolian; otherwise none (Chinese and English readers get the Chinese slip)."""
        from kiosk.i18n import slip_translations

        if self.bridge._language != "mn" or self._translator is None:
            return {}
        return slip_translations(template, self._translator.translate)

    def set_elderly(self, on: bool) -> None:
        self.bridge.set_elderly_value(bool(on))

    def page_shown(self, name: str) -> None:
        self.pages_shown.append(name)
        del self.pages_shown[:-50]
        if name in ("home", "identity", "mailing"):  # the mailing page waits for the card holder's card
            if self.identity.card is None and self.identity.state != "waiting":
                self.identity.start()
        elif self.identity.state == "waiting":
            self.identity.stop()

    def demo_place_card(self, name: str) -> None:
        if self.demo_rig is not None:
            self.demo_rig.place_card(name)

    # -- other threads' news, on the UI thread ---------------------------------------------
    def _snapshot_from_poller(self, statuses: list[Any]) -> None:  # the poller's thread
        if self.client is not None:
            self.client.devices(statuses)
        self.posts.snapshot.emit(statuses)

    def _apply_snapshot(self, statuses: list[Any]) -> None:
        self.availability.update(statuses)
        self.bridge.set_availability(self.availability.view())
        for b in (self.bridge.guide_bridge, self.bridge.progress_bridge):
            if b is not None:
                b.refresh()

    def _heartbeat(self) -> None:
        if self.client is not None:
            # Out of service too while a technician's maintenance screen is open (kiosk/flows_maintenance.py).
            oos = self.availability.out_of_service or self.maintenance.flow.out_of_service
            self.client.heartbeat(out_of_service=oos)

    def _command(self, cmd: Any) -> None:
        from terminal.poller import answer_device_command

        client = self.client
        if client is None:
            return
        if answer_device_command(self.poller, cmd, client.result):
            return
        if cmd.action == "out_of_service":
            on = bool(cmd.params.get("on", True))
            self._set_out_of_service(on)
            client.result(cmd.id, True, "已显示暂停服务画面 (out-of-service screen shown)" if on
                          else "已恢复服务 (back in service)")
        elif cmd.action == "restart_app":
            client.result(cmd.id, True, "正在重启 (restarting)")
            self.qapp.exit(0)
        else:
            client.result(cmd.id, False, f"不支持的命令 (unsupported here): {cmd.action}")

    def _set_out_of_service(self, on: bool) -> None:
        self.availability.out_of_service = on
        if on:
            self.session.end(self._reason("out_of_service"))
        self.bridge.set_availability(self.availability.view())

    def _notice(self, notice: dict[str, Any] | None) -> None:
        self.availability.notice = notice or None
        if notice:
            self.session.end(self._reason("out_of_service"))
        self.bridge.set_availability(self.availability.view())

    def _got_hall(self, out: Any) -> None:
        if out.error is None and out.value is not None:
            h = out.value
            self.hall_info = h if h.hotline else type(h)(**{**h.__dict__, "hotline": self.cfg.kiosk.hotline})
        else:
            log.warning("hall information not available from the back end; using the configuration's")
        self._hall_view()

    def _hall_view(self) -> None:
        h = self.hall_info
        self.bridge.set_hall({"name": h.name, "hotline": h.hotline or self.cfg.kiosk.hotline,
                              "complaintPhone": h.complaint_phone, "staffedWindow": self.cfg.kiosk.staffed_window,
                              "guideUrl": h.guide_url})

    def _qml_warnings(self, warnings: list[Any]) -> None:
        for w in warnings:
            text = w.toString()
            self.qml_warnings.append(text)
            log.warning("QML: %s", text)


# ------------------------------------------------------------------------------------------------
# The command
# ------------------------------------------------------------------------------------------------

def _configure_qt(windowed: bool) -> None:
    os.environ.setdefault("QT_QUICK_CONTROLS_STYLE", "Basic")
    os.environ.setdefault("QT_IM_MODULE", "qtvirtualkeyboard")  # before the QGuiApplication
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def run(args: argparse.Namespace) -> int:
    from ground.logs import setup_logging

    setup_logging(args.log_level)
    # systemd's stop (SIGTERM) and Ctrl-C end the app as --duration does: the session ended, the
    # devices closed, the agent's channel shut. The handler only notes the signal: Python runs it in
    # the middle of whatever callback from Qt is running (quitting from there crashed the app now and
    # then); a timer on the UI thread acts on it. One noted while starting stops the app once started.
    stop_asked: list[int] = []
    signal.signal(signal.SIGTERM, lambda signum, _frame: stop_asked.append(signum))
    signal.signal(signal.SIGINT, lambda signum, _frame: stop_asked.append(signum))
    _configure_qt(args.windowed)
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QGuiApplication

    try:
        w, h = (int(v) for v in args.size.lower().split("x"))
    except ValueError:
        print(f"zizhu kiosk: --size {args.size!r}: expected WxH such as 1080x1920", file=sys.stderr)
        return 2
    rig = None
    if args.demo:
        from kiosk.simrig import SimRig

        rig = SimRig(a4=True).start()
        cfg = rig.config
        backend = rig.backend
        socket_path = None
    else:
        from ground.configfile import ConfigError
        from terminal.config import load_terminal

        try:
            cfg = load_terminal(args.config)
        except ConfigError as exc:
            print(str(exc), file=sys.stderr)
            return 2
        backend = _make_backend(cfg)
        socket_path = str(cfg.agent.socket_path)
    qapp = QGuiApplication(sys.argv[:1])
    app = KioskApp(cfg, backend, socket_path=socket_path, demo_rig=rig, windowed=args.windowed or args.demo,
                   size=(w, h))
    app.start()
    if args.duration:
        QTimer.singleShot(int(args.duration * 1000), qapp.quit)

    def stop_if_asked() -> None:
        if stop_asked:
            log.info("signal %d: stopping", stop_asked[0])
            qapp.quit()

    signals = QTimer()
    signals.timeout.connect(stop_if_asked)
    signals.start(100)
    try:
        if stop_asked:
            stop_if_asked()
            return 0
        return int(qapp.exec())
    finally:
        signals.stop()
        app.stop()
        if rig is not None:
            rig.stop()
