"""Before importing a contacts file: who is in it, who is probably here already; tick to add."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QWidget,
)

from lonely_bridge.domain.imported_contacts import ImportedContact, PhoneNumber
from lonely_bridge.i18n import _, ngettext
from lonely_bridge.services.importing import ImportPreview
from lonely_bridge.ui.dialogs.base import ScrollingDialog
from lonely_bridge.ui.widgets.controls import button, button_text, label


def numbers(contact: ImportedContact) -> str:
    return ", ".join(_number(phone) for phone in contact.phones[:3])


def _number(phone: PhoneNumber) -> str:
    if phone.extension:
        return _("{kind} {number}, extension {extension}").format(
            kind=phone.kind.value, number=phone.number, extension=phone.extension
        )
    return f"{phone.kind.value} {phone.number}"


class ImportPreviewDialog(ScrollingDialog):
    def __init__(self, preview: ImportPreview, parent: QWidget | None = None) -> None:
        super().__init__(_("Whom would you like to add?"), name="importPreview", parent=parent)
        self._boxes: list[tuple[QCheckBox, ImportedContact]] = []
        column = self.body
        column.addWidget(
            label(_("People who are probably here already are not ticked."), role="muted")
        )
        for index, entry in enumerate(preview.entries):
            # A check box cannot wrap its text, so the numbers go on a wrapping line below.
            box = QCheckBox(button_text(entry.contact.name))
            box.setObjectName(f"importContact{index}")
            box.setAccessibleName(entry.contact.name)
            box.setChecked(not entry.duplicates)
            column.addWidget(box)
            if entry.contact.phones:
                column.addWidget(label(numbers(entry.contact), role="muted"))
            if entry.duplicates:
                column.addWidget(
                    label(
                        "⚠ "
                        + _("Probably already here as {names}.").format(
                            names=", ".join(entry.duplicates)
                        ),
                        name=f"importDuplicate{index}",
                    )
                )
            self._boxes.append((box, entry.contact))
        if preview.unreadable:
            column.addWidget(
                label(_("These could not be read and will be left out:"), role="heading")
            )
            for name, reason in preview.unreadable:
                column.addWidget(label(f"{name}: {reason}", role="muted"))
        if partly_read := preview.partly_read:
            column.addWidget(
                label(_("These will be added, with something left out:"), role="heading")
            )
            for name, reason in partly_read:
                column.addWidget(label(f"{name}: {reason}", role="muted"))
        column.addStretch(1)
        row = self.footer
        cancel = button(_("Cancel"), name="importCancel")
        cancel.clicked.connect(self.reject)
        self.add_button = button("", name="importAdd", role="primary")
        self.add_button.clicked.connect(self.accept)
        row.addWidget(cancel)
        row.addWidget(self.add_button)
        for box, _contact in self._boxes:
            box.toggled.connect(self._count)
        self._count()

    def _count(self) -> None:
        count = len(self.chosen())
        self.add_button.setText(ngettext("Add {n} person", "Add {n} people", count).format(n=count))
        self.add_button.setEnabled(count > 0)

    def chosen(self) -> list[ImportedContact]:
        return [contact for box, contact in self._boxes if box.isChecked()]
