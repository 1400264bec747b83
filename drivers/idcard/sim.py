"""`zizhu sim idcard`: a GA 467 ID card reader on a pseudo-terminal, byte for byte.

It answers reset, SAM status/id, find, select, read base, read appended address and baud/RF
settings with the frames of docs/protocols/idcard.md §Commands, holds one synthetic card
(drivers.idcard.synthetic) and plays faults from scenario files: no card, read/select/auth
failure, SAM failure, a corrupted checksum, a truncated frame, silence. Like a real reader, after
a good read the card must leave the field before it is found again (``latch``). With
``--wire-timing`` replies take as long as they would on the wire (a 1295-byte read ≈ 112 ms at
115200 baud).
"""

from __future__ import annotations

import argparse
import logging
from dataclasses import dataclass
from typing import Any

from drivers.idcard import codec
from drivers.idcard.card import encode_address, encode_text
from drivers.idcard.codec import SW3, FrameBuffer, FrameError
from drivers.idcard.synthetic import APPENDED_ADDRESSES, CARDS
from drivers.ptysim import PtySimulator, add_common_arguments, serve
from drivers.scenario import ScenarioError

log = logging.getLogger("zizhu.sim.idcard")

FAULTS = ("none", "read_failure", "select_failure", "auth_failure", "unknown_card",
          "corrupt_checksum", "truncated", "silence")
# Card faults hit the request that would fail on a real reader unless the event names another.
CARD_FAULT_COMMAND = {"read_failure": "read_base", "select_failure": "select", "auth_failure": "read_base",
                      "unknown_card": "read_base"}
SAM_ID = codec.encode_sam_id(5, 1, 20260101, 1, 1500000001)


@dataclass
class _Fault:
    kind: str = "none"
    command: str | None = None  # only replies to this request (None: every reply)
    remaining: int | None = None  # replies left to spoil (None: until cleared)

    def applies(self, request_name: str | None) -> bool:
        return self.kind != "none" and (self.command is None or self.command == request_name)


