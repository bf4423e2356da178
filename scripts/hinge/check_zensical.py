"""Build the site with MkDocs and with Zensical and report what readers would see differently.

    python -m hinge zensical [--zensical PATH] [--out DIR] [--root DIR]
                                     [--format text|json] [--strict]

Zensical (Material for MkDocs' successor) reads the same mkdocs.yml but ignores MkDocs hooks
and most plugins. This builds the project twice, as `make build` does into OUT/mkdocs, and
with Zensical (from a throwaway copy of the project, so its own `.cache/` and `site/` never
touch ours) into OUT/zensical, finished by the same steps after the generator (inline CSS,
CSP, scripts, offline copy: `python -m hinge build --finish`). Then it compares page by page:
pages missing on either side, and per page the `<picture>`s, testimonial cards,
`.table-scroll` regions, `<abbr>` tooltips, cue/fault/fix admonitions, bylines, meta
description, canonical link, og: tags, JSON-LD, footer disclaimer link, search dialog name,
previous and next (the head's rel=prev/next and the footer's), the repository link and the
broken links (what the link checker, `python -m hinge links`, finds: links, pictures, scripts
and icons that lead to no file or id); for the site, the 404 page, robots.txt, sitemap and
files that only one of them publishes (theme bundles and search index aside).

Installs nothing: Zensical lives in .venv-zensical (`make check-zensical` creates it). Images
must be processed first (`make images`). Run from the project root with .venv's Python.
Exit codes: 0 ran (differences are reported, not failed); 1 differences with `--strict`;
2 Zensical missing, a build crashed, or usage error.
"""

from __future__ import annotations

import argparse
import json
import os
import posixpath
import shutil
import subprocess
import sys
from pathlib import Path

from lxml import etree

from hinge import icon_sprite, settings
from hinge import zensical as zensical_build
from hinge.site_links.check import check_site
from hinge.site_links.parse import read_html
from hinge.zensical import run

ADMONITIONS = ("cue", "fault", "fix")
DISCLAIMER = "#medical-disclaimer"  # about/#medical-disclaimer, or on the about page
# Each tool its own bundles, search index and icon sprite (its theme's icons: hinge/icon_sprite.py).
THEME_FILES = ("assets/javascripts/", "search", f"{icon_sprite.FOLDER}/icons.")
SHOWN_URL = 48  # characters of a broken link the report shows (a data: URL runs to 600)


def _with_class(name: str) -> str:
    """An XPath test: the element's `class` attribute lists `name`."""
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


_COUNTED = {  # feature -> the elements that count towards it
    "pictures": "//picture",
    "testimonials": f"//figure[{_with_class('testimonial')}]",
    "tables": "//table",
    "table-scroll": f"//div[{_with_class('table-scroll')}]",
    "abbr tooltips": "//abbr[@title != '']",
    **{
        f"{kind} admonitions": f"//*[{_with_class('admonition')} and {_with_class(kind)}]"
        for kind in ADMONITIONS
    },
    "JSON-LD": "//script[@type = 'application/ld+json']",
    "disclaimer link": f"//div[{_with_class('md-copyright')}]//a[contains(@href, '{DISCLAIMER}')]",
    "bylines": f"//*[{_with_class('byline')}]",
}
_FIND = {feature: etree.XPath(path) for feature, path in _COUNTED.items()}
_DESCRIPTION = etree.XPath("boolean(//meta[@name = 'description'])")
_CANONICAL = etree.XPath("boolean(//link[@rel = 'canonical'])")
_OG = etree.XPath("//meta[starts-with(@property, 'og:')]/@property", smart_strings=False)
_OG_TYPE = etree.XPath("//meta[@property = 'og:type']")
_SEARCH = etree.XPath("//*[@data-md-component = 'search' and @role = 'dialog']")
_SOURCE_API = etree.XPath(
    f"boolean(//a[{_with_class('md-source')} and @data-md-component = 'source'])"
)
_H1 = etree.XPath("(//h1)[1]")
_NEIGHBOURS = etree.XPath(  # rel=prev/next, then the footer's previous and next
    "//head/link[@rel = 'prev' or @rel = 'next']/@href"
    f" | //a[{_with_class('md-footer__link')}]/@href",
    smart_strings=False,
)


