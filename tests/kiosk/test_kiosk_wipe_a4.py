"""After a certificate is printed and the session ends, nothing of it is left on the terminal: not in
Python's objects (but the platform's own records), not on the screen, not in the terminal's files,
not in CUPS — no job in its history, no file in its spool, the holder in none of its files. Only the
paper (the simulated printer's output) has it."""

from __future__ import annotations

import gc
import random
import shutil
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from drivers.idcard.synthetic import CARDS, make_number
from kiosk.backend.demo import DATA_DIR, DemoBackend
from tests.kiosk.conftest import TODAY, make_app
from tests.kiosk.kioskharness import Citizen, spin, wait_for
from tests.kiosk.test_kiosk_wipe import _forms


def reachable(root: object) -> set[int]:
    """Ids of every object reachable from ``root`` (the platform's records are not the terminal's)."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        obj = stack.pop()
        if id(obj) in seen or isinstance(obj, type):
            continue
        seen.add(id(obj))
        stack.extend(gc.get_referents(obj))
    return seen


@pytest.fixture
def person(monkeypatch: Any, tmp_path: Path) -> Iterator[tuple[str, str, Path]]:
    rnd = random.Random()
    name = "样例" + "".join(rnd.choice("甲乙丙丁戊己庚辛壬癸子丑寅卯") for _ in range(3))
    birth = date(1970 + rnd.randrange(40), 1 + rnd.randrange(12), 1 + rnd.randrange(28))
    number = make_number("150602", birth, rnd.randrange(1000))
    monkeypatch.setitem(CARDS, "wipe-test", replace(CARDS["resident"], name=name, number=number, birth=birth))
    data = tmp_path / "data"
    data.mkdir()
    for f in DATA_DIR.iterdir():
        if f.name.endswith(".toml"):
            (data / f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
    with (data / "certificates.toml").open("a", encoding="utf-8") as fh:
        fh.write('\n[[social_insurance]]\nperson = "wipe-test"\nunit = "测试单位"\ntypes = ["职工基本养老保险"]\n'
                 'since = "2020年01月"\nmonths = 12\nstatus = "正常参保缴费"\n')
    yield name, number, data
    shutil.rmtree(data, ignore_errors=True)


def test_a_printed_certificate_leaves_nothing(qapp: Any, tmp_path: Path, person: tuple[str, str, Path],
                                               monkeypatch: Any) -> None:
    from kiosk.simrig import SimRig

    name, number, data = person
    (tmp_path / "rig").mkdir()
    rig = SimRig(workdir=tmp_path / "rig", today=TODAY, kiosk='tts_engine = "mock"\npoll_s = 0.3', camera=False,
                 locker=False, a4=True, a4_extra="poll_s = 0.1").start()
    rig.backend = DemoBackend(today=TODAY, data_dir=data)
    app = make_app(rig)
    app.start()
    try:
        c = Citizen(app)
        c.wait_page("home")
        rig.place_card("wipe-test")
        c.wait_text("您好，")
        c.tap("service_a4")
        c.tap("a4Certificates")
        c.tap("a4Cert_social_insurance")
        c.wait_text("打印完成，请在A4出纸口取走文件", 20)
        printed = rig.cups.printed("a4")
        assert len(printed) == 1  # on paper: the point of it
        c.tap("endButton")
        c.wait_page("home")
        wait_for(lambda: app.session.state.value == "idle", what="session over")
        rig.remove_card()
        monkeypatch.undo()
        app.engine.collectGarbage()
        gc.collect()
        needles = [name, number]
        forms = _forms(needles)
        exclude = reachable(rig.backend) | {id(needles), id(forms), id(person)}
        hits = []
        pdfs = []
        for obj in gc.get_objects():
            if id(obj) in exclude:
                continue
            for ref in gc.get_referents(obj):
                if isinstance(ref, bytes | bytearray) and ref[:5] == b"%PDF-" and id(ref) not in exclude:
                    pdfs.append(f"{type(obj).__name__} holds a PDF of {len(ref)} bytes")
                if isinstance(ref, str | bytes | bytearray) and id(ref) not in exclude:
                    for f in forms:
                        if type(f) is (str if isinstance(ref, str) else bytes) and f in ref:
                            hits.append(f"{type(obj).__name__} holds {f!r}")
        assert hits == [], hits
        assert pdfs == [], pdfs  # the document went to CUPS and nowhere else
        assert name not in c.screen_text()
        assert not any(n in repr(app.a4.flow.view()) for n in needles)
        # CUPS keeps nothing: no job, no spool file, the holder in none of its files (but the paper).
        wait_for(lambda: rig.cups.job_history() == {}, 10, "CUPS' history empty")
        assert rig.cups.spool_files() == []
        out = rig.cups.queues["a4"] / "out"
        for root in (Path(rig.dir), rig.cups.root):
            for f in root.rglob("*"):
                if f.is_file() and out not in f.parents and not f.is_socket():
                    blob = f.read_bytes()
                    assert not any(n.encode() in blob or n.encode("gb18030") in blob for n in needles), f
    finally:
        app.stop()
        spin(0.05)
        rig.stop()
    assert app.qml_warnings == [], app.qml_warnings
