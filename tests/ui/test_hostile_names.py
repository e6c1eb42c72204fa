"""Names are text, never markup: every page, dialog and message shows them literally, no link opens.

A household whose names, relationships, notes, call-link labels, lessons and trusted people
hold HTML, an entity, a bare ``&``, Qt's ``[*]`` title placeholder and a bidi override is
shown on every screen. Every label must be plain text that opens no links, the words must
appear exactly as typed (in labels, buttons, tooltips and window titles), and clicking all
over any label that holds a link must never reach the desktop's URL handlers.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QObject, QPoint, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QTextCursor, QTextDocument
from PySide6.QtGui import Qt as QtGuiFunctions
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from lonely_bridge.app.compose import Edges, build_services, create_reminders
from lonely_bridge.domain.contact import ContactKind
from lonely_bridge.domain.mail_server import Security, SmtpSettings
from lonely_bridge.domain.people import DEFAULT_RHYTHMS, CallLink, Circle, Person
from lonely_bridge.domain.plans import CallPlan
from lonely_bridge.domain.reminders import ReminderKind
from lonely_bridge.domain.settings import OWNER_NAME, TextSize
from lonely_bridge.domain.sharing import MailKind, TrustedPerson
from lonely_bridge.services.app_services import AppServices
from lonely_bridge.storage.stores import Stores
from lonely_bridge.system.photos import import_photo
from lonely_bridge.system.speech import Speaker
from lonely_bridge.ui.dialogs.choose_link import ChooseLinkDialog
from lonely_bridge.ui.dialogs.follow_up import FollowUpDialog
from lonely_bridge.ui.dialogs.import_preview import ImportPreviewDialog
from lonely_bridge.ui.dialogs.person_editor import PersonEditor
from lonely_bridge.ui.dialogs.plan_editor import PlanEditor
from lonely_bridge.ui.dialogs.record_contact import RecordContactDialog
from lonely_bridge.ui.dialogs.sharing import SharingDialog
from lonely_bridge.ui.dialogs.sharing_messages import MessageDialog, PreviewDialog
from lonely_bridge.ui.dialogs.trusted_person_editor import TrustedPersonEditor
from lonely_bridge.ui.dialogs.tutorial_viewer import TutorialViewer
from lonely_bridge.ui.main_window import MainWindow
from lonely_bridge.ui.messages import Messenger
from lonely_bridge.ui.reminder_window import ReminderMode, ReminderWindow
from lonely_bridge.ui.theme import apply_theme
from lonely_bridge.ui.widgets.portrait import Portrait
from tests.doubles import FixedClock, MemorySecrets, RecordingMailer
from tests.plans import call_plan, pending_reminders
from tests.ui.conftest import actions_of, open_helper_tools

# The pieces ---------------------------------------------------------------------------------
LINK = '<a href="smb://evil/x">Anna</a>'
BOLD = "<b>Bold</b>"
PICTURE = "<img src=file:///etc/passwd>"
ENTITY = "&amp;"
RLO = "\u202e"  # RIGHT-TO-LEFT OVERRIDE

# What the household is made of: every piece of user data carries some of them, and a bare
# "&" (a shortcut marker in button words) and "[*]" (a placeholder in window titles).
PERSON = f"{LINK} {ENTITY} Smith"
FRIEND = f"{BOLD} & {RLO}Ben"
# Saved names lose their bidi controls (they would turn the app's sentences around them).
FRIEND_SHOWN = FRIEND.replace(RLO, "")
GROUP = f"{PICTURE} Book club [*]"
PUT_AWAY = f"{LINK} & old friend"
RELATIONSHIP = f"{BOLD} {ENTITY} daughter"
NOTES = f"{PICTURE} {LINK}"
ZOOM_LABEL = f"{LINK} on Zoom {ENTITY}"
PHONE_LABEL = f"{PICTURE} & phone"
GROUP_LABEL = f"{BOLD} & club call"
OWNER = f"{BOLD} & Margaret"
TRUSTED = f"{LINK} & trusted"
LESSON_ID = "hostile-lesson"
LESSON_TITLE = f"{LINK} & lesson"
LESSON_SUMMARY = f"{BOLD} {ENTITY} {RLO}summary"
STEP_TITLE = f"{PICTURE} step"
STEP_TEXT = f"Press {LINK} then {BOLD} {ENTITY}"
STEP_TIP = f"{PICTURE} & {RLO}tip"
IMPORTED = f"{BOLD} & Import {ENTITY}"
BAD_FILE = f"<img src=x> {ENTITY} & list.vcf"

ZOOM = "https://zoom.us/j/85512345678"
PHONE = "tel:+447700900123"
SERVER = SmtpSettings("smtp.example.org", 587, Security.STARTTLS, "margaret", "m@example.org")
HOME = "UTC"
THEIR_ZONE = "America/New_York"
DIALOG_SIZE = (900, 700)
CLICK_STEP_PX = 6
LINK_SCHEMES = ("smb", "file", "http", "https")
UI = Path(__file__).resolve().parents[2] / "lonely_bridge" / "ui"


# Watching the desktop -----------------------------------------------------------------------
class DesktopUrls(QObject):
    """Stands in for the desktop for every scheme a hostile name uses; remembers each URL."""

    def __init__(self) -> None:
        super().__init__()
        self.asked: list[str] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.asked.append(url.toString())


@pytest.fixture
def desktop_urls() -> Iterator[DesktopUrls]:
    catcher = DesktopUrls()
    for scheme in LINK_SCHEMES:
        QDesktopServices.setUrlHandler(scheme, catcher, "open")
    yield catcher
    for scheme in LINK_SCHEMES:
        QDesktopServices.unsetUrlHandler(scheme)


# What a person sees -------------------------------------------------------------------------
def rendered(text: str) -> QTextDocument:
    document = QTextDocument()
    document.setHtml(text)
    return document


def live_markup(document: QTextDocument) -> list[str]:
    """Links and pictures the text turned into."""
    found = []
    cursor = QTextCursor(document)
    for position in range(document.characterCount() - 1):
        cursor.setPosition(position)
        cursor.setPosition(position + 1, QTextCursor.MoveMode.KeepAnchor)
        char = cursor.charFormat()
        if char.isAnchor():
            found.append(f"a link to {char.anchorHref()}")
        if char.isImageFormat():
            found.append(f"a picture from {char.toImageFormat().name()}")
    return sorted(set(found))


def shows_rich_text(text: str, text_format: Qt.TextFormat) -> bool:
    if text_format is Qt.TextFormat.RichText:
        return True
    return text_format is Qt.TextFormat.AutoText and QtGuiFunctions.mightBeRichText(text)


def label_words(widget: QLabel) -> str:
    text = widget.text()
    return rendered(text).toPlainText() if shows_rich_text(text, widget.textFormat()) else text


def button_words(text: str) -> str:
    """A button's words as drawn: "&&" is an "&", and "&x" an underlined "x"."""
    return re.sub("&(.)", r"\1", text, flags=re.DOTALL)


