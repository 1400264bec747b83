"""Document capture (高拍仪): find the page on the desk, flatten it to A4, even its light, judge it.

Pure functions over one BGR frame — no device, no thread — like :mod:`drivers.camera.photo`, so
the kiosk, the tests and the benchmark run the same steps (docs/document-capture.md):

1. **Find the page** on a copy of the frame ``detect_width`` wide: Otsu's threshold parts the
   bright paper from the dark desk mat, the largest outer contour is the page if it covers
   ``min_page_fraction`` of the frame and is clearly brighter than what surrounds it; its convex
   hull reduced to four corners (Douglas–Peucker), each side then refitted as a straight line to
   the contour's points and the corners taken where neighbouring sides meet (sub-pixel).
2. **Refuse** what cannot make a good page, with the reason: no page (``no_page``); a page that
   touches the frame's edge, so a part of it may be outside (``cut_off``); a shape that is not a
   page's four corners — folded, a hand over it (``not_flat``); and, after the correction, a page
   whose edges are soft (``blurred``: the ratio of Laplacian to gradient energy on the page's
   strokes at 75 dpi, which depends on how sharp the strokes are, not on how many there are).
3. **Correct the perspective** to an A4 page at ``dpi`` (portrait or landscape as the page lies),
   shrinking by area first when the page is larger in the frame than the output, and
4. **even the light** by dividing each channel by the paper's own brightness (a max filter and a
   blur on a small copy: the ink is removed, the paper and its shadows stay), so the paper comes
   out white and a red seal stays red.

Several pages become one PDF with :func:`pages_pdf` (Pillow: one JPEG per A4 page at ``dpi``).
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass, field
from typing import Any

import cv2
import numpy as np
import numpy.typing as npt

from drivers.camera.capture import Frame
from drivers.camera.config import DocumentThresholds

# code -> (for the citizen, for the technician). The kiosk shows the first column.
MESSAGES: dict[str, tuple[str, str]] = {
    "no_page": ("没有找到材料，请把材料平放在拍摄区内", "no page found"),
    "cut_off": ("材料超出拍摄范围，请把整页材料放在拍摄区内", "the page touches the frame's edge"),
    "not_flat": ("材料没有放平或被遮挡，请放平、移开手", "the page's outline is not four corners"),
    "blurred": ("画面模糊，请放平材料，保持不动", "the page is not sharp"),
}
A4_MM = (210.0, 297.0)
SHARPNESS_DPI = 75.0  # the page's sharpness is judged at this resolution (docs/document-capture.md)
MIN_PAGE_CONTRAST = 40.0  # grey levels between the paper and the desk around it

Corners = npt.NDArray[np.float64]  # 4 × 2: top-left, top-right, bottom-right, bottom-left (frame px)


@dataclass(frozen=True)
class Problem:
    code: str

    @property
    def message(self) -> str:
        return MESSAGES[self.code][0]

    @property
    def detail(self) -> str:
        return MESSAGES[self.code][1]


@dataclass
class PageResult:
    """One frame's outcome: the corrected page when every check passed, else the first problem."""

    problems: list[Problem] = field(default_factory=list)
    page: Frame | None = None  # BGR, A4 at the configured dpi
    corners: Corners | None = None  # where the page was found in the frame
    measures: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems and self.page is not None

    @property
    def code(self) -> str:
        return self.problems[0].code if self.problems else ""

    @property
    def reason(self) -> str:
        return self.problems[0].message if self.problems else ""

    def __repr__(self) -> str:  # never the picture
        return f"PageResult({self.code or 'ok'}, {self.measures})"


def page_size(dpi: int, landscape: bool = False) -> tuple[int, int]:
    """A4 at ``dpi`` in pixels, (width, height)."""
    w, h = (round(mm / 25.4 * dpi) for mm in A4_MM)
    return (h, w) if landscape else (w, h)


def _order(pts: npt.NDArray[np.float64]) -> Corners:
    """Four points as top-left, top-right, bottom-right, bottom-left (clockwise on screen)."""
    c = pts.mean(axis=0)
    ang = np.arctan2(pts[:, 1] - c[1], pts[:, 0] - c[0])
    pts = pts[np.argsort(ang)]  # clockwise in image coordinates (y down), starting anywhere
    start = int(np.argmin(pts[:, 0] + pts[:, 1]))
    return np.roll(pts, -start, axis=0)


def _quad(hull: npt.NDArray[Any]) -> npt.NDArray[np.float64] | None:
    perimeter = cv2.arcLength(hull, True)
    for eps in (0.02, 0.01, 0.03, 0.04, 0.05):
        approx = cv2.approxPolyDP(hull, eps * perimeter, True)
        if len(approx) == 4:
            return approx.reshape(4, 2).astype(np.float64)
    return None


