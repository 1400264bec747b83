"""The kiosk's one interface to the government platform (:class:`model.Backend`) and its adapters."""
