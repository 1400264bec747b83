"""Configuration of the ID-photo camera and the photo checks (thresholds are local decisions).

The photo sizes follow GA 461-2004 (resident ID) and the common one-inch size (docs/protocols/camera.md §Photo sizes).
Background tolerances have no authoritative source, so every threshold here is configuration.
"""

from __future__ import annotations

from typing import Annotated, Literal

from msgspec import Meta, field

from ground.configbase import Section


class PhotoSpec(Section, frozen=True, kw_only=True):
    """One output photo size and where the face must sit in it (pixels of the output photo)."""

    width: Annotated[int, Meta(ge=100, le=2000)]
    height: Annotated[int, Meta(ge=100, le=2000)]
    dpi: Annotated[int, Meta(ge=72, le=1200)]
    face_width_min: Annotated[int, Meta(ge=10, description="face width, cheek to cheek")]
    face_width_max: Annotated[int, Meta(ge=10)]
    crown_min: Annotated[int, Meta(ge=0,
                                   description="crown (top of the hair) this far below the top edge at least")]
    crown_max: Annotated[int, Meta(ge=0)]
    eye_line_min_from_bottom: Annotated[int, Meta(ge=0,
                                                  description="eye line at least this far above the bottom edge")]

    def __post_init__(self) -> None:
        if not self.face_width_min <= self.face_width_max < self.width:
            raise ValueError("need face_width_min <= face_width_max < width")
        if not self.crown_min <= self.crown_max < self.height:
            raise ValueError("need crown_min <= crown_max < height")
        if self.eye_line_min_from_bottom >= self.height:
            raise ValueError("eye_line_min_from_bottom must be less than height")


# GA 461-2004: 358×441 at 350 dpi, face width 207±14, crown 7–21 px below the top, eye line
# at least 207 px above the bottom.
RESIDENT_ID = PhotoSpec(width=358, height=441, dpi=350, face_width_min=193, face_width_max=221,
                        crown_min=7, crown_max=21, eye_line_min_from_bottom=207)
# One inch (一寸) 25×35 mm at 300 dpi. No standard fixes the face in it; these are GA 461's
# proportions scaled to the smaller frame (face ≈ 58 % of the width, eye line ≈ 47 % up).
ONE_INCH = PhotoSpec(width=295, height=413, dpi=300, face_width_min=159, face_width_max=183,
                     crown_min=7, crown_max=20, eye_line_min_from_bottom=194)

PhotoSize = Literal["resident_id", "one_inch"]
STANDARD_SIZES: dict[str, PhotoSpec] = {"resident_id": RESIDENT_ID, "one_inch": ONE_INCH}


class PhotoThresholds(Section, frozen=True, kw_only=True):
    background_min_mean: Annotated[float, Meta(
        ge=0, le=255, description="background corners' mean, every channel")] = 235.0
    background_max_std: Annotated[float, Meta(ge=0, le=128, description="spread inside a background corner")] = 18.0
    background_max_side_diff: Annotated[float, Meta(
        ge=0, le=255, description="left against right corner: uneven light")] = 20.0
    background_corner: Annotated[float, Meta(
        gt=0, le=0.3, description="side of the sampled top corners, fraction of the photo width")] = 0.12
    min_brightness: Annotated[float, Meta(ge=0, le=255, description="face region mean; below: 光线太暗")] = 80.0
    max_brightness: Annotated[float, Meta(ge=0, le=255)] = 225.0
    max_overexposed: Annotated[float, Meta(
        ge=0, le=1, description="fraction of blown-out (≥250) face pixels")] = 0.08
    min_sharpness: Annotated[float, Meta(
        ge=0, description="variance of the Laplacian on the face scaled to 128 px")] = 60.0
    # Face detection.
    detect_width: Annotated[int, Meta(
        ge=160, le=1920, description="frames are shrunk to this width to find faces")] = 256
    min_face_fraction: Annotated[float, Meta(
        gt=0, lt=1, description="smallest face found, fraction of frame width")] = 0.1
    max_upscale: Annotated[float, Meta(
        gt=0, description="a face needing more enlargement than this is too far")] = 2.2
    require_eyes: Annotated[bool, Meta(description="both eyes must be found (a face turned away hides one)")] = True
    max_tilt_deg: Annotated[float, Meta(ge=0, le=45, description="slope of the eye line")] = 8.0
    crown_above_face: Annotated[float, Meta(
        ge=0, le=1.5, description="crown above the face box top, in face-box heights")] = 0.5

    def __post_init__(self) -> None:
        if self.min_brightness >= self.max_brightness:
            raise ValueError("need min_brightness < max_brightness")