def tooltip_words(tip: str) -> str:
    # A tooltip has no text format of its own: Qt guesses, as AutoText does.
    return rendered(tip).toPlainText() if QtGuiFunctions.mightBeRichText(tip) else tip


def title_words(window: QWidget) -> str:
    handle = window.windowHandle()
    return handle.title() if handle is not None else window.windowTitle()


def in_view(root: QWidget) -> list[QWidget]:
    return [root, *(w for w in root.findChildren(QWidget) if w.isVisibleTo(root))]


def shown_texts(root: QWidget) -> list[str]:
    """Every piece of text a person can see under ``root``, as drawn."""
    texts = [title_words(root)]
    for widget in in_view(root):
        if isinstance(widget, QLabel):
            texts.append(label_words(widget))
        elif isinstance(widget, QAbstractButton):
            texts.append(button_words(widget.text()))
        elif isinstance(widget, QLineEdit):
            texts.append(widget.text())
        elif isinstance(widget, QPlainTextEdit):
            texts.append(widget.toPlainText())
        elif isinstance(widget, QComboBox):
            texts.extend(widget.itemText(index) for index in range(widget.count()))
        if widget.toolTip():
            texts.append(tooltip_words(widget.toolTip()))
    return texts


def markup_problems(root: QWidget) -> list[str]:
    """Labels that are not plain text or offer links, and tooltips that turned into markup."""
    problems = []
    for widget in in_view(root):
        where = f"{type(widget).__name__}#{widget.objectName()}"
        if isinstance(widget, QLabel) and widget.text():
            where += f" {widget.text()[:50]!r}"
            if widget.textFormat() is not Qt.TextFormat.PlainText:
                problems.append(f"{where} is {widget.textFormat().name}, not plain text")
            if widget.openExternalLinks():
                problems.append(f"{where} opens external links")
            if widget.textInteractionFlags() & (
                Qt.TextInteractionFlag.LinksAccessibleByMouse
                | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
            ):
                problems.append(f"{where} lets links be clicked")
        tip = widget.toolTip()
        if tip:
            problems.extend(f"{where}'s tooltip shows {it}" for it in live_markup(rendered(tip)))
            spoken = widget.accessibleDescription()
            if spoken and tooltip_words(tip) != spoken:
                problems.append(f"{where}'s tooltip shows {tooltip_words(tip)!r}, not {spoken!r}")
    return problems