def page_features(html: str) -> dict[str, object]:
    """The features of one page: counts, flags and names, as comparable values."""
    root = read_html(html.encode())
    if root is None:  # an empty page
        root = etree.Element("html")
    found = {feature: find(root) for feature, find in _FIND.items()}
    og_types = [meta.get("content", "") for meta in _OG_TYPE(root)]
    search, h1 = _SEARCH(root), _H1(root)
    return {feature: len(elements) for feature, elements in found.items()} | {
        "meta description": _DESCRIPTION(root),
        "canonical": _CANONICAL(root),
        "og: tags": sorted(set(_OG(root))),
        "og:type": og_types[-1] if og_types else None,
        "JSON-LD types": [ld_type(script.text) for script in found["JSON-LD"]],
        "search dialog name": (search[-1].get("aria-label") or "") if search else None,
        "repo link calls GitHub API": _SOURCE_API(root),
        "h1": "".join(h1[0].itertext()).strip() if h1 else "",
        "previous and next": [posixpath.normpath(href) for href in _NEIGHBOURS(root)],
    }


def ld_type(text: str | None) -> str:
    """The `@type` of one JSON-LD block, or what is wrong with it."""
    try:
        data = json.loads(text or "")
    except ValueError:
        return "(invalid JSON)"
    return str(data.get("@type")) if isinstance(data, dict) else "(list)"


def site_features(site: Path) -> dict[str, object]:
    """Site-wide files: the 404 page's heading, robots.txt and the sitemap's URLs."""
    not_found = site / "404.html"
    robots = site / "robots.txt"
    sitemap = site / "sitemap.xml"
    text = sitemap.read_text(encoding="utf-8") if sitemap.is_file() else None
    return {
        "404 page": page_features(not_found.read_text(encoding="utf-8"))["h1"]
        if not_found.is_file()
        else None,
        "robots.txt": robots.read_text(encoding="utf-8").strip() if robots.is_file() else None,
        "sitemap.xml URLs": None if text is None else text.count("<loc>"),
    }


def other_files(site: Path) -> set[str]:
    """Files besides the pages, the theme's bundles and the search index (named per tool)."""
    found = set()
    for path in site.rglob("*"):
        name = path.relative_to(site).as_posix()
        theme = name.startswith(THEME_FILES) or ".min." in name or name.endswith(".map")
        if path.is_file() and not theme and not name.endswith(".html"):
            found.add(name)
    return found


def broken_links(site: Path, base_url: str) -> dict[str, list[str]]:
    """Per page, the links and file references (as written, cut short) that lead to no file
    or id in the site, as the link checker finds them."""
    found: dict[str, set[str]] = {}
    for problem in check_site(site, base_url).problems:
        url = problem.url if len(problem.url) <= SHOWN_URL else problem.url[: SHOWN_URL - 1] + "…"
        found.setdefault(problem.page, set()).add(url)
    return {page: sorted(urls) for page, urls in found.items()}


def pages(site: Path) -> dict[str, Path]:
    """Every HTML page of a built site but the 404 page, by its path inside the site."""
    found = {path.relative_to(site).as_posix(): path for path in site.rglob("*.html")}
    found.pop("404.html", None)
    return dict(sorted(found.items()))


