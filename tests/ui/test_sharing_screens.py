"""Sharing with family: adding someone, exact previews, sending, stopping, the log, e-mail setup."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCheckBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)
from pytestqt.qtbot import QtBot

from lonely_bridge.app.compose import Edges, build_services
from lonely_bridge.domain.errors import MailServerUnreachable, SecretsUnavailable
from lonely_bridge.domain.mail_server import Security, SmtpSettings
from lonely_bridge.domain.settings import OWNER_NAME, TextSize
from lonely_bridge.domain.sharing import MailKind, ShareableSummary, Topic, TrustedPerson
from lonely_bridge.services.alerts import AlertService
from lonely_bridge.services.app_services import AppServices
from lonely_bridge.storage.stores import Stores
from lonely_bridge.ui.dialogs.email_settings import EmailSettingsDialog
from lonely_bridge.ui.dialogs.sharing import SharingDialog
from lonely_bridge.ui.dialogs.sharing_messages import MessageDialog, PreviewDialog
from lonely_bridge.ui.dialogs.trusted_person_editor import TrustedPersonEditor
from lonely_bridge.ui.messages import Messenger
from lonely_bridge.ui.theme import apply_theme
from lonely_bridge.wording.time import long_date
from tests.doubles import FixedClock, MemorySecrets, RecordingMailer

# Far from UTC: the sent log must tell its times here, whatever the computer says.
HOME_ZONE = "Pacific/Auckland"
PASSWORD = "Plum-Kettle-7391"
SERVER = SmtpSettings(
    "smtp.example.org", 587, Security.STARTTLS, "margaret", "margaret@example.org"
)
DIALOG_SIZE = (900, 700)
Press = Callable[[QWidget, str], None]


class AnsweringMessenger(Messenger):
    """Answers every question with ``answer`` and remembers what was asked."""

    def __init__(self) -> None:
        super().__init__(windows=False)
        self.answer = True
        self.asked: list[str] = []

    def ask(self, parent: QWidget | None, title: str, text: str, **options: Any) -> bool:
        self.asked.append(title)
        return self.answer


@pytest.fixture
def mailer() -> RecordingMailer:
    return RecordingMailer()


@pytest.fixture
def secrets() -> MemorySecrets:
    return MemorySecrets()


@pytest.fixture
def services(
    app_store: Stores,
    clock: FixedClock,
    data_dir: Path,
    mailer: RecordingMailer,
    secrets: MemorySecrets,
) -> AppServices:
    built = build_services(app_store, Edges(clock, mailer=mailer, secrets=secrets), data_dir)
    built.settings.set(OWNER_NAME, "Margaret")
    return built


@pytest.fixture
def alerts(services: AppServices) -> AlertService:
    return services.alerts


@pytest.fixture
def messenger() -> AnsweringMessenger:
    return AnsweringMessenger()


@pytest.fixture
def anna(alerts: AlertService) -> TrustedPerson:
    alerts.save_smtp_settings(SERVER, password=PASSWORD)
    return alerts.save_person(TrustedPerson(None, "Anna", "anna@example.org"))


@pytest.fixture
def open_sharing(
    qtbot: QtBot, services: AppServices, messenger: AnsweringMessenger
) -> Callable[[], SharingDialog]:
    def open_() -> SharingDialog:
        dialog = SharingDialog(services, messenger=messenger, home_zone=HOME_ZONE)
        qtbot.addWidget(dialog)
        dialog.resize(*DIALOG_SIZE)
        dialog.show()
        qtbot.waitExposed(dialog)
        return dialog

    return open_


def type_into(root: QWidget, name: str, text: str) -> None:
    edit = root.findChild(QLineEdit, name)
    assert edit is not None, f"no field {name}"
    edit.setText(text)


def shown_text(root: QWidget, name: str) -> str:
    QApplication.processEvents()  # widgets added to a shown dialog appear on the next turn
    found = [w for w in root.findChildren(QLabel, name) if w.isVisibleTo(root)]
    assert found, f"no label {name}"
    return found[-1].text()


def all_shown_text(root: QWidget) -> str:
    QApplication.processEvents()
    return "\n".join(w.text() for w in root.findChildren(QLabel) if w.isVisibleTo(root))


def tick(root: QWidget, topic: Topic, on: bool) -> None:
    box = root.findChild(QCheckBox, f"trustedTopic_{topic.value}")
    assert box is not None
    box.setChecked(on)


# Trusted people --------------------------------------------------------------------------
def test_a_new_person_starts_with_only_the_gentlest_sharing(
    qtbot: QtBot, alerts: AlertService
) -> None:
    editor = TrustedPersonEditor(None, alerts=alerts)
    qtbot.addWidget(editor)
    boxes = {topic: editor.findChild(QCheckBox, f"trustedTopic_{topic.value}") for topic in Topic}
    ticked = {topic for topic, box in boxes.items() if box is not None and box.isChecked()}
    assert ticked == {Topic.LEVEL}
    draft = editor.draft()
    assert (draft.share_level_changes, draft.share_weekly) == (True, False)


def test_add_a_trusted_person_through_the_editor(
    qtbot: QtBot,
    press: Press,
    press_in_modal: Callable[..., Any],
    open_sharing: Callable[[], SharingDialog],
    alerts: AlertService,
) -> None:
    dialog = open_sharing()
    assert "Nobody yet" in shown_text(dialog, "sharingNobody")
    notes: list[str] = []

    def fill(editor: QWidget) -> None:
        type_into(editor, "trustedNameEdit", "  Anna  Smith ")
        type_into(editor, "trustedEmailEdit", "anna at example")
        press(editor, "trustedSave")
        notes.append(shown_text(editor, "trustedPersonEditorNote"))
        type_into(editor, "trustedEmailEdit", "anna@example.org")
        tick(editor, Topic.NEXT_CALL, True)
        press(editor, "trustedWhen2")  # both: when things get quiet, and every week
        press(editor, "trustedSave")

    press_in_modal(fill)
    press(dialog, "sharingAdd")

    assert notes == [
        "“anna at example” does not look like an e-mail address. It needs an @ between the "
        "name and the provider, like anna@example.org. "
        "Nothing has been saved yet; your typing is still there."
    ]
    [anna] = alerts.trusted_people()
    assert (anna.name, anna.email) == ("Anna Smith", "anna@example.org")
    assert anna.allowed == {Topic.LEVEL, Topic.NEXT_CALL}
    assert (anna.share_level_changes, anna.share_weekly) == (True, True)
    assert shown_text(dialog, f"trustedName{anna.id}") == "Anna Smith"
    assert shown_text(dialog, f"trustedSees{anna.id}") == (
        "They may see:\n• How things are, in a few words\n• Their next planned call"
    )
    assert "Added Anna Smith." in shown_text(dialog, "sharingDialogNote")


# Previews and sending --------------------------------------------------------------------
def test_preview_shows_exactly_what_send_it_now_queues(
    qtbot: QtBot,
    press: Press,
    press_in_modal: Callable[..., Any],
    open_sharing: Callable[[], SharingDialog],
    alerts: AlertService,
    anna: TrustedPerson,
) -> None:
    dialog = open_sharing()
    seen: dict[str, str] = {}

    def send(preview: QWidget) -> None:
        seen["body"] = shown_text(preview, "messageBody")
        seen["subject"] = shown_text(preview, "messageSubject")
        press(preview, "previewSend")
        seen["note"] = shown_text(preview, "previewDialogNote")
        send_button = preview.findChild(QPushButton, "previewSend")
        assert send_button is not None
        seen["can_send_again"] = str(send_button.isEnabled())
        press(preview, "previewClose")

    press_in_modal(send)
    press(dialog, f"trustedPreview{anna.id}")

    [queued] = alerts.waiting()
    assert queued.kind is MailKind.BY_HAND
    assert queued.body == seen["body"]
    assert seen["subject"] == f"Subject: {queued.subject}"
    assert "Dear Anna," in queued.body
    assert "How things are: Margaret" in queued.body  # her level, told about her
    assert "when this computer is online" in seen["note"]
    assert seen["can_send_again"] == "False"
    assert shown_text(dialog, f"sentStatus{queued.id}") == "Waiting to be sent"


def test_preview_of_an_automatic_message_cannot_be_sent_by_hand(
    qtbot: QtBot, alerts: AlertService, anna: TrustedPerson, press: Press
) -> None:
    summary = ShareableSummary(level_words="Margaret is keeping in touch as usual.")
    preview = PreviewDialog(alerts, anna, summary)
    qtbot.addWidget(preview)
    preview.show()
    press(preview, f"previewKind_{MailKind.LEVEL.value}")
    assert "would love to hear from you" in shown_text(preview, "messageSubject")
    send_button = preview.findChild(QPushButton, "previewSend")
    assert send_button is not None
    assert send_button.isHidden()
    assert preview.findChild(QPushButton, f"previewKind_{MailKind.WEEKLY.value}") is None


def test_without_email_set_up_nothing_is_queued_and_it_says_why(
    qtbot: QtBot, alerts: AlertService, press: Press
) -> None:
    person = alerts.save_person(TrustedPerson(None, "Tom", "tom@example.org"))
    preview = PreviewDialog(alerts, person, ShareableSummary(level_words="All is fine."))
    qtbot.addWidget(preview)
    preview.show()
    press(preview, "previewSend")
    assert "E-mail has not been set up on this computer yet." in shown_text(
        preview, "previewDialogNote"
    )
    assert alerts.waiting() == []


# Stopping --------------------------------------------------------------------------------
def test_stop_sharing_asks_first_and_withdraws_unsent_messages(
    press: Press,
    open_sharing: Callable[[], SharingDialog],
    alerts: AlertService,
    anna: TrustedPerson,
    messenger: AnsweringMessenger,
) -> None:
    summary = ShareableSummary(level_words="Margaret is keeping in touch as usual.")
    assert alerts.queue(summary, anna, MailKind.BY_HAND)
    dialog = open_sharing()

    messenger.answer = False
    press(dialog, f"trustedStop{anna.id}")
    assert messenger.asked == ["Stop sharing with Anna?"]
    assert [p.name for p in alerts.trusted_people()] == ["Anna"]
    assert len(alerts.waiting()) == 1

    messenger.answer = True
    press(dialog, f"trustedStop{anna.id}")
    assert alerts.trusted_people() == []
    assert alerts.waiting() == []
    assert shown_text(dialog, "sharingDialogNote") == (
        "You stopped sharing with Anna. A message that had not gone yet will not be sent."
    )
    assert shown_text(dialog, "sentLogEmpty") == "Nothing has been sent yet."


# The log ---------------------------------------------------------------------------------
def test_the_sent_log_lists_a_delivered_message_word_for_word(
    qtbot: QtBot,
    press: Press,
    press_in_modal: Callable[..., Any],
    open_sharing: Callable[[], SharingDialog],
    alerts: AlertService,
    anna: TrustedPerson,
    mailer: RecordingMailer,
    clock: FixedClock,
) -> None:
    summary = ShareableSummary(level_words="Margaret is keeping in touch as usual.")
    assert alerts.queue(summary, anna, MailKind.BY_HAND)
    report = alerts.deliver_due()
    [mail] = mailer.sent
    [entry] = report.sent
    dialog = open_sharing()

    # Told in the home zone the app was given, not the computer's: it is tomorrow there.
    sent = clock.now().astimezone(ZoneInfo(HOME_ZONE))
    assert sent.date() > clock.now().date()
    day = long_date(sent.date())
    assert shown_text(dialog, f"sentSubject{entry.id}") == mail.subject == "A note from Margaret"
    assert shown_text(dialog, f"sentTo{entry.id}") == "To Anna (anna@example.org)"
    assert shown_text(dialog, f"sentWhen{entry.id}").startswith(f"Sent on {day} at ")
    assert not dialog.findChildren(QLabel, f"sentStatus{entry.id}")  # "Sent on" says it
    assert shown_text(dialog, f"sentKind{entry.id}") == "A note you chose to send"
    assert not dialog.findChildren(QPushButton, f"sentWithdraw{entry.id}")

    read: list[str] = []

    def read_it(message: QWidget) -> None:
        read.append(shown_text(message, "messageBody"))
        press(message, "messageClose")

    press_in_modal(read_it)
    press(dialog, f"sentRead{entry.id}")
    assert read == [mail.body]


def test_a_waiting_message_can_be_held_back_after_asking(
    press: Press,
    open_sharing: Callable[[], SharingDialog],
    alerts: AlertService,
    anna: TrustedPerson,
    messenger: AnsweringMessenger,
) -> None:
    summary = ShareableSummary(level_words="Margaret is keeping in touch as usual.")
    assert alerts.queue(summary, anna, MailKind.BY_HAND)
    [entry] = alerts.waiting()
    dialog = open_sharing()
    press(dialog, f"sentWithdraw{entry.id}")
    assert messenger.asked == ["Don't send this message?"]
    assert alerts.waiting() == []
    assert shown_text(dialog, "sharingDialogNote") == "The message to Anna will not be sent."


# E-mail settings -------------------------------------------------------------------------
def fill_settings(dialog: QWidget, *, password: str = PASSWORD) -> None:
    type_into(dialog, "smtpHostEdit", "smtp.example.org")
    type_into(dialog, "smtpUserEdit", "margaret")
    type_into(dialog, "smtpFromEdit", "margaret@example.org")
    type_into(dialog, "smtpPasswordEdit", password)


def test_saving_email_settings_puts_the_password_only_in_the_secret_store(
    qtbot: QtBot,
    press: Press,
    press_in_modal: Callable[..., Any],
    open_sharing: Callable[[], SharingDialog],
    alerts: AlertService,
    secrets: MemorySecrets,
    data_dir: Path,
) -> None:
    dialog = open_sharing()
    echo: list[QLineEdit.EchoMode] = []

    def fill(settings: QWidget) -> None:
        password = settings.findChild(QLineEdit, "smtpPasswordEdit")
        assert password is not None
        echo.append(password.echoMode())
        fill_settings(settings)
        press(settings, "smtpSecurity_tls")
        press(settings, "smtpSave")

    press_in_modal(fill)
    press(dialog, "sharingEmailSettings")

    assert echo == [QLineEdit.EchoMode.Password]
    assert alerts.smtp_settings() == SmtpSettings(
        "smtp.example.org", 465, Security.TLS, "margaret", "margaret@example.org"
    )
    assert secrets.password == PASSWORD
    files = [path for path in data_dir.rglob("*") if path.is_file()]
    assert any(path.suffix == ".sqlite3" or "db" in path.name for path in files)
    for path in files:
        assert PASSWORD.encode() not in path.read_bytes(), path
    assert "messages go out from margaret@example.org" in shown_text(dialog, "sharingEmailStatus")


def test_check_the_connection_says_in_plain_words_how_it_went(
    qtbot: QtBot, press: Press, alerts: AlertService, mailer: RecordingMailer
) -> None:
    settings = EmailSettingsDialog(alerts, messenger=AnsweringMessenger())
    qtbot.addWidget(settings)
    settings.show()
    fill_settings(settings)
    press(settings, "smtpCheck")
    qtbot.waitUntil(lambda: "It works" in settings.note.text(), timeout=5000)
    assert mailer.sent == []

    mailer.failure = MailServerUnreachable(host="smtp.example.org", reason="timeout")
    press(settings, "smtpCheck")
    qtbot.waitUntil(lambda: "did not work" in settings.note.text(), timeout=5000)
    assert "could not reach the e-mail server smtp.example.org" in settings.note.text()


def test_turn_off_email_asks_then_forgets_settings_and_password(
    qtbot: QtBot, press: Press, alerts: AlertService, anna: TrustedPerson, secrets: MemorySecrets
) -> None:
    messenger = AnsweringMessenger()
    settings = EmailSettingsDialog(alerts, messenger=messenger)
    qtbot.addWidget(settings)
    settings.show()
    assert settings.findChild(QLineEdit, "smtpHostEdit").text() == "smtp.example.org"  # type: ignore[union-attr]
    press(settings, "smtpTurnOff")
    assert messenger.asked == ["Turn off e-mail?"]
    assert alerts.smtp_settings() is None
    assert secrets.password is None


def test_without_a_password_keeper_it_says_so_and_carries_on_without_email(
    qtbot: QtBot,
    press: Press,
    press_in_modal: Callable[..., Any],
    open_sharing: Callable[[], SharingDialog],
    alerts: AlertService,
    secrets: MemorySecrets,
) -> None:
    secrets.available = False
    dialog = open_sharing()
    seen: list[str] = []

    def fill(settings: QWidget) -> None:
        fill_settings(settings)
        press(settings, "smtpSave")
        seen.append(all_shown_text(settings))
        press(settings, "smtpContinueWithout")

    press_in_modal(fill)
    press(dialog, "sharingEmailSettings")

    [text] = seen
    assert "There is no safe place for the e-mail password" in text
    assert "This computer has no password keeper that Lonely Bridge can use." in text
    assert "You can carry on without e-mail alerts" in text
    assert alerts.smtp_settings() is None
    assert "E-mail is not set up on this computer yet" in shown_text(dialog, "sharingEmailStatus")


# Layout and accessibility ----------------------------------------------------------------
def _every_sharing_dialog(
    services: AppServices, alerts: AlertService, person: TrustedPerson
) -> Iterator[tuple[str, QWidget]]:
    yield "sharing", SharingDialog(services, messenger=AnsweringMessenger(), home_zone=HOME_ZONE)
    yield "editor", TrustedPersonEditor(person, alerts=alerts)
    summary = ShareableSummary(
        level_words="Margaret has had a quieter few weeks and would welcome a call or a visit.",
        reasons=("The last 3 weeks have been quieter than usual for Margaret.",),
        people_in_touch=("Tom", "Dr Eleanor Okonkwo-Whitfield"),
        next_call="Sunday 29 November at 4 pm, with Tom",
    )
    yield "preview", PreviewDialog(alerts, person, summary)
    settings = EmailSettingsDialog(alerts, messenger=AnsweringMessenger())
    settings._show_secrets_problem(SecretsUnavailable(reason="locked"))
    yield "settings", settings
    [entry] = alerts.sent_log()
    yield "message", MessageDialog(entry)


@pytest.mark.parametrize("size", list(TextSize), ids=[size.value for size in TextSize])
def test_every_sharing_screen_fits_its_words(
    qtbot: QtBot,
    qapp: QApplication,
    bundled_fonts: bool,
    services: AppServices,
    alerts: AlertService,
    clipped_widgets: Callable[[QWidget], list[str]],
    size: TextSize,
) -> None:
    alerts.save_smtp_settings(SERVER, password=PASSWORD)
    person = alerts.save_person(
        TrustedPerson(
            None,
            "Dr Eleanor Okonkwo-Whitfield",
            "eleanor.okonkwo@example.org",
            share_weekly=True,
            allowed=frozenset(Topic),
        )
    )
    summary = ShareableSummary(level_words="Margaret is keeping in touch as usual.")
    assert alerts.queue(summary, person, MailKind.BY_HAND)
    alerts.deliver_due()
    assert alerts.queue(summary, person, MailKind.BY_HAND)  # one waiting, one sent
    apply_theme(qapp, size)
    for name, dialog in _every_sharing_dialog(services, alerts, person):
        qtbot.addWidget(dialog)
        dialog.resize(*DIALOG_SIZE)
        dialog.show()
        qtbot.waitExposed(dialog)
        assert clipped_widgets(dialog) == [], name
        for widget in dialog.findChildren(QWidget):
            if not isinstance(widget, QAbstractButton | QLineEdit | QSpinBox):
                continue
            if not widget.isVisibleTo(dialog) or widget.objectName().startswith("qt_"):
                continue
            assert widget.objectName(), (name, type(widget).__name__)
            assert widget.accessibleName(), (name, widget.objectName())
            if isinstance(widget, QAbstractButton):
                assert widget.height() >= 48, (name, widget.objectName(), widget.height())
        dialog.close()


def test_the_words_of_a_tick_box_tick_it(qtbot: QtBot, alerts: AlertService) -> None:
    editor = TrustedPersonEditor(None, alerts=alerts)
    qtbot.addWidget(editor)
    editor.show()
    words = editor.findChild(QLabel, f"trustedTopic_{Topic.REASONS.value}Words")
    assert words is not None
    qtbot.mouseClick(words, Qt.MouseButton.LeftButton)
    assert Topic.REASONS in editor.draft().allowed
