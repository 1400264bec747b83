"""The routes, one module per area. Each route names the permission it needs (``require``)."""
