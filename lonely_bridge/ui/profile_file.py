"""Helper mode's "Save a profile for other computers": asks where, writes the profile as the
``export-profile`` command does, and says where it went and what it leaves out."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QWidget

from lonely_bridge.domain.errors import LonelyBridgeError
from lonely_bridge.i18n import _

if TYPE_CHECKING:
    from lonely_bridge.domain.profile import Profile
    from lonely_bridge.ui.file_choosers import SaveChooser
    from lonely_bridge.ui.messages import Messenger

SUFFIX = ".toml"

# Writes this computer's profile to the file named; returns the file written and the profile.
ProfileWriter = Callable[[Path], tuple[Path, "Profile"]]


def suggested_profile_name(day: date) -> str:
    """The name a save window offers: "Lonely Bridge profile 2026-11-26.toml"."""
    return _("Lonely Bridge profile {day}").format(day=day.isoformat()) + SUFFIX


def profile_file_path(chosen: Path) -> Path:
    """``chosen``, ending in .toml: a name typed without it still opens as a profile."""
    if chosen.name.lower().endswith(SUFFIX):
        return chosen
    return chosen.with_name(chosen.name + SUFFIX)


def choose_profile_file_with_dialog(parent: QWidget, suggested: str) -> Path | None:
    chosen, _filter = QFileDialog.getSaveFileName(
        parent, _("Save a profile for other computers"), str(Path.home() / suggested),
        _("Lonely Bridge profiles (*{suffix})").format(suffix=SUFFIX),
    )  # fmt: skip
    return Path(chosen) if chosen else None


def save_profile(
    parent: QWidget,
    *,
    write: ProfileWriter,
    messenger: Messenger,
    choose_save: SaveChooser,
    suggested_name: str,
) -> Path | None:
    """Ask where, write the profile, and say so; returns the file written (None: nothing was)."""
    chosen = choose_save(parent, suggested_name)
    if chosen is None:
        return None
    try:
        written, profile = write(profile_file_path(chosen))
    except LonelyBridgeError as error:
        messenger.problem(parent, error)
        return None
    messenger.inform(
        parent,
        _("The profile is saved"),
        _(
            "The profile is in the file {file}: {people}, {plans} and the settings.\n\n"
            "It holds no PIN, only its scrambled form, and no e-mail password. A care worker "
            "can use it to set up another computer the same way, with “lonely-bridge "
            "provision”."
        ).format(
            file=written,
            people=_people(len(profile.people)),
            plans=_plans(len(profile.plans)),
        ),
        topic="profile-saved",
    )
    return written


def _people(count: int) -> str:
    return _("1 person") if count == 1 else _("{count} people").format(count=count)


def _plans(count: int) -> str:
    return _("1 regular call") if count == 1 else _("{count} regular calls").format(count=count)
