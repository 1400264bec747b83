"""The production driver, unchanged, against the simulator over real TCP and a real pseudo-terminal."""

from __future__ import annotations

import socket
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from drivers.base import (
    DeviceHardwareError,
    DeviceOffline,
    DeviceProtocolError,
    DeviceTimeout,
    driver_class,
    make_device,
)
from drivers.printer.driver import ReceiptPrinter
from drivers.printer.jobs import JobState
from drivers.printer.simmodel import PrinterModel
from drivers.printer.simserver import PrinterSimulator
from drivers.printer.slips import CUT_MARK, TemplateError
from wire.status import DeviceState, PaperLevel, replace, status_from_json, status_to_json
from zizhu.broker import free_port

# the rig, tcp_rig, slip_data and wait_until fixtures are in conftest.py


def test_registered_in_the_driver_registry() -> None:
    assert driver_class("printer") is ReceiptPrinter


def test_chinese_slip_comes_back_as_the_same_text(rig: Any, slip_data: dict[str, Any]) -> None:
    with make_device("printer", rig.config()) as printer:
        assert isinstance(printer, ReceiptPrinter)
        job = printer.print_slip("notification", slip_data)
        assert job.ok, job.reason
        rendered = printer.render("notification", slip_data)
    slips = rig.model.slips()
    assert len(slips) == 1
    assert slips[0] == rendered.text.split(CUT_MARK)[0].strip("\n")
    text = slips[0]
    for expected in ("一次性告知书", "鄂尔多斯市东胜区政务服务中心", "城乡居民基本医疗保险参", "【申请材料】",
                     "【需补正材料】", "1. 户口簿复印件：缺少户主页", "工本费：￥0.00", "咨询电话：0477-8581234",
                     "[QR] https://zwfw.example.gov.cn/guide/150602-0042"):
        assert expected in text, expected
    assert "张**" in text and "张三丰" not in text  # the applicant's name is masked on the slip
    assert "¥" not in text and "?" not in text


def test_every_template_prints(tcp_rig: Any) -> None:
    data = {
        "progress": {"hall_name": "东胜区政务服务中心", "case_no": "DS-1", "matter": "营业执照变更",
                     "applicant": "李四", "current_status": "审核中",
                     "steps": [{"time": "11-20 09:12", "step": "受理", "result": "通过"},
                               {"time": "11-21 15:40", "step": "审核", "result": "进行中"}],
                     "expected_date": "2026年11月25日", "progress_url": "https://zwfw.example.gov.cn/p/DS-1",
                     "printed_at": "2026-11-22 06:00"},
        "locker_pickup": {"hall_name": "东胜区政务服务中心", "locker": "A", "slot": "07", "item": "营业执照（正本）",
                          "case_no": "DS-1", "applicant": "李四", "picked_up_at": "2026-11-22 02:13",
                          "hall_phone": "0477-8581234"},
    }
    with tcp_rig.printer() as printer:
        for name, values in data.items():
            job = printer.print_slip(name, values)
            assert job.ok, (name, job.reason)
        result = printer.self_test()
    assert result.ok, result.summary
    slips = tcp_rig.model.slips()
    assert [s.splitlines()[0] for s in slips] == ["办件进度凭条", "取件凭条", "打印机测试页"]
    assert "A号柜 07号格口" in slips[1]
    assert "全角标点：，。、：；？！（）《》" in slips[2]
    assert "金额符号：￥12.00 → ￥12.00" in slips[2]


def test_template_errors_are_raised_before_anything_is_sent(tcp_rig: Any, slip_data: dict[str, Any]) -> None:
    del slip_data["matter"]
    with tcp_rig.printer() as printer:
        with pytest.raises(TemplateError, match="matter"):
            printer.print_slip("notification", slip_data)
        with pytest.raises(TemplateError, match="no slip template"):
            printer.print_slip("nonexistent", slip_data)
    assert tcp_rig.model.printed == []


def _set(model: PrinterModel, **events: Any) -> None:
    for event, value in events.items():
        model.apply_event(event, {"value": value})