def compare(mkdocs_site: Path, zensical_site: Path, base_url: str = "/") -> dict:
    """What differs between two built sites served at `base_url`, as a JSON-ready report."""
    ours, theirs = pages(mkdocs_site), pages(zensical_site)
    broken = broken_links(mkdocs_site, base_url), broken_links(zensical_site, base_url)
    per_page: dict[str, list[dict]] = {}
    totals: dict[str, list[int]] = {}
    for name in sorted(ours.keys() & theirs.keys()):
        left = page_features(ours[name].read_text(encoding="utf-8"))
        right = page_features(theirs[name].read_text(encoding="utf-8"))
        del left["h1"], right["h1"]  # Only the 404 page's heading is compared.
        left["broken links"], right["broken links"] = (links.get(name, []) for links in broken)
        for feature, value in left.items():
            total = totals.setdefault(feature, [0, 0, 0])
            total[0] += amount(value)
            total[1] += amount(right[feature])
            if value != right[feature]:
                total[2] += 1
                per_page.setdefault(name, []).append(
                    {"feature": feature, "mkdocs": value, "zensical": right[feature]}
                )
    left_site, right_site = site_features(mkdocs_site), site_features(zensical_site)
    left_files, right_files = other_files(mkdocs_site), other_files(zensical_site)
    left_site["other files"] = sorted(left_files - right_files)
    right_site["other files"] = sorted(right_files - left_files)
    return {
        "pages": {"mkdocs": len(ours), "zensical": len(theirs)},
        "missing_in_zensical": sorted(ours.keys() - theirs.keys()),
        "only_in_zensical": sorted(theirs.keys() - ours.keys()),
        "differences": per_page,
        "features": {
            name: {"mkdocs": total[0], "zensical": total[1], "pages_differing": total[2]}
            for name, total in totals.items()
        },
        "site": [
            {"feature": name, "mkdocs": value, "zensical": right_site[name]}
            for name, value in left_site.items()
            if value != right_site[name]
        ],
    }


def amount(value: object) -> int:
    """A feature's size on one page: its count, or 1 when present (flag, name, tag list)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    return 1 if value else 0


def has_differences(report: dict) -> bool:
    """Whether Zensical's site differs from MkDocs' in anything we check."""
    keys = ("missing_in_zensical", "only_in_zensical", "differences", "site")
    return any(report[key] for key in keys)


def render_text(report: dict) -> str:
    """The report as plain text: a feature summary table, then the details."""
    lines = [
        f"pages: MkDocs {report['pages']['mkdocs']}, Zensical {report['pages']['zensical']}",
    ]
    lines += [f"missing in Zensical: {name}" for name in report["missing_in_zensical"]]
    lines += [f"only in Zensical: {name}" for name in report["only_in_zensical"]]
    lines.append("\ntotals over the pages both built (yes/no and named features: pages with it):")
    rows = [("feature", "MkDocs", "Zensical", "pages differing")]
    rows += [
        (name, str(total["mkdocs"]), str(total["zensical"]), str(total["pages_differing"]))
        for name, total in report["features"].items()
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    for row in rows:
        lines.append(
            "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        )
    if report["site"]:
        lines += ["", "site:"]
        lines += [_line(item) for item in report["site"]]
    for page, items in report["differences"].items():
        lines += ["", f"{page}:"]
        lines += [_line(item) for item in items]
    lines.append("")
    lines.append(
        "result: Zensical's site differs (see above)"
        if has_differences(report)
        else "result: no differences in the checked features"
    )
    return "\n".join(lines)


def _line(item: dict) -> str:
    """One difference: the feature and both sides' values."""
    left, right = item["mkdocs"], item["zensical"]
    if isinstance(left, list) and isinstance(right, list):
        return f"  {item['feature']}: {_lists(left, right)}"
    return f"  {item['feature']}: MkDocs {_show(left)} | Zensical {_show(right)}"


def _lists(left: list[str], right: list[str]) -> str:
    """What Zensical's list lacks and adds compared with MkDocs'."""
    lacks = [item for item in left if item not in right]
    adds = [item for item in right if item not in left]
    parts = [f"Zensical lacks {', '.join(lacks)}"] if lacks else []
    parts += [f"Zensical adds {', '.join(adds)}"] if adds else []
    return "; ".join(parts) or f"order: MkDocs {left} | Zensical {right}"


