"""Slip templates as data (``templates/*.toml``) and their rendering to our ESC/POS bytes.

A template is a list of blocks (text, fields, list, rule, qr, feed, cut) with ``{placeholders}``.
A text block marked ``mongolian`` names a source string of the kiosk's Qt translations (its own
text, or another such as the screen's ``咨询电话：%1``; kiosk/i18n/zizhu_mn.ts); given the translations,
:func:`render` prints them as vertical Mongolian in ``GS v 0`` raster bands just before the Chinese,
which stays complete on its own (docs/mongolian-slips.md).
Placeholders may mask personal data on the way: ``{applicant:name}`` → ``张*``, ``{id_no:id}`` →
``1501**********1234``, ``{phone:phone}`` → ``138****5678`` (the one masking helper,
:mod:`ground.logs`). A missing value or a bad template is a :class:`TemplateError` naming the
template and the key, raised before a byte reaches the printer.

The rendering also keeps a transcript: the lines a citizen reads, in the same conventions as the
simulator's text rendering (:data:`QR_MARK`, :data:`CUT_MARK`), so a test can compare the two.
"""

from __future__ import annotations

import string
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from importlib.resources.abc import Traversable
from typing import Annotated, Any, Literal

import msgspec
from msgspec import Meta

from drivers.printer import codec, mongolian
from ground.configbase import convert, problems
from ground.logs import mask_id_number, mask_name, mask_phone

TEMPLATE_DIR: Traversable = files("drivers.printer").joinpath("templates")  # package data
QR_MARK = "[QR] "  # transcript line of a QR code: QR_MARK + its data
CUT_MARK = "✂" + "-" * 15  # transcript line of a cut


def raster_mark(width: int, rows: int) -> str:
    """Transcript line of one ``GS v 0`` band, ``width`` × ``rows`` dots (the simulator's too)."""
    return f"[image {width}x{rows}]"


class TemplateError(ValueError):
    """A template that cannot be used, or data that does not fill it."""


# --------------------------------------------------------------------------------------------
# Template model
# --------------------------------------------------------------------------------------------

