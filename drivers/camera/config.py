"""Configuration of the ID-photo camera and the photo checks (thresholds are local decisions)."""

from __future__ import annotations

from pydantic import Field

from zizhu.configbase import Section


class PhotoThresholds(Section):
    background_min_mean: float = Field(235.0, ge=0, le=255, description="border strips' mean brightness")
    background_max_std: float = Field(18.0, ge=0, le=128)
    min_brightness: float = Field(80.0, ge=0, le=255, description="face region mean; below: 光线太暗")
    max_brightness: float = Field(225.0, ge=0, le=255)
    min_sharpness: float = Field(60.0, ge=0, description="variance of the Laplacian on the face")


class CameraConfig(Section):
    source: str = Field(description="V4L2 device (/dev/zizhu/camera or an index), a file, or a video")
    width: int = Field(640, ge=160, le=4096)
    height: int = Field(480, ge=120, le=4096)
    timeout_s: float = Field(2.0, gt=0, le=30)
    photo: PhotoThresholds = PhotoThresholds()