def missing(expected: list[str], texts: list[str]) -> list[str]:
    return [words for words in expected if not any(words in text for text in texts)]


def click_all_over_links(root: QWidget) -> None:
    """Click every few pixels of every label whose text holds a link, as a curious hand might."""
    for widget in in_view(root):
        if not isinstance(widget, QLabel) or "href" not in widget.text():
            continue
        for y in range(2, widget.height(), CLICK_STEP_PX):
            for x in range(2, widget.width(), CLICK_STEP_PX):
                QTest.mouseClick(
                    widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(x, y)
                )


@dataclass
class Sighting:
    """What one dialog showed."""

    dialog: str
    texts: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def look_then(act: Callable[[QWidget], object], seen: list[Sighting]) -> Callable[[QWidget], None]:
    """An act for the modal presser: note what the dialog shows, click over it, then ``act``."""

    def look(dialog: QWidget) -> None:
        QApplication.processEvents()
        seen.append(
            Sighting(
                f"{type(dialog).__name__}#{dialog.objectName()}",
                shown_texts(dialog),
                markup_problems(dialog),
            )
        )
        click_all_over_links(dialog)
        act(dialog)

    return look


def press_worded(words: str) -> Callable[[QWidget], None]:
    """Press the dialog's button whose words, as drawn, are ``words``."""

    def press(dialog: QWidget) -> None:
        found = [
            b
            for b in dialog.findChildren(QAbstractButton)
            if b.isVisible() and button_words(b.text()) == words
        ]
        if not found:
            shown = [button_words(b.text()) for b in dialog.findChildren(QAbstractButton)]
            dialog.close()
            raise LookupError(f"no button {words!r} among {shown}")
        found[0].click()

    return press


def press_named(name: str) -> Callable[[QWidget], None]:
    def press(dialog: QWidget) -> None:
        target = dialog.findChild(QAbstractButton, name)
        if target is None:
            dialog.close()
            raise LookupError(name)
        target.click()

    return press


# The household ------------------------------------------------------------------------------
@dataclass
class Household:
    services: AppServices
    person: Person
    friend: Person
    group: Person
    put_away: Person
    plan: CallPlan
    trusted: TrustedPerson
    contacts_file: Path


LESSON = f"""format = 1
id = "{LESSON_ID}"
title = '{LESSON_TITLE}'
summary = '{LESSON_SUMMARY}'
level = "getting-comfortable"
minutes = 5
topics = ["video-calls"]

[[steps]]
title = '{STEP_TITLE}'
text = '{STEP_TEXT}'
tip = '{STEP_TIP}'

[[steps]]
title = '{LINK}'
text = '{BOLD}'
"""

VCARDS = f"""BEGIN:VCARD
VERSION:3.0
FN:{PERSON}
TEL;TYPE=CELL:+447700900555
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:{IMPORTED}
TEL;TYPE=HOME:+447700900666
END:VCARD
"""


def _person(name: str, *, circle: Circle = Circle.FAMILY, **details: Any) -> Person:
    return Person(None, name, RELATIONSHIP, circle, DEFAULT_RHYTHMS[circle], **details)


