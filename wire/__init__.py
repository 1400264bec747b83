"""The wire: what the kiosk, the fleet agent and the hall server say to each other, owned by none of them.

The device status model (:mod:`wire.status`), the MQTT contract (:mod:`wire.contract`), the local
channel between the app and its agent (:mod:`wire.local`) and how to reach the broker
(:mod:`wire.connection`). Stands on :mod:`ground` only.
"""
