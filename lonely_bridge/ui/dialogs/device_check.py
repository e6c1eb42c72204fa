"""Check my camera and microphone: see your own picture, and see and read when you are heard."""

from __future__ import annotations

import logging
from enum import StrEnum
from typing import TYPE_CHECKING

from PySide6.QtCore import QIODevice, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QComboBox, QLabel, QProgressBar, QVBoxLayout, QWidget

from lonely_bridge.domain.devices import Access, Device, DeviceKind, sound_level
from lonely_bridge.i18n import _
from lonely_bridge.ui.dialogs.base import ScrollingDialog
from lonely_bridge.ui.ports import DeviceFinder
from lonely_bridge.ui.theme import MIN_TARGET_PX
from lonely_bridge.ui.widgets.controls import button, label

if TYPE_CHECKING:
    from PySide6.QtMultimedia import QAudioSource, QCamera, QMediaCaptureSession
    from PySide6.QtMultimediaWidgets import QVideoWidget

# QtMultimedia is imported only when a camera or microphone is opened, so importing this
# module (from a page, at start-up) never loads it before the app's first paint.

log = logging.getLogger(__name__)

READ_INTERVAL_MS = 100  # read the microphone about ten times a second
HEARD_LEVEL = 35  # on sound_level's scale: ordinary speech near the microphone is about 50
HEARD_HOLD_READINGS = 15  # keep "I can hear you!" up for 1.5 s, so the words do not flicker
PICTURE_MIN_SIZE = (320, 240)


class DeviceState(StrEnum):
    NONE = "none"  # the computer has none
    ASKING = "asking"  # waiting for the person to answer the system's question
    REFUSED = "refused"  # the system does not let the app use it
    STARTING = "starting"  # opened; the picture has not come yet
    WORKING = "working"  # the picture is showing, or the microphone is listening
    FAILED = "failed"  # Qt could not open it


