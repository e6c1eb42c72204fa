"""The data folder is private, and folders on network shares are recognised from the mount table."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from lonely_bridge.domain.errors import DataFolderNotWritable
from lonely_bridge.system import paths

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@posix_only
def test_creates_nested_folders_private(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b" / "lonely-bridge"
    made = paths.prepare_data_dir(target)
    assert made == target.resolve()
    assert made.is_dir()
    assert _mode(made) == 0o700


@posix_only
def test_private_even_with_a_permissive_umask(tmp_path: Path) -> None:
    previous = os.umask(0)
    try:
        made = paths.prepare_data_dir(tmp_path / "open-umask")
    finally:
        os.umask(previous)
    assert _mode(made) == 0o700


@posix_only
@pytest.mark.parametrize("loose", [0o755, 0o750, 0o701, 0o777, 0o555, 0o505])
def test_an_existing_folder_keeps_its_permissions(tmp_path: Path, loose: int) -> None:
    """It may be a home folder or a shared drive a helper chose, or a folder made read-only
    on purpose: not ours to change (a read-only one then says it cannot save)."""
    existing = tmp_path / "existing"
    existing.mkdir()
    (existing / "keep.txt").write_text("kept")
    existing.chmod(loose)
    try:
        assert paths.prepare_data_dir(existing) == existing
        assert _mode(existing) == loose
        assert (existing / "keep.txt").read_text() == "kept"
    finally:
        existing.chmod(0o700)


@posix_only
def test_every_missing_folder_is_made_private(tmp_path: Path) -> None:
    made = paths.prepare_data_dir(tmp_path / "one" / "two" / "three")
    for folder in (made, made.parent, made.parent.parent):
        assert _mode(folder) == 0o700


@posix_only
def test_a_link_to_a_missing_place_is_not_created(tmp_path: Path) -> None:
    """A link to a drive that is not plugged in must not get a new, empty folder behind it."""
    target = tmp_path / "usb-drive" / "lonely-bridge"
    link = tmp_path / "data"
    link.symlink_to(target)
    with pytest.raises(DataFolderNotWritable):
        paths.prepare_data_dir(link)
    assert not (tmp_path / "usb-drive").exists()


def test_expands_the_home_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    assert paths.prepare_data_dir(Path("~/lb")) == (tmp_path / "lb").resolve()


def test_a_file_in_the_way_is_reported(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    with pytest.raises(DataFolderNotWritable) as raised:
        paths.prepare_data_dir(blocker)
    assert raised.value.params["folder"] == str(blocker)


# Mount table ---------------------------------------------------------------------------------


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return tmp_path.resolve()


@pytest.fixture
def mounts(tmp_path: Path, root: Path) -> Path:
    """A /proc/mounts-style table with local and network mounts under ``root``."""
    table = tmp_path / "mounts"
    table.write_text(
        "\n".join(
            [
                "/dev/vda1 / ext4 rw,relatime 0 0",
                "proc /proc proc rw,nosuid 0 0",
                f"server:/export {root}/nfs nfs4 rw,vers=4.2 0 0",
                f"server:/old {root}/nfs3 nfs rw 0 0",
                f"//nas/family {root}/smb cifs rw,vers=3.0 0 0",
                f"margaret@host:/home {root}/ssh fuse.sshfs rw,user_id=0 0 0",
                f"/dev/vdb1 {root}/nfs/local ext4 rw 0 0",
                f"//nas/My\\040Photos {root}/My\\040Photos cifs rw 0 0",
                "",
                "short line",
            ]
        ),
        encoding="utf-8",
    )
    return table


@pytest.mark.parametrize(
    ("relative", "expected"),
    [
        ("nfs", "nfs4"),
        ("nfs/Lonely Bridge/data", "nfs4"),
        ("nfs3/data", "nfs"),
        ("smb/data", "cifs"),
        ("ssh/data", "fuse.sshfs"),
        # The longest mount point wins: a local disk mounted inside the NFS share.
        ("nfs/local/data", "ext4"),
        # "nfs-backup" starts with "nfs" as text but is not inside the nfs mount.
        ("nfs-backup/data", "ext4"),
        ("My Photos/data", "cifs"),
        ("elsewhere", "ext4"),
    ],
)
def test_filesystem_type_from_the_mount_table(
    mounts: Path, root: Path, relative: str, expected: str
) -> None:
    assert paths.filesystem_type(root / relative, mounts_file=mounts) == expected


@pytest.mark.parametrize(
    ("relative", "network"),
    [("nfs/d", True), ("nfs3/d", True), ("smb/d", True), ("ssh/d", True), ("nfs/local/d", False)],
)
def test_network_file_systems_are_recognised(
    mounts: Path, root: Path, relative: str, network: bool
) -> None:
    fs_type = paths.filesystem_type(root / relative, mounts_file=mounts)
    assert (fs_type in paths.NETWORK_FILESYSTEMS) is network


def test_unreadable_mount_table_gives_no_answer(tmp_path: Path) -> None:
    assert paths.filesystem_type(tmp_path, mounts_file=tmp_path / "missing") is None


@pytest.mark.skipif(not Path("/proc/mounts").exists(), reason="needs Linux's /proc/mounts")
def test_this_computers_temporary_folder_is_local(tmp_path: Path) -> None:
    fs_type = paths.filesystem_type(tmp_path)
    assert fs_type is not None
    assert fs_type not in paths.NETWORK_FILESYSTEMS
    assert paths.is_network_share(tmp_path) is False
