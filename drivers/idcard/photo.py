"""The card's photo: 1024 bytes of WLT, decodable only by a licensed vendor library.

No open decoder exists (docs/protocols/idcard.md §Photo (WLT)): the photo stays opaque bytes on the card, and a
terminal with a vendor licence names an adapter class in its config
(``photo_decoder = "vendor_pkg.wlt:Decoder"``) that turns WLT into the 102×126 24-bit BMP.
"""

from __future__ import annotations

import importlib
from typing import Protocol, runtime_checkable

from drivers.base import DeviceHardwareError

WLT_LEN = 1024
BMP_WIDTH, BMP_HEIGHT = 102, 126
# 14-byte file header + 40-byte info header + 126 rows of 102×3 bytes padded to 308.
BMP_LEN = 14 + 40 + 308 * BMP_HEIGHT
NO_DECODER_REASON = "证件照片解码需要厂商授权库，本机未配置"


class PhotoUnavailable(DeviceHardwareError):
    """The photo cannot be decoded here (no licensed decoder, or it refused the data)."""


@runtime_checkable
class WltDecoder(Protocol):
    def decode(self, wlt: bytes) -> bytes:
        """1024 bytes of WLT → a 102×126 24-bit BMP file (38 862 bytes)."""


class NoWltDecoder:
    """The default: says plainly that the photo needs the vendor's licensed library."""

    def decode(self, wlt: bytes) -> bytes:
        raise PhotoUnavailable("no WLT decoder configured", NO_DECODER_REASON)


def load_decoder(spec: str | None) -> WltDecoder:
    """``"module:Class"`` → an instance of that adapter; ``None`` → :class:`NoWltDecoder`."""
    if not spec:
        return NoWltDecoder()
    module_name, _, cls_name = spec.partition(":")
    try:
        obj = getattr(importlib.import_module(module_name), cls_name)()
    except (ImportError, AttributeError, TypeError) as exc:
        raise PhotoUnavailable(f"cannot load WLT decoder {spec!r}: {exc}", NO_DECODER_REASON) from None
    if not isinstance(obj, WltDecoder):
        raise PhotoUnavailable(f"{spec!r} has no decode(wlt) method", NO_DECODER_REASON)
    return obj


def decode_photo(decoder: WltDecoder, wlt: bytes) -> bytes:
    """Run the adapter and check what it returns, so a broken vendor library is caught here."""
    if len(wlt) != WLT_LEN:
        raise PhotoUnavailable(f"WLT of {len(wlt)} bytes, expected {WLT_LEN}", "证件照片数据不完整")
    bmp = decoder.decode(wlt)
    if len(bmp) != BMP_LEN or bmp[:2] != b"BM":
        raise PhotoUnavailable(f"decoder returned {len(bmp)} bytes, not a {BMP_LEN}-byte BMP",
                               "证件照片解码失败")
    return bmp
