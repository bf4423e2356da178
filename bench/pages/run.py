"""Lighthouse 12 on our pages and on the same docs/ built with Material's defaults and Starlight.

    npm ci && (cd bench/pages && npm ci) && python bench/pages/run.py [--pages P ...] [--runs N]

Builds three sites into a temporary directory: ours (mkdocs.yml as is); "material", a baseline
with Material's defaults (a temp mkdocs.yml without our overrides, extra CSS/JS and Markdown
extensions, except ``site_markdown.pictures``, ``.testimonials`` and ``.ladder``, whose blocks
are the pages' own content); and "starlight", the same docs/ and images/ built by Astro
Starlight 0.36 with its defaults (bench/pages/starlight; admonitions become asides, testimonial
and ladder blocks the HTML our extensions render; glossary tooltips and link rewriting are left
out). Serves each with gzip (tests/serve_site.py), runs Lighthouse (mobile and desktop, median
of N runs, the builds taking turns run by run) on each page, and prints per page: the four
scores, LCP, CLS, TBT, the main thread's time in scripts (parse, compile, run: "JS ms"),
every run's performance score and TBT (a one-run outlier shows as one), bytes by type, and
ours/baseline for LCP and bytes; then the home page's first view by file and its repeat
view; the host's speed (Lighthouse's benchmark index); then the offline copy (issue 17): what
the service worker downloads in the background and stores, and the second page's LCP on the
mobile profile when the worker serves it (a profile that opened the home page and waited for
the offline copy), beside that page's first view.
Exit codes: 0 done, 1 a Lighthouse run failed, 2 usage error.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from contextlib import ExitStack
from pathlib import Path
from urllib.parse import urlsplit

import markdown
import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # page_audit, serve_site

from hinge import offline, settings  # noqa: E402
from hinge.site_markdown.ladder import LadderExtension  # noqa: E402
from hinge.site_markdown.pictures import PicturesExtension  # noqa: E402
from hinge.site_markdown.testimonials import TestimonialsExtension  # noqa: E402
from page_audit import (  # noqa: E402
    CHROME,
    CHROME_ARGS,
    LIGHTHOUSE,
    PAGES,
    lighthouse,
    summarize,
    wait_until,
)
from serve_site import serve  # noqa: E402

ASTRO = HERE / "node_modules" / ".bin" / "astro"
STARLIGHT = HERE / "starlight"  # the Astro project; run.py writes its src/content/
KEEP_EXTENSIONS = tuple(
    f"hinge.site_markdown.{name}" for name in ("pictures", "testimonials", "ladder")
)


def baseline_config(config: dict) -> dict:
    """Material's defaults: no overrides, no extra CSS/JS, only extensions the pages need."""
    theme = {
        k: v for k, v in config["theme"].items() if k not in ("custom_dir", "static_templates")
    }
    # Our logo icon lives in overrides/.icons: the baseline shows the theme's default one.
    theme["icon"] = {k: v for k, v in theme.get("icon", {}).items() if k != "logo"}
    extensions = []
    for ext in config["markdown_extensions"]:
        name = ext if isinstance(ext, str) else next(iter(ext))
        if name in KEEP_EXTENSIONS or not name.startswith("hinge."):
            extensions.append(ext)
    base = {k: v for k, v in config.items() if k not in ("extra_css", "extra_javascript", "hooks")}
    return {**base, "theme": theme, "markdown_extensions": extensions, "strict": False}


def build(config_file: Path, out: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config_file), "-d", str(out)],
        cwd=ROOT,
        check=True,
        env=env,
    )


ADMONITION = re.compile(r'^!!! (\w+)(?: "([^"]*)")?\n((?:(?: {4}.*)?\n)+)', re.M)
ASIDES = {"cue": "tip", "fault": "caution", "fix": "note", "warning": "caution"}
BLOCKS = re.compile(r"^/// (?:testimonials|ladder)\n.*?^///\n", re.M | re.S)


