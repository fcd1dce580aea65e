"""An open map and everything derived from it that readers need: index, colours, source texts, search."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from argmap.colors import author_colors
from argmap.index import MapIndex
from argmap.model import ArgumentMap
from argmap.sources import SourceTexts
from argmap.store import LoadedMap, Problem, load_map

if TYPE_CHECKING:
    from argmap.search import SearchIndex


class Document:
    """A map opened from a file; what derives from the map is built once, and the search index on first use."""

    def __init__(self, loaded: LoadedMap) -> None:
        self.path: Path = loaded.path
        self.warnings: list[Problem] = loaded.warnings
        self.index = MapIndex(loaded.argument_map)
        self.colors = author_colors(loaded.argument_map)
        self.texts = SourceTexts(loaded.argument_map, loaded.path.parent)

    @classmethod
    def open(cls, path: Path | str) -> Document:
        """Load a map file (raises `MapError` with every problem)."""
        return cls(load_map(path))

    @property
    def argument_map(self) -> ArgumentMap:
        """The map itself."""
        return self.index.map

    @cached_property
    def search_index(self) -> SearchIndex:
        """The fuzzy index over claims, built when first searched."""
        from argmap.search import SearchIndex

        return SearchIndex(self.index.map)
