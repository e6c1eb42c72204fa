"""The camera and microphone check: plain words with no devices, choices, refusals, and stopping."""

from __future__ import annotations

import math
import struct
from array import array
from collections.abc import Callable

import pytest
from PySide6.QtCore import QObject, QTimer
from PySide6.QtMultimedia import QAudioSource, QCamera
from PySide6.QtMultimediaWidgets import QVideoWidget
from PySide6.QtWidgets import QApplication, QComboBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from lonely_bridge.domain.devices import Access, Device, DeviceKind, sound_level
from lonely_bridge.domain.settings import TextSize
from lonely_bridge.system.devices import DeviceFinder, ListedDevices
from lonely_bridge.ui.dialogs.device_check import (
    HEARD_HOLD_READINGS,
    DeviceCheckDialog,
    DeviceState,
)
from lonely_bridge.ui.theme import MIN_TARGET_PX, apply_theme

DIALOG_SIZE = (900, 700)
NO_CAMERA = "This computer has no camera that Lonely Bridge can find."
NO_MICROPHONE = "This computer has no microphone that Lonely Bridge can find."
WEBCAM = Device(b"fake-webcam", "Fake webcam")
SECOND_WEBCAM = Device(b"fake-second", "Second fake webcam", is_default=True)
HEADSET = Device(b"fake-headset", "Fake headset microphone")
SECOND_HEADSET = Device(b"fake-mic-2", "Second fake microphone")


class PluggableDevices(DeviceFinder):
    """Lists what a test plugs in; opening one still goes through Qt, which cannot open it."""

    def __init__(self) -> None:
        self.plugged_cameras: list[Device] = []
        self.plugged_microphones: list[Device] = []
        self.answers: dict[DeviceKind, Access] = {}
        self.answer_when_asked = Access.ALLOWED
        self.asked: list[DeviceKind] = []

    def cameras(self) -> list[Device]:
        return list(self.plugged_cameras)

    def microphones(self) -> list[Device]:
        return list(self.plugged_microphones)

    def access(self, kind: DeviceKind) -> Access:
        return self.answers.get(kind, Access.ALLOWED)

    def ask_access(
        self, kind: DeviceKind, context: QObject, done: Callable[[Access], None]
    ) -> None:
        # As on macOS: the answer comes later, after the person has answered the system.
        self.asked.append(kind)
        self.answers[kind] = self.answer_when_asked
        QTimer.singleShot(10, context, lambda: done(self.answer_when_asked))

    def watch(self, parent: QObject, changed: Callable[[], None]) -> None:
        return


def open_dialog(qtbot: QtBot, finder: DeviceFinder | None = None) -> DeviceCheckDialog:
    dialog = DeviceCheckDialog(finder or DeviceFinder())
    qtbot.addWidget(dialog)
    dialog.resize(*DIALOG_SIZE)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def assert_nothing_running(dialog: DeviceCheckDialog) -> None:
    assert dialog.camera is None
    assert dialog.microphone is None
    assert not dialog.listening
    assert not any(camera.isActive() for camera in dialog.findChildren(QCamera))
    assert not any(picture.isVisible() for picture in dialog.findChildren(QVideoWidget))


def test_this_computer_has_no_camera_or_microphone(
    qtbot: QtBot, press: Callable[[QWidget, str], None]
) -> None:
    """The acceptance test: the real lookup, on a machine (and CI) with no devices."""
    finder = DeviceFinder()
    if finder.cameras() or finder.microphones():
        pytest.skip("this computer has a camera or a microphone")
    dialog = open_dialog(qtbot)
    assert dialog.camera_state is DeviceState.NONE
    assert dialog.microphone_state is DeviceState.NONE
    assert dialog.camera_message.text().startswith(NO_CAMERA)
    assert "look for a small cover or switch over the lens" in dialog.camera_message.text()
    assert dialog.microphone_message.text().startswith(NO_MICROPHONE)
    assert dialog.camera_message.isVisible()
    assert dialog.microphone_message.isVisible()
    # No camera was even created, no picture area and no level bar are shown.
    assert dialog.findChildren(QCamera) == []
    assert dialog.findChildren(QVideoWidget) == []
    assert dialog.findChildren(QAudioSource) == []
    assert not dialog.level_bar.isVisible()
    assert not dialog.camera_box.isVisible()
    assert_nothing_running(dialog)
    with qtbot.waitSignal(dialog.finished):
        press(dialog, "deviceCheckClose")
    assert not dialog.isVisible()
    assert_nothing_running(dialog)


