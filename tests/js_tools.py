"""The real parsers of other tools, for the tests that check argmap's exports with them: Argdown's (`argdown`,
npm `@argdown/cli`) and Mermaid's (`mermaid.parse` under jsdom), installed from `tests/js/package-lock.json`.

`bash .ci/run` installs them (`npm ci`); a test that needs them installs them once itself when Node.js is there,
and is skipped, saying why, only where Node.js is not installed and CI is not running.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from functools import cache
from pathlib import Path

import pytest

JS = Path(__file__).resolve().parent / "js"
BIN = JS / "node_modules" / ".bin"
ARGDOWN = BIN / "argdown"
MERMAID_PARSE = JS / "mermaid-parse.mjs"


@cache
def _installed() -> str | None:
    """None when the tools are ready, else why not (a sentence for the skip)."""
    if ARGDOWN.exists() and (JS / "node_modules" / "mermaid").is_dir() and shutil.which("node"):
        return None
    if shutil.which("node") is None or shutil.which("npm") is None:
        if os.environ.get("CI"):
            pytest.fail("Node.js is missing in CI: .ci/run must install it (Debian's nodejs and npm)")
        return ("Node.js is not installed here (Debian: apt-get install nodejs npm), so Argdown's and Mermaid's "
                "parsers cannot run")
    result = subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=JS, capture_output=True, text=True,
                            timeout=900)
    if result.returncode != 0:
        pytest.fail(f"npm ci in tests/js failed: {result.stderr[-2000:]}")
    return None


def need_js_tools() -> None:
    """Make sure the parsers are installed, or skip the test saying why they cannot be."""
    reason = _installed()
    if reason is not None:
        pytest.skip(reason)


def with_argdown_on_path() -> dict[str, str]:
    """The environment for running argmap with Argdown's `argdown` command found on PATH."""
    need_js_tools()
    return {**os.environ, "PYTHONIOENCODING": "utf-8", "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}


def argdown_json(path: Path) -> subprocess.CompletedProcess[str]:
    """What Argdown's own parser says of a file: `argdown json FILE --stdout --silent`, run in the file's folder."""
    need_js_tools()
    return subprocess.run([str(ARGDOWN), "json", path.name, "--stdout", "--silent"], cwd=path.parent,
                          capture_output=True, text=True, timeout=300)


def mermaid_parse(*paths: Path, limits: bool = True) -> subprocess.CompletedProcess[str]:
    """The real `mermaid.parse` over each file: exit 0 when every one parses, else its error on stderr. Without
    `limits`, Mermaid's default size limits are lifted first (as a page may), to check a large chart's syntax."""
    need_js_tools()
    flags = [] if limits else ["--no-limits"]
    return subprocess.run(["node", str(MERMAID_PARSE), *flags, *map(str, paths)], capture_output=True, text=True,
                          timeout=300)
