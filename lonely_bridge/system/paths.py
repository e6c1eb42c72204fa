"""Where Lonely Bridge keeps its data: a private folder, checked for network shares."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from lonely_bridge import APP_ID, PRIVATE_FOLDER_MODE
from lonely_bridge.domain.errors import DataFolderNotWritable

log = logging.getLogger(__name__)

NETWORK_FILESYSTEMS = frozenset(
    {"nfs", "nfs4", "cifs", "smb3", "smbfs", "fuse.sshfs", "afs", "9p", "fuse.gvfsd-fuse"}
)


def default_data_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_ID, appauthor=False, roaming=False))


def prepare_data_dir(path: Path) -> Path:
    """The data folder, created readable only by this user (0700) where it is missing.

    A folder that already exists keeps its permissions: it may be a home folder or a
    shared drive a helper chose, and changing those is not ours to do.
    """
    path = path.expanduser()
    if path.is_symlink() and not path.exists():
        # Perhaps a drive that is not plugged in: never create a new folder in its place.
        raise DataFolderNotWritable(folder=str(path), reason="it points to a place that is gone")
    path = path.resolve()
    missing = [folder for folder in (path, *path.parents) if not folder.exists()]
    try:
        for folder in reversed(missing):
            folder.mkdir(mode=PRIVATE_FOLDER_MODE)
    except FileExistsError:
        pass  # made by someone else meanwhile, or a file: the check below tells which
    except OSError as exc:
        raise DataFolderNotWritable(folder=str(path), reason=exc.strerror or str(exc)) from exc
    if not path.is_dir():
        raise DataFolderNotWritable(folder=str(path), reason="it is a file, not a folder")
    return path


def logs_dir(data_dir: Path) -> Path:
    return data_dir / "logs"


def photos_dir(data_dir: Path) -> Path:
    return data_dir / "photos"


def filesystem_type(path: Path, mounts_file: Path = Path("/proc/mounts")) -> str | None:
    """The file-system type holding ``path`` on Linux (longest matching mount point)."""
    try:
        lines = mounts_file.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    target = str(path.resolve())
    best: tuple[int, str] | None = None
    for line in lines:
        fields = line.split()
        if len(fields) < 3:
            continue
        mount_point = fields[1].replace("\\040", " ")
        inside = target == mount_point or target.startswith(mount_point.rstrip("/") + "/")
        if inside and (best is None or len(mount_point) > best[0]):
            best = (len(mount_point), fields[2])
    return best[1] if best else None


def is_network_share(path: Path) -> bool:
    """SQLite's WAL mode is unsafe on network file systems, so we warn about them."""
    if sys.platform == "win32":
        return str(path).startswith("\\\\")
    fs_type = filesystem_type(path)
    return fs_type is not None and fs_type in NETWORK_FILESYSTEMS


def user_key() -> str:
    """A per-user token for lock and socket names."""
    try:
        return str(os.getuid())
    except AttributeError:
        return os.environ.get("USERNAME", "user")
