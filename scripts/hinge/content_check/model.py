"""A finding and its two output formats: plain lines for people, annotations for GitHub."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Finding:
    """One problem (or warning) at `path:line`; `line` is None when it concerns the whole file."""

    path: str
    line: int | None
    message: str
    warning: bool = False

    def text(self) -> str:
        """``path:line: message``, with ``warning:`` before the message of a warning."""
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {'warning: ' if self.warning else ''}{self.message}"

    def github(self) -> str:
        """A GitHub Actions workflow command that annotates the file and line."""
        where = f"file={_property(self.path)}" + (f",line={self.line}" if self.line else "")
        return f"::{'warning' if self.warning else 'error'} {where}::{_data(self.message)}"


def _data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(value: str) -> str:
    return _data(value).replace(":", "%3A").replace(",", "%2C")
