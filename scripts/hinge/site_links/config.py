"""Settings from the project's `pyproject.toml` and `mkdocs.yml`."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit


@dataclass(frozen=True)
class Config:
    """What the checker needs to know about the project."""

    base_url: str = "/"  # the site's public URL or just its base path
    docs_dir: str = "docs"
    exclude: tuple[str, ...] = ()


def load_config(root: Path) -> Config:
    """Read `[tool.hinge.links]` and mkdocs.yml's `site_url`/`docs_dir`; defaults when absent."""
    exclude: tuple[str, ...] = ()
    pyproject = root / "pyproject.toml"
    if pyproject.is_file():
        data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
        exclude = tuple(data.get("tool", {}).get("hinge", {}).get("links", {}).get("exclude", []))
    mkdocs = _read_mkdocs(root / "mkdocs.yml")
    return Config(
        base_url=mkdocs.get("site_url") or "/",
        docs_dir=mkdocs.get("docs_dir") or "docs",
        exclude=exclude,
    )


def split_base(base_url: str) -> tuple[str, str]:
    """Split a site URL into its origin ("https://host", or "") and base path ("/repo/")."""
    parts = urlsplit(base_url)
    origin = f"{parts.scheme.lower()}://{parts.netloc.lower()}" if parts.netloc else ""
    path = parts.path if parts.path.endswith("/") else parts.path + "/"
    return origin, path


def _read_mkdocs(path: Path) -> dict:
    """Load mkdocs.yml, resolving `!ENV` tags and ignoring other tags (e.g. `!!python/name`)."""
    if not path.is_file():
        return {}
    import yaml

    from hinge import safe_yaml

    class Loader(safe_yaml.Loader):
        """Our safe loader, tolerating MkDocs' custom tags."""

    def env(loader: yaml.SafeLoader, node: yaml.Node) -> str | None:
        names = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else []
        if isinstance(node, yaml.ScalarNode):
            names = [loader.construct_scalar(node)]
        for name in names[:-1] if len(names) > 1 else names:
            if name in os.environ:
                return os.environ[name]
        return names[-1] if len(names) > 1 else None

    Loader.add_constructor("!ENV", env)
    Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    data = safe_yaml.load(path.read_text(encoding="utf-8"), Loader)
    return data if isinstance(data, dict) else {}
