"""`argmap serve`: the real app in a web browser, through `textual-serve`, the Textual project's own server. Each
browser tab that opens the page gets its own `argmap open MAP` process, drawn in the page by xterm.js.

textual-serve's own start-up banner and logging write colour codes through rich; argmap says the address in one
plain line instead and logs only warnings, as plain lines on stderr.

textual-serve's page asks a font of fonts.googleapis.com (a request that tells another host who reads what, and
fails offline) and names its own files and websocket by the address the server listens on (`0.0.0.0` is no address
to open). argmap serves that same page with the font textual-serve ships in its static files instead, and with its
files and websocket named by the address the browser asked for.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import re
import shlex
import signal
import sys
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
import textual_serve
from aiohttp import web
from textual_serve.server import Server, to_int
from yarl import URL

SHUTDOWN_WAIT = 10.0
"""Seconds the server waits for the apps to quit when stopped: an app quits in well under one."""

PAGE_TEMPLATE = Path(textual_serve.__file__).parent / "templates" / "app_index.html"

REMOTE_FONT = re.compile(r"<link[^>]*fonts\.googleapis\.com[^>]*>")

LOCAL_FONT = """<style>
      @font-face { font-family: "Roboto Mono"; font-style: normal; font-weight: 100 700;
        src: url("{{ config.static.url }}fonts/RobotoMono-VariableFont_wght.ttf") format("truetype"); }
      @font-face { font-family: "Roboto Mono"; font-style: italic; font-weight: 100 700;
        src: url("{{ config.static.url }}fonts/RobotoMono-Italic-VariableFont_wght.ttf") format("truetype"); }
    </style>"""
"""The font textual-serve's page and terminal ask for, from the copy in textual-serve's own static files."""


@cache
def page_template() -> jinja2.Template:
    """textual-serve's page with its font from this server, not fonts.googleapis.com; escaped as textual-serve's."""
    source = REMOTE_FONT.sub(lambda _: LOCAL_FONT, PAGE_TEMPLATE.read_text(encoding="utf-8"))
    return jinja2.Environment(autoescape=True).from_string(source)


def wildcard(host: str) -> bool:
    """Whether `host` means every interface of this machine (`0.0.0.0`, `::`), which no browser can open."""
    try:
        return ipaddress.ip_address(host).is_unspecified
    except ValueError:
        return host == ""


def address_to_open(host: str, port: int) -> str:
    """The address a person on this machine opens for a server listening on `host`: the loopback address for a
    wildcard (`0.0.0.0` → 127.0.0.1, `::` → ::1), an IPv6 address in brackets."""
    if wildcard(host):
        host = "::1" if ":" in host else "127.0.0.1"
    if ":" in host:
        host = f"[{host}]"
    return f"http://{host}:{port}/"


class MapServer(Server):
    """textual-serve's server, announcing itself in argmap's words, its page asking nothing of another host."""

    def __init__(self, command: str, host: str, port: int, title: str) -> None:
        super().__init__(command, host=host, port=port, title=title, public_url=address_to_open(host, port))
        self.map_title = title
        self.sessions: set[asyncio.Task[Any]] = set()

    async def handle_index(self, request: web.Request) -> web.Response:
        """textual-serve's page, its files and websocket on the host and port the browser asked for."""
        origin = request.url.origin()
        websocket = origin.with_scheme("wss" if origin.scheme == "https" else "ws").with_path("/ws")
        context = {
            "font_size": to_int(request.query.get("fontsize", "16"), 16),
            "app_websocket_url": str(websocket),
            "config": {"static": {"url": "/static/"}},
            "application": {"name": self.title},
            "ping_url": "",
        }
        return web.Response(text=page_template().render(context), content_type="text/html")

    def trusted(self, request: web.Request) -> bool:
        """Whether a websocket comes from this server's own page: a browser names the page that opens one (`Origin`),
        and any other site the reader has open could otherwise drive the app; on a loopback address the page must
        also be asked for by a loopback name, or a site that makes its own name point at 127.0.0.1 would pass."""
        origin = request.headers.get("Origin")
        if origin is not None:
            page, asked = URL(origin), request.url
            if (page.scheme, page.host, page.port) != (asked.scheme, asked.host, asked.port):
                return False
        return wildcard(self.host) or request.url.host in {"localhost", "127.0.0.1", "::1", self.host}

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """One browser tab's app, from opening to closing, kept track of so that stopping the server stops it; a
        websocket from another site's page is refused (403)."""
        if not self.trusted(request):
            raise web.HTTPForbidden(text="argmap serve: only its own page may open the app")
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

    def serve(self, debug: bool = False) -> None:
        """textual-serve's `serve`, saying the address once the server listens (textual-serve's `on_startup` comes
        before that, so a browser quick to open the address found nothing there)."""
        self.debug = debug
        self.initialize_logging()
        loop = asyncio.new_event_loop()
        loop.add_signal_handler(signal.SIGINT, self.request_exit)
        loop.add_signal_handler(signal.SIGTERM, self.request_exit)
        web.run_app(self._make_app(), host=self.host, port=self.port, handle_signals=False, loop=loop,
                    print=lambda _: self.announce())

    async def on_startup(self, app: web.Application) -> None:
        """Nothing: textual-serve prints its banner here."""

    def announce(self) -> None:
        everywhere = (" It listens on every network interface: from another computer, open this computer's address "
                      f"with port {self.port}.") if wildcard(self.host) else ""
        print(f"Serving the app on {self.map_title!r}: open {self.public_url} in a web browser (ctrl+c stops).",
              everywhere, sep="", flush=True)


def app_command(map_path: Path) -> str:
    """The shell command textual-serve runs for each browser tab: this Python's argmap on the map, quoted whole."""
    return shlex.join([sys.executable, "-m", "argmap", "open", str(map_path.resolve())])


def serve(map_path: Path, title: str, host: str, port: int) -> None:
    """Serve the app on the map until interrupted (ctrl+c or SIGTERM). `OSError` when the address cannot be used."""
    MapServer(app_command(map_path), host, port, title).serve()
