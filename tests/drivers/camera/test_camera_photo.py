"""The ID-photo pipeline on composed frames (public-domain astronaut, synthetic backgrounds)."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from msgspec import ValidationError
from msgspec.structs import replace

from drivers.camera import scenes
from drivers.camera.config import ONE_INCH, RESIDENT_ID, CameraConfig, PhotoSpec, PhotoThresholds
from drivers.camera.photo import MESSAGES, check_photo, find_eyes, find_faces

TH = PhotoThresholds()


def _codes(frame: np.ndarray, spec: PhotoSpec = RESIDENT_ID, th: PhotoThresholds = TH) -> list[str]:
    return [p.code for p in check_photo(frame, spec, th).problems]


@pytest.mark.parametrize("spec", [RESIDENT_ID, ONE_INCH], ids=["resident_id", "one_inch"])
def test_good_portrait_gives_a_photo_of_the_exact_size_and_geometry(spec: PhotoSpec) -> None:
    res = check_photo(scenes.portrait(), spec, TH)
    assert res.ok, res.to_dict()
    assert res.photo is not None
    assert res.photo.shape == (spec.height, spec.width, 3)
    assert res.reason == ""
    m = res.measures
    assert spec.face_width_min <= m["face_width_px"] <= spec.face_width_max
    assert m["eye_line_from_bottom"] >= spec.eye_line_min_from_bottom
    assert spec.crown_min <= m["crown_px"] <= spec.crown_max


def test_resident_photo_face_is_centred_and_where_ga461_puts_it() -> None:
    """Re-detect the face in the output photo: it must be centred, 193–221 wide, eyes ≥207 above the bottom."""
    res = check_photo(scenes.portrait(), RESIDENT_ID, TH)
    assert res.photo is not None
    gray = cv2.cvtColor(res.photo, cv2.COLOR_BGR2GRAY)
    faces = find_faces(gray, replace(TH, detect_width=RESIDENT_ID.width))
    assert len(faces) == 1
    x, _y, w, _h = faces[0]
    assert abs((x + w / 2) - RESIDENT_ID.width / 2) < 12
    assert 185 <= w <= 230  # the detector's box on the resampled face: within its own jitter of 207
    eyes = find_eyes(gray, faces[0])
    assert len(eyes) == 2
    eye_line = (eyes[0][1] + eyes[1][1]) / 2
    assert RESIDENT_ID.height - eye_line >= RESIDENT_ID.eye_line_min_from_bottom


@pytest.mark.parametrize(("frame", "first"), [
    pytest.param(scenes.background(), "no_face", id="empty"),
    pytest.param(scenes.two_faces(), "several_faces", id="two faces"),
    pytest.param(scenes.darkened(scenes.portrait()), "too_dark", id="dark"),
    pytest.param(scenes.blurred(scenes.portrait()), "blurred", id="blurred"),
    pytest.param(scenes.portrait(colour=scenes.GREY), "background_not_white", id="grey background"),
    pytest.param(scenes.portrait(colour=scenes.BLUE), "background_not_white", id="blue background"),
    pytest.param(scenes.place_astronaut(scenes.gradient_background(left=255, right=190), 150),
                 "background_uneven", id="uneven background"),
    pytest.param(scenes.portrait(centre=(110, 192)), "off_centre", id="off centre"),
    pytest.param(scenes.portrait(face_width=76), "too_far", id="too far"),
    pytest.param(scenes.portrait(face_width=260, centre=(320, 240)), "too_close", id="too close"),
    pytest.param(scenes.portrait(centre=(320, 90)), "too_high", id="too high"),
    pytest.param(scenes.portrait(centre=(320, 380)), "too_low", id="too low"),
    pytest.param(cv2.flip(cv2.resize(scenes.portrait()[:, :320], (640, 480)), 0), "no_face", id="upside down"),
])
def test_each_bad_frame_is_rejected_with_its_reason(frame: np.ndarray, first: str) -> None:
    res = check_photo(frame, RESIDENT_ID, TH)
    assert not res.ok
    assert res.photo is None
    assert res.problems[0].code == first, res.to_dict()
    assert res.reason == MESSAGES[first][0]


def test_citizen_reasons_are_chinese_and_the_named_ones_exist() -> None:
    for citizen, technician in MESSAGES.values():
        assert any("\u4e00" <= ch <= "\u9fff" for ch in citizen)
        assert technician.isascii()
    said = {m[0] for m in MESSAGES.values()}
    assert {"请正对镜头", "背景不够白", "光线太暗"} <= said


def test_brighter_than_allowed_is_too_bright() -> None:
    bright = np.clip(scenes.portrait().astype(np.float32) * 1.3 + 40, 0, 255).astype(np.uint8)
    assert _codes(bright)[0] == "too_bright"


def test_tilted_head_is_rejected() -> None:
    rot = cv2.getRotationMatrix2D((320, 190), 18, 1.0)
    tilted = cv2.warpAffine(scenes.portrait(), rot, (640, 480), borderValue=(255, 255, 255))
    res = check_photo(tilted, RESIDENT_ID, TH)
    assert res.problems[0].code == "tilted"
    assert abs(res.measures["eye_tilt_deg"]) > TH.max_tilt_deg
    assert "tilted" not in _codes(tilted, th=replace(TH, max_tilt_deg=30))


def test_thresholds_are_configuration() -> None:
    grey = scenes.portrait(colour=(228, 228, 228))
    assert _codes(grey) == ["background_not_white"]
    assert _codes(grey, th=replace(TH, background_min_mean=220)) == []
    dim = scenes.darkened(scenes.portrait(), 0.5)
    assert "too_dark" in _codes(dim, th=replace(TH, min_brightness=100))
    assert "too_dark" not in _codes(dim, th=replace(TH, min_brightness=60))


def test_config_picks_the_size_and_rejects_bad_thresholds() -> None:
    cfg = CameraConfig(source="x.png", photo_size="one_inch")
    assert cfg.spec() == ONE_INCH
    assert cfg.spec("resident_id") == RESIDENT_ID
    custom = replace(RESIDENT_ID, face_width_min=190)
    assert CameraConfig(source="x.png", sizes={"resident_id": custom}).spec() == custom
    with pytest.raises(ValueError, match="unknown photo size"):
        cfg.spec("passport")
    with pytest.raises(ValidationError, match="min_brightness"):
        PhotoThresholds.from_data({"min_brightness": 200, "max_brightness": 100})
    with pytest.raises(ValidationError, match="face_width_min"):
        PhotoSpec.from_data({"width": 300, "height": 400, "dpi": 300, "face_width_min": 250, "face_width_max": 200,
                             "crown_min": 7, "crown_max": 21, "eye_line_min_from_bottom": 200})


def test_not_a_colour_frame_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="BGR"):
        check_photo(np.zeros((480, 640), np.uint8), RESIDENT_ID, TH)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(w=st.integers(160, 800), h=st.integers(120, 600), seed=st.integers(0, 2**32 - 1),
       kind=st.sampled_from(["noise", "flat", "portrait"]))
def test_any_frame_gets_a_photo_or_a_reason_never_an_exception(w: int, h: int, seed: int, kind: str) -> None:
    rng = np.random.default_rng(seed)
    if kind == "noise":
        frame = rng.integers(0, 256, (h, w, 3), dtype=np.uint8)
    elif kind == "flat":
        frame = np.full((h, w, 3), rng.integers(0, 256, 3), np.uint8)
    else:
        frame = scenes.portrait((w, h), face_width=float(rng.uniform(0.1, 0.6) * w),
                                centre=(float(rng.uniform(0, w)), float(rng.uniform(0, h))))
    for spec in (RESIDENT_ID, ONE_INCH):
        res = check_photo(frame, spec, TH)
        if res.ok:
            assert res.photo is not None and res.photo.shape == (spec.height, spec.width, 3)
        else:
            assert res.photo is None and res.problems and res.reason in {m[0] for m in MESSAGES.values()}