def test_no_devices_listed(qtbot: QtBot) -> None:
    """The same plain words wherever the list is empty, even on a computer with a webcam."""
    dialog = open_dialog(qtbot, ListedDevices())
    assert dialog.camera_message.text().startswith(NO_CAMERA)
    assert dialog.microphone_message.text().startswith(NO_MICROPHONE)
    assert dialog.findChildren(QCamera) == []
    dialog.close()
    assert_nothing_running(dialog)


@pytest.mark.allow_log("lonely_bridge.ui.dialogs.device_check", "WARNING")
def test_several_cameras_to_choose_from_and_one_that_will_not_open(
    qtbot: QtBot, press: Callable[[QWidget, str], None]
) -> None:
    """Qt itself refuses a camera the computer does not have; the dialog says so plainly."""
    finder = PluggableDevices()
    finder.plugged_cameras = [WEBCAM, SECOND_WEBCAM]
    finder.plugged_microphones = [HEADSET]
    dialog = open_dialog(qtbot, finder)
    box = dialog.camera_box
    assert box.isVisible()
    assert [box.itemText(i) for i in range(box.count())] == ["Fake webcam", "Second fake webcam"]
    assert box.currentText() == "Second fake webcam"  # the computer's usual camera first
    assert dialog.camera_state is DeviceState.FAILED
    message = dialog.camera_message.text()
    assert "could not open the camera “Second fake webcam”" in message
    assert "Another program" in message
    # Never a picture that is not there.
    assert "working" not in message
    assert_nothing_running(dialog)

    box.setCurrentIndex(0)
    assert "could not open the camera “Fake webcam”" in dialog.camera_message.text()
    assert_nothing_running(dialog)

    # One microphone: no choice to make, and it too cannot be opened.
    assert not dialog.microphone_box.isVisible()
    assert dialog.microphone_state is DeviceState.FAILED
    assert "could not open the microphone “Fake headset microphone”" in (
        dialog.microphone_message.text()
    )
    assert not dialog.level_bar.isVisible()

    # "Look again" keeps the person's choice.
    press(dialog, "deviceCheckLookAgain")
    assert box.currentText() == "Fake webcam"
    dialog.close()
    assert_nothing_running(dialog)


@pytest.mark.allow_log("lonely_bridge.ui.dialogs.device_check", "WARNING")
def test_several_microphones_to_choose_from(qtbot: QtBot) -> None:
    dialog = open_dialog(qtbot, ListedDevices(microphones=[HEADSET, SECOND_HEADSET]))
    box = dialog.microphone_box
    assert box.isVisible()
    assert dialog.microphone_choice.isVisible()
    assert box.count() == 2
    box.setCurrentIndex(1)
    assert "“Second fake microphone”" in dialog.microphone_message.text()
    assert dialog.camera_message.text().startswith(NO_CAMERA)
    dialog.close()


