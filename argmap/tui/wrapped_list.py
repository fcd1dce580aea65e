"""An option list whose wrapped options are drawn at their final width from the first frame."""

from __future__ import annotations

from textual.geometry import Size
from textual.widgets import OptionList


class WrappedList(OptionList):
    """An `OptionList` that keeps its scrollbar's column whether or not a scrollbar shows.

    Textual's list wraps its options before it knows whether they overflow. When they do, the scrollbar that
    comes takes its columns from the options already wrapped: the first frame showed them cut by a character or
    short of a line, until a later resize wrapped them again (seconds later while the app's threads were busy).
    With the column kept, the width the options are wrapped to never changes.
    """

    DEFAULT_CSS = """
    WrappedList {
        scrollbar-gutter: stable;
    }
    """

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """The height at the width the options are drawn at: Textual counts the scrollbar's column in `width`."""
        return super().get_content_height(container, viewport, width - self.styles.scrollbar_size_vertical)
