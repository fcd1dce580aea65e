"""A one-line bar of the screen's main keys: what Textual's Footer shows, drawn as one line of text.

Textual's Footer mounts a widget per key and mounts them all again whenever the bindings change (each focus
change): on the browse screen that was 0.09 s of a 0.5 s start-up. One line of text drawn from
`screen.active_bindings` costs about a millisecond, and only when the keys shown change; it is repainted, never laid
out again (a `Static.update` would lay out the screen on every focus change). Keys stay clickable.

When the keys do not fit the width, the ones listed last give way (a screen's keys come before the app's, in the
order the screen lists them), but `? Help`, which lists every key, always shows.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.widget import Widget


class KeyBar(Widget):
    """The shown bindings of the active screen, as `key description` pairs; a click presses the key."""

    COMPONENT_CLASSES = {"keybar--key"}
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        background: $footer-background;
        color: $footer-foreground;
        link-style: none;
        link-style-hover: reverse;
    }
    KeyBar > .keybar--key {
        color: $footer-key-foreground;
        text-style: bold;
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self._keys: list[tuple[Text, bool]] = []
        """Each shown key as `key description` text, and whether it is the help key, which always shows."""
        self._fitted: tuple[int, Text] = (-1, Text())

    def render(self) -> Text:
        width = self.size.width
        if self._fitted[0] != width:
            self._fitted = (width, self._fit(width))
        return self._fitted[1]

    def _fit(self, width: int) -> Text:
        """The keys that fit in `width` cells, first come first served after the help key, in their order."""
        room = width - sum(key.cell_len for key, is_help in self._keys if is_help)
        shown = Text(no_wrap=True, overflow="ellipsis")
        for key, is_help in self._keys:
            if is_help:
                shown.append_text(key)
            elif key.cell_len <= room:
                shown.append_text(key)
                room -= key.cell_len
        return shown

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._redraw)
        self._redraw(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _redraw(self, _screen: object) -> None:
        key_style = self.get_component_rich_style("keybar--key")
        keys: list[tuple[Text, bool]] = []
        shown_actions: set[str] = set()
        for _node, binding, enabled, _tooltip in self.screen.active_bindings.values():
            if not binding.show or binding.action in shown_actions:
                continue
            shown_actions.add(binding.action)
            click = Style(meta={"@click": f"app.simulate_key({binding.key.split(',')[0].strip()!r})"})
            key = Text.assemble((f" {self.app.get_key_display(binding)} ", key_style + click),
                                (f"{binding.description} ", click + Style(dim=not enabled)))
            keys.append((key, binding.action.rpartition(".")[2] == "help"))
        if self.app.ENABLE_COMMAND_PALETTE:
            click = Style(meta={"@click": "app.command_palette"})
            keys.append((Text.assemble((" ^p ", key_style + click), ("palette ", click)), False))
        if keys != self._keys:
            self._keys = keys
            self._fitted = (-1, Text())
            self.refresh()
