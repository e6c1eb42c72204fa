"""The helper's PIN: digits only, kept as a salted scrypt hash, checked in constant time."""

from __future__ import annotations

import hashlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lonely_bridge.domain.errors import PinInvalid
from lonely_bridge.domain.pin import COST, PinHash, check_pin_shape


@pytest.mark.parametrize("pin", ["4821", "0000", "12345678", "0123456"])
def test_four_to_eight_digits_make_a_pin(pin: str) -> None:
    assert check_pin_shape(pin) == pin


@pytest.mark.parametrize(
    ("pin", "problem"),
    [
        ("482", "wrong_length"),
        ("123456789", "wrong_length"),
        ("", "not_digits"),
        ("48 21", "not_digits"),
        ("abcd", "not_digits"),
        ("4821\n", "not_digits"),
        ("４８２１", "not_digits"),  # full-width digits pass str.isdigit
        ("²²²²", "not_digits"),
        ("-482", "not_digits"),
    ],
)
def test_anything_else_is_refused(pin: str, problem: str) -> None:
    with pytest.raises(PinInvalid) as refused:
        PinHash.of(pin)
    assert refused.value.params["problem"] == problem
    # The refusal never carries what was typed.
    assert pin not in str(refused.value) or not pin


def test_the_hash_is_scrypt_with_a_random_salt_and_its_parameters() -> None:
    first, second = PinHash.of("4821"), PinHash.of("4821")
    assert first.salt != second.salt
    assert first.digest != second.digest
    scheme, cost, block, parallel, _salt, _digest = first.text.split("$")
    assert (scheme, int(cost), int(block), int(parallel)) == ("scrypt", COST, 8, 1)
    expected = hashlib.scrypt(b"4821", salt=first.salt, n=COST, r=8, p=1, dklen=32)
    assert first.digest == expected
    assert "4821" not in first.text


def test_the_right_pin_matches_and_others_do_not() -> None:
    kept = PinHash.from_text(PinHash.of("4821").text)
    assert kept.matches("4821")
    for wrong in ("4822", "48210", "", "1284", " 4821"):
        assert not kept.matches(wrong)


def test_the_comparison_takes_the_same_time_whatever_is_typed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    compared: list[tuple[bytes, bytes]] = []
    import hmac

    real = hmac.compare_digest
    monkeypatch.setattr(hmac, "compare_digest", lambda a, b: compared.append((a, b)) or real(a, b))
    PinHash.of("4821").matches("0000")
    assert len(compared) == 1


SALT, DIGEST = "ab" * 16, "cd" * 32


def test_a_well_formed_text_is_read() -> None:
    read = PinHash.from_text(f"scrypt$16384$8$1${SALT}${DIGEST}")
    assert (read.salt, read.digest) == (bytes.fromhex(SALT), bytes.fromhex(DIGEST))


@pytest.mark.parametrize(
    "text",
    [
        "",
        "4821",
        f"bcrypt$16384$8$1${SALT}${DIGEST}",
        f"scrypt$16384$8$1$not hex${DIGEST}",
        f"scrypt$16384$8$1${SALT}$abcd",  # a hash of the wrong length
        f"scrypt$16385$8$1${SALT}${DIGEST}",
        f"scrypt$2147483648$8$1${SALT}${DIGEST}",  # gigabytes of memory
        f"scrypt$16384$800$1${SALT}${DIGEST}",
        f"scrypt$x$8$1${SALT}${DIGEST}",
        f"scrypt$16384$8$1$abcd${DIGEST}",  # a salt too short
        f"scrypt$16384$8$1${SALT}${DIGEST}$",
    ],
)
def test_text_that_is_not_a_hash_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match=r"scrypt|salt|hash"):
        PinHash.from_text(text)


@settings(max_examples=10, deadline=None)
@given(st.from_regex(r"[0-9]{4,8}", fullmatch=True))
def test_every_pin_survives_its_text_form(pin: str) -> None:
    assert PinHash.from_text(PinHash.of(pin).text).matches(pin)
