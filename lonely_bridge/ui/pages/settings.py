"""Settings, made from the settings table: a control for each setting the screen shows."""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLineEdit, QPushButton, QSpinBox, QVBoxLayout, QWidget

from lonely_bridge.domain.errors import LonelyBridgeError
from lonely_bridge.domain.settings import (
    SETTINGS,
    SPEECH_VOICE,
    Choice,
    Flag,
    HostNames,
    Kind,
    MailServer,
    Maybe,
    OneLine,
    Role,
    Setting,
    Whole,
    ZoneName,
)
from lonely_bridge.i18n import _
from lonely_bridge.services.settings import SettingsService
from lonely_bridge.ui.messages import Messenger
from lonely_bridge.ui.pages.base import Page
from lonely_bridge.ui.widgets.choices import ChoiceGroup
from lonely_bridge.ui.widgets.controls import button, card, label
from lonely_bridge.ui.widgets.flow_layout import button_row
from lonely_bridge.wording.settings import words_for

if TYPE_CHECKING:
    from lonely_bridge.ui.ports import Speaker


def control_name(setting: Setting[Any]) -> str:
    """The object name of ``setting``'s control: "settingTextSize" for "text_size"."""
    return "setting" + "".join(part.capitalize() for part in setting.key.split("_"))


def shown_settings(role: Role) -> list[Setting[Any]]:
    return [setting for setting in SETTINGS if setting.shown and setting.changed_by is role]


def _inner(kind: Kind[Any]) -> Kind[Any]:
    return kind.kind if isinstance(kind, Maybe) else kind


