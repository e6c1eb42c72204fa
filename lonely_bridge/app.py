"""The composition root: options, logging, lock, database, services, then the window."""

from __future__ import annotations

import argparse
import logging
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from lonely_bridge import APP_ID, APP_NAME, __version__
from lonely_bridge.cli import EXIT_FAILED, EXIT_OK, EXIT_REFUSED, parse_args, run_command
from lonely_bridge.domain.clock import Clock, SystemClock
from lonely_bridge.domain.errors import DatabaseDamaged, DatabaseMissing, LonelyBridgeError

if TYPE_CHECKING:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QWidget

    from lonely_bridge.lifecycle import FileCheck
    from lonely_bridge.services.alerts import AlertService
    from lonely_bridge.services.importing import ContactImporter
    from lonely_bridge.services.insight import InsightService
    from lonely_bridge.services.learning import LearningService
    from lonely_bridge.services.ports import Mailer, SecretStore, UrlOpener
    from lonely_bridge.storage.sqlite_files import Examination
    from lonely_bridge.storage.store import AppStore
    from lonely_bridge.ui.main_window import MainWindow
    from lonely_bridge.ui.messages import Messenger
    from lonely_bridge.ui.reminders_controller import RemindersController
    from lonely_bridge.ui.window_factory import AppServices

log = logging.getLogger(__name__)

# Modules that must wait until after the first paint (bench/startup.py measures why).
DEFERRED_MODULES = ("apscheduler", "keyring", "PySide6.QtTextToSpeech")
# Needed before the first paint only to create or upgrade the database.
DEFERRED_WHEN_CURRENT = ("sqlalchemy", "alembic")
SMOKE_TEST_TIMEOUT_MS = 30_000
# Consented e-mail: a first round soon after start, then every ten minutes.
SHARING_FIRST_ROUND_MS = 60_000
SHARING_ROUND_MS = 600_000


def resolve_data_dir(args: argparse.Namespace) -> tuple[Path, bool]:
    """The data folder, and whether it is a temporary one to remove on closing (--demo)."""
    from lonely_bridge.system.paths import default_data_dir, prepare_data_dir

    if args.data_dir is not None:
        return prepare_data_dir(args.data_dir), False
    if args.demo:
        return prepare_data_dir(Path(tempfile.mkdtemp(prefix=f"{APP_ID}-demo-"))), True
    return prepare_data_dir(default_data_dir()), False


def open_store(
    data_dir: Path, clock: Clock, *, messenger: Messenger, demo: bool, thorough: bool = True
) -> AppStore:
    """Open the database; a damaged or missing one is replaced only with the person's agreement.

    ``thorough=False`` leaves SQLite's page-by-page check for after the first paint
    (FileCheck), unless an earlier check asked for it (migrate.request_check).
    """
    from lonely_bridge.storage import migrate
    from lonely_bridge.storage.store import AppStore

    thorough = thorough or migrate.check_requested(data_dir)
    try:
        opened = migrate.open_database(data_dir, now=clock.now(), thorough=thorough)
    except (DatabaseDamaged, DatabaseMissing) as problem:
        if problem.params.get("problem") == "link_target_missing":
            raise
        offer_newest_copy(problem, data_dir, clock, messenger=messenger)
        opened = migrate.open_database(data_dir, now=clock.now())
    store = AppStore(opened)
    if demo and opened.created:
        from lonely_bridge.services.demo import build_demo_household

        count = build_demo_household(store, clock)
        log.info("Built the demo household with %d contact events", count)
    return store


def offer_newest_copy(
    problem: LonelyBridgeError, data_dir: Path, clock: Clock, *, messenger: Messenger
) -> None:
    """Ask to put the newest good copy back; raises ``problem`` when there is none or no."""
    from lonely_bridge.storage import backup, migrate
    from lonely_bridge.wording.problems import explain

    newest = backup.newest_healthy_backup(migrate.backups_dir(data_dir))
    if newest is None:
        raise problem
    explanation = explain(problem)
    damaged = isinstance(problem, DatabaseDamaged)
    question = (
        f"{explanation.text}\n\nLonely Bridge has a good copy from "
        f"{newest.taken_at:%A %d %B at %H:%M}. Use it?"
        + (" The damaged file will be kept aside, unchanged." if damaged else "")
    )
    if not messenger.ask(
        None,
        explanation.title,
        question,
        yes="Use the copy",
        no="Close for now",
        topic="use-good-copy",
    ):
        raise problem
    restored = backup.restore_backup(
        migrate.database_path(data_dir),
        newest,
        now=clock.now(),
        reason="damaged" if damaged else "replaced",
    )
    migrate.clear_check_request(data_dir)
    log.warning("Put back the copy %s; the file it replaced is at %s", newest.path, restored.kept)


