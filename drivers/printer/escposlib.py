"""python-escpos, imported through here and nowhere else, so that importing it leaves nothing behind.

python-escpos 3.1 runs ``pickle_dir = environ.get("ESCPOS_CAPABILITIES_PICKLE_DIR", mkdtemp())`` when
``escpos.capabilities`` is imported: the default is evaluated even when the variable is set, so every
process that imports it leaves an empty (or pickle-holding) ``tmpXXXXXXXX`` folder in the temporary
directory — hundreds on a terminal after a day of agent restarts. The pickle it writes there is never
read again (the next process gets a new folder), so it caches nothing.

:func:`load` imports python-escpos with :func:`tempfile.mkdtemp` recording what it makes on this
thread, and removes those folders as soon as the import is done. The capabilities are read at import
time only (``escpos.capabilities.CAPABILITIES``); the pickle path is not used afterwards. We keep no
persistent pickle on purpose: python-escpos writes it in place (not atomically), so a terminal losing
power mid-write, or two processes starting at once, would leave a truncated pickle that makes every
later import fail — a poisoned cache is worse than the ~0.1 s the full load costs.

``tests/drivers/printer/test_printer_litter.py`` checks that nothing else in the tree imports escpos.
"""

from __future__ import annotations

import importlib
import shutil
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import ModuleType
from typing import Any

_lock = threading.Lock()


@contextmanager
def _no_mkdtemp_litter() -> Iterator[None]:
    """While active, every folder ``tempfile.mkdtemp`` makes on this thread is removed at the end."""
    me = threading.get_ident()
    made: list[str | bytes] = []
    real = tempfile.mkdtemp

    def recording(*args: Any, **kwargs: Any) -> Any:  # str, or bytes for a bytes argument
        p = real(*args, **kwargs)
        if threading.get_ident() == me:  # another thread's folder is its own business
            made.append(p)
        return p

    tempfile.mkdtemp = recording
    try:
        yield
    finally:
        tempfile.mkdtemp = real
        for p in made:
            shutil.rmtree(p, ignore_errors=True)


def load() -> ModuleType:
    """``escpos.printer`` (the connectors: ``Network``, ``Serial``, ``Usb``, ``Dummy``), imported cleanly."""
    with _lock:
        if "escpos.capabilities" not in sys.modules:
            with _no_mkdtemp_litter():
                caps = importlib.import_module("escpos.capabilities")
            if "mkdtemp" in vars(caps):  # its ``from tempfile import mkdtemp`` took the recording wrapper
                vars(caps)["mkdtemp"] = tempfile.mkdtemp
        return importlib.import_module("escpos.printer")


def exceptions() -> ModuleType:
    """``escpos.exceptions`` (``DeviceNotFoundError`` …): it imports no capabilities, so it makes no folder."""
    return importlib.import_module("escpos.exceptions")