class DeviceCheckDialog(ScrollingDialog):
    """Shows the chosen camera's picture and the chosen microphone's level, live.

    Nothing starts until the dialog is shown, and everything stops when it closes. ``finder``
    says what the computer has (a ``ListedDevices`` in screenshots and tests). There is no
    time limit.
    """

    def __init__(self, finder: DeviceFinder, parent: QWidget | None = None) -> None:
        super().__init__(
            _("Check my camera and microphone"), name="deviceCheckDialog", parent=parent
        )
        self._finder = finder
        self._running = False
        self._cameras: list[Device] = []
        self._microphones: list[Device] = []
        self._camera: QCamera | None = None
        self._camera_id: bytes | None = None
        self._session: QMediaCaptureSession | None = None
        self._picture: QVideoWidget | None = None
        self._audio: QAudioSource | None = None
        self._audio_io: QIODevice | None = None
        self._audio_format = ""
        self._heard_for = 0
        self.camera_state = DeviceState.NONE
        self.microphone_state = DeviceState.NONE
        self._timer = QTimer(self)
        self._timer.setInterval(READ_INTERVAL_MS)
        self._timer.timeout.connect(self._read_microphone)
        self._build()
        self.finished.connect(self.stop_devices)
        self._finder.watch(self, self._devices_changed)

    def _build(self) -> None:
        body = self.body
        body.addWidget(
            label(
                _(
                    "Here you can see yourself as others will see you in a video call, and "
                    "check that the computer can hear you. Nothing is recorded or sent anywhere."
                )
            )
        )
        body.addWidget(label(_("Your camera"), role="heading", name="deviceCheckCameraHeading"))
        self.camera_choice = label(_("Which camera to use:"), name="deviceCheckCameraChoice")
        self.camera_box = _combo("deviceCheckCameraBox", _("Which camera to use"))
        self.camera_box.currentIndexChanged.connect(lambda _index: self._start_camera())
        body.addWidget(self.camera_choice)
        body.addWidget(self.camera_box)
        self._picture_holder = QVBoxLayout()
        body.addLayout(self._picture_holder)
        self.camera_message = label("", name="deviceCheckCameraMessage")
        body.addWidget(self.camera_message)

        body.addWidget(
            label(_("Your microphone"), role="heading", name="deviceCheckMicrophoneHeading")
        )
        self.microphone_choice = label(
            _("Which microphone to use:"), name="deviceCheckMicrophoneChoice"
        )
        self.microphone_box = _combo("deviceCheckMicrophoneBox", _("Which microphone to use"))
        self.microphone_box.currentIndexChanged.connect(lambda _index: self._start_microphone())
        body.addWidget(self.microphone_choice)
        body.addWidget(self.microphone_box)
        self.level_bar = QProgressBar()
        self.level_bar.setObjectName("deviceCheckLevel")
        self.level_bar.setAccessibleName(_("How loudly the microphone hears you"))
        self.level_bar.setRange(0, 100)
        self.level_bar.setTextVisible(False)  # the words below say what the bar means
        self.level_bar.setMinimumHeight(MIN_TARGET_PX)
        body.addWidget(self.level_bar)
        self.level_words = label("", role="heading", name="deviceCheckLevelWords")
        body.addWidget(self.level_words)
        self.microphone_message = label("", name="deviceCheckMicrophoneMessage")
        body.addWidget(self.microphone_message)
        for widget in (self.camera_choice, self.camera_box, self.microphone_choice):
            widget.hide()
        self.microphone_box.hide()
        self._show_listening(False)

        again = button(
            _("Look again"),
            name="deviceCheckLookAgain",
            description=_("Look for cameras and microphones again, after plugging one in"),
        )
        again.clicked.connect(self.look_again)
        done = button(_("Close"), name="deviceCheckClose", role="primary")
        done.clicked.connect(self.accept)
        self.footer.addWidget(done)
        self.footer.addWidget(again)
        done.setDefault(True)

    # --- Public ----------------------------------------------------------------------------

    @property
    def camera(self) -> QCamera | None:
        """The open camera, or None when none is open."""
        return self._camera

    @property
    def microphone(self) -> QAudioSource | None:
        """The open microphone, or None when none is open."""
        return self._audio

    @property
    def listening(self) -> bool:
        return self._timer.isActive()

    def look_again(self) -> None:
        """List the cameras and microphones afresh and start the chosen ones."""
        self._running = True
        self._cameras = self._finder.cameras()
        self._microphones = self._finder.microphones()
        self._fill(self.camera_box, self.camera_choice, self._cameras, self._camera_id)
        self._fill(
            self.microphone_box,
            self.microphone_choice,
            self._microphones,
            self._chosen_id(self.microphone_box),
        )
        self._start_camera()
        self._start_microphone()

    def stop_devices(self) -> None:
        """Switch the camera and microphone off; showing the dialog again starts them."""
        self._running = False
        self._stop_camera()
        self._stop_microphone()

    def show_level(self, level: int) -> None:
        """Show one microphone reading (0-100) on the bar and in words."""
        self.level_bar.setValue(level)
        if level >= HEARD_LEVEL:
            self._heard_for = HEARD_HOLD_READINGS
        elif self._heard_for > 0:
            self._heard_for -= 1
        if self._heard_for > 0:
            words = _("I can hear you!")
        else:
            words = _("Quiet. Say hello, and watch the bar grow.")
        if self.level_words.text() != words:
            self.level_words.setText(words)
            self.level_words.setAccessibleName(words)
        self.level_bar.setAccessibleDescription(words)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._running:
            self.look_again()

    # --- Choosing --------------------------------------------------------------------------

    @staticmethod
    def _fill(box: QComboBox, title: QLabel, devices: list[Device], keep: bytes | None) -> None:
        ids = [device.id for device in devices]
        if keep in ids:
            index = ids.index(keep)
        else:
            defaults = [i for i, device in enumerate(devices) if device.is_default]
            index = defaults[0] if defaults else 0
        box.blockSignals(True)
        box.clear()
        for device in devices:
            box.addItem(device.name, device.id)
        box.setCurrentIndex(index if devices else -1)
        box.blockSignals(False)
        several = len(devices) > 1
        box.setVisible(several)
        title.setVisible(several)

    @staticmethod
    def _chosen_id(box: QComboBox) -> bytes | None:
        chosen = box.currentData()
        return chosen if isinstance(chosen, bytes) else None

    @staticmethod
    def _chosen(box: QComboBox, devices: list[Device]) -> Device | None:
        if not devices:
            return None
        index = box.currentIndex()
        return devices[index] if 0 <= index < len(devices) else devices[0]

    def _devices_changed(self) -> None:
        if self._running:
            self.look_again()

    # --- Camera ----------------------------------------------------------------------------

    def _start_camera(self, *, asked: bool = False) -> None:
        if not self._running:
            return
        device = self._chosen(self.camera_box, self._cameras)
        if (
            device is not None
            and device.id == self._camera_id
            and self.camera_state is DeviceState.WORKING
        ):
            return  # already showing this camera (one still starting is tried afresh)
        self._stop_camera()
        if device is None:
            self._set_camera(
                DeviceState.NONE,
                _(
                    "This computer has no camera that Lonely Bridge can find. If you have a "
                    "webcam, check it is plugged in; on a laptop, look for a small cover or "
                    "switch over the lens. Then press “Look again”."
                ),
            )
            return
        access = self._finder.access(DeviceKind.CAMERA)
        if access is Access.NOT_ASKED and not asked:
            self._set_camera(
                DeviceState.ASKING,
                _(
                    "The computer may ask whether Lonely Bridge can use the camera. "
                    "Please choose “Allow” or “OK”."
                ),
            )
            self._finder.ask_access(DeviceKind.CAMERA, self, self._camera_access_answered)
            return
        if access is not Access.ALLOWED:
            self._set_camera(
                DeviceState.REFUSED,
                _(
                    "The computer is not letting Lonely Bridge use the camera. A helper can "
                    "allow it in the computer's settings, under Privacy, then Camera. "
                    "Then press “Look again”."
                ),
            )
            return
        self._open_camera(device)

    def _camera_access_answered(self, _access: Access) -> None:
        self._start_camera(asked=True)  # looks at the answer itself; refused is refused

    def _open_camera(self, device: Device) -> None:
        from PySide6.QtMultimedia import QCamera, QMediaCaptureSession

        camera = QCamera(self._finder.camera_device(device), self)
        self._camera, self._camera_id = camera, device.id
        # Qt refuses some cameras at once, without a signal (a device that has gone:
        # "No camera detected"); others fail later through errorOccurred.
        if camera.error() != QCamera.Error.NoError:
            self._camera_failed(device, camera.errorString())
            return
        camera.errorOccurred.connect(lambda _error, text: self._camera_failed(device, text))
        camera.activeChanged.connect(lambda active: self._camera_active_changed(device, active))
        if self._session is None:
            self._session = QMediaCaptureSession(self)
            self._session.setVideoOutput(self._picture_widget())
        self._session.setCamera(camera)
        self._set_camera(DeviceState.STARTING, _("Starting the camera…"))
        camera.start()
        if self._camera is camera and camera.error() != QCamera.Error.NoError:
            self._camera_failed(device, camera.errorString())

    def _picture_widget(self) -> QVideoWidget:
        if self._picture is None:
            from PySide6.QtMultimediaWidgets import QVideoWidget

            picture = QVideoWidget()
            picture.setObjectName("deviceCheckPicture")
            picture.setAccessibleName(_("Your camera's picture"))
            picture.setMinimumSize(*PICTURE_MIN_SIZE)
            picture.hide()
            self._picture_holder.addWidget(picture)
            self._picture = picture
        return self._picture

    def _camera_active_changed(self, device: Device, active: bool) -> None:
        if active:
            if self._picture is not None:
                self._picture.show()
            self._set_camera(
                DeviceState.WORKING,
                _("Your camera is working: this is what the other person will see."),
            )
        elif self.camera_state is DeviceState.WORKING:
            # Stopping it ourselves blocks this signal, so the camera stopped by itself.
            self._camera_failed(device, "the camera stopped")

    def _camera_failed(self, device: Device, reason: str) -> None:
        log.warning("Could not open the camera %r: %s", device.name, reason)
        self._stop_camera()
        self._camera_id = device.id  # remembered, so "Look again" keeps the same choice
        self._set_camera(
            DeviceState.FAILED,
            _(
                "Lonely Bridge could not open the camera “{name}”. Another program, such as "
                "a video call, may be using it: close that program, then press “Look "
                "again”. If that does not help, the computer may be blocking the camera: a "
                "helper can check its settings, under Privacy, then Camera."
            ).format(name=device.name),
        )

    def _stop_camera(self) -> None:
        camera, self._camera = self._camera, None
        if self._picture is not None:
            self._picture.hide()
        if camera is None:
            return
        camera.blockSignals(True)  # stopping is not a failure to report
        camera.stop()
        if self._session is not None:
            self._session.setCamera(None)  # type: ignore[arg-type]
        camera.deleteLater()
        if self.camera_state in (DeviceState.STARTING, DeviceState.WORKING):
            self.camera_state = DeviceState.NONE

    def _set_camera(self, state: DeviceState, words: str) -> None:
        self.camera_state = state
        self.camera_message.setText(words)
        self.camera_message.setAccessibleName(words)

    # --- Microphone ------------------------------------------------------------------------

    def _start_microphone(self, *, asked: bool = False) -> None:
        if not self._running:
            return
        self._stop_microphone()
        device = self._chosen(self.microphone_box, self._microphones)
        if device is None:
            self._set_microphone(
                DeviceState.NONE,
                _(
                    "This computer has no microphone that Lonely Bridge can find. If you use "
                    "a headset, or a webcam with a microphone, check it is plugged in. "
                    "Then press “Look again”."
                ),
            )
            return
        access = self._finder.access(DeviceKind.MICROPHONE)
        if access is Access.NOT_ASKED and not asked:
            self._set_microphone(
                DeviceState.ASKING,
                _(
                    "The computer may ask whether Lonely Bridge can use the microphone. "
                    "Please choose “Allow” or “OK”."
                ),
            )
            self._finder.ask_access(DeviceKind.MICROPHONE, self, self._microphone_answered)
            return
        if access is not Access.ALLOWED:
            self._set_microphone(
                DeviceState.REFUSED,
                _(
                    "The computer is not letting Lonely Bridge use the microphone. A helper "
                    "can allow it in the computer's settings, under Privacy, then "
                    "Microphone. Then press “Look again”."
                ),
            )
            return
        self._open_microphone(device)

    def _microphone_answered(self, _access: Access) -> None:
        self._start_microphone(asked=True)

    def _open_microphone(self, device: Device) -> None:
        from PySide6.QtMultimedia import QAudioSource

        qt_device = self._finder.audio_device(device)
        audio_format = qt_device.preferredFormat()
        source = QAudioSource(qt_device, audio_format, self)
        stream = source.start()  # "pull mode": the timer reads what has arrived
        if stream is None or _audio_fault(source):
            self._microphone_failed(device, source.error().name)
            source.deleteLater()
            return
        source.stateChanged.connect(lambda state: self._microphone_state_changed(device, state))
        self._audio, self._audio_io = source, stream
        self._audio_format = audio_format.sampleFormat().name
        self._heard_for = 0
        self.show_level(0)
        self._show_listening(True)
        self._set_microphone(
            DeviceState.WORKING,
            _("Say hello, or count to five. When the bar grows, the computer can hear you."),
        )
        self._timer.start()

    def _microphone_state_changed(self, device: Device, state: object) -> None:
        # Compared by name: the signal is declared with QAudio::State, the old name of QtAudio.
        source = self._audio
        if source is None or getattr(state, "name", "") != "StoppedState":
            return
        if _audio_fault(source):  # stopped by a fault, such as being unplugged
            self._microphone_failed(device, source.error().name)

    def _read_microphone(self) -> None:
        if self._audio_io is None:
            return
        self.show_level(sound_level(bytes(self._audio_io.readAll().data()), self._audio_format))

    def _microphone_failed(self, device: Device, reason: str) -> None:
        log.warning("Could not open the microphone %r: %s", device.name, reason)
        self._stop_microphone()
        self._set_microphone(
            DeviceState.FAILED,
            _(
                "Lonely Bridge could not open the microphone “{name}”. Another program may be "
                "using it: close that program, then press “Look again”. If that does not "
                "help, the computer may be blocking the microphone: a helper can check its "
                "settings, under Privacy, then Microphone."
            ).format(name=device.name),
        )

    def _stop_microphone(self) -> None:
        self._timer.stop()
        source, self._audio, self._audio_io = self._audio, None, None
        self._show_listening(False)
        if source is None:
            return
        source.blockSignals(True)
        source.stop()
        source.deleteLater()
        if self.microphone_state is DeviceState.WORKING:
            self.microphone_state = DeviceState.NONE

    def _show_listening(self, shown: bool) -> None:
        self.level_bar.setVisible(shown)
        self.level_words.setVisible(shown)

    def _set_microphone(self, state: DeviceState, words: str) -> None:
        self.microphone_state = state
        self.microphone_message.setText(words)
        self.microphone_message.setAccessibleName(words)


def _audio_fault(source: QAudioSource) -> bool:
    # By name: PySide6 6.8 (the newest a Raspberry Pi with glibc 2.36 can install) calls the
    # enum QAudio.Error; later versions call it QtAudio.Error and keep QAudio as another type.
    return source.error().name != "NoError"


def _combo(name: str, accessible_name: str) -> QComboBox:
    box = QComboBox()
    box.setObjectName(name)
    box.setAccessibleName(accessible_name)
    box.setMinimumHeight(MIN_TARGET_PX)
    return box
