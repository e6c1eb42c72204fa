"""Starting the window: the data folder, the lock, the database, Today, then the event loop."""

from __future__ import annotations

import argparse
import logging
import shutil
import sys
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from lonely_bridge import APP_ID, APP_NAME, __version__
from lonely_bridge.app.options import EXIT_OK, EXIT_REFUSED
from lonely_bridge.domain.errors import AlreadyRunning, LonelyBridgeError

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from lonely_bridge.system.single_instance import SingleInstance
    from lonely_bridge.ui.messages import Messenger

log = logging.getLogger(__name__)


def run_gui(args: argparse.Namespace, started: float) -> int:
    from lonely_bridge.system.logs import close_logging, setup_logging
    from lonely_bridge.system.paths import logs_dir
    from lonely_bridge.ui.messages import Messenger

    app = qt_application()
    # A smoke test runs where nobody can answer: its questions are logged, not shown.
    messenger = Messenger(windows=not (args.no_err_windows or args.smoke_test))
    try:
        data_dir, temporary = ready_data_dir(args)
    except LonelyBridgeError as error:
        setup_logging(None, verbose=args.verbose)
        return say_start_problem(messenger, error)
    log_file = setup_logging(logs_dir(data_dir), verbose=args.verbose, rotate=False)
    log.info("Starting %s %s", APP_NAME, __version__)
    try:
        return run_in_folder(app, args, started, data_dir, messenger, log_file)
    finally:
        if temporary:
            close_logging()
            shutil.rmtree(data_dir, ignore_errors=True)


def qt_application() -> QApplication:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([sys.argv[0]])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)
    return app


def ready_data_dir(args: argparse.Namespace) -> tuple[Path, bool]:
    """The data folder, and whether it is a temporary one to remove on closing (--demo).

    Checked for writing before the lock is taken: an unwritable folder would otherwise look
    like "already running", since the lock file cannot be made there either.
    """
    from lonely_bridge.storage.migrate import ensure_writable
    from lonely_bridge.system.paths import default_data_dir, prepare_data_dir

    if args.data_dir is not None:
        data_dir, temporary = prepare_data_dir(args.data_dir), False
    elif args.demo:
        data_dir = prepare_data_dir(Path(tempfile.mkdtemp(prefix=f"{APP_ID}-demo-")))
        temporary = True
    else:
        data_dir, temporary = prepare_data_dir(default_data_dir()), False
    ensure_writable(data_dir)
    return data_dir, temporary


def run_in_folder(
    app: QApplication,
    args: argparse.Namespace,
    started: float,
    data_dir: Path,
    messenger: Messenger,
    log_file: Path | None,
) -> int:
    from lonely_bridge.app.compose import (
        Composition,
        Edges,
        build_services,
        open_store,
        saved_home_zone,
    )
    from lonely_bridge.app.household import restore_staged_household
    from lonely_bridge.app.running import Running
    from lonely_bridge.domain.clock import SystemClock
    from lonely_bridge.system.single_instance import SingleInstance
    from lonely_bridge.system.timezone import local_zone_name
    from lonely_bridge.ui.theme import load_fonts

    instance = SingleInstance(data_dir)
    if not instance.acquire():
        return bring_other_to_front(instance, messenger)
    computer_zone = local_zone_name()
    edges = Edges(SystemClock(), home_zone=computer_zone, computer_zone=computer_zone)
    restore_staged_household(data_dir, edges.clock, messenger)
    try:
        store = open_store(
            data_dir, edges.clock, messenger=messenger, demo=args.demo, thorough=False
        )
    except LonelyBridgeError as error:
        instance.release()
        return say_start_problem(messenger, error)
    # The home zone chosen in the welcome or Settings, once the settings can be read.
    edges = replace(edges, home_zone=saved_home_zone(store, computer_zone))
    load_fonts()
    composition = Composition(build_services(store, edges, data_dir), data_dir, edges, messenger)
    running = Running(
        app,
        composition,
        store,
        instance,
        smoke_test=args.smoke_test,
        quietly=args.at_login and starts_quietly(),
        # Only the usual folder's app keeps the login entry at each start: a demo, a test
        # or a helper's run on another folder (--data-dir) changes it only from Settings.
        keep_login_start=not args.demo and args.data_dir is None,
    )
    with running.watching(log_file):
        running.show(started)
        code = app.exec()
    store.close()
    instance.release()
    log.info("Closed")
    return running.outcome if args.smoke_test else code


def starts_quietly() -> bool:
    """Started at login, the app waits as an icon beside the clock, where there is one."""
    from lonely_bridge.ui.tray import tray_available

    return tray_available()


def bring_other_to_front(instance: SingleInstance, messenger: Messenger) -> int:
    if instance.notify_running_instance():
        print(f"{APP_NAME} is already open; its window has been brought to the front.")
        return EXIT_OK
    return say_start_problem(messenger, AlreadyRunning())


def say_start_problem(messenger: Messenger, error: LonelyBridgeError) -> int:
    """In a window for the person, and on the terminal for a helper."""
    from lonely_bridge.wording.problems import explain

    messenger.problem(None, error)
    print(explain(error).as_text(), file=sys.stderr)
    return EXIT_REFUSED
