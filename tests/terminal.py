"""The real app in a real pseudo-terminal: every byte it writes, as a terminal would receive them."""

from __future__ import annotations

import fcntl
import os
import select
import signal
import struct
import sys
import termios
import time
from pathlib import Path

from tests.conftest import ROOT


def screen_bytes(arguments: list[str], until: bytes, size: tuple[int, int] = (40, 120), settle: float = 0.5,
                 cwd: Path = ROOT) -> bytes:
    """Start `python -m argmap ARGUMENTS` in a pseudo-terminal and return what it wrote until `until` appeared
    (and `settle` seconds more), then kill it. Raises `TimeoutError` when `until` does not appear in 30 s."""
    process_id, terminal = os.forkpty()
    if process_id == 0:
        os.chdir(cwd)
        os.environ["TERM"] = "xterm-256color"
        os.execv(sys.executable, [sys.executable, "-m", "argmap", *arguments])
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", *size, 0, 0))
    received, deadline = b"", None
    try:
        while deadline is None or time.monotonic() < deadline:
            readable, _, _ = select.select([terminal], [], [], 30 if deadline is None else 0.1)
            if not readable:
                if deadline is None:
                    raise TimeoutError(f"no {until!r} on the screen after 30 s: {received[-600:]!r}")
                continue
            try:
                received += os.read(terminal, 1 << 16)
            except OSError:
                break
            if deadline is None and until in received:
                deadline = time.monotonic() + settle
        return received
    finally:
        os.kill(process_id, signal.SIGKILL)
        os.waitpid(process_id, 0)
        os.close(terminal)
