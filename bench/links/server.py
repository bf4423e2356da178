"""Loopback HTTP servers for the link benchmark: answers of every kind, and a static site."""

from __future__ import annotations

import functools
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar


class Answers(SimpleHTTPRequestHandler):
    """/ok, /moved (301), /status/N/..., /limited (429 once), /slow (2 s), /head-refused (405)."""

    seen: ClassVar[set[str]] = set()  # paths that already got their 429
    lock = threading.Lock()

    def do_HEAD(self) -> None:
        if self.path.startswith("/head-refused/"):
            self._answer(405)
        else:
            self._route()

    def do_GET(self) -> None:
        self._route()

    def _route(self) -> None:
        path = self.path
        if path.startswith("/moved/"):
            self._answer(301, {"Location": "/ok/moved"})
        elif path.startswith("/status/"):
            self._answer(int(path.split("/")[2]))
        elif path.startswith("/limited/"):
            with self.lock:
                first = path not in self.seen
                self.seen.add(path)
            self._answer(429, {"Retry-After": "1"}) if first else self._answer(200)
        elif path.startswith("/slow/"):
            time.sleep(2)
            self._answer(200)
        elif path.startswith(("/ok/", "/head-refused/")):
            self._answer(200)
        else:
            self._answer(404)

    def _answer(self, status: int, headers: dict[str, str] | None = None) -> None:
        body = b"<!doctype html><title>bench</title><p>" + b"x" * 2000
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet."""


class Quiet(SimpleHTTPRequestHandler):
    """Static files without the request log."""

    def log_message(self, format: str, *args: object) -> None:
        """Quiet."""


class _Server(ThreadingHTTPServer):
    """Clients that hang up early (checkers stop reading bodies) are not errors here."""

    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        """Quiet."""


def start(handler: functools.partial | type, port: int = 0) -> ThreadingHTTPServer:
    """Serve on 127.0.0.1 in a daemon thread; `server.server_port` is the port."""
    server = _Server(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def static(root: Path) -> ThreadingHTTPServer:
    """Serve `root` (the folder holding the site's base path)."""
    return start(functools.partial(Quiet, directory=str(root)))
