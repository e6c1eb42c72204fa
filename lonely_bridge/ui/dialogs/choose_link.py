"""Every saved way to call one person, each a big button; the usual one comes first."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from lonely_bridge.domain.people import Person
from lonely_bridge.i18n import _
from lonely_bridge.ui.dialogs.base import ScrollingDialog
from lonely_bridge.ui.widgets.controls import button


class ChooseLinkDialog(ScrollingDialog):
    def __init__(self, person: Person, parent: QWidget | None = None) -> None:
        title = _("How would you like to call {name}?").format(name=person.name)
        super().__init__(title, name="chooseLinkDialog", parent=parent)
        self.link_id: int | None = None
        layout = self.body
        ordered = sorted(person.links, key=lambda link: not link.is_default)
        for link in ordered:
            choice = button(
                link.label, name=f"chooseLink{link.id}", role="primary" if link.is_default else ""
            )
            choice.clicked.connect(lambda _checked=False, i=link.id: self._choose(i))
            layout.addWidget(choice)
        cancel = button(_("Not now"), name="chooseLinkCancel")
        cancel.clicked.connect(self.reject)
        self.footer.addWidget(cancel)

    def _choose(self, link_id: int | None) -> None:
        self.link_id = link_id
        self.accept()
