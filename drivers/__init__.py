"""Device drivers and their simulators: one package per device class (printer, idcard, locker, camera).

Each package holds the protocol codec, the production driver and a simulator that speaks the same
wire protocol over the same transport, so tests and the demo run the production code unchanged.
"""
