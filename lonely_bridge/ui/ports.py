"""What the windows need from this computer; the composition root hands in the real ones."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from PySide6.QtCore import QObject, SignalInstance
    from PySide6.QtMultimedia import QAudioDevice, QCameraDevice

    from lonely_bridge.domain.devices import Access, Device, DeviceKind, NetworkState
    from lonely_bridge.domain.reminders import PlanReminders


class Speaker(Protocol):
    """Reads words aloud."""

    def say(self, text: str) -> bool:
        """Start reading ``text``; False when there is no voice on this computer."""
        ...

    def stop(self) -> None: ...

    def voices(self) -> list[str]:
        """The names of the voices this computer can read with (none without a voice)."""
        ...


class Chime(Protocol):
    def play(self) -> None: ...


class DeviceFinder(Protocol):
    """The cameras and microphones, and whether the system lets the app use them."""

    def cameras(self) -> list[Device]: ...

    def microphones(self) -> list[Device]: ...

    def access(self, kind: DeviceKind) -> Access: ...

    def ask_access(
        self, kind: DeviceKind, context: QObject, done: Callable[[Access], None]
    ) -> None: ...

    def watch(self, parent: QObject, changed: Callable[[], None]) -> None: ...

    def camera_device(self, device: Device) -> QCameraDevice: ...

    def audio_device(self, device: Device) -> QAudioDevice: ...


class NetworkChecker(Protocol):
    def state(self) -> NetworkState: ...


class ReminderTimer(Protocol):
    """Says when each plan's reminder is due, on the window's thread, once."""

    due: SignalInstance  # the reminder's id and the Reminder
    tick: SignalInstance  # each look at the clock, with the time it read
    clock_jumped: SignalInstance  # the time expected and the time read

    def start(self) -> None: ...

    def shutdown(self) -> None: ...

    def check_now(self) -> None: ...

    def replace_all(self, timetables: Iterable[PlanReminders]) -> None: ...


# Copies a chosen picture into the photos folder; returns the stored file's name.
PhotoImporter = Callable[[Path, Path], str]


@dataclass(frozen=True)
class Machine:
    """This computer's voice, devices, network and photo store, for the windows to use."""

    speaker: Speaker
    devices: Callable[[], DeviceFinder]
    network: Callable[[], NetworkChecker]
    import_photo: PhotoImporter