@pytest.fixture
def household(app_store: Stores, clock: FixedClock, data_dir: Path, tmp_path: Path) -> Household:
    """The hostile household, saved through the same services the app uses."""
    services = build_services(
        app_store, Edges(clock, mailer=RecordingMailer(), secrets=MemorySecrets()), data_dir
    )
    services.settings.set(OWNER_NAME, OWNER)
    people = services.people
    person = people.save(
        _person(
            PERSON,
            notes=NOTES,
            links=(
                CallLink(None, None, ZOOM_LABEL, ZOOM, "zoom", is_default=True),
                CallLink(None, None, PHONE_LABEL, PHONE, "phone"),
            ),
        )
    )
    friend = people.save(
        _person(FRIEND, circle=Circle.FRIEND, links=(CallLink(None, None, "", PHONE, ""),))
    )
    group = people.save(
        _person(
            GROUP,
            circle=Circle.GROUP,
            is_group=True,
            links=(CallLink(None, None, GROUP_LABEL, "https://meet.jit.si/club", "", True),),
        )
    )
    put_away = people.save(_person(PUT_AWAY))
    assert None not in (person.id, friend.id, group.id, put_away.id)
    people.archive(put_away.id or 0)
    for who, kind in ((person, ContactKind.VISIT), (friend, ContactKind.PHONE_CALL)):
        services.contacts.record(who.id or 0, kind, when=clock.now() - timedelta(days=2))
    plan = services.plans.save(
        call_plan(
            None, person.id or 0, person.links[0].id, "FREQ=WEEKLY;BYDAY=FR", time(16, 0),
            THEIR_ZONE, date(2026, 11, 1),
        )
    )  # fmt: skip
    alerts = services.alerts
    alerts.save_smtp_settings(SERVER, password="Plum-Kettle-7391")
    trusted = alerts.save_person(TrustedPerson(None, TRUSTED, "anna@example.org"))
    lessons = data_dir / "tutorials"
    lessons.mkdir(exist_ok=True)
    (lessons / f"{LESSON_ID}.toml").write_text(LESSON, encoding="utf-8")
    contacts_file = tmp_path / "phone.vcf"
    contacts_file.write_text(VCARDS, encoding="utf-8")
    return Household(services, person, friend, group, put_away, plan, trusted, contacts_file)


@pytest.fixture
def hostile_window(
    household: Household,
    app_store: Stores,
    build_window: Callable[..., MainWindow],
    recording_opener: Any,
) -> MainWindow:
    return build_window(
        app_store,
        opener=recording_opener,
        messenger=Messenger(windows=True),
        choose_contacts_file=lambda _parent: household.contacts_file,
    )


def check_shown(root: QWidget, expected: list[str], urls: DesktopUrls) -> None:
    assert markup_problems(root) == []
    assert missing(expected, shown_texts(root)) == []
    click_all_over_links(root)
    assert urls.asked == []


# The shared mechanisms ----------------------------------------------------------------------
MESSAGE_TITLE = f"Delete {PERSON} for good? [*]"
MESSAGE_TEXT = f"{FRIEND} and {GROUP} will be removed. {PICTURE} {ENTITY}\n\n{LINK}"
YES = f"Delete {LINK} & all"
NO = f"Keep {BOLD} & {ENTITY}"


@pytest.mark.parametrize("kind", ["ask", "inform", "error"])
@pytest.mark.allow_log("lonely_bridge.ui.messages", "ERROR")
def test_message_boxes_show_hostile_words_as_plain_text_and_open_nothing(
    qtbot: QtBot, press_in_modal: Callable[..., Any], desktop_urls: DesktopUrls, kind: str
) -> None:
    seen: list[Sighting] = []
    messenger = Messenger(windows=True)
    if kind == "ask":
        press_in_modal(look_then(press_worded(NO), seen))
        assert not messenger.ask(None, MESSAGE_TITLE, MESSAGE_TEXT, yes=YES, no=NO, topic="hostile")
        expected = [YES, NO]
    else:
        press_in_modal(look_then(press_worded("OK"), seen))
        show = messenger.inform if kind == "inform" else messenger.error
        show(None, MESSAGE_TITLE, MESSAGE_TEXT, topic="hostile")
        expected = ["OK"]
    [box] = seen
    assert box.dialog == "QMessageBox#messageBox"
    assert box.problems == []
    # The title is the window's title and the box's heading, word for word.
    assert box.texts.count(MESSAGE_TITLE) == 2
    assert MESSAGE_TEXT in box.texts
    assert missing(expected, box.texts) == []
    assert desktop_urls.asked == []


