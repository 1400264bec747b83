"""Configuration of the ID-photo camera and the photo checks (thresholds are local decisions).

The photo sizes follow GA 461-2004 (resident ID) and the common one-inch size (HARDWARE.md §4).
Background tolerances have no authoritative source, so every threshold here is configuration.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from zizhu.configbase import Section


class PhotoSpec(Section):
    """One output photo size and where the face must sit in it (pixels of the output photo)."""

    width: int = Field(ge=100, le=2000)
    height: int = Field(ge=100, le=2000)
    dpi: int = Field(ge=72, le=1200)
    face_width_min: int = Field(ge=10, description="face width, cheek to cheek")
    face_width_max: int = Field(ge=10)
    crown_min: int = Field(ge=0, description="crown (top of the hair) this far below the top edge at least")
    crown_max: int = Field(ge=0)
    eye_line_min_from_bottom: int = Field(ge=0, description="eye line at least this far above the bottom edge")

    @model_validator(mode="after")
    def _consistent(self) -> PhotoSpec:
        if not self.face_width_min <= self.face_width_max < self.width:
            raise ValueError("need face_width_min <= face_width_max < width")
        if not self.crown_min <= self.crown_max < self.height:
            raise ValueError("need crown_min <= crown_max < height")
        if self.eye_line_min_from_bottom >= self.height:
            raise ValueError("eye_line_min_from_bottom must be less than height")
        return self


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


class PhotoThresholds(Section):
    background_min_mean: float = Field(235.0, ge=0, le=255, description="background corners' mean, every channel")
    background_max_std: float = Field(18.0, ge=0, le=128, description="spread inside a background corner")
    background_max_side_diff: float = Field(20.0, ge=0, le=255,
                                            description="left against right corner: uneven light")
    background_corner: float = Field(0.12, gt=0, le=0.3,
                                     description="side of the sampled top corners, fraction of the photo width")
    min_brightness: float = Field(80.0, ge=0, le=255, description="face region mean; below: 光线太暗")
    max_brightness: float = Field(225.0, ge=0, le=255)
    max_overexposed: float = Field(0.08, ge=0, le=1, description="fraction of blown-out (≥250) face pixels")
    min_sharpness: float = Field(60.0, ge=0, description="variance of the Laplacian on the face scaled to 128 px")
    # Face detection.
    detect_width: int = Field(256, ge=160, le=1920, description="frames are shrunk to this width to find faces")
    min_face_fraction: float = Field(0.1, gt=0, lt=1, description="smallest face found, fraction of frame width")
    max_upscale: float = Field(2.2, gt=0, description="a face needing more enlargement than this is too far")
    require_eyes: bool = Field(True, description="both eyes must be found (a face turned away hides one)")
    max_tilt_deg: float = Field(8.0, ge=0, le=45, description="slope of the eye line")
    crown_above_face: float = Field(0.5, ge=0, le=1.5,
                                    description="crown above the face box top, in face-box heights")

    @model_validator(mode="after")
    def _ordered(self) -> PhotoThresholds:
        if self.min_brightness >= self.max_brightness:
            raise ValueError("need min_brightness < max_brightness")
        return self


class LensThresholds(Section):
    """How a frame tells a dead sensor or a covered lens from a picture (grey levels 0–255)."""

    black_max_level: float = Field(6.0, ge=0, le=255, description="brightest pixel of an all-black frame")
    covered_max_mean: float = Field(60.0, ge=0, le=255, description="a covered lens is dark …")
    covered_max_std: float = Field(10.0, ge=0, le=128, description="… and featureless")


class CameraConfig(Section):
    source: str = Field(description="V4L2 device (/dev/zizhu/camera or an index), an image or video file, "
                                    "or a stream URL (http://…/video.mjpg)")
    width: int = Field(640, ge=160, le=4096)
    height: int = Field(480, ge=120, le=4096)
    timeout_s: float = Field(2.0, gt=0, le=30, description="longest wait for a frame")
    max_frame_age_s: float = Field(0.5, gt=0, le=30, description="an older buffered frame is not a live picture")
    reconnect_s: float = Field(1.0, gt=0, le=60, description="pause between attempts to reopen a lost camera")
    photo_size: PhotoSize = "resident_id"
    sizes: dict[PhotoSize, PhotoSpec] = Field(
        default_factory=dict, description="overrides of the built-in sizes (STANDARD_SIZES)")
    photo: PhotoThresholds = PhotoThresholds()
    lens: LensThresholds = LensThresholds()

    def spec(self, size: str | None = None) -> PhotoSpec:
        key = size or self.photo_size
        if key in self.sizes:
            return self.sizes[key]
        try:
            return STANDARD_SIZES[key]
        except KeyError:
            raise ValueError(f"unknown photo size {key!r}; known: {', '.join(STANDARD_SIZES)}") from None
