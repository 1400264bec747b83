"""The production camera driver against the simulator (MJPEG over real HTTP), files and videos."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import pytest

from drivers.base import DeviceError, DeviceHardwareError, DeviceOffline, DeviceUserError, make_device
from drivers.camera import scenes
from drivers.camera.capture import SourceKind, source_kind
from drivers.camera.config import CameraConfig
from drivers.camera.driver import (
    REASON_BLACK,
    REASON_COVERED,
    REASON_FAILING,
    REASON_MISSING,
    REASON_STALLED,
    Camera,
    lens_state,
)
from drivers.camera.sim import CameraSim
from wire.status import CameraStatus, DeviceState

Wait = Callable[..., Any]


@pytest.fixture
def sim() -> Iterator[CameraSim]:
    with CameraSim(fps=15) as s:
        yield s


def _camera(source: str, **kw: Any) -> Camera:
    return Camera(CameraConfig(source=source, timeout_s=kw.pop("timeout_s", 2.0), reconnect_s=0.2, **kw))


@pytest.fixture
def camera(sim: CameraSim) -> Iterator[Camera]:
    cam = _camera(sim.url)
    cam.open()
    yield cam
    cam.close()


def _state(cam: Camera, wait_until: Wait, state: DeviceState) -> CameraStatus:
    st: CameraStatus = wait_until(lambda: (s := cam.status()).state == state and s, what=f"camera {state}")
    return st


def test_registry_builds_the_camera_and_it_takes_a_photo(sim: CameraSim) -> None:
    with make_device("camera", CameraConfig(source=sim.url, timeout_s=2.0)) as cam:
        assert isinstance(cam, Camera)
        st = cam.status()
        assert st.state == DeviceState.ONLINE and st.present and not st.obstructed
        assert st.faults() == []
        res = cam.take_photo()
        assert res.ok, res.to_dict()
        assert res.photo is not None and res.photo.shape == (441, 358, 3)
        one_inch = cam.take_photo("one_inch")
        assert one_inch.photo is not None and one_inch.photo.shape == (413, 295, 3)


def test_frames_are_fresh_and_come_from_the_grabber_thread(camera: Camera, sim: CameraSim, wait_until: Wait) -> None:
    seen = [camera.frame() for _ in range(3)]
    assert all(f.shape == (480, 640, 3) for f in seen)
    grabber = camera._grabber
    assert grabber is not None and grabber._thread is not None
    assert grabber._thread is not threading.current_thread() and grabber._thread.is_alive()
    # the grabber goes on reading by itself, whoever asks (a loaded machine may not have read 3 by now)
    served = sim.frames_served
    wait_until(lambda: sim.frames_served >= served + 3, what="the grabber reading on")


def test_sim_faults_reach_the_status_model(camera: Camera, sim: CameraSim, wait_until: Wait) -> None:
    sim.apply_event("black", {})
    st = _state(camera, wait_until, DeviceState.HARDWARE_ERROR)
    assert st.reason == REASON_BLACK and st.present
    assert st.faults() == ["camera.hardware_error"]

    sim.apply_event("cover", {})
    st = _state(camera, wait_until, DeviceState.USER_ERROR)
    assert st.obstructed and st.reason == REASON_COVERED
    assert st.faults() == ["camera.obstructed"]
    wait_until(lambda: lens_state(camera.frame(), camera.config.lens)[0] == "covered", what="covered frame")
    with pytest.raises(DeviceUserError) as err:
        camera.take_photo()
    assert err.value.reason == REASON_COVERED

    sim.apply_event("clear", {})
    _state(camera, wait_until, DeviceState.ONLINE)

    sim.apply_event("unplug", {})
    st = _state(camera, wait_until, DeviceState.NO_DEVICE)
    assert not st.present and st.reason == REASON_MISSING
    assert st.faults() == ["camera.missing"]
    with pytest.raises(DeviceOffline) as gone:
        camera.frame(timeout=0.5)
    assert gone.value.reason == REASON_MISSING

    sim.apply_event("plug", {})
    _state(camera, wait_until, DeviceState.ONLINE)  # the grabber reconnects on its own
    assert camera.take_photo().ok


def test_scene_change_reaches_the_photo_checks(camera: Camera, sim: CameraSim, wait_until: Wait) -> None:
    sim.apply_event("scene", {"value": "two_faces"})
    res = wait_until(lambda: (r := camera.take_photo()).problems and r.problems[0].code == "several_faces" and r,
                     what="two faces")
    assert res.reason == "画面中只能有一个人"
    sim.apply_event("scene", {"value": "dark"})
    res = wait_until(lambda: (r := camera.take_photo()).problems and r.problems[0].code == "too_dark" and r,
                     what="dark scene")
    assert res.reason == "光线太暗"


def test_undecodable_frames_are_a_hardware_error_not_a_missing_camera(camera: Camera, sim: CameraSim,
                                                                      wait_until: Wait) -> None:
    sim.apply_event("corrupt", {})
    seen: list[DeviceState] = []

    def settled() -> bool:
        seen.append(camera.status().state)
        return seen[-1] == DeviceState.HARDWARE_ERROR

    wait_until(settled, what="corrupt frames noticed")
    assert DeviceState.NO_DEVICE not in seen  # the camera is there: no camera.missing flapping
    assert camera.status().reason == REASON_FAILING
    with pytest.raises(DeviceHardwareError):
        camera.frame(timeout=0.5)
    sim.apply_event("clear", {})
    _state(camera, wait_until, DeviceState.ONLINE)


def test_a_frozen_stream_never_blocks_a_caller(camera: Camera, sim: CameraSim, wait_until: Wait) -> None:
    sim.apply_event("freeze", {})
    limit = 2 * camera.config.timeout_s + 1  # status() waits at most one timeout for a fresh frame

    def timed_status() -> CameraStatus | None:
        t0 = time.monotonic()
        st = camera.status()
        assert time.monotonic() - t0 < limit
        return st if st.state != DeviceState.ONLINE else None

    st = wait_until(timed_status, what="stall noticed")
    # Open but silent is "no picture"; once the grabber's reopen fails too it is a missing camera.
    assert (st.state, st.reason) in {(DeviceState.OFFLINE, REASON_STALLED), (DeviceState.NO_DEVICE, REASON_MISSING),
                                     (DeviceState.HARDWARE_ERROR, REASON_FAILING)}
    t0 = time.monotonic()
    with pytest.raises(DeviceError):
        camera.frame(timeout=0.5)
    assert time.monotonic() - t0 < 2
    sim.apply_event("clear", {})
    _state(camera, wait_until, DeviceState.ONLINE)


def test_missing_source_is_no_device_not_a_crash(tmp_path: Path) -> None:
    cams = [_camera(str(tmp_path / "clip.mp4"), timeout_s=0.5),
            _camera("/dev/zizhu-test-no-such-camera", timeout_s=0.5),
            _camera("/dev/null", timeout_s=0.5)]  # a device node that is no V4L2 camera (read-only, harmless)
    for c in cams:
        with pytest.raises(DeviceOffline) as err:
            c.open()
        assert err.value.reason == REASON_MISSING
        st = c.status()
        assert st.state == DeviceState.NO_DEVICE and st.faults() == ["camera.missing"]
        result = c.self_test()
        assert not result.ok and result.summary == REASON_MISSING
        c.close()


def test_still_image_source_follows_the_file(tmp_path: Path, wait_until: Wait) -> None:
    img = tmp_path / "frame.png"
    cv2.imwrite(str(img), scenes.portrait())
    cam = _camera(str(img))
    with cam:
        assert cam.take_photo().ok
        tmp = tmp_path / "next.png"
        cv2.imwrite(str(tmp), scenes.black())
        tmp.replace(img)  # atomic, as a writer of frames must
        _state(cam, wait_until, DeviceState.HARDWARE_ERROR)
        img.unlink()
        _state(cam, wait_until, DeviceState.NO_DEVICE)


def test_video_file_source_loops(tmp_path: Path) -> None:
    path = tmp_path / "clip.avi"
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter.fourcc(*"MJPG"), 10, (640, 480))
    assert writer.isOpened()
    for i in range(3):
        writer.write(scenes.portrait() if i % 2 == 0 else scenes.covered())
    writer.release()
    with _camera(str(path)) as cam:
        frames = [cam.frame() for _ in range(8)]  # more than the clip holds: it loops
    assert len(frames) == 8
    assert {lens_state(f, cam.config.lens)[0] for f in frames} == {"clear", "covered"}


def test_source_kinds() -> None:
    assert source_kind("/dev/zizhu/camera") == SourceKind.DEVICE
    assert source_kind("0") == SourceKind.DEVICE
    assert source_kind("http://127.0.0.1:8080/video.mjpg") == SourceKind.STREAM
    assert source_kind("/srv/a.JPG") == SourceKind.IMAGE
    assert source_kind("/srv/a.mp4") == SourceKind.VIDEO


def test_lens_state_thresholds() -> None:
    th = CameraConfig(source="x").lens
    assert lens_state(scenes.black(), th)[0] == "black"
    assert lens_state(scenes.covered(), th)[0] == "covered"
    assert lens_state(scenes.portrait(), th)[0] == "clear"
    assert lens_state(scenes.background(), th)[0] == "clear"  # an empty white booth is not a covered lens
    noisy_dark = np.full((480, 640, 3), 20, np.uint8)
    noisy_dark[120:360, 160:480] = 80  # dark but with something in it: a dim room, not a covered lens
    assert lens_state(noisy_dark, th)[0] == "clear"


def test_self_test_reports_the_snapshot_checks(camera: Camera, sim: CameraSim, wait_until: Wait) -> None:
    result = camera.self_test()
    assert result.ok and result.details["photo"]["ok"]
    assert result.details["frame"] == "640x480"
    d = result.to_dict()
    assert d["status"]["state"] == "online"
    sim.apply_event("cover", {})
    _state(camera, wait_until, DeviceState.USER_ERROR)
    result = camera.self_test()
    assert not result.ok and result.summary == REASON_COVERED


def test_an_outage_is_logged_once_and_its_end_once(camera: Camera, sim: CameraSim, wait_until: Wait,
                                                   caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="drivers.camera")
    assert camera.status().state == DeviceState.ONLINE
    caplog.clear()
    sim.apply_event("unplug", {})
    _state(camera, wait_until, DeviceState.NO_DEVICE)
    for _ in range(5):
        assert camera.status().state == DeviceState.NO_DEVICE
    sim.apply_event("plug", {})
    _state(camera, wait_until, DeviceState.ONLINE)
    for _ in range(5):
        camera.status()
    driver_lines = [r.getMessage() for r in caplog.records if r.name == "drivers.camera.driver"]
    assert sum("no_device" in m for m in driver_lines) == 1
    assert sum(m.startswith("camera camera: online") for m in driver_lines) == 1
