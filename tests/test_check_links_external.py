"""External link checks against a real HTTP server on 127.0.0.1 started by the test."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from hinge import check_links
from hinge.site_links.external import Settings, check_urls, retry_after

HITS: Counter[str] = Counter()


class Handler(BaseHTTPRequestHandler):
    """/ok, /moved (301), /found (302), /missing (404), /limited (429 once), /busy (429
    always), /nohead (405 to HEAD), /slow (2 s), /headhang (HEAD 2 s, GET at once),
    /headdrop (HEAD: connection closed unanswered)."""

    def do_HEAD(self) -> None:
        if self.path == "/headdrop":
            HITS["HEAD /headdrop"] += 1
            self.close_connection = True
            return
        if self.path == "/headhang":
            time.sleep(2)
        self.respond()

    def do_GET(self) -> None:
        self.respond()

    def respond(self) -> None:
        HITS[f"{self.command} {self.path}"] += 1
        path, headers, status = self.path, {}, 200
        if path == "/moved":
            status, headers = 301, {"Location": "/ok"}
        elif path == "/found":
            status, headers = 302, {"Location": "/ok"}
        elif path == "/missing":
            status = 404
        elif path == "/limited" and HITS["HEAD /limited"] == 1:
            status, headers = 429, {"Retry-After": "1"}
        elif path == "/busy":
            status, headers = 429, {"Retry-After": "0"}
        elif path == "/nohead" and self.command == "HEAD":
            status = 405
        elif path == "/slow":
            time.sleep(2)
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        """Quiet."""


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    thread.join()
    httpd.server_close()


@pytest.fixture
def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


FAST = Settings(timeout=0.5, deadline=10, retries=1, max_wait=2)


def test_answers_of_every_kind(server: str, closed_port: int) -> None:
    HITS.clear()
    urls = [f"{server}/{name}" for name in ("ok", "moved", "found", "missing", "nohead", "slow")]
    urls += [f"{server}/limited", f"{server}/busy", f"http://127.0.0.1:{closed_port}/x"]
    start = time.monotonic()
    results = check_urls(urls, FAST)
    answers = {url.rsplit("/", 1)[1]: (r.severity, r.reason) for url, r in results.items()}
    assert answers["ok"] == (None, "ok")
    assert answers["moved"] == ("warning", f"moved permanently (301) to {server}/ok")
    assert answers["found"] == (None, "ok")
    assert answers["missing"] == ("error", "404 Not Found")
    assert answers["nohead"] == (None, "ok")
    assert answers["slow"] == ("error", "timed out after 0.5 s")
    assert answers["limited"] == (None, "ok")
    assert answers["busy"] == ("warning", "rate limited (429); try again later")
    assert answers["x"][0] == "error"
    assert answers["x"][1].startswith("connection failed")
    assert HITS["GET /nohead"] == 1
    assert HITS["HEAD /busy"] == 2  # one retry, then give up
    assert 1 <= time.monotonic() - start < 5  # Retry-After: 1 was honoured


def test_head_that_hangs_or_fails_falls_back_to_get(server: str) -> None:
    HITS.clear()
    urls = [f"{server}/headhang", f"{server}/headdrop"]
    start = time.monotonic()
    results = check_urls(urls, FAST)
    assert [(r.severity, r.reason) for r in results.values()] == [(None, "ok"), (None, "ok")]
    assert HITS["GET /headhang"] == HITS["GET /headdrop"] == 1
    assert time.monotonic() - start < 1.5  # HEAD waited FAST.head_timeout, not 2 s


def test_head_and_get_that_hang_time_out_in_bounded_time(server: str) -> None:
    HITS.clear()
    start = time.monotonic()
    results = check_urls([f"{server}/slow"], FAST)
    elapsed = time.monotonic() - start
    assert results[f"{server}/slow"].reason == "timed out after 0.5 s"
    assert dict(HITS) == {"HEAD /slow": 1, "GET /slow": 1}
    assert elapsed < FAST.head_timeout + FAST.timeout + 0.5


def test_retry_after_forms() -> None:
    assert retry_after("3", default=1) == 3
    assert retry_after(None, default=1) == 1
    assert retry_after("Wed, 21 Oct 2015 07:28:00 GMT", default=1) == 0
    assert retry_after("soon", default=1) == 1


def test_command_line_caches_and_excludes(
    server: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    HITS.clear()
    monkeypatch.chdir(tmp_path)
    (tmp_path / "mkdocs.yml").write_text(
        f'site_name: Test\nextra:\n  link_check:\n    exclude: ["{server}/skip"]\n',
        encoding="utf-8",
    )
    links = "".join(
        f'<a href="{server}/{name}#part">{name}</a>' for name in ("ok", "missing", "skip/me")
    )
    for name in ("a", "b"):  # the same URLs on two pages are fetched once
        page = tmp_path / "site" / name / "index.html"
        page.parent.mkdir(parents=True)
        page.write_text(f"<html><body>{links}</body></html>", encoding="utf-8")
    cache = tmp_path / "links.json"
    args = ["--external", "--format", "json", "--cache", str(cache)]
    assert check_links.main(args) == 1
    found = json.loads(capsys.readouterr().out)
    assert [(p["page"], p["url"], p["kind"]) for p in found] == [
        ("a/index.html", f"{server}/missing#part", "external"),
        ("b/index.html", f"{server}/missing#part", "external"),
    ]
    assert dict(HITS) == {"HEAD /ok": 1, "HEAD /missing": 1, "GET /missing": 1}
    assert list(json.loads(cache.read_text(encoding="utf-8"))) == [f"{server}/ok"]
    assert check_links.main(args) == 1
    capsys.readouterr()
    assert HITS["HEAD /ok"] == 1  # answered from the cache
    assert HITS["HEAD /missing"] == 2  # failures are checked again
