"""Host-side cost of an ID card read versus the time the bytes take on the wire.

A base read (find → select → read base → read address) moves 1295 bytes for the text and photo;
at 115200 baud that alone takes ≈ 112 ms. The host's share (framing, checksums, decoding the
text block, the driver's bookkeeping) should be a small fraction of it. Measured three ways:
the pure codec in process, a whole read over a real pty with the simulator answering at once,
and a whole read with the simulator pacing its replies at the line rate.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from bench.common import Result, summary_ms
from drivers.idcard import codec
from drivers.idcard.card import decode_text, encode_text
from drivers.idcard.config import IdCardConfig
from drivers.idcard.driver import IdCardReader
from drivers.idcard.sim import IdCardSimulator
from drivers.idcard.synthetic import CARDS

BAUD = 115200
CODEC_ROUNDS = 2000
PTY_READS = 200
WIRE_READS = 20


def _read_frames() -> dict[str, tuple[bytes, bytes]]:
    card = CARDS["resident"]
    return {
        "find": (codec.request("find"), codec.encode_reply(codec.SW3.FIND_OK, bytes(4))),
        "select": (codec.request("select"), codec.encode_reply(codec.SW3.OK, bytes(8))),
        "read_base": (codec.request("read_base"), codec.encode_reply(
            codec.SW3.OK, codec.encode_base_data(encode_text(card), card.photo_wlt))),
        "read_address": (codec.request("read_address"), codec.encode_reply(codec.SW3.OK, bytes(70))),
    }


def _reads(reader: IdCardReader, sim: IdCardSimulator, n: int) -> list[float]:
    out = []
    for _ in range(n):
        sim.place("resident", latch=False)
        reader.new_session()
        t0 = time.perf_counter()
        reader.read_card()
        out.append(time.perf_counter() - t0)
    return out


def run() -> Result:
    frames = _read_frames()
    wire_bytes = sum(len(q) + len(a) for q, a in frames.values())
    base_reply = frames["read_base"][1]
    wire_base_s = codec.wire_time_s(len(base_reply), BAUD)
    wire_all_s = codec.wire_time_s(wire_bytes, BAUD)
    # The simulator paces its replies only (a pty delivers our requests at once).
    wire_replies_s = codec.wire_time_s(sum(len(a) for _, a in frames.values()), BAUD)

    t0 = time.perf_counter()
    for _ in range(CODEC_ROUNDS):
        fb = codec.FrameBuffer()
        (frame,) = fb.feed(base_reply)
        base = codec.decode_base_data(codec.decode_reply(frame).raise_for_status().data)
        decode_text(base.text, base.photo)
    codec_us = (time.perf_counter() - t0) / CODEC_ROUNDS * 1e6

    with tempfile.TemporaryDirectory() as tmp, IdCardSimulator() as sim:
        link = str(Path(tmp) / "idcard")
        Path(link).symlink_to(sim.path)
        with IdCardReader(IdCardConfig(device=link, timeout_s=5)) as reader:
            _reads(reader, sim, 5)  # warm up
            fast = summary_ms(_reads(reader, sim, PTY_READS))
            sim.wire_timing = True
            paced = summary_ms(_reads(reader, sim, WIRE_READS))

    res = Result("idcard")
    res.add("read base reply", len(base_reply), "bytes", key="base_reply_bytes")
    res.add(f"wire time of the 1295-byte reply at {BAUD} baud", wire_base_s * 1000, "ms", key="wire_base_ms")
    res.add(f"wire time of a whole read ({wire_bytes} bytes both ways)", wire_all_s * 1000, "ms", key="wire_read_ms")
    res.add("codec: frame + checksum + text block decode", codec_us, "µs", key="codec_us", digits=1)
    res.add("codec share of the wire time", codec_us / 1e3 / (wire_base_s * 1000) * 100, "%",
            key="codec_share_percent", digits=2)
    res.add(f"whole read over pty, instant simulator p50 ({PTY_READS} reads)", fast["p50_ms"], "ms",
            key="pty_read_p50_ms", digits=2)
    res.add("whole read over pty, instant simulator p99", fast["p99_ms"], "ms", key="pty_read_p99_ms", digits=2)
    res.add(f"whole read at line rate p50 ({WIRE_READS} reads)", paced["p50_ms"], "ms", key="paced_read_p50_ms",
            digits=1)
    res.add("host overhead at line rate (p50 − wire time of the replies)", paced["p50_ms"] - wire_replies_s * 1000,
            "ms", key="paced_overhead_ms", digits=1)
    return res
