"""The ID-photo camera (证件照摄像头): frames off the UI thread, lens checks, the photo pipeline.

``Camera(config, name=...)`` implements :class:`drivers.base.Device`. Its status is a
:class:`~wire.status.CameraStatus`: ``no_device`` when the source cannot be opened or stopped
delivering (unplugged), ``offline`` when it is open but frames stopped coming, ``hardware_error``
for all-black frames (dead sensor) or frames that cannot be decoded, ``obstructed`` for a covered
lens, otherwise ``online``.
"""

from __future__ import annotations

import logging
import time
from typing import Any

import cv2
import numpy as np

from drivers.base import (
    Device,
    DeviceError,
    DeviceHardwareError,
    DeviceOffline,
    DeviceTimeout,
    DeviceUserError,
    SelfTestResult,
)
from drivers.camera.capture import Frame, FrameGrabber, Link
from drivers.camera.config import CameraConfig, LensThresholds
from drivers.camera.photo import PhotoResult, check_photo
from wire.status import CameraStatus, DeviceState

NOT_OPEN = "摄像头未打开"  # the reason for a camera not opened (status and calls)
log = logging.getLogger(__name__)

REASON_MISSING = "未检测到摄像头（设备未连接或无法打开）"
REASON_STALLED = "摄像头没有画面（超时）"
REASON_BLACK = "摄像头画面全黑（图像传感器故障）"
REASON_COVERED = "摄像头被遮挡，请移开遮挡物"
REASON_FAILING = "摄像头画面异常（图像无法读取，检查连接线）"


def lens_state(frame: Frame, th: LensThresholds) -> tuple[str, dict[str, float]]:
    """``"black"``, ``"covered"`` or ``"clear"``, judged on a small grey copy of the frame."""
    small = cv2.resize(frame, (160, 120), interpolation=cv2.INTER_AREA)
    gray = cv2.cvtColor(small, cv2.COLOR_BGR2GRAY)
    measures = {"mean": round(float(gray.mean()), 1), "std": round(float(gray.std()), 1),
                "max": float(np.max(gray))}
    if measures["max"] <= th.black_max_level:
        return "black", measures
    if measures["mean"] <= th.covered_max_mean and measures["std"] <= th.covered_max_std:
        return "covered", measures
    return "clear", measures


