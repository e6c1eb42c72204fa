"""AppServices: Today's services at once, each other one built on first use, once, on any thread."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from lonely_bridge.services.app_services import AppServices

LAZY = ("calls", "contacts", "people", "importer", "learning", "insight", "alerts")


class Maker:
    """Counts how often the container asks for a service, and hands back a new object each time."""

    def __init__(self, name: str, *, slow: threading.Event | None = None) -> None:
        self.name = name
        self.made = 0
        self._slow = slow

    def __call__(self) -> object:
        if self._slow is not None:
            self._slow.wait(5)
        self.made += 1
        return object()


def _services(makers: dict[str, Callable[[], Any]]) -> AppServices:
    first = {"overview": object(), "settings": object(), "plans": object()}
    return AppServices(**first, **makers)  # type: ignore[arg-type]


def test_nothing_but_todays_services_is_built_at_first() -> None:
    makers = {name: Maker(name) for name in LAZY}
    _services(makers)
    assert [maker.made for maker in makers.values()] == [0] * len(LAZY)


def test_each_service_is_built_on_first_use_and_kept() -> None:
    makers = {name: Maker(name) for name in LAZY}
    services = _services(makers)
    for name in LAZY:
        first = getattr(services, name)
        assert getattr(services, name) is first
        assert makers[name].made == 1
    assert all(maker.made == 1 for maker in makers.values())


def test_two_threads_asking_at_once_share_one_service() -> None:
    # The sharing rounds build theirs on a worker thread while the window may ask too.
    release = threading.Event()
    makers = {name: Maker(name) for name in LAZY}
    makers["insight"] = Maker("insight", slow=release)
    services = _services(makers)
    seen: list[object] = []
    workers = [threading.Thread(target=lambda: seen.append(services.insight)) for _ in range(2)]
    for worker in workers:
        worker.start()
    release.set()
    for worker in workers:
        worker.join(10)
    assert makers["insight"].made == 1
    assert len(seen) == 2
    assert seen[0] is seen[1]
