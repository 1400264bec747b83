"""Attaching an ID photo (证件照) taken at the terminal to a citizen's case
(docs/kiosk-backend.md § Attaching an ID photo).

A separate protocol beside :class:`kiosk.backend.model.Backend`, like the locker's: a platform
that takes no photos need not serve it. Both back ends of the kiosk (the demo's, the HTTP adapter)
implement it.

The photo is personal data: it travels once, in the request body, as JPEG of the chosen size
(GA 461 resident ID 358 × 441, or one-inch 295 × 413), and the kiosk keeps no copy — not on disk,
not after the session. ``photo_id`` is the idempotency key: the kiosk makes one per kept photo,
so a call repeated after a lost answer attaches it once and answers the same.
"""

from __future__ import annotations

from typing import Annotated, Literal, Protocol

import msgspec
from msgspec import Meta

PHOTO_ID = r"^[0-9a-f]{32}\Z"
MAX_PHOTO_BYTES = 160 * 1024  # a cropped 358 × 441 JPEG is 20–50 kB


class _Model(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    pass


class PhotoUpload(_Model, frozen=True, kw_only=True):
    """The kept photo, as the kiosk sends it. ``repr`` never shows the picture."""

    photo_id: Annotated[str, Meta(pattern=PHOTO_ID, description="the kiosk's key for this photo (uuid4 hex)")]
    size: Annotated[Literal["resident_id", "one_inch"], Meta(description="居民身份证 358×441 / 一寸 295×413")]
    width: Annotated[int, Meta(ge=100, le=2000)]
    height: Annotated[int, Meta(ge=100, le=2000)]
    dpi: Annotated[int, Meta(ge=72, le=1200)]
    jpeg: Annotated[bytes, Meta(min_length=4, max_length=MAX_PHOTO_BYTES,
                                description="the photo, JPEG; base64 in JSON")]

    def __repr__(self) -> str:
        return f"PhotoUpload({self.photo_id}, {self.size}, {self.width}x{self.height}, {len(self.jpeg)} bytes)"

    __str__ = __repr__


class PhotoReceipt(_Model, frozen=True, kw_only=True):
    """The platform's answer: the photo is stored with the case."""

    case_no: Annotated[str, Meta(pattern=r"^[0-9]{6,24}\Z")]
    photo_id: Annotated[str, Meta(pattern=PHOTO_ID)]


class PhotoBackend(Protocol):
    def attach_photo(self, case_no: str, upload: PhotoUpload) -> PhotoReceipt:
        """Store the photo with the case: :class:`~kiosk.backend.model.NotFound` for an unknown case,
        :class:`~kiosk.backend.model.BackendError` for one that takes no photo (closed)."""
        ...
