"""The hall's key pair for sealed phone numbers: made by ``zizhu hall keygen``, read on start.

The private half is one line of base64 in ``[feedback] private_key_file``, mode 0600, never printed;
the public half is printed for every terminal's ``[kiosk] hall_public_key``. A key file that exists
is never overwritten: a new key would leave every phone sealed to the old one unreadable.
"""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

from wire.feedback import SealError, make_keypair, public_key_of

log = logging.getLogger("zizhu.hall.keys")


class KeyFileError(ValueError):
    """A key file that cannot be made or used; the message names the file and the reason."""


def write_keypair(path: Path) -> str:
    """Make a key pair, write the private half to ``path`` (0600, refused if it exists); the public half."""
    private, public = make_keypair()
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise KeyFileError(f"{path} exists already: a new key would make every phone sealed to it unreadable; "
                           "its public half: `zizhu hall keygen --config FILE --show`") from None
    except OSError as exc:
        raise KeyFileError(f"{path}: cannot be written ({exc.strerror})") from None
    with os.fdopen(fd, "w") as f:
        f.write(private + "\n")
        f.flush()
        os.fsync(f.fileno())
    return public


def read_private_key(path: Path) -> str:
    """The private key in ``path``; :class:`KeyFileError` when it is missing, unreadable or not a key."""
    try:
        mode = path.stat().st_mode
        text = path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        raise KeyFileError(f"{path} does not exist (make it with `zizhu hall keygen --config FILE`)") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise KeyFileError(f"{path}: cannot be read ({type(exc).__name__})") from None
    try:
        public_key_of(text)
    except SealError as exc:
        raise KeyFileError(f"{path}: not a private key ({exc})") from None
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        log.warning("%s can be read by others than its owner (mode %o): chmod 600 it", path, stat.S_IMODE(mode))
    return text
