"""The composition root: options, logging, lock, database, services, then the window."""

from __future__ import annotations

import argparse
import logging
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
from lonely_bridge.domain.errors import DatabaseDamaged, LonelyBridgeError

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication, QWidget

    from lonely_bridge.services.alerts import AlertService
    from lonely_bridge.services.importing import ContactImporter
    from lonely_bridge.services.insight import InsightService
    from lonely_bridge.services.learning import LearningService
    from lonely_bridge.services.ports import Mailer, SecretStore, UrlOpener
    from lonely_bridge.storage.store import AppStore
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


def resolve_data_dir(args: argparse.Namespace) -> Path:
    from lonely_bridge.system.paths import default_data_dir, prepare_data_dir

    if args.data_dir is not None:
        return prepare_data_dir(args.data_dir)
    if args.demo:
        return prepare_data_dir(Path(tempfile.mkdtemp(prefix=f"{APP_ID}-demo-")))
    return prepare_data_dir(default_data_dir())


def open_store(data_dir: Path, clock: Clock, *, messenger: Messenger, demo: bool) -> AppStore:
    """Open the database, recovering from damage only with the person's agreement."""
    from lonely_bridge.services.problems import explain
    from lonely_bridge.storage import backup, migrate
    from lonely_bridge.storage.store import AppStore

    try:
        opened = migrate.open_database(data_dir, now=clock.now())
    except DatabaseDamaged as damaged:
        newest = backup.newest_healthy_backup(migrate.backups_dir(data_dir))
        explanation = explain(damaged)
        if newest is None:
            raise
        question = (
            f"{explanation.text}\n\nLonely Bridge has a good copy from "
            f"{newest.taken_at:%A %d %B at %H:%M}. Use it? The damaged file will be kept aside, "
            "unchanged."
        )
        if not messenger.ask(
            None, explanation.title, question, yes="Use the copy", no="Close for now"
        ):
            raise
        kept = backup.restore_backup(migrate.database_path(data_dir), newest.path, now=clock.now())
        log.warning("Restored %s; the damaged file is kept at %s", newest.path, kept)
        opened = migrate.open_database(data_dir, now=clock.now())
    store = AppStore(opened)
    if demo and opened.created:
        from lonely_bridge.services.demo import build_demo_household

        count = build_demo_household(store, clock)
        log.info("Built the demo household with %d contact events", count)
    return store


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


def run_gui(args: argparse.Namespace, started: float) -> int:
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtWidgets import QApplication

    from lonely_bridge.services.problems import explain
    from lonely_bridge.storage.migrate import ensure_writable
    from lonely_bridge.system.logs import setup_logging
    from lonely_bridge.system.paths import logs_dir
    from lonely_bridge.ui.messages import Messenger

    app = QApplication.instance() or QApplication([sys.argv[0]])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)
    messenger = Messenger(windows=not args.no_err_windows)
    clock = SystemClock()

    try:
        data_dir = resolve_data_dir(args)
        # Checked before taking the lock: an unwritable folder would otherwise look like
        # "already running", since the lock file cannot be made there either.
        ensure_writable(data_dir)
    except LonelyBridgeError as error:
        setup_logging(None, verbose=args.verbose)
        text = explain(error)
        messenger.error(None, text.title, f"{text.text}\n\n{text.next_step}")
        return EXIT_REFUSED
    log_file = setup_logging(logs_dir(data_dir), verbose=args.verbose)
    log.info("Starting %s %s with data in %s", APP_NAME, __version__, data_dir)

    from lonely_bridge.system.single_instance import SingleInstance

    instance = SingleInstance(data_dir)
    if not instance.acquire():
        if instance.notify_running_instance():
            print(f"{APP_NAME} is already open; its window has been brought to the front.")
            return EXIT_OK
        from lonely_bridge.domain.errors import AlreadyRunning

        text = explain(AlreadyRunning())
        messenger.error(None, text.title, f"{text.text}\n\n{text.next_step}")
        return EXIT_REFUSED

    try:
        store = open_store(data_dir, clock, messenger=messenger, demo=args.demo)
    except LonelyBridgeError as error:
        text = explain(error)
        messenger.error(None, text.title, f"{text.text}\n\n{text.next_step}")
        print(text.as_text(), file=sys.stderr)
        instance.release()
        return EXIT_REFUSED

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
    reminders: list[RemindersController] = []

    def on_state_changed(state: Qt.ApplicationState) -> None:
        # Back from the call app: the moment to ask how the call went.
        if state == Qt.ApplicationState.ApplicationActive:
            window.commands.check_follow_up()
            for controller in reminders:
                controller.check_now()

    app.applicationStateChanged.connect(on_state_changed)
    instance.activated.connect(window.bring_to_front)
    crash_handler = CrashHandler(messenger, log_file=log_file)
    crash_handler.install()

    outcome = {"code": EXIT_OK}

    def after_first_paint() -> None:
        today.painted.disconnect(after_first_paint)
        elapsed = time.perf_counter() - started
        log.info("First paint of Today after %.3f s", elapsed)
        if args.smoke_test:
            print(f"Today painted after {elapsed:.3f} s", flush=True)
            changed = store.database.created or store.database.upgraded_from is not None
            QTimer.singleShot(
                0,
                lambda: finish_smoke_test(app, window, elapsed, outcome, database_changed=changed),
            )
            return
        QTimer.singleShot(0, lambda: after_start(data_dir, clock, messenger, store))
        QTimer.singleShot(0, lambda: reminders.append(start_reminders()))
        QTimer.singleShot(SHARING_FIRST_ROUND_MS, start_sharing)
        QTimer.singleShot(0, window.commands.check_follow_up)

    def start_reminders() -> RemindersController:
        # APScheduler, speech and sound load here, after the first paint.
        from lonely_bridge.domain.reframes import Hesitation
        from lonely_bridge.ui.reminders_controller import create_reminders

        controller = create_reminders(
            services, clock=clock, messenger=messenger, data_dir=data_dir, home_zone=home_zone
        )
        window.commands.plans_changed.connect(controller.rebuild)
        controller.changed.connect(window.refresh_current)
        controller.declined.connect(lambda: window.commands.offer_reframe(Hesitation.DECLINED_CALL))
        controller.start()
        return controller

    sharing_timer = QTimer(window)
    sharing_timer.setInterval(SHARING_ROUND_MS)

    def start_sharing() -> None:
        from zoneinfo import ZoneInfo

        from lonely_bridge.services.sharing_rounds import SharingRounds

        rounds = SharingRounds(
            alerts=services.alerts,
            insight=services.insight,
            overview=services.overview,
            plans=services.plans,
            settings=services.settings,
            zone=ZoneInfo(home_zone),
        )
        busy = threading.Lock()

        def one_round() -> None:
            # E-mail waits on the network, so it never runs on the window's thread.
            if not busy.acquire(blocking=False):
                return

            def work() -> None:
                try:
                    rounds.run_once()
                except Exception:
                    log.exception("A sharing round failed; it will be tried again")
                finally:
                    busy.release()

            threading.Thread(target=work, name="sharing", daemon=True).start()

        sharing_timer.timeout.connect(one_round)
        # "Send it now" in the Sharing screen: try at once rather than at the next round.
        window.commands.delivery_wanted.connect(one_round)
        sharing_timer.start()
        one_round()

    today.painted.connect(after_first_paint)
    if args.smoke_test:
        QTimer.singleShot(SMOKE_TEST_TIMEOUT_MS, lambda: _smoke_timeout(app, outcome))
    window.showMaximized()
    code = app.exec()
    sharing_timer.stop()
    for controller in reminders:
        controller.shutdown()
    store.close()
    crash_handler.uninstall()
    instance.release()
    log.info("Closed")
    return outcome["code"] if args.smoke_test else code


