"""``zizhu hall --config FILE``: run the hall server until SIGINT or SIGTERM."""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from types import FrameType

from zizhu.config import ConfigError, load_hall
from zizhu.logs import setup_logging


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", required=True, help="hall configuration file (TOML)")
    parser.add_argument("--log-level", default="INFO")
    parser.add_argument("--json-logs", action="store_true", help="one JSON object per log line")


def run(args: argparse.Namespace) -> int:
    setup_logging(args.log_level, json_lines=args.json_logs)
    try:
        cfg = load_hall(args.config)
        from hall_server.service import HallService, tune_gc

        tune_gc()
        service = HallService(cfg)
    except ConfigError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    stop = threading.Event()

    def _stop(_sig: int, _frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    service.start()
    print(f"zizhu hall {cfg.hall.id}: dashboard {service.base_url}/  status page {service.base_url}/status  "
          f"API {service.base_url}/docs  metrics {service.base_url}/metrics", flush=True)
    stop.wait()
    service.stop()
    return 0