def starlight_markdown(text: str) -> str:
    """Our Markdown in Starlight's dialect: no H1 (Starlight shows the title), asides for
    admonitions, testimonial blocks as the HTML our extension renders, no attribute lists."""

    def aside(match: re.Match[str]) -> str:
        kind, title, body = match.groups()
        label = f"[{title}]" if title else ""
        lines = "\n".join(line[4:] for line in body.rstrip("\n").split("\n"))
        return f":::{ASIDES.get(kind, kind)}{label}\n{lines}\n:::\n\n"

    def block(match: re.Match[str]) -> str:
        folders = {"source": str(ROOT / "images"), "output": str(ROOT / "docs" / "img")}
        docs = str(ROOT / "docs")
        extensions = [
            PicturesExtension(images=folders),  # the avatars' folders
            TestimonialsExtension(data=str(ROOT / "data" / "testimonials.yml"), docs_dir=docs),
            LadderExtension(docs_dir=docs),
        ]
        return markdown.markdown(match.group(0), extensions=extensions) + "\n"

    text = re.sub(r"^# .*\n", "", text, count=1, flags=re.M)
    text = ADMONITION.sub(aside, text)
    text = BLOCKS.sub(block, text)
    return re.sub(r"\{ *\.[^}]*\}", "", text)


def build_starlight(out: Path) -> None:
    """The same docs/ and images/ built by Astro Starlight with its defaults, into ``out``."""
    content = STARLIGHT / "src" / "content"
    shutil.rmtree(content, ignore_errors=True)
    for source in sorted((ROOT / "docs").rglob("*.md")):
        target = content / "docs" / source.relative_to(ROOT / "docs")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(starlight_markdown(source.read_text(encoding="utf-8")), "utf-8")
    shutil.copytree(ROOT / "images", content / "images")  # ../images/x.png stays valid
    env = {**os.environ, "ASTRO_TELEMETRY_DISABLED": "1"}
    subprocess.run([str(ASTRO), "build", "--silent"], cwd=STARLIGHT, check=True, env=env)
    shutil.rmtree(out, ignore_errors=True)
    shutil.move(STARLIGHT / "dist", out)


