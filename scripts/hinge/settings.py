"""Project settings, read in one place: mkdocs.yml.

mkdocs.yml is read with MkDocs' own YAML loader, so its ``!ENV`` tags (``site_url`` on the
Pages deploy) resolve exactly as they do in the build, and ``INHERIT`` works too. The image
folders are the ``images`` option of our pictures extension (where the extensions find them
under Zensical too, which has no MkDocs); the link check's exclusions are
``extra.link_check``. A project with no mkdocs.yml gets the defaults.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from hinge.image_pipeline.config import Paths, image_paths

ROOT = Path(__file__).resolve().parents[2]
PICTURES = "hinge.site_markdown.pictures"


@dataclass(frozen=True)
class Settings:
    """What the tools need to know about one project."""

    root: Path
    docs: str = "docs"  # the Markdown folder, relative to root
    site_url: str = "/"  # the public URL, or just a base path
    links_exclude: tuple[str, ...] = ()  # URL prefixes the external link check skips
    theme_variant: str = "classic"  # Zensical's look ("classic" is Material's; or "modern")
    image_folders: tuple[tuple[str, str], ...] = ()  # the pictures extension's images option
    theme_name: str = "material"
    theme_dir: str = ""  # theme.custom_dir, relative to root ("" for none)
    # theme.icon: the icons of admonitions (type, icon) and any other icons the theme's
    # partials/icons.html would draw (annotation, tag), which the pages leave out.
    admonition_icons: tuple[tuple[str, str], ...] = ()
    other_css_icons: tuple[str, ...] = ()

    @property
    def images(self) -> Paths:
        """The image source and output folders, absolute."""
        return image_paths(self.root, dict(self.image_folders))

    @property
    def base_path(self) -> str:
        """The path the site is served under, e.g. "/hinge-course/"."""
        path = urlsplit(self.site_url).path or "/"
        return path if path.endswith("/") else path + "/"


@cache
def load(root: Path = ROOT) -> Settings:
    """The settings of the project at `root` (read once per process)."""
    config = mkdocs_config(root / "mkdocs.yml")
    extra = config.get("extra") or {}
    theme = config.get("theme") or {}
    icons = theme.get("icon") or {}
    return Settings(
        root=root,
        docs=config.get("docs_dir") or "docs",
        site_url=config.get("site_url") or "/",
        links_exclude=tuple((extra.get("link_check") or {}).get("exclude") or ()),
        theme_variant=theme.get("variant") or "classic",
        theme_name=theme.get("name") or "material",
        theme_dir=theme.get("custom_dir") or "",
        admonition_icons=tuple((icons.get("admonition") or {}).items()),
        other_css_icons=tuple(key for key in ("annotation", "tag") if icons.get(key)),
        image_folders=tuple(_options(config, PICTURES).get("images", {}).items()),
    )


def _options(config: dict, extension: str) -> dict:
    """The options mkdocs.yml gives a Markdown extension ({} when none or not listed)."""
    for entry in config.get("markdown_extensions") or ():
        if isinstance(entry, dict) and extension in entry:
            return entry[extension] or {}
    return {}


def project_root(start: Path) -> Path | None:
    """The nearest folder at or above `start` that holds a mkdocs.yml."""
    for folder in (start, *start.parents):
        if (folder / "mkdocs.yml").is_file():
            return folder
    return None


def mkdocs_config(path: Path) -> dict:
    """mkdocs.yml as MkDocs reads it, before validation ({} when there is none)."""
    if not path.is_file():
        return {}
    from mkdocs.utils.yaml import yaml_load

    with path.open(encoding="utf-8") as file:
        return yaml_load(file) or {}
