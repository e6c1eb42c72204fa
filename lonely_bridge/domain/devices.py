"""Cameras, microphones and the network as plain values, and how loud a stretch of sound is."""

from __future__ import annotations

import math
from array import array
from dataclasses import dataclass
from enum import StrEnum


class DeviceKind(StrEnum):
    CAMERA = "camera"
    MICROPHONE = "microphone"


@dataclass(frozen=True, slots=True)
class Device:
    """One camera or microphone, as the computer names it."""

    id: bytes
    name: str
    is_default: bool = False


class Access(StrEnum):
    """Whether the operating system lets the app use a camera or microphone."""

    ALLOWED = "allowed"
    REFUSED = "refused"
    NOT_ASKED = "not_asked"  # the system will ask the person (macOS, some sandboxes)


# --- Sound level ---------------------------------------------------------------------------

QUIET_FLOOR_DB = -60.0  # at or below this the level is 0; full scale (0 dB) is 100

# Qt's QAudioFormat.SampleFormat names: the array type code, and the value of full scale.
_SAMPLE_TYPES: dict[str, tuple[str, float, float]] = {
    "UInt8": ("B", 128.0, 128.0),  # unsigned: silence is 128
    "Int16": ("h", 0.0, 32768.0),
    "Int32": ("i", 0.0, 2147483648.0),
    "Float": ("f", 0.0, 1.0),
}


def sound_level(data: bytes, sample_format: str) -> int:
    """How loud ``data`` (raw samples, native byte order) is, from 0 (silence) to 100.

    ``sample_format`` is the name of Qt's ``QAudioFormat.SampleFormat`` ("Int16", "Float"...).
    The scale is in decibels, as ears hear: ordinary speech near the microphone is about 50.
    """
    if sample_format not in _SAMPLE_TYPES:
        return 0
    code, centre, full_scale = _SAMPLE_TYPES[sample_format]
    samples = array(code)
    usable = len(data) - len(data) % samples.itemsize
    samples.frombytes(data[:usable])
    if not samples:
        return 0
    mean_square = math.fsum(((value - centre) / full_scale) ** 2 for value in samples)
    rms = math.sqrt(mean_square / len(samples))
    if not rms > 0:  # also catches NaN from a broken float stream
        return 0
    decibels = 20 * math.log10(rms)
    level = (decibels - QUIET_FLOOR_DB) / -QUIET_FLOOR_DB * 100
    return max(0, min(100, round(level)))


class NetworkState(StrEnum):
    ONLINE = "online"  # the internet can be reached
    LIMITED = "limited"  # on a network, but perhaps not the internet (Qt's Site or Local)
    OFFLINE = "offline"  # not connected to any network
    UNKNOWN = "unknown"  # the computer cannot tell: never treat this as "no network"