class SettingsForm(QWidget):
    """A labelled control for each shown setting ``role`` changes; each change is saved at once
    through the settings service."""

    changed = Signal(object)  # the Setting, after its new value was saved
    open_requested = Signal(object)  # a Setting with a window of its own (the e-mail server)

    def __init__(
        self,
        settings: SettingsService,
        role: Role,
        *,
        messenger: Messenger,
        speaker: Speaker | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(f"settingsForm{role.value.title().replace('_', '')}")
        self._settings = settings
        self._messenger = messenger
        # With it, the reading voice is chosen among this computer's voices, not typed.
        self._speaker = speaker
        # Each control's way of showing a value again (after a refusal, or a change elsewhere).
        self._showers: dict[Setting[Any], Callable[[Any], None]] = {}
        self.controls: dict[Setting[Any], QWidget] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(16)
        for setting in shown_settings(role):
            words = words_for(setting)
            box = card(name=f"{control_name(setting)}Card")
            inner = QVBoxLayout(box)
            inner.addWidget(
                label(words.label, role="heading", name=f"{control_name(setting)}Label")
            )
            inner.addWidget(label(words.help_line, role="muted"))
            control = self._control(setting)
            control.setObjectName(control_name(setting))
            control.setAccessibleName(words.label)
            control.setAccessibleDescription(words.help_line)
            self.controls[setting] = control
            inner.addWidget(control)
            layout.addWidget(box)

    def reload(self) -> None:
        """Show the saved values again."""
        for setting, show in self._showers.items():
            show(self._settings.get(setting))

    def _save(self, setting: Setting[Any], value: Any) -> None:
        try:
            self._settings.set(setting, value)
        except LonelyBridgeError as problem:
            self._messenger.problem(self.window(), problem)
            self._showers[setting](self._settings.get(setting))
            return
        self.changed.emit(setting)

    # One control per kind --------------------------------------------------------------------
    def _control(self, setting: Setting[Any]) -> QWidget:
        kind = _inner(setting.kind)
        value = self._settings.get(setting)
        if setting is SPEECH_VOICE and self._speaker is not None:
            return self._voice(setting, value)
        if isinstance(kind, Choice):
            words = words_for(setting).choices
            return self._choices(setting, [(m, words.get(m, str(m.value))) for m in kind.choices])
        if isinstance(kind, Flag):
            return self._choices(setting, [(True, _("On")), (False, _("Off"))])
        if isinstance(kind, Whole):
            return self._whole(setting, kind, value)
        if isinstance(kind, OneLine):
            return self._line(setting, value, max_chars=kind.max_chars)
        if isinstance(kind, ZoneName):
            return self._zone(setting, value)
        if isinstance(kind, HostNames):
            return self._host_names(setting, value)
        if isinstance(kind, MailServer):
            return self._window_button(setting)
        raise TypeError(f"no control for {type(kind).__name__}")

    def _choices(self, setting: Setting[Any], options: list[tuple[Any, str]]) -> QWidget:
        group = ChoiceGroup(self)
        buttons = []
        for index, (_value, word) in enumerate(options):
            suffix = str(_value.value if isinstance(_value, Enum) else _value).title()
            choice = button(
                word,
                name=f"{control_name(setting)}{suffix.replace('_', '')}",
                # Read out with the setting it belongs to: "On" alone says nothing.
                description=words_for(setting).label,
            )
            choice.setProperty("role", "choice")
            group.add(choice, index)
            buttons.append(choice)
        values = [value for value, _word in options]

        def show(value: Any) -> None:
            if value in values:
                group.set_checked(values.index(value))

        group.chosen.connect(lambda index: self._save(setting, values[index]))
        show(self._settings.get(setting))
        self._showers[setting] = show
        return button_row(*buttons)

    def _whole(self, setting: Setting[Any], kind: Whole, value: int) -> QWidget:
        spin = QSpinBox()
        spin.setRange(
            kind.minimum if kind.minimum is not None else 0,
            kind.maximum if kind.maximum is not None else 2**31 - 1,
        )
        # Saved when Enter is pressed, the arrows are used or the box is left; not per key.
        spin.setKeyboardTracking(False)
        spin.setValue(value)
        spin.setMinimumWidth(spin.fontMetrics().horizontalAdvance("0000") * 3)
        spin.valueChanged.connect(lambda number: self._save(setting, number))
        self._showers[setting] = lambda number: _quietly(spin, lambda: spin.setValue(number))
        return spin

    def _line(self, setting: Setting[Any], value: str, *, max_chars: int) -> QWidget:
        edit = QLineEdit(value)
        edit.setMaxLength(max_chars)

        def save() -> None:
            if edit.text() != self._settings.get(setting):
                self._save(setting, edit.text())
                edit.setText(self._settings.get(setting))  # as kept: tidied

        edit.editingFinished.connect(save)
        self._showers[setting] = edit.setText
        return edit

    def _zone(self, setting: Setting[Any], value: str | None) -> QWidget:
        from lonely_bridge.ui.widgets.place_chooser import PlaceChooser, place_name

        holder = QWidget()
        layout = QVBoxLayout(holder)
        layout.setContentsMargins(0, 0, 0, 0)
        now = label("", name=f"{control_name(setting)}Now")
        layout.addWidget(now)
        chooser = PlaceChooser(value)
        chooser.setObjectName(f"{control_name(setting)}Places")
        layout.addWidget(chooser)
        own = button(
            _("Use this computer's own time"),
            name=f"{control_name(setting)}Own",
            description=_("Times follow whatever this computer is set to"),
        )
        layout.addWidget(own, 0, Qt.AlignmentFlag.AlignLeft)
        chooser.chosen.connect(lambda zone: self._save(setting, zone))
        own.clicked.connect(lambda: self._save(setting, None))

        def show(zone: str | None) -> None:
            chooser.set_zone(zone)
            if zone:
                now.setText(_("Now: {place}").format(place=place_name(zone)))
            else:
                now.setText(_("Now: this computer's own time"))

        chooser.chosen.connect(lambda _zone: show(self._settings.get(setting)))
        own.clicked.connect(lambda: show(self._settings.get(setting)))
        show(value)
        self._showers[setting] = show
        return holder

    def _host_names(self, setting: Setting[Any], value: frozenset[str]) -> QWidget:
        edit = QLineEdit(", ".join(sorted(value)))
        edit.setPlaceholderText(_("for example: meet.example.org"))

        def names() -> frozenset[str]:
            return frozenset(part for part in edit.text().replace(",", " ").split() if part.strip())

        def save() -> None:
            if names() != self._settings.get(setting):
                self._save(setting, names())
                edit.setText(", ".join(sorted(self._settings.get(setting))))

        edit.editingFinished.connect(save)
        self._showers[setting] = lambda hosts: edit.setText(", ".join(sorted(hosts)))
        return edit

    def _voice(self, setting: Setting[Any], value: str) -> QWidget:
        from lonely_bridge.ui.widgets.voice_choice import VoiceChoice

        assert self._speaker is not None
        choice = VoiceChoice(
            self._speaker, value, name=control_name(setting), title=words_for(setting).label
        )
        choice.chosen.connect(lambda voice: self._save(setting, voice))
        self._showers[setting] = choice.show_voice
        return choice

    def _window_button(self, setting: Setting[Any]) -> QPushButton:
        words = words_for(setting)
        opener = button(
            _("Change {what}…").format(what=words.label.lower()), name=control_name(setting)
        )
        opener.clicked.connect(lambda: self.open_requested.emit(setting))
        self._showers[setting] = lambda _value: None
        return opener


def _quietly(widget: QWidget, change: Callable[[], None]) -> None:
    """Make ``change`` without the widget announcing it (and so without saving it again)."""
    blocked = widget.blockSignals(True)
    try:
        change()
    finally:
        widget.blockSignals(blocked)


class SettingsPage(Page):
    """What the older adult may change, openly: no PIN is ever asked for here."""

    setting_changed = Signal(object)  # the Setting just saved
    my_information_requested = Signal()

    def __init__(
        self, settings: SettingsService, *, messenger: Messenger, speaker: Speaker | None = None
    ) -> None:
        super().__init__(_("Settings"), name="settingsPage")
        self._settings = settings
        self._messenger = messenger
        self._speaker = speaker
        self.form: SettingsForm | None = None

    def refresh(self) -> None:
        self.clear_body()
        layout = self.body_layout()
        self.form = SettingsForm(
            self._settings, Role.OLDER_ADULT, messenger=self._messenger, speaker=self._speaker
        )
        self.form.changed.connect(self.setting_changed)
        layout.addWidget(self.form)
        layout.addWidget(label(_("Your information"), role="heading"))
        layout.addWidget(
            label(
                _(
                    "See what Lonely Bridge keeps about you, pause or delete it, or save it "
                    "all to a file."
                )
            )
        )
        mine = button(_("Your information…"), name="myInformation")
        mine.clicked.connect(self.my_information_requested)
        layout.addWidget(mine, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(
            label(
                _(
                    "Settings for the time zone, e-mail and starting with the computer are "
                    "under “For family and helpers”."
                ),
                role="muted",
                name="helperSettingsWhere",
            )
        )
