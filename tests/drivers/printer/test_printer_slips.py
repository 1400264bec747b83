"""Slip templates (data, not code) and their rendering to our ESC/POS bytes."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from drivers.printer import codec
from drivers.printer.slips import CUT_MARK, QR_MARK, SlipTemplate, TemplateError, render, template_names


def test_the_slips_shipped() -> None:
    assert template_names() == ["appointment", "complaint", "locker_deposit", "locker_pickup", "mailing",
                                "notification", "progress", "test_page"]


def test_notification_slip_contents(slip_data: dict[str, Any]) -> None:
    r = render("notification", slip_data)
    text = r.text
    # docs/hall-rules.md §One-time notification: legal basis, time limit, procedure, materials (name,
    # format, number, issuer), fees, what is missing, a QR code; the applicant's name masked.
    for part in ("【设定依据】", "【办理时限】", "【办理流程】", "【申请材料】", "【收费标准】", "【需补正材料】",
                 "1. 居民身份证（原件，1份；出具单位：公安机关）", "申 请 人：张**",
                 QR_MARK + slip_data["guide_url"]):
        assert part in re.sub(r"\n +", "", text), part
    assert "【不予受理理由】" not in text  # optional block left out when there is no refusal
    assert text.endswith(CUT_MARK)
    ops = codec.decode_all(r.payload)
    assert ops[0].name == "init"
    assert [op.name for op in ops if op.name.startswith("qr_")] == ["qr_model", "qr_size", "qr_ec", "qr_store",
                                                                     "qr_print"]
    assert ops[-1].name == "cut"
    assert r.replaced == [("¥", "￥")]


def test_refusal_brings_the_reasons_and_the_right_to_remedy(slip_data: dict[str, Any]) -> None:
    slip_data["refusal"] = "申请事项不属于本机关职权范围。"
    text = render("notification", slip_data).text.replace("\n", "")
    assert "【不予受理理由】" in text and "申请事项不属于本机关职权范围。" in text
    assert "陈述、申辩" in text and "行政复议" in text and "行政诉讼" in text


@pytest.mark.parametrize("columns", [32, 48])
def test_lines_fit_the_paper(slip_data: dict[str, Any], columns: int) -> None:
    r = render("notification", slip_data, columns=columns)
    enc = codec.TextEncoder()
    assert max(enc.width(line) for line in r.lines if not line.startswith(QR_MARK)) <= columns


def test_masks_in_placeholders(tmp_path: Path) -> None:
    p = tmp_path / "t.toml"
    p.write_text('title = "t"\n[[block]]\nkind = "text"\ntext = "{who:name} {id:id} {tel:phone}"\n', encoding="utf-8")
    r = render(SlipTemplate.load(p), {"who": "欧阳娜娜", "id": "150102199001011234", "tel": "13812345678"},
               columns=48)
    assert r.lines == ["欧*** 1501**********1234 138****5678"]


@pytest.mark.parametrize(("data", "message"), [
    ({}, "data has no 'who'"),
    ({"who": None}, "'who' is empty"),
    ({"who": ["a"]}, "must be text or a number"),
])
def test_bad_data_is_a_clear_error(tmp_path: Path, data: dict[str, Any], message: str) -> None:
    p = tmp_path / "t.toml"
    p.write_text('title = "t"\n[[block]]\nkind = "text"\ntext = "{who}"\n', encoding="utf-8")
    with pytest.raises(TemplateError, match=message):
        render(SlipTemplate.load(p), data)


@pytest.mark.parametrize(("body", "message"), [
    ('title = "t"\n[[block]]\nkind = "poem"\n', "block.0.kind"),
    ('title = "t"\n[[block]]\nkind = "text"\nsize = [9, 1]\n', "character size"),
    ('[[block]]\nkind = "text"\n', "title"),
    ("title = \n", "not valid TOML"),
])
def test_bad_templates_are_clear_errors(tmp_path: Path, body: str, message: str) -> None:
    p = tmp_path / "t.toml"
    p.write_text(body, encoding="utf-8")
    with pytest.raises(TemplateError, match=message):
        render(SlipTemplate.load(p), {})


def test_list_of_the_wrong_shape(slip_data: dict[str, Any]) -> None:
    slip_data["materials"] = "身份证"
    with pytest.raises(TemplateError, match="'materials' must be a list of tables"):
        render("notification", slip_data)
    slip_data["materials"] = [{"name": "身份证"}]
    with pytest.raises(TemplateError, match="'format'"):
        render("notification", slip_data)


def test_chunks_cover_the_payload_at_line_ends(slip_data: dict[str, Any]) -> None:
    r = render("notification", slip_data)
    chunks = r.chunks(max_bytes=200, max_lines=6)
    assert b"".join(chunks) == r.payload
    assert len(chunks) > 3
    ends = [sum(len(c) for c in chunks[:i + 1]) for i in range(len(chunks))]
    assert set(ends) <= set(r.breaks) | {len(r.payload)}  # never in the middle of a command or a line