def build_services(
    store: AppStore,
    clock: Clock,
    data_dir: Path,
    *,
    opener: UrlOpener | None = None,
    mailer: Mailer | None = None,
    secrets: SecretStore | None = None,
    home_zone: str = "UTC",
) -> AppServices:
    from lonely_bridge.services.calls import CallService
    from lonely_bridge.services.contacts import ContactService
    from lonely_bridge.services.overview import OverviewService
    from lonely_bridge.services.people import PeopleService
    from lonely_bridge.services.plans import PlanService
    from lonely_bridge.services.settings import SettingsService
    from lonely_bridge.system.opener import DesktopUrlOpener
    from lonely_bridge.system.paths import photos_dir
    from lonely_bridge.ui.window_factory import AppServices

    def make_importer() -> ContactImporter:
        from lonely_bridge.services.importing import ContactImporter

        return ContactImporter(store, clock, photos_dir=photos_dir(data_dir))

    def make_learning() -> LearningService:
        from lonely_bridge.services.learning import LearningService
        from lonely_bridge.services.tutorials import TutorialService

        tutorials = TutorialService(data_dir=data_dir)
        return LearningService(store, clock, tutorials, data_dir=data_dir)

    def make_insight() -> InsightService:
        from lonely_bridge.services.insight import InsightService

        return InsightService(store, clock)

    def make_alerts() -> AlertService:
        from zoneinfo import ZoneInfo

        from lonely_bridge.services.alerts import AlertService
        from lonely_bridge.system.mailer import SmtpMailer
        from lonely_bridge.system.secrets import KeyringSecretStore

        return AlertService(
            store,
            mailer or SmtpMailer(),
            secrets or KeyringSecretStore(),
            clock,
            zone=ZoneInfo(home_zone),
        )

    return AppServices(
        overview=OverviewService(store, clock),
        settings=SettingsService(store, clock),
        calls=CallService(store, opener or DesktopUrlOpener(), clock),
        contacts=ContactService(store, clock),
        people=PeopleService(store, clock),
        plans=PlanService(store, clock),
        importer=make_importer,
        learning=make_learning,
        insight=make_insight,
        alerts=make_alerts,
    )


def _start_error(messenger: Messenger, error: LonelyBridgeError) -> int:
    from lonely_bridge.wording.problems import explain

    messenger.problem(None, error)
    print(explain(error).as_text(), file=sys.stderr)
    return EXIT_REFUSED


def run_gui(args: argparse.Namespace, started: float) -> int:
    from PySide6.QtWidgets import QApplication

    from lonely_bridge.storage.migrate import ensure_writable
    from lonely_bridge.system.logs import close_logging, setup_logging
    from lonely_bridge.system.paths import logs_dir
    from lonely_bridge.ui.messages import Messenger

    app = QApplication.instance() or QApplication([sys.argv[0]])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)
    # A smoke test runs where nobody can answer: its questions are logged, not shown.
    messenger = Messenger(windows=not (args.no_err_windows or args.smoke_test))

    try:
        data_dir, temporary = resolve_data_dir(args)
        # Checked before taking the lock: an unwritable folder would otherwise look like
        # "already running", since the lock file cannot be made there either.
        ensure_writable(data_dir)
    except LonelyBridgeError as error:
        setup_logging(None, verbose=args.verbose)
        return _start_error(messenger, error)
    log_file = setup_logging(logs_dir(data_dir), verbose=args.verbose)
    log.info("Starting %s %s", APP_NAME, __version__)
    try:
        return _run_in_folder(app, args, started, data_dir, messenger, log_file)
    finally:
        if temporary:
            close_logging()
            shutil.rmtree(data_dir, ignore_errors=True)


