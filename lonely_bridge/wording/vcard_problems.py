"""Plain words for what could not be read in a contacts (.vcf) file."""

from __future__ import annotations

from typing import assert_never

from lonely_bridge.domain.errors import VCardError, VCardProblem
from lonely_bridge.formats.vcards import DEFAULT_MAX_BYTES, MAX_CARDS
from lonely_bridge.i18n import _

# Names in messages are cut so one absurd card cannot flood a dialog.
MAX_NAME_IN_MESSAGE_CHARS = 40


def explain_vcard_problem(error: VCardError) -> str:
    """Say in plain words what went wrong, naming the card and its line."""
    name = error.name
    if len(name) > MAX_NAME_IN_MESSAGE_CHARS:
        name = name[: MAX_NAME_IN_MESSAGE_CHARS - 1].rstrip() + "…"
    if name:
        where = _("Card {card} (line {line}, “{name}”)").format(
            card=error.card, line=error.line, name=name
        )
    else:
        where = _("Card {card} (line {line})").format(card=error.card, line=error.line)
    megabytes = int(error.params.get("max_bytes", DEFAULT_MAX_BYTES)) / 1_000_000
    count = int(error.params.get("max_cards", MAX_CARDS))
    limit = int(error.params.get("limit", 0))
    match error.problem:
        case VCardProblem.EMPTY_FILE:
            text = _("This file is empty, so there was nobody to import.")
        case VCardProblem.NOT_A_FILE:
            text = _(
                "This is not an ordinary file, so nothing was imported. "
                "Please choose the contacts file itself (its name usually ends in .vcf)."
            )
        case VCardProblem.NOT_A_VCARD:
            text = _(
                "This file is not a contacts file (a “vCard”, usually ending in .vcf), "
                "so nothing was imported."
            )
        case VCardProblem.TOO_LARGE:
            text = _(
                "This file is larger than {size} MB, far too large for a contacts file, "
                "so nothing was imported."
            )
        case VCardProblem.TOO_MANY_CARDS:
            text = _(
                "This file holds more than {count} cards, more than any address book, "
                "so nothing was imported."
            )
        case VCardProblem.UNTERMINATED_CARD:
            text = _("{where} stops before its end, so it was skipped. The file may be cut short.")
        case VCardProblem.NESTED_CARD:
            text = _("{where} has another card inside it, so it was skipped.")
        case VCardProblem.NO_NAME:
            text = _("{where} has no name we could read, so it was skipped.")
        case VCardProblem.UNSUPPORTED_VERSION:
            text = _("{where} uses a vCard version this app cannot read, so it was skipped.")
        # The card is added with the rest: said so that it reads well before and after adding.
        case VCardProblem.BAD_ENCODING:
            text = _("{where}: some of its details could not be read, so they are left out.")
        case VCardProblem.BAD_PHOTO:
            text = _("{where}: its photo could not be read, so it is left out.")
        case VCardProblem.NAME_SHORTENED:
            text = _("{where}: its name is very long, so only the first {limit} letters are kept.")
        case VCardProblem.NOTE_SHORTENED:
            text = _(
                "{where}: its notes are very long, so only the first {limit} letters are kept."
            )
        case VCardProblem.NUMBER_TOO_LONG:
            text = _(
                "{where}: one of its phone numbers is far too long to be a real number, "
                "so it is left out."
            )
        case unknown:
            assert_never(unknown)
    return text.format(where=where, size=f"{megabytes:g}", count=f"{count:,}", limit=f"{limit:,}")
