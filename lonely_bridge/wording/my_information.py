"""The words of "Your information": the README inside the saved file, and the dialog's words."""

from __future__ import annotations

from datetime import datetime

from lonely_bridge.i18n import _


def readme_text(*, owner_name: str, saved_at: datetime) -> str:
    """README.txt: what each part of the saved file is, in plain words."""
    whose = (
        _("This is {name}'s information from Lonely Bridge.").format(name=owner_name)
        if owner_name
        else _("This is your information from Lonely Bridge.")
    )
    lines = [
        whose,
        _("It was saved on {day}.").format(day=f"{saved_at:%A %d %B %Y at %H:%M}"),
        "",
        _("You do not need Lonely Bridge to open it. It holds:"),
        "",
        _(
            "information.json: everything Lonely Bridge keeps, as text. Any text editor or "
            "web browser can open it. Its parts are:"
        ),
        _("  your_name: your own name."),
        _("  people: the people you keep in touch with, with their call links and notes."),
        _("  groups: the groups you belong to, with their links."),
        _("  plans: your regular calls: who, which days, what time, and in which time zone."),
        _("  contact_records: each call, visit or message that was noted, and when."),
        _(
            "  check_in_answers: your answers to the short check-in questions, each question "
            "with the answer you gave."
        ),
        _("  lessons: how far you went in each lesson, and how sure you felt."),
        _(
            "  trusted_people: the people you chose to share news with by e-mail, and what "
            "each of them may see."
        ),
        _(
            "  messages_to_trusted_people: every message written to them, word for word, "
            "and when it was sent."
        ),
        _(
            "  settings: your choices, such as the text size. The helper's PIN and the "
            "e-mail password are not in this file: they are secrets."
        ),
        "",
        _("photos: the photos of the people in your life, named as in information.json."),
        "",
        _(
            "Keep this file somewhere safe and private: it holds your own life and the names "
            "of people dear to you."
        ),
    ]
    return "\n".join(lines) + "\n"