def _show(value: object) -> str:
    """One value for the text report."""
    if value is None:
        return "(missing)"
    if isinstance(value, list):
        return ", ".join(value) or "(none)"
    if isinstance(value, str):
        return repr(value) if "\n" not in value else repr(value[:60] + "…")
    return str(value)


def build_mkdocs(root: Path, out: Path, env: dict[str, str]) -> None:
    """Build the site into `out` as `make build` does: every step, MkDocs in the middle."""
    run(
        [sys.executable, "-m", "hinge", "build", "--site-dir", str(out)],
        root,
        env,
        "The build (python -m hinge build)",
    )


def finish(root: Path, site: Path, zensical: str, env: dict[str, str]) -> str | None:
    """Run the build's steps after MkDocs (inline CSS, CSP, scripts, offline copy) on `site`,
    as a build with Zensical would (told so by HINGE_ZENSICAL); None when they pass, else
    what the first error says (a difference to report: the site is compared as far as the
    steps got)."""
    command = [sys.executable, "-m", "hinge", "build", "--finish", "--site-dir", str(site)]
    try:
        run(command, root, env | {zensical_build.ENV_COMMAND: zensical}, "The steps after Zensical")
    except zensical_build.BuildError as exc:
        errors = [line for line in str(exc).splitlines() if line.startswith("error: ")]
        return (errors or [str(exc).splitlines()[0]])[0].removeprefix("error: ")
    return None


def version(zensical: str) -> str:
    """Zensical's version line, or "unknown"."""
    try:
        result = subprocess.run(
            [zensical, "--version"], capture_output=True, text=True, timeout=60, check=False
        )
    except OSError:
        return "unknown"
    return (result.stdout or result.stderr).strip() or "unknown"


def main(argv: list[str] | None = None) -> int:
    """Build with both, compare, print the report; return the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--zensical", help="zensical command (default: .venv-zensical's)")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="project folder")
    parser.add_argument(
        "--out", type=Path, help="where both sites go (default: ROOT/.cache/zensical-check)"
    )
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("--strict", action="store_true", help="exit 1 when anything differs")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    if not (root / "mkdocs.yml").is_file():
        parser.error(f"no mkdocs.yml in {root}: run from the project root or pass --root")
    zensical = zensical_build.find(root, args.zensical)
    if zensical is None:
        print(
            "error: Zensical is not installed: `make check-zensical` puts it in .venv-zensical",
            file=sys.stderr,
        )
        return 2
    out = (args.out or root / ".cache" / "zensical-check").resolve()
    env = os.environ | {
        "NO_MKDOCS_2_WARNING": "1",
        "PYTHONPATH": os.pathsep.join(
            filter(None, [str(root / "scripts"), os.environ.get("PYTHONPATH")])
        ),
    }
    sites = {"mkdocs": out / "mkdocs", "zensical": out / "zensical"}
    for site in sites.values():
        shutil.rmtree(site, ignore_errors=True)
    out.mkdir(parents=True, exist_ok=True)
    try:
        build_mkdocs(root, sites["mkdocs"], env)
        zensical_build.build(root, zensical, sites["zensical"], env)
    except zensical_build.BuildError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    failed = finish(root, sites["zensical"], zensical, env)
    report = compare(sites["mkdocs"], sites["zensical"], settings.load(root).site_url)
    if failed:
        step = {"feature": "steps after the generator", "mkdocs": "pass", "zensical": failed}
        report["site"].insert(0, step)
    report["zensical_version"] = version(zensical)
    report["sites"] = {name: str(path) for name, path in sites.items()}
    if args.format == "json":
        print(json.dumps(report, indent=1, ensure_ascii=False))
    else:
        print(f"{report['zensical_version']}; sites in {out}")
        print(render_text(report))
    return 1 if args.strict and has_differences(report) else 0


if __name__ == "__main__":
    sys.exit(main())