class IdCardSimulator(PtySimulator):
    EVENTS = {
        "card": "place a synthetic card: card = " + " | ".join(CARDS) + "; latch = false keeps it readable",
        "remove": "take the card off the reader",
        "fault": "spoil replies: kind = " + " | ".join(FAULTS) + "; command = find|select|read_base|…; count = N",
        "sam": "SAM health: ok = true | false (false answers SW3 60 to everything)",
        "wire_timing": "pace replies at the line rate: on = true | false",
    }

    def __init__(self, card: str | None = None, wire_timing: bool = False, baudrate: int = 115200,
                 link: str | None = None) -> None:
        super().__init__(link)
        self.baudrate = baudrate
        self.wire_timing = wire_timing
        self.card_key: str | None = None
        self.latch = True
        self.latched = False
        self.selected = False
        self.sam_ok = True
        self.fault = _Fault()
        self.requests: list[str] = []  # names of the requests answered, for tests
        self._fb = FrameBuffer()
        if card:
            self.place(card)

    # ---- state changes (scenario events and tests)
    def place(self, card: str, latch: bool = True) -> None:
        if card not in CARDS:
            raise ScenarioError(f"unknown synthetic card {card!r}; known: {', '.join(CARDS)}")
        with self.lock:
            self.card_key, self.latch, self.latched, self.selected = card, latch, False, False

    def remove(self) -> None:
        with self.lock:
            self.card_key, self.latched, self.selected = None, False, False

    def set_fault(self, kind: str, command: str | None = None, count: int | None = None) -> None:
        if kind not in FAULTS:
            raise ScenarioError(f"unknown fault {kind!r}; known: {', '.join(FAULTS)}")
        if command is not None and command not in codec.REQUESTS:
            raise ScenarioError(f"unknown command {command!r}; known: {', '.join(codec.REQUESTS)}")
        with self.lock:
            self.fault = _Fault(kind, command or CARD_FAULT_COMMAND.get(kind), count)

    def apply_event(self, event: str, params: dict[str, Any]) -> None:
        match event:
            case "card":
                self.place(str(params.get("card", "resident")), latch=bool(params.get("latch", True)))
            case "remove":
                self.remove()
            case "fault":
                count = params.get("count")
                self.set_fault(str(params.get("kind", "none")), params.get("command"),
                               None if count is None else int(count))
            case "sam":
                with self.lock:
                    self.sam_ok = bool(params.get("ok", True))
            case "wire_timing":
                self.wire_timing = bool(params.get("on", True))
            case _:
                raise ScenarioError(f"idcard simulator: unknown event {event!r}")

    # ---- the wire
    def on_bytes(self, data: bytes) -> None:
        for frame in self._fb.feed(data):
            try:
                req = codec.decode_request(frame)
            except codec.BadChecksum:
                self._send(codec.encode_reply(SW3.RX_CHECKSUM), None)
                continue
            except FrameError:
                self._send(codec.encode_reply(SW3.RX_LENGTH), None)
                continue
            with self.lock:
                reply = self._answer(req)
            self._send(reply, req.name)

    def _answer(self, req: codec.Request) -> bytes:
        name = req.name
        self.requests.append(name or f"{req.cmd:02X}{req.para:02X}")
        card_fault = self.fault.kind if self.fault.applies(name) else "none"
        if req.cmd in (codec.Command.BAUD, codec.Command.MAX_RF):
            return codec.encode_reply(SW3.OK)
        if name is None:
            return codec.encode_reply(SW3.BAD_COMMAND)
        if not self.sam_ok:
            return codec.encode_reply(SW3.SAM_SELF_TEST)
        match name:
            case "reset" | "sam_status":
                return codec.encode_reply(SW3.OK)
            case "sam_id":
                return codec.encode_reply(SW3.OK, SAM_ID)
            case "find":
                self.selected = False
                if self.card_key is None or self.latched:
                    return codec.encode_reply(SW3.NO_CARD)
                return codec.encode_reply(SW3.FIND_OK, bytes(4))
            case "select":
                if self.card_key is None or self.latched or card_fault == "select_failure":
                    return codec.encode_reply(SW3.SELECT_FAILED)
                self.selected = True
                return codec.encode_reply(SW3.OK, bytes(8))
            case "read_base" | "read_fingerprint":
                if not self.selected or self.card_key is None or card_fault == "read_failure":
                    return codec.encode_reply(SW3.READ_FAILED)
                if card_fault == "auth_failure":
                    return codec.encode_reply(SW3.SAM_AUTH_CARD)
                if card_fault == "unknown_card":
                    return codec.encode_reply(SW3.UNKNOWN_CARD)
                card = CARDS[self.card_key]
                fp = bytes(1024) if name == "read_fingerprint" else None
                self.latched = self.latch
                return codec.encode_reply(SW3.OK, codec.encode_base_data(encode_text(card), card.photo_wlt, fp))
            case "read_address":
                if not self.selected or self.card_key is None:
                    return codec.encode_reply(SW3.READ_FAILED)
                address = APPENDED_ADDRESSES.get(self.card_key)
                if address is None:
                    return codec.encode_reply(SW3.NO_CONTENT)
                return codec.encode_reply(SW3.OK, encode_address(address))
        return codec.encode_reply(SW3.BAD_COMMAND)  # pragma: no cover - every REQUESTS name is handled

    def _send(self, reply: bytes, request_name: str | None) -> None:
        with self.lock:
            fault = self.fault
            spoil = fault.applies(request_name) and fault.kind in ("corrupt_checksum", "truncated", "silence")
            if fault.applies(request_name) and fault.remaining is not None:
                fault.remaining -= 1
                if fault.remaining <= 0:
                    self.fault = _Fault()
        if spoil:
            if fault.kind == "silence":
                return
            if fault.kind == "corrupt_checksum":
                reply = reply[:-1] + bytes([reply[-1] ^ 0x5A])
            else:
                reply = reply[: max(codec.HEADER_LEN + 1, len(reply) // 2)]
        if self.wire_timing and not self.pause(codec.wire_time_s(len(reply), self.baudrate)):
            return
        self.send(reply)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--card", choices=sorted(CARDS), help="a synthetic card on the reader from the start")
    parser.add_argument("--wire-timing", action="store_true", help="take as long as the real line would")
    parser.add_argument("--baudrate", type=int, default=115200, choices=sorted(codec.BAUD_PARA))
    add_common_arguments(parser)


def run(args: argparse.Namespace) -> int:
    sim = IdCardSimulator(card=args.card, wire_timing=args.wire_timing, baudrate=args.baudrate, link=args.link)
    return serve(sim, args, "idcard")
