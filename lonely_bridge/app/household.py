"""The whole-household file in the running app: saved and checked in its data folder, and a
restore chosen in the app put in place at the next start, before the database opens."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from lonely_bridge.domain.clock import Clock
from lonely_bridge.domain.errors import LonelyBridgeError

if TYPE_CHECKING:
    from lonely_bridge.domain.household import HouseholdSummary
    from lonely_bridge.ui.messages import Messenger

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DataFolderHouseholdFiles:
    """What helper mode's household file actions do to the data folder (ui.household_file)."""

    data_dir: Path
    clock: Clock

    def save(self, target: Path) -> tuple[Path, HouseholdSummary]:
        from lonely_bridge.app.outputs import checked_output
        from lonely_bridge.storage.household_file import household_file_path, save_household
        from lonely_bridge.storage.migrate import database_path
        from lonely_bridge.system.paths import photos_dir

        target = checked_output(household_file_path(target), self.data_dir)
        db, photos = database_path(self.data_dir), photos_dir(self.data_dir)
        return target, save_household(db, photos, target, now=self.clock.now())

    def check(self, source: Path) -> HouseholdSummary:
        from lonely_bridge.storage.household_file import read_summary

        return read_summary(source, self.data_dir)

    def stage(self, source: Path) -> None:
        from lonely_bridge.storage.household_restore import stage_for_next_start
        from lonely_bridge.storage.migrate import database_path

        stage_for_next_start(source, database_path(self.data_dir))


def restore_staged_household(data_dir: Path, clock: Clock, messenger: Messenger) -> None:
    """Put in place a household file chosen in the app before it closed, if one waits.

    Called with the folder's lock held and before the database opens. A file that fails is
    set aside and explained; the app then opens the household that was there.
    """
    from lonely_bridge.storage.household_names import staged_file

    if not staged_file(data_dir).is_file():
        return
    from lonely_bridge.i18n import _
    from lonely_bridge.storage.household_restore import restore_staged
    from lonely_bridge.storage.migrate import database_path
    from lonely_bridge.system.paths import photos_dir
    from lonely_bridge.wording.household import household_contents

    try:
        # The kept folder is named in this computer's time, as the restore command names it.
        now = clock.now().astimezone()
        restored = restore_staged(database_path(data_dir), photos_dir(data_dir), now=now)
    except LonelyBridgeError as error:
        log.warning("The household file waiting to be restored was not used: %s", error.code)
        messenger.problem(None, error)
        return
    assert restored is not None
    log.info("Restored the household file chosen before closing; kept: %s", restored.kept)
    kept = (
        _(" What was here before is kept, unchanged, in {folder}.").format(folder=restored.kept)
        if restored.kept is not None
        else ""
    )
    messenger.inform(
        None,
        _("The household is restored"),
        _("Lonely Bridge now holds {contents}.").format(
            contents=household_contents(restored.summary)
        )
        + kept,
        topic="household-restored",
    )
