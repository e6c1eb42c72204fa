"""While the window is up: what starts after the first paint, and what stops on closing."""

from __future__ import annotations

import logging
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer

from lonely_bridge.app.options import EXIT_FAILED, EXIT_OK, EXIT_REFUSED
from lonely_bridge.domain.errors import DatabaseDamaged
from lonely_bridge.i18n import _

if TYPE_CHECKING:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QWidget

    from lonely_bridge.app.compose import Composition
    from lonely_bridge.app.lifecycle import FileCheck, SharingTimer, WarmUpOnFirstTouch
    from lonely_bridge.storage.sqlite_files import Examination
    from lonely_bridge.storage.stores import Stores
    from lonely_bridge.system.single_instance import SingleInstance
    from lonely_bridge.ui.reminders_controller import RemindersController
    from lonely_bridge.ui.tray import Tray

log = logging.getLogger(__name__)

# Modules that must wait until after the first paint (bench/startup.py measures why): the
# libraries, the pages and actions other than Today's, and the log's rotation.
DEFERRED_MODULES = (
    "apscheduler",
    "keyring",
    "PySide6.QtTextToSpeech",
    "PySide6.QtNetwork",
    "PySide6.QtMultimedia",
    "logging.handlers",
    "lonely_bridge.ui.actions",
    "lonely_bridge.ui.pages.people",
    "lonely_bridge.ui.pages.learn",
    "lonely_bridge.ui.pages.my_week",
    # The first-run welcome, which a household that exists never loads.
    "lonely_bridge.ui.first_run",
    "lonely_bridge.services.set_up",
    "lonely_bridge.ui.widgets.place_chooser",
)
# Needed before the first paint only to create or upgrade the database.
DEFERRED_WHEN_CURRENT = ("sqlalchemy", "alembic", "lonely_bridge.storage.backup")
SMOKE_TEST_TIMEOUT_MS = 30_000


