"""Helper mode: the PIN that opens it, the wait after wrong tries, and closing when left idle."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum

from lonely_bridge.domain.clock import Clock
from lonely_bridge.domain.errors import HelperLocked
from lonely_bridge.domain.pin import PinHash, check_pin_shape
from lonely_bridge.domain.settings import HELPER_PIN, PIN_LAST_WRONG, PIN_WRONG_TRIES
from lonely_bridge.services.ports import SettingsRepository
from lonely_bridge.services.settings import read, write

# A slip of the finger or two costs nothing; guessing a 4-digit PIN one try an hour does.
FREE_WRONG_TRIES = 3
FIRST_WAIT = timedelta(seconds=30)
LONGEST_WAIT = timedelta(hours=1)
# Helper mode closes by itself after this long without a key press or a click.
IDLE_LIMIT = timedelta(minutes=10)


def wait_after(wrong_tries: int) -> timedelta:
    """How long the next try must wait after ``wrong_tries`` wrong PINs in a row: nothing for
    the first three, then 30 seconds, doubling each time, up to an hour."""
    extra = wrong_tries - FREE_WRONG_TRIES
    if extra <= 0:
        return timedelta(0)
    # Capped before doubling, so a huge count cannot build a huge number.
    doublings: int = min(extra - 1, 16)
    return min(FIRST_WAIT * (1 << doublings), LONGEST_WAIT)


class Outcome(StrEnum):
    OPENED = "opened"  # the PIN was right (``confirm`` leaves helper mode as it was)
    WRONG = "wrong"  # the PIN was wrong; ``wait`` says how long before the next try
    WAIT = "wait"  # not checked: the wait after earlier wrong tries is not over
    NO_PIN = "no_pin"  # no PIN was ever set: one must be set first


@dataclass(frozen=True)
class Unlocking:
    outcome: Outcome
    wait: timedelta = timedelta(0)


class HelperAccess:
    """Whether helper mode is open, and the PIN that opens it.

    The wrong tries and the time of the last one are saved, so closing the app does not start
    the count again. Idle time is measured on the clock nobody can set.
    """

    def __init__(self, settings: SettingsRepository, clock: Clock) -> None:
        self._settings = settings
        self._clock = clock
        self._opened_at: float | None = None  # the steady clock at the last activity
        # The steady clock at this run's last wrong try: the wall clock set forward must not
        # end the wait early while the app runs.
        self._wrong_at: float | None = None

    # The PIN ------------------------------------------------------------------------------
    def has_pin(self) -> bool:
        return read(self._settings, HELPER_PIN) is not None

    def set_pin(self, pin: str) -> None:
        """Keep ``pin`` (4 to 8 digits) as the helper's PIN, hashed.

        Allowed when no PIN was ever set, or while helper mode is open; raises HelperLocked
        otherwise, and PinInvalid for a PIN of the wrong shape. Setting one opens helper mode.
        """
        check_pin_shape(pin)
        if self.has_pin() and not self.is_open():
            raise HelperLocked()
        now = self._clock.now()
        write(self._settings, HELPER_PIN, PinHash.of(pin), now=now)
        self._forget_wrong_tries()
        self._opened_at = self._clock.monotonic()

    # Opening and closing ------------------------------------------------------------------
    def unlock(self, pin: str) -> Unlocking:
        """Open helper mode when ``pin`` is right and no wait is running."""
        return self._check(pin, opens=True)

    def confirm(self, pin: str) -> Unlocking:
        """Check ``pin`` as ``unlock`` does (wrong tries count, and wait), without opening
        helper mode: for a helper's PIN standing in for a confirmation elsewhere."""
        return self._check(pin, opens=False)

    def _check(self, pin: str, *, opens: bool) -> Unlocking:
        saved = read(self._settings, HELPER_PIN)
        if saved is None:
            return Unlocking(Outcome.NO_PIN)
        wait = self.wait_left()
        if wait > timedelta(0):
            return Unlocking(Outcome.WAIT, wait)
        if saved.matches(pin):
            self._forget_wrong_tries()
            if opens:
                self._opened_at = self._clock.monotonic()
            return Unlocking(Outcome.OPENED)
        tries = read(self._settings, PIN_WRONG_TRIES) + 1
        now = self._clock.now()
        write(self._settings, PIN_WRONG_TRIES, tries, now=now)
        write(self._settings, PIN_LAST_WRONG, now, now=now)
        self._wrong_at = self._clock.monotonic()
        return Unlocking(Outcome.WRONG, wait_after(tries))

    def wait_left(self) -> timedelta:
        """How long before the next PIN is checked; never less than nothing, never more than
        the full wait, even when the computer's clock has been set back."""
        wait = wait_after(read(self._settings, PIN_WRONG_TRIES))
        last_wrong = read(self._settings, PIN_LAST_WRONG)
        if wait <= timedelta(0) or last_wrong is None:
            return timedelta(0)
        now = self._clock.now()
        if now < last_wrong:
            # The clock was set back: the wait starts again from now, once, rather than
            # lasting until the clock catches up (which could be years).
            write(self._settings, PIN_LAST_WRONG, now, now=now)
            last_wrong = now
        left = min(wait, last_wrong + wait - now)
        if self._wrong_at is not None:
            steady = timedelta(seconds=self._clock.monotonic() - self._wrong_at)
            left = max(left, min(wait, wait - steady))
        return max(left, timedelta(0))

    def wrong_tries(self) -> int:
        return read(self._settings, PIN_WRONG_TRIES)

    def is_open(self) -> bool:
        """Whether helper mode is open; it closes here once left idle for IDLE_LIMIT."""
        if self._opened_at is None:
            return False
        if self._clock.monotonic() - self._opened_at >= IDLE_LIMIT.total_seconds():
            self._opened_at = None
        return self._opened_at is not None

    def idle_left(self) -> timedelta:
        """How long helper mode stays open without activity (nothing when it is closed)."""
        if not self.is_open() or self._opened_at is None:
            return timedelta(0)
        return IDLE_LIMIT - timedelta(seconds=self._clock.monotonic() - self._opened_at)

    def touch(self) -> None:
        """Someone is using helper mode: the idle time starts again."""
        if self.is_open():
            self._opened_at = self._clock.monotonic()

    def lock(self) -> None:
        """Close helper mode ("Done")."""
        self._opened_at = None

    def _forget_wrong_tries(self) -> None:
        now = self._clock.now()
        if read(self._settings, PIN_WRONG_TRIES):
            write(self._settings, PIN_WRONG_TRIES, 0, now=now)
        if read(self._settings, PIN_LAST_WRONG) is not None:
            write(self._settings, PIN_LAST_WRONG, None, now=now)
