"""Walk a tutorial from the Learn page: confidence, steps, read aloud, stop, resume, finish."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget

from lonely_bridge.domain.learning import Confidence, Moment
from lonely_bridge.domain.settings import TextSize
from lonely_bridge.storage.migrate import OpenedDatabase
from lonely_bridge.storage.store import AppStore
from lonely_bridge.ui.dialogs.tutorial_viewer import TutorialViewer
from lonely_bridge.ui.main_window import MainWindow
from lonely_bridge.ui.theme import apply_theme
from tests.doubles import FixedClock
from tests.ui.conftest import actions_of

LEARN_PAGE = 2
LESSON = "using-lonely-bridge"
Press = Callable[[QWidget, str], None]


def text_of(root: QWidget, name: str) -> str:
    # New widgets are shown by the layout on the next turn of the event loop.
    QApplication.processEvents()
    found = [w.text() for w in root.findChildren(QLabel, name) if not w.isHidden()]
    assert found, name
    return found[-1]


def on_learn(window: MainWindow) -> MainWindow:
    window.show_page(LEARN_PAGE)
    return window


def test_walk_stop_resume_after_restart_and_finish(
    app_store: AppStore,
    opened: OpenedDatabase,
    clock: FixedClock,
    build_window: Callable[..., MainWindow],
    press_in_modal: Callable[..., Any],
    press: Press,
) -> None:
    window = on_learn(build_window(app_store, speech_engine="mock"))
    seen: dict[str, object] = {}

    def first_visit(viewer: QWidget) -> None:
        assert isinstance(viewer, TutorialViewer)
        assert text_of(viewer, "confidenceQuestion") == (
            "How sure do you feel about video calls now?"
        )
        press(viewer, "confidence2")  # a little sure
        seen["first"] = text_of(viewer, "tutorialStepNumber")
        press(viewer, "tutorialNext")
        press(viewer, "tutorialNext")
        seen["third"] = text_of(viewer, "tutorialStepNumber")
        press(viewer, "tutorialBack")
        press(viewer, "tutorialNext")
        press(viewer, "tutorialReadAloud")
        seen["note"] = viewer.note.isVisible()
        press(viewer, "tutorialStop")

    press_in_modal(first_visit)
    press(window, f"openSuggested-{LESSON}")
    assert seen == {"first": "Step 1 of 7", "third": "Step 3 of 7", "note": False}
    assert app_store.all_progress()[LESSON].current_step == 3
    [answer] = app_store.confidence_answers()
    assert (answer.moment, answer.value) == (Moment.BEFORE, Confidence.A_LITTLE)
    # Stopping half-way is a moment for a kind word (at most once a day).
    assert "Your place is saved" in window.undo_bar.message.text()
    statuses = [label.text() for label in window.current_page.findChildren(QLabel)]
    assert any("You reached step 3 of 7" in text for text in statuses)

    # A restart: a new store and window on the same database carry on at step 3.
    clock.advance(days=1)
    restarted = on_learn(build_window(AppStore(opened), speech_engine="mock"))

    def second_visit(viewer: QWidget) -> None:
        assert isinstance(viewer, TutorialViewer)
        seen["resumed"] = text_of(viewer, "tutorialStepNumber")
        for _ in range(4):  # steps 4 to 7
            press(viewer, "tutorialNext")
        seen["last"] = viewer.next_button.text()
        press(viewer, "tutorialNext")  # Finish
        press(viewer, "confidence4")  # quite sure, after
        seen["done"] = text_of(viewer, "tutorialDone")
        press(viewer, "tutorialStop")  # Close

    press_in_modal(second_visit)
    press(restarted, f"openSuggested-{LESSON}")
    assert seen["resumed"] == "Step 3 of 7"
    assert seen["last"] == "Finish"
    assert seen["done"] == "Well done!"
    assert app_store.all_progress()[LESSON].done
    assert [a.value for a in app_store.confidence_answers()] == [
        Confidence.A_LITTLE,
        Confidence.QUITE,
    ]
    texts = [label.text() for label in restarted.current_page.findChildren(QLabel)]
    assert "✓ Done" in " ".join(texts)
    assert any("Quite sure (after the lesson" in text for text in texts)
    # The suggestion moves on to a lesson not yet done.
    QApplication.processEvents()
    suggested = [
        b.objectName()
        for b in restarted.findChildren(QPushButton)
        if b.objectName().startswith("openSuggested-") and b.isVisible()
    ]
    assert suggested
    assert f"openSuggested-{LESSON}" not in suggested


def test_read_aloud_says_so_when_there_is_no_voice(
    app_store: AppStore,
    build_window: Callable[..., MainWindow],
    press_in_modal: Callable[..., Any],
    press: Press,
) -> None:
    window = on_learn(build_window(app_store, speech_engine="no-such-engine"))
    notes: list[str] = []

    def try_reading(viewer: QWidget) -> None:
        assert isinstance(viewer, TutorialViewer)
        press(viewer, "tutorialNext")  # skip the question
        press(viewer, "tutorialReadAloud")
        notes.append(viewer.note.text() if viewer.note.isVisible() else "")
        press(viewer, "tutorialStop")

    press_in_modal(try_reading)
    press(window, f"openSuggested-{LESSON}")
    assert "Reading aloud is not available on this computer" in notes[0]


def test_read_aloud_speaks_the_step_with_the_mock_engine(
    qtbot: Any, app_store: AppStore, build_window: Callable[..., MainWindow]
) -> None:
    window = build_window(app_store, speech_engine="mock")
    learning = actions_of(window)._services.learning
    tutorial = learning.tutorial(LESSON)
    assert tutorial is not None
    viewer = TutorialViewer(
        tutorial, learning=learning, speaker=actions_of(window)._machine.speaker
    )
    qtbot.addWidget(viewer)
    viewer.next()  # past the question
    viewer.read_aloud()
    engine = actions_of(window)._machine.speaker.engine
    assert engine is not None
    assert engine.engine() == "mock"
    from PySide6.QtTextToSpeech import QTextToSpeech

    qtbot.waitUntil(lambda: engine.state() != QTextToSpeech.State.Error, timeout=2000)
    assert not viewer.note.isVisible()


@pytest.mark.parametrize(
    "lesson", ["using-lonely-bridge", "joining-zoom", "staying-safe-from-scams"]
)
def test_three_tutorials_fit_at_the_largest_size(
    qtbot: Any,
    qapp: Any,
    app_store: AppStore,
    build_window: Callable[..., MainWindow],
    clipped_widgets: Callable[[QWidget], list[str]],
    lesson: str,
) -> None:
    window = build_window(app_store)
    learning = actions_of(window)._services.learning
    tutorial = learning.tutorial(lesson)
    assert tutorial is not None
    apply_theme(qapp, TextSize.LARGEST)
    viewer = TutorialViewer(
        tutorial, learning=learning, speaker=actions_of(window)._machine.speaker
    )
    qtbot.addWidget(viewer)
    viewer.resize(1000, 760)
    viewer.show()
    qtbot.waitExposed(viewer)
    for _screen in range(len(tutorial.steps) + 3):
        qtbot.wait(5)
        assert clipped_widgets(viewer) == [], viewer.stage
        if not viewer.next_button.isVisible():
            break
        viewer.next()


@pytest.mark.allow_log("lonely_bridge.services.learning", "WARNING")
def test_kind_words_come_once_a_day_and_helpers_can_write_their_own(
    app_store: AppStore, clock: FixedClock, data_dir: Any, build_window: Callable[..., MainWindow]
) -> None:
    from lonely_bridge.domain.reframes import Hesitation

    window = build_window(app_store)
    learning = actions_of(window)._services.learning
    first = learning.reframe_for(Hesitation.DECLINED_CALL)
    assert first
    assert learning.reframe_for(Hesitation.DECLINED_CALL) is None  # once a day
    (data_dir / "reframes.toml").write_text(
        '[[reframe]]\nid = "ours"\nmoments = ["declined_call"]\n'
        'text = "Mum, we love hearing from you, even for a minute."\n',
        encoding="utf-8",
    )
    clock.advance(days=1)
    assert learning.reframe_for(Hesitation.DECLINED_CALL) == (
        "Mum, we love hearing from you, even for a minute."
    )
    (data_dir / "reframes.toml").write_text("this is not = = toml", encoding="utf-8")
    clock.advance(days=1)
    fallback = learning.reframe_for(Hesitation.DECLINED_CALL)
    assert fallback
    assert fallback != "Mum, we love hearing from you, even for a minute."


@pytest.mark.parametrize(
    ("action", "dialog"),
    [
        ("practice-call", "PracticeCallDialog#practiceCallDialog"),
        ("open-camera-check", "DeviceCheckDialog#deviceCheckDialog"),
        ("open-microphone-check", "DeviceCheckDialog#deviceCheckDialog"),
        ("record-contact", "RecordContactDialog#recordContactDialog"),
    ],
)
def test_try_it_opens_the_practice(
    app_store: AppStore,
    anna: Any,
    build_window: Callable[..., MainWindow],
    press_in_modal: Callable[..., Any],
    action: str,
    dialog: str,
) -> None:
    from lonely_bridge.domain.tutorials import Action

    window = build_window(app_store)
    presser = press_in_modal(lambda shown: shown.close())
    actions_of(window).try_it(Action(action))
    assert presser.seen == [dialog]


def test_try_it_can_show_a_page(
    app_store: AppStore, build_window: Callable[..., MainWindow]
) -> None:
    from lonely_bridge.domain.tutorials import Action

    window = build_window(app_store)
    actions_of(window).try_it(Action.OPEN_PEOPLE)
    assert window.stack.currentIndex() == 1
    actions_of(window).try_it(Action.OPEN_TODAY)
    assert window.stack.currentIndex() == 0
