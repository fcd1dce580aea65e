"""`argmap serve`: the real app in a web browser, through `textual-serve`, the Textual project's own server. Each
browser tab that opens the page gets its own `argmap open MAP` process, drawn in the page by xterm.js.

textual-serve's own start-up banner and logging write colour codes through rich; argmap says the address in one
plain line instead and logs only warnings, as plain lines on stderr.
"""

from __future__ import annotations

import asyncio
import logging
import shlex
import sys
from pathlib import Path
from typing import Any

from aiohttp import web
from textual_serve.server import Server

SHUTDOWN_WAIT = 10.0
"""Seconds the server waits for the apps to quit when stopped: an app quits in well under one."""


class MapServer(Server):
    """textual-serve's server, announcing itself in argmap's words."""

    def __init__(self, command: str, host: str, port: int, title: str) -> None:
        super().__init__(command, host=host, port=port, title=title)
        self.map_title = title
        self.sessions: set[asyncio.Task[Any]] = set()

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """One browser tab's app, from opening to closing, kept track of so that stopping the server stops it."""
        session = asyncio.current_task()
        if session is not None:
            self.sessions.add(session)
        try:
            return await super().handle_websocket(request)
        finally:
            if session is not None:
                self.sessions.discard(session)

    async def on_shutdown(self, app: web.Application) -> None:
        """Stop every tab's app and wait for it (textual-serve tells it to quit when its session is cancelled):
        otherwise an app outlives the event loop and its exit is reported as an error."""
        sessions = set(self.sessions)
        for session in sessions:
            session.cancel()
        if sessions:
            await asyncio.wait(sessions, timeout=SHUTDOWN_WAIT)

    def initialize_logging(self) -> None:
        logging.basicConfig(level=logging.WARNING, format="argmap serve: %(message)s", stream=sys.stderr)

    async def on_startup(self, app: web.Application) -> None:
        print(f"Serving the app on {self.map_title!r}: open {self.public_url} in a web browser (ctrl+c stops)",
              flush=True)


def app_command(map_path: Path) -> str:
    """The shell command textual-serve runs for each browser tab: this Python's argmap on the map, quoted whole."""
    return shlex.join([sys.executable, "-m", "argmap", "open", str(map_path.resolve())])


def serve(map_path: Path, title: str, host: str, port: int) -> None:
    """Serve the app on the map until interrupted (ctrl+c or SIGTERM). `OSError` when the address cannot be used."""
    MapServer(app_command(map_path), host, port, title).serve()
