"""Project settings, read in one place: where the project lives, mkdocs.yml and [tool.hinge].

mkdocs.yml is read with MkDocs' own YAML loader, so its ``!ENV`` tags (``site_url`` on the
Pages deploy) resolve exactly as they do in the build, and ``INHERIT`` works too. The tools'
own folders stay in pyproject.toml's ``[tool.hinge]`` (read by `image_pipeline.config`,
which the Markdown extensions also use under Zensical, where MkDocs is not installed).
A project with no mkdocs.yml gets MkDocs' defaults.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Settings:
    """What the tools need to know about one project."""

    root: Path
    docs: str = "docs"  # the Markdown folder, relative to root
    site_url: str = "/"  # the public URL, or just a base path
    links_exclude: tuple[str, ...] = ()  # URL prefixes the external link check skips
    theme_variant: str = "classic"  # Zensical's look ("classic" is Material's; or "modern")

    @property
    def base_path(self) -> str:
        """The path the site is served under, e.g. "/hinge-course/"."""
        path = urlsplit(self.site_url).path or "/"
        return path if path.endswith("/") else path + "/"


@cache
def load(root: Path = ROOT) -> Settings:
    """The settings of the project at `root` (read once per process)."""
    config = _mkdocs(root / "mkdocs.yml")
    pyproject = root / "pyproject.toml"
    tool = tomllib.loads(pyproject.read_text(encoding="utf-8")) if pyproject.is_file() else {}
    links = tool.get("tool", {}).get("hinge", {}).get("links", {})
    return Settings(
        root=root,
        docs=config.get("docs_dir") or "docs",
        site_url=config.get("site_url") or "/",
        links_exclude=tuple(links.get("exclude", ())),
        theme_variant=(config.get("theme") or {}).get("variant") or "classic",
    )


def _mkdocs(path: Path) -> dict:
    """mkdocs.yml as MkDocs reads it, before validation ({} when there is none)."""
    if not path.is_file():
        return {}
    from mkdocs.utils.yaml import yaml_load

    with path.open(encoding="utf-8") as file:
        return yaml_load(file) or {}