# Like a configuration section (ground.configbase.Section), but text is kept as written: spaces count.
class _Block(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    kind: Literal["text", "fields", "list", "rule", "qr", "feed", "cut"]
    text: str = ""
    align: codec.Align = "left"
    bold: bool = False
    size: Annotated[tuple[int, int], Meta(description="width and height multipliers, 1..8")] = (1, 1)
    indent: Annotated[int, Meta(ge=0, le=8, description="indent of wrapped continuation lines, in cells")] = 0
    when: Annotated[str | None, Meta(description="render only when this data key is present and not empty")] = None
    rows: Annotated[list[tuple[str, str]], Meta(description="fields: (label, value) pairs")] = msgspec.field(
        default_factory=list)
    items: Annotated[str, Meta(description="list: the data key holding a list of tables")] = ""
    empty: Annotated[str, Meta(description="list: printed when the list is empty")] = ""
    char: Annotated[str, Meta(description="rule: the character repeated across the line")] = "-"
    data: Annotated[str, Meta(description="qr: what the code holds")] = ""
    qr_size: Annotated[int, Meta(ge=1, le=16)] = 6
    ec: Literal["L", "M", "Q", "H"] = "M"
    lines: Annotated[int, Meta(ge=0, le=255, description="feed: lines")] = 1
    partial: bool = True
    mongolian: Annotated[bool | str, Meta(description=(
        "text: print it in Mongolian too, as a raster just before it: true = the translation of this "
        "text (which has no placeholders), or the source string (Chinese, %1… for mongolian_args) whose "
        "translation to print, such as one the screen shows already"))] = False
    mongolian_args: Annotated[list[str], Meta(description="text: what %1, %2 … of the source string stand "
                                                          "for ({placeholders} allowed)")] = msgspec.field(
        default_factory=list)

    def __post_init__(self) -> None:
        if self.mongolian is not False and self.kind != "text":
            raise ValueError(f"only a text block can be printed in Mongolian, not a {self.kind} block")
        if self.mongolian is True and "{" in self.text:
            raise ValueError("mongolian = true needs a text without {placeholders}: name the source string "
                             "with %1 … and give mongolian_args")
        if self.mongolian == "":
            raise ValueError("mongolian: an empty source string")

    @property
    def mongolian_source(self) -> str | None:
        """The source string whose translation prints in Mongolian (None: none)."""
        if self.mongolian is False:
            return None
        return self.text if self.mongolian is True else self.mongolian


class SlipTemplate(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    name: str
    title: Annotated[str, Meta(description="what the slip is called (journal, job store)")]
    description: str = ""
    defaults: dict[str, Any] = msgspec.field(default_factory=dict)
    block: list[_Block]

    @classmethod
    def load(cls, path: Traversable) -> SlipTemplate:
        try:
            raw = tomllib.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise TemplateError(f"{path}: no such template") from None
        except tomllib.TOMLDecodeError as exc:
            raise TemplateError(f"{path}: not valid TOML: {exc}") from None
        data = {"name": path.name.removesuffix(".toml"), **raw}
        try:
            return convert(data, cls, strip=False)
        except msgspec.ValidationError:
            raise TemplateError("\n".join(f"{path}: {p}" for p in problems(data, cls, strip=False))) from None


def template_names() -> list[str]:
    return sorted(p.name.removesuffix(".toml") for p in TEMPLATE_DIR.iterdir() if p.name.endswith(".toml"))


def translatable(template: SlipTemplate | str) -> list[str]:
    """The source strings of a template's Mongolian blocks, as the translations know them."""
    tpl = load_template(template) if isinstance(template, str) else template
    return list(dict.fromkeys(b.mongolian_source for b in tpl.block if b.mongolian_source is not None))


@cache
def load_template(name: str) -> SlipTemplate:
    """A template shipped in ``drivers/printer/templates/`` by name (``notification``, …)."""
    if not name.replace("_", "").isalnum():
        raise TemplateError(f"bad template name {name!r}")
    path = TEMPLATE_DIR / f"{name}.toml"
    if not path.is_file():
        raise TemplateError(f"no slip template {name!r}; known: {', '.join(template_names())}")
    return SlipTemplate.load(path)


# --------------------------------------------------------------------------------------------
# Rendering
# --------------------------------------------------------------------------------------------

_MASKS = {"name": mask_name, "id": mask_id_number, "phone": mask_phone}


class _Formatter(string.Formatter):
    def __init__(self, template: str) -> None:
        self.template = template

    def get_value(self, key: int | str, args: Any, kwargs: Mapping[str, Any]) -> Any:
        if isinstance(key, int):
            raise TemplateError(f"template {self.template}: positional placeholder {{{key}}}; name it")
        if key not in kwargs:
            raise TemplateError(f"template {self.template}: data has no {key!r}")
        value = kwargs[key]
        if value is None:
            raise TemplateError(f"template {self.template}: {key!r} is empty")
        if not isinstance(value, str | int | float):
            raise TemplateError(f"template {self.template}: {key!r} must be text or a number, "
                                f"not {type(value).__name__}")
        return value

    def format_field(self, value: Any, format_spec: str) -> str:
        mask = _MASKS.get(format_spec)
        if mask is not None:
            return mask(str(value))
        try:
            return str(format(value, format_spec))
        except ValueError as exc:
            raise TemplateError(f"template {self.template}: bad format {format_spec!r}: {exc}") from None


@dataclass
class Rendered:
    """One slip, ready to send: the bytes, and what the citizen will read."""

    template: str
    title: str
    payload: bytes
    lines: list[str]
    breaks: list[int] = field(default_factory=list)  # byte offsets just after each printed line
    replaced: list[tuple[str, str]] = field(default_factory=list)
    # Mongolian that was asked for and is not on the slip, and why (the driver logs it and warns).
    not_in_mongolian: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    def chunks(self, max_bytes: int = 1024, max_lines: int = 12) -> list[bytes]:
        """The payload cut at line ends into pieces, so the driver can check progress between them."""
        out: list[bytes] = []
        start, lines = 0, 0
        for end in self.breaks:
            lines += 1
            if end - start >= max_bytes or lines >= max_lines:
                out.append(self.payload[start:end])
                start, lines = end, 0
        if start < len(self.payload):
            out.append(self.payload[start:])
        return out


class SlipWriter:
    """Builds one slip: our ESC/POS bytes and the transcript, line by line."""

    def __init__(self, encoder: codec.TextEncoder, columns: int) -> None:
        self.encoder = encoder
        self.columns = columns
        self.buf = bytearray(codec.INIT)
        self.lines: list[str] = []
        self.breaks: list[int] = []
        self._style: tuple[str, bool, tuple[int, int]] = ("left", False, (1, 1))

    def style(self, align: codec.Align = "left", bold: bool = False, size: tuple[int, int] = (1, 1)) -> None:
        old_align, old_bold, old_size = self._style
        if align != old_align:
            self.buf += codec.align(align)
        if bold != old_bold:
            self.buf += codec.bold(bold)
        if size != old_size:
            self.buf += codec.char_size(*size)
        self._style = (align, bold, size)

    def _end_line(self, transcript: str) -> None:
        self.lines.append(transcript)
        self.breaks.append(len(self.buf))

    def line(self, text: str) -> None:
        """One printed line, already fitted to the width."""
        self.buf += self.encoder.encode(text + "\n")
        self._end_line(self.encoder.printable(text))

    def paragraph(self, text: str, indent: int = 0) -> None:
        width = self.columns // self._style[2][0]
        for part in text.split("\n"):
            for line in codec.wrap(part, width, self.encoder, indent=indent):
                self.line(line)

    def rule(self, char: str = "-") -> None:
        self.line(char * (self.columns // max(1, self.encoder.width(char))))

    def qr(self, data: str, size: int, ec: Literal["L", "M", "Q", "H"]) -> None:
        self.style("center", self._style[1], self._style[2])
        self.buf += codec.qr_native(data, size=size, ec=ec)
        self._end_line(QR_MARK + data)

    def feed(self, lines: int) -> None:
        self.buf += codec.feed(lines)
        for _ in range(lines):
            self._end_line("")

    def raster(self, bitmap: mongolian.Bitmap, band_rows: int) -> None:
        """A 1-bit image at the left margin, in ``GS v 0`` bands of at most ``band_rows`` rows."""
        self.style("left", self._style[1], self._style[2])  # GS v 0 follows ESC a on some printers
        for band in bitmap.bands(band_rows):
            self.buf += codec.raster(band.width_bytes, band.rows, band.data)
            self._end_line(raster_mark(band.width, band.rows))

    def cut(self, partial: bool) -> None:
        self.buf += codec.cut(partial=partial, feed_lines=4)
        self.lines.extend([""] * 4)
        self._end_line(CUT_MARK)


@dataclass(frozen=True)
class Mongolian:
    """What a slip's Mongolian needs: the translations of its marked strings and the roll's width."""

    translations: Mapping[str, str]
    width: int  # dots across the roll
    band_rows: int = 128


def render(template: SlipTemplate | str, data: Mapping[str, Any], *, encoding: codec.Encoding = "gb18030",
           chinese_mode: bool = False, columns: int = 32, mn: Mongolian | None = None) -> Rendered:
    """Template + data → our ESC/POS bytes. Raises :class:`TemplateError` on missing data.

    With ``mn``, every ``mongolian`` text block is preceded by its translation drawn as vertical
    Mongolian (:mod:`drivers.printer.mongolian`); a block without a translation, or a machine that
    cannot shape Mongolian, leaves the Chinese alone and says so in ``not_in_mongolian``.
    """
    tpl = load_template(template) if isinstance(template, str) else template
    values: dict[str, Any] = {**tpl.defaults, **data}
    fmt = _Formatter(tpl.name)
    encoder = codec.TextEncoder(encoding, chinese_mode)
    w = SlipWriter(encoder, columns)
    all_text: list[str] = []
    missing: list[str] = []
    why_not = mongolian.unavailable() if mn is not None else None
    if why_not is not None:
        missing.append(why_not)

    def f(text: str, extra: Mapping[str, Any] | None = None) -> str:
        out = fmt.vformat(text, (), {**values, **(extra or {})})
        all_text.append(out)
        return out

    for i, b in enumerate(tpl.block, 1):
        if b.when is not None and not values.get(b.when):
            continue
        try:
            if b.mongolian_source is not None and mn is not None and why_not is None:
                _mongolian(w, b, mn, vformat=fmt.vformat, values=values, missing=missing)
            _render_block(w, b, values, f)
        except ValueError as exc:
            if isinstance(exc, TemplateError):
                raise
            raise TemplateError(f"template {tpl.name}: block {i} ({b.kind}): {exc}") from None
    return Rendered(template=tpl.name, title=tpl.title, payload=bytes(w.buf), lines=w.lines,
                    breaks=w.breaks, replaced=encoder.replacements("".join(all_text)), not_in_mongolian=missing)


def _mongolian(w: SlipWriter, b: _Block, mn: Mongolian, *, vformat: Any, values: Mapping[str, Any],
               missing: list[str]) -> None:
    """The block's Mongolian as raster bands: left aligned it is only as wide as its columns."""
    source = b.mongolian_source or ""
    translated = mn.translations.get(source, "").strip()
    if not translated:
        missing.append(f"no Mongolian translation of {source!r}")
        return
    args = [vformat(a, (), values) for a in b.mongolian_args]
    # Qt's %N, highest first so that %1 does not eat the start of %10
    for n in range(len(args), 0, -1):
        translated = translated.replace(f"%{n}", args[n - 1])
    size = mongolian.CELL_DOTS * b.size[1]
    try:
        bitmap = mongolian.render(translated, mn.width, size=size, align=b.align, crop=b.align == "left")
    except ValueError as exc:  # cannot be drawn on this roll: the Chinese still prints
        missing.append(f"{source!r}: {exc}")
        return
    w.raster(bitmap, mn.band_rows)


def _render_block(w: SlipWriter, b: _Block, values: Mapping[str, Any], f: Any) -> None:
    if b.kind in ("text", "fields", "list", "rule"):
        w.style(b.align, b.bold, b.size)
    match b.kind:
        case "text":
            w.paragraph(f(b.text), indent=b.indent)
        case "fields":
            for label, value in b.rows:
                w.paragraph(f(label) + "：" + f(value), indent=b.indent)
        case "list":
            items = values.get(b.items)
            if items is None:
                raise TemplateError(f"data has no {b.items!r} (a list)")
            if not isinstance(items, list) or not all(isinstance(it, Mapping) for it in items):
                raise TemplateError(f"{b.items!r} must be a list of tables")
            if not items and b.empty:
                w.paragraph(f(b.empty), indent=b.indent)
            for n, item in enumerate(items, 1):
                w.paragraph(f(b.text, {**item, "n": n}), indent=b.indent)
        case "rule":
            w.rule(b.char)
        case "qr":
            w.qr(f(b.data), b.qr_size, b.ec)
        case "feed":
            w.feed(b.lines)
        case "cut":
            w.style()
            w.cut(b.partial)
