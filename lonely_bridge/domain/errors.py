"""Problems the app can meet, each with a stable code and parameters (never English prose)."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any


class LonelyBridgeError(Exception):
    """Base for problems we explain to people; ``code`` picks the plain-words message."""

    code = "unexpected"

    def __init__(self, **params: Any) -> None:
        super().__init__(self.code, params)
        self.params: Mapping[str, Any] = MappingProxyType(dict(params))

    def __str__(self) -> str:
        details = ", ".join(f"{key}={value!r}" for key, value in self.params.items())
        return f"{self.code}({details})"


class DataFolderNotWritable(LonelyBridgeError):
    """The folder that holds our data cannot be written to."""

    code = "data_folder_not_writable"


class DatabaseFromNewerVersion(LonelyBridgeError):
    """The database was written by a newer Lonely Bridge than this one."""

    code = "database_from_newer_version"


class DatabaseDamaged(LonelyBridgeError):
    """The database file fails SQLite's own checks, or is not a database at all."""

    code = "database_damaged"


class DiskFull(LonelyBridgeError):
    """There is no room left to save."""

    code = "disk_full"


class AlreadyRunning(LonelyBridgeError):
    """Another Lonely Bridge uses this data folder and could not be reached."""

    code = "already_running"


class NotFound(LonelyBridgeError):
    """A record that was asked for does not exist (any more)."""

    code = "not_found"


class SettingInvalid(LonelyBridgeError):
    """A value that does not fit its setting: ``setting`` (its key) and ``problem`` (a
    ``SettingProblem``), with the limit broken (``minimum``, ``maximum``, ``choices``)."""

    code = "setting_invalid"


class BackupUnusable(LonelyBridgeError):
    """A saved copy this version cannot use: damaged, from another app, or from a newer version."""

    code = "backup_unusable"


class NoUsableBackup(LonelyBridgeError):
    """There are no saved copies, or none this version can use."""

    code = "no_usable_backup"


class DatabaseMissing(LonelyBridgeError):
    """The information file is missing or empty, while saved copies exist."""

    code = "database_missing"


class AppIsOpen(LonelyBridgeError):
    """The app holds the data folder's lock, so the information must not be swapped under it."""

    code = "app_is_open"


class OutputRefused(LonelyBridgeError):
    """A file the app was asked to write would land on the app's own information."""

    code = "output_refused"


class DatabaseBusy(LonelyBridgeError):
    """Another program holds SQLite's lock on the information for longer than we wait."""

    code = "database_busy"


class OutputNotWritable(LonelyBridgeError):
    """A file or folder the person asked us to write to cannot be written."""

    code = "output_not_writable"


class NoAnswer(LonelyBridgeError):
    """A question was asked where nobody can answer (input closed)."""

    code = "no_answer"
