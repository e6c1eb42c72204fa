"""E-mail addresses a helper types: checked strictly, so a message can only go where it says.

An address is accepted only in the one form that every step agrees on: the e-mail header, the
SMTP envelope and the receiving server. That is a dot-atom local part (RFC 5322), one "@", and
a domain of letter-digit-hyphen labels (RFC 1035), or their international forms (RFC 6531 local
parts; IDNA labels in their canonical spelling). Quoted local parts, address literals such as
``[127.0.0.1]``, a trailing dot and anything invisible are refused: each is legal somewhere or
nowhere, and each has been read differently by different programs.
"""

from __future__ import annotations

import re
import string
import unicodedata
from enum import StrEnum

MAX_ADDRESS_OCTETS = 254  # RFC 5321's limit on a forward path, less its angle brackets
MAX_LOCAL_OCTETS = 64
MAX_DOMAIN_OCTETS = 253
# The only single-label domain a person may mean: a test server on this computer.
LOCAL_DOMAIN = "localhost"

_ATEXT = frozenset(string.ascii_letters + string.digits + "!#$%&'*+-/=?^_`{|}~")
# Letters, marks and digits of every script; no symbols or punctuation beyond ASCII's atext,
# so a full-width "＠" or a look-alike quote cannot hide in the local part.
_INTERNATIONAL_CATEGORIES = frozenset({"Lu", "Ll", "Lt", "Lm", "Lo", "Mn", "Mc", "Me", "Nd"})
# Controls, format characters (zero-width, bidi overrides), separators and unassigned ones.
_HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})
_LDH_LABEL = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")


class EmailProblem(StrEnum):
    """Why an address cannot be used, so the words can point at the part to change."""

    SPACE = "space"
    HIDDEN_CHARACTER = "hidden_character"
    WITH_NAME = "with_name"  # "Anna <anna@example.org>": only the address belongs here
    NO_AT = "no_at"
    SEVERAL_ATS = "several_ats"
    BAD_LOCAL_PART = "bad_local_part"  # before the "@"
    TRAILING_DOT = "trailing_dot"
    BAD_DOMAIN = "bad_domain"  # after the "@"
    TOO_LONG = "too_long"


def email_problem(address: str) -> EmailProblem | None:
    """None when ``address`` can be saved and sent to exactly as it is; otherwise why not."""
    # In the order a person is most helped by: "anna at example" needs an "@" most of all.
    if "<" in address or ">" in address:
        return EmailProblem.WITH_NAME
    if "@" not in address:
        return EmailProblem.NO_AT
    if any(char.isspace() for char in address):
        return EmailProblem.SPACE
    if any(unicodedata.category(char) in _HIDDEN_CATEGORIES for char in address):
        return EmailProblem.HIDDEN_CHARACTER
    if address.count("@") > 1:
        return EmailProblem.SEVERAL_ATS
    if len(address.encode("utf-8")) > MAX_ADDRESS_OCTETS:
        return EmailProblem.TOO_LONG
    local, _at, domain = address.partition("@")
    return _local_problem(local) or _domain_problem(domain)


def valid_email(address: str) -> bool:
    return email_problem(address) is None


def tidy_email(address: str) -> str:
    """The address as it is kept: no surrounding spaces, and international letters in NFC.

    One spelling per address (RFC 6530 asks for NFC), so the envelope, the header and the
    saved address are the same string however the letters were typed.
    """
    return unicodedata.normalize("NFC", address.strip())


def _local_problem(local: str) -> EmailProblem | None:
    if len(local.encode("utf-8")) > MAX_LOCAL_OCTETS:
        return EmailProblem.TOO_LONG
    atoms = local.split(".")
    # Empty atoms are a leading, trailing or doubled dot; only quoting allows them.
    if not all(atoms) or not all(_atom_character(char) for char in local.replace(".", "")):
        return EmailProblem.BAD_LOCAL_PART
    return None


def _atom_character(char: str) -> bool:
    if char.isascii():
        return char in _ATEXT
    return unicodedata.category(char) in _INTERNATIONAL_CATEGORIES


def _domain_problem(domain: str) -> EmailProblem | None:
    if domain.endswith(".") and domain.rstrip("."):
        return EmailProblem.TRAILING_DOT
    if domain.lower() == LOCAL_DOMAIN:
        return None
    labels = domain.split(".")
    if len(labels) < 2:
        return EmailProblem.BAD_DOMAIN
    ascii_labels = [_ascii_label(label) for label in labels]
    checked = [label for label in ascii_labels if label and _LDH_LABEL.fullmatch(label)]
    # A domain ending in a number is an IP address in disguise, not a provider's name.
    if len(checked) != len(labels) or checked[-1].isdigit():
        return EmailProblem.BAD_DOMAIN
    if len(".".join(checked)) > MAX_DOMAIN_OCTETS:
        return EmailProblem.TOO_LONG
    return None


def _ascii_label(label: str) -> str | None:
    """The label as the DNS sees it (lower case), or None if it has no one clear spelling.

    An international label must already be in IDNA's canonical form (lower case, nothing the
    IDNA mapping would change), so "ß" or full-width letters, which the IDNA standards of
    2003 and 2008 read as different names, are refused rather than guessed at.
    """
    if not label:
        return None
    lowered = label.lower()
    try:
        if label.isascii():
            if lowered.startswith("xn--"):
                # An A-label must decode, and encode back to itself.
                decoded = lowered.encode("ascii").decode("idna")
                if decoded.encode("idna").decode("ascii") != lowered:
                    return None
            return lowered
        encoded = label.encode("idna").decode("ascii")
        if encoded.encode("ascii").decode("idna") != lowered:
            return None
    except UnicodeError:
        return None
    return encoded
