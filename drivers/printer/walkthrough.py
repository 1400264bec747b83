"""`zizhu demo --printer`: the receipt printer walk-through (it was the interim `zizhu demo`).

Starts the receipt printer simulator playing a scenario (by default the shipped ``printer-demo``,
drivers/scenarios/printer-demo.toml: a short roll that runs low, runs out and is refilled), prints a
one-time notification slip (一次性告知书) through the real driver, shows what came out of the simulator, follows the
printer's status as the scenario runs, fails a slip when the paper is out and prints it again
after the refill. Ends on its own in about ten seconds (or at Ctrl-C), leaving the printed
text and a PNG of the paper in ``--out``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from drivers.printer.config import PrinterConfig
from drivers.printer.driver import ReceiptPrinter
from drivers.printer.jobs import PrintJob
from drivers.printer.simmodel import PrinterModel
from drivers.printer.simserver import PrinterSimulator
from drivers.scenario import Scenario, ScenarioError, ScenarioPlayer, Step
from ground.logs import setup_logging
from wire.status import DeviceState, PaperLevel, PrinterStatus

DEFAULT_SCENARIO = "printer-demo"  # a shipped scenario (drivers/scenarios/), by name

# Example data of a citizen's matter; the name is masked on the slip by the template.
NOTIFICATION: dict[str, Any] = {
    "hall_name": "鄂尔多斯市东胜区政务服务中心",
    "matter": "城乡居民基本医疗保险参保登记",
    "applicant": "张三丰",
    "case_no": "DS20261122-0042",
    "date": datetime.now().strftime("%Y年%m月%d日"),
    "legal_basis": "《中华人民共和国社会保险法》第二十五条；《内蒙古自治区城乡居民基本医疗保险办法》。",
    "time_limit": "即时办结（材料齐全、符合法定形式的，当场办理）。",
    "procedure": "申请 → 受理 → 审核 → 办结。可在本自助终端或政务服务网提交申请。",
    "materials": [
        {"name": "居民身份证", "format": "原件", "copies": 1, "issuer": "公安机关"},
        {"name": "户口簿", "format": "原件及复印件", "copies": 1, "issuer": "公安机关"},
    ],
    "fees": "不收费。",
    "missing": [{"name": "户口簿复印件", "problem": "缺少户主页，请补充后再次提交"}],
    "guide_url": "https://zwfw.example.gov.cn/guide/150602-0042",
    "hall_phone": "0477-8581234",
}
PICKUP: dict[str, Any] = {
    "hall_name": "鄂尔多斯市东胜区政务服务中心", "locker": "A", "slot": "07", "item": "营业执照（正本）",
    "case_no": "DS20261120-0017", "applicant": "李四", "picked_up_at": datetime.now().strftime("%Y-%m-%d %H:%M"),
    "hall_phone": "0477-8581234",
}

PAPER_WORDS = {PaperLevel.FULL: "充足", PaperLevel.LOW: "将尽", PaperLevel.OUT: "用完",
               PaperLevel.JAMMED: "卡纸", PaperLevel.UNKNOWN: "未知"}
STATE_WORDS = {DeviceState.ONLINE: "在线", DeviceState.OFFLINE: "脱机", DeviceState.USER_ERROR: "需人工处理",
               DeviceState.HARDWARE_ERROR: "故障", DeviceState.BUSY: "忙", DeviceState.NO_DEVICE: "未连接",
               DeviceState.POWER_OFF: "断电", DeviceState.UNKNOWN: "未知"}


def add_arguments(parser: argparse._ActionsContainer) -> None:
    parser.add_argument("--scenario", default=DEFAULT_SCENARIO, metavar="FILE",
                        help="printer scenario to play: a file, or a shipped scenario by name (default: printer-demo)")
    parser.add_argument("--out", metavar="DIR", help="where to write the printed text and PNG (default: a temp dir)")
    parser.add_argument("--serial", action="store_true", help="talk to the simulator over a pseudo-terminal, not TCP")
    parser.add_argument("--timeout", type=float, default=30.0, metavar="S",
                        help="give up if the scenario has not played out after S seconds (default 30)")


def describe(st: PrinterStatus) -> str:
    receipt = st.stations.get("receipt")
    paper = PAPER_WORDS[receipt.paper] if receipt else "未知"
    parts = [f"打印机{STATE_WORDS[st.state]}", f"凭条纸{paper}"]
    if st.cover_open:
        parts.append("机盖打开")
    text = "，".join(parts)
    news = [r for r in st.reason.split("；") if r and r not in text]
    if news:
        text += f"（{'；'.join(news)}）"
    faults = st.faults()
    return text + (f"  faults={','.join(faults)}" if faults else "")


class StatusWatch:
    """Polls the driver a few times a second in a thread and prints each change of status."""

    def __init__(self, printer: ReceiptPrinter, say: Callable[[str], None]) -> None:
        self.printer = printer
        self.say = say
        self.latest: PrinterStatus | None = None
        self._stop = threading.Event()
        self._changed = threading.Condition()
        self._thread = threading.Thread(target=self._loop, name="demo-status", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def _loop(self) -> None:
        shown = ""
        while not self._stop.is_set():
            st = self.printer.status()
            text = describe(st)
            with self._changed:
                self.latest = st
                self._changed.notify_all()
            if text != shown:
                self.say(f"状态  {text}")
                shown = text
            self._stop.wait(0.2)

    def wait_for(self, cond: Callable[[PrinterStatus], bool], timeout: float) -> PrinterStatus:
        deadline = time.monotonic() + timeout
        with self._changed:
            while self.latest is None or not cond(self.latest):
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError("the printer did not reach the expected state in time")
                self._changed.wait(left)
            return self.latest

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)


def run(args: argparse.Namespace) -> int:
    setup_logging("WARNING")
    try:
        scenario = Scenario.load(args.scenario)
    except ScenarioError as exc:
        print(f"zizhu demo: {exc}", file=sys.stderr)
        return 2
    out = Path(args.out) if args.out else Path(tempfile.mkdtemp(prefix="zizhu-demo-"))
    out.mkdir(parents=True, exist_ok=True)
    t0 = time.monotonic()

    lock = threading.Lock()

    def say(text: str) -> None:
        with lock:  # two threads talk: the status watch and the demo itself
            sys.stdout.write(f"[{time.monotonic() - t0:5.1f}s] {text}\n")
            sys.stdout.flush()

    model = PrinterModel()
    sim = PrinterSimulator(model, serial=args.serial)
    printer: ReceiptPrinter | None = None
    watch: StatusWatch | None = None
    player: ScenarioPlayer | None = None
    try:
        player = ScenarioPlayer(scenario, {"printer": model}, on_step=lambda s: say(f"场景  {_step(s)}"))
        address = sim.start()
        say(f"打印机模拟器已启动：{address}（场景：{scenario.name}）")
        conn: dict[str, Any] = ({"connector": "serial", "device": sim.pty_path, "baudrate": 115200} if args.serial
                                else {"connector": "network", "host": sim.host, "port": sim.port})
        cfg = PrinterConfig.from_data({"connection": conn, "timeout_s": 5.0, "status_timeout_s": 1.0,
                                       "journal": {"kind": "file", "path": str(out / "journal.txt")}})
        printer = ReceiptPrinter(cfg, name="printer", terminal="demo")
        printer.open()
        player.start()
        watch = StatusWatch(printer, say)
        watch.start()
        watch.wait_for(lambda st: st.state == DeviceState.ONLINE, args.timeout)

        say("打印 一次性告知书（经真实驱动 → ESC/POS → 模拟器）")
        job = printer.print_slip("notification", NOTIFICATION)
        _report(say, job)
        first_slip = model.slips()[0] if model.slips() else ""
        say("模拟器打印出的凭条（文字）：\n" + _boxed(model.layout_text()))
        model.render_png(out / "notification.png")
        (out / "notification.txt").write_text(first_slip + "\n", encoding="utf-8")

        watch.wait_for(lambda st: st.stations["receipt"].paper == PaperLevel.OUT, args.timeout)
        say("凭条纸用完后再打印一张取件凭条：")
        failed = printer.print_slip("locker_pickup", PICKUP)
        _report(say, failed)
        refused = not failed.ok
        say(f"任务已保留，可补打：{[j.id for j in printer.jobs.failed()]}")

        watch.wait_for(lambda st: st.state == DeviceState.ONLINE and st.stations["receipt"].paper == PaperLevel.FULL,
                       args.timeout)
        say("纸已更换，补打刚才失败的凭条：")
        start = len(model.printed)
        again = printer.reprint(failed.id)
        _report(say, again)
        say("补打的取件凭条：\n" + _boxed(model.layout_text(start)))
        model.render_png(out / "paper.png")
        ok = job.ok and refused and again.ok
        say(f"演示结束。打印内容与图片：{out}（notification.png, paper.png, journal.txt）")
        return 0 if ok else 1
    except TimeoutError as exc:
        say(f"演示未按预期进行：{exc}")
        return 1
    except KeyboardInterrupt:
        say("已中断")
        return 130
    finally:
        if watch is not None:
            watch.stop()
        if player is not None:
            player.stop()
        if printer is not None:
            printer.close()
        sim.stop()


def _step(step: Step) -> str:
    words = {("paper", "out"): "凭条纸用完", ("paper", "full"): "更换新纸卷", ("paper", "near_end"): "凭条纸将尽",
             ("cover", "open"): "打开打印机盖", ("cover", "closed"): "关上打印机盖"}
    key = (step.event, str(step.params.get("value")))
    if key in words:
        return words[key]
    if step.event == "paper" and "lines" in step.params:
        return f"装入短纸卷（{step.params['lines']} 行）"
    return f"{step.event} {step.params}"


def _report(say: Callable[[str], None], job: PrintJob) -> None:
    if job.ok:
        extra = f"（{'；'.join(job.warnings)}）" if job.warnings else ""
        say(f"结果  {job.title} #{job.id} 已打印{extra}")
    else:
        say(f"结果  {job.title} #{job.id} 未打印：{job.reason}")


def _boxed(text: str) -> str:
    rule = "─" * 34
    body = "\n".join(f"│ {line}" for line in text.splitlines())
    return f"┌{rule}\n{body}\n└{rule}"
