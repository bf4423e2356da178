"""Generate a Material-like static site with seeded link defects for the link benchmark."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path

BASE = "bench-site"  # the site is served under /bench-site/, like a GitHub project page
SECTIONS = 20
PER_SECTION = 52  # 20 sections x 52 pages + section indexes + home = 1,061 pages


@dataclass
class Seeds:
    """Keys (unique URL substrings) of seeded defects, by kind, and of neutral links."""

    internal: dict[str, str] = field(default_factory=dict)  # key -> kind
    external: dict[str, str] = field(default_factory=dict)
    neutral: list[str] = field(default_factory=list)  # fine but worth a warning (301)


def page_path(number: int) -> str:
    """Path of lesson page `number` relative to the site root, as a directory URL."""
    return f"section-{number // PER_SECTION:02d}/page-{number:04d}/"


def external_urls(port: int, closed_port: int, seeds: Seeds) -> list[str]:
    """URLs on the loopback server: mostly fine, some broken (seeded), some tricky but fine."""
    base = f"http://127.0.0.1:{port}"
    urls = [f"{base}/ok/{n}" for n in range(20)]
    urls += [f"{base}/head-refused/{n}" for n in range(3)]
    urls += [f"{base}/limited/{n}" for n in range(3)]
    urls += [f"{base}/slow/{n}" for n in range(3)]
    for n in range(2):
        urls.append(f"{base}/moved/{n}")
        seeds.neutral.append(f"/moved/{n}")
    for status, count in ((404, 3), (410, 2), (500, 2)):
        for n in range(count):
            key = f"seed-ext-{status}-{n}"
            urls.append(f"{base}/status/{status}/{key}")
            seeds.external[key] = f"external {status}"
    key = "seed-ext-refused-0"
    urls.append(f"http://127.0.0.1:{closed_port}/{key}")
    seeds.external[key] = "external refused"
    return urls


def generate(root: Path, port: int, closed_port: int, seed: int = 7) -> Seeds:
    """Write the site into `root/BASE/` and return what was seeded."""
    rng = random.Random(seed)
    seeds = Seeds()
    site = root / BASE
    externals = external_urls(port, closed_port, seeds)
    total = SECTIONS * PER_SECTION
    defects = _plan_defects(rng, total, seeds)
    for name in ("assets/stylesheets/main.css", "assets/javascripts/bundle.js"):
        _write(site / name, "/* bench */\n")
    _write(site / "assets/logo.svg", "<svg xmlns='http://www.w3.org/2000/svg'/>\n")
    for n in range(4):
        _write(site / f"img/photo-{n}.png", "png")
    for section in range(SECTIONS):
        pages = range(section * PER_SECTION, (section + 1) * PER_SECTION)
        links = "".join(f'<li><a href="../{page_path(p)}">Page {p}</a></li>' for p in pages)
        page = _page("../", f"Section {section}", links)
        _write(site / f"section-{section:02d}/index.html", page)
    home = "".join(f'<li><a href="section-{s:02d}/">Section {s}</a></li>' for s in range(SECTIONS))
    _write(site / "index.html", _page("", "Home", home))
    _write(site / "Case-Page/index.html", _page("../", "Case", ""))
    for number in range(total):
        extra = defects.get(number, [])
        body = _content(number, total, rng.sample(externals, 2), extra)
        section = number // PER_SECTION
        nav = "".join(
            f'<li><a href="../../{page_path(p)}">Page {p}</a></li>'
            for p in range(section * PER_SECTION, (section + 1) * PER_SECTION)
        )
        nav += "".join(f'<li><a href="../../section-{s:02d}/">S{s}</a></li>' for s in range(20))
        page = _page("../../", f"Page {number}", body, nav)
        _write(site / page_path(number) / "index.html", page)
    return seeds


def _plan_defects(rng: random.Random, total: int, seeds: Seeds) -> dict[int, list[str]]:
    """Pick pages and write the HTML of each seeded defect (from a page two levels deep)."""
    plan: dict[int, list[str]] = {}

    def seed(kind: str, key: str, html: str) -> None:
        seeds.internal[key] = kind
        plan.setdefault(rng.randrange(total), []).append(html)

    for n in range(30):
        key = f"seed-page-{n:04d}"
        seed("page", key, f'<a href="../../section-03/{key}/">gone</a>')
    for n in range(30):
        key = f"seed-frag-{n:04d}"
        seed("fragment", key, f'<a href="../../{page_path(n * 7)}#{key}">part</a>')
    for n in range(10):
        key = f"seed-same-{n:04d}"
        seed("fragment", key, f'<a href="#{key}">here</a>')
    for n in range(20):
        key = f"seed-img-{n:04d}"
        seed("image", key, f'<img src="../../img/{key}.png" alt="x">')
    for n in range(20):
        key = f"seed-srcset-{n:04d}"
        html = '<img src="../../img/photo-0.png" srcset="../../img/photo-1.png 1x, '
        seed("srcset", key, html + f'../../img/{key}.png 2x" alt="x">')
    for n in range(10):
        key = f"seed-outside-{n:04d}"
        seed("base path", key, f'<a href="/{key}/">outside the base path</a>')
    seed("case", "case-page", '<a href="../../case-page/">wrong case</a>')
    return plan


def _content(number: int, total: int, externals: list[str], extra: list[str]) -> str:
    """Content links of a lesson page: valid but tricky ones, plus any seeded defects."""
    other = page_path((number * 31 + 5) % total)
    after = page_path((number + 1) % total)
    before = page_path((number - 1) % total)
    parts = [
        f'<h1 id="page-{number}">Page {number}',
        f'<a class="headerlink" href="#page-{number}">¶</a></h1>',
        f'<h2 id="übung-{number}">Übung</h2><p><a name="legacy-{number}"></a>Text.</p>',
        '<h2 id="a-b">A b</h2>',
        f'<p><a href="../../{after}">next</a> <a href="../../{before}#page-{(number - 1) % total}">'
        f'back</a> <a href="../../{other}#%C3%BCbung-{(number * 31 + 5) % total}">encoded</a> '
        f'<a href="../../{other}#übung-{(number * 31 + 5) % total}">unicode</a> '
        f'<a href="../../{after}#legacy-{(number + 1) % total}">named anchor</a> '
        f'<a href="/{BASE}/{other}">root-relative</a> <a href="../../{after}?ref=nav">query</a> '
        f'<a href="../../{after.rstrip("/")}">no slash</a> <a href="#a-b">same page</a> '
        '<a href="#">top</a> <a href="mailto:coach@example.org">mail</a> '
        '<a href="tel:+15555550100">call</a></p>',
        '<p><img src="../../img/photo-0.png" srcset="../../img/photo-1.png 480w, '
        '../../img/photo-2.png 960w" sizes="(min-width: 40em) 50vw, 100vw" alt="lift"></p>',
        "<p>" + " ".join(f'<a href="{url}">source</a>' for url in externals) + "</p>",
        *extra,
    ]
    return "\n".join(parts)


def _page(up: str, title: str, content: str, nav: str = "") -> str:
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<link rel="icon" href="{up}assets/logo.svg">
<link rel="stylesheet" href="{up}assets/stylesheets/main.css">
</head><body><div class="md-container">
<header class="md-header">
<a href="{up}" class="md-logo"><img src="{up}assets/logo.svg" alt="logo"></a>
<a href="javascript:void(0)" class="md-search__icon" title="Share">share</a></header>
<nav class="md-nav md-nav--primary" aria-label="Navigation"><ul>{nav}</ul></nav>
<main class="md-main"><div class="md-content" data-md-component="content">
<article class="md-content__inner md-typeset">
{content}
</article></div></main>
<footer class="md-footer"><a href="{up}">Home</a></footer></div>
<script src="{up}assets/javascripts/bundle.js"></script>
</body></html>
"""


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