def _refine(contour: npt.NDArray[Any], quad: Corners) -> Corners:
    """Each side refitted as a line to the contour's points along it; corners where sides meet."""
    pts = contour.reshape(-1, 2).astype(np.float64)
    lines = []
    for i in range(4):
        a, b = quad[i], quad[(i + 1) % 4]
        d = b - a
        length = float(np.hypot(*d))
        if length < 8:
            return quad
        u = d / length
        rel = pts - a
        along = rel @ u
        across = np.abs(rel[:, 0] * u[1] - rel[:, 1] * u[0])
        near = (across < max(2.0, 0.01 * length)) & (along > 0.1 * length) & (along < 0.9 * length)
        if near.sum() < 10:
            return quad
        vx, vy, x0, y0 = cv2.fitLine(pts[near].astype(np.float32), cv2.DIST_HUBER, 0, 0.01, 0.01).ravel()
        lines.append((np.array([x0, y0], np.float64), np.array([vx, vy], np.float64)))
    out = np.empty((4, 2), np.float64)
    for i in range(4):
        (p1, d1), (p2, d2) = lines[i - 1], lines[i]  # the side before corner i and the side after it
        m = np.array([d1, -d2]).T
        if abs(np.linalg.det(m)) < 1e-6:
            return quad
        t = np.linalg.solve(m, p2 - p1)
        out[i] = p1 + t[0] * d1
    if np.max(np.hypot(*(out - quad).T)) > 0.05 * cv2.arcLength(quad.astype(np.float32), True):
        return quad  # the fit went astray: keep the polygon's own corners
    return out


def _angles(q: Corners) -> list[float]:
    out = []
    for i in range(4):
        a, b = q[i - 1] - q[i], q[(i + 1) % 4] - q[i]
        cos = float(np.dot(a, b) / (np.hypot(*a) * np.hypot(*b) + 1e-9))
        out.append(math.degrees(math.acos(max(-1.0, min(1.0, cos)))))
    return out


def find_page(frame: Frame, th: DocumentThresholds) -> tuple[Corners | None, str, dict[str, Any]]:
    """The page's corners in frame pixels and "" — or None and the reason (a code of :data:`MESSAGES`)."""
    h, w = frame.shape[:2]
    s = min(1.0, th.detect_width / w)
    small = frame if s == 1.0 else cv2.resize(frame, (round(w * s), round(h * s)), interpolation=cv2.INTER_AREA)
    gray = cv2.cvtColor(small, cv2.COLOR_BGR2GRAY)
    gray = cv2.GaussianBlur(gray, (5, 5), 0)
    level, mask = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    mask = cv2.morphologyEx(mask, cv2.MORPH_OPEN, np.ones((5, 5), np.uint8))
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)
    sh, sw = gray.shape
    measures: dict[str, Any] = {"otsu": round(float(level), 1)}
    if not contours:
        return None, "no_page", measures
    contour = max(contours, key=cv2.contourArea)
    area = cv2.contourArea(contour) / (sh * sw)
    measures["page_fraction"] = round(area, 3)
    inside = np.zeros_like(mask)
    cv2.drawContours(inside, [contour], -1, 255, -1)
    contrast = float(cv2.mean(gray, inside)[0] - cv2.mean(gray, cv2.bitwise_not(inside))[0]) if area < 0.999 else 0.0
    measures["contrast"] = round(contrast, 1)
    if area < th.min_page_fraction or contrast < MIN_PAGE_CONTRAST:
        return None, "no_page", measures
    margin = max(1.0, th.edge_margin * min(sh, sw))
    xs, ys = contour[:, 0, 0], contour[:, 0, 1]
    if xs.min() < margin or ys.min() < margin or xs.max() > sw - 1 - margin or ys.max() > sh - 1 - margin:
        return None, "cut_off", measures
    hull = cv2.convexHull(contour)
    quad = _quad(hull)
    if quad is None:
        return None, "not_flat", measures
    quad = _refine(contour, _order(quad))
    angles = _angles(quad)
    measures["corner_angles"] = [round(a, 1) for a in angles]
    if max(angles) > th.max_corner_angle_deg or cv2.contourArea(contour) < 0.9 * cv2.contourArea(
            quad.astype(np.float32)):  # a hand or a fold takes a bite out of the page
        return None, "not_flat", measures
    corners: Corners = (quad + 0.5) / s - 0.5  # small pixel centres → frame pixel centres
    return corners, "", measures


def correct(frame: Frame, corners: Corners, dpi: int) -> Frame:
    """The page flattened to A4 at ``dpi``, portrait or landscape as it lies."""
    top = np.hypot(*(corners[1] - corners[0])) + np.hypot(*(corners[2] - corners[3]))
    side = np.hypot(*(corners[3] - corners[0])) + np.hypot(*(corners[2] - corners[1]))
    out_w, out_h = page_size(dpi, landscape=top > side)
    src = corners.astype(np.float64)
    # A page larger in the frame than the output: shrink by area first (warping alone aliases thin strokes).
    shrink = min(1.0, 1.25 * math.sqrt(out_w * out_h / max(1.0, cv2.contourArea(src.astype(np.float32)))))
    image = frame
    if shrink < 0.8:
        x0, y0 = np.floor(src.min(axis=0)).astype(int).clip(0)
        x1, y1 = np.ceil(src.max(axis=0)).astype(int) + 1
        crop = frame[y0:y1, x0:x1]
        image = cv2.resize(crop, None, fx=shrink, fy=shrink, interpolation=cv2.INTER_AREA)
        src = (src - [x0, y0] + 0.5) * shrink - 0.5
    dst = np.array([[0, 0], [out_w, 0], [out_w, out_h], [0, out_h]], np.float32)
    m = cv2.getPerspectiveTransform(src.astype(np.float32), dst)
    page: Frame = cv2.warpPerspective(image, m, (out_w, out_h), flags=cv2.INTER_LINEAR,
                                      borderMode=cv2.BORDER_REPLICATE)
    return page


