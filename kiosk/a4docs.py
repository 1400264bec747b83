"""The A4 documents the terminal prints, as PDF in memory (ReportLab): a blank application form of
a service item (自助打表) and a certificate with its verification QR code (证明打印).

No Qt and no files: each function returns the PDF's bytes, which go to the A4 printer's CUPS job
and nowhere else (docs/a4-printing.md). The Chinese font is embedded (a subset, with its Unicode
map, so the text can be searched): :func:`drivers.a4printer.pdf.cjk_font`.

A form is public (the item's guide); a certificate carries the holder's name and ID number as the
platform issued them — on paper that is the point — and nothing of it is logged.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from drivers.a4printer.pdf import cjk_font
from kiosk.backend.certificates import Certificate
from kiosk.backend.model import HallInfo, Material, ServiceItem

FORM_NAME = re.compile(r"《(.+?表)》")


def warm_up() -> None:
    """Import ReportLab and register the font now (a second or more on a busy terminal), so the
    first citizen's document does not wait for it: the app calls this on a thread at start."""
    import reportlab.graphics.barcode.qr
    import reportlab.platypus  # noqa: F401

    cjk_font()


def forms_of(item: ServiceItem) -> list[Material]:
    """The item's materials that are blank forms to fill in (《…表》), in the guide's order."""
    return [m for m in item.materials if FORM_NAME.search(m.name)]


def form_title(material: Material) -> str:
    found = FORM_NAME.search(material.name)
    return found.group(1) if found else material.name


def _styles(font: str) -> dict[str, object]:
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.styles import ParagraphStyle

    base = ParagraphStyle("body", fontName=font, fontSize=11.5, leading=17, wordWrap="CJK")
    return {
        "title": ParagraphStyle("title", parent=base, fontSize=20, leading=28, alignment=TA_CENTER, spaceAfter=4),
        "sub": ParagraphStyle("sub", parent=base, fontSize=10.5, leading=15, alignment=TA_CENTER, spaceAfter=10),
        "body": base,
        "small": ParagraphStyle("small", parent=base, fontSize=9.5, leading=13.5),
        "cell": ParagraphStyle("cell", parent=base, fontSize=11, leading=15),
    }


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _qr(text: str, size_mm: float) -> object:
    from reportlab.graphics.barcode.qr import QrCodeWidget
    from reportlab.graphics.shapes import Drawing
    from reportlab.lib.units import mm

    widget = QrCodeWidget(text, barLevel="M")
    x0, y0, x1, y1 = widget.getBounds()
    side = size_mm * mm
    d = Drawing(side, side, transform=[side / (x1 - x0), 0, 0, side / (y1 - y0), 0, 0])
    d.add(widget)
    return d


def _document(title: str, story: Iterable[object], footer: str) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    font = cjk_font()
    buf = io.BytesIO()

    def page(canvas: object, doc: object) -> None:
        canvas.saveState()  # type: ignore[attr-defined]
        canvas.setFont(font, 8.5)  # type: ignore[attr-defined]
        canvas.drawCentredString(A4[0] / 2, 11 * mm, footer)  # type: ignore[attr-defined]
        canvas.restoreState()  # type: ignore[attr-defined]

    doc = SimpleDocTemplate(buf, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm, topMargin=18 * mm,
                            bottomMargin=20 * mm, title=title, author="", subject="", creator="Zizhu",
                            producer="Zizhu", pageCompression=1, invariant=False)
    doc.build(list(story), onFirstPage=page, onLaterPages=page)
    return buf.getvalue()


# --------------------------------------------------------------------------------------------
# 自助打表: a blank application form
# --------------------------------------------------------------------------------------------