def test_the_message_box_title_is_still_a_large_bold_heading(
    qtbot: QtBot, qapp: QApplication, bundled_fonts: bool, press_in_modal: Callable[..., Any]
) -> None:
    """Plain text lost the title's <b>: the theme's heading look makes up for it."""
    apply_theme(qapp, TextSize.LARGE)
    sizes: list[tuple[bool, int, int]] = []

    def measure(dialog: QWidget) -> None:
        heading = dialog.findChild(QLabel, "qt_msgbox_label")
        text = dialog.findChild(QLabel, "qt_msgbox_informativelabel")
        assert heading is not None
        assert text is not None
        sizes.append(
            (heading.font().bold(), heading.fontInfo().pointSize(), text.fontInfo().pointSize())
        )
        press_worded("OK")(dialog)

    press_in_modal(measure)
    Messenger(windows=True).inform(None, MESSAGE_TITLE, MESSAGE_TEXT, topic="hostile")
    [(bold, heading_pt, text_pt)] = sizes
    assert bold
    assert heading_pt > text_pt >= TextSize.LARGE.points


def test_undo_bar_shows_hostile_words_as_text(
    qtbot: QtBot, hostile_window: MainWindow, desktop_urls: DesktopUrls
) -> None:
    hostile_window.undo_bar.offer(MESSAGE_TEXT, lambda: None)
    check_shown(hostile_window.undo_bar, [MESSAGE_TEXT], desktop_urls)


# Every page ---------------------------------------------------------------------------------
PAGES = {
    0: [f"Good afternoon, {OWNER}", PERSON, FRIEND_SHOWN, GROUP, RELATIONSHIP, ZOOM_LABEL],
    1: [PERSON, FRIEND_SHOWN, GROUP, RELATIONSHIP, ZOOM_LABEL, GROUP_LABEL],
    2: [LESSON_TITLE, LESSON_SUMMARY],
    3: [f"{PERSON}: ", f"{FRIEND_SHOWN}: ", f"Call {GROUP}"],
}


@pytest.mark.parametrize("page", list(PAGES), ids=["today", "people", "learn", "my-week"])
def test_every_page_shows_hostile_names_as_text(
    qtbot: QtBot, hostile_window: MainWindow, desktop_urls: DesktopUrls, page: int
) -> None:
    hostile_window.show_page(page)
    QApplication.processEvents()
    check_shown(hostile_window, PAGES[page], desktop_urls)


def test_the_helper_tools_show_hostile_names_as_text(
    qtbot: QtBot, hostile_window: MainWindow, desktop_urls: DesktopUrls
) -> None:
    page = open_helper_tools(hostile_window)
    check_shown(page, [PERSON, FRIEND_SHOWN, GROUP, PUT_AWAY, RELATIONSHIP], desktop_urls)


def test_a_call_button_says_its_link_and_name_literally(
    qtbot: QtBot, hostile_window: MainWindow, household: Household
) -> None:
    hostile_window.show_page(1)
    QApplication.processEvents()
    person = household.person
    [call] = [
        b
        for b in hostile_window.findChildren(QPushButton, f"callButton{person.id}")
        if b.isVisible()
    ]
    assert button_words(call.text()) == f"Call {PERSON}"
    assert call.accessibleName() == f"Call {PERSON}"
    assert tooltip_words(call.toolTip()) == ZOOM_LABEL
    # A name's "&" is a letter, not a keyboard shortcut.
    assert call.shortcut().isEmpty()