def median_run(runs: list[dict]) -> dict:
    """The run with the median LCP (its other numbers stay consistent with it)."""
    ordered = sorted(runs, key=lambda r: r["lcp"])
    return ordered[len(ordered) // 2]


def measure(sites: dict[str, Path], base_path: str, pages: list[str], runs: int, tmp: Path) -> dict:
    """Lighthouse on every build, page and form: {tag: {(form, page): median run}}, each with
    "every_run": the (performance score, TBT) of all its runs, in order. The builds take turns
    run by run, so a change in this machine's speed falls on all of them alike."""
    results: dict = {tag: {} for tag in sites}
    with ExitStack() as stack:
        urls = {tag: stack.enter_context(serve(site, base_path)) for tag, site in sites.items()}
        for form in ("mobile", "desktop"):
            for page in pages:
                name = page.replace("/", "_") or "home"
                found: dict[str, list[dict]] = {tag: [] for tag in sites}
                for n in range(runs):
                    for tag, url in urls.items():
                        out = tmp / f"{tag}-{form}-{name}-{n}.json"
                        found[tag].append(summarize(lighthouse(url + page, form, out)))
                for tag, reports in found.items():
                    every = [(r["scores"][0], r["tbt"]) for r in reports]
                    results[tag][form, page] = {**median_run(reports), "every_run": every}
                    lcp = results[tag][form, page]["lcp"]
                    print(f"  {tag} {form} /{page}: {lcp:.2f} s", file=sys.stderr)
    return results


def host_speed(results: dict[str, dict]) -> str:
    """This machine's speed during the runs: Lighthouse's benchmark index (higher is faster),
    which its simulated phone CPU (4x slower than the host) depends on."""
    indexes = [r["benchmark_index"] for res in results.values() for r in res.values()]
    return (
        f"\nHost benchmark index (Lighthouse; higher is faster), in the median runs: "
        f"{min(indexes):.0f} to {max(indexes):.0f}, median {statistics.median(indexes):.0f}. "
        "The mobile figures simulate a phone 4x slower than this machine, so a slower host "
        "lowers TBT scores."
    )


def kb(n: float) -> str:
    return f"{n / 1024:.1f}"


def report(results: dict[str, dict], pages: list[str], repeat: dict | None) -> str:
    """Markdown tables: every build per page and form, then the home page's first view."""
    ours, baselines = results["ours"], [tag for tag in results if tag != "ours"]
    lines = []
    for form in ("mobile", "desktop"):
        ratios = "".join(f" ours/{tag}: LCP · bytes |" for tag in baselines)
        lines += [
            f"\n## {form} (median of runs by LCP)",
            "| page | build | perf/a11y/bp/seo | FCP s | LCP s | CLS | TBT ms | JS ms "
            f"| every run: perf (TBT ms) | KB: doc/css/js/img/other/total |{ratios}",
            "|---|---|---|---|---|---|---|---|---|---|" + "---|" * len(baselines),
        ]
        for page in pages:
            for tag, res in results.items():
                r = res[form, page]
                t = r["by_type"]
                main = [t.get(k, 0) for k in ("Document", "Stylesheet", "Script", "Image")]
                split = "/".join(kb(n) for n in [*main, r["bytes"] - sum(main), r["bytes"]])
                cells = [
                    f"{r['lcp'] / b['lcp']:.2f} · {r['bytes'] / b['bytes']:.2f}"
                    if tag == "ours"
                    else ""
                    for b in (results[other][form, page] for other in baselines)
                ]
                every = ", ".join(f"{score} ({tbt:.0f})" for score, tbt in r["every_run"])
                lines.append(
                    f"| /{page} | {tag} | {'/'.join(map(str, r['scores']))} | {r['fcp']:.2f} | "
                    f"{r['lcp']:.2f} | {r['cls']:.3f} | {r['tbt']:.0f} | {r['js_ms']:.0f} | "
                    f"{every} | {split} | " + " | ".join(cells) + " |"
                )
    if home := ours.get(("mobile", "")):  # when --pages names home
        lines += [
            "\n## Home, first view by file (mobile, transfer bytes = gzip + headers)",
            "| file | KB |",
            "|---|---|",
        ]
        for url, size in sorted(home["files"], key=lambda f: -f[1]):
            lines.append(f"| {urlsplit(url).path} | {kb(size)} |")
        lines.append(f"| **total** | **{kb(home['bytes'])}** |")
    if repeat:
        lines += [
            "\n## Repeat view (same browser, cached, then another page)",
            "| view | KB |",
            "|---|---|",
        ]
        lines += [f"| {k} | {kb(v)} |" for k, v in repeat.items()]
    return "\n".join(lines)


def repeat_views(site: Path, base_path: str) -> dict:
    """Bytes transferred on a second visit to home and on then opening another page."""
    from playwright.sync_api import sync_playwright

    sizes: dict[str, int] = {}
    with serve(site, base_path) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROME, args=CHROME_ARGS)
        page = browser.new_page()
        client = page.context.new_cdp_session(page)
        client.send("Network.enable")
        received: list[int] = []
        client.on("Network.loadingFinished", lambda e: received.append(e["encodedDataLength"]))
        for label, path in (
            ("first view, home", ""),
            ("repeat view, home", ""),
            ("then /hip-hinge/", "hip-hinge/"),
        ):
            received.clear()
            page.goto(url + path, wait_until="networkidle")
            sizes[label] = sum(received)
        browser.close()
    return sizes


OFFLINE_READY = "document.documentElement.dataset.offline === 'ready'"