def form_pdf(item: ServiceItem, material: Material, hall: HallInfo, today: date) -> bytes:
    """The blank form ``material`` of ``item``: the applicant's boxes, the item's materials to tick."""
    from reportlab.lib import colors
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

    font = cjk_font()
    st = _styles(font)
    title = form_title(material)
    def p(text: str, style: str = "cell") -> Any:
        return Paragraph(_esc(text), st[style])

    story: list[object] = [
        p(title, "title"),
        p(f"事项名称：{item.name}{'（' + item.subitem + '）' if item.subitem else ''}　事项编码：{item.code}", "sub"),
    ]
    blank = ""
    rows = [
        [p("申请人姓名"), blank, p("性别"), blank],
        [p("公民身份号码"), blank, p("联系电话"), blank],
        [p("通讯地址"), blank, "", ""],
        [p("申请事项"), p(item.name + (f"（{item.subitem}）" if item.subitem else "")), "", ""],
        [p("申请内容及理由"), blank, "", ""],
    ]
    widths = [32 * mm, 58 * mm, 24 * mm, 56 * mm]
    table = Table(rows, colWidths=widths, rowHeights=[12 * mm, 12 * mm, 12 * mm, 12 * mm, 48 * mm])
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.8, colors.black),
        ("SPAN", (1, 2), (3, 2)), ("SPAN", (1, 3), (3, 3)), ("SPAN", (1, 4), (3, 4)),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("VALIGN", (0, 4), (-1, 4), "TOP"),
        ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#EEEEEE")),
        ("BACKGROUND", (2, 0), (2, 1), colors.HexColor("#EEEEEE")),
    ]))
    story += [table, Spacer(1, 6 * mm), p("提交材料（请在已备齐的材料前打“√”）", "body"), Spacer(1, 2 * mm)]
    mats = [[p("□"), p(f"{m.name}（{m.kind}，{m.copies}份，{m.format}）"), p(m.source)] for m in item.materials]
    mt = Table(mats, colWidths=[10 * mm, 110 * mm, 50 * mm])
    mt.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.grey), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    pledge = "本人承诺所填写的信息及提交的材料真实、有效，如有虚假，愿承担相应法律责任。"
    story += [mt, Spacer(1, 8 * mm), p(pledge, "body"), Spacer(1, 8 * mm)]
    sign = Table([[p("申请人（签字）："), "", p("日期：　　　年　　月　　日"), ""]],
                 colWidths=[40 * mm, 50 * mm, 60 * mm, 20 * mm])
    sign.setStyle(TableStyle([("LINEBELOW", (1, 0), (1, 0), 0.8, colors.black)]))
    story += [sign, Spacer(1, 8 * mm)]
    where = item.place or hall.address
    info = [p(f"办理地点：{where}", "small"), p(f"办理时间：{item.hours}", "small"),
            p(f"咨询电话：{hall.hotline}　监督投诉：{hall.complaint_phone}", "small"),
            p("扫码查看网上办事指南与填写样本", "small")]
    qr_row = Table([[info, _qr(item.guide_url or hall.guide_url or "https://zwfw.example.cn/", 26)]],
                   colWidths=[140 * mm, 30 * mm])
    qr_row.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    story.append(qr_row)
    footer = f"{hall.name} 24小时自助服务区 自助打印 {today:%Y-%m-%d}　本表免费提供"
    return _document(title, story, footer)


# --------------------------------------------------------------------------------------------
# 证明打印: a certificate with its verification QR code
# --------------------------------------------------------------------------------------------

def certificate_pdf(cert: Certificate, hall: HallInfo) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

    font = cjk_font()
    st = _styles(font)
    def p(text: str, style: str = "cell") -> Any:
        return Paragraph(_esc(text), st[style])

    story: list[object] = [p(cert.title, "title"), p(f"证明编号：{cert.serial}", "sub"), p(cert.body, "body"),
                           Spacer(1, 5 * mm)]
    rows = [[p(f.label), p(f.value)] for f in cert.fields]
    t = Table(rows, colWidths=[40 * mm, 130 * mm])
    t.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.8, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#EEEEEE")),
        ("TOPPADDING", (0, 0), (-1, -1), 5), ("BOTTOMPADDING", (0, 0), (-1, -1), 5)]))
    valid_to = cert.issued_on + timedelta(days=cert.valid_days)
    story += [t, Spacer(1, 10 * mm)]
    issuer = Table([["", p(f"出具单位：{cert.issuer}")], ["", p(f"出具日期：{cert.issued_on:%Y年%m月%d日}")]],
                   colWidths=[80 * mm, 90 * mm])
    story += [issuer, Spacer(1, 12 * mm)]
    verify = [p(f"验证码：{cert.verify_code}", "body"),
              p(f"本证明有效期至{valid_to:%Y年%m月%d日}。扫描右侧二维码或登录 {cert.verify_url.split('/verify')[0]} "
                "输入证明编号和验证码，可核验本证明的真伪。", "small"),
              p("本证明由政务服务中心24小时自助服务终端打印，与窗口出具的证明具有同等效力。", "small")]
    row = Table([[verify, _qr(cert.verify_url, 32)]], colWidths=[132 * mm, 38 * mm])
    row.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("BOX", (0, 0), (-1, -1), 0.5, colors.grey)]))
    story.append(row)
    footer = f"{hall.name} 24小时自助服务区 自助打印　证明编号 {cert.serial}"
    return _document(cert.title, story, footer)
