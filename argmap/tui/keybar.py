"""A one-line bar of the screen's main keys: what Textual's Footer shows, drawn as one line of text.

Textual's Footer mounts a widget per key and mounts them all again whenever the bindings change (each focus
change): on the browse screen that was 0.09 s of a 0.5 s start-up. One line of text drawn from
`screen.active_bindings` costs about a millisecond, and only when the keys shown change; it is repainted, never laid
out again (a `Static.update` would lay out the screen on every focus change). Keys stay clickable.
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
        self._keys = Text()

    def render(self) -> Text:
        return self._keys

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._redraw)
        self._redraw(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _redraw(self, _screen: object) -> None:
        key_style = self.get_component_rich_style("keybar--key")
        keys = Text(no_wrap=True, overflow="ellipsis")
        shown_actions: set[str] = set()
        for _node, binding, enabled, _tooltip in self.screen.active_bindings.values():
            if not binding.show or binding.action in shown_actions:
                continue
            shown_actions.add(binding.action)
            click = Style(meta={"@click": f"app.simulate_key({binding.key.split(',')[0].strip()!r})"})
            keys.append(f" {self.app.get_key_display(binding)} ", style=key_style + click)
            keys.append(f"{binding.description} ", style=click + Style(dim=not enabled))
        if self.app.ENABLE_COMMAND_PALETTE:
            click = Style(meta={"@click": "app.command_palette"})
            keys.append(" ^p ", style=key_style + click)
            keys.append("palette ", style=click)
        if keys != self._keys:
            self._keys = keys
            self.refresh()
