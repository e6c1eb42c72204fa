"""The helper's PIN: 4 to 8 digits, kept as a salted scrypt hash, compared in constant time."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass

from lonely_bridge.domain.errors import PinInvalid

MIN_DIGITS = 4
MAX_DIGITS = 8
SALT_BYTES = 16
HASH_BYTES = 32
# scrypt's cost: 2**14 rounds of 8-block mixing (16 MiB, about 50 ms here), as OWASP's
# password storage advice gives for scrypt; a PIN has few digits, so each guess must be dear.
COST = 2**14
BLOCK_SIZE = 8
PARALLEL = 1
_SCHEME = "scrypt"


def check_pin_shape(pin: str) -> str:
    """``pin`` when it is 4 to 8 digits (0-9 only); raises PinInvalid otherwise."""
    if not isinstance(pin, str):
        raise PinInvalid(problem="not_digits")
    # str.isdigit accepts "²" and other scripts' digits, which no keypad types back the same way.
    if not pin or any(character not in "0123456789" for character in pin):
        raise PinInvalid(problem="not_digits", minimum=MIN_DIGITS, maximum=MAX_DIGITS)
    if not MIN_DIGITS <= len(pin) <= MAX_DIGITS:
        raise PinInvalid(problem="wrong_length", minimum=MIN_DIGITS, maximum=MAX_DIGITS)
    return pin


@dataclass(frozen=True)
class PinHash:
    """A PIN's scrypt hash with its salt and cost, so a later change of cost still reads old
    hashes."""

    salt: bytes
    digest: bytes
    cost: int = COST
    block_size: int = BLOCK_SIZE
    parallel: int = PARALLEL

    @classmethod
    def of(cls, pin: str, *, salt: bytes | None = None) -> PinHash:
        """Hash ``pin`` (checked for shape) with a new random salt unless one is given."""
        check_pin_shape(pin)
        salt = secrets.token_bytes(SALT_BYTES) if salt is None else salt
        return cls(salt=salt, digest=_scrypt(pin, salt, COST, BLOCK_SIZE, PARALLEL))

    def matches(self, pin: str) -> bool:
        """Whether ``pin`` is the PIN this hash was made from; the same time whatever it is."""
        typed = pin if isinstance(pin, str) else ""
        candidate = _scrypt(typed, self.salt, self.cost, self.block_size, self.parallel)
        return hmac.compare_digest(candidate, self.digest)

    @property
    def text(self) -> str:
        """``scrypt$<cost>$<block size>$<parallel>$<salt>$<hash>``, salt and hash in hexadecimal."""
        parts = (_SCHEME, str(self.cost), str(self.block_size), str(self.parallel))
        return "$".join((*parts, self.salt.hex(), self.digest.hex()))

    @classmethod
    def from_text(cls, text: str) -> PinHash:
        """Read ``text`` as ``text`` writes it; ValueError when it is anything else."""
        parts = text.split("$") if isinstance(text, str) else []
        if len(parts) != 6 or parts[0] != _SCHEME:
            raise ValueError("not a scrypt PIN hash")
        try:
            cost, block_size, parallel = (int(part) for part in parts[1:4])
            salt, digest = bytes.fromhex(parts[4]), bytes.fromhex(parts[5])
        except ValueError:
            raise ValueError("not a scrypt PIN hash") from None
        # Powers of two within what this computer can afford: a hostile profile must not be
        # able to ask for gigabytes of memory or hours of work.
        if not (2 <= cost <= 2**20 and cost & (cost - 1) == 0):
            raise ValueError("scrypt cost out of range")
        if not (1 <= block_size <= 32 and 1 <= parallel <= 16):
            raise ValueError("scrypt parameters out of range")
        if len(salt) < SALT_BYTES or len(digest) != HASH_BYTES:
            raise ValueError("salt or hash of the wrong length")
        return cls(salt, digest, cost, block_size, parallel)


def _scrypt(pin: str, salt: bytes, cost: int, block_size: int, parallel: int) -> bytes:
    return hashlib.scrypt(
        pin.encode("utf-8"),
        salt=salt,
        n=cost,
        r=block_size,
        p=parallel,
        maxmem=256 * 1024 * 1024,
        dklen=HASH_BYTES,
    )
