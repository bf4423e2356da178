"""Check external URLs over HTTP: concurrent, polite to each host, cached between runs."""

from __future__ import annotations

import asyncio
import json
import logging
import time
from dataclasses import asdict, dataclass, field
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import urlsplit

import httpx

from hinge import atomic

log = logging.getLogger(__name__)

USER_AGENT = "hinge-course-link-check/1 (+https://github.com/hinge-course/hinge-course)"
_PERMANENT = frozenset({301, 308})


@dataclass(frozen=True)
class Settings:
    """Limits of an external check."""

    timeout: float = 15.0  # seconds per request, connect to headers
    deadline: float = 600.0  # seconds for the whole check
    per_host: int = 4  # requests in flight to one host
    retries: int = 2  # extra tries after a 429
    max_wait: float = 60.0  # longest Retry-After honoured, seconds
    ttl: float = 7 * 86400.0  # how long a good result stays cached, seconds

    @property
    def head_timeout(self) -> float:
        """Seconds HEAD may take before GET is tried: a URL takes at most 4/3 `timeout`."""
        return self.timeout / 3


@dataclass(frozen=True)
class Result:
    """What a URL answered; `severity` is None when it is fine."""

    reason: str
    status: int | None = None
    severity: str | None = "error"
    checked: float = field(default_factory=time.time)


@dataclass
class _Host:
    """Per-host politeness: a concurrency limit and a pause after a 429."""

    slots: asyncio.Semaphore
    resume_at: float = 0.0


def check_urls(
    urls: list[str], settings: Settings | None = None, cache: Path | None = None
) -> dict[str, Result]:
    """Check each URL once, reusing fresh good results from `cache` and updating it."""
    settings = settings or Settings()
    cached = _load_cache(cache, settings.ttl)
    results = {url: cached[url] for url in urls if url in cached}
    todo = [url for url in urls if url not in results]
    log.info("external: %d URLs, %d from cache, %d to fetch", len(urls), len(results), len(todo))
    if todo:
        results.update(asyncio.run(_check_all(todo, settings)))
    if cache is not None:
        keep = {url: result for url, result in {**cached, **results}.items() if _cacheable(result)}
        _save_cache(cache, keep)
    return results


async def _check_all(urls: list[str], settings: Settings) -> dict[str, Result]:
    hosts: dict[str, _Host] = {}
    limits = httpx.Limits(max_connections=64, max_keepalive_connections=32)
    timeout = httpx.Timeout(settings.timeout)
    headers = {"User-Agent": USER_AGENT, "Accept": "*/*"}
    async with httpx.AsyncClient(
        follow_redirects=True, timeout=timeout, limits=limits, headers=headers
    ) as client:
        tasks = {}
        for url in urls:
            host = hosts.setdefault(
                urlsplit(url).netloc.lower(), _Host(asyncio.Semaphore(settings.per_host))
            )
            tasks[url] = asyncio.create_task(_check_one(client, url, host, settings))
        _done, pending = await asyncio.wait(tasks.values(), timeout=settings.deadline)
        for task in pending:
            task.cancel()
        late = Result(f"not checked: the {settings.deadline:g} s deadline passed", None, "warning")
        return {url: late if task in pending else task.result() for url, task in tasks.items()}


async def _check_one(
    client: httpx.AsyncClient, url: str, host: _Host, settings: Settings
) -> Result:
    """HEAD, then GET if HEAD fails; follow redirects; wait and retry on 429."""
    loop = asyncio.get_running_loop()
    for attempt in range(settings.retries + 1):
        async with host.slots:
            if (pause := host.resume_at - loop.time()) > 0:
                await asyncio.sleep(pause)
            try:
                response = await _head_or_get(client, url, settings)
            except (TimeoutError, httpx.TimeoutException):
                return Result(f"timed out after {settings.timeout:g} s")
            except httpx.ConnectError as error:
                return Result(f"connection failed: {error}")
            except httpx.TooManyRedirects:
                return Result("too many redirects")
            except httpx.HTTPError as error:
                return Result(f"request failed: {error or type(error).__name__}")
            if response.status_code != 429:
                return _judge(response)
            wait = retry_after(response.headers.get("retry-after"), default=2.0**attempt)
            if attempt == settings.retries or wait > settings.max_wait:
                break
            host.resume_at = max(host.resume_at, loop.time() + wait)
    return Result("rate limited (429); try again later", 429, "warning")


async def _head_or_get(client: httpx.AsyncClient, url: str, settings: Settings) -> httpx.Response:
    """HEAD, or GET when HEAD is refused, errs or outlasts `settings.head_timeout`.

    A failed connection is final: GET would fail the same way.
    """
    try:
        response = await _request(client, "HEAD", url, settings.head_timeout)
    except httpx.ConnectError:
        raise
    except (TimeoutError, httpx.HTTPError) as error:
        log.debug("HEAD %s failed (%s); trying GET", url, error or type(error).__name__)
    else:
        if response.status_code < 400 or response.status_code == 429:
            return response
    return await _request(client, "GET", url, settings.timeout)


async def _request(
    client: httpx.AsyncClient, method: str, url: str, limit: float
) -> httpx.Response:
    """Send one request and close it without reading the body."""
    async with asyncio.timeout(limit), client.stream(method, url) as response:
        return response


def _judge(response: httpx.Response) -> Result:
    status = response.status_code
    if status >= 400:
        return Result(f"{status} {response.reason_phrase}".strip(), status)
    first = response.history[0].status_code if response.history else None
    if first in _PERMANENT:
        return Result(f"moved permanently ({first}) to {response.url}", status, "warning")
    return Result("ok", status, None)


def retry_after(value: str | None, default: float) -> float:
    """Seconds to wait from a Retry-After header (seconds or an HTTP date)."""
    if not value:
        return default
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError):
        return default


def _cacheable(result: Result) -> bool:
    """Only answers that will hold for a while: good links and permanent redirects."""
    return result.status is not None and result.status < 400


def _load_cache(path: Path | None, ttl: float) -> dict[str, Result]:
    if path is None or not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        entries = {url: Result(**entry) for url, entry in data.items()}
    except (ValueError, TypeError, AttributeError) as error:
        log.warning("ignoring unreadable cache %s: %s", path, error)
        return {}
    now = time.time()
    return {url: result for url, result in entries.items() if now - result.checked < ttl}


def _save_cache(path: Path, entries: dict[str, Result]) -> None:
    text = json.dumps({url: asdict(result) for url, result in sorted(entries.items())}, indent=1)
    atomic.write(path, text + "\n")
