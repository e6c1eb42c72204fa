"""What this computer has for a video call: its cameras, its microphones and its network."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QCameraPermission, QCoreApplication, QMicrophonePermission, QObject, Qt

from lonely_bridge.domain.devices import Access, Device, DeviceKind, NetworkState

if TYPE_CHECKING:
    from PySide6.QtMultimedia import QAudioDevice, QCameraDevice

log = logging.getLogger(__name__)

# QtMultimedia (and its FFmpeg backend) and QtNetwork are imported inside the functions that
# need them: they must not load before the app's first paint.

_ACCESS = {
    Qt.PermissionStatus.Granted: Access.ALLOWED,
    Qt.PermissionStatus.Denied: Access.REFUSED,
    Qt.PermissionStatus.Undetermined: Access.NOT_ASKED,
}


def _permission(kind: DeviceKind) -> QCameraPermission | QMicrophonePermission:
    return QCameraPermission() if kind is DeviceKind.CAMERA else QMicrophonePermission()


def _id(device: QCameraDevice | QAudioDevice) -> bytes:
    return bytes(device.id().data())


class DeviceFinder:
    """Lists the computer's cameras and microphones through QtMultimedia's QMediaDevices.

    Subclass it (or use ``ListedDevices``) to choose what is listed; finding the Qt device
    for a listed one always asks Qt, so a device the computer does not have never opens.
    """

    def cameras(self) -> list[Device]:
        try:
            from PySide6.QtMultimedia import QMediaDevices
        except ImportError as error:  # PySide6-Addons missing, or a system library absent
            log.info("Cannot list cameras: %s", error)
            return []
        default = _id(QMediaDevices.defaultVideoInput())
        return [
            Device(_id(camera), camera.description(), _id(camera) == default)
            for camera in QMediaDevices.videoInputs()
        ]

    def microphones(self) -> list[Device]:
        try:
            from PySide6.QtMultimedia import QMediaDevices
        except ImportError as error:
            log.info("Cannot list microphones: %s", error)
            return []
        default = _id(QMediaDevices.defaultAudioInput())
        return [
            Device(_id(mic), mic.description(), _id(mic) == default)
            for mic in QMediaDevices.audioInputs()
        ]

    def access(self, kind: DeviceKind) -> Access:
        app = QCoreApplication.instance()
        if app is None:
            return Access.NOT_ASKED
        return _ACCESS[app.checkPermission(_permission(kind))]

    def ask_access(
        self, kind: DeviceKind, context: QObject, done: Callable[[Access], None]
    ) -> None:
        """Ask the system (which may ask the person); ``done`` gets the answer later."""
        app = QCoreApplication.instance()
        if app is None:
            done(Access.REFUSED)
            return
        app.requestPermission(
            _permission(kind), context, lambda permission: done(_ACCESS[permission.status()])
        )

    def watch(self, parent: QObject, changed: Callable[[], None]) -> None:
        """Call ``changed`` whenever a camera or microphone is plugged in or taken away."""
        try:
            from PySide6.QtMultimedia import QMediaDevices
        except ImportError:
            return
        devices = QMediaDevices(parent)  # owned by parent, so it lives as long as it
        devices.videoInputsChanged.connect(changed)
        devices.audioInputsChanged.connect(changed)

    def camera_device(self, device: Device) -> QCameraDevice:
        """Qt's camera for ``device``; a null one (which QCamera refuses) if it has gone."""
        from PySide6.QtMultimedia import QCameraDevice, QMediaDevices

        for camera in QMediaDevices.videoInputs():
            if _id(camera) == device.id:
                return camera
        return QCameraDevice()

    def audio_device(self, device: Device) -> QAudioDevice:
        """Qt's microphone for ``device``; a null one (which QAudioSource cannot open)."""
        from PySide6.QtMultimedia import QAudioDevice, QMediaDevices

        for mic in QMediaDevices.audioInputs():
            if _id(mic) == device.id:
                return mic
        return QAudioDevice()


class ListedDevices(DeviceFinder):
    """A finder over a fixed list, for screenshots and tests; opening still goes through Qt."""

    def __init__(
        self,
        *,
        cameras: Sequence[Device] = (),
        microphones: Sequence[Device] = (),
        access: Access = Access.ALLOWED,
    ) -> None:
        self._cameras = list(cameras)
        self._microphones = list(microphones)
        self._access = access

    def cameras(self) -> list[Device]:
        return list(self._cameras)

    def microphones(self) -> list[Device]:
        return list(self._microphones)

    def access(self, kind: DeviceKind) -> Access:
        return self._access

    def ask_access(
        self, kind: DeviceKind, context: QObject, done: Callable[[Access], None]
    ) -> None:
        done(self._access)

    def watch(self, parent: QObject, changed: Callable[[], None]) -> None:
        return


# --- Network -------------------------------------------------------------------------------


# Keyed by the name of Qt's QNetworkInformation.Reachability.
_REACHABILITY: dict[str, NetworkState] = {
    "Online": NetworkState.ONLINE,
    "Site": NetworkState.LIMITED,
    "Local": NetworkState.LIMITED,
    "Disconnected": NetworkState.OFFLINE,
    "Unknown": NetworkState.UNKNOWN,
}


def network_state_from(reachability: str) -> NetworkState:
    """Plain state for a QNetworkInformation.Reachability name; anything odd is UNKNOWN."""
    return _REACHABILITY.get(reachability, NetworkState.UNKNOWN)


class NetworkChecker:
    """Whether the computer is online, from QNetworkInformation (loaded on first use)."""

    def state(self) -> NetworkState:
        try:
            from PySide6.QtNetwork import QNetworkInformation
        except ImportError as error:
            log.info("Cannot tell whether the network is up: %s", error)
            return NetworkState.UNKNOWN
        reachability = QNetworkInformation.Feature.Reachability
        if QNetworkInformation.instance() is None and not (
            QNetworkInformation.loadDefaultBackend() or QNetworkInformation.load(reachability)
        ):
            log.info("No network information backend (%s)", QNetworkInformation.availableBackends())
            return NetworkState.UNKNOWN
        info = QNetworkInformation.instance()
        if info is None or not info.supports(reachability):
            return NetworkState.UNKNOWN
        return network_state_from(info.reachability().name)
