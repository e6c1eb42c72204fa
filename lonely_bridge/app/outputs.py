"""Where the app may write a file a person asked for: never onto its own information."""

from __future__ import annotations

from pathlib import Path

from lonely_bridge.domain.errors import OutputRefused


def checked_output(target: Path, data_dir: Path | None) -> Path:
    """``target`` unless it would land on the app's own files (database, copies, logs...)."""
    from lonely_bridge.storage.household_names import KEPT_PREFIX, STAGED_FILE_NAME
    from lonely_bridge.storage.migrate import DB_FILE_NAME, backups_dir
    from lonely_bridge.system.paths import logs_dir, photos_dir

    resolved = target.expanduser().resolve()
    if data_dir is None:
        return resolved
    own_folders = [backups_dir(data_dir), logs_dir(data_dir), photos_dir(data_dir)]
    inside = any(resolved.is_relative_to(folder.resolve()) for folder in own_folders)
    own_file = resolved.parent == data_dir.resolve() and resolved.name.startswith(DB_FILE_NAME)
    # What a restore keeps aside stays as it was; a file waiting to be restored is not replaced.
    folder = data_dir.resolve()
    kept = resolved.is_relative_to(folder) and any(
        part.startswith(KEPT_PREFIX) for part in resolved.relative_to(folder).parts
    )
    waiting = resolved == folder / STAGED_FILE_NAME
    if inside or own_file or kept or waiting or resolved.name.startswith("lonely-bridge.lock"):
        raise OutputRefused(path=str(target), folder=str(data_dir))
    return resolved
