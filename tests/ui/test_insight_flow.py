"""My week: how things are, in words; a check-in that can be skipped or put off."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget

from lonely_bridge.domain.checkins import Scale, score
from lonely_bridge.domain.settings import INSIGHT_PAUSED
from lonely_bridge.services.settings import write
from lonely_bridge.storage.stores import Stores
from lonely_bridge.ui.main_window import MainWindow
from lonely_bridge.ui.messages import Messenger
from tests.doubles import FixedClock

MY_WEEK = 3
Press = Callable[[QWidget, str], None]


def on_my_week(window: MainWindow) -> MainWindow:
    window.show_page(MY_WEEK)
    QApplication.processEvents()
    return window


def shown(window: MainWindow, name: str) -> list[QWidget]:
    return [w for w in window.current_page.findChildren(QWidget, name) if w.isVisible()]


def test_the_demo_week_reads_calmly_with_a_call_to_make(
    demo_store: Stores, build_window: Callable[..., MainWindow]
) -> None:
    window = on_my_week(build_window(demo_store, home_zone="Europe/London"))
    [level] = shown(window, "insightLevel")
    assert isinstance(level, QLabel)
    assert level.text() == "All is well"
    reasons = [w.text() for w in shown(window, "insightReason0") + shown(window, "insightReason1")]
    assert reasons
    assert all("score" not in text.lower() and "lonely" not in text.lower() for text in reasons)
    [call] = shown(window, "insightCall")
    assert isinstance(call, QPushButton)
    assert call.text() == "Call Harold"  # the demo's most overdue person


def test_check_in_answered_skipped_and_put_off(
    app_store: Stores,
    anna: Any,
    clock: FixedClock,
    build_window: Callable[..., MainWindow],
    press_in_modal: Callable[..., Any],
    press: Press,
) -> None:
    window = on_my_week(build_window(app_store, messenger=Messenger(windows=True)))
    assert shown(window, "checkInPrompt")

    def answer(dialog: QWidget) -> None:
        press(dialog, "checkInBegin")
        press(dialog, "checkInAnswer1")  # hardly ever
        press(dialog, "checkInSkip")
        press(dialog, "checkInAnswer2")  # some of the time

    press_in_modal(answer)
    press(window, "checkInStart")
    [checkin] = app_store.contacts.check_ins()
    assert checkin.scale is Scale.UCLA3
    assert checkin.answers == (1, None, 2)
    assert score(checkin) is None  # a skipped question means no total, never a guess
    assert "Thank you" in window.undo_bar.message.text()
    QApplication.processEvents()
    assert not shown(window, "checkInPrompt")  # answered: not asked again this month

    clock.advance(days=31)
    window.refresh_current()
    QApplication.processEvents()
    assert shown(window, "checkInPrompt")
    press(window, "checkInLater")
    QApplication.processEvents()
    assert not shown(window, "checkInPrompt")
    clock.advance(days=1)
    window.refresh_current()
    QApplication.processEvents()
    assert shown(window, "checkInPrompt")  # "Not now" means not today, not never


def test_stopping_a_check_in_keeps_the_answers_given(
    app_store: Stores,
    build_window: Callable[..., MainWindow],
    press_in_modal: Callable[..., Any],
    press: Press,
) -> None:
    window = on_my_week(build_window(app_store))

    def answer_one(dialog: QWidget) -> None:
        press(dialog, "checkInBegin")
        press(dialog, "checkInAnswer3")
        press(dialog, "checkInStop")

    press_in_modal(answer_one)
    press(window, "checkInStart")
    [checkin] = app_store.contacts.check_ins()
    assert checkin.answers == (3, None, None)


def test_a_paused_gentle_eye_says_so_warmly_on_my_week_and_today(
    demo_store: Stores, clock: FixedClock, build_window: Callable[..., MainWindow]
) -> None:
    write(demo_store.settings, INSIGHT_PAUSED, True, now=clock.now())
    window = build_window(demo_store, home_zone="Europe/London")
    QApplication.processEvents()
    [today_line] = shown(window, "todayInsightPaused")
    assert isinstance(today_line, QLabel)
    assert "paused" in today_line.text()

    on_my_week(window)
    assert not shown(window, "insightLevel")
    assert not shown(window, "checkInPrompt")  # no questions while paused
    [resting] = shown(window, "insightPausedWords")
    assert isinstance(resting, QLabel)
    assert "Settings" in resting.text()  # how to turn it back on
    assert "Nothing is lost" in resting.text()

    write(demo_store.settings, INSIGHT_PAUSED, False, now=clock.now())
    window.refresh_current()
    QApplication.processEvents()
    assert shown(window, "insightLevel")
    assert not shown(window, "insightPausedWords")


@pytest.mark.parametrize("page", [0, 1], ids=["today", "people"])
def test_cards_keep_their_nudges_to_themselves_while_the_gentle_eye_rests(
    demo_store: Stores, clock: FixedClock, build_window: Callable[..., MainWindow], page: int
) -> None:
    def nudges(window: MainWindow) -> list[str]:
        QApplication.processEvents()
        lines = [w for w in window.current_page.findChildren(QLabel) if w.isVisible()]
        return [w.text() for w in lines if w.objectName().startswith("personStatus")
                and "it's been a while" in w.text()]  # fmt: skip

    window = build_window(demo_store, home_zone="Europe/London")
    window.show_page(page)
    assert nudges(window)  # Harold has waited long

    write(demo_store.settings, INSIGHT_PAUSED, True, now=clock.now())
    window.refresh_current()
    assert nudges(window) == []
    facts = [w.text() for w in window.current_page.findChildren(QLabel)
             if w.isVisible() and w.objectName().startswith("personStatus")]  # fmt: skip
    assert any(text.startswith("Last in touch") for text in facts)  # the facts stay