class LensThresholds(Section, frozen=True, kw_only=True):
    """How a frame tells a dead sensor or a covered lens from a picture (grey levels 0–255)."""

    black_max_level: Annotated[float, Meta(ge=0, le=255, description="brightest pixel of an all-black frame")] = 6.0
    covered_max_mean: Annotated[float, Meta(ge=0, le=255, description="a covered lens is dark …")] = 60.0
    covered_max_std: Annotated[float, Meta(ge=0, le=128, description="… and featureless")] = 10.0


class DocumentThresholds(Section, frozen=True, kw_only=True):
    """Document capture (高拍仪, drivers/camera/document.py; docs/document-capture.md says how they were calibrated)."""

    detect_width: Annotated[int, Meta(
        ge=320, le=2000, description="the page is looked for on a copy of the frame this wide")] = 1000
    min_page_fraction: Annotated[float, Meta(
        gt=0, lt=1, description="a page covers at least this fraction of the frame")] = 0.12
    edge_margin: Annotated[float, Meta(
        ge=0, lt=0.2,
        description="a page this close to the frame's edge (fraction of its short side) is cut off")] = 0.004
    max_corner_angle_deg: Annotated[float, Meta(
        gt=90, lt=180, description="a corner more open than this is no page corner (a folded or covered page)")] = 135.0
    min_sharpness: Annotated[float, Meta(
        ge=0, description="edge sharpness of the corrected page (see docs/document-capture.md); below: blurred")] = 0.5
    dpi: Annotated[int, Meta(ge=72, le=300,
                             description="the corrected page's resolution (A4: 1240 × 1754 at 150)")] = 150
    jpeg_quality: Annotated[int, Meta(ge=30, le=95, description="each page in the PDF")] = 80
    max_pages: Annotated[int, Meta(ge=1, le=50, description="pages of one submission")] = 20


class CameraConfig(Section, frozen=True, kw_only=True):
    source: Annotated[str, Meta(description="V4L2 device (/dev/zizhu/camera or an index), an image or video file, "
                                            "or a stream URL (http://…/video.mjpg)")]
    width: Annotated[int, Meta(ge=160, le=4096)] = 640
    height: Annotated[int, Meta(ge=120, le=4096)] = 480
    timeout_s: Annotated[float, Meta(gt=0, le=30, description="longest wait for a frame")] = 2.0
    max_frame_age_s: Annotated[float, Meta(
        gt=0, le=30, description="an older buffered frame is not a live picture")] = 0.5
    reconnect_s: Annotated[float, Meta(
        gt=0, le=60, description="pause between attempts to reopen a lost camera")] = 1.0
    photo_size: PhotoSize = "resident_id"
    sizes: Annotated[dict[PhotoSize, PhotoSpec], Meta(
        description="overrides of the built-in sizes (STANDARD_SIZES)")] = field(default_factory=dict)
    photo: PhotoThresholds = PhotoThresholds()
    lens: LensThresholds = LensThresholds()
    document: DocumentThresholds = DocumentThresholds()

    def spec(self, size: str | None = None) -> PhotoSpec:
        key = size or self.photo_size
        if key in self.sizes:
            return self.sizes[key]
        try:
            return STANDARD_SIZES[key]
        except KeyError:
            raise ValueError(f"unknown photo size {key!r}; known: {', '.join(STANDARD_SIZES)}") from None