def even_light(page: Frame) -> Frame:
    """Divide each channel by the paper's brightness there: white paper, no shadow, colours kept."""
    h, w = page.shape[:2]
    k = 8
    small = cv2.resize(page, (max(8, w // k), max(8, h // k)), interpolation=cv2.INTER_AREA)
    paper = cv2.dilate(small, np.ones((9, 9), np.uint8))  # the ink (dark, thin) goes, the paper stays
    paper = cv2.GaussianBlur(paper, (0, 0), 3)
    paper = paper.astype(np.float32)
    floor = np.median(paper.reshape(-1, 3), axis=0) * 0.6  # a large dark block is not a shadow
    paper = np.maximum(paper, floor)
    paper = cv2.resize(paper, (w, h), interpolation=cv2.INTER_LINEAR)
    out = page.astype(np.float32) * (250.0 / np.maximum(paper, 1.0))
    evened: Frame = np.clip(out, 0, 255).astype(np.uint8)
    return evened


def sharpness(page: Frame) -> float:
    """How sharp the page's strokes are: Laplacian energy over gradient energy near the strokes, at 75 dpi.

    For an edge blurred by a Gaussian of σ pixels the ratio falls as 1 / σ², whatever the number of
    strokes on the page; sensor noise is averaged away by judging at 75 dpi.
    """
    dpi = page_dpi_of(page)
    inset = round(0.03 * min(page.shape[:2]))  # the page's own edge against the desk is no stroke
    page = page[inset:-inset, inset:-inset]
    w = page.shape[1]
    width_75 = round(w * SHARPNESS_DPI / dpi)
    gray = cv2.cvtColor(page, cv2.COLOR_BGR2GRAY) if page.ndim == 3 else page
    g = cv2.resize(gray, (width_75, round(gray.shape[0] * width_75 / w)), interpolation=cv2.INTER_AREA)
    g = g.astype(np.float32)
    gx = cv2.Sobel(g, cv2.CV_32F, 1, 0, ksize=3) / 8
    gy = cv2.Sobel(g, cv2.CV_32F, 0, 1, ksize=3) / 8
    mag2 = gx * gx + gy * gy
    lap = cv2.Laplacian(g, cv2.CV_32F, ksize=1)
    strong = mag2 > max(25.0, float(np.percentile(mag2, 97)))  # grey steps of at least 5 a pixel
    if strong.sum() < 50:
        return 0.0  # nothing on the page to judge: a blank sheet or a blur that erased it
    near = cv2.dilate(strong.astype(np.uint8), np.ones((3, 3), np.uint8)).astype(bool)
    return float((lap[near] ** 2).mean() / (mag2[near].mean() + 1e-6))


def page_dpi_of(page: Frame) -> float:
    """The resolution of an A4 page image from its size (portrait or landscape)."""
    return float(max(page.shape[:2])) / (A4_MM[1] / 25.4)


def check_page(frame: Frame, th: DocumentThresholds) -> PageResult:
    """Find, correct and judge the page in one BGR frame; the page is returned only when all pass."""
    if frame.ndim != 3 or frame.shape[2] != 3:
        raise ValueError(f"expected a BGR frame, got shape {frame.shape}")
    res = PageResult()
    corners, problem, res.measures = find_page(frame, th)
    if corners is None:
        res.problems.append(Problem(problem))
        return res
    res.corners = corners
    flat = correct(frame, corners, th.dpi)
    sharp = sharpness(flat)
    res.measures["sharpness"] = round(sharp, 3)
    if sharp < th.min_sharpness:
        res.problems.append(Problem("blurred"))
        return res
    res.page = even_light(flat)
    return res


def pages_pdf(pages: list[Frame], dpi: int, quality: int = 80, title: str = "") -> bytes:
    """One PDF of the pages (BGR arrays), each a JPEG at ``dpi`` — so an A4 page is A4 on paper."""
    from PIL import Image

    if not pages:
        raise ValueError("no pages")
    images = [Image.fromarray(cv2.cvtColor(p, cv2.COLOR_BGR2RGB)) for p in pages]
    out = io.BytesIO()
    images[0].save(out, "PDF", save_all=True, append_images=images[1:], resolution=float(dpi), quality=quality,
                   title=title, producer="Zizhu kiosk", creator="Zizhu kiosk")
    return out.getvalue()
