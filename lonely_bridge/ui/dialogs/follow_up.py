"""After a call: "Did you get to talk with Anna?", asked once, kindly, with two big answers."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QHBoxLayout, QVBoxLayout, QWidget

from lonely_bridge.i18n import _
from lonely_bridge.ui.widgets.controls import button, label, window_title


class FollowUpDialog(QDialog):
    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("followUpDialog")
        question = _("Did you get to talk with {name}?").format(name=name)
        self.setWindowTitle(window_title(question))
        self.setAccessibleName(question)
        self.talked: bool | None = None
        layout = QVBoxLayout(self)
        layout.setSpacing(24)
        layout.addWidget(label(question, role="title", name="followUpQuestion"))
        layout.addWidget(
            label(_("Either answer is fine. It helps Lonely Bridge suggest who to call next."))
        )
        row = QHBoxLayout()
        yes = button(_("Yes, we talked"), name="followUpYes", role="primary")
        no = button(_("Not this time"), name="followUpNo")
        yes.clicked.connect(lambda: self._answer(True))
        no.clicked.connect(lambda: self._answer(False))
        row.addWidget(yes)
        row.addWidget(no)
        layout.addLayout(row)
        yes.setDefault(True)

    def _answer(self, talked: bool) -> None:
        self.talked = talked
        self.accept()