def _smoke_timeout(app: QApplication, outcome: dict[str, int]) -> None:
    print("Smoke test failed: Today was not painted within 30 s", file=sys.stderr)
    outcome["code"] = EXIT_FAILED
    app.quit()


def finish_smoke_test(
    app: QApplication,
    window: QWidget,
    elapsed: float,
    outcome: dict[str, int],
    *,
    database_changed: bool,
) -> None:
    outcome["code"] = smoke_check(window, elapsed, database_changed=database_changed)
    app.quit()


def smoke_check(window: QWidget, elapsed: float, *, database_changed: bool) -> int:
    deferred = DEFERRED_MODULES if database_changed else DEFERRED_MODULES + DEFERRED_WHEN_CURRENT
    early = [name for name in deferred if name in sys.modules]
    if early:
        print(f"Smoke test failed: loaded before the first paint: {early}", file=sys.stderr)
        return EXIT_FAILED
    picture = window.grab()
    if picture.isNull() or picture.width() < 100:
        print("Smoke test failed: the window could not be drawn", file=sys.stderr)
        return EXIT_FAILED
    print("Smoke test passed", flush=True)
    return EXIT_OK


def after_start(data_dir: Path, clock: Clock, messenger: Messenger, store: AppStore) -> None:
    """Work that must not delay the first paint."""
    from lonely_bridge.storage import backup, migrate
    from lonely_bridge.system.paths import is_network_share

    def daily_backup() -> None:
        try:
            backup.take_daily_backup(
                migrate.database_path(data_dir),
                migrate.backups_dir(data_dir),
                today=clock.now().astimezone().date(),
            )
        except Exception:
            log.exception("The daily backup could not be written")

    threading.Thread(target=daily_backup, name="daily-backup", daemon=True).start()
    threading.Thread(target=store.warm_up, name="load-storage", daemon=True).start()
    # Checked after the first paint: reading the mount table need not delay the window.
    if is_network_share(data_dir):
        from lonely_bridge.i18n import _

        messenger.inform(
            None,
            _("Your information is on a network drive"),
            _(
                "{folder} is on a network drive. Lonely Bridge works best with its "
                "information on this computer; please ask a helper to move it (see --data-dir)."
            ).format(folder=data_dir),
        )


def main(argv: Sequence[str] | None = None) -> int:
    started = time.perf_counter()
    args = parse_args(argv)
    if args.command:
        return run_command(args)
    return run_gui(args, started)
