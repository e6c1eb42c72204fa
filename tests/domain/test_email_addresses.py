"""Which e-mail addresses may be saved: one clear form that header, envelope and server share."""

from __future__ import annotations

import string
from email.headerregistry import Address

import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.provisional import domains

from lonely_bridge.domain.email_addresses import (
    EmailProblem,
    email_problem,
    tidy_email,
    valid_email,
)

ACCEPTED = [
    "anna@example.org",
    "a.b+c@mail.example.co.uk",
    "o'neil@example.org",
    "anna_smith-1@sub-domain.example.org",
    "#!$%&'*+-/=?^_`{|}~@example.org",
    "ANNA@Example.ORG",
    "root@localhost",
    "anna@xn--bcher-kva.de",
    "zoë@example.org",
    "anna@bücher.de",
    "用户@例子.广告",
    "θεός@παράδειγμα.ελ",
]

REFUSED = [
    ("anna@example.org.", EmailProblem.TRAILING_DOT),
    ("anna@localhost.", EmailProblem.TRAILING_DOT),
    ("anna@example..org", EmailProblem.BAD_DOMAIN),
    ("anna@.example.org", EmailProblem.BAD_DOMAIN),
    ("anna@example", EmailProblem.BAD_DOMAIN),
    ("anna@", EmailProblem.BAD_DOMAIN),
    ("anna@.", EmailProblem.BAD_DOMAIN),
    ("anna@-example.org", EmailProblem.BAD_DOMAIN),
    ("anna@example-.org", EmailProblem.BAD_DOMAIN),
    ("anna@exa_mple.org", EmailProblem.BAD_DOMAIN),
    ("anna@exa!mple.org", EmailProblem.BAD_DOMAIN),
    ("anna@127.0.0.1", EmailProblem.BAD_DOMAIN),
    ("anna@example.123", EmailProblem.BAD_DOMAIN),
    ("anna@[127.0.0.1]", EmailProblem.BAD_DOMAIN),
    ("anna@" + "a" * 64 + ".org", EmailProblem.BAD_DOMAIN),
    ("anna@xn--zz.de", EmailProblem.BAD_DOMAIN),  # not a real A-label
    ("anna@straße.de", EmailProblem.BAD_DOMAIN),  # IDNA 2003 and 2008 disagree
    ("anna@ｅxample.org", EmailProblem.BAD_DOMAIN),  # full-width letter
    ("a..b@example.org", EmailProblem.BAD_LOCAL_PART),
    (".anna@example.org", EmailProblem.BAD_LOCAL_PART),
    ("anna.@example.org", EmailProblem.BAD_LOCAL_PART),
    ("@example.org", EmailProblem.BAD_LOCAL_PART),
    ('"anna"@example.org', EmailProblem.BAD_LOCAL_PART),
    ("anna,tom@example.org", EmailProblem.BAD_LOCAL_PART),
    ("anna;tom@example.org", EmailProblem.BAD_LOCAL_PART),
    ("an\\na@example.org", EmailProblem.BAD_LOCAL_PART),
    ("anna(x)@example.org", EmailProblem.BAD_LOCAL_PART),
    ("zoë’s@example.org", EmailProblem.BAD_LOCAL_PART),  # a typographic apostrophe
    ("anna.example.org", EmailProblem.NO_AT),
    ("anna＠example.org", EmailProblem.NO_AT),  # a full-width look-alike "@"
    ("", EmailProblem.NO_AT),
    ("anna@tom@example.org", EmailProblem.SEVERAL_ATS),
    ("anna @example.org", EmailProblem.SPACE),
    ("anna@example.org\nBcc: x@y.z", EmailProblem.SPACE),
    ("anna@example.org\u00a0", EmailProblem.SPACE),
    ("anna\x7f@example.org", EmailProblem.HIDDEN_CHARACTER),
    ("anna\x00@example.org", EmailProblem.HIDDEN_CHARACTER),
    ("anna@example.org\u200b", EmailProblem.HIDDEN_CHARACTER),
    ("\u202eanna@example.org", EmailProblem.HIDDEN_CHARACTER),
    ("anna\u00ad@example.org", EmailProblem.HIDDEN_CHARACTER),
    ("Anna <anna@example.org>", EmailProblem.WITH_NAME),
    ("<anna@example.org>", EmailProblem.WITH_NAME),
    ("a" * 65 + "@example.org", EmailProblem.TOO_LONG),
    ("ö" * 33 + "@example.org", EmailProblem.TOO_LONG),  # 66 octets in UTF-8
    ("anna@" + ".".join(["a" * 60] * 5) + ".org", EmailProblem.TOO_LONG),
]


@pytest.mark.parametrize("address", ACCEPTED)
def test_accepted_forms(address: str) -> None:
    assert email_problem(address) is None
    assert valid_email(address)


@pytest.mark.parametrize(("address", "problem"), REFUSED)
def test_refused_forms_say_which_part_is_wrong(address: str, problem: EmailProblem) -> None:
    assert email_problem(address) is problem
    assert not valid_email(address)


def test_tidy_email_trims_and_composes_letters() -> None:
    assert tidy_email("  zoe\u0308@example.org\n") == "zo\u00eb@example.org"
    assert tidy_email("Anna@Example.org") == "Anna@Example.org"  # the case is the provider's


# --- Property tests ------------------------------------------------------------------------

ATOM = st.text(string.ascii_letters + string.digits + "!#$%&'*+-/=?^_`{|}~", min_size=1, max_size=8)
INTERNATIONAL_ATOM = st.text(st.sampled_from("aöéßçøñ用户θεό"), min_size=1, max_size=6)
LOCAL_PART = st.lists(st.one_of(ATOM, INTERNATIONAL_ATOM), min_size=1, max_size=4).map(".".join)
ADDRESSES = st.builds("{}@{}".format, LOCAL_PART, st.one_of(domains(), st.just("bücher.de")))


@given(st.emails())
def test_every_plain_address_is_accepted(address: str) -> None:
    assert email_problem(address) is None


@given(ADDRESSES)
def test_accepted_addresses_read_back_the_same_from_a_header(address: str) -> None:
    """The header parser of the standard library must find exactly the address we keep."""
    if email_problem(address) is not None:
        return
    local, _at, domain = address.rpartition("@")
    header = str(Address("Anna Zoë", local, domain))
    assert header == f"Anna Zoë <{address}>"
    if address.isascii():
        assert Address(addr_spec=address).addr_spec == address


@given(st.text(max_size=30), st.text(max_size=30))
def test_any_text_is_accepted_only_with_one_at_and_nothing_hidden(local: str, domain: str) -> None:
    address = f"{local}@{domain}"
    if email_problem(address) is None:
        assert address.count("@") == 1
        assert address.isprintable()
        assert not any(char.isspace() or char in '<>()[]",;:\\' for char in address)
        assert not domain.endswith(".")
        assert ".." not in address
