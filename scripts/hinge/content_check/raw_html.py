"""What in a page could run code, and HTML images without alt text.

A page may show code (in backticks or a fence: skipped, as everywhere), but nothing a browser
would run: no <script> element, no event-handler attribute (``on...=``, in raw HTML or in an
attribute list ``{: ...}``), no ``javascript:`` or ``vbscript:`` URL in a link, image,
reference definition or attribute, however it is cased, spaced or written with entities
(``JaVaScRiPt:``, `` javascript:``, ``&#106;avascript:``, ``java&Tab;script:``). An HTML <img>
needs alt text, as Markdown images do (structure.check_images).
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from hinge.content_check.page import Page
from hinge.report import Finding

_LINK_TARGET = re.compile(r"\]\(\s*(<[^>\n]*>|[^)\s]+)")  # [text](url) and ![alt](url)
_REFERENCE = re.compile(r"^ {0,3}\[[^\]\n]+\]:[ \t]*(<[^>\n]*>|\S+)", re.MULTILINE)
_ATTR_LIST = re.compile(r"\{:?([^{}\n]*)\}")
_ATTRIBUTE = re.compile(r"""([^\s=]+)\s*=\s*("[^"\n]*"|'[^'\n]*'|[^\s}]+)""")
_IGNORED_IN_URLS = re.compile(r"[\x00-\x20\x7f]+")  # browsers drop these from a URL
_SCRIPT_SCHEMES = ("javascript:", "vbscript:")

SCRIPT = (
    "raw <script> element — remove it: pages must not run scripts "
    "(to show code, put it in backticks)"
)
NO_ALT = (
    '<img> without alt text — add alt="what the picture shows", '
    "or use Markdown: ![what it shows](path)"
)


def check_html(page: Page) -> list[Finding]:
    """Scripts, event handlers, script URLs and <img> without alt in the page's prose."""
    prose = dict(page.prose())
    text = "\n".join(prose.get(number, "") for number in range(1, len(page.lines) + 1))
    tags = _Tags(page.path)
    tags.feed(text)
    tags.close()
    findings = tags.findings + _markdown_findings(page.path, text)
    return sorted(findings, key=lambda finding: finding.line or 0)


def script_url(value: str) -> str | None:
    """The scheme ("javascript:") if a browser would run `value` as a script URL, else None."""
    url = _IGNORED_IN_URLS.sub("", html.unescape(value)).lower()
    return next((scheme for scheme in _SCRIPT_SCHEMES if url.startswith(scheme)), None)


def handler_message(name: str) -> str:
    """The finding for an event-handler attribute such as onclick."""
    return f'event-handler attribute "{name}" — remove it: pages must not run scripts'


def url_message(scheme: str) -> str:
    """The finding for a javascript: (or vbscript:) URL."""
    return f'"{scheme}" URL — link to a web page (https://…) or to a page of this site instead'


def _markdown_findings(path: str, text: str) -> list[Finding]:
    """Script URLs in Markdown links and reference definitions; handlers in attribute lists."""
    findings = []
    for pattern in (_LINK_TARGET, _REFERENCE):
        for match in pattern.finditer(text):
            if scheme := script_url(match[1].strip("<>")):
                findings.append(Finding(path, _line(text, match.start(1)), url_message(scheme)))
    for match in _ATTR_LIST.finditer(text):
        line = _line(text, match.start())
        for name, value in _ATTRIBUTE.findall(match[1]):
            if _is_handler(name):
                findings.append(Finding(path, line, handler_message(name.lower())))
            if scheme := script_url(value.strip("\"'")):
                findings.append(Finding(path, line, url_message(scheme)))
    return findings


def _is_handler(name: str) -> bool:
    return name.lower().startswith("on") and len(name) > 2


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


class _Tags(HTMLParser):
    """Checks each raw HTML start tag; attribute values arrive with entities decoded."""

    def __init__(self, path: str) -> None:
        super().__init__(convert_charrefs=True)
        self.path = path
        self.findings: list[Finding] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Report a script element, handlers, script URLs and an <img> without alt."""
        if ":" in tag:  # a Markdown autolink such as <https://example.com>
            return
        line = self.getpos()[0]
        messages = [SCRIPT] if tag == "script" else []
        for name, value in attrs:
            if _is_handler(name):
                messages.append(handler_message(name))
            if value and (scheme := script_url(value)):
                messages.append(url_message(scheme))
        if tag == "img" and "alt" not in {name for name, _ in attrs}:
            messages.append(NO_ALT)
        self.findings += [Finding(self.path, line, message) for message in messages]
