"""The reference subscriber of ``bench hall`` (a): plain paho, in a process of its own.

It runs as the hall server's MQTT process does: spawned (a fresh interpreter with a small heap,
importing only paho and the contract) and under the same garbage-collector settings. In the bench
process it would share the GIL with the bench and a heap holding every queued message, and the
comparison would flatter the hall.
"""

from __future__ import annotations

import gc
import multiprocessing
import threading
import time

import paho.mqtt.client as mqtt
from paho.mqtt.enums import CallbackAPIVersion
from paho.mqtt.packettypes import PacketTypes
from paho.mqtt.properties import Properties

from wire.contract import decode_message, hall_subscriptions


def drain(hall: str, port: int, client_id: str, n: int, validate: bool, *,
          login: tuple[str, str] | None = None) -> float:
    """Drain the queued session of ``client_id`` (logged in as ``login``): count only, or also validate.

    Seconds from CONNACK to the ``n``-th message (auto-acknowledged, as paho does by default).
    """
    count = 0
    done = threading.Event()
    t_conn = [0.0]

    def on_message(_c: object, _u: object, m: mqtt.MQTTMessage) -> None:
        nonlocal count
        if validate:
            decode_message(m.topic, bytes(m.payload))
        count += 1
        if count >= n:
            done.set()

    def on_connect(c: mqtt.Client, *_a: object) -> None:
        t_conn[0] = time.monotonic()
        c.subscribe([(t, 1) for t in hall_subscriptions(hall)])

    c = mqtt.Client(CallbackAPIVersion.VERSION2, client_id=client_id, protocol=mqtt.MQTTv5)
    c.on_message, c.on_connect = on_message, on_connect
    if login is not None:
        c.username_pw_set(*login)
    props = Properties(PacketTypes.CONNECT)  # type: ignore[no-untyped-call]
    props.SessionExpiryInterval = 3600
    c.connect("127.0.0.1", port, clean_start=False, properties=props)
    c.loop_start()
    try:
        if not done.wait(120):
            raise TimeoutError(f"{client_id} got {count}/{n}")
        return time.monotonic() - t_conn[0]
    finally:
        c.disconnect()
        c.loop_stop()


def _child(conn: multiprocessing.connection.Connection, gc_threshold: tuple[int, int, int],
           args: tuple[str, int, str, int, bool, tuple[str, str] | None]) -> None:
    gc.set_threshold(*gc_threshold)
    try:
        hall, port, client_id, n, validate, login = args
        conn.send(("ok", drain(hall, port, client_id, n, validate, login=login)))
    except Exception as exc:  # handed to the parent, which raises it
        conn.send(("error", repr(exc)))


def drain_in_process(hall: str, port: int, client_id: str, n: int, validate: bool) -> float:
    """:func:`drain` in a spawned process under this process's GC settings, as the hall server logs in."""
    from zizhu.broker import MosquittoBroker

    broker = MosquittoBroker.serving(port)
    login = broker.hall_login(hall) if broker is not None else None
    ctx = multiprocessing.get_context("spawn")
    ours, theirs = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(theirs, gc.get_threshold(),
                                            (hall, port, client_id, n, validate, login)))
    proc.start()
    theirs.close()
    try:
        if not ours.poll(180):
            raise TimeoutError(f"{client_id}: no answer from the subscriber process")
        status, value = ours.recv()
    finally:
        proc.join(10)
        if proc.is_alive():
            proc.kill()
    if status != "ok":
        raise RuntimeError(f"{client_id}: {value}")
    return float(value)