class Running:
    """Shows the window, starts the rest after Today's first paint, and stops it on closing."""

    def __init__(
        self,
        app: QApplication,
        composition: Composition,
        store: Stores,
        instance: SingleInstance,
        *,
        smoke_test: bool,
        quietly: bool = False,
        keep_login_start: bool = False,
    ) -> None:
        self._app = app
        self._composition = composition
        self._store = store
        self._instance = instance
        self._smoke_test = smoke_test
        self._started = 0.0
        self._reminders: RemindersController | None = None
        self._sharing: SharingTimer | None = None
        self._file_check: FileCheck | None = None
        self._warm_up: WarmUpOnFirstTouch | None = None
        self._early_modules: list[str] = []
        self.outcome = EXIT_FAILED
        # Started at login: only an icon beside the clock until the person opens the window.
        self._quietly = quietly
        self._tray: Tray | None = None
        # Whether to make the login entry match its setting (not for a demo or another folder).
        self._keep_login_start = keep_login_start
        composition.set_up_ended = self._after_set_up
        composition.setting_changed = self._after_setting_changed

    @contextmanager
    def watching(self, log_file: Path | None) -> Iterator[None]:
        """Unexpected errors get a calm window, and SIGTERM a normal close, until closing."""
        from lonely_bridge.app.lifecycle import QuitOnSignals
        from lonely_bridge.ui.crash_handler import CrashHandler

        crash_handler = CrashHandler(self._composition.messenger, log_file=log_file)
        crash_handler.install()
        signals = QuitOnSignals(self._app.quit)
        try:
            yield
        finally:
            self.shutdown()
            signals.uninstall()
            crash_handler.uninstall()

    def show(self, started: float) -> None:
        if self._quietly:
            self._show_in_tray(started)
            return
        self._started = started
        window = self._composition.window
        self._composition.today.painted.connect(self._after_first_paint)
        if self._smoke_test:
            QTimer.singleShot(SMOKE_TEST_TIMEOUT_MS, self._smoke_timeout)
        window.showMaximized()

    def _after_first_paint(self) -> None:
        composition = self._composition
        elapsed = time.perf_counter() - self._started
        if self._tray is None:
            composition.today.painted.disconnect(self._after_first_paint)
            log.info("First paint of Today after %.3f s", elapsed)
        else:
            log.info("Waiting quietly beside the clock after %.3f s", elapsed)
        self._early_modules = loaded_too_early(self._store)
        if self._smoke_test:
            print(f"Today painted after {elapsed:.3f} s", flush=True)
        self._check_file()
        # A second launch now brings this window to the front.
        self._instance.listen()
        self._instance.activated.connect(self.open_window)
        # Back from the call app: the moment to ask how the call went. Connected only now,
        # so nothing it loads can delay the first paint.
        self._app.applicationStateChanged.connect(self._on_state_changed)
        if self._smoke_test:
            return
        # One after the other: the reminders' modules load on this thread, then a worker
        # loads the sharing rounds'. SQLAlchemy waits for the person's first touch.
        QTimer.singleShot(0, self._start_reminders)
        QTimer.singleShot(0, self._start_sharing)
        QTimer.singleShot(0, self._after_start)
        QTimer.singleShot(0, composition.actions.check_follow_up)
        QTimer.singleShot(0, self._apply_login_start)
        QTimer.singleShot(0, self._welcome_if_waiting)

    def _welcome_if_waiting(self) -> None:
        """A new home: the welcome opens over Today, unless nobody is there to answer it."""
        composition = self._composition
        # Not over a window waiting hidden at login: Today's button offers it when opened.
        shown = not composition.window.isHidden()
        if shown and composition.messenger.windows and composition.welcome_waiting():
            composition.open_set_up()

    @property
    def composition(self) -> Composition:
        return self._composition

    def _after_set_up(self) -> None:
        """The welcome closed: starting at login follows its answer, and a home zone other
        than the window's rebuilds the window, its reminders and sharing rounds in it
        (nothing else holds a zone)."""
        QTimer.singleShot(0, self._apply_login_start)
        zone = self._composition.set_up.home_zone()
        if zone != self._composition.edges.home_zone:
            QTimer.singleShot(0, lambda: self._rebuild_for(zone))

    def _rebuild_for(self, zone: str) -> None:
        from dataclasses import replace

        from lonely_bridge.app.compose import Composition, build_services

        old = self._composition
        log.info("The home time zone is now %s: building the window again", zone)
        if self._sharing is not None:
            self._sharing.stop()
            self._sharing = None
        if self._reminders is not None:
            self._reminders.shutdown()
            self._reminders = None
        edges = replace(old.edges, home_zone=zone)
        # Helper mode stays as it was: a helper who changed the zone keeps their tools.
        helper_access = old.services.helper_access
        services = build_services(self._store, edges, old.data_dir, helper_access=helper_access)
        new = Composition(services, old.data_dir, edges, old.messenger, old.choosers)
        new.set_up_ended = self._after_set_up
        new.setting_changed = self._after_setting_changed
        self._composition = new
        window = new.window
        window.setGeometry(old.window.geometry())
        window.setWindowState(old.window.windowState())
        window.show()
        if helper_access.is_open():
            window.show_page(new.helper_page_index)
        old.window.hide()
        old.window.deleteLater()
        if not self._smoke_test:
            self._start_reminders()
            self._start_sharing()

    def _check_file(self) -> None:
        from lonely_bridge.app.lifecycle import FileCheck
        from lonely_bridge.storage import migrate

        data_dir = self._composition.data_dir
        self._file_check = FileCheck(
            migrate.database_path(data_dir),
            migrate.backups_dir(data_dir),
            today=self._composition.edges.clock.now().astimezone().date(),
            back_up=not self._smoke_test,
        )
        self._file_check.finished.connect(self._on_file_checked)
        self._file_check.start()

    def _on_file_checked(self, found: Examination) -> None:
        from lonely_bridge.storage import migrate
        from lonely_bridge.storage.sqlite_files import FileState
        from lonely_bridge.wording.problems import explain

        damaged = found.state is FileState.DAMAGED
        data_dir = self._composition.data_dir
        if damaged:
            log.error("The information file failed its check: %s", found.detail)
            # The next start runs the full check first, and so offers the newest good copy.
            migrate.request_check(data_dir)
            db_path = migrate.database_path(data_dir)
            print(explain(DatabaseDamaged(path=str(db_path))).as_text(), file=sys.stderr)
        if self._smoke_test:
            self._finish_smoke_test(damaged=damaged)
        elif damaged:
            self._tell_damaged(db_path)

    def _tell_damaged(self, db_path: Path) -> None:
        """The words leave the path out (it is in the log and on the terminal for a helper)."""
        from lonely_bridge.wording.problems import explain

        close = self._composition.messenger.ask(
            self._composition.window,
            explain(DatabaseDamaged(path=str(db_path))).title,
            _(
                "While checking its information, Lonely Bridge found a problem. Nothing has "
                "been changed. When it opens again, it will offer its newest good copy, and "
                "keep this file aside."
            ),
            yes=_("Close Lonely Bridge now"),
            no=_("Carry on for now"),
            topic="damaged-after-check",
        )
        if close:
            self._app.quit()

    def _on_state_changed(self, state: Qt.ApplicationState) -> None:
        from PySide6.QtCore import Qt

        if state == Qt.ApplicationState.ApplicationActive:
            self._composition.actions.check_follow_up()
            if self._reminders is not None:
                self._reminders.check_now()

    def _after_start(self) -> None:
        """Work that must not delay the first paint."""
        from lonely_bridge.app.lifecycle import WarmUpOnFirstTouch
        from lonely_bridge.system.logs import start_rotating
        from lonely_bridge.system.paths import is_network_share

        start_rotating()
        self._warm_up = WarmUpOnFirstTouch(self._store.warm_up, self._app)
        if self._sharing is not None:
            threading.Thread(target=self._sharing.prepare, name="load-sharing", daemon=True).start()
        # Checked after the first paint: reading the mount table need not delay the window.
        data_dir = self._composition.data_dir
        if is_network_share(data_dir):
            self._composition.messenger.inform(
                None,
                _("Your information is on a network drive"),
                _(
                    "{folder} is on a network drive. Lonely Bridge works best with its "
                    "information on this computer; please ask a helper to move it (see "
                    "--data-dir)."
                ).format(folder=data_dir),
                topic="network-drive",
            )

    def _start_reminders(self) -> None:
        self._reminders = self._composition.reminders()
        self._reminders.start()

    def _start_sharing(self) -> None:
        from lonely_bridge.app.lifecycle import SharingTimer

        composition = self._composition
        self._sharing = SharingTimer(composition.sharing_rounds, parent=composition.window)
        # "Send it now" in the Sharing screen: try at once rather than at the next round.
        composition.actions.delivery_wanted.connect(self._sharing.round_now)
        self._sharing.start()

    def _show_in_tray(self, started: float) -> None:
        """The window stays hidden; with no paint to wait for, the rest starts at once."""
        from lonely_bridge.ui.tray import Tray

        self._started = started
        self._tray = Tray()
        self._tray.open_requested.connect(self.open_window)
        self._tray.close_requested.connect(self._app.quit)
        # Closing the window (or a reminder) leaves the icon, and the reminders, running.
        self._app.setQuitOnLastWindowClosed(False)
        self._tray.show()
        if self._smoke_test:
            QTimer.singleShot(SMOKE_TEST_TIMEOUT_MS, self._smoke_timeout)
        QTimer.singleShot(0, self._after_first_paint)

    def open_window(self) -> None:
        window = self._composition.window
        if window.isHidden():
            window.showMaximized()
        window.bring_to_front()

    def _after_setting_changed(self, setting: object) -> None:
        """Starting at login follows its setting as soon as a helper changes it (a refusal
        is said, since someone just asked for it), and a new home zone rebuilds the window
        as after the welcome, with helper mode as it was."""
        from lonely_bridge.domain.errors import LoginStartNotChanged
        from lonely_bridge.domain.settings import HOME_ZONE, START_AT_LOGIN

        composition = self._composition
        if setting is HOME_ZONE:
            # Every page, reminder and sharing round holds the zone: build them again, after
            # the click that changed it has finished.
            zone = composition.set_up.home_zone()
            if zone != composition.edges.home_zone:
                QTimer.singleShot(0, lambda: self._rebuild_for(zone))
        if setting is not START_AT_LOGIN or not self._keep_login_start:
            return
        try:
            composition.apply_login_start()
        except LoginStartNotChanged as problem:
            composition.messenger.problem(composition.window, problem)

    def _apply_login_start(self) -> None:
        """At every start, so an entry left by a moved app is put right. A refusal is only
        logged: nobody asked for anything just now, and Settings says it when a helper
        changes the setting."""
        from lonely_bridge.domain.errors import LoginStartNotChanged

        if not self._keep_login_start:
            log.info("Start at login left as it is: not the usual start (another folder, a demo)")
            return
        try:
            on = self._composition.apply_login_start()
        except LoginStartNotChanged as problem:
            log.warning("Start at login could not be changed: %s", problem)
            return
        log.info("Start at login is %s", "on" if on else "off")

    def shutdown(self) -> None:
        if self._tray is not None:
            self._tray.hide()
        if self._file_check is not None and not self._file_check.finish():
            log.warning("Closing while the information file is still being checked or copied")
        if self._sharing is not None:
            self._sharing.stop()
        if self._reminders is not None:
            self._reminders.shutdown()
        if self._warm_up is not None:
            self._warm_up.stop()

    def _smoke_timeout(self) -> None:
        print("Smoke test failed: Today was not painted within 30 s", file=sys.stderr)
        self.outcome = EXIT_FAILED
        self._app.quit()

    def _finish_smoke_test(self, *, damaged: bool) -> None:
        if damaged:
            self.outcome = EXIT_REFUSED
        elif self._early_modules:
            print(
                f"Smoke test failed: loaded before the first paint: {self._early_modules}",
                file=sys.stderr,
            )
            self.outcome = EXIT_FAILED
        else:
            self.outcome = smoke_check(self._composition.window)
        self._app.quit()


def loaded_too_early(store: Stores) -> list[str]:
    """Heavy modules already loaded at the first paint (SQLAlchemy may be, to create or upgrade)."""
    changed = store.database.created or store.database.upgraded_from is not None
    deferred = DEFERRED_MODULES if changed else DEFERRED_MODULES + DEFERRED_WHEN_CURRENT
    return [name for name in deferred if name in sys.modules]


def smoke_check(window: QWidget) -> int:
    picture = window.grab()
    if picture.isNull() or picture.width() < 100:
        print("Smoke test failed: the window could not be drawn", file=sys.stderr)
        return EXIT_FAILED
    print("Smoke test passed", flush=True)
    return EXIT_OK
