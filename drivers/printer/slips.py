"""Slip templates as data (``templates/*.toml``) and their rendering to our ESC/POS bytes.

A template is a list of blocks (text, fields, list, rule, qr, feed, cut) with ``{placeholders}``.
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

from drivers.printer import codec
from ground.configbase import convert, problems
from ground.logs import mask_id_number, mask_name, mask_phone

TEMPLATE_DIR: Traversable = files("drivers.printer").joinpath("templates")  # package data
QR_MARK = "[QR] "  # transcript line of a QR code: QR_MARK + its data
CUT_MARK = "✂" + "-" * 15  # transcript line of a cut


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

    def cut(self, partial: bool) -> None:
        self.buf += codec.cut(partial=partial, feed_lines=4)
        self.lines.extend([""] * 4)
        self._end_line(CUT_MARK)


def render(template: SlipTemplate | str, data: Mapping[str, Any], *, encoding: codec.Encoding = "gb18030",
           chinese_mode: bool = False, columns: int = 32) -> Rendered:
    """Template + data → our ESC/POS bytes. Raises :class:`TemplateError` on missing data."""
    tpl = load_template(template) if isinstance(template, str) else template
    values: dict[str, Any] = {**tpl.defaults, **data}
    fmt = _Formatter(tpl.name)
    encoder = codec.TextEncoder(encoding, chinese_mode)
    w = SlipWriter(encoder, columns)
    all_text: list[str] = []

    def f(text: str, extra: Mapping[str, Any] | None = None) -> str:
        out = fmt.vformat(text, (), {**values, **(extra or {})})
        all_text.append(out)
        return out

    for i, b in enumerate(tpl.block, 1):
        if b.when is not None and not values.get(b.when):
            continue
        try:
            _render_block(w, b, values, f)
        except ValueError as exc:
            if isinstance(exc, TemplateError):
                raise
            raise TemplateError(f"template {tpl.name}: block {i} ({b.kind}): {exc}") from None
    return Rendered(template=tpl.name, title=tpl.title, payload=bytes(w.buf), lines=w.lines,
                    breaks=w.breaks, replaced=encoder.replacements("".join(all_text)))


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
