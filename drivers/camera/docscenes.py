"""Documents on the desk for the camera simulator, the tests and the benchmark — synthetic only.

:func:`render_page` draws an A4 page of an application form at 150 dpi (1240 × 1754 px): a
title, a table of fields filled in, lines of text and a red round seal (公章), all made up;
:func:`desk_photo` lays such a page on a dark desk mat by a known homography (its four corners,
given as fractions of the frame), with uneven light, a little blur and sensor noise, as a
document camera (高拍仪) looking down would see it. The scenes at the end are what
``zizhu sim camera --scene document_1`` shows; the tests make their own with other corners.

The Chinese text is drawn with Noto Sans CJK (Debian ``fonts-noto-cjk``, installed by the
set-up) through Pillow; without the font the page still has its lines, blocks and seal.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from pathlib import Path

import cv2
import numpy as np
import numpy.typing as npt

from drivers.camera.capture import Frame

A4_MM = (210.0, 297.0)
PAGE_DPI = 150
PAGE_SIZE = (round(A4_MM[0] / 25.4 * PAGE_DPI), round(A4_MM[1] / 25.4 * PAGE_DPI))  # 1240 × 1754
FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
MAT = (84, 90, 96)  # the desk mat under a document camera: mid grey (BGR; darker would look like a covered lens)
SEAL_RED = (40, 40, 200)  # BGR

Corners = Sequence[tuple[float, float]]  # top-left, top-right, bottom-right, bottom-left
# Where a page lies in the frame (fractions of the width and height): straight, and at angles.
FLAT: Corners = ((0.30, 0.06), (0.70, 0.06), (0.70, 0.94), (0.30, 0.94))
ASKEW: Corners = ((0.33, 0.07), (0.71, 0.11), (0.68, 0.95), (0.27, 0.90))
TILTED: Corners = ((0.24, 0.12), (0.63, 0.04), (0.75, 0.88), (0.35, 0.97))
CUT_OFF: Corners = ((0.45, 0.10), (0.86, 0.14), (0.83, 1.12), (0.40, 1.05))  # the bottom off the frame

_LINES = (
    ("一、申请人基本情况", True),
    ("申请人姓名：演示用户　　性别：女　　民族：蒙古族", False),
    ("联系地址：内蒙古自治区兴安盟乌兰浩特市演示路1号", False),
    ("二、申请事项", True),
    ("城乡居民基本医疗保险参保登记（新参保）", False),
    ("参保类别：城乡居民　　缴费档次：一档", False),
    ("三、申请人承诺", True),
    ("本人承诺所填内容及所附材料真实、有效，", False),
    ("如有虚假，愿承担相应法律责任。", False),
)


@functools.cache
def _font(size: int) -> object | None:
    from PIL import ImageFont

    if not Path(FONT).exists():
        return None
    return ImageFont.truetype(FONT, size, index=2)  # index 2: the Simplified Chinese face


def _text(page: Frame, lines: list[tuple[tuple[int, int], str, int]]) -> Frame:
    """Draw ``(position, text, size)`` lines in black onto ``page`` (a copy is returned)."""
    from PIL import Image, ImageDraw

    if _font(20) is None:  # no CJK font: grey bars where the words would be
        out = page.copy()
        for (x, y), text, size in lines:
            cv2.rectangle(out, (x, y + size // 5), (x + size * len(text), y + size), (90, 90, 90), -1)
        return out
    img = Image.fromarray(cv2.cvtColor(page, cv2.COLOR_BGR2RGB))
    draw = ImageDraw.Draw(img)
    for (x, y), text, size in lines:
        draw.text((x, y), text, fill=(20, 20, 20), font=_font(size))  # type: ignore[arg-type]
    return cv2.cvtColor(np.asarray(img), cv2.COLOR_RGB2BGR)


def _seal(page: Frame, centre: tuple[int, int], radius: int) -> Frame:
    """A red round seal: two rings and a star, drawn over the text as a stamp is (multiplied)."""
    stamp = np.full_like(page, 255)
    cv2.circle(stamp, centre, radius, SEAL_RED, 9, cv2.LINE_AA)
    cv2.circle(stamp, centre, radius - 16, SEAL_RED, 3, cv2.LINE_AA)
    cx, cy = centre
    star = np.array([[cx + radius * 0.35 * np.cos(np.pi / 2 + k * 4 * np.pi / 5),
                      cy - radius * 0.35 * np.sin(np.pi / 2 + k * 4 * np.pi / 5)] for k in range(5)], np.int32)
    cv2.fillPoly(stamp, [star], SEAL_RED, cv2.LINE_AA)
    for k in range(14):  # the arc of characters round the rim, as short strokes
        a = np.pi * (1.15 + 0.7 * k / 13)
        p0 = (int(cx + (radius - 48) * np.cos(a)), int(cy + (radius - 48) * np.sin(a)))
        p1 = (int(cx + (radius - 26) * np.cos(a)), int(cy + (radius - 26) * np.sin(a)))
        cv2.line(stamp, p0, p1, SEAL_RED, 7, cv2.LINE_AA)
    out: Frame = (page.astype(np.uint16) * stamp // 255).astype(np.uint8)
    return out


@functools.cache
def _page(number: int) -> Frame:
    w, h = PAGE_SIZE
    page = np.full((h, w, 3), 255, np.uint8)
    m = 110  # margins, 150 dpi: about 19 mm
    cv2.rectangle(page, (m, 300), (w - m, 700), (30, 30, 30), 3)  # the form's table
    for i in range(1, 5):
        cv2.line(page, (m, 300 + 80 * i), (w - m, 300 + 80 * i), (30, 30, 30), 2)
    cv2.line(page, (m + 300, 300), (m + 300, 700), (30, 30, 30), 2)
    fields = ["申请人", "证件类型", "联系电话", "办理事项", "申请日期"]
    values = ["演示用户", "居民身份证", "138****0000", "医保参保登记", f"2026年3月{number + 1}日"]
    lines: list[tuple[tuple[int, int], str, int]] = [
        ((m + 150, 130), "城乡居民基本医疗保险参保登记表", 56),
        ((m, 220), f"第 {number} 页　　编号：1506020300004502-{number:02d}", 30)]
    lines += [((m + 20, 318 + 80 * i), f, 36) for i, f in enumerate(fields)]
    lines += [((m + 330, 318 + 80 * i), v, 36) for i, v in enumerate(values)]
    y = 760
    for text, bold in _LINES[(number - 1) % 3:] + _LINES[: (number - 1) % 3]:
        lines.append(((m, y), text, 40 if bold else 34))
        y += 66
    lines += [((w - m - 460, h - 330), "申请人（签字）：", 34), ((w - m - 460, h - 200), "兴安盟政务服务中心", 34)]
    page = _text(page, lines)
    for i in range(3):  # a signature: a few strokes
        pts = np.array([[w - m - 200 + 40 * i + 25 * np.sin(t / 3), h - 300 - 30 * np.cos(t / 2.5) - 8 * i]
                        for t in range(18)], np.int32)
        cv2.polylines(page, [pts], False, (110, 60, 20), 3, cv2.LINE_AA)
    page = _seal(page, (w - m - 230, h - 190), 130)
    page.setflags(write=False)  # cached: shared by every caller
    return page


def render_page(number: int = 1) -> Frame:
    """Page ``number`` (1, 2, 3 … each a little different) of the form, A4 at 150 dpi, BGR."""
    return _page(number).copy()


def page_homography(page_size: tuple[int, int], size: tuple[int, int], corners: Corners) -> npt.NDArray[np.float64]:
    """The homography that maps a page of ``page_size`` onto the frame corners (fractions of ``size``)."""
    pw, ph = page_size
    src = np.array([[0, 0], [pw, 0], [pw, ph], [0, ph]], np.float32)
    dst = np.array([[x * size[0], y * size[1]] for x, y in corners], np.float32)
    m = cv2.getPerspectiveTransform(src, dst).astype(np.float64)
    return m


def desk_photo(page: Frame, size: tuple[int, int] = (1600, 1200), corners: Corners = ASKEW, *,
               blur_sigma: float = 0.0, noise: float = 2.0, light: float = 0.25, seed: int = 3,
               mat: tuple[int, int, int] = MAT) -> Frame:
    """``page`` on the desk mat, its corners at ``corners`` (fractions of the frame; may lie outside it).

    ``light`` darkens the frame linearly from its top-left to its bottom-right corner by that
    fraction (a lamp to one side); ``blur_sigma`` (frame pixels) is a camera out of focus or a
    hand that moved; ``noise`` the sensor's (standard deviation in grey levels).
    """
    w, h = size
    m = page_homography((page.shape[1], page.shape[0]), size, corners)
    frame = np.empty((h, w, 3), np.uint8)
    frame[:] = mat
    rng = np.random.default_rng(seed)
    texture = cv2.GaussianBlur(rng.normal(0, 6, (h, w)).astype(np.float32), (0, 0), 3)  # the mat's weave
    frame = np.clip(frame.astype(np.float32) + texture[..., None], 0, 255).astype(np.uint8)
    # Shrinking the page by perspective: area-average it first, or thin lines alias away.
    page_px = cv2.contourArea(np.array([[x * w, y * h] for x, y in corners], np.float32))
    shrink = float(np.sqrt(page_px / (page.shape[0] * page.shape[1])))
    src = page
    if shrink < 0.8:
        src = cv2.resize(page, None, fx=shrink * 1.25, fy=shrink * 1.25, interpolation=cv2.INTER_AREA)
        m = m @ np.diag([1 / (shrink * 1.25), 1 / (shrink * 1.25), 1.0])
    cv2.warpPerspective(src, m, (w, h), dst=frame, flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_TRANSPARENT)
    out = frame.astype(np.float32)
    if light > 0:
        yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
        out *= (1.0 - light * (xx / w + yy / h) / 2)[..., None]
    if blur_sigma > 0:
        out = cv2.GaussianBlur(out, (0, 0), blur_sigma)
    if noise > 0:
        out += rng.normal(0, noise, out.shape).astype(np.float32)
    result: Frame = np.clip(out + 0.5, 0, 255).astype(np.uint8)
    return result


def empty_desk(size: tuple[int, int] = (1600, 1200)) -> Frame:
    """The mat and nothing on it."""
    return desk_photo(np.full((8, 8, 3), 255, np.uint8), size, ((2, 2), (2.1, 2), (2.1, 2.1), (2, 2.1)))


# The simulator's scenes (drivers/camera/scenes.py SCENES): a three-page document, then bad frames.
SCENES: dict[str, Callable[[tuple[int, int]], Frame]] = {
    "document_1": lambda size: desk_photo(render_page(1), size, ASKEW),
    "document_2": lambda size: desk_photo(render_page(2), size, TILTED, seed=4),
    "document_3": lambda size: desk_photo(render_page(3), size, FLAT, seed=5),
    "document_blurred": lambda size: desk_photo(render_page(1), size, ASKEW, blur_sigma=size[0] / 400),
    "document_cut_off": lambda size: desk_photo(render_page(2), size, CUT_OFF),
    "desk_empty": empty_desk,
}
