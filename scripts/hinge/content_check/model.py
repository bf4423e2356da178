"""Moved: `Finding` is `hinge.report.Finding`. This name stays only until structure.py and
project.py import it from there; then delete this file."""

from hinge.report import Finding

__all__ = ["Finding"]
