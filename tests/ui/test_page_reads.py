"""Each page refresh reads the people list once, however many parts of the page need it."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication
from sqlalchemy import event

from lonely_bridge.storage.store import AppStore
from lonely_bridge.ui.main_window import MainWindow
from lonely_bridge.ui.pages.my_week import MyWeekPage
from lonely_bridge.ui.pages.today import TodayPage

# The people list, not a person looked up by id, nor the people joined to their last contact.
PEOPLE_LIST = re.compile(r"\bFROM people\b(?!.*\bJOIN contact_events\b)(?!.*\bWHERE people\.id =)")


@pytest.fixture
def statements(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every statement run on a database connection opened from now on."""
    seen: list[str] = []
    connect = sqlite3.connect

    def traced(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        connection = connect(*args, **kwargs)
        connection.set_trace_callback(seen.append)
        return connection

    # The quick reader connects through sqlite3; SQLAlchemy is heard through its own events.
    monkeypatch.setattr(sqlite3, "connect", traced)
    return seen


def people_lists(statements: list[str]) -> list[str]:
    return [s for s in statements if PEOPLE_LIST.search(" ".join(s.split()))]


def refresh_reads(store: AppStore, statements: list[str], page: Any) -> list[str]:
    """The statements one refresh of ``page`` runs, through either way into the database."""

    def heard(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    event.listen(store.database.engine, "before_cursor_execute", heard)
    try:
        statements.clear()
        page.refresh()
        QApplication.processEvents()
        return list(statements)
    finally:
        event.remove(store.database.engine, "before_cursor_execute", heard)


def test_today_reads_the_people_list_once(
    statements: list[str], demo_store: AppStore, build_window: Callable[..., MainWindow]
) -> None:
    window = build_window(demo_store)
    today = window.findChild(TodayPage)
    assert today is not None
    assert demo_store.list_plans()  # the next planned call needs the people too
    reads = refresh_reads(demo_store, statements, today)
    assert any("contact_events" in s for s in reads)  # the reads are being heard
    assert len(people_lists(reads)) == 1, people_lists(reads)


MY_WEEK_PAGE = 3


def test_my_week_reads_the_people_list_once(
    statements: list[str], demo_store: AppStore, build_window: Callable[..., MainWindow]
) -> None:
    window = build_window(demo_store)
    window.show_page(MY_WEEK_PAGE)
    week = window.findChild(MyWeekPage)
    assert week is not None
    QApplication.processEvents()
    reads = refresh_reads(demo_store, statements, week)
    assert any("contact_events" in s for s in reads)
    assert len(people_lists(reads)) == 1, people_lists(reads)