# Every dialog -------------------------------------------------------------------------------
def _dialogs(household: Household) -> Iterator[tuple[str, QWidget, list[str]]]:
    services = household.services
    people = services.overview.people()
    person_extras = [ZOOM_LABEL, PHONE_LABEL, NOTES, f"Put {PERSON} away"]
    for who in (household.person, household.friend, household.group):
        expected = [f"Change {who.name}'s details", who.name, RELATIONSHIP]
        if who is household.person:
            expected += person_extras
        editor = PersonEditor(
            who, people=services.people, photos_dir=Path("unused"), import_photo=import_photo
        )
        yield f"person editor {who.name}", editor, expected
    yield (
        "choose link",
        ChooseLinkDialog(household.person),
        [f"How would you like to call {PERSON}?", ZOOM_LABEL, PHONE_LABEL],
    )
    yield "record contact", RecordContactDialog(people), [PERSON, FRIEND_SHOWN, GROUP]
    for who in (household.person, household.friend, household.group):
        yield (
            f"follow-up {who.name}",
            FollowUpDialog(who.name),
            [f"Did you get to talk with {who.name}?"],
        )
    yield (
        "import preview",
        ImportPreviewDialog(services.importer.preview(household.contacts_file)),
        [PERSON, IMPORTED, f"Probably already here as {PERSON}."],
    )
    yield (
        "plan editor",
        PlanEditor(
            household.plan,
            people=people,
            plans=services.plans,
            home_zone=HOME,
            today=services.overview.now().date(),
        ),
        [PERSON, ZOOM_LABEL],
    )
    sharing = SharingDialog(services, messenger=Messenger(windows=False), home_zone="UTC")
    yield "sharing", sharing, [TRUSTED, f"Change what {TRUSTED} hears"]
    yield (
        "trusted person",
        TrustedPersonEditor(household.trusted, alerts=services.alerts),
        [TRUSTED],
    )
    yield (
        "preview",
        PreviewDialog(services.alerts, household.trusted, sharing.summary()),
        [
            f"This is exactly what {TRUSTED} would receive if you send it now.",
            f"To: {TRUSTED} (anna@example.org)",
            OWNER,
        ],
    )
    assert services.alerts.queue(sharing.summary(), household.trusted, MailKind.BY_HAND)
    [entry] = services.alerts.waiting()
    yield "message", MessageDialog(entry), [f"The message to {TRUSTED}", OWNER]
    yield (
        "sent log",
        SharingDialog(services, messenger=Messenger(windows=False), home_zone="UTC"),
        [f"To {TRUSTED} (anna@example.org)"],
    )
    yield (
        "missed reminder",
        ReminderWindow(
            household.person,
            headline=f"You had a call with {PERSON} yesterday",
            detail="Would you like to call now?",
            photos_dir=None,
            mode=ReminderMode.MISSED,
        ),
        [f"You had a call with {PERSON} yesterday"],
    )


def test_every_dialog_shows_hostile_names_as_text(
    qtbot: QtBot, household: Household, desktop_urls: DesktopUrls
) -> None:
    failures: dict[str, list[str]] = {}
    for name, dialog, expected in _dialogs(household):
        qtbot.addWidget(dialog)
        dialog.resize(*DIALOG_SIZE)
        dialog.show()
        qtbot.waitExposed(dialog)
        problems = markup_problems(dialog)
        problems += [f"{words!r} not shown" for words in missing(expected, shown_texts(dialog))]
        click_all_over_links(dialog)
        if problems:
            failures[name] = problems
        dialog.close()
    assert failures == {}
    assert desktop_urls.asked == []


def test_a_hostile_lesson_shows_as_text_at_every_step(
    qtbot: QtBot, household: Household, desktop_urls: DesktopUrls
) -> None:
    learning = household.services.learning
    lesson = learning.tutorial(LESSON_ID)
    assert lesson is not None
    viewer = TutorialViewer(lesson, learning=learning, speaker=Speaker(engine="mock"))
    qtbot.addWidget(viewer)
    viewer.resize(*DIALOG_SIZE)
    viewer.show()
    qtbot.waitExposed(viewer)
    seen: list[str] = []
    for _stage in range(5):
        assert markup_problems(viewer) == []
        seen += shown_texts(viewer)
        click_all_over_links(viewer)
        viewer.next()
        QApplication.processEvents()
    assert missing([LESSON_TITLE, STEP_TITLE, STEP_TEXT, STEP_TIP, LINK, BOLD], seen) == []
    assert f"You have finished “{LESSON_TITLE}”. You can come back to it any time." in seen
    assert desktop_urls.asked == []


