"""Camera scenes for the simulator, the tests and the benchmark — synthetic or public domain only.

The only face is scikit-image's ``astronaut`` (NASA, public domain; Eileen Collins), cut out with a
fixed head-and-shoulders mask and composed onto a chosen background. No photo of a private
person is ever needed. scikit-image is a test dependency: importing it is deferred to the first
scene that shows the astronaut, so the driver itself never needs it.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

import cv2
import numpy as np
import numpy.typing as npt

from drivers.camera import docscenes
from drivers.camera.capture import Frame

BGR = tuple[int, int, int]

WHITE: BGR = (255, 255, 255)
GREY: BGR = (150, 150, 150)
BLUE: BGR = (243, 191, 0)  # the "blue background" of ID photos, R0 G191 B243, in BGR

# Where things are in the 512×512 astronaut (measured once with haarcascade_frontalface_default).
_FACE_BOX = (177, 66, 95, 95)  # x, y, w, h
_FACE_CENTRE = (_FACE_BOX[0] + _FACE_BOX[2] / 2, _FACE_BOX[1] + _FACE_BOX[3] / 2)


@functools.cache
def _astronaut() -> tuple[Frame, npt.NDArray[np.float32]]:
    """The astronaut in BGR and a soft mask of her head and shoulders (1 = person)."""
    try:
        from skimage import data
    except ImportError:  # pragma: no cover - depends on the install
        raise RuntimeError("the astronaut scenes need scikit-image (pip install 'zizhu[test]')") from None
    img = cv2.cvtColor(np.ascontiguousarray(data.astronaut()), cv2.COLOR_RGB2BGR)  # type: ignore[no-untyped-call]
    mask = np.zeros(img.shape[:2], np.uint8)
    cv2.ellipse(mask, (226, 100), (76, 88), 0, 0, 360, 255, -1)  # head with hair
    cv2.fillPoly(mask, [np.array([[196, 170], [256, 170], [300, 230], [370, 300], [385, 511],
                                  [20, 511], [60, 300], [130, 230]], np.int32)], 255)  # neck, suit
    soft = cv2.GaussianBlur(mask, (0, 0), 2.0).astype(np.float32) / 255.0
    return img, soft


def background(size: tuple[int, int] = (640, 480), colour: BGR = WHITE) -> Frame:
    w, h = size
    return np.full((h, w, 3), colour, np.uint8)


def gradient_background(size: tuple[int, int] = (640, 480), left: int = 255, right: int = 150) -> Frame:
    """A background lit from one side: white on the left, grey on the right."""
    w, h = size
    row = np.linspace(left, right, w, dtype=np.float32)
    grey = np.repeat(row[None, :], h, axis=0).astype(np.uint8)
    return cv2.cvtColor(grey, cv2.COLOR_GRAY2BGR)


def place_astronaut(frame: Frame, face_width: float = 150.0, centre: tuple[float, float] | None = None) -> Frame:
    """Paste the astronaut onto ``frame`` with her face ``face_width`` px wide, centred at ``centre``."""
    img, mask = _astronaut()
    h, w = frame.shape[:2]
    cx, cy = centre if centre is not None else (w / 2, h * 0.4)
    s = face_width / _FACE_BOX[2]
    m = np.array([[s, 0, cx - s * _FACE_CENTRE[0]], [0, s, cy - s * _FACE_CENTRE[1]]], np.float32)
    person = cv2.warpAffine(img, m, (w, h), flags=cv2.INTER_LINEAR, borderValue=(0, 0, 0))
    alpha = cv2.warpAffine(mask, m, (w, h), flags=cv2.INTER_LINEAR, borderValue=0.0)[..., None]
    out = person.astype(np.float32) * alpha + frame.astype(np.float32) * (1.0 - alpha)
    composed: Frame = np.clip(out + 0.5, 0, 255).astype(np.uint8)
    return composed


def portrait(size: tuple[int, int] = (640, 480), colour: BGR = WHITE, face_width: float = 150.0,
             centre: tuple[float, float] | None = None) -> Frame:
    """The astronaut in front of a plain background: a frame that should make a good ID photo."""
    return place_astronaut(background(size, colour), face_width, centre)


def two_faces(size: tuple[int, int] = (640, 480)) -> Frame:
    w, h = size
    frame = place_astronaut(background(size), 110, (w * 0.28, h * 0.4))
    return place_astronaut(frame, 110, (w * 0.72, h * 0.4))


def darkened(frame: Frame, factor: float = 0.22) -> Frame:
    out: Frame = np.clip(frame.astype(np.float32) * factor, 0, 255).astype(np.uint8)
    return out


def blurred(frame: Frame, sigma: float = 4.0) -> Frame:
    return cv2.GaussianBlur(frame, (0, 0), sigma)


def black(size: tuple[int, int] = (640, 480)) -> Frame:
    return background(size, (0, 0, 0))


def covered(size: tuple[int, int] = (640, 480), seed: int = 7) -> Frame:
    """A hand or a sticker over the lens: dark, reddish, a little sensor noise, no detail."""
    rng = np.random.default_rng(seed)
    frame = background(size, (18, 20, 34)).astype(np.int16)
    frame += rng.integers(-3, 4, frame.shape, dtype=np.int16)
    return np.clip(frame, 0, 255).astype(np.uint8)


# The scenes the simulator can show by name (``scene`` event, ``--scene``).
SCENES: dict[str, Callable[[tuple[int, int]], Frame]] = {
    "portrait": portrait,
    "one_inch_portrait": lambda size: portrait(size, face_width=135),
    "grey_background": lambda size: portrait(size, GREY),
    "blue_background": lambda size: portrait(size, BLUE),
    "uneven_background": lambda size: place_astronaut(gradient_background(size, 255, 190), 150),
    "dark": lambda size: darkened(portrait(size)),
    "blurred": lambda size: blurred(portrait(size)),
    "two_faces": two_faces,
    "empty": background,
    "off_centre": lambda size: portrait(size, centre=(size[0] * 0.17, size[1] * 0.4)),
    "too_far": lambda size: portrait(size, face_width=76),
}
# Documents on the desk for the document capture (高拍仪, drivers/camera/docscenes.py): a three-page
# form at angles (document_1 … document_3), document_blurred, document_cut_off, desk_empty.
SCENES.update(docscenes.SCENES)


def scene(name: str, size: tuple[int, int] = (640, 480)) -> Frame:
    try:
        make = SCENES[name]
    except KeyError:
        raise ValueError(f"unknown scene {name!r}; known: {', '.join(SCENES)}") from None
    return make(size)
