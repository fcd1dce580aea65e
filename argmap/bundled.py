"""Where the map that ships with argmap lives: `maps/` beside the package in the project checkout."""

from __future__ import annotations

from pathlib import Path

BUNDLED_MAP_NAME = "us-mexico-security.json"


def bundled_map_path() -> Path:
    """The bundled map's path (the checkout's `maps/` folder, as installed by `pip install -e .`)."""
    return Path(__file__).resolve().parent.parent / "maps" / BUNDLED_MAP_NAME