@pytest.mark.parametrize(("events", "state", "paper", "faults", "fields"), [
    ({}, DeviceState.ONLINE, PaperLevel.FULL, [], {}),
    ({"paper": "near_end"}, DeviceState.ONLINE, PaperLevel.LOW, ["printer.receipt.paper_near_end"], {}),
    ({"paper": "out"}, DeviceState.USER_ERROR, PaperLevel.OUT, ["printer.receipt.paper_out"], {}),
    ({"cover": "open"}, DeviceState.USER_ERROR, PaperLevel.FULL, ["printer.cover_open"], {"cover_open": True}),
    ({"error": "unrecoverable"}, DeviceState.HARDWARE_ERROR, PaperLevel.FULL, ["printer.unrecoverable_error"],
     {"unrecoverable_error": True}),
    ({"error": "recoverable"}, DeviceState.BUSY, PaperLevel.FULL, [], {"recoverable_error": True}),
    ({"offline": True}, DeviceState.OFFLINE, PaperLevel.FULL, ["printer.offline"], {}),
    ({"cover": "open", "paper": "out"}, DeviceState.USER_ERROR, PaperLevel.OUT,
     ["printer.cover_open", "printer.receipt.paper_out"], {"cover_open": True}),
])
def test_each_status_condition_reaches_the_status_model(  # noqa: PLR0917 (pytest parameters)
        rig: Any, events: dict[str, Any], state: DeviceState, paper: PaperLevel, faults: list[str],
        fields: dict[str, bool]) -> None:
    _set(rig.model, **events)
    with rig.printer() as printer:
        st = printer.status()
    assert st.state == state, st.reason
    assert st.stations["receipt"].paper == paper
    assert st.faults() == faults
    for name, value in fields.items():
        assert getattr(st, name) is value
    assert (st.reason == "") == (state == DeviceState.ONLINE and paper == PaperLevel.FULL)
    assert status_from_json(status_to_json(st)) == st


def test_cutter_jam_fails_the_job_and_shows_in_status(rig: Any, slip_data: dict[str, Any]) -> None:
    _set(rig.model, cutter="jam")
    with rig.printer() as printer:
        job = printer.print_slip("notification", slip_data)
        assert job.state == JobState.FAILED
        assert isinstance(job.error, DeviceHardwareError)
        assert "切纸刀" in job.reason
        st = printer.status()
        assert st.state == DeviceState.HARDWARE_ERROR and st.cutter_error
        assert st.faults() == ["printer.cutter_error"]
        _set(rig.model, cutter="ok")
        assert printer.status().state == DeviceState.ONLINE


def test_paper_runs_out_in_the_middle_of_a_job_and_the_job_is_reprinted(
        rig: Any, slip_data: dict[str, Any]) -> None:
    rig.model.apply_event("paper", {"lines": 20, "near_end_lines": 10})
    with rig.printer() as printer:
        t0 = time.monotonic()
        job = printer.print_slip("notification", slip_data)
        elapsed = time.monotonic() - t0
        assert job.state == JobState.FAILED and isinstance(job.error, DeviceHardwareError)
        assert job.reason.startswith("打印中断：凭条纸用完")
        assert elapsed < printer.config.timeout_s  # failed on the fault, not at the timeout
        assert rig.model.slips() == []  # no cut: the slip is incomplete
        st = printer.status()
        assert st.stations["receipt"].paper == PaperLevel.OUT
        # the rest of the job was cleared from the printer (DLE ENQ 2): refilling does not print half a slip
        printed_before_refill = len(rig.model.printed)
        _set(rig.model, paper="full")
        assert len(rig.model.printed) == printed_before_refill
        assert printer.jobs.failed() == [job]
        again = printer.reprint(job.id)
        assert again is job and job.ok and job.attempts == 2
    assert len(rig.model.slips()) == 1
    assert rig.model.slips()[0].startswith("一次性告知书")


def test_cover_opened_in_the_middle_of_a_job(rig: Any, slip_data: dict[str, Any]) -> None:
    rig.model.apply_event("cover", {"value": "open", "after_lines": 12})
    with rig.printer() as printer:
        job = printer.print_slip("notification", slip_data)
        assert job.state == JobState.FAILED
        assert job.reason == "打印中断：打印机盖未关好"
        assert printer.status().cover_open is True


def test_a_fault_before_the_job_sends_nothing(rig: Any, slip_data: dict[str, Any]) -> None:
    _set(rig.model, paper="out")
    with rig.printer() as printer:
        job = printer.print_slip("notification", slip_data)
    assert job.reason == "凭条纸用完，请联系工作人员更换"
    assert rig.model.printed == []


def test_offline_printer_fails_the_job_as_offline(rig: Any, slip_data: dict[str, Any]) -> None:
    _set(rig.model, offline=True)
    with rig.printer() as printer:
        job = printer.print_slip("notification", slip_data)
    assert isinstance(job.error, DeviceOffline)
    assert job.reason == "打印机脱机"


