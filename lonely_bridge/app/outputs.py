"""Where and how the app writes a file a person asked for: never onto its own information,
and whole or not at all."""

from __future__ import annotations

import contextlib
import os
import uuid
from pathlib import Path
from typing import TYPE_CHECKING

from lonely_bridge.domain.errors import OutputNotWritable, OutputRefused

if TYPE_CHECKING:
    from lonely_bridge.domain.profile import Profile


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


def write_file(target: Path, data: bytes) -> None:
    """Write ``data`` whole or not at all: a full disk never leaves half a file behind.

    Readable by this user only: what the app writes out names people, their addresses and
    the helper PIN's hash.
    """
    partial = target.with_name(f".{target.name}.{uuid.uuid4().hex[:12]}.partial")
    try:
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with open(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        partial.replace(target)
    except OSError as exc:
        # Where the folder is a file or gone, there is no partial file to remove either.
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        raise OutputNotWritable(path=str(target), reason=exc.strerror or str(exc)) from exc


def write_profile_file(profile: Profile, target: Path, data_dir: Path | None) -> Path:
    """Write ``profile`` to ``target`` as ``export-profile`` and helper mode both do; returns
    the file written. Raises OutputRefused or OutputNotWritable."""
    from lonely_bridge.formats.profile_writing import write_profile

    output = checked_output(target, data_dir)
    write_file(output, write_profile(profile).encode("utf-8"))
    return output
