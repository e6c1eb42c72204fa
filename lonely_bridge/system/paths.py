"""Where Lonely Bridge keeps its data: a private folder, checked for network shares."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from lonely_bridge import APP_ID
from lonely_bridge.domain.errors import DataFolderNotWritable

log = logging.getLogger(__name__)

PRIVATE_MODE = 0o700
NETWORK_FILESYSTEMS = frozenset(
    {"nfs", "nfs4", "cifs", "smb3", "smbfs", "fuse.sshfs", "afs", "9p", "fuse.gvfsd-fuse"}
)


def default_data_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_ID, appauthor=False, roaming=False))


def prepare_data_dir(path: Path) -> Path:
    """Create ``path`` if needed, readable only by this user (0700 on Linux and macOS)."""
    path = path.expanduser().resolve()
    try:
        path.mkdir(mode=PRIVATE_MODE, parents=True, exist_ok=True)
        mode = path.stat().st_mode
        if sys.platform != "win32" and (mode & 0o077):
            # Only take access away: a folder made read-only must stay so, or the app would
            # write where someone chose that it should not.
            path.chmod(mode & PRIVATE_MODE)
    except OSError as exc:
        raise DataFolderNotWritable(folder=str(path), reason=exc.strerror or str(exc)) from exc
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
