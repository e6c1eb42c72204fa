"""Add or change someone to tell: their name and address, what they may see, and when.

Consent defaults: the older adult opts in to each thing. A new person may see only "how
things are, in a few words" (``Topic.LEVEL``); every other part starts unticked. They hear
only when things get quiet (at most once a week), never weekly, until the older adult
chooses otherwise. These are the domain's own defaults (``TrustedPerson``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from lonely_bridge.domain.errors import LonelyBridgeError
from lonely_bridge.domain.sharing import Topic, TrustedPerson
from lonely_bridge.i18n import _
from lonely_bridge.ui.dialogs.base import ScrollingDialog
from lonely_bridge.ui.widgets.choices import ChoiceGroup
from lonely_bridge.ui.widgets.controls import button, label
from lonely_bridge.wording.mail import topic_words
from lonely_bridge.wording.problems import explain

if TYPE_CHECKING:
    from lonely_bridge.services.alerts import AlertService

# When they hear: (ident, share_level_changes, share_weekly).
WHEN_QUIET, WEEKLY, BOTH, BY_HAND_ONLY = range(4)
_WHEN = {
    WHEN_QUIET: (True, False),
    WEEKLY: (False, True),
    BOTH: (True, True),
    BY_HAND_ONLY: (False, False),
}


def when_words() -> dict[int, tuple[str, str]]:
    """Each choice: the button's few words, and what it means, in a sentence."""
    return {
        WHEN_QUIET: (
            _("When things get quiet"),
            _("A short note when things have been quiet for a while, at most once a week."),
        ),
        WEEKLY: (_("Every week"), _("A short note about the week, once a week.")),
        BOTH: (
            _("Both"),
            _(
                "One short note a week: when things get quiet it asks for a call or a visit; "
                "otherwise it is the weekly note."
            ),
        ),
        BY_HAND_ONLY: (
            _("Only when I send one"),
            _("Nothing is sent by itself: only a note you choose to send."),
        ),
    }


def when_choice(person: TrustedPerson) -> int:
    chosen = (person.share_level_changes, person.share_weekly)
    return next(ident for ident, pair in _WHEN.items() if pair == chosen)


def hears_words(person: TrustedPerson) -> str:
    """When this person hears from Lonely Bridge, in a sentence for their card."""
    return when_words()[when_choice(person)][1]


class TickRow(QWidget):
    """A tick box and its words; the words wrap at any text size and a click on them ticks."""

    def __init__(self, words: str, *, name: str, checked: bool) -> None:
        super().__init__()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.box = QCheckBox()
        self.box.setObjectName(name)
        self.box.setAccessibleName(words)
        self.box.setChecked(checked)
        self.words = label(words, name=f"{name}Words")
        self.words.setCursor(Qt.CursorShape.PointingHandCursor)
        self.words.installEventFilter(self)
        row.addWidget(self.box, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.words, 1)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.words and event.type() == QEvent.Type.MouseButtonRelease:
            self.box.toggle()
            self.box.setFocus(Qt.FocusReason.MouseFocusReason)
            return True
        return super().eventFilter(watched, event)

    def isChecked(self) -> bool:
        return self.box.isChecked()


def _field(layout: QVBoxLayout, title: str, widget: QLineEdit, *, name: str) -> None:
    widget.setObjectName(name)
    widget.setAccessibleName(title)
    layout.addWidget(label(title, role="heading"))
    layout.addWidget(widget)


class TrustedPersonEditor(ScrollingDialog):
    """Ends Accepted with ``saved`` set to the person as stored."""

    def __init__(
        self,
        person: TrustedPerson | None,
        *,
        alerts: AlertService,
        parent: QWidget | None = None,
    ) -> None:
        title = _("Change what they hear") if person else _("Add someone to tell")
        super().__init__(title, name="trustedPersonEditor", parent=parent)
        self._alerts = alerts
        self._original = person
        self.saved: TrustedPerson | None = None
        form = self.body
        form.addWidget(
            label(
                _(
                    "Lonely Bridge can send this person a short, warm e-mail. They see only "
                    "what you tick below, and you can see every message that was sent."
                ),
                name="trustedIntro",
            )
        )
        self.name_edit = QLineEdit(person.name if person else "")
        _field(form, _("Their name"), self.name_edit, name="trustedNameEdit")
        self.email_edit = QLineEdit(person.email if person else "")
        self.email_edit.setPlaceholderText(_("for example: anna@example.org"))
        _field(form, _("Their e-mail address"), self.email_edit, name="trustedEmailEdit")

        form.addWidget(label(_("What may they see?"), role="heading"))
        form.addWidget(
            label(_("Tick only what you are happy to share. You can change it at any time."))
        )
        allowed = person.allowed if person else frozenset({Topic.LEVEL})
        self.topics: dict[Topic, TickRow] = {}
        for topic in Topic:
            row = TickRow(
                topic_words(topic), name=f"trustedTopic_{topic.value}", checked=topic in allowed
            )
            self.topics[topic] = row
            form.addWidget(row)

        form.addWidget(label(_("When should they hear from Lonely Bridge?"), role="heading"))
        self.when = ChoiceGroup(self)
        for ident, (words, meaning) in when_words().items():
            choice = button(words, name=f"trustedWhen{ident}", description=meaning)
            choice.setProperty("role", "choice")
            self.when.add(choice, ident)
            form.addWidget(choice, 0, Qt.AlignmentFlag.AlignLeft)
        self.when_meaning = label("", name="trustedWhenMeaning")
        form.addWidget(self.when_meaning)
        self.when.chosen.connect(self._show_meaning)
        start = when_choice(person) if person else WHEN_QUIET
        self.when.set_checked(start)
        self._show_meaning(start)

        cancel = button(_("Cancel"), name="trustedCancel")
        cancel.clicked.connect(self.reject)
        save = button(_("Save"), name="trustedSave", role="primary")
        save.clicked.connect(self.save)
        self.footer.addWidget(cancel)
        self.footer.addWidget(save)

    def _show_meaning(self, ident: int) -> None:
        meaning = when_words()[ident][1]
        self.when_meaning.setText(meaning)
        self.when_meaning.setAccessibleName(meaning)

    def draft(self) -> TrustedPerson:
        level, weekly = _WHEN[self.when.checked_id() or WHEN_QUIET]
        original = self._original
        return TrustedPerson(
            id=original.id if original else None,
            name=self.name_edit.text(),
            email=self.email_edit.text(),
            share_level_changes=level,
            share_weekly=weekly,
            allowed=frozenset(topic for topic, row in self.topics.items() if row.isChecked()),
            created_at=original.created_at if original else None,
        )

    def save(self) -> None:
        try:
            self.saved = self._alerts.save_person(self.draft())
        except LonelyBridgeError as error:
            words = explain(error)
            self.show_note(f"{words.text} {words.next_step}")
            bad_email = error.params.get("problem") == "bad_email"
            (self.email_edit if bad_email else self.name_edit).setFocus()
            return
        self.accept()
