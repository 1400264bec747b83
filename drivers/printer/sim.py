"""`zizhu sim printer`: a byte-true ESC/POS receipt printer on TCP or a pseudo-terminal.

``zizhu sim printer --listen HOST:PORT [--serial [--link PATH]] [--scenario FILE] [--out DIR]``

The printer itself is :mod:`drivers.printer.simmodel`, its paper's text and PNG
:mod:`drivers.printer.simrender`, its TCP port and pty :mod:`drivers.printer.simserver`; this is
the command line around them. The first line on stdout says where it listens
(``printer simulator listening on tcp://127.0.0.1:9100`` or ``… on /dev/pts/N``); then each change of
condition (``status: …``) and each slip it cuts. Ctrl-C and SIGTERM stop it cleanly
(:func:`drivers.ptysim.stop_on_signals`).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from drivers.printer.simmodel import PrinterModel
from drivers.printer.simserver import PrinterSimulator
from drivers.ptysim import scenario_player, stop_on_signals
from drivers.scenario import ScenarioError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--listen", default="127.0.0.1:9100", metavar="HOST:PORT",
                        help="TCP address to listen on (default 127.0.0.1:9100; port 0 picks a free one)")
    parser.add_argument("--serial", action="store_true",
                        help="listen on a pseudo-terminal instead of TCP, and print its path")
    parser.add_argument("--link", metavar="PATH", help="with --serial: also make PATH a symlink to the pty")
    parser.add_argument("--scenario", metavar="FILE", help="scenario file (TOML) to play")
    parser.add_argument("--encoding", choices=("gb18030", "gbk"), default="gb18030")
    parser.add_argument("--needs-fs", action="store_true",
                        help="start outside Chinese mode: 2-byte text prints only inside FS & … FS .")
    parser.add_argument("--columns", type=int, default=32, help="half-width characters per line (default 32)")
    parser.add_argument("--roll-lines", type=int, default=3000, help="lines of paper on the roll")
    parser.add_argument("--near-end-lines", type=int, default=200, help="near-end sensor trips below this")
    parser.add_argument("--out", metavar="DIR", help="write each cut slip as slip-N.txt and slip-N.png here")
    parser.add_argument("--duration", type=float, metavar="S", help="stop after S seconds (default: Ctrl-C)")


def _parse_listen(text: str) -> tuple[str, int]:
    host, sep, port = text.rpartition(":")
    if not sep or not port.isdigit() or not 0 <= int(port) <= 65535:
        raise ValueError(f"--listen: bad value {text!r}; expected HOST:PORT, e.g. 127.0.0.1:9100")
    return host or "127.0.0.1", int(port)


def run(args: argparse.Namespace) -> int:
    try:
        host, port = _parse_listen(args.listen)
    except ValueError as exc:
        print(f"zizhu sim printer: {exc}", file=sys.stderr)
        return 2
    model = PrinterModel(encoding=args.encoding, chinese_default=not args.needs_fs, columns=args.columns,
                         roll_lines=args.roll_lines, near_end_lines=args.near_end_lines)
    sim = PrinterSimulator(model, host=host, port=port, serial=args.serial,
                           link=args.link if args.serial else None)
    try:
        player = scenario_player(args.scenario, {"printer": model},
                                 on_step=lambda s: _say(f"scenario: {s.event} {s.params or ''}".rstrip()))
    except ScenarioError as exc:
        print(f"zizhu sim printer: {exc}", file=sys.stderr)
        return 2
    out_dir = Path(args.out) if args.out else None
    if out_dir is not None:
        out_dir.mkdir(parents=True, exist_ok=True)
    with stop_on_signals() as stopping:
        try:
            address = sim.start()
        except OSError as exc:
            print(f"zizhu sim printer: cannot listen on {args.listen}: {exc.strerror or exc}", file=sys.stderr)
            return 2
        _say(f"printer simulator listening on {address}")
        _say(f"status: {model.describe()}")
        slips_done = 0
        last_status = [model.describe(lines=False)]

        def changed(m: PrinterModel) -> None:
            nonlocal slips_done
            now = m.describe(lines=False)  # a change of condition, not every line of paper
            if now != last_status[0]:
                last_status[0] = now
                _say(f"status: {m.describe()}")
            cuts = m.cut_positions()
            lines = m.printed_lines()
            for i in range(slips_done, len(cuts)):
                start = cuts[i - 1] + 1 if i else 0
                text = "\n".join(lines[start:cuts[i]]).strip("\n")
                _say(f"---- slip {i + 1} ----\n{text}")
                if out_dir is not None:
                    m.render_png(out_dir / f"slip-{i + 1}.png", start, cuts[i] + 1)
                    tmp = out_dir / f".slip-{i + 1}.txt"  # whole or not at all, for whoever waits on it
                    tmp.write_text(text + "\n", encoding="utf-8")
                    tmp.replace(out_dir / f"slip-{i + 1}.txt")
            slips_done = len(cuts)

        model.on_change.append(changed)
        if player is not None:
            player.start()
        try:
            stopping.wait(args.duration)
        finally:
            if player is not None:
                player.stop()
            sim.stop()
        _say("printer simulator stopped")
    return 0


def _say(text: str) -> None:
    print(text, flush=True)