def test_near_end_is_a_warning_on_a_printed_job(rig: Any, slip_data: dict[str, Any]) -> None:
    rig.model.apply_event("paper", {"lines": 150, "near_end_lines": 200})
    with rig.printer() as printer:
        job = printer.print_slip("notification", slip_data)
    assert job.ok
    assert job.warnings == ["凭条纸将尽"]


def test_garbage_status_reply(rig: Any, slip_data: dict[str, Any]) -> None:
    _set(rig.model, reply="garbage")
    with rig.printer() as printer:
        st = printer.status()
        assert st.state == DeviceState.OFFLINE
        assert "乱码" in st.reason
        assert st.faults() == ["printer.offline"]
        job = printer.print_slip("notification", slip_data)
        assert isinstance(job.error, DeviceProtocolError)
        _set(rig.model, reply="normal")
        assert printer.status().state == DeviceState.ONLINE  # recovers without reopening


def test_empty_status_reply_is_not_paper_ok(tcp_rig: Any) -> None:
    # The printer closes the connection instead of answering: python-escpos 3.1 would say "paper OK".
    _set(tcp_rig.model, reply="drop")
    with tcp_rig.printer() as printer:
        st = printer.status()
        assert st.state == DeviceState.OFFLINE
        assert st.stations["receipt"].paper == PaperLevel.UNKNOWN
        assert "断开" in st.reason
        _set(tcp_rig.model, reply="normal")
        assert printer.status().state == DeviceState.ONLINE  # reconnects by itself


@pytest.mark.parametrize("status_timeout", [0.5, 1.5])
def test_silent_printer_status_returns_at_its_timeout(rig: Any, status_timeout: float) -> None:
    _set(rig.model, reply="silent")
    with rig.printer(status_timeout_s=status_timeout) as printer:
        t0 = time.monotonic()
        st = printer.status()
        elapsed = time.monotonic() - t0
    assert st.state == DeviceState.OFFLINE
    assert st.reason == "打印机无应答"
    assert status_timeout * 0.8 <= elapsed <= status_timeout + 1.0


def test_silent_printer_job_fails_at_its_timeout_and_is_kept(rig: Any, slip_data: dict[str, Any]) -> None:
    _set(rig.model, reply="silent")
    with rig.printer(timeout_s=1.0) as printer:
        t0 = time.monotonic()
        job = printer.print_slip("notification", slip_data)
        elapsed = time.monotonic() - t0
        assert isinstance(job.error, DeviceTimeout)
        assert 0.8 <= elapsed <= 2.0
        assert printer.jobs.get(job.id) is job
        _set(rig.model, reply="normal")
        assert printer.reprint(job.id).ok


def test_a_job_waits_no_longer_than_its_timeout_even_behind_another(rig: Any, slip_data: dict[str, Any]) -> None:
    _set(rig.model, reply="silent")
    with rig.printer(timeout_s=1.0) as printer:
        first = printer.submit(printer.render("notification", slip_data))
        t0 = time.monotonic()
        second = printer.print_slip("notification", slip_data, timeout=0.5)
        assert time.monotonic() - t0 <= 1.5
        assert isinstance(second.error, DeviceTimeout)
        assert first.wait(5.0) and isinstance(first.error, DeviceTimeout)


def test_connection_refused(slip_data: dict[str, Any]) -> None:
    from drivers.printer.config import PrinterConfig

    cfg = PrinterConfig.from_data({"connection": {"connector": "network", "host": "127.0.0.1",
                                                       "port": free_port()}, "timeout_s": 2})
    printer = ReceiptPrinter(cfg)
    with pytest.raises(DeviceOffline) as exc:
        printer.open()
    assert "拒绝连接" in exc.value.reason
    st = printer.status()
    assert st.state == DeviceState.OFFLINE and "拒绝连接" in st.reason
    assert st.faults() == ["printer.offline"]
    job = printer.print_slip("notification", slip_data)
    assert isinstance(job.error, DeviceOffline)
    printer.close()


def test_missing_serial_device_is_no_device(tmp_path: Path) -> None:
    from drivers.printer.config import PrinterConfig

    cfg = PrinterConfig.from_data({"connection": {"connector": "serial", "device": str(tmp_path / "ttyX")}})
    printer = ReceiptPrinter(cfg)
    with pytest.raises(DeviceOffline, match="no such serial device"):
        printer.open()
    st = printer.status()
    assert st.state == DeviceState.NO_DEVICE
    assert st.faults() == ["printer.missing"]
    printer.close()


