"""A whole terminal on one machine: the device simulators and the demo back end.

``zizhu kiosk --demo`` and the kiosk's tests run the app against this: the receipt printer
simulator on TCP, the ID card reader and the document locker on pseudo-terminals, the camera as
an MJPEG stream, the A4 printer as a private CUPS server with a simulated printer (``a4=True``)
— each speaking its device's real wire protocol, so the production drivers are what runs.
:attr:`SimRig.config` is the terminal configuration that points the drivers at them.
"""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from drivers.idcard.synthetic import CARDS
from ground.configfile import validate
from kiosk.backend.demo import DemoBackend
from terminal.config import TerminalConfig

DEMO_PIN = "2468"  # the demo technician's maintenance PIN (zizhu kiosk --demo)
DEMO_CARDS = ("resident", "resident_long_term", "hmt_permit", "foreign_pr_2017", "foreign_pr_2023",
              "bad_check_digit")


class SimRig:
    def __init__(self, workdir: Path | None = None, today: date | None = None, kiosk: str = "",
                 camera: bool = True, locker: bool = True, *, locker_extra: str = "",
                 maintenance: str | None = None, printer: str = "", a4: bool = False,
                 a4_extra: str = "", camera_size: tuple[int, int] = (640, 480)) -> None:
        from drivers.idcard.sim import IdCardSimulator
        from drivers.printer.simmodel import PrinterModel
        from drivers.printer.simserver import PrinterSimulator

        self._tmp = None if workdir is not None else tempfile.TemporaryDirectory(prefix="zizhu-kiosk-")
        self.dir = workdir if workdir is not None else Path(self._tmp.name)  # type: ignore[union-attr]
        self.printer_model = PrinterModel()
        self.printer = PrinterSimulator(self.printer_model)
        self.idcard = IdCardSimulator()
        self.locker: Any = None
        self.camera: Any = None
        if locker:
            from drivers.locker.sim import LockerSimulator

            self.locker = LockerSimulator()
        if camera:
            from drivers.camera.sim import CameraSim

            # The ID photo's live preview wants at least 15 fps; documents want more pixels (camera_size).
            self.camera = CameraSim(fps=20, size=camera_size)
        self.backend = DemoBackend(today=today)
        # The A4 printer: a private cupsd with the simulated printer's queue (drivers/a4printer/sim.py).
        self.cups: Any = None
        if a4:
            from drivers.a4printer.sim import CupsServer

            self.cups = CupsServer()  # its own short folder: a socket path has at most 107 bytes
        self.a4_extra = a4_extra  # more [devices.a4printer] keys (tests: stuck_s …)
        self.kiosk_extra = kiosk  # more [kiosk] keys (tests: idle_s, tts_engine = "mock" …)
        self.locker_extra = locker_extra  # more [devices.locker] keys (tests: door_open_alarm_s …)
        self.printer_extra = printer  # more [devices.printer] keys (tests: columns, chinese_only …)
        # [kiosk.maintenance] keys; by default the demo technician T01, PIN DEMO_PIN (kiosk/flows_maintenance.py)
        self.maintenance_extra = maintenance
        self.card_names = [c for c in DEMO_CARDS if c in CARDS]
        self.config: TerminalConfig

    def start(self) -> SimRig:
        self.printer.start()
        idcard_path = self.idcard.start()
        sections = [f"""kind = "terminal"
[terminal]
id = "demo-t01"
hall = "demo-hall"
name = "演示政务服务中心 24小时自助区"
[agent]
socket_path = "{self.dir}/agent.sock"
spool_path = "{self.dir}/spool.sqlite3"
[kiosk]
hotline = "0477-8888123"
staffed_window = "政务服务大厅一楼 综合受理窗口"
{self.kiosk_extra}
[devices.printer]
timeout_s = 3
{self.printer_extra}
job_dir = "{self.dir}/print-jobs"
[devices.printer.connection]
connector = "network"
host = "127.0.0.1"
port = {self.printer.port}
[devices.printer.journal]
kind = "file"
path = "{self.dir}/journal.txt"
[devices.idcard]
device = "{idcard_path}"
timeout_s = 1.5
command_timeout_s = 0.5
"""]
        if self.locker is not None:
            locker_path = self.locker.start()
            sections.append(f'[devices.locker]\ndevice = "{locker_path}"\nrecord_path = "{self.dir}/locker.sqlite3"\n'
                            f'{self.locker_extra}\n')
        if self.camera is not None:
            self.camera.start()
            sections.append(f'[devices.camera]\nsource = "{self.camera.url}"\ntimeout_s = 2.0\n')
        if self.cups is not None:
            self.cups.start()
            self.cups.add_queue("a4")
            sections.append(self.cups.terminal_config("a4") + self.a4_extra + "\n")
        if self.maintenance_extra is None:
            from terminal.pinhash import make_hash

            self.maintenance_extra = (f'[[kiosk.maintenance.technicians]]\nid = "T01"\nname = "演示技术员"\n'
                                      f'pin_hash = "{make_hash(DEMO_PIN)}"\n')
        sections.append(f"[kiosk.maintenance]\n{self.maintenance_extra}\n")
        path = self.dir / "terminal.toml"
        path.write_text("\n".join(sections), encoding="utf-8")
        import tomllib

        self.config = validate(path, tomllib.loads(path.read_text(encoding="utf-8")), TerminalConfig)
        return self

    def place_card(self, name: str) -> None:
        self.idcard.place(name)

    def remove_card(self) -> None:
        self.idcard.remove()

    def stop(self) -> None:
        for sim in (self.cups, self.camera, self.locker, self.idcard, self.printer):
            if sim is not None:
                try:
                    sim.stop()
                except Exception:  # a simulator that is already down
                    pass
        if self._tmp is not None:
            self._tmp.cleanup()
