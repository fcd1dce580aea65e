"""The few places argmap relies on Textual's private state, each behind one adapter: these tests break when a new
Textual changes what the adapter reaches into, before a user meets a stale screen."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Input, Tree

from argmap.tui.map_tree import forget_drawn_lines


class TreeAndInput(App[None]):
    def compose(self) -> ComposeResult:
        tree: Tree[None] = Tree("root")
        for number in range(5):
            tree.root.add_leaf(f"leaf {number}")
        tree.root.expand()
        yield tree
        yield Input()


async def test_forgetting_a_trees_drawn_lines_makes_it_draw_them_again() -> None:
    app = TreeAndInput()
    async with app.run_test() as pilot:
        tree = app.query_one(Tree)
        tree.focus()
        await pilot.pause()
        assert len(tree._line_cache) > 0, "Tree keeps the lines it drew"
        forget_drawn_lines(tree)
        assert len(tree._line_cache) == 0
        tree.refresh()
        await pilot.pause()
        assert len(tree._line_cache) > 0, "and draws them again"
