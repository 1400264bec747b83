"""The kiosk's languages: Chinese (the source), traditional Mongolian and English through Qt's i18n.

Every visible string of the QML is a source string in Chinese in the context ``Zizhu``
(``qsTranslate("Zizhu", …)``); the translations are Qt Linguist files ``kiosk/i18n/zizhu_mn.ts``
and ``zizhu_en.ts``, edited as text (Qt Linguist or any editor) and compiled to ``.qm`` with
``pyside6-lrelease`` by the set-up (``scripts/bootstrap.sh``) — or here, at start, when a ``.qm``
is missing or older than its ``.ts`` (a wheel ships the compiled ones). Never edit a ``.qm``.

``python -m kiosk.i18n update`` runs ``pyside6-lupdate`` over the QML to add new source strings
to both files; ``python -m kiosk.i18n compile`` compiles them. The Mongolian lines of the printed
slips (the ``mongolian`` blocks of drivers/printer/templates/*.toml, docs/mongolian-slips.md) are
source strings of the same context: :func:`update` hands them to lupdate too, and the kiosk looks
them up in the translator the screen uses (:func:`slip_translations`).
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

log = logging.getLogger("zizhu.kiosk.i18n")

I18N_DIR = Path(__file__).with_name("i18n")
QML_DIR = Path(__file__).with_name("qml")
LANGUAGES = ("zh", "mn", "en")  # zh is the source language: no file
CONTEXT = "Zizhu"


def _tool(name: str) -> str:
    here = Path(sys.executable).with_name(name)
    if here.exists():
        return str(here)
    found = shutil.which(name)
    if found is None:
        raise FileNotFoundError(f"{name} not found (it comes with the PySide6 wheels)")
    return found


def ts_file(language: str) -> Path:
    return I18N_DIR / f"zizhu_{language}.ts"


def qm_file(language: str) -> Path:
    """The compiled translation, compiled now if missing or stale."""
    ts = ts_file(language)
    qm = ts.with_suffix(".qm")
    if qm.exists() and (not ts.exists() or qm.stat().st_mtime >= ts.stat().st_mtime):
        return qm
    if not ts.exists():
        raise FileNotFoundError(f"no translation for {language!r}: {ts}")
    target = qm if os.access(qm.parent, os.W_OK) else Path(tempfile.gettempdir()) / "zizhu-i18n" / qm.name
    target.parent.mkdir(parents=True, exist_ok=True)
    compile_ts(ts, target)
    return target


def compile_ts(ts: Path, qm: Path) -> None:
    proc = subprocess.run([_tool("pyside6-lrelease"), str(ts), "-qm", str(qm)], capture_output=True, text=True,
                          timeout=60)
    if proc.returncode != 0 or not qm.exists():
        raise RuntimeError(f"pyside6-lrelease failed on {ts}: {proc.stdout}{proc.stderr}")


def compile_all() -> list[Path]:
    out = []
    for lang in LANGUAGES[1:]:
        ts = ts_file(lang)
        compile_ts(ts, ts.with_suffix(".qm"))
        out.append(ts.with_suffix(".qm"))
    return out


def slip_sources() -> list[str]:
    """The source strings of every slip template's Mongolian lines."""
    from drivers.printer import slips

    return list(dict.fromkeys(s for name in slips.template_names() for s in slips.translatable(name)))


def slip_translations(template: str, translate: Callable[[str, str], str | None]) -> dict[str, str]:
    """The translations of ``template``'s Mongolian lines through ``translate(context, source)``
    (``QTranslator.translate``); a string the file does not translate is left out."""
    from drivers.printer import slips

    found = {source: translate(CONTEXT, source) for source in slips.translatable(template)}
    return {k: v for k, v in found.items() if v}


def update() -> None:
    qml = sorted(str(p) for p in QML_DIR.rglob("*.qml"))
    with tempfile.TemporaryDirectory() as tmp:
        # The slips' strings as a script lupdate reads, so they are kept and not marked vanished.
        js = Path(tmp) / "slips.js"
        js.write_text("".join(f"qsTranslate({json.dumps(CONTEXT)}, {json.dumps(s, ensure_ascii=False)});\n"
                              for s in slip_sources()), encoding="utf-8")
        for lang in LANGUAGES[1:]:
            subprocess.run([_tool("pyside6-lupdate"), *qml, str(js), "-source-language", "zh_CN",
                            "-target-language", {"mn": "mn_Mong_CN", "en": "en_US"}[lang], "-locations", "none",
                            "-ts", str(ts_file(lang))], check=True, timeout=120)


def main(argv: list[str]) -> int:
    if argv[:1] == ["update"]:
        update()
        return 0
    if argv[:1] == ["compile"]:
        for qm in compile_all():
            print(qm)
        return 0
    print("usage: python -m kiosk.i18n update|compile", file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
