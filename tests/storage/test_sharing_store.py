"""The sharing store: a message is claimed once, withdrawn only when not being sent, and sent
ones stay on record when their person is removed."""

from __future__ import annotations

from datetime import timedelta

from lonely_bridge.domain.sharing import SENDING_LEASE, MailKind, OutboxEntry, TrustedPerson
from lonely_bridge.storage.stores import Stores
from tests.doubles import FixedClock


def _entry(recipient: TrustedPerson, clock: FixedClock, subject: str) -> OutboxEntry:
    assert recipient.id is not None
    return OutboxEntry(
        id=None, recipient_id=recipient.id, to_name=recipient.name, to_address=recipient.email,
        kind=MailKind.BY_HAND, subject=subject, body="Hello", message_id=f"<{subject}@example>",
        created_at=clock.now(), next_attempt_at=clock.now(),
    )  # fmt: skip


def _anna(store: Stores, clock: FixedClock) -> TrustedPerson:
    return store.sharing.add_trusted_person(
        TrustedPerson(None, "Anna", "anna@example.org"), now=clock.now()
    )


def test_a_due_message_is_claimed_once_and_cannot_be_withdrawn_while_sending(
    store: Stores, clock: FixedClock
) -> None:
    entry = store.sharing.add_to_outbox(_entry(_anna(store, clock), clock, "one"))
    assert entry.id is not None

    claimed = store.sharing.claim_outbox(entry.id, now=clock.now())

    assert claimed is not None
    assert claimed.attempts == 1
    assert store.sharing.claim_outbox(entry.id, now=clock.now()) is None
    assert not store.sharing.withdraw_outbox(entry.id, now=clock.now())
    # A sender that died mid-try lets go when the lease ends.
    assert store.sharing.withdraw_outbox(entry.id, now=clock.now() + SENDING_LEASE)


def test_removing_a_person_withdraws_unsent_and_keeps_what_was_sent(
    store: Stores, clock: FixedClock
) -> None:
    anna = _anna(store, clock)
    assert anna.id is not None
    sent = store.sharing.add_to_outbox(_entry(anna, clock, "sent"))
    store.sharing.add_to_outbox(_entry(anna, clock, "waiting"))
    assert sent.id is not None
    assert store.sharing.mark_outbox_sent(sent.id, sent_at=clock.now())

    withdrawn = store.sharing.delete_trusted_person(anna.id, now=clock.now())

    assert withdrawn == 1
    assert store.sharing.unsent_outbox() == []
    kept = store.sharing.sent_outbox()
    assert [(e.subject, e.recipient_id) for e in kept] == [("sent", None)]
    assert store.sharing.list_trusted_people() == []


def test_a_changed_address_follows_unsent_messages(store: Stores, clock: FixedClock) -> None:
    anna = _anna(store, clock)
    store.sharing.add_to_outbox(_entry(anna, clock, "waiting"))
    moved = TrustedPerson(anna.id, "Anna B", "anna@new.example.org", created_at=anna.created_at)

    saved, withdrawn = store.sharing.update_trusted_person(
        moved, now=clock.now() + timedelta(minutes=1), withdraw_unsent=False
    )

    assert withdrawn == 0
    assert saved == store.sharing.get_trusted_person(saved.id or 0)
    waiting = store.sharing.unsent_outbox()
    assert [(e.to_name, e.to_address) for e in waiting] == [("Anna B", "anna@new.example.org")]
