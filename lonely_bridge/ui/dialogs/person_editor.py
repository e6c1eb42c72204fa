"""The helper's form for one person or group: name, photo, ways to call, rhythm and notes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from lonely_bridge.domain.errors import LinkRefused, LonelyBridgeError, RefusalReason
from lonely_bridge.domain.links import parse_call_link
from lonely_bridge.domain.people import (
    DEFAULT_RHYTHMS,
    MAX_LINK_LABEL_CHARS,
    MAX_RELATIONSHIP_CHARS,
    CallLink,
    Circle,
    Person,
    Rhythm,
)
from lonely_bridge.i18n import _
from lonely_bridge.services.people import PeopleService
from lonely_bridge.ui.dialogs.base import ScrollingDialog
from lonely_bridge.ui.file_choosers import PhotoChooser, choose_photo_with_dialog
from lonely_bridge.ui.ports import PhotoImporter
from lonely_bridge.ui.widgets.controls import button, combo_box, label
from lonely_bridge.ui.widgets.flow_layout import button_row
from lonely_bridge.ui.widgets.portrait import Portrait
from lonely_bridge.wording.links import explain_refusal, service_name
from lonely_bridge.wording.problems import explain

MAX_RHYTHM_DAYS = 365
PHOTO_PREVIEW_PX = 120


def circle_names() -> dict[Circle, str]:
    return {
        Circle.FAMILY: _("Family"),
        Circle.CLOSE_FRIEND: _("Close friend"),
        Circle.FRIEND: _("Friend"),
        Circle.NEIGHBOUR: _("Neighbour"),
        Circle.GROUP: _("Group, club or class"),
        Circle.OTHER: _("Someone else"),
    }


def _field(layout: QVBoxLayout, title: str, widget: QWidget, *, name: str) -> None:
    widget.setObjectName(name)
    widget.setAccessibleName(title)
    layout.addWidget(label(title, role="heading"))
    layout.addWidget(widget)


class LinkRow(QFrame):
    """One way to call: what to call it, the link or number, and whether it comes first."""

    removed = Signal(object)
    made_default = Signal(object)
    trust_requested = Signal(str)

    def __init__(self, link: CallLink, index: int, trusted: Callable[[], frozenset[str]]) -> None:
        super().__init__()
        self.setProperty("role", "card")
        self.setObjectName(f"linkRow{index}")
        self.link_id = link.id
        self._trusted = trusted
        self._host = ""
        layout = QVBoxLayout(self)
        self.label_edit = QLineEdit(link.label)
        self.label_edit.setMaxLength(MAX_LINK_LABEL_CHARS)
        _field(layout, _("Name for this way to call"), self.label_edit, name=f"linkLabel{index}")
        self.label_edit.setPlaceholderText(_("for example: Anna on Zoom"))
        self.url_edit = QLineEdit(link.url)
        _field(layout, _("Link or phone number"), self.url_edit, name=f"linkUrl{index}")
        self.url_edit.setPlaceholderText(_("paste the meeting link, or type a phone number"))
        self.status = label("", name=f"linkStatus{index}")
        layout.addWidget(self.status)
        self.default_box = QCheckBox(_("For the Call button"))
        self.default_box.setObjectName(f"linkDefault{index}")
        self.default_box.setAccessibleName(_("Use this one for the big Call button"))
        self.default_box.setChecked(link.is_default)
        self.default_box.toggled.connect(self._on_default_toggled)
        self.trust_button = button(_("Yes, this is our own Jitsi server"), name=f"linkTrust{index}")
        self.trust_button.clicked.connect(lambda: self.trust_requested.emit(self._host))
        remove = button(_("Remove"), name=f"linkRemove{index}")
        remove.clicked.connect(lambda: self.removed.emit(self))
        layout.addWidget(button_row(self.default_box, remove))
        layout.addWidget(self.trust_button)
        self.url_edit.textChanged.connect(self.check)
        self.check()

    def _on_default_toggled(self, on: bool) -> None:
        if on:
            self.made_default.emit(self)

    def check(self) -> bool:
        """Say at once, in words, whether the link will work; True when it will."""
        self.trust_button.hide()
        text = self.url_edit.text().strip()
        if not text:
            self.status.setText(_("Paste a link or type a phone number."))
            return False
        try:
            parsed = parse_call_link(text, trusted_jitsi_hosts=self._trusted())
        except LinkRefused as refused:
            self.status.setText("✗ " + explain_refusal(refused))
            if refused.params.get("reason") == RefusalReason.UNCONFIRMED_JITSI_HOST:
                self._host = str(refused.params.get("host", ""))
                self.trust_button.show()
            return False
        self.status.setText(
            "✓ " + _("A {service} link").format(service=service_name(parsed.service))
        )
        return True

    def to_link(self) -> CallLink:
        return CallLink(
            id=self.link_id,
            person_id=None,
            label=self.label_edit.text(),
            url=self.url_edit.text().strip(),
            service="",
            is_default=self.default_box.isChecked(),
        )


class PersonEditor(ScrollingDialog):
    """Ends Accepted with ``saved`` set, or with ``ARCHIVE`` when the helper puts them away."""

    ARCHIVE = 2

    def __init__(
        self,
        person: Person | None,
        *,
        people: PeopleService,
        photos_dir: Path,
        import_photo: PhotoImporter,
        choose_photo: PhotoChooser = choose_photo_with_dialog,
        parent: QWidget | None = None,
    ) -> None:
        title = (
            _("Change {name}'s details").format(name=person.name) if person else _("Add someone")
        )
        super().__init__(title, name="personEditor", parent=parent)
        self._original = person
        self._people = people
        self._photos_dir = photos_dir
        self._choose_photo = choose_photo
        self._import_photo = import_photo
        self._photo_file = person.photo_file if person else None
        self._rhythm_touched = person is not None
        self.saved: Person | None = None
        self._rows: list[LinkRow] = []
        self.form = self.body

        self.name_edit = QLineEdit(person.name if person else "")
        _field(self.form, _("Name"), self.name_edit, name="personNameEdit")
        self.relationship_edit = QLineEdit(person.relationship if person else "")
        self.relationship_edit.setMaxLength(MAX_RELATIONSHIP_CHARS)
        self.relationship_edit.setPlaceholderText(_("for example: Daughter, Neighbour"))
        _field(
            self.form, _("How are they related?"), self.relationship_edit, name="relationshipEdit"
        )
        self.circle_box = combo_box(name="circleBox", title=_("Which circle are they in?"))
        for circle, words in circle_names().items():
            self.circle_box.addItem(words, circle)
        chosen = person.circle if person else Circle.FAMILY
        self.circle_box.setCurrentIndex(list(Circle).index(chosen))
        _field(self.form, _("Which circle are they in?"), self.circle_box, name="circleBox")
        # Check boxes cannot wrap their words: a short box, and the explanation beside it.
        self.group_box = QCheckBox(_("This is a group"))
        self.group_box.setObjectName("isGroupBox")
        self.group_box.setAccessibleName(_("This is a group: a club, a class, a coffee morning"))
        self.group_box.setChecked(bool(person and person.is_group))
        self.form.addWidget(self.group_box)
        self.form.addWidget(label(_("For a club, a class or a coffee morning"), role="muted"))

        self._build_photo()
        self._build_links(person)
        self._build_rhythm(person)
        self.notes_edit = QPlainTextEdit(person.notes if person else "")
        self.notes_edit.setPlaceholderText(_("for example: Anna works Mondays"))
        self.notes_edit.setMinimumHeight(120)
        _field(self.form, _("Notes"), self.notes_edit, name="notesEdit")

        row = self.footer
        if person is not None:
            archive = button(
                _("Put {name} away").format(name=person.name),
                name="editorArchive",
                description=_("They leave the lists; you can bring them back at any time"),
            )
            archive.clicked.connect(lambda: self.done(self.ARCHIVE))
            row.addWidget(archive)
        cancel = button(_("Cancel"), name="editorCancel")
        cancel.clicked.connect(self.reject)
        save = button(_("Save"), name="editorSave", role="primary")
        save.clicked.connect(self.save)
        row.addWidget(cancel)
        row.addWidget(save)
        self.circle_box.currentIndexChanged.connect(self._circle_changed)
        self.group_box.toggled.connect(self._group_toggled)

    # Photo --------------------------------------------------------------------------------
    def _build_photo(self) -> None:
        self.form.addWidget(label(_("Photo"), role="heading"))
        self.portrait_slot = QHBoxLayout()
        self.form.addLayout(self.portrait_slot)
        choose = button(_("Choose a photo…"), name="choosePhoto")
        choose.clicked.connect(self._pick_photo)
        self.remove_photo = button(_("No photo"), name="removePhoto")
        self.remove_photo.clicked.connect(lambda: self._set_photo(None))
        self.form.addWidget(button_row(choose, self.remove_photo))
        self._set_photo(self._photo_file)

    def _set_photo(self, file_name: str | None) -> None:
        self._photo_file = file_name
        while self.portrait_slot.count():
            item = self.portrait_slot.takeAt(0)
            if item is not None and (old := item.widget()) is not None:
                old.hide()
                old.deleteLater()
        path = self._photos_dir / file_name if file_name else None
        name = self.name_edit.text() if hasattr(self, "name_edit") else "?"
        self.portrait = Portrait(name or "?", path, diameter=PHOTO_PREVIEW_PX)
        self.portrait.setObjectName("photoPreview")
        self.portrait_slot.addWidget(self.portrait)
        self.remove_photo.setEnabled(file_name is not None)

    def _pick_photo(self) -> None:
        source = self._choose_photo(self)
        if source is None:
            return
        try:
            self._set_photo(self._import_photo(source, self._photos_dir))
        except LonelyBridgeError as error:
            self.show_note(explain(error).text + " " + explain(error).next_step)

    # Links --------------------------------------------------------------------------------
    def _build_links(self, person: Person | None) -> None:
        self.form.addWidget(label(_("Ways to call"), role="heading"))
        self.links_box = QVBoxLayout()
        self.form.addLayout(self.links_box)
        for link in person.links if person else ():
            self._add_row(link)
        add = button(_("Add a way to call"), name="addLink")
        add.clicked.connect(lambda: self._add_row(CallLink(None, None, "", "", "", not self._rows)))
        self.form.addWidget(add, 0, Qt.AlignmentFlag.AlignLeft)

    def _add_row(self, link: CallLink) -> LinkRow:
        row = LinkRow(link, len(self._rows), self._people.trusted_jitsi_hosts)
        row.removed.connect(self._remove_row)
        row.made_default.connect(self._only_default)
        row.trust_requested.connect(self._trust)
        self._rows.append(row)
        self.links_box.addWidget(row)
        return row

    def _remove_row(self, row: LinkRow) -> None:
        self._rows.remove(row)
        row.hide()
        row.deleteLater()

    def _only_default(self, chosen: LinkRow) -> None:
        for row in self._rows:
            if row is not chosen:
                row.default_box.setChecked(False)

    def _trust(self, host: str) -> None:
        if host:
            self._people.trust_jitsi_host(host)
        for row in self._rows:
            row.check()

    # Rhythm -------------------------------------------------------------------------------
    def _build_rhythm(self, person: Person | None) -> None:
        rhythm = person.rhythm if person else DEFAULT_RHYTHMS[Circle.FAMILY]
        self.form.addWidget(label(_("Keeping in touch"), role="heading"))
        self.ideal_days = self._days_box(rhythm.ideal.days, "idealDays")
        self.too_long_days = self._days_box(rhythm.too_long.days, "tooLongDays")
        self.form.addWidget(label(_("Ideally in touch every")))
        self.form.addWidget(self.ideal_days)
        self.form.addWidget(label(_("It has been too long after")))
        self.form.addWidget(self.too_long_days)

    def _days_box(self, days: int, name: str) -> QSpinBox:
        box = QSpinBox()
        box.setObjectName(name)
        box.setAccessibleName(name)
        box.setRange(1, MAX_RHYTHM_DAYS)
        box.setSuffix(" " + _("days"))
        box.setValue(days)
        box.valueChanged.connect(self._touch_rhythm)
        return box

    def _touch_rhythm(self) -> None:
        self._rhythm_touched = True

    def _circle_changed(self) -> None:
        circle = self._circle()
        self.group_box.setChecked(circle == Circle.GROUP)
        if not self._rhythm_touched:
            rhythm = DEFAULT_RHYTHMS[circle]
            for box, days in (
                (self.ideal_days, rhythm.ideal.days),
                (self.too_long_days, rhythm.too_long.days),
            ):
                box.blockSignals(True)
                box.setValue(days)
                box.blockSignals(False)

    def _circle(self) -> Circle:
        # Qt hands item data back as a plain str, not the enum that went in.
        return Circle(self.circle_box.currentData())

    def _group_toggled(self, on: bool) -> None:
        if on and self._circle() != Circle.GROUP:
            self.circle_box.setCurrentIndex(list(Circle).index(Circle.GROUP))

    # Saving -------------------------------------------------------------------------------
    def draft(self) -> Person:
        ideal = self.ideal_days.value()
        too_long = max(self.too_long_days.value(), ideal)
        base = self._original or Person(None, "", "", Circle.FAMILY, DEFAULT_RHYTHMS[Circle.FAMILY])
        return replace(
            base,
            name=self.name_edit.text(),
            relationship=self.relationship_edit.text(),
            circle=self._circle(),
            is_group=self.group_box.isChecked(),
            photo_file=self._photo_file,
            notes=self.notes_edit.toPlainText(),
            rhythm=Rhythm(timedelta(days=ideal), timedelta(days=too_long)),
            links=tuple(row.to_link() for row in self._rows),
        )

    def save(self) -> None:
        bad_rows = [row for row in self._rows if not row.check()]
        if bad_rows:
            self.show_note(_("One of the ways to call needs another look (see above)."))
            bad_rows[0].url_edit.setFocus()
            return
        try:
            self.saved = self._people.save(self.draft())
        except LonelyBridgeError as error:
            text = explain(error)
            self.show_note(f"{text.text} {text.next_step}")
            self.name_edit.setFocus()
            return
        self.accept()
