"""What pyproject.toml promises: the wheel holds every resource and builds without warnings."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_wheel_holds_every_resource_and_builds_without_warnings(tmp_path: Path) -> None:
    """Builds the wheel as pip does for a user (fetching the build backend like any install)."""
    source = tmp_path / "source"
    skip = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        source.mkdir(exist_ok=True)
        shutil.copy2(ROOT / name, source / name)
    for folder in ("lonely_bridge", "resources"):
        shutil.copytree(ROOT / folder, source / folder, ignore=skip)
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-v", "--no-deps", "-w", str(tmp_path), "."],
        cwd=source,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    output = built.stdout + built.stderr
    assert built.returncode == 0, output
    assert "BuildBackendWarning" not in output
    assert "SetuptoolsDeprecationWarning" not in output
    (wheel,) = tmp_path.glob("lonely_bridge-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    resources = {
        "lonely_bridge/_resources/" + path.relative_to(source / "resources").as_posix()
        for path in (source / "resources").rglob("*")
        if path.is_file()
    }
    modules = {
        path.relative_to(source).as_posix() for path in (source / "lonely_bridge").rglob("*.py")
    }
    assert resources, "resources/ is empty"
    assert resources - names == set()
    assert modules - names == set()
    assert "lonely_bridge/storage/migrations/script.py.mako" in names
