"""Import hygiene: the core never imports Textual or Rich, and `argmap.cli` starts without the heavy modules."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

PACKAGE = ROOT / "argmap"
UI_ONLY = ("textual", "rich")
"""Packages only `argmap/tui/` may import: the core runs in the command line and in tests without a terminal UI."""
NOT_AT_START = ("networkx", "textual", "argmap.analysis", "argmap.search", "argmap.formats", "argmap.tui")
"""Modules importing `argmap.cli` must not load: each costs start-up time that only some commands need."""


def imported_modules(path: Path) -> list[tuple[int, str]]:
    """Every module the file imports, with its line: at the top, inside functions, under TYPE_CHECKING alike."""
    imports: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            imports += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module is not None:
            imports.append((node.lineno, node.module))
    return imports


def within(module: str, packages: tuple[str, ...]) -> bool:
    return any(module == package or module.startswith(f"{package}.") for package in packages)


def test_the_core_imports_neither_textual_nor_rich() -> None:
    core = [path for path in sorted(PACKAGE.rglob("*.py")) if (PACKAGE / "tui") not in path.parents]
    assert len(core) > 20, "the walk found the core's modules"
    offending = [
        f"{path.relative_to(ROOT)}:{line} imports {module}"
        for path in core
        for line, module in imported_modules(path)
        if within(module, UI_ONLY)
    ]
    assert offending == []


def test_the_walk_sees_imports_inside_functions(tmp_path: Path) -> None:
    module = tmp_path / "lazy.py"
    module.write_text("def show():\n    from rich.text import Text\n    import textual.app\n", encoding="utf-8")
    assert imported_modules(module) == [(2, "rich.text"), (3, "textual.app")]


def test_importing_the_command_line_stays_lazy() -> None:
    script = "import sys, argmap.cli; print('\\n'.join(sorted(sys.modules)))"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT)
    loaded = set(result.stdout.split())
    assert "argmap.cli" in loaded
    assert [package for package in NOT_AT_START if any(within(module, (package,)) for module in loaded)] == []
