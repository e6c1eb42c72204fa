"""The log helps a helper without telling anyone about the person: no names, notes or messages."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from lonely_bridge.domain.people import DEFAULT_RHYTHMS, Circle, Person
from lonely_bridge.storage import migrate
from lonely_bridge.storage.db import make_session_factory
from lonely_bridge.storage.repositories import SqlStore
from lonely_bridge.system.logs import close_logging, setup_logging
from lonely_bridge.ui.crash_handler import CrashHandler
from lonely_bridge.ui.messages import Messenger
from tests.doubles import FixedClock

NAME = "Philippa Quarrington-Vell"
NOTE = "takes the blue pills after lunch"


@pytest.fixture
def log_file(tmp_path: Path) -> Iterator[Path]:
    path = setup_logging(tmp_path / "logs")
    assert path is not None
    yield path
    close_logging()


@pytest.mark.allow_log("lonely_bridge.ui.crash_handler", "CRITICAL")
def test_a_database_error_reaches_the_log_without_the_names_in_it(
    qtbot: QtBot, log_file: Path, data_dir: Path, clock: FixedClock
) -> None:
    opened = migrate.open_database(data_dir, now=clock.now())
    store = SqlStore(make_session_factory(opened.engine))
    rhythm = DEFAULT_RHYTHMS[Circle.FAMILY]
    store.add_person(
        Person(None, NAME, "Sister", Circle.FAMILY, rhythm, notes=NOTE), now=clock.now()
    )
    try:
        # A link for someone who is not there: SQLite refuses it, with the name and the note
        # among the statement's parameters.
        with opened.engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO call_links "
                    "(person_id, label, url, service, is_default, created_at) "
                    "VALUES (:person, :label, :url, 'zoom', 0, :now)"
                ),
                {
                    "person": 999,
                    "label": NAME,
                    "url": f"https://zoom.us/j/1?{NOTE}",
                    "now": clock.now(),
                },
            )
    except Exception as error:
        CrashHandler(Messenger(windows=False), log_file=log_file).handle(
            type(error), error, error.__traceback__
        )
    else:
        pytest.fail("the database accepted a link for nobody")
    finally:
        opened.dispose()

    logged = log_file.read_text(encoding="utf-8")
    assert "FOREIGN KEY constraint failed" in logged  # the error itself is there to help
    assert NAME not in logged
    assert "blue pills" not in logged


@pytest.mark.allow_log("lonely_bridge.ui.messages", "ERROR")
def test_messages_are_logged_by_topic_not_by_their_words(qtbot: QtBot, log_file: Path) -> None:
    messenger = Messenger(windows=False)
    messenger.ask(
        None,
        f"Delete {NAME} for good?",
        f"{NAME} and all of their history will be removed. ({NOTE})",
        yes="Delete for good",
        no="Keep",
        topic="delete-person",
    )
    messenger.inform(None, f"Saved the calls with {NAME}", NOTE, topic="calendar-saved")
    messenger.error(None, f"The call with {NAME} didn't open", NOTE, topic="call-did-not-open")

    logged = log_file.read_text(encoding="utf-8")
    assert "delete-person" in logged
    assert "call-did-not-open" in logged
    assert NAME not in logged
    assert "blue pills" not in logged
