"""Data files the kiosk ships (package data): the administrative divisions of China (regions)."""
