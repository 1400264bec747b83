"""Document capture on synthetic photographs: pages rendered here, laid on a desk by a known homography.

Each test renders an A4 form (drivers/camera/docscenes.py), warps it onto a dark desk with
``cv2.warpPerspective`` by a homography the test chooses, adds uneven light and sensor noise, and
runs :func:`drivers.camera.document.check_page` on the photograph. The corrected page is compared
to the rendered original (normalised correlation and structural similarity on the grey page) and
the corners found to the homography's (pixels of the frame). Blurred, cut-off and empty frames
are refused with their reason.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

import cv2
import numpy as np
import pytest
from PIL import Image, PdfParser
from skimage.metrics import structural_similarity

from drivers.camera import docscenes
from drivers.camera.config import CameraConfig, DocumentThresholds
from drivers.camera.document import MESSAGES, check_page, page_size, pages_pdf

TH = DocumentThresholds()


def photograph(page: np.ndarray, size: tuple[int, int], corners: Sequence[tuple[float, float]], *,
               blur: float = 0.0, noise: float = 3.0, seed: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """The page on a desk, its corners at ``corners`` (frame pixels): the photograph and the true corners."""
    w, h = size
    ph, pw = page.shape[:2]
    rng = np.random.default_rng(seed)
    desk = np.empty((h, w, 3), np.float32)
    desk[:] = (52, 60, 70)
    desk += cv2.GaussianBlur(rng.normal(0, 8, (h, w)).astype(np.float32), (0, 0), 2)[..., None]
    src = np.array([[0, 0], [pw, 0], [pw, ph], [0, ph]], np.float32)
    dst = np.array(corners, np.float32)
    m = cv2.getPerspectiveTransform(src, dst)
    warped = cv2.warpPerspective(page.astype(np.float32), m, (w, h), flags=cv2.INTER_AREA)
    inside = cv2.warpPerspective(np.ones((ph, pw), np.float32), m, (w, h), flags=cv2.INTER_LINEAR)[..., None]
    img: np.ndarray = warped * inside + desk * (1 - inside)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    img *= (0.72 + 0.28 * (1 - xx / w) * (0.6 + 0.4 * yy / h))[..., None]  # a lamp on the left
    if blur:
        img = cv2.GaussianBlur(img, (0, 0), blur)
    img += rng.normal(0, noise, img.shape).astype(np.float32)
    return np.clip(img + 0.5, 0, 255).astype(np.uint8), dst.astype(np.float64)


def likeness(corrected: np.ndarray, original: np.ndarray) -> tuple[float, float]:
    """Normalised correlation and SSIM of the two pages in grey, at 75 dpi (the page's own scale)."""
    size = (original.shape[1] // 2, original.shape[0] // 2)
    a = cv2.resize(cv2.cvtColor(corrected, cv2.COLOR_BGR2GRAY), size, interpolation=cv2.INTER_AREA)
    b = cv2.resize(cv2.cvtColor(original, cv2.COLOR_BGR2GRAY), size, interpolation=cv2.INTER_AREA)
    ncc = float(cv2.matchTemplate(a, b, cv2.TM_CCOEFF_NORMED)[0, 0])
    return ncc, float(structural_similarity(a, b, data_range=255))  # type: ignore[no-untyped-call]


# Frames of a 12 MP document camera and of a small one; pages straight, turned, seen at an angle.
CASES = {
    "12mp_turned": ((4000, 3000), [(1150, 260), (2850, 420), (2700, 2800), (950, 2650)]),
    "2mp_perspective": ((1600, 1200), [(560, 90), (1060, 110), (1130, 1110), (470, 1080)]),
    "2mp_turned_left": ((1600, 1200), [(420, 220), (1010, 60), (1230, 900), (620, 1100)]),
    "1mp_straight": ((1280, 960), [(420, 60), (860, 60), (860, 900), (420, 900)]),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_corrected_page_matches_the_original(case: str) -> None:
    size, corners = CASES[case]
    original = docscenes.render_page(2)
    frame, truth = photograph(original, size, corners)
    res = check_page(frame, TH)
    assert res.ok, res
    assert res.page is not None and res.corners is not None
    assert res.page.shape[:2] == (1754, 1240)  # A4 at 150 dpi, portrait
    # The corners where the homography put them: within 0.2 % of the frame's diagonal (10 px at
    # 12 MP, 4 px at 2 MP; measured 0.09–0.10 %).
    error = float(np.max(np.hypot(*(res.corners - truth).T)))
    assert error < 0.002 * np.hypot(*size), f"corner error {error:.1f} px"
    # Like the original (measured: correlation 0.83–0.92, SSIM 0.89–0.95; another page of the same
    # form scores 0.69 and 0.83, the same page moved by 2 mm 0.07).
    ncc, ssim = likeness(res.page, original)
    assert ncc > 0.8, f"correlation {ncc:.3f}"
    assert ssim > 0.85, f"SSIM {ssim:.3f}"
    # The light evened: the paper white on both sides of the page although the lamp was on the left.
    grey = cv2.cvtColor(res.page, cv2.COLOR_BGR2GRAY)
    left, right = np.median(grey[100:1600, 20:80]), np.median(grey[100:1600, -80:-20])
    assert left >= 235 and right >= 235 and abs(float(left) - float(right)) < 8


def test_the_likeness_tells_another_page_apart() -> None:
    """The comparison is not lenient: another page of the same form, or the page moved, scores lower."""
    frame, _ = photograph(docscenes.render_page(2), *CASES["2mp_turned_left"])
    res = check_page(frame, TH)
    assert res.page is not None
    same = likeness(res.page, docscenes.render_page(2))
    other = likeness(res.page, docscenes.render_page(1))
    moved = likeness(res.page, np.roll(docscenes.render_page(2), 12, axis=0))  # 2 mm down
    assert same[0] > 0.8 > other[0] and same[1] > 0.85 > other[1]
    assert moved[0] < 0.5


def test_the_red_seal_stays_red() -> None:
    original = docscenes.render_page(1)
    frame, _ = photograph(original, *CASES["12mp_turned"])
    res = check_page(frame, TH)
    assert res.page is not None
    hsv = cv2.cvtColor(res.page, cv2.COLOR_BGR2HSV)
    seal = hsv[1400:1700, 700:1130]  # around the seal, page coordinates
    red = ((seal[..., 0] < 10) | (seal[..., 0] > 170)) & (seal[..., 1] > 90) & (seal[..., 2] > 120)
    assert red.mean() > 0.04, f"red pixels {red.mean():.3f}"


def test_a_landscape_page_comes_out_landscape() -> None:
    original = cv2.rotate(docscenes.render_page(3), cv2.ROTATE_90_COUNTERCLOCKWISE)
    frame, _ = photograph(original, (1600, 1200), [(190, 260), (1420, 300), (1400, 1130), (210, 1090)])
    res = check_page(frame, TH)
    assert res.page is not None and res.page.shape[:2] == (1240, 1754)
    assert likeness(res.page, original)[0] > 0.8


@pytest.mark.parametrize("blur", [2.5, 4.0])
def test_a_blurred_page_is_refused_with_the_reason(blur: float) -> None:
    size, corners = CASES["2mp_perspective"]
    frame, _ = photograph(docscenes.render_page(1), size, corners, blur=blur)
    res = check_page(frame, TH)
    assert res.code == "blurred" and res.reason == "画面模糊，请放平材料，保持不动"
    assert res.page is None and res.measures["sharpness"] < TH.min_sharpness


def test_slight_softness_is_still_taken() -> None:
    """The threshold is set between readable (σ ≤ 1 px of a 2 MP frame) and smudged (σ ≥ 2)."""
    size, corners = CASES["2mp_perspective"]
    frame, _ = photograph(docscenes.render_page(1), size, corners, blur=1.0)
    assert check_page(frame, TH).ok


@pytest.mark.parametrize("corners", [
    [(560, 90), (1060, 110), (1130, 1260), (470, 1230)],  # the bottom beyond the frame
    [(-30, 100), (520, 90), (600, 1100), (20, 1080)],  # the left corners outside
    [(0, 200), (600, 180), (650, 1150), (40, 1100)],  # a corner touching the edge
])
def test_a_cut_off_page_is_refused_with_the_reason(corners: Sequence[tuple[float, float]]) -> None:
    frame, _ = photograph(docscenes.render_page(1), (1600, 1200), corners)
    res = check_page(frame, TH)
    assert res.code == "cut_off"
    assert res.reason == MESSAGES["cut_off"][0] == "材料超出拍摄范围，请把整页材料放在拍摄区内"


def test_no_page_on_the_desk() -> None:
    res = check_page(docscenes.empty_desk((1600, 1200)), TH)
    assert res.code == "no_page" and "没有找到材料" in res.reason


def test_a_hand_on_the_page_is_not_a_flat_page() -> None:
    frame, _ = photograph(docscenes.render_page(1), *CASES["2mp_perspective"])
    cv2.ellipse(frame, (1000, 600), (260, 120), 30, 0, 360, (60, 90, 140), -1)  # a hand over the right side
    cv2.rectangle(frame, (1150, 560), (1600, 720), (60, 90, 140), -1)  # its arm, to the frame's edge
    res = check_page(frame, TH)
    assert not res.ok and res.code in ("not_flat", "cut_off")


def test_the_simulator_scenes_say_what_they_show() -> None:
    got = {name: check_page(make((1600, 1200)), TH).code for name, make in docscenes.SCENES.items()}
    assert got == {"document_1": "", "document_2": "", "document_3": "", "document_blurred": "blurred",
                   "document_cut_off": "cut_off", "desk_empty": "no_page"}


def test_thresholds_are_configuration() -> None:
    cfg = CameraConfig(source="x.jpg", document=DocumentThresholds(min_sharpness=50.0, dpi=100))
    frame = docscenes.SCENES["document_3"]((1600, 1200))
    res = check_page(frame, cfg.document)
    assert res.code == "blurred"  # nothing is that sharp
    res = check_page(frame, DocumentThresholds(dpi=100))
    assert res.page is not None and res.page.shape[:2] == page_size(100)[::-1]


def test_pages_become_one_pdf_of_a4_pages() -> None:
    pages = [check_page(docscenes.SCENES[f"document_{n}"]((1600, 1200)), TH).page for n in (1, 2, 3)]
    assert all(p is not None for p in pages)
    pdf = pages_pdf([p for p in pages if p is not None], TH.dpi, TH.jpeg_quality)
    assert pdf.startswith(b"%PDF-")
    doc = PdfParser.PdfParser(buf=pdf)
    assert len(doc.pages) == 3
    for ref in doc.pages:
        box = [float(v) for v in doc.read_indirect(ref)[b"MediaBox"]]
        assert box[2] == pytest.approx(595.3, abs=0.5) and box[3] == pytest.approx(841.9, abs=0.5)  # A4 in points
    assert 100_000 < len(pdf) < 3_000_000
    first = Image.open(io.BytesIO(pdf[pdf.index(b"\xff\xd8"):]))  # the first page's JPEG
    assert first.size == (1240, 1754)
