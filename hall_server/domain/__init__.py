"""The hall's domains, composed by :class:`hall_server.core.HallCore` around one unit of work (``unit``)."""
