"""Serve the built site on 127.0.0.1 the way GitHub Pages does: gzip and a base path.

    python tests/serve_site.py [SITE_DIR] [--port N] [--base-path /hinge-course/]

Text files are sent gzip-compressed when the client accepts it, missing files get the
site's 404.html with status 404, and the site lives under the base path from ``site_url``.
Tests and benchmarks use ``serve()`` directly; exit codes: 0 stopped, 2 usage error.
"""

from __future__ import annotations

import argparse
import gzip
import mimetypes
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from functools import lru_cache
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

COMPRESSIBLE = ("text/", "application/javascript", "application/json", "image/svg+xml")


@lru_cache(maxsize=1024)
def _gzipped(path: Path, mtime: float) -> bytes:
    """The file's bytes, gzip-compressed (cached while the file is unchanged)."""
    return gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)


def resolve(root: Path, base_path: str, url_path: str) -> Path | None:
    """The file a URL path maps to (directory URLs → index.html), or None."""
    path = unquote(urlsplit(url_path).path)
    if not path.startswith(base_path):
        return None
    relative = path[len(base_path) :]
    target = (root / relative).resolve()
    if root.resolve() not in (target, *target.parents):
        return None
    if target.is_dir():
        target = target / "index.html"
    return target if target.is_file() else None


def make_handler(root: Path, base_path: str) -> type[BaseHTTPRequestHandler]:
    """A request handler class serving ``root`` under ``base_path``."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self._send(head=False)

        def do_HEAD(self) -> None:
            self._send(head=True)

        def _send(self, head: bool) -> None:
            path = self.path
            if urlsplit(path).path + "/" == base_path:
                self.send_response(HTTPStatus.MOVED_PERMANENTLY)
                self.send_header("Location", base_path)
                self.end_headers()
                return
            target = resolve(root, base_path, path)
            status = HTTPStatus.OK
            if target is None:
                status, target = HTTPStatus.NOT_FOUND, root / "404.html"
            kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
            compress = kind.startswith(COMPRESSIBLE) and "gzip" in self.headers.get(
                "Accept-Encoding", ""
            )
            body = _gzipped(target, target.stat().st_mtime) if compress else target.read_bytes()
            self.send_response(status)
            self.send_header("Content-Type", kind + ("; charset=utf-8" if "text" in kind else ""))
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "max-age=600")
            if compress:
                self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
            self.end_headers()
            if not head:
                self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            """Stay quiet: tests and benchmarks read their own output."""

    return Handler


@contextmanager
def serve(root: Path, base_path: str = "/", port: int = 0) -> Iterator[str]:
    """Serve ``root`` in a background thread; yields the site's base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", port), make_handler(root, base_path))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{base_path}"
    finally:
        server.shutdown()
        server.server_close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", nargs="?", default="site", type=Path)
    parser.add_argument("--port", type=int, default=8001)
    parser.add_argument("--base-path", default="/")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        parser.error(f"{args.site}/index.html not found: run `make build` first")
    base = "/" + args.base_path.strip("/") + "/" if args.base_path.strip("/") else "/"
    with serve(args.site, base, args.port) as url:
        print(f"Serving {args.site} at {url} (Ctrl+C to stop)", flush=True)
        with suppress(KeyboardInterrupt):
            threading.Event().wait()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
