"""A private CUPS server with a simulated A4 printer: the tests', the demo's and ``zizhu sim a4printer``.

:class:`CupsServer` starts Debian's own ``cupsd`` (package ``cups``) in the foreground with its
own configuration, spool, cache and state folders and a socket of its own (and a loopback port),
never touching the system's CUPS. Its ``ServerBin`` holds the system's filters and backends
(links to ``/usr/lib/cups``) plus ``zizhu-a4sim``, a CUPS backend (``man 7 backend``) that plays
the printer at the end of the queue:

- the document CUPS hands it (the PDF as the kiosk sent it: the queue is raw) is written to the
  queue's ``out/`` folder, as a printer would put it on paper;
- flag files in the queue's folder are the printer's conditions, reported to CUPS with ``STATE:``
  lines exactly as a real backend reports them (``media-empty-error``, ``offline-report`` …):
  ``paper_out``, ``jam``, ``cover_open``, ``offline``, ``toner_out`` hold the job until they go,
  ``paper_low`` and ``toner_low`` are warnings, ``fail`` makes the backend fail the job.

So the driver (:mod:`drivers.a4printer.driver`) runs against real CUPS: its scheduler, its IPP,
its job history and purge, its stopped queues (``cupsdisable``) and missing queues.

Job history: the server keeps a job's record 60 s (``PreserveJobHistory 60``) and never its
document once it has ended (``PreserveJobFiles No``); the driver purges every job it ends.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

CUPSD = "/usr/sbin/cupsd"
SYSTEM_SERVER_BIN = Path("/usr/lib/cups")
BACKEND = "zizhu-a4sim"
CONDITIONS = ("paper_out", "paper_low", "jam", "cover_open", "offline", "toner_out", "toner_low", "fail")

BACKEND_SCRIPT = r"""#!/bin/sh
# zizhu-a4sim: a CUPS backend (man 7 backend) playing an A4 printer (drivers/a4printer/sim.py).
# The device URI names a folder: its flag files are the printer's conditions, out/ its paper.
if [ $# -eq 0 ]; then
  echo 'direct zizhu-a4sim "Zizhu" "Zizhu A4 printer simulator"'
  exit 0
fi
dir=${DEVICE_URI#zizhu-a4sim:}
last=""
while :; do
  on=""; off=""; hold=""
  for pair in offline:offline-report paper_out:media-empty-error jam:media-jam-error \
              cover_open:door-open-error toner_out:toner-empty-error paper_low:media-low-report \
              toner_low:toner-low-report; do
    f=${pair%%:*}; r=${pair#*:}
    if [ -e "$dir/$f" ]; then
      on="$on,$r"
      case $f in paper_low|toner_low) ;; *) hold=1 ;; esac
    else
      off="$off,$r"
    fi
  done
  if [ "$on" != "$last" ] || [ -z "$last" ]; then
    [ -n "$on" ] && echo "STATE: +${on#,}" >&2
    [ -n "$off" ] && echo "STATE: -${off#,}" >&2
    last="$on"
    [ -z "$last" ] && last=","
  fi
  [ -z "$hold" ] && break
  sleep 0.2
done
if [ -e "$dir/fail" ]; then
  echo "ERROR: the simulated printer failed the job" >&2
  exit 1
fi
mkdir -p "$dir/out"
part="$dir/out/.job-$1.part"
if [ -n "$6" ]; then cat "$6" > "$part"; else cat > "$part"; fi
mv "$part" "$dir/out/job-$1.pdf"
echo "INFO: printed job $1" >&2
exit 0
"""

CUPSD_CONF = """# a private cupsd of Zizhu's (drivers/a4printer/sim.py)
Listen {socket}
Listen 127.0.0.1:{port}
LogLevel {log_level}
MaxLogSize 0
PreserveJobHistory 60
PreserveJobFiles No
ErrorPolicy abort-job
WebInterface No
Browsing No
DefaultAuthType None
<Location />
  Order allow,deny
  Allow all
</Location>
<Policy default>
  <Limit All>
    Order deny,allow
  </Limit>
</Policy>
"""

CUPS_FILES_CONF = """ServerRoot {root}/etc
RequestRoot {root}/spool
CacheDir {root}/cache
StateDir {root}/state
TempDir {root}/spool/tmp
ServerBin {root}/bin
DataDir /usr/share/cups
AccessLog {root}/log/access_log
ErrorLog {root}/log/error_log
PageLog {root}/log/page_log
Printcap {root}/state/printcap
SystemGroup root
"""


class CupsUnavailable(RuntimeError):
    """Debian's cups is not installed, or cupsd did not start."""


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


class CupsServer:
    """``with CupsServer() as cups: cups.add_queue("a4")`` — a cupsd of our own, stopped on exit."""

    def __init__(self, root: Path | None = None, log_level: str = "warn") -> None:
        self._tmp = None if root is not None else tempfile.TemporaryDirectory(prefix="zizhu-cups-")
        self.root = Path(root if root is not None else self._tmp.name)  # type: ignore[union-attr]
        self.socket = str(self.root / "cups.sock")
        self.port = free_port()
        self.log_level = log_level
        self.proc: subprocess.Popen[bytes] | None = None
        self.queues: dict[str, Path] = {}

    # -- start and stop ------------------------------------------------------------------------
    def start(self, timeout: float = 15.0) -> CupsServer:
        if not Path(CUPSD).is_file():
            raise CupsUnavailable(f"{CUPSD} not found: install Debian's cups (apt-get install cups)")
        r = self.root
        for sub in ("etc/ppd", "etc/ssl", "spool/tmp", "cache", "state", "log", "bin/backend", "queues"):
            (r / sub).mkdir(parents=True, exist_ok=True)
        os.chmod(r, 0o755)  # cupsd's children (user lp) reach the spool's temporary folder
        for sub in ("filter", "cgi-bin", "daemon", "notifier", "monitor", "driver"):
            link = r / "bin" / sub
            if not link.exists() and (SYSTEM_SERVER_BIN / sub).exists():
                link.symlink_to(SYSTEM_SERVER_BIN / sub)
        backend = r / "bin" / "backend" / BACKEND
        backend.write_text(BACKEND_SCRIPT, encoding="utf-8")
        # 0700, root's: cupsd runs it as root (man 7 backend), so it may write the queues' folders.
        os.chmod(backend, 0o700)
        (r / "etc" / "cupsd.conf").write_text(
            CUPSD_CONF.format(socket=self.socket, port=self.port, log_level=self.log_level), encoding="utf-8")
        (r / "etc" / "cups-files.conf").write_text(CUPS_FILES_CONF.format(root=r), encoding="utf-8")
        log = (r / "log" / "cupsd.out").open("ab")
        self.proc = subprocess.Popen([CUPSD, "-f", "-c", str(r / "etc" / "cupsd.conf"),
                                      "-s", str(r / "etc" / "cups-files.conf")],
                                     stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        log.close()
        deadline = time.monotonic() + timeout
        while True:
            if self.proc.poll() is not None:
                raise CupsUnavailable(f"cupsd exited ({self.proc.returncode}): {self.error_log()[-2000:]}")
            try:
                self.connection().getPrinters()
                return self
            except RuntimeError:
                if time.monotonic() > deadline:
                    self.stop()
                    raise CupsUnavailable(f"cupsd did not answer within {timeout:g} s") from None
                time.sleep(0.05)

    def stop(self) -> None:
        p, self.proc = self.proc, None
        if p is not None and p.poll() is None:
            p.send_signal(signal.SIGTERM)
            try:
                p.wait(10)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait(5)
        if self._tmp is not None:
            self._tmp.cleanup()
            self._tmp = None

    def __enter__(self) -> CupsServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def running(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    # -- what the tests and the demo do ------------------------------------------------------
    def connection(self) -> Any:
        import cups

        return cups.Connection(host=self.socket)

    def add_queue(self, name: str = "a4") -> Path:
        """A raw queue on the simulated printer; its folder (conditions, out/) is returned."""
        folder = self.root / "queues" / name
        (folder / "out").mkdir(parents=True, exist_ok=True)
        c = self.connection()
        c.addPrinter(name, device=f"{BACKEND}:{folder}", info="Zizhu A4 printer simulator",
                     location="24小时自助服务区")
        c.enablePrinter(name)
        c.acceptJobs(name)
        self.queues[name] = folder
        return folder

    def remove_queue(self, name: str) -> None:
        self.connection().deletePrinter(name)

    def set_condition(self, queue: str, condition: str, on: bool = True) -> None:
        if condition not in CONDITIONS:
            raise ValueError(f"unknown condition {condition!r}; known: {', '.join(CONDITIONS)}")
        flag = self.queues[queue] / condition
        if on:
            flag.touch()
        else:
            flag.unlink(missing_ok=True)

    def stop_queue(self, queue: str, why: str = "") -> None:
        """``cupsdisable``: the queue keeps jobs but prints none."""
        self.connection().disablePrinter(queue, reason=why or "stopped")

    def start_queue(self, queue: str) -> None:
        self.connection().enablePrinter(queue)

    def printed(self, queue: str) -> list[Path]:
        """The documents the simulated printer has put out, oldest first."""
        return sorted((self.queues[queue] / "out").glob("job-*.pdf"), key=lambda p: p.stat().st_mtime_ns)

    def spool_files(self) -> list[str]:
        """What is in CUPS' spool now (job control files c*, documents d*), the temporary folder aside."""
        return sorted(p.name for p in (self.root / "spool").iterdir() if p.name != "tmp")

    def job_history(self) -> dict[int, Any]:
        """Every job CUPS still knows (active and ended)."""
        return dict(self.connection().getJobs(which_jobs="all"))

    def error_log(self) -> str:
        parts = []
        for name in ("cupsd.out", "error_log"):
            p = self.root / "log" / name
            if p.exists():
                parts.append(p.read_text(encoding="utf-8", errors="replace"))
        return "\n".join(parts)

    def terminal_config(self, queue: str = "a4", **extra: Any) -> str:
        """The ``[devices.a4printer]`` section that points the driver at this server's queue."""
        lines = ["[devices.a4printer]", f'server = "{self.socket}"', f'queue = "{queue}"']
        lines += [f"{k} = {v!r}" if not isinstance(v, str) else f'{k} = "{v}"' for k, v in extra.items()]
        return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------------------------
# zizhu sim a4printer
# --------------------------------------------------------------------------------------------

def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--queue", default="a4", help="the queue's name (default a4)")
    parser.add_argument("--dir", default=None, help="keep the server's folders here (default: a temporary one)")
    parser.add_argument("--duration", type=float, default=None, help="stop after S seconds")


def run(args: argparse.Namespace) -> int:
    import threading

    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda _signum, _frame: stop.set())
    root = Path(args.dir) if args.dir else None
    if root is not None:
        shutil.rmtree(root / "spool", ignore_errors=True)
    with CupsServer(root) as server:
        folder = server.add_queue(args.queue)
        print(f"CUPS at {server.socket} (and 127.0.0.1:{server.port}), queue {args.queue}")
        print(f"printed documents: {folder / 'out'}; conditions: touch {folder}/<{'|'.join(CONDITIONS)}>")
        print(server.terminal_config(args.queue), flush=True)
        end = time.monotonic() + args.duration if args.duration else None
        while server.running and not stop.is_set() and (end is None or time.monotonic() < end):
            stop.wait(0.2)
    return 0
