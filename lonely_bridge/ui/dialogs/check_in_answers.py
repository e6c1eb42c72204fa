"""The older adult's check-in answers, each question with the answer given; deleted at will."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from lonely_bridge.domain.checkins import CheckIn
from lonely_bridge.i18n import _, ngettext
from lonely_bridge.services.insight import InsightService
from lonely_bridge.ui.dialogs.base import ScrollingDialog
from lonely_bridge.ui.messages import Messenger
from lonely_bridge.ui.widgets.controls import button, card, clear_layout, label
from lonely_bridge.wording.checkins import answered, title
from lonely_bridge.wording.time import date_and_time


class CheckInAnswersDialog(ScrollingDialog):
    """Every check-in, newest first; "Delete this one" and "Delete all my answers" remove
    them from the file for good (after one plain question)."""

    def __init__(
        self,
        insight: InsightService,
        *,
        messenger: Messenger,
        home_zone: str = "UTC",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(_("Your answers"), name="checkInAnswersDialog", parent=parent)
        self._insight = insight
        self._messenger = messenger
        self._zone = ZoneInfo(home_zone)
        self.delete_all_button = button(_("Delete all my answers"), name="answersDeleteAll")
        self.delete_all_button.clicked.connect(self.delete_all)
        self.close_button = button(_("Close"), name="answersClose", role="primary")
        self.close_button.clicked.connect(self.accept)
        self.close_button.setDefault(True)
        self.footer.addWidget(self.delete_all_button)
        self.footer.addWidget(self.close_button)
        self.refresh()

    def refresh(self) -> None:
        clear_layout(self.body)
        answers = self._insight.check_in_answers()
        self.delete_all_button.setVisible(bool(answers))
        if not answers:
            self.body.addWidget(
                label(_("There are no answers here. Nothing is kept."), name="answersNone")
            )
            return
        self.body.addWidget(
            label(
                _(
                    "These are your answers to the short questions. Only you and this computer "
                    "have them. Deleting one removes it for good."
                ),
                name="answersIntro",
            )
        )
        for checkin in answers:
            self.body.addWidget(self._card(checkin))

    def _refresh_keeping_focus(self) -> None:
        # The button just pressed is gone: someone using the keyboard must not be left with
        # the focus nowhere, so it moves to the next thing they may want.
        self.refresh()
        target = self.delete_all_button if self.delete_all_button.isVisible() else None
        (target or self.close_button).setFocus(Qt.FocusReason.OtherFocusReason)

    def _card(self, checkin: CheckIn) -> QWidget:
        assert checkin.id is not None
        ident = checkin.id
        box = card(name=f"answer{ident}")
        inner = QVBoxLayout(box)
        when = date_and_time(checkin.taken_at.astimezone(self._zone))
        inner.addWidget(label(f"{when}: {title(checkin.scale)}", role="heading",
                              name=f"answerWhen{ident}"))  # fmt: skip
        lines = [f"{question}\n    {answer}" for question, answer in answered(checkin)]
        inner.addWidget(label("\n".join(lines), name=f"answerWords{ident}"))
        delete = button(_("Delete this one"), name=f"answerDelete{ident}")
        delete.clicked.connect(lambda: self.delete(checkin))
        inner.addWidget(delete)
        return box

    def delete(self, checkin: CheckIn) -> None:
        assert checkin.id is not None
        when = date_and_time(checkin.taken_at.astimezone(self._zone))
        if not self._messenger.ask(
            self,
            _("Delete these answers?"),
            _("Your answers from {when} will be removed for good.").format(when=when),
            yes=_("Delete them"),
            no=_("Keep them"),
            topic="delete-check-in",
        ):
            return
        self._insight.delete_check_in(checkin.id)
        self._refresh_keeping_focus()
        self.show_note(_("Deleted your answers from {when}.").format(when=when))

    def delete_all(self) -> None:
        count = len(self._insight.check_in_answers())
        if not self._messenger.ask(
            self,
            _("Delete all your answers?"),
            ngettext(
                "Your one set of answers will be removed for good.",
                "All {n} sets of your answers will be removed for good.",
                count,
            ).format(n=count),
            yes=_("Delete them all"),
            no=_("Keep them"),
            topic="delete-all-check-ins",
        ):
            return
        self._insight.delete_all_check_ins()
        self._refresh_keeping_focus()
        self.show_note(_("All your answers are deleted."))
