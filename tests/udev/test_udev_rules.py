"""udev/99-zizhu.rules: valid syntax, and each rule names its own device and no other.

Checked with the matcher in udevrules.py against device property sets written down from
`udevadm info --attribute-walk` of the kinds of devices a terminal has — never the host's /dev,
never `udevadm test` (it runs the rules' side effects on the machine).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from udevrules import Device, RuleSyntaxError, apply, parse

from drivers.kinds import KINDS

RULES_FILE = Path(__file__).resolve().parents[2] / "udev" / "99-zizhu.rules"
RULES = parse(RULES_FILE.read_text(encoding="utf-8"))


def usb_device(vendor: str, product: str, serial: str | None, kernel: str = "1-1.2") -> Device:
    attr = {"idVendor": vendor, "idProduct": product, "bDeviceClass": "00"}
    if serial is not None:
        attr["serial"] = serial
    return Device(subsystem="usb", kernel=kernel, driver="usb", env={"DEVTYPE": "usb_device"}, attr=attr,
                  parents=[Device(subsystem="usb", kernel="usb1", driver="usb", attr={"idVendor": "1d6b"})])


def tty(vendor: str, product: str, serial: str | None, kernel: str = "ttyUSB0", driver: str = "cp210x") -> Device:
    usb = usb_device(vendor, product, serial)
    iface = Device(subsystem="usb", kernel="1-1.2:1.0", driver=driver, env={"DEVTYPE": "usb_interface"},
                   attr={"bInterfaceClass": "ff"}, parents=usb.chain())
    port = Device(subsystem="usb-serial", kernel=kernel, driver=driver, parents=iface.chain())
    return Device(subsystem="tty", kernel=kernel, attr={"dev": "188:0"}, parents=port.chain())


def video(vendor: str, product: str, serial: str | None, index: str = "0", kernel: str = "video0") -> Device:
    usb = usb_device(vendor, product, serial)
    iface = Device(subsystem="usb", kernel="1-1.2:1.0", driver="uvcvideo", env={"DEVTYPE": "usb_interface"},
                   attr={"bInterfaceClass": "0e"}, parents=usb.chain())
    return Device(subsystem="video4linux", kernel=kernel, attr={"index": index, "name": "USB Camera"},
                  parents=iface.chain())


PRINTER = usb_device("0fe6", "811e", "ZZPRN0001")
IDCARD = tty("10c4", "ea60", "ZZIDC0001")
LOCKER = tty("0403", "6001", "ZZLCK0001", kernel="ttyUSB1", driver="ftdi_sio")
CAMERA = video("0c45", "6366", "ZZCAM0001")

EXPECTED = {"printer": PRINTER, "idcard": IDCARD, "locker": LOCKER, "camera": CAMERA}

# Devices that must get no zizhu name: same model with another serial, no serial, the camera's
# metadata node, the printer's interface, a CP2102 tty whose usb_device carries another serial
# while an unrelated hub carries ours, other kinds of device, and removals.
_split_chain = tty("10c4", "ea60", "OTHER")
_split_chain.parents[-1].attr.update({"serial": "ZZIDC0001"})  # the root hub, not the bridge
DECOYS = {
    "spare CP2102 with another serial": tty("10c4", "ea60", "0001", kernel="ttyUSB2"),
    "CP2102 without a serial": tty("10c4", "ea60", None, kernel="ttyUSB3"),
    "spare FTDI RS-485 dongle": tty("0403", "6001", "A50285BI", kernel="ttyUSB4", driver="ftdi_sio"),
    "locker serial on an idcard bridge model": tty("10c4", "ea60", "ZZLCK0001", kernel="ttyUSB5"),
    "printer model with another serial": usb_device("0fe6", "811e", "XP-58-2"),
    "printer's usb_interface": Device(subsystem="usb", kernel="1-1.2:1.0", driver="usblp",
                                      env={"DEVTYPE": "usb_interface"}, parents=PRINTER.chain()),
    "printer's usblp node": Device(subsystem="usbmisc", kernel="lp0", parents=PRINTER.chain()),
    "camera metadata node": video("0c45", "6366", "ZZCAM0001", index="1", kernel="video1"),
    "second camera of the same model": video("0c45", "6366", "SN0002", kernel="video2"),
    "laptop webcam": video("04f2", "b6dd", "0001", kernel="video3"),
    "ids split over two devices": _split_chain,
    "USB stick": Device(subsystem="block", kernel="sda", env={"DEVTYPE": "disk"},
                        parents=usb_device("0781", "5567", "4C530001").chain()),
    "built-in serial port": Device(subsystem="tty", kernel="ttyS0", driver="serial8250"),
}


def _zizhu_links(dev: Device) -> list[str]:
    return [s for s in apply(RULES, dev).symlinks if s.startswith("zizhu/")]


@pytest.mark.parametrize("name", list(EXPECTED))
def test_each_device_gets_its_stable_name_and_kiosk_access(name: str) -> None:
    res = apply(RULES, EXPECTED[name])
    assert res.symlinks == [f"zizhu/{name}"]
    assert res.group == "zizhu"
    assert res.mode == "0660"  # the kiosk user's group may read and write; nobody else
    assert len(res.rules) == 1


@pytest.mark.parametrize("decoy", list(DECOYS))
def test_no_other_device_gets_a_zizhu_name(decoy: str) -> None:
    res = apply(RULES, DECOYS[decoy])
    assert _zizhu_links(DECOYS[decoy]) == []
    assert res.group is None and res.mode is None


def test_removal_events_are_skipped() -> None:
    gone = tty("10c4", "ea60", "ZZIDC0001")
    gone.action = "remove"
    assert apply(RULES, gone).symlinks == []


def test_every_driver_kind_has_exactly_one_rule() -> None:
    named = [p.value for r in RULES for p in r.assigns() if p.key == "SYMLINK"]
    assert sorted(named) == sorted(f"zizhu/{k.name}" for k in KINDS if k.udev)
    assert [k.name for k in KINDS if not k.udev] == ["a4printer"]  # CUPS's device, named by its queue
    for rule in RULES:
        if any(p.key == "SYMLINK" for p in rule.pairs):
            keys = {(p.key, p.name) for p in rule.matches()}
            # vendor, product and serial: a second adapter of the same model gets no name
            assert {("ATTRS", "idVendor"), ("ATTRS", "idProduct"), ("ATTRS", "serial")} <= keys


@pytest.mark.parametrize(("text", "error"), [
    ('SUBSYSTEM=="tty", SYMLINK+="zizhu/x", GROUP="zizhu", MODE="0660"\nBOGUS=="1"', "unknown key BOGUS"),
    ('SUBSYSTEM="tty"', "can only be matched"),
    ('SYMLINK=="zizhu/x"', "is assigned, not matched"),
    ('ATTRS=="x"', "needs {name}"),
    ('SUBSYSTEM=="tty", MODE="rw"', "not an octal mode"),
    ('SUBSYSTEM=="tty", SYMLINK+="/dev/zizhu/x"', "relative to /dev"),
    ('SUBSYSTEM=="tty" SYMLINK+="x"', "cannot parse"),
    ('SUBSYSTEM=="tty,, MODE="0660"', "unbalanced quote"),
    ('SUBSYSTEM=="tty",, MODE="0660"', "stray comma"),
    ('ACTION=="remove", GOTO="nowhere"', "has no LABEL"),
])
def test_the_checker_rejects_bad_syntax(text: str, error: str) -> None:
    with pytest.raises(RuleSyntaxError, match=error):
        parse(text)


def test_matcher_follows_udev_semantics_for_globs_and_not_equal() -> None:
    rules = parse('SUBSYSTEM=="tty", KERNEL=="ttyUSB[0-9]|ttyACM*", KERNEL!="ttyUSB9", ATTRS{serial}=="OK*", '
                  'SYMLINK+="x"')
    assert apply(rules, tty("1", "2", "OK1")).symlinks == ["x"]
    assert apply(rules, tty("1", "2", "NOT")).symlinks == []
    assert apply(rules, tty("1", "2", "OK1", kernel="ttyACM3")).symlinks == ["x"]
    assert apply(rules, tty("1", "2", "OK1", kernel="ttyUSB9")).symlinks == []
    assert apply(rules, tty("1", "2", "OK1", kernel="ttyS1")).symlinks == []