def saved_profile(url: str, profile: Path) -> dict[str, float]:
    """Open ``url`` in a Chromium profile on disk and wait for the offline copy; what the
    worker downloaded (transfer bytes, its own resource timing) and what the origin stores."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            profile, executable_path=CHROME, args=CHROME_ARGS
        )
        page = context.new_page()
        page.goto(url, wait_until="load")
        wait_until(page, OFFLINE_READY, timeout_ms=60_000)
        worker = next(w for w in context.service_workers if w.url.endswith(offline.WORKER))
        sent = worker.evaluate(
            "performance.getEntriesByType('resource').reduce((sum, e) => sum + e.transferSize, 0)"
        )
        stored = page.evaluate("navigator.storage.estimate().then(e => e.usage)")
        context.close()
    return {"sent": sent, "stored": stored}


def lighthouse_in(url: str, profile: Path, out: Path, method: str) -> dict:
    """Lighthouse's mobile run of ``url`` in ``profile`` as it is (its service worker and
    caches kept), with ``method`` throttling ("simulate", Lighthouse's default, or "devtools")."""
    options = [f"--throttling-method={method}", "--disable-storage-reset"]
    return summarize(lighthouse(url, "mobile", out, profile, options))


def offline_views(site: Path, base_path: str, second: str, runs: int, tmp: Path) -> str:
    """The offline copy: its size, and the second page's LCP served by the worker beside the
    same page's first view (a fresh profile), on the mobile profile (median of runs)."""
    entries = offline.precache(site, base_path)
    lines = [
        "\n## Offline copy (service worker, issue 17)",
        f"Precache: {offline.size_line(entries.values())} (manifest, gzip at level 6).",
    ]
    rows = ["| view | throttling | LCP s | FCP s | KB transferred |", "|---|---|---|---|---|"]
    with serve(site, base_path) as url:
        for method in ("simulate", "devtools"):
            views: dict[str, list[dict]] = {"first view": [], "served by the worker": []}
            for n in range(runs):
                fresh = tmp / f"fresh-{method}-{n}"
                views["first view"].append(
                    lighthouse_in(url + second, fresh, tmp / "first.json", method)
                )
                warm = tmp / f"warm-{method}-{n}"
                measured = saved_profile(url, warm)
                views["served by the worker"].append(
                    lighthouse_in(url + second, warm, tmp / "warm.json", method)
                )
            for label, reports in views.items():
                r = median_run(reports)
                rows.append(
                    f"| /{second} {label} | {method} | {r['lcp']:.2f} | {r['fcp']:.2f} "
                    f"| {kb(r['bytes'])} |"
                )
                print(f"  offline {method} /{second} {label}: {r['lcp']:.2f} s", file=sys.stderr)
    lines.append(
        f"Measured in Chromium: the worker downloaded {kb(measured['sent'])} KB; the origin "
        f"stores {kb(measured['stored'])} KB (caches and worker). Simulated throttling is "
        "computed from the trace; devtools throttling runs in real time, so this machine's "
        "load moves it."
    )
    return "\n".join([*lines, "", *rows])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", nargs="+", default=PAGES, help="URL paths ('' = home)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--second-page", default="hip-hinge/", help="the page a reader opens after home"
    )
    parser.add_argument(
        "--offline-only", action="store_true", help="only the offline copy's figures"
    )
    args = parser.parse_args(argv)
    if not LIGHTHOUSE.exists():
        parser.error("Lighthouse is missing: run `npm ci` in the project folder")
    pages = ["" if p.strip("/") in ("", "home") else p.strip("/") + "/" for p in args.pages]
    config = settings.mkdocs_config(ROOT / "mkdocs.yml")
    base_path = urlsplit(config["site_url"]).path or "/"
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        ours = [sys.executable, "-m", "hinge", "build", "--site-dir", str(tmp / "ours")]
        subprocess.run(ours, cwd=ROOT, check=True)  # the whole pipeline, as `make build`
        second = args.second_page.strip("/") + "/"
        if args.offline_only:
            print(offline_views(tmp / "ours", base_path, second, args.runs, tmp))
            return 0
        baseline = tmp / "mkdocs.baseline.yml"
        material = {**baseline_config(config), "docs_dir": str(ROOT / "docs")}
        baseline.write_text(yaml.safe_dump(material), encoding="utf-8")
        build(baseline, tmp / "material")
        builds = ["ours", "material"]
        if ASTRO.exists():
            build_starlight(tmp / "starlight")
            builds.append("starlight")
        else:
            print(
                "Astro is missing (npm ci in bench/pages): no Starlight baseline", file=sys.stderr
            )
        try:
            results = measure({tag: tmp / tag for tag in builds}, base_path, pages, args.runs, tmp)
        except subprocess.SubprocessError as error:
            print(f"Lighthouse failed: {error}", file=sys.stderr)
            return 1
        repeat = repeat_views(tmp / "ours", base_path)
        saved = offline_views(tmp / "ours", base_path, second, args.runs, tmp)
    print(report(results, pages, repeat))
    print(host_speed(results))
    print(saved)
    return 0


if __name__ == "__main__":
    sys.exit(main())
