"""The browse tree: groups of claims, filled only when a group is opened, so large maps stay quick."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from argmap.index import MapIndex
from argmap.outline import Group
from argmap.tui.labels import claim_line

PAGE_SIZE = 200
"""Claims added to a group at a time: a tree redraws over every open node, so a group opens a page at a time."""


@dataclass(frozen=True, slots=True)
class ClaimNode:
    """A claim leaf."""

    claim_id: str


@dataclass(frozen=True, slots=True)
class GroupNode:
    """A group, with the claims it will show when opened."""

    group: Group


@dataclass(frozen=True, slots=True)
class MoreNode:
    """The 'N more' leaf that adds the next page of a group."""

    group: Group
    shown: int


NodeData = ClaimNode | GroupNode | MoreNode | None


class MapTree(Tree[NodeData]):
    """Claims grouped by author, topic or relation; group labels carry their counts."""

    def __init__(self, index: MapIndex, colors: dict[str, str], **kwargs: Any) -> None:
        super().__init__("map", **kwargs)
        self.index = index
        self.author_colors = colors
        self.show_root = False
        self.auto_expand = True

    def show_groups(self, groups: list[Group], root_label: Text | None = None, expand_first: bool = True) -> None:
        """Replace the tree with these groups, all closed but the first (or all, when there are few)."""
        self.clear()
        self.show_root = root_label is not None
        if root_label is not None:
            self.root.set_label(root_label)
        self.root.expand()
        few = sum(len(group.claims) for group in groups) <= 60
        for position, group in enumerate(groups):
            node = self.root.add(self._group_label(group), data=GroupNode(group))
            if few or (expand_first and position == 0):
                self._fill(node, group, 0)
                node.expand()
        if not groups:
            empty = "No claims match the filters (x clears them)." if self.index.map.claims else (
                "No claims yet: n adds one (A adds an author first).")
            self.root.add_leaf(Text(empty, style="dim"))

    def _group_label(self, group: Group) -> Text:
        label = Text()
        if group.author_id is not None:
            label.append("● ", style=self.author_colors.get(group.author_id, "white"))
        label.append(group.label, style="bold")
        label.append(f"  {len(group.claims)}", style="dim")
        return label

    def _fill(self, node: TreeNode[NodeData], group: Group, start: int) -> None:
        width = max(30, self.size.width - 12) if self.size.width else 80
        for claim in group.claims[start : start + PAGE_SIZE]:
            node.add_leaf(claim_line(self.index, self.author_colors, claim, width), data=ClaimNode(claim.id))
        shown = min(len(group.claims), start + PAGE_SIZE)
        if shown < len(group.claims):
            more = Text(f"… {len(group.claims) - shown} more (enter to show; search or filter to narrow)", style="dim")
            node.add_leaf(more, data=MoreNode(group, shown))

    def get_label_width(self, node: TreeNode[NodeData]) -> int:
        """The label's width without rendering it, as Tree invites: it measures every line of the tree on
        each rebuild, a few thousand label copies when a large group is open."""
        icon = (self.ICON_NODE_EXPANDED if node.is_expanded else self.ICON_NODE) if node.allow_expand else ""
        label = node.label  # a `Text` (the tree makes every label one), typed as a `str` or a `Text`
        return cell_len(icon) + (label.cell_len if isinstance(label, Text) else cell_len(label))

    def notify_style_update(self) -> None:
        """Repaint on a change of style (focus, theme). Tree's own response also rebuilds and measures every line
        and lays the whole screen out again, though neither the lines nor their widths depend on style; on a
        map of thousands of claims that made each focus change cost tens of milliseconds."""
        super(Tree, self).notify_style_update()
        forget_drawn_lines(self)
        self.refresh()

    def on_tree_node_expanded(self, event: Tree.NodeExpanded[NodeData]) -> None:
        node = event.node
        if isinstance(node.data, GroupNode) and not node.children:
            self._fill(node, node.data.group, 0)

    def on_tree_node_selected(self, event: Tree.NodeSelected[NodeData]) -> None:
        node = event.node
        if isinstance(node.data, MoreNode) and node.parent is not None:
            event.stop()
            parent, data = node.parent, node.data
            node.remove()
            self._fill(parent, data.group, data.shown)

    def rebind(self, index: MapIndex, colors: dict[str, str]) -> None:
        """Read from a new version of the map (after an edit)."""
        self.index, self.author_colors = index, colors

    def select_claim(self, claim_id: str, open_group: bool = True) -> bool:
        """Move the cursor to the claim's first leaf, opening its group if needed and allowed; False if not shown.

        Following links and redrawing after an edit pass `open_group=False`, leaving closed groups closed.
        """
        for group_node in self.root.children:
            data = group_node.data
            if isinstance(data, GroupNode) and any(claim.id == claim_id for claim in data.group.claims):
                if not group_node.is_expanded and not open_group:
                    continue
                if not group_node.children:
                    self._fill(group_node, data.group, 0)
                group_node.expand()
                for leaf in group_node.children:
                    if isinstance(leaf.data, ClaimNode) and leaf.data.claim_id == claim_id:
                        self.last_line  # noqa: B018 - reading it lays out the lines, so the leaf has one to move to
                        self.move_cursor(leaf)
                        return True
        return False


def forget_drawn_lines(tree: Tree[Any]) -> None:
    """Drop the lines a Tree keeps drawn, so that it draws them again in the new style, and nothing more.

    Textual has no public call for this: `Tree._invalidate` also rebuilds and measures every line. The one place
    argmap reaches into Tree's private state; tests/test_textual_adapters.py breaks when Textual changes it."""
    tree._line_cache.clear()
