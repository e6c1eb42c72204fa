"""A person (or group) as a big card: portrait, name, how things stand, and a Call button."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout, QWidget

from lonely_bridge.domain.keeping_in_touch import PersonStatus, RhythmState
from lonely_bridge.i18n import _
from lonely_bridge.ui.widgets.controls import button, label
from lonely_bridge.ui.widgets.flow_layout import FlowLayout
from lonely_bridge.ui.widgets.portrait import Portrait
from lonely_bridge.wording.contacts import kind_name
from lonely_bridge.wording.time import ago

PORTRAIT_DIAMETER_PX = 96
MAX_PORTRAIT_SCALE = 1.5


def status_line(status: PersonStatus, *, nudge: bool = True) -> str:
    """When they were last in touch; with ``nudge``, "it's been a while" when it has (never
    while the older adult has paused the gentle eye)."""
    if status.last_contact is None or status.since is None:
        return _("No contact recorded yet")
    what = kind_name(status.last_contact.kind)
    line = _("Last in touch {when} ({what})").format(when=ago(status.since), what=what)
    if nudge and status.state in (RhythmState.OVERDUE, RhythmState.TOO_LONG):
        # Said in words, never by colour alone.
        line += " · " + _("it's been a while")
    return line


class PersonCard(QFrame):
    call_requested = Signal(int)
    other_ways_requested = Signal(int)
    edit_requested = Signal(int)

    def __init__(
        self,
        status: PersonStatus,
        *,
        photos_dir: Path | None,
        scale: float,
        editable: bool = False,
        nudge: bool = True,
    ) -> None:
        super().__init__()
        person = status.person
        assert person.id is not None
        self.person_id = person.id
        self.setProperty("role", "card")
        self.setObjectName(f"personCard{person.id}")
        self.setAccessibleName(person.name)
        row = QHBoxLayout(self)
        row.setContentsMargins(16, 16, 16, 16)
        row.setSpacing(20)
        photo = photos_dir / person.photo_file if photos_dir and person.photo_file else None
        # The portrait grows less than the text, leaving the words room at the largest size.
        diameter = round(PORTRAIT_DIAMETER_PX * min(scale, MAX_PORTRAIT_SCALE))
        portrait = Portrait(person.name, photo, diameter=diameter)
        row.addWidget(portrait, 0, Qt.AlignmentFlag.AlignTop)
        text = QVBoxLayout()
        text.setSpacing(6)
        text.addWidget(label(person.name, role="heading", name=f"personName{person.id}"))
        if person.relationship:
            text.addWidget(label(person.relationship, role="muted"))
        text.addWidget(label(status_line(status, nudge=nudge), name=f"personStatus{person.id}"))
        if person.default_link is not None:
            call = button(
                _("Call {name}").format(name=person.name),
                name=f"callButton{person.id}",
                role="primary",
                description=person.default_link.label,
            )
            call.clicked.connect(lambda: self.call_requested.emit(self.person_id))
            # Under the words rather than beside them, so long names never squeeze it.
            text.addWidget(call, 0, Qt.AlignmentFlag.AlignLeft)
        extras_box = QWidget()
        extras = FlowLayout(extras_box)
        if len(person.links) > 1:
            others = button(
                _("Other ways to call"),
                name=f"otherWays{person.id}",
                description=_("Choose another way to call {name}").format(name=person.name),
            )
            others.clicked.connect(lambda: self.other_ways_requested.emit(self.person_id))
            extras.addWidget(others)
        if editable:
            edit = button(
                _("Change details"),
                name=f"editPerson{person.id}",
                description=_("For family and helpers: change {name}'s details").format(
                    name=person.name
                ),
            )
            edit.clicked.connect(lambda: self.edit_requested.emit(self.person_id))
            extras.addWidget(edit)
        if extras.count():
            text.addWidget(extras_box)
        row.addLayout(text, 1)
