"""Households with photos on disk, what the services see of them, and household files rewritten
by hand into the hostile shapes a restore must refuse."""

from __future__ import annotations

import hashlib
import io
import json
import struct
import warnings
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from lonely_bridge.app.compose import Edges, ServiceFactory
from lonely_bridge.storage import migrate
from lonely_bridge.storage.household_file import MANIFEST_MEMBER
from lonely_bridge.storage.stores import open_stores
from lonely_bridge.system.paths import photos_dir, prepare_data_dir
from tests.doubles import FixedClock
from tests.household import add_demo_household
from tests.storage.records import someone


def png_bytes(width: int = 2, height: int = 2, shade: int = 0x60) -> bytes:
    """A real, tiny PNG image, made without any image library."""
    row = b"\x00" + bytes([0x30, shade, 0x90]) * width
    raw = zlib.compress(row * height)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", raw) + chunk(b"IEND", b"")


def add_household_with_photos(data_dir: Path, clock: FixedClock) -> None:
    """Margaret's demo household, with a photo for Anna and for Tom, closed as the app leaves it."""
    stores = open_stores(migrate.open_database(data_dir, now=clock.now()))
    try:
        add_demo_household(stores, clock)
        photos = photos_dir(data_dir)
        photos.mkdir(exist_ok=True)
        for shade, person in enumerate(stores.today.list_people()):
            if person.name in {"Anna", "Tom"}:
                name = f"{person.name.lower()}0123456789abcdef.png"
                (photos / name).write_bytes(png_bytes(shade=shade))
                stores.people.update_person(replace(person, photo_file=name), now=clock.now())
    finally:
        stores.close()


def household_on_another_computer(folder: Path, clock: FixedClock) -> Path:
    """Margaret's household with photos, with Grace added, in a new data folder."""
    folder = prepare_data_dir(folder)
    add_household_with_photos(folder, clock)
    stores = open_stores(migrate.open_database(folder, now=clock.now()))
    try:
        stores.people.add_person(someone("Grace"), now=clock.now())
    finally:
        stores.close()
    return folder


def household_view(data_dir: Path, clock: FixedClock) -> dict[str, Any]:
    """What the services show of the household in ``data_dir``, and the photos' bytes."""
    stores = open_stores(migrate.open_database(data_dir, now=clock.now()))
    try:
        services = ServiceFactory(stores, Edges(clock), data_dir)
        overview = services.overview()
        view = {
            "people": overview.people(),
            "archived": services.people().archived(),
            "plans": services.plans().plans(),
            "events": overview.recent_events(days=3650),
            "owner": services.settings().owner_name(),
        }
    finally:
        stores.close()
    photos = photos_dir(data_dir)
    view["photos"] = {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(photos.glob("*"))
    }
    return view


Member = tuple[zipfile.ZipInfo, bytes]


def members_of(source: Path) -> list[Member]:
    with zipfile.ZipFile(source) as bundle:
        return [(info, bundle.read(info)) for info in bundle.infolist()]


def write_members(target: Path, members: list[Member]) -> Path:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as bundle, warnings.catch_warnings():
        # A name given twice is one of the hostile shapes written on purpose.
        warnings.filterwarnings("ignore", "Duplicate name", UserWarning)
        for info, data in members:
            bundle.writestr(info, data)
    target.write_bytes(buffer.getvalue())
    return target


def manifest_of(members: list[Member]) -> dict[str, Any]:
    data = next(data for info, data in members if info.filename == MANIFEST_MEMBER)
    loaded: dict[str, Any] = json.loads(data)
    return loaded


def with_manifest(members: list[Member], manifest: dict[str, Any]) -> list[Member]:
    text = json.dumps(manifest).encode()
    return [(info, text if info.filename == MANIFEST_MEMBER else data) for info, data in members]


def add_member(
    members: list[Member], name: str, data: bytes, *, listed: bool = True
) -> list[Member]:
    """``members`` with one more, listed in the manifest with its true size and checksum."""
    changed = [*members, (zipfile.ZipInfo(name), data)]
    if not listed:
        return changed
    manifest = manifest_of(members)
    entry = {"name": name, "size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
    manifest["members"].append(entry)
    if name.startswith("photos/"):
        manifest["counts"]["photos"] += 1
    return with_manifest(changed, manifest)


def rewritten(source: Path, target: Path, change: Callable[[list[Member]], list[Member]]) -> Path:
    """A copy of the household file ``source`` at ``target``, with ``change`` made to it."""
    return write_members(target, change(members_of(source)))
