"""A setting is named in one place: no module spells a settings key outside the table."""

from __future__ import annotations

import ast
from pathlib import Path

from lonely_bridge.domain.settings import SETTINGS

PACKAGE = Path(__file__).resolve().parents[1] / "lonely_bridge"
TABLE = PACKAGE / "domain" / "settings.py"
KEYS = {setting.key for setting in SETTINGS}


def _spelled_keys(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        f"{path.relative_to(PACKAGE.parent)}:{node.lineno}: {node.value!r}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in KEYS
    ]


def test_no_module_spells_a_settings_key() -> None:
    found = [
        hit
        for path in sorted(PACKAGE.rglob("*.py"))
        if path != TABLE
        for hit in _spelled_keys(path)
    ]
    assert found == []


def test_the_scan_sees_keys_where_they_are_spelled() -> None:
    # The table itself spells every key, so the scan would find each one there.
    assert {hit.rpartition(" ")[2].strip("'") for hit in _spelled_keys(TABLE)} == KEYS
