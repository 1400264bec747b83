"""Submitting materials (自助申报) photographed at the terminal's document camera (高拍仪): the pages
as one PDF attached to a citizen's case (docs/kiosk-backend.md § Submitting materials).

A separate protocol beside :class:`kiosk.backend.model.Backend`, like the photo's: a platform
that takes no materials need not serve it. Both back ends of the kiosk (the demo's, the HTTP
adapter) implement it.

The pages are personal data: they travel once, in the request body, as one PDF of A4 pages
(each a JPEG at ``dpi``, drivers/camera/document.py), and the kiosk keeps no copy — not on disk,
not after the session. ``submission_id`` is the idempotency key: the kiosk makes one per
submission, so a call repeated after a lost answer attaches the PDF once and answers the same.
"""

from __future__ import annotations

from typing import Annotated, Protocol

import msgspec
from msgspec import Meta

SUBMISSION_ID = r"^[0-9a-f]{32}\Z"
MAX_PDF_BYTES = 12 * 1024 * 1024  # 20 A4 pages at 150 dpi, JPEG quality 80: about 4–6 MB
MAX_PAGES = 50


class _Model(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    pass


class MaterialsUpload(_Model, frozen=True, kw_only=True):
    """The pages, as the kiosk sends them. ``repr`` never shows them."""

    submission_id: Annotated[str, Meta(pattern=SUBMISSION_ID,
                                       description="the kiosk's key for this submission (uuid4 hex)")]
    pages: Annotated[int, Meta(ge=1, le=MAX_PAGES, description="pages in the PDF")]
    dpi: Annotated[int, Meta(ge=72, le=300, description="each page's resolution (A4 1240 × 1754 px at 150)")]
    pdf: Annotated[bytes, Meta(min_length=8, max_length=MAX_PDF_BYTES, description="the PDF; base64 in JSON")]

    def __post_init__(self) -> None:
        if not self.pdf.startswith(b"%PDF-"):
            raise ValueError("pdf: not a PDF (it must start with %PDF-)")

    def __repr__(self) -> str:
        return f"MaterialsUpload({self.submission_id}, {self.pages} pages, {len(self.pdf)} bytes)"

    __str__ = __repr__


class MaterialsReceipt(_Model, frozen=True, kw_only=True):
    """The platform's answer: the pages are stored with the case."""

    case_no: Annotated[str, Meta(pattern=r"^[0-9]{6,24}\Z")]
    submission_id: Annotated[str, Meta(pattern=SUBMISSION_ID)]
    pages: Annotated[int, Meta(ge=1, le=MAX_PAGES)]


class MaterialsBackend(Protocol):
    def attach_materials(self, case_no: str, upload: MaterialsUpload) -> MaterialsReceipt:
        """Store the PDF with the case: :class:`~kiosk.backend.model.NotFound` for an unknown case,
        :class:`~kiosk.backend.model.BackendError` for one that takes no materials (closed)."""
        ...
