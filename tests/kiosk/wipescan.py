"""The wipe tests' scan of the Python heap: every picture still alive — a numpy frame, a QImage,
JPEG bytes, a PDF — that a test's ``judge`` says holds the citizen's (a face, a page). Arrays, bytes
and QImages are not tracked by the collector: what tracked objects refer to is looked at too."""

from __future__ import annotations

import gc
from collections.abc import Callable
from typing import Any

import cv2
import numpy as np
from PySide6.QtGui import QImage


def _holders(obj: Any) -> str:
    """What refers to ``obj``, for the failure's message: where a picture was left."""
    return "; ".join(f"{type(r).__name__} {str(r)[:120]!r}" for r in gc.get_referrers(obj)[:4])


def pictures_alive(judge: Callable[[Any], bool], exclude: set[int], *, min_side: int, pdfs: bool = False,
                   keep: list[Any] | None = None, holders: bool = False) -> list[str]:
    """What holds a picture ``judge`` recognises (any PDF too, with ``pdfs``), one line each, besides the
    objects in ``exclude`` (ids) and views of them; ``keep`` collects the objects themselves."""
    found: list[str] = []
    seen: set[int] = set()

    def hit(obj: Any, what: str) -> None:
        found.append(f"{what} held by {_holders(obj)}" if holders else what)
        if keep is not None:
            keep.append(obj)

    for obj in (ref for holder in gc.get_objects() for ref in (holder, *gc.get_referents(holder))):
        if id(obj) in exclude or id(obj) in seen:
            continue
        seen.add(id(obj))
        try:
            if isinstance(obj, np.ndarray) and obj.dtype == np.uint8 and obj.ndim in (2, 3) \
                    and min(obj.shape[:2]) >= min_side and (obj.ndim == 2 or obj.shape[2] in (3, 4)):
                if obj.base is not None and id(obj.base) in exclude:
                    continue
                if judge(obj):
                    hit(obj, f"ndarray {obj.shape}")
            elif isinstance(obj, QImage) and not obj.isNull() and min(obj.width(), obj.height()) >= min_side:
                if judge(obj):
                    hit(obj, f"QImage {obj.width()}x{obj.height()}")
            elif pdfs and isinstance(obj, bytes | bytearray) and obj[:5] == b"%PDF-":
                hit(obj, f"PDF of {len(obj)} bytes")
            elif isinstance(obj, bytes | bytearray) and obj[:3] == b"\xff\xd8\xff":
                img = cv2.imdecode(np.frombuffer(obj, np.uint8), cv2.IMREAD_COLOR)
                if img is not None and judge(img):
                    hit(obj, f"JPEG of {len(obj)} bytes")
        except ReferenceError:
            continue
    return found
