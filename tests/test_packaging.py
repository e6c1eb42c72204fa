"""What pyproject.toml promises: every dependency has a floor; the wheel holds every resource."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
import zipfile
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
# `make test-lowest` installs these at their floors; the dev tools are never installed there.
TESTED_AT_THE_FLOOR = [
    Requirement(text)
    for text in [*PROJECT["dependencies"], *PROJECT["optional-dependencies"]["test"]]
]
LOWEST_RUN = "LONELY_BRIDGE_LOWEST_VERSIONS"


def floor(requirement: Requirement) -> Version | None:
    """The lowest version ``requirement`` allows, if it names one."""
    floors = [
        Version(spec.version)
        for spec in requirement.specifier
        if spec.operator in (">=", "==", "~=") and "*" not in spec.version
    ]
    return max(floors, default=None)


@pytest.mark.parametrize("requirement", TESTED_AT_THE_FLOOR, ids=str)
def test_every_dependency_has_a_lower_bound(requirement: Requirement) -> None:
    # Without one, the lowest-versions run would install a version from years ago, or nothing
    # would say which old version still works.
    assert floor(requirement) is not None, f"{requirement} needs a lowest version (>=)"


def test_a_dependency_without_a_lower_bound_is_caught() -> None:
    assert floor(Requirement("tzdata")) is None
    assert floor(Requirement("keyring<26")) is None
    assert floor(Requirement("keyring!=25.1")) is None
    assert floor(Requirement("PySide6-Essentials>=6.8,!=6.12.0,<6.13")) == Version("6.8")


@pytest.mark.skipif(os.environ.get(LOWEST_RUN) != "1", reason="only in `make test-lowest`")
@pytest.mark.parametrize("requirement", TESTED_AT_THE_FLOOR, ids=str)
def test_the_lowest_run_has_the_lowest_versions(requirement: Requirement) -> None:
    assert Version(metadata.version(requirement.name)) == floor(requirement)


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
