"""The technician's PIN (and card) as the terminal config stores them: salted scrypt, never in clear.

``scrypt$16384$8$1$<salt>$<hash>`` (salt and hash in URL-safe base64): :func:`make_hash` writes it,
:func:`verify` checks a PIN against it in constant time. Made by ``zizhu maintenance-pin`` (asks
the PIN twice, prints the line to paste into ``[[kiosk.maintenance.technicians]]``) or the one-liner::

    python -c 'import getpass, terminal.pinhash as p; print(p.make_hash(getpass.getpass("PIN: ")))'

A technician's card is registered the same way: the hash of its ID number (``--card``), so the
terminal's file holds no ID number.
"""

from __future__ import annotations

import argparse
import base64
import getpass
import hashlib
import hmac
import os
import re
import sys

N, R, P = 16384, 8, 1  # about 30 ms a check on a terminal's CPU; 16 MiB of memory
PREFIX = "scrypt"
PIN_RE = re.compile(r"^[0-9]{4,12}$")
HASH_RE = re.compile(r"^scrypt\$[0-9]+\$[0-9]+\$[0-9]+\$[A-Za-z0-9_-]+={0,2}\$[A-Za-z0-9_-]+={0,2}$")


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii")


def _derive(secret: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(secret.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=32, maxmem=64 * 1024 * 1024)


def make_hash(secret: str, *, salt: bytes | None = None) -> str:
    salt = os.urandom(16) if salt is None else salt
    return f"{PREFIX}${N}${R}${P}${_b64(salt)}${_b64(_derive(secret, salt, N, R, P))}"


def check_format(stored: str) -> None:
    """Raises ValueError when ``stored`` is not a hash :func:`make_hash` writes (a PIN in clear, say)."""
    if not HASH_RE.match(stored):
        raise ValueError("not a scrypt hash of `zizhu maintenance-pin` (scrypt$N$r$p$salt$hash)")
    _, n, r, p, _salt, _digest = stored.split("$")
    if not (2 <= int(n) <= 2**20 and int(n) & (int(n) - 1) == 0 and 1 <= int(r) <= 32 and 1 <= int(p) <= 16):
        raise ValueError("scrypt parameters out of range")


def verify(secret: str, stored: str) -> bool:
    try:
        check_format(stored)
    except ValueError:
        return False
    _, n, r, p, salt, digest = stored.split("$")
    got = _derive(secret, base64.urlsafe_b64decode(salt), int(n), int(r), int(p))
    return hmac.compare_digest(got, base64.urlsafe_b64decode(digest))


# -- `zizhu maintenance-pin` -----------------------------------------------------------------------
def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--card", action="store_true",
                        help="hash a technician card's ID number (card_hash) instead of a PIN (pin_hash)")
    parser.add_argument("--stdin", action="store_true", help="read the secret from one line of stdin (scripts)")


def run(args: argparse.Namespace) -> int:
    what = "ID number" if args.card else "PIN (4-12 digits)"
    if args.stdin:
        secret = sys.stdin.readline().strip()
    else:
        secret = getpass.getpass(f"{what}: ")
        if getpass.getpass(f"{what} again: ") != secret:
            print("zizhu maintenance-pin: the two entries differ", file=sys.stderr)
            return 2
    if args.card:
        secret = secret.upper()
        if not re.match(r"^[0-9]{17}[0-9X]$", secret):
            print("zizhu maintenance-pin: an ID number has 18 characters", file=sys.stderr)
            return 2
    elif not PIN_RE.match(secret):
        print("zizhu maintenance-pin: a PIN is 4 to 12 digits", file=sys.stderr)
        return 2
    key = "card_hash" if args.card else "pin_hash"
    print(f'{key} = "{make_hash(secret)}"')
    return 0
