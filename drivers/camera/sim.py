"""Camera simulator (`zizhu sim camera`): an MJPEG-over-HTTP camera with scripted faults.

It serves ``multipart/x-mixed-replace`` JPEG frames at ``http://HOST:PORT/video.mjpg`` — what
network cameras and ``mjpg-streamer`` serve — so the production driver opens it unchanged with
``source = "http://…/video.mjpg"`` through ``cv2.VideoCapture`` (FFmpeg), the same grabber that
reads a V4L2 device. Faults:

* ``unplug`` / ``plug``: open streams end and new ones get ``503`` — the driver sees the camera gone;
* ``black``: all-black frames (dead sensor); ``cover``: a covered lens; ``corrupt``: frames that
  cannot be decoded (failing cable); ``clear``: back to the scene;
* ``freeze``: the stream stays open but no frame comes (a stalled camera);
* ``scene``: show a named scene (:data:`drivers.camera.scenes.SCENES`) or an image file.
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import threading
from collections.abc import Mapping
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import cv2

from drivers.camera import scenes
from drivers.camera.capture import Frame
from drivers.scenario import Scenario, ScenarioError, ScenarioPlayer

PATH = "/video.mjpg"
BOUNDARY = "zizhuframe"


class CameraSim:
    EVENTS: Mapping[str, str] = {
        "scene": "show a named scene (value = portrait, two_faces, dark, …) or an image file (file = PATH)",
        "unplug": "the camera disappears: streams end, new connections get 503",
        "plug": "the camera comes back",
        "black": "all-black frames (dead sensor)",
        "cover": "a covered lens (dark, featureless frames)",
        "freeze": "the stream stays open but delivers no frames",
        "corrupt": "frames arrive but cannot be decoded (a failing cable or USB link)",
        "clear": "end black/cover/freeze: show the scene again",
        "fps": "frames per second (value)",
    }

    def __init__(self, host: str = "127.0.0.1", port: int = 0, scene: str = "portrait",
                 size: tuple[int, int] = (640, 480), fps: float = 10.0) -> None:
        self.size = size
        self.fps = fps
        self._lock = threading.Lock()
        self._changed = threading.Condition(self._lock)
        self._scene_name = scene
        self._scene = scenes.scene(scene, size)
        self._fault: str | None = None
        self._plugged = True
        self._generation = 0  # bumped on unplug so open streams end
        self._jpeg = b""
        self._encode()
        self._stop = threading.Event()
        self._server = ThreadingHTTPServer((host, port), self._handler_class())
        self._server.daemon_threads = True
        self._thread: threading.Thread | None = None
        self.frames_served = 0

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}{PATH}"

    # --- scenario events -----------------------------------------------------------------
    def apply_event(self, event: str, params: dict[str, Any]) -> None:
        with self._lock:
            if event == "scene":
                if "file" in params:
                    frame = cv2.imread(str(params["file"]), cv2.IMREAD_COLOR)
                    if frame is None:
                        raise ValueError(f"scene: cannot read image {params['file']!r}")
                    self._scene = cv2.resize(frame, self.size, interpolation=cv2.INTER_AREA)
                    self._scene_name = str(params["file"])
                else:
                    name = str(params.get("value", "portrait"))
                    self._scene = scenes.scene(name, self.size)
                    self._scene_name = name
            elif event == "unplug":
                self._plugged = False
                self._generation += 1
            elif event == "plug":
                self._plugged = True
            elif event in ("black", "cover", "freeze", "corrupt"):
                self._fault = event
            elif event == "clear":
                self._fault = None
            elif event == "fps":
                value = float(params.get("value", 10))
                if not 0 < value <= 60:
                    raise ValueError(f"fps: bad value {value!r}; expected 0 < fps <= 60")
                self.fps = value
            else:
                raise ValueError(f"camera sim: unknown event {event!r}")
            self._encode()
            self._changed.notify_all()

    def describe(self) -> dict[str, Any]:
        with self._lock:
            return {"scene": self._scene_name, "fault": self._fault, "plugged": self._plugged, "fps": self.fps}

    def _current_frame(self) -> Frame:
        if self._fault == "black":
            return scenes.black(self.size)
        if self._fault == "cover":
            return scenes.covered(self.size)
        return self._scene

    def _encode(self) -> None:
        ok, buf = cv2.imencode(".jpg", self._current_frame(), [cv2.IMWRITE_JPEG_QUALITY, 90])
        if not ok:  # pragma: no cover - OpenCV always encodes a BGR uint8 frame
            raise RuntimeError("JPEG encoding failed")
        jpeg = buf.tobytes()
        if self._fault == "corrupt":  # keep the JPEG markers' start, scramble the scan data
            jpeg = jpeg[:600] + bytes(b ^ 0x5A for b in jpeg[600:])
        self._jpeg = jpeg

    # --- HTTP ----------------------------------------------------------------------------
    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        sim = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.0"

            def do_GET(self) -> None:
                if self.path.split("?")[0] != PATH:
                    self.send_error(404, "no such stream; try " + PATH)
                    return
                with sim._lock:
                    plugged, generation = sim._plugged, sim._generation
                if not plugged:
                    self.send_error(503, "camera unplugged")
                    return
                self.send_response(200)
                self.send_header("Content-Type", f"multipart/x-mixed-replace; boundary={BOUNDARY}")
                self.send_header("Cache-Control", "no-cache")
                self.end_headers()
                try:
                    sim._stream(self.wfile, generation)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client went away

            def log_message(self, format: str, *args: Any) -> None:
                pass  # one line per frame request would drown the simulator's own output

        return Handler

    def _stream(self, out: Any, generation: int) -> None:
        while not self._stop.is_set():
            with self._lock:
                if not self._plugged or self._generation != generation:
                    return
                frozen = self._fault == "freeze"
                jpeg, period = self._jpeg, 1.0 / self.fps
            if not frozen:
                out.write(f"--{BOUNDARY}\r\nContent-Type: image/jpeg\r\nContent-Length: {len(jpeg)}\r\n\r\n"
                          .encode("ascii"))
                out.write(jpeg)
                out.write(b"\r\n")
                out.flush()
                self.frames_served += 1
            with self._lock:
                self._changed.wait(period if not frozen else 0.2)

    # --- lifecycle -----------------------------------------------------------------------
    def start(self) -> CameraSim:
        self._thread = threading.Thread(target=self._server.serve_forever, name="camera-sim", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        with self._lock:
            self._changed.notify_all()
        self._server.shutdown()
        self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> CameraSim:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=0, help="TCP port (default: a free one, printed)")
    parser.add_argument("--scene", default="portrait", choices=sorted(scenes.SCENES), help="first scene")
    parser.add_argument("--image", type=Path, help="show this image file instead of a scene")
    parser.add_argument("--fps", type=float, default=10.0)
    parser.add_argument("--size", default="640x480", help="frame size WxH (default 640x480)")
    parser.add_argument("--scenario", type=Path, help="scenario file to play (drivers/scenario.py format)")


def run(args: argparse.Namespace) -> int:
    try:
        w, h = (int(v) for v in str(args.size).lower().split("x"))
        if not (16 <= w <= 4096 and 16 <= h <= 4096):
            raise ValueError
    except ValueError:
        print(f"zizhu sim camera: --size {args.size!r}: expected WxH, e.g. 640x480", file=sys.stderr)
        return 2
    player: ScenarioPlayer | None = None
    try:
        sim = CameraSim(args.host, args.port, args.scene, (w, h), args.fps)
        if args.image is not None:
            sim.apply_event("scene", {"file": str(args.image)})
        if args.scenario is not None:
            player = ScenarioPlayer(Scenario.load(args.scenario), {"camera": sim},
                                    on_step=lambda s: print(json.dumps(
                                        {"event": s.event, "at": s.at, **s.params}, ensure_ascii=False),
                                        flush=True))
    except (ScenarioError, ValueError, OSError) as exc:
        print(f"zizhu sim camera: {exc}", file=sys.stderr)
        return 2
    done = threading.Event()
    # Signals only set the flag, from before the simulator prints its address: see the printer sim.
    signal.signal(signal.SIGTERM, lambda *_: done.set())
    signal.signal(signal.SIGINT, lambda *_: done.set())
    with sim:
        print(json.dumps({"sim": "camera", "url": sim.url, "source": sim.url, **sim.describe()},
                         ensure_ascii=False), flush=True)
        if player is not None:
            player.start()
        try:
            done.wait()
        except KeyboardInterrupt:
            pass
        finally:
            if player is not None:
                player.stop()
    return 0
