"""The ID-photo pipeline: find exactly one face, crop and scale to the chosen size, check the photo.

Pure functions over one BGR frame — no device, no thread — so the kiosk, the diagnostics, the
tests and the benchmark all run the same checks. Geometry follows GA 461-2004: the face is scaled
to the middle of the allowed face width, the crown is put in the middle of its band, and where the
eye-line rule and the crown rule disagree the eye line wins (tall hair is cut). The rules and the
thresholds: docs/protocols/camera.md §ID photo geometry (GA 461).

Every rejection is a :class:`Problem` whose ``message`` a citizen understands; the first one is
the one to show (they are ordered: no point asking for more light when nobody is in the frame).
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass, field
from typing import Any

import cv2
import numpy as np

from drivers.camera.capture import Frame
from drivers.camera.config import PhotoSpec, PhotoThresholds

# code -> (for the citizen, for the technician). One table: the kiosk shows the first column.
MESSAGES: dict[str, tuple[str, str]] = {
    "no_face": ("请正对镜头", "no face found"),
    "several_faces": ("画面中只能有一个人", "more than one face"),
    "not_frontal": ("请正对镜头，不要侧脸", "eyes not found: face turned or covered"),
    "tilted": ("请保持头部端正", "eye line tilted"),
    "too_far": ("请靠近镜头一些", "face too small for the photo size"),
    "too_close": ("请离镜头远一些", "face too large for the frame"),
    "off_centre": ("请站到画面中间", "crop leaves the frame at the side"),
    "too_high": ("请把头稍微放低一点", "crop leaves the frame at the top"),
    "too_low": ("请坐直，把头抬高一点", "crop leaves the frame at the bottom"),
    "too_dark": ("光线太暗", "face too dark"),
    "too_bright": ("光线太亮，脸部过曝", "face over-exposed"),
    "blurred": ("照片模糊，请保持不动", "face not sharp"),
    "background_not_white": ("背景不够白", "background not white"),
    "background_uneven": ("背景不均匀，请站在白色背景前", "background uneven"),
}


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
class PhotoResult:
    """The outcome for one frame: the photo when every check passed, else the problems."""

    problems: list[Problem] = field(default_factory=list)
    photo: Frame | None = None
    measures: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems and self.photo is not None

    @property
    def reason(self) -> str:
        """What to tell the citizen: the first problem, or empty."""
        return self.problems[0].message if self.problems else ""

    def to_dict(self) -> dict[str, Any]:
        return {"ok": self.ok, "reason": self.reason,
                "problems": [{"code": p.code, "message": p.message, "detail": p.detail} for p in self.problems],
                "measures": self.measures}


@functools.cache
def _cascade(name: str) -> cv2.CascadeClassifier:
    c = cv2.CascadeClassifier(cv2.data.haarcascades + name)  # type: ignore[attr-defined]
    if c.empty():
        raise RuntimeError(f"OpenCV Haar cascade {name} missing (opencv-python-headless<5 ships it)")
    return c


Box = tuple[int, int, int, int]


def find_faces(gray: Frame, th: PhotoThresholds) -> list[Box]:
    """Frontal faces in full-frame coordinates, found on a copy shrunk to ``detect_width``."""
    h, w = gray.shape[:2]
    scale = min(1.0, th.detect_width / w)
    small = gray if scale == 1.0 else cv2.resize(gray, (round(w * scale), round(h * scale)),
                                                  interpolation=cv2.INTER_AREA)
    min_side = max(20, round(th.min_face_fraction * small.shape[1]))
    max_side = max(min_side, round(0.9 * min(small.shape[:2])))
    found = _cascade("haarcascade_frontalface_default.xml").detectMultiScale(
        small, scaleFactor=1.2, minNeighbors=5, minSize=(min_side, min_side), maxSize=(max_side, max_side))
    return [(round(x / scale), round(y / scale), round(bw / scale), round(bh / scale)) for x, y, bw, bh in found]


_EYE_FACE_WIDTH = 100  # the eye band is searched at this face width: eyes ≈ 20–30 px, the cascade's own size


def find_eyes(gray: Frame, face: Box) -> list[tuple[float, float]]:
    """Centres of the two eyes (left to right in the image), or fewer when they cannot be found."""
    x, y, w, h = face
    top = y + h // 6
    band = gray[top: y + h * 11 // 20, x: x + w]  # between brow and nose
    k = _EYE_FACE_WIDTH / w
    band = cv2.resize(band, (_EYE_FACE_WIDTH, max(1, round(band.shape[0] * k))),
                      interpolation=cv2.INTER_AREA if k < 1 else cv2.INTER_LINEAR)
    band = cv2.equalizeHist(band)  # a dim face still has eyes; the exposure check judges the light
    half = _EYE_FACE_WIDTH / 2
    for name in ("haarcascade_eye.xml", "haarcascade_eye_tree_eyeglasses.xml"):
        eyes = _cascade(name).detectMultiScale(band, scaleFactor=1.15, minNeighbors=5,
                                               minSize=(_EYE_FACE_WIDTH // 7,) * 2,
                                               maxSize=(_EYE_FACE_WIDTH // 3,) * 2)
        left = [e for e in eyes if e[0] + e[2] / 2 < half]
        right = [e for e in eyes if e[0] + e[2] / 2 >= half]
        if left and right:
            pick = [max(left, key=lambda e: e[2]), max(right, key=lambda e: e[2])]
            return [(x + (ex + ew / 2) / k, top + (ey + eh / 2) / k) for ex, ey, ew, eh in pick]
    return []


@dataclass(frozen=True)
class Crop:
    """The window of the frame that becomes the photo: top-left corner and scale (photo px per frame px)."""

    x0: float
    y0: float
    scale: float
    crown: float  # crown position in the photo (may be < 0: hair cut because the eye rule won)
    eye_line: float  # eye line in the photo, from the top


def plan_crop(face: Box, eye_y: float, spec: PhotoSpec, th: PhotoThresholds) -> Crop:
    """Place the face by GA 461: middle face width, crown in the middle of its band, eye rule first."""
    x, y, w, h = face
    s = (spec.face_width_min + spec.face_width_max) / 2 / w
    face_top = (spec.crown_min + spec.crown_max) / 2 + th.crown_above_face * h * s
    eye_line = face_top + (eye_y - y) * s
    eye_max = spec.height - spec.eye_line_min_from_bottom
    if eye_line > eye_max:  # the eye rule wins over the crown rule
        face_top -= eye_line - eye_max
        eye_line = eye_max
    return Crop(x0=(x + w / 2) - spec.width / 2 / s, y0=y - face_top / s, scale=s,
                crown=face_top - th.crown_above_face * h * s, eye_line=eye_line)


def _framing_problem(crop: Crop, spec: PhotoSpec, frame_w: int, frame_h: int) -> Problem | None:
    w, h = spec.width / crop.scale, spec.height / crop.scale
    if w > frame_w or h > frame_h:
        return Problem("too_close")
    if crop.x0 < 0 or crop.x0 + w > frame_w:
        return Problem("off_centre")
    if crop.y0 < 0:
        return Problem("too_high")
    if crop.y0 + h > frame_h:
        return Problem("too_low")
    return None


def render(frame: Frame, crop: Crop, spec: PhotoSpec) -> Frame:
    """Cut the crop window out of the frame and scale it to the photo size."""
    if crop.scale < 1:  # shrinking: area averaging, which warpAffine cannot do
        x0, y0 = int(crop.x0), int(crop.y0)
        x1 = min(frame.shape[1], math.ceil(crop.x0 + spec.width / crop.scale))
        y1 = min(frame.shape[0], math.ceil(crop.y0 + spec.height / crop.scale))
        return cv2.resize(frame[y0:y1, x0:x1], (spec.width, spec.height), interpolation=cv2.INTER_AREA)
    m = np.array([[crop.scale, 0, -crop.x0 * crop.scale], [0, crop.scale, -crop.y0 * crop.scale]], np.float32)
    out: Frame = cv2.warpAffine(frame, m, (spec.width, spec.height), flags=cv2.INTER_LINEAR,
                                borderMode=cv2.BORDER_REPLICATE)
    return out


def check_photo(frame: Frame, spec: PhotoSpec, th: PhotoThresholds) -> PhotoResult:
    """Run every check on one BGR frame; the photo is returned only when all pass."""
    res = PhotoResult()
    if frame.ndim != 3 or frame.shape[2] != 3:
        raise ValueError(f"expected a BGR frame, got shape {frame.shape}")
    fh, fw = frame.shape[:2]
    gray = cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY)
    faces = find_faces(gray, th)
    res.measures["faces"] = len(faces)
    if not faces:
        res.problems.append(Problem("no_face"))
        return res
    if len(faces) > 1:
        res.problems.append(Problem("several_faces"))
        return res
    face = faces[0]
    fx, fy, fw_box, fh_box = face
    res.measures["face_box"] = list(face)

    eyes = find_eyes(gray, face)
    if len(eyes) == 2:
        (lx, ly), (rx, ry) = eyes
        eye_y = (ly + ry) / 2
        tilt = math.degrees(math.atan2(ry - ly, rx - lx))
        res.measures["eye_tilt_deg"] = round(tilt, 1)
        if abs(tilt) > th.max_tilt_deg:
            res.problems.append(Problem("tilted"))
    else:  # judged after the light and focus: a dark or blurred face hides its eyes too
        eye_y = fy + 0.38 * fh_box  # where the eyes sit in a frontal Haar box

    crop = plan_crop(face, eye_y, spec, th)
    if crop.scale > th.max_upscale:
        res.problems.append(Problem("too_far"))
        return res
    framing = _framing_problem(crop, spec, fw, fh)
    if framing is not None:
        res.problems.append(framing)
        return res

    photo = render(frame, crop, spec)
    face_w_out = fw_box * crop.scale
    res.measures.update(face_width_px=round(face_w_out), eye_line_from_bottom=round(spec.height - crop.eye_line),
                        crown_px=round(crop.crown), scale=round(crop.scale, 3))

    # Exposure and sharpness on the face as it appears in the photo.
    px0 = max(0, round((fx - crop.x0) * crop.scale))
    py0 = max(0, round((fy - crop.y0) * crop.scale))
    side = round(face_w_out)
    face_bgr = photo[py0: py0 + side, px0: px0 + side]
    face_gray = cv2.cvtColor(face_bgr, cv2.COLOR_BGR2GRAY)
    brightness = float(face_gray.mean())
    over = float((face_gray >= 250).mean())
    norm = cv2.resize(face_gray, (128, 128), interpolation=cv2.INTER_AREA)
    sharpness = float(cv2.Laplacian(norm, cv2.CV_64F).var())
    res.measures.update(brightness=round(brightness, 1), overexposed=round(over, 4), sharpness=round(sharpness, 1))
    if brightness < th.min_brightness:
        res.problems.append(Problem("too_dark"))
    elif brightness > th.max_brightness or over > th.max_overexposed:
        res.problems.append(Problem("too_bright"))
    if sharpness < th.min_sharpness:
        res.problems.append(Problem("blurred"))
    if len(eyes) != 2 and th.require_eyes and not res.problems:
        res.problems.append(Problem("not_frontal"))

    # Background: GA 461 framing leaves it visible in the two top corners.
    c = max(4, round(th.background_corner * spec.width))
    corners = [photo[:c, :c].reshape(-1, 3).astype(np.float32), photo[:c, -c:].reshape(-1, 3).astype(np.float32)]
    means = [corner.mean(axis=0) for corner in corners]
    stds = [float(corner.std(axis=0).max()) for corner in corners]
    bg_min = float(min(m.min() for m in means))
    side_diff = float(np.abs(means[0] - means[1]).max())
    res.measures.update(background_min_mean=round(bg_min, 1), background_max_std=round(max(stds), 1),
                        background_side_diff=round(side_diff, 1))
    # Uneven first: a white wall with a shadow on one side needs light, not a new wall.
    if max(stds) > th.background_max_std or side_diff > th.background_max_side_diff:
        res.problems.append(Problem("background_uneven"))
    elif bg_min < th.background_min_mean:
        res.problems.append(Problem("background_not_white"))

    if not res.problems:
        res.photo = photo
    return res
