"""The kiosk's translations (kiosk/i18n/zizhu_en.ts, zizhu_mn.ts): complete, placeholders kept, the right
script in each, every source string of the QML present, and compiled by lrelease into .qm files Qt loads."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest

from kiosk import i18n

LANGS = ("en", "mn")
# QT_TRANSLATE_NOOP("Zizhu", "…") and qsTranslate("Zizhu", "…") with a literal (qsTranslate("Zizhu", src) is not one)
LITERAL = re.compile(r'\b(?:QT_TRANSLATE_NOOP|qsTranslate)\(\s*"Zizhu"\s*,\s*"((?:[^"\\]|\\.)*)"')
PLACEHOLDER = re.compile(r"%\d+")
CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]")
MONGOLIAN = re.compile(r"[\u1800-\u18af]")


def messages(lang: str) -> list[ET.Element]:
    """The live messages of the file (lupdate keeps removed ones as vanished/obsolete: not shown, not checked)."""
    root = ET.parse(i18n.ts_file(lang)).getroot()
    out = []
    for context in root.iter("context"):
        assert context.findtext("name") == i18n.CONTEXT
        for message in context.iter("message"):
            translation = message.find("translation")
            kind = None if translation is None else translation.get("type")
            if kind not in ("vanished", "obsolete"):
                out.append(message)
    return out


def pairs(lang: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for message in messages(lang):
        source = message.findtext("source") or ""
        assert source not in out, f"{lang}: {source!r} twice"
        out[source] = message.findtext("translation") or ""
    return out


def qml_literals() -> set[str]:
    found = set()
    for qml in sorted(i18n.QML_DIR.rglob("*.qml")):
        for m in LITERAL.finditer(qml.read_text(encoding="utf-8")):
            found.add(json.loads(f'"{m.group(1)}"'))
    return found


@pytest.mark.parametrize("lang", LANGS)
def test_every_message_is_translated(lang: str) -> None:
    bad = []
    for message in messages(lang):
        translation = message.find("translation")
        source = message.findtext("source")
        if translation is None or not (translation.text or "").strip():
            bad.append(f"{source!r}: empty")
        elif translation.get("type") == "unfinished":
            bad.append(f"{source!r}: unfinished")
    assert not bad, f"{i18n.ts_file(lang).name}:\n" + "\n".join(bad)


@pytest.mark.parametrize("lang", LANGS)
def test_placeholders_are_kept(lang: str) -> None:
    bad = [f"{s!r} → {t!r}" for s, t in pairs(lang).items()
           if Counter(PLACEHOLDER.findall(s)) != Counter(PLACEHOLDER.findall(t))]
    assert not bad, f"{lang}: %N differs:\n" + "\n".join(bad)


def test_english_has_no_chinese() -> None:
    bad = [f"{s!r} → {t!r}" for s, t in pairs("en").items() if CJK.search(t)]
    assert not bad, "\n".join(bad)


def test_mongolian_is_in_the_traditional_script() -> None:
    bad = []
    for source, translation in pairs("mn").items():
        if CJK.search(translation):
            bad.append(f"{source!r} → {translation!r}: Chinese characters")
        # digits, punctuation or Latin only in the source: nothing to put in Mongolian
        if CJK.search(source) and not MONGOLIAN.search(translation):
            bad.append(f"{source!r} → {translation!r}: no character of U+1800–U+18AF (Cyrillic is not it)")
    assert not bad, "\n".join(bad)


def test_every_qml_string_has_a_message_in_both_files() -> None:
    literals = qml_literals()
    assert len(literals) > 100  # the regex still finds the QML's strings
    for lang in LANGS:
        missing = sorted(literals - pairs(lang).keys())
        assert not missing, f"{lang}: not in the .ts (run python -m kiosk.i18n update, then translate):\n" + \
            "\n".join(missing)


def test_lrelease_makes_qm_files_qt_loads(tmp_path: Path) -> None:
    from PySide6.QtCore import QTranslator

    mn = pairs("mn")
    for lang in LANGS:
        qm = tmp_path / f"zizhu_{lang}.qm"
        i18n.compile_ts(i18n.ts_file(lang), qm)
        translator = QTranslator()
        assert translator.load(str(qm)), qm
        shown = translator.translate("Zizhu", "办事指南")
        if lang == "en":
            assert shown == "Service guide"
        else:
            assert shown == mn["办事指南"]
            assert MONGOLIAN.search(shown)
        assert translator.translate("Zizhu", "办件编号：%1").count("%1") == 1


def test_every_slip_mongolian_line_has_a_message_in_both_files() -> None:
    """The slips' Mongolian lines (drivers/printer/templates, docs/mongolian-slips.md) are source strings
    of the same context: python -m kiosk.i18n update hands them to lupdate, and they are translated."""
    sources = set(i18n.slip_sources())
    assert {"一次性告知书", "设定依据", "咨询电话：%1"} <= sources
    for lang in LANGS:
        missing = sorted(s for s in sources if not pairs(lang).get(s))
        assert not missing, f"{lang}: slip lines not translated (python -m kiosk.i18n update, then translate):\n" + \
            "\n".join(missing)
