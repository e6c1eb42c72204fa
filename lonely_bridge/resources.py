"""Finds bundled resources in a source checkout, an installed wheel or a PyInstaller bundle."""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path


@cache
def resources_root() -> Path:
    """The folder holding fonts, tutorials, icons and translations."""
    bundle = getattr(sys, "_MEIPASS", None)
    candidates = []
    if bundle:
        candidates.append(Path(bundle) / "resources")
    package_dir = Path(__file__).resolve().parent
    candidates += [package_dir / "_resources", package_dir.parent / "resources"]
    for candidate in candidates:
        if (candidate / "fonts").is_dir():
            return candidate
    raise FileNotFoundError("Lonely Bridge's resources folder is missing; please reinstall.")


def resource_path(*parts: str) -> Path:
    return resources_root().joinpath(*parts)
