"""The "save all my information" file: one zip anyone can open, written whole or not at all."""

from __future__ import annotations

import contextlib
import json
import uuid
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from lonely_bridge.domain.errors import DiskFull, LonelyBridgeError, OutputNotWritable
from lonely_bridge.storage.failures import as_problem
from lonely_bridge.storage.sqlite_files import create_private_file, fsync_file, fsync_folder

INFORMATION_NAME = "information.json"
README_NAME = "README.txt"
PARTIAL_SUFFIX = ".partial"


def write_information_file(
    target: Path, *, information: Mapping[str, Any], readme: str, photos: Mapping[str, Path]
) -> Path:
    """Write the zip at ``target``: README.txt, information.json, then each photo under its
    name in ``photos`` (a photo whose file has gone is left out; the JSON still names it).

    It is written beside ``target`` under a temporary name, made durable, then renamed into
    place, so a full disk or a pulled-out stick leaves no half-written file, and an earlier
    file at ``target`` stays until the new one is complete. Raises DiskFull or
    OutputNotWritable, and then nothing is left behind.
    """
    partial = target.with_name(f".{target.name}.{uuid.uuid4().hex[:12]}{PARTIAL_SUFFIX}")
    try:
        # The person's private life: readable by them only, as the data folder is.
        create_private_file(partial)
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(README_NAME, readme)
            # ensure_ascii=False: names in any alphabet stay readable in a text editor.
            text = json.dumps(information, ensure_ascii=False, indent=2, sort_keys=False)
            archive.writestr(INFORMATION_NAME, text)
            for name, photo in photos.items():
                if photo.is_file():
                    archive.write(photo, name)
        fsync_file(partial)
        partial.replace(target)
        fsync_folder(target.parent)
    except OSError as exc:
        _remove(partial)
        raise _problem(exc, target) from exc
    except BaseException:
        _remove(partial)
        raise
    return target


def _problem(exc: OSError, target: Path) -> LonelyBridgeError:
    problem = as_problem(exc, folder=target.parent, database=target)
    if isinstance(problem, DiskFull):
        return problem
    return OutputNotWritable(path=str(target), reason=exc.strerror or str(exc))


def _remove(partial: Path) -> None:
    with contextlib.suppress(OSError):
        partial.unlink()