def test_connection_reset_then_reconnect(tcp_rig: Any, slip_data: dict[str, Any]) -> None:
    with tcp_rig.printer() as printer:
        assert printer.status().state == DeviceState.ONLINE
        tcp_rig.model.apply_event("disconnect", {})
        st = printer.status()
        assert st.state == DeviceState.OFFLINE
        assert st.reason in ("与打印机的连接被重置", "打印机断开了连接")
        assert printer.status().state == DeviceState.ONLINE
        assert printer.print_slip("notification", slip_data).ok
        assert tcp_rig.sim.connections == 2


def test_power_off_and_on(tcp_rig: Any, slip_data: dict[str, Any]) -> None:
    with tcp_rig.printer() as printer:
        tcp_rig.model.apply_event("power", {"value": "off"})
        st = printer.status()
        assert st.state == DeviceState.OFFLINE
        job = printer.print_slip("notification", slip_data)
        assert isinstance(job.error, DeviceOffline)
        tcp_rig.model.apply_event("power", {"value": "on"})
        assert printer.status().state == DeviceState.ONLINE
        assert printer.reprint(job.id).ok


def test_electronic_journal_file(tcp_rig: Any, slip_data: dict[str, Any], tmp_path: Path) -> None:
    journal = tmp_path / "journal" / "journal.txt"
    with tcp_rig.printer(journal={"kind": "file", "path": str(journal)}) as printer:
        ok = printer.print_slip("notification", slip_data)
        _set(tcp_rig.model, paper="out")
        failed = printer.print_slip("notification", slip_data)
        st = printer.status()
    lines = journal.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2
    assert f"#{ok.id} 第1次 已打印" in lines[0] and "一次性告知书" in lines[0]
    assert f"#{failed.id} 第1次 未打印（凭条纸用完" in lines[1]
    assert "张" not in "".join(lines)  # no personal data in the journal
    assert st.stations["journal"] == replace(st.stations["journal"], online=True)