def _run_in_folder(
    app: QApplication,
    args: argparse.Namespace,
    started: float,
    data_dir: Path,
    messenger: Messenger,
    log_file: Path | None,
) -> int:
    from PySide6.QtCore import QTimer

    from lonely_bridge.system.single_instance import SingleInstance

    instance = SingleInstance(data_dir)
    if not instance.acquire():
        if instance.notify_running_instance():
            print(f"{APP_NAME} is already open; its window has been brought to the front.")
            return EXIT_OK
        from lonely_bridge.domain.errors import AlreadyRunning

        return _start_error(messenger, AlreadyRunning())

    clock = SystemClock()
    try:
        store = open_store(data_dir, clock, messenger=messenger, demo=args.demo, thorough=False)
    except LonelyBridgeError as error:
        instance.release()
        return _start_error(messenger, error)

    from lonely_bridge.lifecycle import QuitOnSignals
    from lonely_bridge.ui.crash_handler import CrashHandler
    from lonely_bridge.ui.theme import load_fonts
    from lonely_bridge.ui.window_factory import build_main_window

    load_fonts()
    from lonely_bridge.system.timezone import local_zone_name

    home_zone = local_zone_name()
    services = build_services(store, clock, data_dir, home_zone=home_zone)
    window, today = build_main_window(
        services, data_dir=data_dir, messenger=messenger, home_zone=home_zone
    )
    running = Running(
        app, window, services, store, clock, messenger, data_dir, home_zone, args.smoke_test
    )
    instance.activated.connect(window.bring_to_front)
    crash_handler = CrashHandler(messenger, log_file=log_file)
    crash_handler.install()
    signals = QuitOnSignals(app.quit)

    def after_first_paint() -> None:
        today.painted.disconnect(after_first_paint)
        running.after_first_paint(time.perf_counter() - started)

    today.painted.connect(after_first_paint)
    if args.smoke_test:
        QTimer.singleShot(SMOKE_TEST_TIMEOUT_MS, running.smoke_timeout)
    window.showMaximized()
    code = app.exec()
    running.shutdown()
    signals.uninstall()
    store.close()
    crash_handler.uninstall()
    instance.release()
    log.info("Closed")
    return running.outcome if args.smoke_test else code


