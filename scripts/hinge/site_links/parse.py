"""Read the links and ids of HTML pages with lxml's XPath; Python sees only what it returns."""

from __future__ import annotations

from lxml import etree

_PARSER = etree.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True)
_IDS = etree.XPath("//@id | //a/@name", smart_strings=False)
_HREFS = etree.XPath("//@href", smart_strings=False)
_RESOURCES = etree.XPath("//@src | //@srcset | //@poster | //link/@rel")  # few per page
_CONTENT = etree.XPath("//*[contains(@class, 'md-content')]")
_AREA_HREFS = etree.XPath(".//@href", smart_strings=False)
_WITH_URL = etree.XPath("//*[@href or @src or @srcset or @poster]")
_HINT_RELS = frozenset({"preconnect", "dns-prefetch"})  # these name origins, not resources
_IMAGE_TAGS = frozenset({"img", "source"})
_SKIPPED = ("mailto:", "tel:", "data:")

Links = dict[str, str]  # URL as written -> "page", "image" or "unsafe"


def read_html(data: bytes) -> etree._Element | None:
    """Parse an HTML document as UTF-8; None when it is empty."""
    return etree.fromstring(data, _PARSER) if data.strip() else None


def ids_and_links(root: etree._Element) -> tuple[frozenset[str], Links]:
    """The ids (`id`, `<a name>`) of a page and its distinct URLs with their kind.

    `javascript:` URLs are kept (as "unsafe") only inside Material's content area, or
    anywhere on pages without one; `mailto:`, `tel:` and `data:` are left out.
    """
    links: Links = dict.fromkeys((url.strip() for url in _HREFS(root)), "page")
    for value in _RESOURCES(root):
        element, name = value.getparent(), value.attrname
        if name == "rel":
            if _HINT_RELS.intersection(value.lower().split()):
                links.pop(element.get("href", "").strip(), None)
        elif name == "srcset":
            links.update(dict.fromkeys(srcset_urls(value), "image"))
        else:
            image = name == "poster" or element.tag in _IMAGE_TAGS
            links[value.strip()] = "image" if image else "page"
    scripted = False
    for url in [url for url in links if ":" in url[:11]]:
        script = url[:11].lower() == "javascript:"
        if script or url.startswith(_SKIPPED):
            scripted = scripted or script
            del links[url]
    if scripted:
        for area in _content_areas(root):
            for url in _AREA_HREFS(area):
                if url.strip()[:11].lower() == "javascript:":
                    links[url.strip()] = "unsafe"
    return frozenset(_IDS(root)), links


def _content_areas(root: etree._Element) -> list[etree._Element]:
    """Material's content area(s); the whole page when it has none."""
    areas = [e for e in _CONTENT(root) if "md-content" in e.get("class", "").split()]
    return areas or [root]


def url_lines(root: etree._Element) -> dict[str, int]:
    """The first line where each URL appears; only needed for pages with problems."""
    lines: dict[str, int] = {}
    for element in _WITH_URL(root):
        line = element.sourceline or 0
        for attribute in ("href", "src", "poster"):
            if (url := element.get(attribute)) is not None:
                lines.setdefault(url.strip(), line)
        for url in srcset_urls(element.get("srcset") or ""):
            lines.setdefault(url, line)
    return lines


def srcset_urls(srcset: str) -> list[str]:
    """The URLs of a `srcset` attribute (HTML's candidate list: "url [descriptor], ...")."""
    urls = []
    position, end = 0, len(srcset)
    while position < end:
        while position < end and (srcset[position].isspace() or srcset[position] == ","):
            position += 1
        start = position
        while position < end and not srcset[position].isspace():
            position += 1
        url = srcset[start:position]
        if url.endswith(","):
            url = url.rstrip(",")
        else:  # skip descriptors up to the next comma outside parentheses
            depth = 0
            while position < end and (srcset[position] != "," or depth):
                depth += {"(": 1, ")": -1}.get(srcset[position], 0)
                position += 1
        if url:
            urls.append(url)
    return urls
