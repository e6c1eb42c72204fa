"""Reads a desktop entry back as the Desktop Entry Specification says, and has it validated by
desktop-file-validate where that is installed."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from lonely_bridge.system.autostart import ENV_PROGRAM


def parse_entry(text: str) -> dict[str, str]:
    """The [Desktop Entry] group's keys, values unescaped as strings per the spec."""
    lines = text.splitlines()
    assert lines[0] == "[Desktop Entry]"
    entry: dict[str, str] = {}
    for line in lines[1:]:
        key, _, value = line.partition("=")
        assert key not in entry, f"{key} twice"
        entry[key] = unescape_string(value)
    return entry


def unescape_string(value: str) -> str:
    out, chars = [], iter(value)
    for char in chars:
        if char == "\\":
            following = next(chars)
            out.append({"s": " ", "n": "\n", "t": "\t", "r": "\r", "\\": "\\"}[following])
        else:
            out.append(char)
    return "".join(out)


def split_exec(value: str) -> list[str]:
    """The Exec key's arguments, per the Desktop Entry spec (its value already unescaped)."""
    arguments: list[str] = []
    current: list[str] | None = None
    quoted = False
    chars = iter(value)
    for char in chars:
        if quoted:
            if char == "\\":
                following = next(chars)
                assert following in '"`$\\', f"\\{following} inside quotes"
                current.append(following)  # type: ignore[union-attr]
            elif char == '"':
                quoted = False
            else:
                current.append(char)  # type: ignore[union-attr]
        elif char == " ":
            if current is not None:
                arguments.append("".join(current))
            current = None
        elif char == '"':
            assert current is None, "a quote may only open an argument"
            current, quoted = [], True
        else:
            assert char not in "\t\n'\\><~|&;$*?#()`", f"{char!r} unquoted"
            current = [*(current or []), char]
    assert not quoted, "an unclosed quote"
    if current is not None:
        arguments.append("".join(current))
    for argument in arguments:
        assert "%" not in argument.replace("%%", ""), f"a field code in {argument!r}"
    return [argument.replace("%%", "%") for argument in arguments]


def exec_program(entry: dict[str, str]) -> list[str]:
    """What the entry runs: its Exec arguments, less the env that starts a program whose
    path holds a "%" (which GLib could not find by itself)."""
    arguments = split_exec(entry["Exec"])
    if arguments[0] == ENV_PROGRAM:
        assert "%" in arguments[1]
        return arguments[1:]
    return arguments


def validate(path: Path) -> None:
    validator = shutil.which("desktop-file-validate")
    if validator is None:
        pytest.skip("desktop-file-validate is not installed (package desktop-file-utils)")
    checked = subprocess.run([validator, str(path)], capture_output=True, text=True, check=False)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout.strip() == "", checked.stdout