@pytest.mark.allow_log("lonely_bridge.ui.dialogs.device_check", "WARNING")
def test_a_microphone_opens_with_pyside_6_8_which_has_no_qtaudio(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """PySide6 6.8 (all a Raspberry Pi gets) names Qt's audio namespace QAudio, not QtAudio."""
    from PySide6 import QtMultimedia

    if hasattr(QtMultimedia, "QtAudio"):
        monkeypatch.delattr(QtMultimedia, "QtAudio")
    dialog = open_dialog(qtbot, ListedDevices(microphones=[HEADSET]))
    # Qt cannot open the stand-in microphone; the check says so as on newer versions.
    assert dialog.microphone_state is DeviceState.FAILED
    assert "“Fake headset microphone”" in dialog.microphone_message.text()
    dialog.close()
    assert_nothing_running(dialog)


@pytest.mark.allow_log("lonely_bridge.ui.dialogs.device_check", "WARNING")
def test_plugging_a_camera_in_then_looking_again(
    qtbot: QtBot, press: Callable[[QWidget, str], None]
) -> None:
    finder = PluggableDevices()
    dialog = open_dialog(qtbot, finder)
    assert dialog.camera_state is DeviceState.NONE
    finder.plugged_cameras = [WEBCAM]
    press(dialog, "deviceCheckLookAgain")
    assert dialog.camera_state is DeviceState.FAILED
    assert "“Fake webcam”" in dialog.camera_message.text()
    assert not dialog.camera_box.isVisible()  # only one: nothing to choose
    dialog.close()


def test_the_computer_refuses_the_camera_and_microphone(qtbot: QtBot) -> None:
    finder = ListedDevices(cameras=[WEBCAM], microphones=[HEADSET], access=Access.REFUSED)
    dialog = open_dialog(qtbot, finder)
    assert dialog.camera_state is DeviceState.REFUSED
    assert dialog.microphone_state is DeviceState.REFUSED
    assert "not letting Lonely Bridge use the camera" in dialog.camera_message.text()
    assert "Privacy, then Camera" in dialog.camera_message.text()
    assert "not letting Lonely Bridge use the microphone" in dialog.microphone_message.text()
    assert dialog.findChildren(QCamera) == []  # nothing was opened
    dialog.close()


@pytest.mark.parametrize("answer", [Access.ALLOWED, Access.REFUSED])
@pytest.mark.allow_log("lonely_bridge.ui.dialogs.device_check", "WARNING")
def test_the_computer_asks_first(qtbot: QtBot, answer: Access) -> None:
    finder = PluggableDevices()
    finder.plugged_cameras = [WEBCAM]
    finder.plugged_microphones = [HEADSET]
    finder.answers = {DeviceKind.CAMERA: Access.NOT_ASKED, DeviceKind.MICROPHONE: Access.NOT_ASKED}
    finder.answer_when_asked = answer
    dialog = open_dialog(qtbot, finder)
    assert dialog.camera_state is DeviceState.ASKING
    assert "Please choose “Allow”" in dialog.camera_message.text()
    assert dialog.microphone_state is DeviceState.ASKING
    assert finder.asked == [DeviceKind.CAMERA, DeviceKind.MICROPHONE]
    expected = DeviceState.FAILED if answer is Access.ALLOWED else DeviceState.REFUSED
    qtbot.waitUntil(lambda: dialog.camera_state is expected and dialog.microphone_state is expected)
    dialog.close()


def test_an_answer_after_closing_opens_nothing(qtbot: QtBot) -> None:
    finder = PluggableDevices()
    finder.plugged_cameras = [WEBCAM]
    finder.answers = {DeviceKind.CAMERA: Access.NOT_ASKED}
    dialog = open_dialog(qtbot, finder)
    assert dialog.camera_state is DeviceState.ASKING
    dialog.close()
    qtbot.wait(50)  # the system's answer arrives after the dialog has closed
    assert dialog.findChildren(QCamera) == []
    assert_nothing_running(dialog)


@pytest.mark.allow_log("lonely_bridge.ui.dialogs.device_check", "WARNING")
def test_closing_stops_everything_and_showing_again_looks_again(qtbot: QtBot) -> None:
    finder = PluggableDevices()
    dialog = open_dialog(qtbot, finder)
    with qtbot.waitSignal(dialog.finished):
        dialog.reject()  # Escape, or the window's close button
    assert_nothing_running(dialog)
    finder.plugged_cameras = [WEBCAM]
    dialog.show()
    qtbot.waitExposed(dialog)
    assert "“Fake webcam”" in dialog.camera_message.text()
    dialog.close()
    assert_nothing_running(dialog)


def test_the_level_words_say_when_you_are_heard(qtbot: QtBot) -> None:
    dialog = open_dialog(qtbot, ListedDevices())
    dialog.show_level(0)
    assert dialog.level_words.text().startswith("Quiet")
    dialog.show_level(70)
    assert dialog.level_bar.value() == 70
    assert dialog.level_words.text() == "I can hear you!"
    assert dialog.level_words.accessibleName() == "I can hear you!"
    # The words stay a moment after a pause for breath, then go back to "Quiet".
    for _reading in range(HEARD_HOLD_READINGS - 1):
        dialog.show_level(5)
        assert dialog.level_words.text() == "I can hear you!"
    dialog.show_level(5)
    assert dialog.level_words.text().startswith("Quiet")
    assert dialog.level_bar.value() == 5
    dialog.close()


def _int16(values: list[float]) -> bytes:
    return array("h", [round(value * 32767) for value in values]).tobytes()


def _sine(amplitude: float, count: int = 4800) -> list[float]:
    return [amplitude * math.sin(2 * math.pi * 440 * i / 48000) for i in range(count)]


def test_sound_level() -> None:
    assert sound_level(b"", "Int16") == 0
    assert sound_level(_int16([0.0] * 480), "Int16") == 0
    assert sound_level(_int16([1.0, -1.0] * 240), "Int16") == 100
    speech = sound_level(_int16(_sine(0.05)), "Int16")  # about -29 dB: speaking nearby
    assert 45 <= speech <= 55
    room = sound_level(_int16(_sine(0.001)), "Int16")  # about -63 dB: a quiet room
    assert room == 0
    assert sound_level(array("f", _sine(0.05)).tobytes(), "Float") == speech
    assert sound_level(bytes([128] * 480), "UInt8") == 0
    assert sound_level(bytes([0, 255] * 240), "UInt8") == 100
    loud32 = array("i", [2**31 - 1, -(2**31)] * 240).tobytes()
    assert sound_level(loud32, "Int32") == 100
    assert sound_level(_int16([0.5] * 10) + b"\x01", "Int16") > 0  # half a sample is ignored
    assert sound_level(struct.pack("=f", math.nan) * 4, "Float") == 0
    assert sound_level(_int16([1.0] * 10), "Unknown") == 0


@pytest.mark.parametrize("size", list(TextSize), ids=[size.value for size in TextSize])
@pytest.mark.parametrize("listed", ["none", "several"])
@pytest.mark.allow_log("lonely_bridge.ui.dialogs.device_check", "WARNING")
def test_words_fit_and_targets_are_big_and_named(
    qtbot: QtBot,
    qapp: QApplication,
    bundled_fonts: bool,
    clipped_widgets: Callable[[QWidget], list[str]],
    size: TextSize,
    listed: str,
) -> None:
    assert bundled_fonts
    apply_theme(qapp, size)
    if listed == "several":
        finder = ListedDevices(
            cameras=[WEBCAM, SECOND_WEBCAM], microphones=[HEADSET, SECOND_HEADSET]
        )
    else:
        finder = ListedDevices()
    dialog = open_dialog(qtbot, finder)
    dialog.show_level(50)
    assert clipped_widgets(dialog) == []
    controls = dialog.findChildren(QPushButton) + dialog.findChildren(QComboBox)
    shown = [control for control in controls if control.isVisibleTo(dialog)]
    assert len(shown) == (4 if listed == "several" else 2)
    for control in shown:
        assert control.objectName(), control
        assert control.accessibleName(), control.objectName()
        assert control.height() >= MIN_TARGET_PX, control.objectName()
        assert control.width() >= MIN_TARGET_PX, control.objectName()
    dialog.close()