class Camera(Device):
    def __init__(self, config: CameraConfig, name: str = "camera") -> None:
        self.config = config
        self.name = name
        self._grabber: FrameGrabber | None = None
        self._last_seq = 0
        self._last_state: DeviceState | None = None

    # --- Device --------------------------------------------------------------------------
    def open(self) -> None:
        """Start the grabber and wait for the first frame (at most ``timeout_s``)."""
        if self._grabber is None:
            self._grabber = FrameGrabber(self.config.source, width=self.config.width, height=self.config.height,
                                         read_timeout_s=self.config.timeout_s,
                                         reconnect_s=self.config.reconnect_s, name=self.name)
            self._grabber.start()
        g = self._grabber
        g.wait_link(self.config.timeout_s)  # a missing camera fails at once, not after the timeout
        self._raise_if_broken(g)
        if g.latest() is not None:
            return
        raise DeviceTimeout(f"camera {self.name}: no frame from {self.config.source} in {self.config.timeout_s}s",
                            REASON_STALLED)

    def close(self) -> None:
        if self._grabber is not None:
            self._grabber.stop()
            self._grabber = None

    def frame(self, timeout: float | None = None) -> Frame:
        """A live frame: newer than the last one returned and at most ``max_frame_age_s`` old.

        Raises DeviceOffline / DeviceHardwareError / DeviceTimeout.
        """
        g = self._require_open()
        self._raise_if_broken(g)  # frames still buffered from before are not a live picture
        got = g.next_frame(self._last_seq, self.config.timeout_s if timeout is None else timeout,
                           max_age=self.config.max_frame_age_s)
        if got is None:
            self._raise_if_broken(g)
            raise DeviceTimeout(f"camera {self.name}: no new frame", REASON_STALLED)
        self._last_seq = got.seq
        return got.frame

    def live_frame(self, after_seq: int, timeout: float) -> tuple[int, Frame]:
        """``(seq, frame)``: the newest frame after ``after_seq``, for a live preview on its own thread.

        Unlike :meth:`frame` it keeps no state of the caller's, so a preview thread may read the
        grabber (built for many readers) while the device thread polls the status; opening and
        closing stay with the device thread. Waits at most ``timeout``; raises like :meth:`frame`.
        """
        g = self._require_open()
        self._raise_if_broken(g)
        got = g.next_frame(after_seq, timeout, max_age=self.config.max_frame_age_s)
        if got is None:
            self._raise_if_broken(g)
            raise DeviceTimeout(f"camera {self.name}: no new frame", REASON_STALLED)
        return got.seq, got.frame

    def forget(self) -> None:
        """Drop the buffered frame (a session ended: whoever stood there is not kept)."""
        if self._grabber is not None:
            self._grabber.forget()

    def _raise_if_broken(self, g: FrameGrabber) -> None:
        link = g.link()
        if link == Link.LOST:
            raise DeviceOffline(f"camera {self.name}: {g.error}", REASON_MISSING)
        if link == Link.FAILING:
            raise DeviceHardwareError(f"camera {self.name}: {g.error}", REASON_FAILING)

    def status(self) -> CameraStatus:
        try:
            st = self._status()
        except Exception as exc:  # status() never raises: a failure is a status
            log.exception("camera %s: status failed", self.name)
            st = CameraStatus(name=self.name, state=DeviceState.UNKNOWN, reason=f"状态未知: {exc}")
        if st.state != self._last_state:  # report a change once, not once per poll
            self._last_state = st.state
            level = logging.INFO if st.state == DeviceState.ONLINE else logging.WARNING
            log.log(level, "camera %s: %s %s", self.name, st.state.value, st.reason)
        return st

    def _status(self) -> CameraStatus:
        g = self._grabber
        if g is None:
            return CameraStatus(name=self.name, state=DeviceState.OFFLINE, reason=NOT_OPEN)
        if g.link() == Link.CONNECTING:
            g.wait_link(self.config.timeout_s)
        broken = self._link_status(g)
        if broken is not None:
            return broken
        latest = g.latest()
        if latest is None or time.monotonic() - latest.at > self.config.timeout_s:
            # Wait for one fresh frame before calling it stalled.
            latest = g.next_frame(latest.seq if latest else 0, self.config.timeout_s)
        if latest is None:
            return self._link_status(g) or CameraStatus(name=self.name, state=DeviceState.OFFLINE, present=True,
                                                        reason=REASON_STALLED)
        lens, _ = lens_state(latest.frame, self.config.lens)
        if lens == "black":
            return CameraStatus(name=self.name, state=DeviceState.HARDWARE_ERROR, present=True, reason=REASON_BLACK)
        if lens == "covered":
            return CameraStatus(name=self.name, state=DeviceState.USER_ERROR, present=True, obstructed=True,
                                reason=REASON_COVERED)
        return CameraStatus(name=self.name, state=DeviceState.ONLINE, present=True)

    def _link_status(self, g: FrameGrabber) -> CameraStatus | None:
        link = g.link()
        if link == Link.LOST:
            return CameraStatus(name=self.name, state=DeviceState.NO_DEVICE, present=False, reason=REASON_MISSING)
        if link == Link.FAILING:
            return CameraStatus(name=self.name, state=DeviceState.HARDWARE_ERROR, present=True,
                                reason=REASON_FAILING)
        return None

    # --- ID photo ------------------------------------------------------------------------
    def take_photo(self, size: str | None = None, timeout: float | None = None) -> PhotoResult:
        """Check a fresh frame for an ID photo of ``size`` (default: the configured one)."""
        frame = self.frame(timeout)
        lens, _ = lens_state(frame, self.config.lens)
        if lens == "covered":
            raise DeviceUserError(f"camera {self.name}: lens covered", REASON_COVERED)
        return check_photo(frame, self.config.spec(size), self.config.photo)

    def self_test(self) -> SelfTestResult:
        """Open, take one snapshot through the photo checks, report the lens and the checks."""
        details: dict[str, Any] = {"source": self.config.source, "photo_size": self.config.photo_size}
        try:
            self.open()
            frame = self.frame()
        except DeviceError as exc:
            st = self.status()
            return SelfTestResult(self.name, False, exc.reason, details, st)
        details["frame"] = f"{frame.shape[1]}x{frame.shape[0]}"
        lens, measures = lens_state(frame, self.config.lens)
        details["lens"] = {"state": lens, **measures}
        st = self.status()
        if st.state != DeviceState.ONLINE:
            return SelfTestResult(self.name, False, st.reason, details, st)
        t0 = time.perf_counter()
        photo = check_photo(frame, self.config.spec(), self.config.photo)
        details["photo_ms"] = round((time.perf_counter() - t0) * 1000, 1)
        details["photo"] = photo.to_dict()
        # The camera is healthy whether or not someone stands in front of it; the photo outcome
        # is shown so a technician standing there can check the whole chain.
        summary = "摄像头正常；照片检查通过" if photo.ok else f"摄像头正常；照片检查：{photo.reason}"
        return SelfTestResult(self.name, True, summary, details, st)

    def _require_open(self) -> FrameGrabber:
        if self._grabber is None:
            raise DeviceOffline(f"camera {self.name}: not open", NOT_OPEN)
        return self._grabber
