"""The reframes file (TOML): warm answers read into Reframe records, or ReframesInvalid."""

from __future__ import annotations

import tomllib
from pathlib import Path

from lonely_bridge.domain.errors import ReframesInvalid
from lonely_bridge.domain.reframes import Hesitation, Reframe

MAX_FILE_BYTES = 64 * 1024


def load_reframes(path: Path) -> list[Reframe]:
    """Read a reframes TOML file: ``[[reframe]]`` tables with ``id``, ``text``, ``moments``."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise ReframesInvalid(f"{path.name}: {error.strerror}") from error
    if len(raw) > MAX_FILE_BYTES:
        raise ReframesInvalid(f"{path.name}: larger than {MAX_FILE_BYTES} bytes")
    try:
        document = tomllib.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ReframesInvalid(f"{path.name}: {error}") from error
    entries = document.get("reframe")
    if not isinstance(entries, list) or not entries:
        raise ReframesInvalid(f"{path.name}: no [[reframe]] entries")
    result = []
    for number, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict):
            raise ReframesInvalid(f"{path.name}: entry {number} is not a table")
        ident, text, moments = entry.get("id"), entry.get("text"), entry.get("moments")
        if not isinstance(ident, str) or not isinstance(text, str) or not text.strip():
            raise ReframesInvalid(f"{path.name}: entry {number} needs an id and a text")
        if not isinstance(moments, list) or not moments:
            raise ReframesInvalid(f"{path.name}: entry {number} needs a list of moments")
        try:
            chosen = frozenset(Hesitation(str(moment)) for moment in moments)
        except ValueError as error:
            raise ReframesInvalid(f"{path.name}: entry {number}: {error}") from error
        result.append(Reframe(ident, " ".join(text.split()), chosen))
    return result
