"""Benchmarks: ``python -m bench`` runs them all, ``python -m bench NAME`` one.

A benchmark is a module ``bench/<name>.py`` with ``run() -> Result``. Each prints a readable table
and, as its last line, one JSON object with its figures (``{"bench": name, ...}``).
"""
