""" "I was in touch with someone": who, how and when, each one big press; visits come first."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtWidgets import QApplication, QGridLayout, QVBoxLayout, QWidget

from lonely_bridge.domain.contact import ContactKind
from lonely_bridge.domain.people import Person
from lonely_bridge.i18n import _
from lonely_bridge.ui.dialogs.base import ScrollingDialog
from lonely_bridge.ui.widgets.choices import ChoiceGroup
from lonely_bridge.ui.widgets.controls import button, label

KINDS = (
    ContactKind.VISIT,
    ContactKind.PHONE_CALL,
    ContactKind.VIDEO_CALL,
    ContactKind.GROUP_ACTIVITY,
    ContactKind.MESSAGE,
)
GAPS = (timedelta(0), timedelta(hours=3), timedelta(days=1), timedelta(days=3))


def _kind_words() -> list[str]:
    return [
        _("We met in person"),
        _("A phone call"),
        _("A video call"),
        _("A group get-together"),
        _("A message or letter"),
    ]


def _when_words() -> list[str]:
    return [_("Just now"), _("Earlier today"), _("Yesterday"), _("A few days ago")]


ONE_COLUMN_FROM_PT = 30


class RecordContactDialog(ScrollingDialog):
    def __init__(
        self, people: list[Person], *, chosen: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            _("I was in touch with someone"), name="recordContactDialog", parent=parent
        )
        layout = self.body
        layout.addWidget(label(_("Who were you in touch with?"), role="heading"))
        self.people = self._choices(
            layout, [(p.id, p.name, f"recordPerson{p.id}") for p in people if p.id is not None]
        )
        layout.addWidget(label(_("How?"), role="heading"))
        layout.addWidget(label(_("Seeing each other in person counts the most."), role="muted"))
        self.kinds = self._choices(
            layout,
            [
                (i, words, f"recordKind{kind.value}")
                for i, (kind, words) in enumerate(zip(KINDS, _kind_words(), strict=True))
            ],
        )
        layout.addWidget(label(_("When?"), role="heading"))
        self.whens = self._choices(
            layout, [(i, words, f"recordWhen{i}") for i, words in enumerate(_when_words())]
        )
        self.whens.set_checked(0)
        if chosen is not None:
            self.people.set_checked(chosen)
        save = button(_("Save"), name="recordSave", role="primary")
        cancel = button(_("Cancel"), name="recordCancel")
        save.clicked.connect(self._save)
        cancel.clicked.connect(self.reject)
        self.footer.addWidget(cancel)
        self.footer.addWidget(save)

    def _choices(self, layout: QVBoxLayout, items: list[tuple[int, str, str]]) -> ChoiceGroup:
        group = ChoiceGroup(self)
        grid = QGridLayout()
        # Two columns while they fit; at the largest text one per row, so nothing is cut off.
        columns = 1 if QApplication.font().pointSize() >= ONE_COLUMN_FROM_PT else 2
        for index, (ident, text, name) in enumerate(items):
            choice = button(text, name=name, checkable=True)
            choice.setProperty("role", "choice")
            group.add(choice, ident)
            grid.addWidget(choice, index // columns, index % columns)
        layout.addLayout(grid)
        return group

    def _save(self) -> None:
        if self.people.checked_id() is None:
            self.show_note(_("Please choose who you were in touch with."))
            return
        if self.kinds.checked_id() is None:
            self.show_note(_("Please choose how you were in touch."))
            return
        self.accept()

    def person_id(self) -> int:
        chosen = self.people.checked_id()
        assert chosen is not None
        return chosen

    def kind(self) -> ContactKind:
        return KINDS[self.kinds.checked_id() or 0]

    def when(self, now: datetime) -> datetime:
        return now - GAPS[self.whens.checked_id() or 0]
