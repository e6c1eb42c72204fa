"""The e-mail to a trusted person: its subject and warm plain-text body, and the sharing words."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from lonely_bridge.domain.sharing import (
    MAX_PEOPLE_SHARED,
    MAX_REASONS_SHARED,
    MailKind,
    OutboxStatus,
    ShareableSummary,
    Topic,
    shareable,
    tidy,
)
from lonely_bridge.i18n import _, ngettext
from lonely_bridge.wording.time import long_date


def _names(names: list[str]) -> str:
    if len(names) == 1:
        return names[0]
    return _("{first} and {last}").format(first=", ".join(names[:-1]), last=names[-1])


def _opening(kind: MailKind, from_name: str) -> str:
    if kind is MailKind.LEVEL:
        return _(
            "{name} asked Lonely Bridge to let you know that a call or a visit from you "
            "would be very welcome at the moment."
        ).format(name=from_name)
    if kind is MailKind.WEEKLY:
        return _("{name} asked Lonely Bridge to send you this short note about the week.").format(
            name=from_name
        )
    return _("{name} asked Lonely Bridge to send you this short note.").format(name=from_name)


def subject_for(kind: MailKind, *, from_name: str, now: datetime) -> str:
    if kind is MailKind.LEVEL:
        return _("{name} would love to hear from you").format(name=from_name)
    if kind is MailKind.WEEKLY:
        # The date keeps each week's note apart in the reader's inbox.
        return _("{name}'s week, to {date}").format(name=from_name, date=long_date(now.date()))
    return _("A note from {name}").format(name=from_name)


def compose(
    summary: ShareableSummary,
    *,
    to_name: str,
    from_name: str,
    allowed: Collection[Topic],
    now: datetime,
    kind: MailKind = MailKind.BY_HAND,
) -> tuple[str, str]:
    """The subject and plain-text body: short, warm, and only the parts ``allowed``.

    ``now`` should be in the older adult's own zone; it dates the weekly note's subject.
    Texts that would grade or label the person (see ``shareable``) are left out.
    """
    to_name, from_name = tidy(to_name), tidy(from_name)
    paragraphs = [_("Dear {name},").format(name=to_name), _opening(kind, from_name)]

    level = tidy(summary.level_words)
    if Topic.LEVEL in allowed and level and shareable(level):
        paragraphs.append(_("How things are: {words}").format(words=level))
    if Topic.REASONS in allowed:
        reasons = [tidy(r) for r in summary.reasons if tidy(r) and shareable(r)]
        if reasons:
            lines = [_("What Lonely Bridge noticed:")]
            lines += [f"- {reason}" for reason in reasons[:MAX_REASONS_SHARED]]
            paragraphs.append("\n".join(lines))
    if Topic.PEOPLE_IN_TOUCH in allowed:
        people = list(dict.fromkeys(tidy(p) for p in summary.people_in_touch if tidy(p)))
        if people:
            shown = people[:MAX_PEOPLE_SHARED]
            if len(people) > len(shown):
                more = len(people) - len(shown)
                shown.append(ngettext("{n} other", "{n} others", more).format(n=more))
            paragraphs.append(_("Recently in touch with: {names}.").format(names=_names(shown)))
    next_call = tidy(summary.next_call or "")
    if Topic.NEXT_CALL in allowed and next_call and shareable(next_call):
        paragraphs.append(_("Next planned call: {when}").format(when=next_call))

    paragraphs.append(
        _(
            "{name} chose to share this with you, and can see exactly what was sent. "
            "The best reply is a call or a visit."
        ).format(name=from_name)
    )
    paragraphs.append(
        _("With warm wishes,\nLonely Bridge, on behalf of {name}").format(name=from_name)
    )
    return subject_for(kind, from_name=from_name, now=now), "\n\n".join(paragraphs) + "\n"


def topic_words(value: Topic) -> str:
    return {
        Topic.LEVEL: _("How things are, in a few words"),
        Topic.REASONS: _("What Lonely Bridge noticed"),
        Topic.PEOPLE_IN_TOUCH: _("Who they have been in touch with lately"),
        Topic.NEXT_CALL: _("Their next planned call"),
    }[value]


def mail_kind_words(value: MailKind) -> str:
    return {
        MailKind.LEVEL: _("A call or visit would be welcome"),
        MailKind.WEEKLY: _("Weekly note"),
        MailKind.BY_HAND: _("Sent by you"),
    }[value]


def outbox_status_words(value: OutboxStatus) -> str:
    return {
        OutboxStatus.SENT: _("Sent"),
        OutboxStatus.WAITING: _("Waiting to be sent"),
        OutboxStatus.RETRYING: _("Not sent yet; Lonely Bridge will try again"),
        OutboxStatus.SENDING: _("Being sent now"),
        OutboxStatus.INTERRUPTED: _(
            "Lonely Bridge was closed while sending this; it will send it again"
        ),
    }[value]
