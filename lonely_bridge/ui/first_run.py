"""The first-run welcome: one question per screen, Back and "Skip for now" on every one.

Each answer is saved as its screen is left (``services/set_up.py``), so the welcome can be
put off at any screen and picked up there from Today's button. Space chooses, Enter goes on.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import time

from PySide6.QtCore import Qt, QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QLineEdit,
    QPushButton,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from lonely_bridge.domain.errors import LinkRefused, LonelyBridgeError
from lonely_bridge.domain.links import parse_call_link
from lonely_bridge.domain.people import Person
from lonely_bridge.domain.pin import MAX_DIGITS
from lonely_bridge.domain.settings import TEXT_SIZE, SetUpStep, TextSize
from lonely_bridge.i18n import _
from lonely_bridge.services.set_up import SetUpService
from lonely_bridge.ui.dialogs.base import ScrollingDialog
from lonely_bridge.ui.widgets.choices import ChoiceGroup
from lonely_bridge.ui.widgets.controls import button, label
from lonely_bridge.ui.widgets.flow_layout import FlowLayout
from lonely_bridge.ui.widgets.place_chooser import PlaceChooser, place_name
from lonely_bridge.wording.links import explain_refusal, service_name
from lonely_bridge.wording.problems import explain
from lonely_bridge.wording.settings import words_for

STEPS = tuple(SetUpStep)
DEFAULT_CALL_TIME = time(16, 0)


def _day_words() -> list[str]:
    return [_("Mon"), _("Tue"), _("Wed"), _("Thu"), _("Fri"), _("Sat"), _("Sun")]


def _problem_words(error: LonelyBridgeError) -> str:
    if isinstance(error, LinkRefused):
        return explain_refusal(error)
    words = explain(error)
    return f"{words.text} {words.next_step}"


def _line_edit(name: str, title: str, text: str = "") -> QLineEdit:
    edit = QLineEdit(text)
    edit.setObjectName(name)
    edit.setAccessibleName(title)
    return edit


class FirstRun(ScrollingDialog):
    """Ends Accepted when finished; "Skip for now" (or Escape) ends it Rejected, remembered."""

    text_size_chosen = Signal(object)  # a TextSize: the window applies it at once
    plan_saved = Signal()

    def __init__(
        self,
        set_up: SetUpService,
        *,
        trusted_hosts: Callable[[], frozenset[str]],
        import_contacts: Callable[[QWidget], list[Person]] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(_("Welcome to Lonely Bridge"), name="firstRun", parent=parent)
        self._set_up = set_up
        self._trusted_hosts = trusted_hosts
        self._import_contacts = import_contacts
        self._person: Person | None = set_up.first_person()
        self.progress = label("", role="muted", name="setUpProgress")
        self.question = label("", role="heading", name="setUpQuestion")
        self.body.addWidget(self.progress)
        self.body.addWidget(self.question)
        # Only the current screen is shown, so the dialog scrolls only when that one is tall.
        self.screens = QWidget()
        self.screens.setObjectName("setUpScreens")
        self._screens_layout = QVBoxLayout(self.screens)
        self._screens_layout.setContentsMargins(0, 0, 0, 0)
        self.body.addWidget(self.screens)
        # Problems are said under the answers, inside the scrolling part: at the largest text
        # a long sentence below it would push the dialog past a small screen.
        self.note.setObjectName("firstRunOuterNote")
        self.note = label("", name="firstRunNote")
        self.note.hide()
        self.body.addWidget(self.note)
        self.body.addStretch(1)
        self._screens: dict[SetUpStep, QWidget] = {}
        self._first_focus: dict[SetUpStep, QWidget] = {}
        self._build_name()
        self._build_size()
        self._build_zone()
        self._build_autostart()
        self._build_pin()
        self._build_person()
        self._build_plan()

        self.back_button = button(_("Back"), name="setUpBack")
        self.back_button.clicked.connect(self.back)
        self.skip_button = button(
            _("Skip for now"),
            name="setUpSkip",
            description=_("Everything so far is kept; carry on later from Today"),
        )
        self.skip_button.clicked.connect(self.reject)
        self.next_button = button(_("Next"), name="setUpNext", role="primary")
        self.next_button.clicked.connect(self.next)
        for widget in (self.back_button, self.skip_button, self.next_button):
            self.footer.addWidget(widget)
        # Space presses the focused button; Enter always means "Next".
        for push in self.findChildren(QPushButton):
            push.setAutoDefault(False)
        self.next_button.setDefault(True)
        self.step = SetUpStep.NAME
        self.show_step(set_up.step())

    # Moving between screens ---------------------------------------------------------------
    def show_step(self, step: SetUpStep) -> None:
        self.step = step
        index = STEPS.index(step)
        if step is SetUpStep.PLAN:
            # Before it is shown, so its height is measured with these words.
            self._plan_intro.setText(self._plan_words())
        for shown, screen in self._screens.items():
            screen.setVisible(shown is step)
        self.progress.setText(
            _("Question {number} of {count}").format(number=index + 1, count=len(STEPS))
        )
        self.question.setText(self._questions()[step])
        self.question.setAccessibleName(self.question.text())
        # Nothing comes before the first screen: no Back there, rather than one that does nothing.
        self.back_button.setVisible(index > 0)
        last = index == len(STEPS) - 1
        self.next_button.setText(_("Finish") if last else _("Next"))
        self.next_button.setAccessibleName(self.next_button.text())
        self.show_note("")
        self._set_up.go_to(step)
        # As if reached with Tab: a box's words are selected, so typing replaces them.
        self._first_focus[step].setFocus(Qt.FocusReason.TabFocusReason)

    def _questions(self) -> dict[SetUpStep, str]:
        return {
            SetUpStep.NAME: _("Whose computer is this?"),
            SetUpStep.SIZE: _("Which words are easiest to read?"),
            SetUpStep.ZONE: _("Where is home?"),
            SetUpStep.AUTOSTART: _("Open Lonely Bridge by itself?"),
            SetUpStep.PIN: _("A PIN for family and helpers"),
            SetUpStep.PERSON: _("Who would you like to keep in touch with?"),
            SetUpStep.PLAN: _("A regular call?"),
        }

    def back(self) -> None:
        index = STEPS.index(self.step)
        if index > 0:
            self.show_step(STEPS[index - 1])

    def next(self) -> None:
        try:
            self._save(self.step)
        except LonelyBridgeError as error:
            self.show_note(_problem_words(error))
            field = self.link_edit if isinstance(error, LinkRefused) else None
            (field or self._first_focus[self.step]).setFocus()
            self.scroll_area.ensureWidgetVisible(self.note)
            return
        index = STEPS.index(self.step)
        if index + 1 < len(STEPS):
            self.show_step(STEPS[index + 1])
        else:
            self._set_up.finish()
            self.accept()

    def reject(self) -> None:
        """Skip for now (or Escape): the screen is remembered, and nothing typed on it saved."""
        self._set_up.skip(self.step)
        super().reject()

    def _save(self, step: SetUpStep) -> None:
        if step is SetUpStep.NAME:
            self.name_edit.setText(self._set_up.save_owner_name(self.name_edit.text()))
        elif step is SetUpStep.ZONE and self.places.zone:
            self._set_up.save_home_zone(self.places.zone)
        elif step is SetUpStep.AUTOSTART:
            self._set_up.save_start_at_login(self.autostart_box.isChecked())
        elif step is SetUpStep.PIN:
            self._save_pin()
        elif step is SetUpStep.PERSON:
            self._save_person()
        elif step is SetUpStep.PLAN:
            self._save_plan()

    def _screen(
        self, step: SetUpStep, *, focus: QWidget | None = None, intro: str | None = None
    ) -> QVBoxLayout:
        screen = QWidget()
        screen.setObjectName(f"setUpScreen_{step.value}")
        layout = QVBoxLayout(screen)
        layout.setContentsMargins(0, 0, 0, 0)
        screen.hide()
        self._screens_layout.addWidget(screen)
        self._screens[step] = screen
        if focus is not None:
            self._first_focus[step] = focus
        if intro is not None:
            layout.addWidget(label(intro))
        return layout

    @staticmethod
    def _add_headed(layout: QVBoxLayout, heading: str, widget: QWidget) -> None:
        layout.addWidget(label(heading, role="heading"))
        layout.addWidget(widget)

    # The screens ------------------------------------------------------------------------
    def _build_name(self) -> None:
        self.name_edit = _line_edit("setUpName", _("Your name"), self._set_up.owner_name())
        layout = self._screen(
            SetUpStep.NAME,
            focus=self.name_edit,
            intro=_(
                "A few questions, one at a time, get Lonely Bridge ready. You can skip any "
                "of them and carry on later from the Today page."
            ),
        )
        self._add_headed(layout, _("What is your name?"), self.name_edit)
        layout.addWidget(
            label(
                _("Lonely Bridge greets you with it, and signs e-mails you choose to send."),
                role="muted",
            )
        )

    def _build_size(self) -> None:
        self.sizes = ChoiceGroup(self)
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        sizes = list(TextSize)
        for index, (size, word) in enumerate(words_for_sizes().items()):
            sample = button(
                _("{size}: Good morning").format(size=word),
                name=f"setUpSize{size.value.capitalize()}",
                role="choice",
                description=_("Make the text {size}").format(size=word.lower()),
                checkable=True,
            )
            # Each sample is shown at its own size, whatever size is chosen now.
            sample.setStyleSheet(f"font-size: {size.points}pt;")
            self.sizes.add(sample, index)
            column.addWidget(sample)
        current = sizes.index(self._set_up.text_size())
        self.sizes.set_checked(current)
        self.sizes.chosen.connect(lambda index: self.text_size_chosen.emit(sizes[index]))
        focus = self.sizes.button(current)
        assert focus is not None
        layout = self._screen(
            SetUpStep.SIZE,
            focus=focus,
            intro=_("Choose the size you can read most easily. It changes at once."),
        )
        layout.addWidget(box)

    def _build_zone(self) -> None:
        zone = self._set_up.home_zone()
        self.places = PlaceChooser(zone)
        layout = self._screen(SetUpStep.ZONE, focus=self.places.search)
        layout.addWidget(
            label(
                _(
                    "Call times are shown in home time. This computer is set to {place}. If "
                    "home is elsewhere, type a town or city nearby and choose it from the list."
                ).format(place=place_name(self._set_up.computer_zone())),
                name="setUpZoneNow",
            )
        )
        layout.addWidget(self.places)

    def _build_autostart(self) -> None:
        self.autostart_box = QCheckBox(_("Start with the computer"))
        self.autostart_box.setObjectName("setUpAutostart")
        self.autostart_box.setAccessibleName(_("Start Lonely Bridge when the computer starts"))
        self.autostart_box.setChecked(self._set_up.start_at_login())
        layout = self._screen(
            SetUpStep.AUTOSTART,
            focus=self.autostart_box,
            intro=_("Start Lonely Bridge when the computer starts"),
        )
        layout.addWidget(self.autostart_box)
        layout.addWidget(
            label(
                _("Then reminders for planned calls can ring, without anyone opening it."),
                role="muted",
            )
        )

    def _build_pin(self) -> None:
        self.pin_edit = _line_edit("setUpPin", _("The PIN"))
        self.pin_again_edit = _line_edit("setUpPinAgain", _("The same PIN again"))
        for edit in (self.pin_edit, self.pin_again_edit):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setMaxLength(MAX_DIGITS)
        layout = self._screen(
            SetUpStep.PIN,
            focus=self.pin_edit,
            intro=_(
                "Adding people, e-mail and the other helper tools are kept behind a PIN "
                "of 4 to 8 digits. You never need it for anything of your own."
            ),
        )
        self._add_headed(layout, _("The PIN"), self.pin_edit)
        self._add_headed(layout, _("The same PIN again"), self.pin_again_edit)
        self.pin_hint = label("", role="muted", name="setUpPinHint")
        layout.addWidget(self.pin_hint)
        self._pin_hint()

    def _pin_hint(self) -> None:
        if self._set_up.has_pin():
            words = _("A PIN is set. Leave both boxes empty to keep it.")
        else:
            words = _("Leave both boxes empty to skip this: a family member can set it later.")
        self.pin_hint.setText(words)

    def _save_pin(self) -> None:
        pin, again = self.pin_edit.text(), self.pin_again_edit.text()
        if pin or again:
            self._set_up.save_pin(pin, again)
            self.pin_edit.clear()
            self.pin_again_edit.clear()
            self._pin_hint()

    def _build_person(self) -> None:
        person = self._person
        link = person.default_link.url if person and person.default_link else ""
        self.person_name_edit = _line_edit(
            "setUpPersonName", _("Their name"), person.name if person else ""
        )
        self.relationship_edit = _line_edit(
            "setUpRelationship", _("How are they related?"), person.relationship if person else ""
        )
        self.relationship_edit.setPlaceholderText(_("for example: Daughter, Neighbour"))
        self.link_edit = _line_edit("setUpLink", _("Their call link or phone number"), link)
        self.link_edit.setPlaceholderText(_("paste the meeting link, or type a phone number"))
        self.link_status = label("", name="setUpLinkStatus")
        layout = self._screen(SetUpStep.PERSON, focus=self.person_name_edit)
        for title, edit in (
            (_("Their name"), self.person_name_edit),
            (_("How are they related?"), self.relationship_edit),
            (_("Their call link or phone number"), self.link_edit),
        ):
            self._add_headed(layout, title, edit)
        layout.addWidget(self.link_status)
        self.link_edit.textChanged.connect(self._check_link)
        self._check_link()
        if self._import_contacts is not None:
            layout.addWidget(label(_("Or, to add several people at once:"), role="muted"))
            import_button = button(
                _("Add people from a contacts file…"),
                name="setUpImport",
                description=_("A .vcf file, saved from a phone or an e-mail address book"),
            )
            import_button.setAutoDefault(False)
            import_button.clicked.connect(self._import)
            layout.addWidget(import_button)

    def _check_link(self) -> None:
        text = self.link_edit.text().strip()
        if not text:
            self.link_status.setText(_("One way to call them: paste a link or type a number."))
            return
        try:
            parsed = parse_call_link(text, trusted_jitsi_hosts=self._trusted_hosts())
        except LinkRefused as refused:
            self.link_status.setText("✗ " + explain_refusal(refused))
            return
        self.link_status.setText(
            "✓ " + _("A {service} link").format(service=service_name(parsed.service))
        )

    def _import(self) -> None:
        assert self._import_contacts is not None
        added = self._import_contacts(self)
        if not added:
            return
        first = added[0]
        self._person = first
        self.person_name_edit.setText(first.name)
        self.relationship_edit.setText(first.relationship)
        self.link_edit.setText(first.default_link.url if first.default_link else "")
        names = ", ".join(person.name for person in added)
        # Back from the file windows: the keyboard goes where the next thing is to do.
        self.activateWindow()
        self.link_edit.setFocus(Qt.FocusReason.TabFocusReason)
        self.show_note(
            _("Added {names}. Check {name}'s way to call, then press Next.").format(
                names=names, name=first.name
            )
        )

    def _save_person(self) -> None:
        self._person = self._set_up.save_first_person(
            self.person_name_edit.text(),
            self.relationship_edit.text(),
            self.link_edit.text(),
            person_id=self._person.id if self._person else None,
        )

    def _build_plan(self) -> None:
        self._plan_intro = label("", name="setUpPlanIntro")
        self.day_buttons: list[QPushButton] = []
        days = QWidget()
        flow = FlowLayout(days)
        for index, word in enumerate(_day_words()):
            day = button(word, name=f"setUpDay{index}", role="choice", checkable=True)
            flow.addWidget(day)
            self.day_buttons.append(day)
        self.time_edit = QTimeEdit(QTime(DEFAULT_CALL_TIME.hour, DEFAULT_CALL_TIME.minute))
        self.time_edit.setObjectName("setUpTime")
        self.time_edit.setAccessibleName(_("At what time?"))
        self.time_edit.setDisplayFormat("h:mm AP")
        layout = self._screen(SetUpStep.PLAN, focus=self.day_buttons[0])
        layout.addWidget(self._plan_intro)
        self._add_headed(layout, _("On which days?"), days)
        self._add_headed(layout, _("At what time?"), self.time_edit)

    def _plan_words(self) -> str:
        name = self._person.name if self._person else _("them")
        return _(
            "Lonely Bridge can remind you of a call with {name} every week. Choose the days "
            "and time, or choose no day for no regular call. Then press Finish."
        ).format(name=name)

    def _save_plan(self) -> None:
        days = tuple(index for index, day in enumerate(self.day_buttons) if day.isChecked())
        if not days or self._person is None:
            return
        chosen = self.time_edit.time()
        self._set_up.save_regular_call(
            self._person, weekdays=days, at=time(chosen.hour(), chosen.minute())
        )
        for day in self.day_buttons:
            day.setChecked(False)  # saved: coming back here must not plan it twice
        self.plan_saved.emit()


def words_for_sizes() -> dict[TextSize, str]:
    return dict(words_for(TEXT_SIZE).choices)