def test_reminder_windows_show_hostile_names_as_text(
    qtbot: QtBot, household: Household, clock: FixedClock, data_dir: Path, desktop_urls: DesktopUrls
) -> None:
    services = household.services
    controller = create_reminders(
        services,
        clock=clock,
        messenger=Messenger(windows=False),
        data_dir=data_dir,
        home_zone=HOME,
        speech_engine="mock",
    )
    controller.rebuild()
    headlines = {
        ReminderKind.HEADS_UP: f"In 10 minutes: your call with {PERSON}",
        ReminderKind.START: f"It's time to call {PERSON}",
    }
    for kind, headline in headlines.items():
        reminder = next(r for r in pending_reminders(services.plans) if r.kind is kind)
        clock.set(max(clock.now(), reminder.fire_at))
        with qtbot.waitSignal(controller.shown) as shown:
            controller._scheduler.due.emit(reminder.job_id, reminder)
        window = shown.args[0]
        qtbot.addWidget(window)
        qtbot.waitExposed(window)
        check_shown(window, [headline], desktop_urls)
        assert title_words(window) == headline
        window.close()


# Every question the app asks ----------------------------------------------------------------
def test_deleting_someone_for_good_asks_with_their_name_as_text(
    qtbot: QtBot,
    hostile_window: MainWindow,
    household: Household,
    press: Callable[[QWidget, str], None],
    press_in_modal: Callable[..., Any],
    desktop_urls: DesktopUrls,
) -> None:
    open_helper_tools(hostile_window)
    seen: list[Sighting] = []
    press_in_modal(look_then(press_worded(f"Keep {PUT_AWAY}"), seen))
    press(hostile_window, f"deletePerson{household.put_away.id}")
    [box] = seen
    assert box.problems == []
    question = [
        f"Delete {PUT_AWAY} for good?",
        f"{PUT_AWAY} and all of their history will be removed",
        "Delete for good",
    ]
    assert missing(question, box.texts) == []
    assert desktop_urls.asked == []
    assert household.services.people.archived() != []


def test_stopping_regular_calls_asks_with_the_name_as_text(
    qtbot: QtBot,
    hostile_window: MainWindow,
    household: Household,
    press: Callable[[QWidget, str], None],
    press_in_modal: Callable[..., Any],
    desktop_urls: DesktopUrls,
) -> None:
    open_helper_tools(hostile_window)
    seen: list[Sighting] = []
    press_in_modal(look_then(press_worded("Keep them"), seen))
    press(hostile_window, f"stopPlan{household.plan.id}")
    [box] = seen
    assert box.problems == []
    assert missing([f"Stop the regular calls with {PERSON}?"], box.texts) == []
    assert desktop_urls.asked == []


@pytest.mark.parametrize("who", ["person", "friend", "group"])
def test_did_you_get_to_talk_asks_with_the_name_as_text(
    qtbot: QtBot,
    hostile_window: MainWindow,
    household: Household,
    clock: FixedClock,
    press_in_modal: Callable[..., Any],
    desktop_urls: DesktopUrls,
    who: str,
) -> None:
    person: Person = getattr(household, who)
    actions_of(hostile_window).call(person.id or 0)
    assert missing([f"Opening your call with {person.name}."], shown_texts(hostile_window)) == []
    clock.advance(minutes=30)
    seen: list[Sighting] = []
    press_in_modal(look_then(press_named("followUpYes"), seen))
    actions_of(hostile_window).check_follow_up()
    [dialog] = seen
    assert dialog.dialog == "FollowUpDialog#followUpDialog"
    assert dialog.problems == []
    question = f"Did you get to talk with {person.name}?"
    assert dialog.texts.count(question) == 2  # the window's title and its words
    check_shown(hostile_window.undo_bar, [f"with {person.name}."], desktop_urls)


def test_the_import_preview_and_its_result_show_names_as_text(
    qtbot: QtBot,
    hostile_window: MainWindow,
    press: Callable[[QWidget, str], None],
    press_in_modal: Callable[..., Any],
    desktop_urls: DesktopUrls,
) -> None:
    open_helper_tools(hostile_window)
    seen: list[Sighting] = []
    press_in_modal(look_then(press_named("importAdd"), seen))
    press(hostile_window, "importContacts")
    [preview] = seen
    assert preview.problems == []
    assert missing([PERSON, IMPORTED], preview.texts) == []
    check_shown(hostile_window, [f"Added {IMPORTED}.", IMPORTED], desktop_urls)


