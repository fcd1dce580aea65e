"""The trail a reader follows through a map: back and forward, like a browser."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Trail:
    """Visited claim ids with a cursor; visiting from the middle of the trail drops what lay ahead."""

    visited: list[str] = field(default_factory=list)
    position: int = -1

    @property
    def current(self) -> str | None:
        """The claim being read, if any."""
        return self.visited[self.position] if self.visited else None

    def visit(self, claim_id: str) -> None:
        """Go to a claim; revisiting the current claim changes nothing."""
        if self.current == claim_id:
            return
        del self.visited[self.position + 1 :]
        self.visited.append(claim_id)
        self.position = len(self.visited) - 1

    def back(self) -> str | None:
        """Step back; the claim now current, or None when already at the start."""
        if self.position <= 0:
            return None
        self.position -= 1
        return self.current

    def forward(self) -> str | None:
        """Step forward again; the claim now current, or None when at the end."""
        if self.position >= len(self.visited) - 1:
            return None
        self.position += 1
        return self.current

    def forget(self, claim_ids: set[str]) -> None:
        """Drop claims that no longer exist (after an edit), keeping the cursor on the same claim when it can."""
        current = self.current
        self.visited = [claim_id for claim_id in self.visited if claim_id not in claim_ids]
        collapsed: list[str] = []
        for claim_id in self.visited:
            if not collapsed or collapsed[-1] != claim_id:
                collapsed.append(claim_id)
        self.visited = collapsed
        if current in self.visited:
            self.position = len(self.visited) - 1 - self.visited[::-1].index(current)
        else:
            self.position = len(self.visited) - 1
