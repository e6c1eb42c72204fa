"""Problems the app can meet, each with a stable code and parameters (never English prose)."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
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


class InsightPaused(LonelyBridgeError):
    """The older adult paused the gentle eye on contact: nothing is worked out or shown."""

    code = "gentle_eye_paused"


class PinInvalid(LonelyBridgeError):
    """A helper PIN that is not 4 to 8 digits: ``problem`` is "not_digits" or "wrong_length"."""

    code = "pin_invalid"


class HelperLocked(LonelyBridgeError):
    """Something only helper mode may do was asked for while it is locked (such as a new PIN
    when one is already set)."""

    code = "helper_locked"


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


class HouseholdFileUnusable(LonelyBridgeError):
    """A household file that will not be put in place: ``problem`` (a HouseholdFileProblem),
    ``path`` and, for a member, ``member``. Nothing was changed."""

    code = "household_file_unusable"


class OutputExists(LonelyBridgeError):
    """A file the person asked us to write already exists, and replacing it was not asked."""

    code = "output_exists"


# Sharing with trusted people ---------------------------------------------------------------
class TrustedPersonInvalid(LonelyBridgeError):
    """A trusted person cannot be saved yet; ``problem`` says which part and why."""

    code = "trusted_person_invalid"


class SmtpSettingsInvalid(LonelyBridgeError):
    """The e-mail settings cannot be used; ``problem`` says which part and why."""

    code = "smtp_settings_invalid"


class SecretsUnavailable(LonelyBridgeError):
    """The computer's password keeper is missing or locked (``reason``)."""

    code = "secrets_unavailable"


class MailServerUnreachable(LonelyBridgeError):
    """The mail server could not be reached or dropped the line (``reason``)."""

    code = "mail_server_unreachable"


class MailNotSecure(LonelyBridgeError):
    """A private line to the mail server could not be made, so nothing was sent (``reason``)."""

    code = "mail_not_secure"


class MailLoginRefused(LonelyBridgeError):
    """The mail server did not accept the user name and password (``reason``)."""

    code = "mail_login_refused"


class MailRejected(LonelyBridgeError):
    """The mail server refused this message (``reason``: recipient, sender or content)."""

    code = "mail_rejected"


class DraftOutdated(LonelyBridgeError):
    """The message changed since it was previewed (the person's choices changed)."""

    code = "draft_outdated"


class AlertsNotReady(LonelyBridgeError):
    """Something must be filled in before messages can be written (``problem``)."""

    code = "alerts_not_ready"


# Call links, contact files and lessons -----------------------------------------------------


class RefusalReason(StrEnum):
    EMPTY = "empty"
    TOO_LONG = "too_long"
    CONTROL_CHARACTERS = "control_characters"
    LOCAL_FILE = "local_file"
    SCRIPT = "script"
    NETWORK_SHARE = "network_share"
    UNKNOWN_SCHEME = "unknown_scheme"
    NOT_SECURE = "not_secure"
    CREDENTIALS = "credentials"
    UNKNOWN_HOST = "unknown_host"
    UNCONFIRMED_JITSI_HOST = "unconfirmed_jitsi_host"
    LOOKALIKE_HOST = "lookalike_host"
    IP_ADDRESS_HOST = "ip_address_host"
    UNUSUAL_PORT = "unusual_port"
    REDIRECT = "redirect"
    NOT_A_CALL_LINK = "not_a_call_link"
    BAD_PHONE_NUMBER = "bad_phone_number"
    MALFORMED = "malformed"


class LinkRefused(LonelyBridgeError):
    """A link Lonely Bridge will not open; ``reason`` and the params say why."""

    code = "link_refused"

    def __init__(self, *, reason: RefusalReason, **params: object) -> None:
        super().__init__(reason=reason, **params)
        self.reason = reason


class VCardProblem(StrEnum):
    # The whole file cannot be read: raised, nothing imported.
    EMPTY_FILE = "empty_file"
    NOT_A_FILE = "not_a_file"
    NOT_A_VCARD = "not_a_vcard"
    TOO_LARGE = "too_large"
    TOO_MANY_CARDS = "too_many_cards"
    # One card was skipped: listed in VCardParseResult.problems.
    UNTERMINATED_CARD = "unterminated_card"
    NESTED_CARD = "nested_card"
    NO_NAME = "no_name"
    UNSUPPORTED_VERSION = "unsupported_version"
    # The card was imported with something left out: listed in VCardParseResult.warnings.
    BAD_ENCODING = "bad_encoding"
    BAD_PHOTO = "bad_photo"
    NAME_SHORTENED = "name_shortened"
    NOTE_SHORTENED = "note_shortened"
    NUMBER_TOO_LONG = "number_too_long"


class VCardError(LonelyBridgeError):
    """A .vcf file or one card in it could not be read; ``card`` is 0 for the whole file."""

    code = "vcard_invalid"

    def __init__(
        self,
        *,
        problem: VCardProblem,
        card: int = 0,
        line: int = 0,
        name: str = "",
        **extra: object,
    ) -> None:
        super().__init__(problem=problem, card=card, line=line, name=name, **extra)

    @property
    def problem(self) -> VCardProblem:
        return VCardProblem(self.params["problem"])

    @property
    def card(self) -> int:
        return int(self.params["card"])

    @property
    def line(self) -> int:
        return int(self.params["line"])

    @property
    def name(self) -> str:
        return str(self.params["name"])


class TutorialProblem(StrEnum):
    """What is wrong with a tutorial file; each has its own plain-words explanation."""

    UNREADABLE = "unreadable"
    TOO_LARGE = "too_large"
    NOT_UTF8 = "not_utf8"
    NOT_TOML = "not_toml"
    NEWER_FORMAT = "newer_format"
    UNKNOWN_FIELD = "unknown_field"
    MISSING_FIELD = "missing_field"
    WRONG_TYPE = "wrong_type"
    EMPTY = "empty"
    BAD_VALUE = "bad_value"
    BAD_CHARACTER = "bad_character"
    TOO_LONG = "too_long"
    ID_MISMATCH = "id_mismatch"
    NO_STEPS = "no_steps"
    UNKNOWN_ACTION = "unknown_action"
    MISSING_IMAGE = "missing_image"
    DUPLICATE_ID = "duplicate_id"


class TutorialError(LonelyBridgeError):
    """A tutorial file that cannot be shown, with where and why (see explain_tutorial_problem)."""

    code = "tutorial_invalid"

    def __init__(
        self,
        *,
        file: str,
        problem: TutorialProblem,
        step: int | None = None,
        field: str | None = None,
        detail: str = "",
        **extra: Any,
    ) -> None:
        super().__init__(file=file, problem=problem, step=step, field=field, detail=detail, **extra)
        self.file = file
        self.problem = problem
        self.step = step
        self.field = field
        self.detail = detail


class ProfileInvalid(LonelyBridgeError):
    """A care worker's profile that cannot be applied: ``problems``, every one found (each a
    domain.profile.ProfileProblem, with its line and field)."""

    code = "profile_invalid"

    def __init__(self, *, problems: tuple[Any, ...] = ()) -> None:
        super().__init__(problems=problems)
        self.problems = problems


class ReframesInvalid(ValueError):
    """The reframes file cannot be used; the shipped set is used instead."""


class PhotoUnreadable(LonelyBridgeError):
    """The chosen file is not a picture this computer can read."""

    code = "photo_unreadable"


class LoginStartNotChanged(LonelyBridgeError):
    """Starting at login could not be turned on or off (``turning_on``): ``problem`` is
    "read_only", "full" or "other", in ``place`` (a folder, or the registry key)."""

    code = "login_start_not_changed"
