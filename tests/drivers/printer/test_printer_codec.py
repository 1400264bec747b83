"""The ESC/POS codec against the byte vectors of docs/protocols/printer.md §Byte vectors (E1, E2) and python-escpos
3.1 itself."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drivers.printer import codec
from drivers.printer.codec import RealtimeStatus, StatusReplyError, TextEncoder
from drivers.printer.escposlib import load as load_escpos

Dummy = load_escpos().Dummy  # through escposlib: a plain `import escpos` leaves a folder in the temp dir


def h(text: str) -> bytes:
    return bytes.fromhex(text)


# ---- E2: what python-escpos 3.1 emits, and that we emit the same for what we share ----------

QR_1234 = h("1D 28 6B 04 00 31 41 32 00  1D 28 6B 03 00 31 43 03  1D 28 6B 03 00 31 45 30"
            "1D 28 6B 07 00 31 50 30 31 32 33 34  1D 28 6B 03 00 31 51 30")


def test_qr_native_vector_matches_python_escpos() -> None:
    d = Dummy()
    d.qr("1234", native=True)
    assert d.output == QR_1234
    assert codec.qr_native("1234", size=3, ec="L") == QR_1234


@pytest.mark.parametrize(("kwargs", "ours", "vector"), [
    ({}, {"partial": False}, "1B 64 06 1D 56 00"),
    ({"mode": "PART"}, {"partial": True}, "1B 64 06 1D 56 01"),
    ({"feed": False}, {"feed_lines": None}, "1D 56 42 00"),
])
def test_cut_vectors(kwargs: dict[str, object], ours: dict[str, object], vector: str) -> None:
    d = Dummy()
    d.cut(**kwargs)
    assert d.output == h(vector)
    assert codec.cut(**ours) == h(vector)  # type: ignore[arg-type]


def test_gb18030_text_vector() -> None:
    d = Dummy()
    d.text("办事大厅 No.1\n")
    vector = h("B0 EC CA C2 B4 F3 CC FC 20 4E 6F 2E 31 0A")
    assert d.output == vector
    assert TextEncoder("gb18030").encode("办事大厅 No.1\n") == vector
    assert TextEncoder("gbk").encode("办事大厅 No.1\n") == vector


def test_python_escpos_turns_punctuation_into_question_marks_and_we_do_not() -> None:
    d = Dummy()
    d.text("，：\n")
    assert d.output == h("1B 74 00 3F 3F 0A")  # docs/protocols/printer.md §Chinese text
    assert TextEncoder().encode("，：\n") == h("A3 AC A3 BA 0A")


@pytest.mark.parametrize(("call", "vector"), [
    (lambda d: d.set(align="center", bold=True, double_height=True, double_width=True),
     "1B 21 00 1B 21 00 1B 21 30 1B 45 01 1B 61 01"),
    (lambda d: d.cashdraw(2), "1B 70 00 32 32"),
    (lambda d: d.hw("INIT"), "1B 40"),
    (lambda d: d.barcode("123456789012", "EAN13"),
     "1B 61 01 1D 68 40 1D 77 03 1D 66 00 1D 48 02 1D 6B 02 31 32 33 34 35 36 37 38 39 30 31 32 00"),
])
def test_other_python_escpos_vectors_and_our_decoder_reads_them(call: object, vector: str) -> None:
    d = Dummy()
    call(d)  # type: ignore[operator]
    assert d.output == h(vector)
    ops = codec.decode_all(d.output)
    assert b"".join(op.raw for op in ops) == d.output  # every byte accounted for
    assert all(op.name != "unknown" for op in ops)


def test_decoder_reads_python_escpos_set_as_double_size_bold_centre() -> None:
    d = Dummy()
    d.set(align="center", bold=True, double_height=True, double_width=True)
    names = [(op.name, op.args) for op in codec.decode_all(d.output)]
    assert names == [("print_mode", (0,)), ("print_mode", (0,)), ("print_mode", (0x30,)),
                     ("bold", (1,)), ("align", (1,))]


def test_decoder_reads_qr_and_cut() -> None:
    ops = codec.decode_all(QR_1234 + codec.cut(partial=True))
    assert [op.name for op in ops] == ["qr_model", "qr_size", "qr_ec", "qr_store", "qr_print", "feed", "cut"]
    assert ops[3].data == b"1234"
    assert ops[1].args == (3,)
    assert ops[-1].args == (1,)


def test_decoder_is_incremental() -> None:
    data = codec.INIT + codec.align("center") + codec.qr_native("https://example.gov.cn/x", 6, "M") + b"\xb0\xec\n"
    whole = codec.decode_all(data)
    d = codec.Decoder()
    pieces = []
    for i in range(len(data)):
        pieces.extend(d.feed(data[i:i + 1]))
    assert d.pending == 0
    # text may arrive in pieces; everything else is identical
    assert [op for op in pieces if op.name != "text"] == [op for op in whole if op.name != "text"]
    assert b"".join(op.data for op in pieces if op.name == "text") == b"\xb0\xec"


def test_decode_all_refuses_a_truncated_command() -> None:
    with pytest.raises(ValueError, match="incomplete"):
        codec.decode_all(QR_1234[:-2])


# ---- our text layer --------------------------------------------------------------------------

def test_yen_is_replaced_visibly_not_sent_as_four_bytes() -> None:
    enc = TextEncoder("gb18030")
    assert "¥".encode("gb18030") == h("81 30 84 36")  # what a 2-byte printer shows as "0 6"
    assert enc.encode("¥5") == h("A3 A4 35")
    assert enc.printable("¥5") == "￥5"
    assert enc.replacements("价格¥5") == [("¥", "￥")]


@pytest.mark.parametrize(("text", "shown"), [
    ("😀", "□"), ("𠮷", "□"), ("\x07", "□"), ("™", "TM"), ("\t", "    "), ("\u00a0", " "), ("①", "①"),
])
def test_unprintable_characters_are_replaced_visibly(text: str, shown: str) -> None:
    enc = TextEncoder("gb18030")
    assert enc.printable(text) == shown
    assert b"?" not in enc.encode(text)


def test_gbk_config_replaces_what_gbk_lacks() -> None:
    assert TextEncoder("gb18030").printable("€") == "€"  # A2 E3 in GB18030
    assert TextEncoder("gbk").printable("€") == "EUR"


def test_chinese_mode_wraps_two_byte_runs_in_fs_and_fs_dot() -> None:
    enc = TextEncoder("gb18030", chinese_mode=True)
    assert enc.encode("大厅 No.1 ，\n") == (codec.FS_CHINESE_ON + h("B4 F3 CC FC") + codec.FS_CHINESE_OFF
                                           + b" No.1 " + codec.FS_CHINESE_ON + h("A3 AC") + codec.FS_CHINESE_OFF
                                           + b"\n")
    assert enc.encode("plain\n") == b"plain\n"


def test_decode_text_in_and_out_of_chinese_mode() -> None:
    data = TextEncoder().encode("办事大厅 No.1")
    assert codec.decode_text(data, chinese=True) == "办事大厅 No.1"
    assert codec.decode_text(data, chinese=False) != "办事大厅 No.1"  # a printer needing FS & prints mojibake
    assert codec.decode_text("¥".encode("gb18030"), chinese=True) != "¥"  # 4-byte code garbled, as on paper


def test_width_counts_two_byte_glyphs_as_two_cells() -> None:
    enc = TextEncoder()
    assert enc.width("办事 No.1") == 2 + 2 + 1 + 4
    assert enc.width("·") == 2  # A1 A4: a full-width glyph on a GB printer


def test_wrap_keeps_words_and_never_starts_a_line_with_closing_punctuation() -> None:
    enc = TextEncoder()
    lines = codec.wrap("请携带居民身份证原件及复印件一份，户口簿原件，电话 0477-8581234。", 16, enc, indent=2)
    assert all(enc.width(line) <= 16 for line in lines)
    assert not any(line.strip()[:1] in "，。、" for line in lines)
    assert any("0477-8581234" in line for line in lines)
    assert "".join(line.strip() for line in lines).replace(" ", "") == \
        "请携带居民身份证原件及复印件一份，户口簿原件，电话0477-8581234。"


def test_wrap_breaks_a_word_longer_than_the_line() -> None:
    enc = TextEncoder()
    url = "https://zwfw.example.gov.cn/guide/150602-0042"
    lines = codec.wrap(url, 20, enc)
    assert "".join(lines) == url
    assert all(len(line) <= 20 for line in lines)


# ---- E1: status bytes -----------------------------------------------------------------------

def test_status_requests_are_dle_eot() -> None:
    assert [codec.dle_eot(n) for n in (1, 2, 3, 4)] == [h("10 04 01"), h("10 04 02"), h("10 04 03"), h("10 04 04")]
    assert codec.STATUS_QUERY == h("10 04 01 10 04 02 10 04 03 10 04 04")
    with pytest.raises(ValueError):
        codec.dle_eot(5)


@pytest.mark.parametrize(("replies", "expect"), [
    ("12 12 12 12", {"offline": False, "paper_near_end": False, "paper_end": False, "cover_open": False}),
    ("1A 12 12 12", {"offline": True}),
    ("12 12 12 1E", {"paper_near_end": True, "paper_end": False}),
    ("1A 32 12 72", {"offline": True, "paper_end": True, "stopped_by_paper_end": True, "paper_near_end": False}),
    ("1A 32 12 7E", {"paper_near_end": True, "paper_end": True}),
    ("1A 16 12 12", {"cover_open": True}),
    ("3A 52 1A 12", {"cutter_error": True, "error_occurred": True, "unrecoverable": False}),
    ("3A 52 32 12", {"unrecoverable": True, "cutter_error": False}),
    ("3A 52 52 12", {"auto_recoverable": True}),
    ("12 12 16 12", {"mechanical_error": True}),
])
def test_realtime_status_decoding(replies: str, expect: dict[str, bool]) -> None:
    rt = RealtimeStatus.decode(h(replies))
    for attr, value in expect.items():
        assert getattr(rt, attr) is value, attr
    assert rt.encode() == h(replies)


@pytest.mark.parametrize("replies", ["", "12 12 12", "12 12 12 12 12", "FF 12 12 12", "12 00 12 12", "13 12 12 12"])
def test_empty_short_and_garbage_status_replies_are_errors(replies: str) -> None:
    # python-escpos 3.1 reports "paper OK" on an empty read; we refuse to guess.
    with pytest.raises(StatusReplyError):
        RealtimeStatus.decode(h(replies))


def test_reply_forms_are_told_apart() -> None:
    assert codec.is_realtime_status_byte(0x12) and not codec.is_transmit_status_byte(0x12)
    assert codec.is_transmit_status_byte(0x00) and codec.is_transmit_status_byte(0x0C)
    asb_first_byte = 0x10  # 0xx1xx00
    assert not codec.is_realtime_status_byte(asb_first_byte)
    assert not codec.is_realtime_status_byte(0xA5) and not codec.is_transmit_status_byte(0xA5)
    with pytest.raises(ValueError):
        codec.status_byte(0x01)


# ---- properties ---------------------------------------------------------------------------------

@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40),
       st.sampled_from(["gb18030", "gbk"]), st.booleans())
def test_any_text_encodes_to_what_the_printer_shows(text: str, encoding: str, chinese_mode: bool) -> None:
    enc = TextEncoder(encoding, chinese_mode)  # type: ignore[arg-type]
    data = enc.encode(text)
    if "?" not in text:
        assert b"?" not in data  # never python-escpos's "?"
    # what the (Chinese-mode) printer decodes is exactly what we said it would print
    ops = codec.decode_all(data)
    shown = "".join(codec.decode_text(op.data, True, enc.encoding) if op.name == "text" else
                    "\n" if op.name == "line_feed" else "" for op in ops)
    assert shown == "\n".join(enc.printable(part) for part in text.split("\n"))


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300))
def test_decoder_accounts_for_every_byte_of_garbage(data: bytes) -> None:
    d = codec.Decoder()
    ops = d.feed(data)
    assert b"".join(op.raw for op in ops) == data[:len(data) - d.pending]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.binary(max_size=64), max_size=8))
def test_simulator_survives_garbage(chunks: list[bytes]) -> None:
    from drivers.printer.simmodel import PrinterModel

    m = PrinterModel(roll_lines=50, near_end_lines=10)
    for chunk in chunks:
        reply = m.receive(chunk)
        assert all(codec.is_realtime_status_byte(b) or codec.is_transmit_status_byte(b) for b in reply)
    m.render_png()