class Running:
    """What the app starts after its first paint, and stops again when it closes."""

    def __init__(
        self,
        app: QApplication,
        window: MainWindow,
        services: AppServices,
        store: AppStore,
        clock: Clock,
        messenger: Messenger,
        data_dir: Path,
        home_zone: str,
        smoke_test: bool,
    ) -> None:
        from PySide6.QtCore import QTimer

        self._app = app
        self._window = window
        self._services = services
        self._store = store
        self._clock = clock
        self._messenger = messenger
        self._data_dir = data_dir
        self._home_zone = home_zone
        self._smoke_test = smoke_test
        self._reminders: list[RemindersController] = []
        self._sharing_timer = QTimer(window)
        self._sharing_timer.setInterval(SHARING_ROUND_MS)
        self._early_modules: list[str] = []
        self._file_check: FileCheck | None = None
        self.outcome = EXIT_FAILED

    def after_first_paint(self, elapsed: float) -> None:
        from PySide6.QtCore import QTimer

        log.info("First paint of Today after %.3f s", elapsed)
        self._early_modules = loaded_too_early(self._store)
        if self._smoke_test:
            print(f"Today painted after {elapsed:.3f} s", flush=True)
        self._check_file()
        # Back from the call app: the moment to ask how the call went. Connected only now,
        # so nothing it loads can delay the first paint.
        self._app.applicationStateChanged.connect(self._on_state_changed)
        if self._smoke_test:
            return
        QTimer.singleShot(0, self._after_start)
        QTimer.singleShot(0, self._start_reminders)
        QTimer.singleShot(SHARING_FIRST_ROUND_MS, self._start_sharing)
        QTimer.singleShot(0, self._window.commands.check_follow_up)

    def _check_file(self) -> None:
        from lonely_bridge.lifecycle import FileCheck
        from lonely_bridge.storage import migrate

        self._file_check = FileCheck(
            migrate.database_path(self._data_dir),
            migrate.backups_dir(self._data_dir),
            today=self._clock.now().astimezone().date(),
            back_up=not self._smoke_test,
        )
        self._file_check.finished.connect(self._on_file_checked)
        self._file_check.start()

    def _on_file_checked(self, found: Examination) -> None:
        from lonely_bridge.storage import migrate
        from lonely_bridge.storage.sqlite_files import FileState
        from lonely_bridge.wording.problems import explain

        damaged = found.state is FileState.DAMAGED
        if damaged:
            log.error("The information file failed its check: %s", found.detail)
            # The next start runs the full check first, and so offers the newest good copy.
            migrate.request_check(self._data_dir)
            db_path = migrate.database_path(self._data_dir)
            print(explain(DatabaseDamaged(path=str(db_path))).as_text(), file=sys.stderr)
        if self._smoke_test:
            self.finish_smoke_test(damaged=damaged)
        elif damaged:
            self._tell_damaged(db_path)

    def _tell_damaged(self, db_path: Path) -> None:
        """The words leave the path out (it is in the log and on the terminal for a helper)."""
        from lonely_bridge.i18n import _
        from lonely_bridge.wording.problems import explain

        close = self._messenger.ask(
            self._window,
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
            self._window.commands.check_follow_up()
            for controller in self._reminders:
                controller.check_now()

    def _after_start(self) -> None:
        """Work that must not delay the first paint."""
        from lonely_bridge.system.paths import is_network_share

        threading.Thread(target=self._store.warm_up, name="load-storage", daemon=True).start()
        # Checked after the first paint: reading the mount table need not delay the window.
        if is_network_share(self._data_dir):
            from lonely_bridge.i18n import _

            self._messenger.inform(
                None,
                _("Your information is on a network drive"),
                _(
                    "{folder} is on a network drive. Lonely Bridge works best with its "
                    "information on this computer; please ask a helper to move it (see "
                    "--data-dir)."
                ).format(folder=self._data_dir),
                topic="network-drive",
            )

    def _start_reminders(self) -> None:
        # APScheduler, speech and sound load here, after the first paint.
        from lonely_bridge.domain.reframes import Hesitation
        from lonely_bridge.ui.reminders_controller import create_reminders

        controller = create_reminders(
            self._services,
            clock=self._clock,
            messenger=self._messenger,
            data_dir=self._data_dir,
            home_zone=self._home_zone,
        )
        commands = self._window.commands
        commands.plans_changed.connect(controller.rebuild)
        controller.changed.connect(self._window.refresh_current)
        controller.declined.connect(lambda: commands.offer_reframe(Hesitation.DECLINED_CALL))
        controller.start()
        self._reminders.append(controller)

    def _start_sharing(self) -> None:
        from zoneinfo import ZoneInfo

        from lonely_bridge.services.sharing_rounds import SharingRounds

        rounds = SharingRounds(
            alerts=self._services.alerts,
            insight=self._services.insight,
            overview=self._services.overview,
            plans=self._services.plans,
            settings=self._services.settings,
            zone=ZoneInfo(self._home_zone),
        )
        busy = threading.Lock()

        def work() -> None:
            try:
                rounds.run_once()
            except Exception:
                log.exception("A sharing round failed; it will be tried again")
            finally:
                busy.release()

        def one_round() -> None:
            # E-mail waits on the network, so it never runs on the window's thread.
            if busy.acquire(blocking=False):
                threading.Thread(target=work, name="sharing", daemon=True).start()

        self._sharing_timer.timeout.connect(one_round)
        # "Send it now" in the Sharing screen: try at once rather than at the next round.
        self._window.commands.delivery_wanted.connect(one_round)
        self._sharing_timer.start()
        one_round()

    def shutdown(self) -> None:
        self._sharing_timer.stop()
        for controller in self._reminders:
            controller.shutdown()

    def smoke_timeout(self) -> None:
        print("Smoke test failed: Today was not painted within 30 s", file=sys.stderr)
        self.outcome = EXIT_FAILED
        self._app.quit()

    def finish_smoke_test(self, *, damaged: bool) -> None:
        if damaged:
            self.outcome = EXIT_REFUSED
        elif self._early_modules:
            print(
                f"Smoke test failed: loaded before the first paint: {self._early_modules}",
                file=sys.stderr,
            )
            self.outcome = EXIT_FAILED
        else:
            self.outcome = smoke_check(self._window)
        self._app.quit()


def loaded_too_early(store: AppStore) -> list[str]:
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


def main(argv: Sequence[str] | None = None) -> int:
    started = time.perf_counter()
    args = parse_args(argv)
    if args.command:
        return run_command(args)
    return run_gui(args, started)
