"""Where a household file chosen in the app waits for the next start to put it in place.

Kept apart so the start can look for a waiting restore without loading zip and hashing code.
"""

from __future__ import annotations

from pathlib import Path

from lonely_bridge.domain.household import SUFFIX

STAGED_FILE_NAME = f"restore-on-next-start{SUFFIX}"
# The folder in the data folder where a restore keeps the database and photos it replaced.
KEPT_PREFIX = "kept-before-restore-"


def staged_file(data_dir: Path) -> Path:
    """Where a household file chosen in the app waits to be put in place at the next start."""
    return data_dir / STAGED_FILE_NAME