def test_unwritable_journal_file_is_a_journal_fault(tcp_rig: Any, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x")
    with tcp_rig.printer(journal={"kind": "file", "path": str(blocker / "journal.txt")}) as printer:
        st = printer.status()
    assert st.state == DeviceState.ONLINE  # citizens can still get their slips
    assert st.stations["journal"].online is False
    assert st.faults() == ["printer.journal.offline"]


def test_journal_on_a_second_printer(tcp_rig: Any, slip_data: dict[str, Any], wait_until: Callable[..., Any]) -> None:
    with PrinterSimulator(PrinterModel()) as journal_sim:
        journal_cfg = {"kind": "printer",
                       "connection": {"connector": "network", "host": "127.0.0.1", "port": journal_sim.port}}
        with tcp_rig.printer(journal=journal_cfg) as printer:
            job = printer.print_slip("notification", slip_data)
            assert job.ok
            wait_until(journal_sim.model.printed_lines, what="the journal record")
            assert f"#{job.id}" in journal_sim.model.printed_text().replace("\n", "")
            assert printer.status().stations["journal"].paper == PaperLevel.FULL
            _set(journal_sim.model, paper="near_end")
            st = printer.status()
            assert st.stations["journal"].paper == PaperLevel.LOW
            assert "printer.journal.paper_near_end" in st.faults()
            _set(journal_sim.model, paper="out")
            st = printer.status()
            assert st.stations["journal"].paper == PaperLevel.OUT and st.stations["journal"].online is False
            assert st.faults() == ["printer.journal.offline", "printer.journal.paper_out"]
            assert st.state == DeviceState.ONLINE
            assert "流水" in st.reason


def test_job_store_survives_a_restart(tcp_rig: Any, slip_data: dict[str, Any], tmp_path: Path) -> None:
    _set(tcp_rig.model, paper="out")
    with tcp_rig.printer(job_dir=str(tmp_path / "jobs")) as printer:
        job = printer.print_slip("notification", slip_data)
        assert not job.ok
    _set(tcp_rig.model, paper="full")
    with tcp_rig.printer(job_dir=str(tmp_path / "jobs")) as printer:
        kept = printer.jobs.get(job.id)
        assert kept is not None and kept.state == JobState.FAILED
        assert kept.reason == job.reason and kept.payload == job.payload
        assert printer.reprint(job.id).ok
    assert tcp_rig.model.slips()[0].startswith("一次性告知书")


def test_store_drops_printed_jobs_first_and_logs_a_dropped_unprinted_one(
        tcp_rig: Any, slip_data: dict[str, Any], caplog: pytest.LogCaptureFixture) -> None:
    with tcp_rig.printer(keep_jobs=2) as printer:
        _set(tcp_rig.model, paper="out")
        failed = printer.print_slip("notification", slip_data)
        _set(tcp_rig.model, paper="full")
        printer.print_slip("notification", slip_data)
        printer.print_slip("notification", slip_data)
        assert failed in printer.jobs.jobs()  # printed ones went first
        _set(tcp_rig.model, paper="out")
        printer.print_slip("notification", slip_data)
        printer.print_slip("notification", slip_data)
    assert failed not in printer.jobs.jobs()
    assert any("dropped from the store without being printed" in r.getMessage() for r in caplog.records)


def test_close_fails_queued_jobs_instead_of_losing_them(rig: Any, slip_data: dict[str, Any]) -> None:
    _set(rig.model, reply="silent")
    printer = rig.printer(timeout_s=5.0)
    printer.open()
    first = printer.submit(printer.render("notification", slip_data))
    second = printer.submit(printer.render("notification", slip_data))
    printer.close()
    assert second.wait(1.0)
    assert isinstance(second.error, DeviceOffline)
    assert first.wait(6.0) and not first.ok


def test_status_during_a_job_does_not_wait_for_it(rig: Any, slip_data: dict[str, Any],
                                                  wait_until: Callable[..., Any]) -> None:
    _set(rig.model, reply="silent")
    with rig.printer(timeout_s=1.5, status_timeout_s=0.5) as printer:
        job = printer.submit(printer.render("notification", slip_data))
        wait_until(lambda: job.state == JobState.PRINTING, what="the job on the printer")
        t0 = time.monotonic()
        st = printer.status()
        assert time.monotonic() - t0 <= 0.5
        assert (st.state, st.reason, st.stations["receipt"].paper) == (DeviceState.BUSY, "正在打印",
                                                                       PaperLevel.UNKNOWN)
        assert st.faults() == []
        assert job.wait(5.0) and isinstance(job.error, DeviceTimeout)


def test_status_during_a_job_reports_what_was_last_seen(tcp_rig: Any, slip_data: dict[str, Any],
                                                        wait_until: Callable[..., Any]) -> None:
    _set(tcp_rig.model, paper="near_end")
    with tcp_rig.printer(timeout_s=1.0) as printer:
        assert printer.status().stations["receipt"].paper == PaperLevel.LOW
        _set(tcp_rig.model, reply="silent")
        job = printer.submit(printer.render("notification", slip_data))
        wait_until(lambda: job.state == JobState.PRINTING, what="the job on the printer")
        st = printer.status()
        assert (st.state, st.stations["receipt"].paper) == (DeviceState.BUSY, PaperLevel.LOW)
        assert st.faults() == ["printer.receipt.paper_near_end"]
        job.wait(5.0)


def test_usb_printer_not_plugged_in_is_no_device() -> None:
    from drivers.printer.config import PrinterConfig

    cfg = PrinterConfig.from_data({"connection": {"connector": "usb", "vendor_id": 0x0FE6,
                                                       "product_id": 0x811E}, "status_timeout_s": 5})
    printer = ReceiptPrinter(cfg)
    with pytest.raises(DeviceOffline) as exc:
        printer.open()
    assert "找不到USB打印机（usb:0fe6:811e）" in exc.value.reason
    st = printer.status()
    assert st.state == DeviceState.NO_DEVICE and st.faults() == ["printer.missing"]
    printer.close()


def test_raw_socket_peer_that_accepts_and_never_reads(slip_data: dict[str, Any]) -> None:
    """A peer that is not a printer at all: accepts, never answers. Returns at the timeout."""
    from drivers.printer.config import PrinterConfig

    with socket.socket() as srv:
        srv.bind(("127.0.0.1", 0))
        srv.listen(1)
        cfg = PrinterConfig.from_data({"connection": {"connector": "network", "host": "127.0.0.1",
                                                           "port": srv.getsockname()[1]},
                                            "timeout_s": 1.0, "status_timeout_s": 0.5})
        with ReceiptPrinter(cfg) as printer:
            t0 = time.monotonic()
            assert printer.status().reason == "打印机无应答"
            job = printer.print_slip("notification", slip_data)
            assert isinstance(job.error, DeviceTimeout)
            assert time.monotonic() - t0 <= 3.0


def test_unusable_job_directory_keeps_jobs_in_memory(tcp_rig: Any, slip_data: dict[str, Any], tmp_path: Path,
                                                     caplog: pytest.LogCaptureFixture) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with tcp_rig.printer(job_dir=str(blocker / "jobs")) as printer:
        job = printer.print_slip("notification", slip_data)
        assert job.ok and printer.jobs.get(job.id) is job
    assert any("kept in memory only" in r.getMessage() for r in caplog.records)