@pytest.mark.allow_log("lonely_bridge.ui.messages", "ERROR")
def test_a_file_with_a_hostile_name_is_explained_as_text(
    qtbot: QtBot,
    household: Household,
    app_store: Stores,
    build_window: Callable[..., MainWindow],
    press: Callable[[QWidget, str], None],
    press_in_modal: Callable[..., Any],
    desktop_urls: DesktopUrls,
    tmp_path: Path,
) -> None:
    window = build_window(
        app_store,
        messenger=Messenger(windows=True),
        choose_contacts_file=lambda _parent: tmp_path / BAD_FILE,
    )
    open_helper_tools(window)
    seen: list[Sighting] = []
    press_in_modal(look_then(press_worded("OK"), seen))
    press(window, "importContacts")
    [box] = seen
    assert box.problems == []
    assert missing([f"{BAD_FILE}: ", "That file could not be opened"], box.texts) == []
    assert desktop_urls.asked == []


def test_sharing_questions_show_names_and_subjects_as_text(
    qtbot: QtBot,
    household: Household,
    press: Callable[[QWidget, str], None],
    press_in_modal: Callable[..., Any],
    desktop_urls: DesktopUrls,
) -> None:
    services = household.services
    dialog = SharingDialog(services, messenger=Messenger(windows=True), home_zone="UTC")
    qtbot.addWidget(dialog)
    dialog.resize(*DIALOG_SIZE)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert services.alerts.queue(dialog.summary(), household.trusted, MailKind.BY_HAND)
    dialog.refresh()
    [entry] = services.alerts.waiting()
    seen: list[Sighting] = []
    press_in_modal(look_then(press_worded("Keep it"), seen))
    press(dialog, f"sentWithdraw{entry.id}")
    press_in_modal(look_then(press_worded("Keep sharing"), seen))
    press(dialog, f"trustedStop{household.trusted.id}")
    withdraw, stop = seen
    assert withdraw.problems == stop.problems == []
    not_sent = f"The message “{entry.subject}” to {TRUSTED} will not be sent."
    assert missing([not_sent], withdraw.texts) == []
    assert (
        missing([f"Stop sharing with {TRUSTED}?", f"{TRUSTED} will get no more"], stop.texts) == []
    )
    assert desktop_urls.asked == []


# The rule, where it is kept -----------------------------------------------------------------
def _calls(tree: ast.AST, name: str) -> Iterator[ast.Call]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if called == name:
                yield node


def test_text_reaches_the_screen_only_through_the_plain_text_helpers() -> None:
    """Labels with words, tooltips and message boxes are made in one place each, plain."""
    keepers = {
        "QLabel": {"widgets/controls.py"},
        "setToolTip": {"widgets/controls.py"},
        "QMessageBox": {"messages.py"},
    }
    offenders = []
    for path in sorted(UI.rglob("*.py")):
        where = str(path.relative_to(UI))
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for name, allowed in keepers.items():
            for call in _calls(tree, name):
                words_given = name != "QLabel" or call.args or call.keywords
                if words_given and where not in allowed:
                    offenders.append(f"{where}:{call.lineno} {name}")
        for call in _calls(tree, "setTextFormat"):
            if "PlainText" not in ast.unparse(call):
                offenders.append(f"{where}:{call.lineno} setTextFormat")
        for call in _calls(tree, "setOpenExternalLinks"):
            if ast.unparse(call.args[0]) != "False":
                offenders.append(f"{where}:{call.lineno} setOpenExternalLinks")
    assert offenders == []


def _light_pixels_in_the_middle(portrait: Portrait) -> int:
    image = portrait.grab().toImage()
    side = portrait.width()
    middle = range(side * 3 // 10, side * 7 // 10)
    return sum(1 for x in middle for y in middle if image.pixelColor(x, y).lightness() > 200)


@pytest.mark.parametrize("name", [f"{RLO}Ben", f"\u200b{RLO} Ben", PERSON])
def test_a_portrait_always_shows_a_visible_initial(qtbot: QtBot, name: str) -> None:
    """An invisible control character first in a name must not leave the circle blank."""
    portrait = Portrait(name, None, diameter=96)
    qtbot.addWidget(portrait)
    portrait.show()
    qtbot.waitExposed(portrait)
    assert _light_pixels_in_the_middle(portrait) > 0
