"""Build with Zensical, Material for MkDocs' successor, which reads the same mkdocs.yml.

Zensical writes `.cache/` and `site/` next to mkdocs.yml, so it builds a throwaway copy of the
project (without the folders a build never reads), with the project's own pages or with
`pages` in their place. `python -m hinge zensical` compares its site with ours; the csp step
uses it when HINGE_ZENSICAL names the command, so the allowed inline scripts are those
Zensical's templates write.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

SKIP_COPY = {".git", ".cache", "site", "bench", "tests", "test-artifacts", "node_modules"}
TIMEOUT = 600
ENV_COMMAND = "HINGE_ZENSICAL"  # names the zensical command that built the site


class BuildError(Exception):
    """A build that could not run or crashed; the message holds its output."""


def build(
    root: Path, zensical: str, out: Path, env: dict[str, str], pages: dict[str, str] | None = None
) -> None:
    """Build a copy of the project at `root` with Zensical and move its site to `out`; with
    `pages` (path inside docs/ -> Markdown), those are the copy's only pages."""
    with tempfile.TemporaryDirectory(prefix="zensical-") as tmp:
        copy = Path(tmp) / "project"
        top = SKIP_COPY | {p.name for p in root.glob(".venv*")} | ({"docs"} if pages else set())
        shutil.copytree(
            root,
            copy,
            ignore=lambda folder, names: [
                name
                for name in names
                if name == "__pycache__" or (Path(folder) == root and name in top)
            ],
        )
        for name, text in (pages or {}).items():
            path = copy / "docs" / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        run([zensical, "build", "-f", "mkdocs.yml"], copy, env, "Zensical's build")
        if not (copy / "site").is_dir():
            raise BuildError("Zensical wrote no site/ folder")
        shutil.move(copy / "site", out)


def run(command: list[str], cwd: Path, env: dict[str, str], name: str) -> None:
    """Run one build; raise BuildError with its output when it fails."""
    try:
        result = subprocess.run(
            command, cwd=cwd, env=env, capture_output=True, text=True, timeout=TIMEOUT
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise BuildError(f"{name} could not run: {exc}") from exc
    if result.returncode != 0:
        output = (result.stdout + result.stderr).strip()
        cause = output.splitlines()[-1] if output else "no output"
        raise BuildError(
            f"{name} failed (exit {result.returncode}): {cause}\n\n{name}'s output:\n{output}"
        )


def find(root: Path, given: str | None) -> str | None:
    """The zensical command: `given`, else .venv-zensical's, else one on PATH."""
    if given:
        return str(Path(given).resolve()) if Path(given).is_file() else shutil.which(given)
    local = root / ".venv-zensical" / "bin" / "zensical"
    return str(local) if local.is_file() else shutil.which("zensical")
